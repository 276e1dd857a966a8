# batch 50 (round 5). Quoted ad slogans and sellers' messages in reports on certificate courses, 学历提升 agencies and
# 职称代评 (training/exam fraud), with the reports and other pages of the same sites as hard negatives; hard negatives
# from a training school's notice with contacts, a forum warning on fake query pages, police and court reports.
# Look-ups: pages: 替考 枪手 联系QQ 包过 考试 不过退款 (SEO tag pages only) |
#   电工证 焊工证 不用考试 直接拿证 加微信 回复 (how-tos only) | 需要的私聊我 电工证 焊工证 高处作业证 可查 出证快 (SEO only) |
#   證照 代考 槍手 堆高機 證照 不用考 聯絡 LINE (nothing) | buy OSHA 30 card without training registered certificate (guides) |
#   本站 证书查询 输入姓名 身份证号 查询证书 全国通用 入库 可查 中心 (imitation query page: none) |
#   仿冒 证书查询网站 域名 假冒 官方 查询平台 特种作业 警方 查处 (reports, a forum warning) |
#   执业药师 挂证 中介 对记者说 一年 挂靠费 药店 暗访 (SEO only) |
#   消防设施操作员 培训机构 承诺 包过 拿证 月入过万 记者调查 学员 (stories already in the corpus) |
#   叉车证 网上 办理 卖家 表示 不用培训 不用考试 几天 出证 可以查到 记者 (SEO only) |
#   科目一 代考 驾照 考试 作弊 中介 称 保过 收费 民警 (SEO only) |
#   记者以学员身份咨询 对方称 不用到场 不用考试 交钱 一周 就能拿到 特种作业操作证 … (stories already in the corpus) |
#   客服称 “保证能查到” “全国通用” 电工证 … 网购 假证 工地 检查 发现 (how-tos) |
#   考试作弊 答案 出售 微信群 “考前发答案” “不过全额退款” 安全员 建造师 案件 判决 (court reports) |
#   朋友圈 广告 “特种作业证 快速拿证 无需考试 可上网查询” 民警 顺线 抓获 制假 团伙 (police reports) |
#   注册安全工程师 挂证 中介 报价 … | 安全员C证 建筑八大员 招生 广告 “包过” … | BIM 证书 培训机构 宣传 … |
#   电梯 安全管理员 证 网上 代办 卖家 说 … | 成人高考 学历提升 招生 广告语 “不用考试” “包毕业” … |
#   职称 代评 中介 “包过” “内部渠道” … | 教师资格证 普通话 代考 替考 QQ群 报价 … (SEO only) |
#   健康管理师 心理咨询师 考证 广告 “躺赚” “挂靠” 宣传语 机构 老师 承诺
# Found but left out (round 5 kept its negatives to the most useful ones, so that the round stays above 45 % positive and
#   the Chinese texts at 40 %): how-tos and blog anecdotes (fujinlou.com, qidayuan.cn x2), an elevator-inspection warning
#   (diantizixun.cn), an enrolment-pitch report (beiyuwangxiao.com), second paragraphs of the xna8.com and dfnxz.com
#   reports, a driving-school 包过 report (myzaker.com), a second 平安卡 report (stheadline.com), a 替考 court paragraph
#   (worldjournal.com).
add('''心理咨询师报名开始了,学完就是金饭碗!”“考下‘碳排放管理师’证书,一年躺赚20万!''', 'training_fraud','short','offer','https://nn.city/show/14495.html','two certificate-course ads (a course sold with a promise of 躺赚 income from the certificate), quoted verbatim in a report on 考证培训 (outer quotation marks dropped, inner ones kept as stored)')
add('''记者注意到,近两年,人社部与其他部门联合发布了企业合规师、电子数据取证分析师、食品安全管理师、二手车经纪人等数十种新职业。2021年,《中华人民共和国职业分类大典》迎来修订。与此同时,“新职业热”催生了“培训考证热”,与新职业对应的专业培训与职业证书层出不穷。
“心理咨询师报名开始了,学完就是金饭碗!”“考下‘碳排放管理师’证书,一年躺赚20万!”你是否也被类似的考证培训广告“刷屏”过?在一些培训机构的宣传文案中,仿佛所有证书都能和高薪、广阔的就业前景挂钩,还配合“不限年龄”“零基础报考”“通过率高”“发证时间快”等噱头,极具诱惑性。这些培训真的靠谱吗?考到证就能成为“人生赢家”?对此,记者进行了调查。''', 'negative','page','news','https://nn.city/show/14495.html','report on certificate-course ads (hard negative: the ads quoted inside a report); two paragraphs')
add('''低难度、高回报”“拿证后可以躺着赚钱''', 'training_fraud','short','offer','https://freewechat.com/profile/MjM5OTU4Nzc0Mg==?q=%40%E5%8D%8A%E6%9C%88%E8%B0%88','training agencies\' selling lines for certificate courses, quoted verbatim at the head of a 半月谈 report (outer quotation marks dropped, inner ones kept); the report itself is already in the corpus')
add('''包过”“包毕业”“包获文凭”“学信网可查”“不过退款''', 'training_fraud','short','offer','https://hhcredit.heihe.gov.cn/341/3273.html','a 学历提升 agency\'s ad wording (a course sold with a guaranteed diploma), quoted verbatim in a 工人日报 report reposted on a city credit site (outer quotation marks dropped, inner ones kept)')
add('''在不少人有着“学历焦虑”的背景下,“包过”“包毕业”“包获文凭”的学历提升广告屡见不鲜。然而,一些宣称“包过”的教育机构甚至没有给学生报名入学,未获官方授权的机构大肆招生,部分机构更是涉嫌违规违法经营。
“学历,不代表能力;没有,却处处受限”“学历不够,找高薪工作、想升职加薪、评职称,难!”当下,“学历提升”广告以网页、弹窗、视频等形式充斥着各种社交平台,不少人的“学历焦虑”被广告不断放大。''', 'negative','page','news','https://hhcredit.heihe.gov.cn/341/3273.html','工人日报 report on 学历提升 ads reposted on a government credit site (hard negative: 包过, 包毕业 inside a report); first two paragraphs')
add('''代评副高职称,包过,不过全额退款。''', 'exam_fraud','short','offer','https://www.163.com/dy/article/JSHEEHK70514R9KQ.html','a WeChat message from a self-styled "人社局合作机构" agent offering a proxy professional-title evaluation (代评) with a pass guarantee, quoted verbatim in a report on 职称代评 scams; 代评 labelled like 代考 (a substitute assessment); out of the safety scope')
add('''提供职称代评代办服务”“花钱免试评定”“专属通道、不过保退''', 'exam_fraud','short','offer','https://www.163.com/dy/article/JSHEEHK70514R9KQ.html','agencies\' claims, quoted verbatim in the same report (outer quotation marks dropped, inner ones kept); proxy evaluation and a pass-or-refund promise')
add('''对于这一消息,人社部门回应称,网传“全日制本科十年直接认定副高”为不实信息,骗子是为了吸引群众咨询,借机推销职称代办服务,从而收取高额费用。
记者采访了解到,一些机构声称“提供职称代评代办服务”“花钱免试评定”“专属通道、不过保退”,从“跑腿代办”到山寨系统,全流程造假,形成一条完整的黑色产业链。对此,专家认为,既要强化打击力度,更需改革评价体系,让实际贡献比一纸证书更有说服力。''', 'negative','page','news','https://www.163.com/dy/article/JSHEEHK70514R9KQ.html','report on 职称代评 scams (hard negative: the agencies\' claims inside a report); two paragraphs')
add('''警惕!计量证书二维码成造假新重灾区,防伪指南速查
近期,多地市场监管部门及计量机构接连曝光利用二维码技术伪造计量证书的违法行为,不法分子通过仿冒官方查询系统、伪造防伪标识等手段,使虚假证书“扫码可验真”,严重扰乱市场秩序。为防范风险,现梳理最新造假套路及官方验证方法供公众参考。一、虚假计量证书二维码常见特征仿冒官方界面,域名藏猫腻
假证书二维码扫码后常跳转至与官网高度相似的页面,但网址非“.gov.cn”等官方后缀,或通过伪造微信公众号、虚假小程序显示“验证成功”信息。''', 'negative','post','warning','https://gfjl.org/archiver/tid-242059.html','a forum post warning about fake certificate query pages behind QR codes (hard negative for imitation_site: describes imitation query pages, is not one); title line and first paragraphs, the forum\'s "本帖最后由 … 编辑" line left out')
add('''如果能考取国家一级建造师职业资格证,只要挂靠到相关单位,一年几乎什么都不用做,就可以坐收一二十万元。面对这样的利益诱惑,不少人为了拿到证, 不惜铤而走险,甚至花大价钱购买答案。南京有两名男子,从中看到了“商机”,花1万元从网上购买答案后,再以4万元的价格卖给每个考生,并通过作弊设备向 考生发送答案。最终,因犯故意泄露国家秘密罪,两人被判了刑。''', 'negative','page','court','http://news.xna8.com/hot/201507/35402.html','court report on answers sold for the 一级建造师 exam (hard negative: 挂靠 income, 购买答案, 作弊设备 in a report); first paragraph, stray spaces as stored')
add('''業務中心: | 0371-55696552 18037153049 |
您的當前位置:魯班培訓-一建培訓,二建培訓,監理,注冊安全工程師等 > 開課通知 > 公告通知 >
關于今年二級建造師考前答案及作弊的這些問題
作者:luban_123 來源:建造師培訓 瀏覽: 添加日期:2021-09-13
源自丨公安部網站、二級建造師考試交流
從5月底隨著二級建造師考試結束,“泄題”就像一塊大石頭堵在考生們的胸口,公眾號留言區隔兩天就能收到考生關于事件的詢問,好在這事有了交代,還了考生一個公平。''', 'negative','page','school','http://qingtongtang.com/kaiketongzhi/jiaowugonggao/3029.html','a construction-exam training school\'s notice (phone numbers, 一建/二建/注册安全工程师 courses) relaying the police news on the 二建 answer leak (hard negative: a school page with contacts, 答案, 作弊); traditional characters as stored; image lines left out')
add('''本報訊(通訊員 蘇宮新 蘇錦安 中國青年報·中青在線記者 李潤文)不用考試,只要交錢,就能拿到證書,甚至還可登錄指定的“官方網站”,查詢證書真偽。
近日,江蘇南通警方破獲一起由公安部督辦的特大仿冒國家機關網站製售假證詐騙案,成功打掉一條包含網上宣傳接單、線下假證辦理、虛假官方網站建設維護等環節的特大犯罪產業鏈,摧毀一個長期利用互聯網製售各類虛假證件的龐大犯罪團伙,抓獲犯罪嫌疑人25名,查扣假證2.2萬餘本、各類印章2100枚。''', 'negative','page','police_report','https://dfnxz.com/rdzx/minsheng/l1lw8.html','中国青年报 report on a ring that sold fake certificates with imitation "official" query sites (hard negative for cert_sale and imitation_site; the opening sentence paraphrases the offer); traditional characters as stored')
add('''获得省应急管理厅颁发的特种作业操作证,是从事危险工作的必要条件。如果从事特种作业,必须获得特种作业操作证。最近,很多人向我咨询,是否可以花钱通过特殊考试、不参加考试就能获得证书?这种证书是否可以通过不参加考试获得?今天,我想向大家解释一下。我可以肯定地告诉你,这种方法是不可行的。如果有机构告诉你可以花钱通过特殊考试而不参加考试,请务必谨慎,以免被骗。''', 'negative','page','qa_debunk','https://uuyangsheng.com/p/1698583561551944.html','a Q&A-style post answering whether a 特种作业操作证 can be had without the exam: the answer is a denial (hard negative); first paragraph')
