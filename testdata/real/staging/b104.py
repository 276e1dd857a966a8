# batch 104 (round 12). pages corpus: a street ad and a shopkeeper's words selling civil-service posts (quoted in a 2009 report),
# anti-cheating news (a public-institution exam-cheating ring, the 2011 CPA leak), a commentary on 不过包退 refunds, an explainer on
# accounting-exam scams, a 中医救援队 certificate report, a 陪诊师 "free certificate" explainer and a refrigeration-certificate
# training page with its phone number (hard negatives).
# Look-ups (pages): 电工证 代考 包过 不用到场 记者调查 | 焊工证 免考 直接拿证 中介 声称 可查 | 叉车证 不用考试 交钱 拿证 暗访 中介 告诉记者 |
#   安全员证 包过 内部渠道 招生 话术 记者 | 陪诊师 证书 培训 骗局 承诺 月入过万 拿证 记者 | 养老护理员 健康照护师 考证 培训机构 宣称 国家认证
#   包就业 | 计算机二级 代考 答案 出售 QQ群 考生 警方 | 中医救援队 救援证 1680元 … | 记者以学员身份咨询 客服称 "不用考试" "直接发证" … |
#   "保过" "不过退费" 考证 机构 工作人员 表示 记者 暗访 职业技能等级证书 | 制冷与空调作业 高压电工 登高证 考证 代办 不用上课 包过 价格 |
#   3500元办好普通话等级证书 … | 电工证多久过期 代办理制作 V | 仿证 微 办理 驾驶执照 证书 | 三类人员 ABC证 安全员C证 代考 免考 拿证 |
#   事业编 内部名额 花钱 保证上岸 诈骗 被告人 称 有关系 | 会计职称 考试 作弊 答案 出售 考前 微信群 卖家称 警方抓获 | 学位英语 成人 包过 中介
#   答案 考场 记者 | 特种作业 理论考试 替考 被当场查获 应急管理局 通报 | 一级建造师 挂靠 招聘 证书挂靠 年薪 联系人 电话 急聘.
#   (docs) buy OSHA 30 card without training fake certificate | we take the exam for you pay after pass PMP CISSP proxy exam |
#   CSCS card without test buy forklift licence no training same day.
# Left out: stories already in the corpus (the 特种作业操作证拿证乱象 story at mafwo.cn, gzqilong.cn spun copy, 北青报 货运资格证 充场 at
#   baogaosu.com / topvintageporn.com / wzatv.cc, 半月谈 at bjtitle.com, 深燃 at whmsebhyy.com / 900614.com, 法治日报 考证乱象 at thepaper.cn,
#   工人日报 碳排放 at smile-w-hc.com, nn.city, 法制日报 普通话 at iosapp77.com, 自考 李老师 at zg114zs.com, 江西会计助考 at baogaosu.com,
#   IELTS answers at nvmoo.com), SEO explainers (zx08.cn 焊工/电工 articles, seridoat.com, jobxzc.com), a dramatised retelling of the 重庆
#   事业单位 cheating case (senqingzn.com: its quotes may be invented), job-buying scams without an exam or certificate (163.com 甘肃, feifmx.com,
#   stdaily.com, bainuoen.com), English exam-"dumps" profiles and topic pages on GitHub (practice-question marketing, as in round 6) and
#   pastebin forgers already in the corpus, and a 2011 CPA-leak report at hndydb.com (pinyin conversion artefacts).
GD = 'http://9.gdgda.com/forum/read.php?fpage=73&tid=288185'
add('''公务员……大专以上……35岁以下……30万元马到成功……130XXXXXXXX''', 'exam_fraud', 'short', 'offer', GD,
    'a street "price list" selling civil-service posts, quoted verbatim in a 2009 半岛晨报 report (forum repost of the sina copy); the seller promises the post through connections after the exam ("马到成功"), as round 9 labelled "我们在上面有人,考试包你们通过" (out of scope: civil service); phone masked by the newspaper; the forum copy carries anti-scraping noise around the quotes, so only the quotes were taken')
add('''你没看到后边写着‘马到成功’吗?就是一定没问题,要不然谁敢这么干!''', 'exam_fraud', 'short', 'offer', GD,
    'the shopkeeper\'s answer to the reporter\'s "能保过吗?", quoted verbatim in the same report (a guarantee without a cheating word: hard positive); inner quotation marks as stored')
add('''当然是先交钱了,不然给你办上去了,你赖账怎么办?''', 'exam_fraud', 'short', 'offer', GD,
    'the same shopkeeper on payment, quoted verbatim in the same report (hard positive: no exam or certificate word; labelled as part of the offer dialogue, like round 11\'s "我们是款到发货")')
