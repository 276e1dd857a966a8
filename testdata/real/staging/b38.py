# batch 38 (round 4). Quoted pitches of certificate and exam-answer sellers in reports (pages corpus), the reports
# themselves as hard negatives, and one more bzfw snippet (docs corpus).
# Look-ups: pages: 记者 联系 中介 对方称 特种作业操作证 不用培训 不用考试 交钱 就能拿证 官网可查 |
#   安全员ABC证 代考 替考 团伙 广告称 包过 警方 | 广告称“不用考试 不用论文 包过” 职称证书 代评 诈骗 警方 |
#   作弊器材 商家 声称 “保证通过” 答案 发送 考生 无线耳机 网上 销售 记者调查 建造师 |
#   培训机构 宣传 “无需考试 直接发证” 特种作业 假证 应急管理局 曝光 案例 |
#   docs: 办证 刻章 电话微信 操作证 电工 焊工 叉车 安全生产许可证 制作
# (the 特种作业操作证拿证乱象 story on mafwo.cn / gzhentan.cx is already in the corpus as a test group; not re-added.
#  Seal-carving snippets of the bzfw account (杭州刻章, 重庆刻章) were left out: seals, not certificates.)
add('''本站办理的各种文凭都可以上中国高等学生信网''', 'cert_sale','short','offer','http://hkwb.net/nrpd/content/2012-01/09/content_586175.htm','a fake-diploma website\'s own claim, quoted verbatim in a 海口网 report (the report adds “(查询)”; cut); out of the safety scope')
add('''我们是把往年没毕业的学生名额买下来,通过关系办出来的新的档案和学籍,有学籍档案,本科统招带学士学位、英语4级证书。''', 'cert_sale','short','offer','http://hkwb.net/nrpd/content/2012-01/09/content_586175.htm','the seller\'s QQ "教育客服" explaining his diplomas to a reporter, quoted verbatim in the same report; out of the safety scope')
add('''北京警方日前宣布,破获一起网络贩卖文凭诈骗案件。在犯罪嫌疑人被绳之以法的同时,记者调查发现,仍有众多网民试图在网上购买“文凭”,各种号称出售、制作“100%真文凭”的网站充斥虚拟世界。
文凭证书,网站啥都办
31岁的王女士拥有外语本科学历,但出于找工作要求,她需要获得古汉语专业的文凭。不久前,她通过网络搜索,找到一家名为“翰文教育服务中心”的网站。通过网站留下的QQ号码,双方协商好以7600元的价格为王女士办理古汉语专科文凭。
王女士在交纳了7.26万元后,发现上当了。随后,她立即报警。
所谓官方验证,都是假网页
“这种声称在网上能买到‘保真’学历的,100%是骗局。”北京警方反电信诈骗专家金大志说:“首先,骗子在网上展示的各种证书的确大部分是真的,但绝对不是他们做出来的,往往是从其他高校、教育部等网站‘顺手牵羊’。其次,骗子总是号称自己做的证件能到官方渠道检验,实际上是他们用来‘忽悠’事主的,都是自己做的假链接、假网页。”''', 'negative','page','police_report','http://hkwb.net/nrpd/content/2012-01/09/content_586175.htm','police/report on an online fake-diploma scam and its fake verification pages (hard negative); trimmed: the reporter\'s chat with the seller (quoted as separate records) left out')
add('''职称英语密卷,一小时熟背就能过关''', 'exam_fraud','short','offer','http://shijiazhuang.baogaosu.com/xinwen/%E8%81%8C%E7%A7%B0%E8%8B%B1%E8%AF%AD%E8%80%83%E8%AF%95%E7%AD%94%E6%A1%88%E5%94%AE%E5%8D%96%E6%98%8E%E7%A0%81%E6%A0%87%E4%BB%B7/31112557','a paid search-result title selling "secret papers" (answers) for the 职称英语 exam, quoted verbatim in a 北京青年报 report')
add('''3月28日,是2015年职称英语考试开考的日子。不少考生发现,在网络上寻找相关复习资料时,时常能看到各类助考、考前真题的相关宣传。虽然各类媒体和社交平台上曾都有过相关报道,但关于此事到底是电信诈骗还是真的违法兜售试题泄密一直是众说纷纭。为了彻底弄清事情的原委,北京青年报记者对此展开了调查。
北青报记者调查发现,网络销售的所谓职称英语试题答案并不靠谱,在调查中记者竟然发现,输入相关关键词后,这些诈骗网站竟然能够出现在百度推广的位置。对此,百度客服人员表示,希望受骗者提供相关材料,百度推广客服将对材料进行审核后对相应的推广账号予以处罚。''', 'negative','page','news','http://shijiazhuang.baogaosu.com/xinwen/%E8%81%8C%E7%A7%B0%E8%8B%B1%E8%AF%AD%E8%80%83%E8%AF%95%E7%AD%94%E6%A1%88%E5%94%AE%E5%8D%96%E6%98%8E%E7%A0%81%E6%A0%87%E4%BB%B7/31112557','report on sites selling exam answers for 职称英语 (hard negative); first paragraphs only')
add('''××科教实力打造职称英语,考前两天发送考试原题附答案,百分之百包过,通过后付费,详情电话咨询。''', 'exam_fraud','short','offer','http://henan.sina.com.cn/edu/pxqy/2012-03-07/206-32098.html','a text message offering the exam questions and answers before the 职称英语 exam, quoted verbatim in a 黑龙江新闻网 report (one message quoted in news, not from an SMS collection)')
add('''2012年4月7日,全国职称英语考试即将进行,然而近日,记者在采访中发现,很多考生纷纷收到了“考试包过”等助考短信。有的考生对此不屑一顾,当做垃圾短信一删了之;有的考生则想借此碰碰运气。那么,这些“包过”短信是否可信呢?记者对此进行了采访。
卖家称绝对是真题
记者从沈先生收到的短信中随意选择了一个培训机构联系人的QQ号码,以考生的身份与对方进行了交流。在网上QQ聊天中,很多卖家都称其出售的绝对是真题,通过考试没问题。在价格上,记者问了一圈发现,要价最便宜的几百元,最贵的约两千元,大多数卖家表示不议价。''', 'negative','page','news','http://henan.sina.com.cn/edu/pxqy/2012-03-07/206-32098.html','report on "包过" messages before the 职称英语 exam (hard negative); trimmed, the quoted message itself left out')
add('''考試的時候帶著器材進去就可以了''', 'exam_fraud','short','offer','http://big5.chinataiwan.cn/gate/big5/www.taiwan.cn/xwzx/dl/shh/201101/t20110117_1696941.htm','a seller of exam-cheating devices on the phone to a reporter, quoted verbatim (traditional characters as stored) in a report on the graduate entrance exam')
add('''這兩天正在進行2011年研究生入學考試,全國共有151萬人參加了考試,競爭可謂相當的激烈。然而,在考試前,我們的記者就得到消息,有人聲稱可以幫助考生作弊,還能保證通過分數線。他們可以提供全套作弊工具,就是我手裏拿的這些,這是接收答案的耳機,這是兩種不同的接收器。那麼,真的有人在這次考試中利用這種方法作弊嗎?來看我們的記者調查。
2011年研究生入學考試從1月15號開始。考試前,在位於吉林省四平市的吉林師範大學,圖書館和食堂邊的資訊欄上就出現各種出售考研答案的小廣告了。廣告上寫著考研保過,還提供設備,並且考後付款。''', 'negative','page','news','http://big5.chinataiwan.cn/gate/big5/www.taiwan.cn/xwzx/dl/shh/201101/t20110117_1696941.htm','TV report on sellers of exam-cheating devices (hard negative: paraphrases the ads); trimmed')
add('''考试神器,可将文档存入手机,考试使用暗光模式查看,万无一失。''', 'exam_fraud','short','offer','https://shijiazhuang.baogaosu.com/xinwen/%25E9%25AB%2598%25E8%2580%2583%25E7%25A5%259E%25E5%2599%25A8%25E5%25B9%25B8%25E8%25BF%2590%25E6%2591%2586%25E4%25BB%25B6%25E5%2592%258C%25E4%25BD%259C%25E5%25BC%258A%25E6%2589%258B%25E8%25A1%25A8%25E9%2594%2580%25E9%2587%258F/33881620','an online shop\'s ad for a cheating watch ("作弊神器"), quoted verbatim in a 北京晨报 report mirrored on hsw.cn; grouped with the hsw.cn record so that the story keeps to one split', group='hsw.cn')
add('''根据媒体曝光线索:山东济宁的一家机构承诺办理低压电工证,培训一天就能参加考试,且包通过。省应急厅会同省公安厅、省市场监管局联合督办,指导济宁市对涉事机构开展调查。经查,涉事机构不是特种作业人员培训机构,以“培训、考试包过”等为噱头,招揽学员送往本地或者外省安全培训机构进行取证培训,收取中介费谋利。
济宁市应急局对本地涉及的2家培训机构培训过程进行核查,发现存在培训档案管理不规范、未按培训大纲施训等违法行为,依法依规进行了处罚。对涉及外省(市)的培训机构违规招生情况,及时移交问题线索,相关省(市)对涉及的培训机构依法依规进行了严肃处理。''', 'negative','page','warning','https://www.zljnews.cn/content/692803144d167','warning case: an agency promising 低压电工证 "包通过" was investigated and punished (hard negative: 包通过, 低压电工证, 考试包过 inside an enforcement report)')
add('''12月6日,上海宝山警方向新京报贝壳财经记者披露,在“砺剑2024”专项行动中,警方在山东、四川等地发动集群战役,捣毁3个“研究生学历提升”的新类型电信网络诈骗犯罪团伙,现场缴获涉案手机500余部,笔记本电脑70余台,涉案资金达4300万元,抓获犯罪嫌疑人213人。
专案组发现,多个网络平台均挂有该公司发布的研究生报名广告,寻找有意愿获得研究生学历的目标人群。为了取得客户的信任,客服在介绍“产品”时称公司与全国多所985、211高校有深度合作,可以安排免试到上述学校就读研究生,保证可以拿到毕业证和学位证,并列举了多个成功案例。''', 'negative','page','police_report','https://qztdyj.com/guojixinwen/3663023_lvQV3itS78GwFNLonMiV.bak','police report on "研究生学历提升" scams that promised 免试 and a guaranteed diploma (hard negative: paraphrased pitch inside a report); trimmed')
add('''近日,在湖南省常德市某考点进行2018年国家二级建造师考试时,常德警方从一考生打喷嚏时耳朵里飞出的微型作弊器入手,揪出一个在湖南多地组织考试作弊的不法团伙。
今年7月15日,随着销售考试作弊器材的杨某被专案民警从广东押解回常德,常德市公安局成功破获这起二级建造师考试作弊案,端掉了两家组织考试作弊的教育培训机构,13名涉嫌犯罪嫌疑人全部落网。''', 'negative','page','police_report','http://hailiantian.cn/bencandy.php?fid=4&id=1109','police report on a 二级建造师 exam-cheating ring run by training agencies (hard negative); the same story is in the corpus from huaxia369.com, so grouped with it', group='huaxia369.com')
add('''中性笔、橡皮擦、口罩、水杯,这些日常所见的东西,经过改造却变成了考试中的“作弊神器”,出现在了全国建造师资格考试的考场上。
湖北省宜昌市公安局近日向《法治日报》记者介绍了打掉这一特大跨省组织考试作弊不法团伙的侦办详情:抓获犯罪嫌疑人40名,查获各类无线电作弊设备660余台,查冻涉案账户100余个、资金130余万元,涉及全国各地考生近200人。''', 'negative','page','police_report','http://cppjump.com/?7rE=pBX.html','police report on cheating devices at the 建造师 exam (hard negative); first paragraphs only')
add('''邯郸做假证_邯郸本地办毕业证【電话:𝟭𝟯𝟭𝟬𝟬𝟮𝟱𝟳𝟴𝟳𝟮 威信同號,QQ:𝟮𝟮𝟳𝟴𝟰𝟮𝟯𝟭𝟳𝟯】,我们是专业邯郸市办证服务中心,个人生活与企业中的常用证件都可制作办理,高仿各种毕业证、文凭、房产证、驾驶证、身份证、四六级、结婚证等,少数疑难杂症可来样定制,专业办证诚信服务,欢迎咨询。为督促、引导食品经营企业履行食品安全主体责任,充分发挥先进典型的示范引领作用,河北邯郸经开区市场监管局积极开展2020年“百千万”食品超市(店)示范创建活动,多措并举着力培育和打造示范典型,切实提升流通环节食品安全保障水平。''', 'cert_sale','post','offer','https://bitbucket.org/bzfw/workspace/snippets/KpaeAj/------------------------','bzfw snippet: fake-certificate shop with styled digits (𝟭𝟯𝟭…), 威信同號, padded with unrelated news text; trimmed (later filler, link list and comment cut); out of the safety scope')