XD = 'http://xiaodongxian.com/post/6011.html'
add('''多名事业单位在编人员被清退,牵出跨省作弊链

不法分子利用考场安检及信号屏蔽缺陷,竟成功让十余名考生作弊入职事业单位。

2023年8月,重庆警方查办一起公职招考作弊案。两个月前,在该市丰都县举行的事业单位公开招聘联考中,多名考生笔试成绩“断崖式”领先,招致嫌疑。

随着案件侦办工作的深入,一个分工明确、配合紧密的考试作弊产业链逐渐被揭露:上游“老大”负责统筹学生报考岗位,提供作弊设备,组织“枪手”做题;中游有专人组织作弊工作、招揽“生源”;下游有拍手进入考场非法获取试题。经查,该犯罪团伙自2019年起,长期在重庆各区县及四川内江市事业单位招考中组织作弊,单次作案非法获利十万至数十万元。''', 'negative', 'page', 'news', XD,
    'a 中国新闻周刊 report (copy) on an exam-cheating ring in public-institution recruitment exams: hard negative (枪手, 作弊设备, 招揽生源 in the reporter\'s voice); title and first three paragraphs')
SN = 'http://msn.finance.sina.com.cn/gdxw/20110920/0533308714.html'
add('''“含金量最高”的国家一级考试——2011年度注册会计师全国统一考试(CICPA),遭遇史上首次大规模泄题事件。
9月17、18日是本年度专业阶段6个科目的考试日。就在开考前一日,网上“大家论坛”的“注册会计师”讨论板中就出现一个神秘的帖子,里面是一串字母和一句话,表示请第二天参加第一门“审计”科目考试的考生记住这些内容。
第二天,参加该科目考试的刘云(化名)发现,这一串字母居然是前5个单选题的正确答案,而那一句话则是第一个简答题的答案。''', 'negative', 'page', 'news', SN,
    'a 21世纪经济报道 report on the 2011 CPA exam leak (answers posted on a forum before each paper): hard negative; three paragraphs')
add('''泄题事件目前已被CICPA组织者——中国注册会计师协会(下称“中注协”)所证实。18日23:30,考试结束几个小时后,中注协发布公告称:考试期间有不法分子通过网络叫卖此次注册会计师考试试题答案,严重干扰考试秩序,损害注册会计师考试的公信力;对于任何干扰、损害和破坏注册会计师考试的不法机构和个人,一经查实,将提交司法机关追究其法律责任。''', 'negative', 'page', 'warning', SN,
    'the same report\'s paragraph quoting the CPA association\'s notice against sellers of exam answers (hard negative: 叫卖…试题答案)')
GM = 'http://www.gdmsci.cn/article/BMLAP8ChXYsm.html'
add('''從斬釘截鐵的「不過包退」,演變成磨磨唧唧的「不過包騙」,作為公職類職業教育培訓的頭部機構,既然承諾「不過包退」,那就不只是一句大話,而是寫在合同裡、必須履行的契約。縱觀近年來中公教育在履約上的一些忸怩舉動,可以看出,類似「不過包退」的大包大攬式發展模式,或許已經走到了盡頭。''', 'negative', 'page', 'news', GM,
    'a commentary on a civil-service course\'s refund promised "if you fail" and paid over 17 years (traditional script as stored): hard negative (不過包退 in the writer\'s voice); one paragraph')
ZX = 'https://www.zx08.cn/t/陪诊师免费考证.html'
add('''在老龄化加剧与医疗服务需求多元化的当下,"陪诊师"这一新兴职业迅速进入公众视野,随之而来的是各类培训与认证机构的涌现。其中,"陪诊师免费考证"的广告信息频繁出现在网络平台,声称可以免除高昂的培训费用,轻松获得入行"敲门砖"。这究竟是行业发展的普惠之举,还是一个精心设计的商业陷阱?''', 'negative', 'page', 'qa_debunk', ZX,
    'an explainer that questions "陪诊师免费考证" ads (hard negative: a certificate-course lure described, not offered); first paragraph')
SX = 'https://www.shengxiaogu.com/detail/44464.html'
add('''起底花钱就能办证书的救援队 交钱即拿证背后的真相
支付1680元,没有任何医疗或急救技能的人也能获得“救援证”。调查发现,这个名为“中医救援队”的组织声称由中国人口文化促进会设立,并称持有此证书即可对突发疾病者进行急救。随“中医救援证”一起发放的还有统一的救援队服和车贴。''', 'negative', 'page', 'news', SX,
    'a report on a "中医救援队" that sells rescue certificates for 1,680 yuan (hard negative: 交钱即拿证 in the reporter\'s voice; the recruiter\'s words are paraphrased, not quoted, so no positive was lifted); title and first paragraph')
AT = 'http://www.aitielu.com/?id=10077'
add('''制冷与空调作业操作证是从事制冷设备运行、安装及维修的法定准入资质,由国家应急管理部统一监制。无证上岗将面临最高20万元罚款,甚至刑事责任。应急管理厅颁发特种工操作证(高压电工、低压电工、焊工、高处作业、登高证、制冷证等)全国通用,无户籍限制,国网可查,报考电话:18132114313 杨老师。''', 'negative', 'page', 'school', AT,
    'a training recruiter\'s page on the refrigeration operator certificate with a phone number and "全国通用,无户籍限制,国网可查" — the page goes on to require the official training and exam: hard negative of the offer shape (school); first paragraph')
YW = 'http://www.yywenan.com/ganenwenan/149230.html'
add('''"包过"服务
承诺通过考试后付款,或以"不过不收费"为诱饵。部分机构会在考前突然以身份验证、名额紧张等理由要求立即付款。''', 'negative', 'page', 'warning', YW,
    'an explainer on accounting-exam scams (hard negative: "包过", "不过不收费" described as lures); one section')
