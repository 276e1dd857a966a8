# batch 100 (round 11). pages corpus: sellers', agents' and touts' words quoted in reports on exam-prep pass guarantees,
# substitute-exam recruiting, driving-test "过关费" and a certificate shop selling 特种设备操作证; the reports and
# anti-cheating news as hard negatives.
# Look-ups (pages): 执业药师 培训机构 承诺 包过 挂靠 年薪 记者 | 网约车驾驶员 资格证 代考 包过 记者 调查 | 教师资格证 代考 包过 中介 称
#   记者 暗访 | "保证过" "考不过全额退款" 培训 招生人员 告诉记者 | 枪手 代考 收费 组织考试作弊 法院 判决 被告人 联系考生 | 驾照 科目一
#   替考 中介 "包过" 收费 警方 | 小广告 "高薪招" 枪手 替考 QQ 大学生 校园 | 护士资格证 考试 答案 出售 … | 普通话等级证书 不用考 花钱 买证 |
#   "免考拿证" "内部渠道" 培训机构 话术 | 考试答案 出售 "考前" "准确率" QQ 卖家 | 文鼎 健康管理师 尚德 … | 监理工程师 挂证 培训机构 … |
#   代考 雅思 托福 GRE 枪手 中介 "保分" … | 红星新闻记者 假扮 找替考 … | 成人高考 招生 "不用考试" "保证录取" … | 驾校 教练 称 "考场有人"
#   交钱 科目二 包过 | 医师资格考试 作弊 团伙 "包过" … | 特种设备作业人员证 电梯 起重机 司索 不用考试 交钱 拿证 记者 暗访 | 保安员证
#   厨师证 "不用培训" "直接拿证" … | 南国烹饪学校 … | 办证机构 客服 告诉记者 "操作证" ….
# Left out: copies with conversion artefacts (bet456006.com, zgkjsz.com, rixinpaint.cn, photomax13.com, nbnewpower.cn, mmkcvlj.cn,
#   hldxsj.cn, whmsebhyy.com, orisbrush.com), spun text (gzqilong.cn), stories already in the corpus (nn.city, edu.sina 2001 华西都市报,
#   baogaosu.com / 229889x.com 南方周末 替考, senqingzn.com TOEIC, qingdaonews.com 枪手, thepaper 考证乱象, comemg.com, sumjz.com,
#   jobxzc.com, handmsg.com, the 163.com motorcycle-licence story, the 法治日报 2023 艺考 story at china-mining.net / cctv.com,
#   hfjinjia.cn, the 特种作业操作证拿证乱象 story at mafwo.cn / gzhentan.cx), SEO tag pages, fiction (117zw.com, tingbook8.com).
YJ = 'https://www.yuejiansport.com/2097.html'
add('''管理类专业B区院校不挑地区不挑学校,调剂复试辅导费为13800元,定向学校广西某高校全日制MBA(工商管理)、MTA(旅游管理);非全日制MPA(公共管理)调剂费用为39800元,不过可全额退费。''', 'training_fraud', 'short', 'offer', YJ,
    'an exam-prep agency employee\'s ("孟老师") WeChat reply quoted verbatim in a rewrite of the 中国消费者报 report on paid "复试保过" placements (priced placement with a refund if it fails, as round 10 labelled the same report\'s quotes); grouped with edu-gov.cn, the round-10 copy of that report', group='edu-gov.cn')
add('''这是我们的定向院校,只要够B区的分数线就可以调进去,否则我们都不会收你。39800元报名的人太多了,要相信我们。''', 'training_fraud', 'short', 'offer', YJ,
    'the same agency employee\'s reassurance quoted verbatim in the same report (a guaranteed placement sold with the course; hard positive: no 包过 word)', group='edu-gov.cn')
add('''近日,2022年全国硕士研究生统一招生考试复试工作已基本落幕。部分考生成功“上岸”的同时,却有考生跌入“保录包过”等复试培训陷阱。据媒体报道,不少教育培训机构在“考研热”中嗅到商机,开设“天价”考研复试“包过班”“保录班”,宣称“不过退费” “与高校合作”“有调剂资源”,且明示、暗示“保录包过”。

可是,“天价保过班”当真“保过”吗?''', 'negative', 'page', 'news', YJ,
    'the report\'s lead (hard negative: 包过班, 保录包过, 不过退费 in the reporter\'s voice); two paragraphs; the employee\'s quotes are their own records', group='edu-gov.cn')
DJ = 'http://www.dajqi.com/xyoswuwtfy/102112.html'
add('''万元高薪招代考''', 'exam_fraud', 'short', 'request', DJ,
    'a campus small ad recruiting substitute test-takers, quoted verbatim by a former substitute in a 新京报 story ("上面写着万元高薪招代考"); solicits a substitute exam, as round 9 labelled a recruiter of paid substitutes', group='story:xinjingbao-tikao-zhangwei')
add('''“恭喜您加入枪手组织。”

2007年,张伟(化名)按下电脑回车键,正式加入中南某省份的“XX考试联盟群”,该群有500多个成员。张伟通过群开启了替考生涯,并触及了高考替考链条的多个环节。张伟对新京报说,在大学的时间里他通过群还先后参加了公务员、四六级等多重资格考试替考。''', 'negative', 'page', 'news', DJ,
    'copy of a 新京报 story on a substitute test-taker (hard negative: 替考, 枪手组织 described); first paragraphs, the small-ad paragraph (its quote is its own record) left out; a traditional-script mirror exists at huasons.nownews.com', group='story:xinjingbao-tikao-zhangwei')
C0 = 'http://m.c0.com.cn/baike/eQOB.html'
add('''交了钱的,过关问题不大''', 'exam_fraud', 'short', 'offer', C0,
    'a driving-school coach\'s words to candidates he charged a "进场费" before the road test, quoted verbatim in a 南国早报 report (a pass sold for money, as round 8 labelled touts at driving-test centres; hard positive: no 包过 word)')
add('''4月15日,南宁市一家驾校的教练,以帮考生驾考过关为名,向6名考生各收取550元的保险费、进场费,不料东窗事发。南宁市车管所交警迅速介入调查,然而当事考生却不愿配合。

孙志宇告诉赵宁,从赵宁当天考试时的表现来看,他完全可以过关。这和那500元的保险费没有任何关系,另外那50元的进场费更无从说起。因为“没有哪条法规规定,考生进入考场考试还要交门票钱”。''', 'negative', 'page', 'news', C0,
    '南国早报 report on a coach who charged candidates "过关" money (hard negative); lead and one paragraph, the coach\'s quote (its own record) left out')
WEEE = 'http://www.weee.cc/info/detail.php?id=25145+'
add('''只需要给我们提供持证人员的姓名、性别、年龄、文化程度、照片、身份证号、发证单位或者是工作单位所在的省市就行了。''', 'cert_sale', 'short', 'offer', WEEE,
    'a certificate agency\'s customer-service words quoted verbatim in a report on elevator maintenance staff: a 《特种设备操作证》 made for 500 yuan from personal data, no exam (in scope: special-equipment operator certificate; hard positive: no certificate noun in the quote)')
add('''我们是款到发货,之前办过这种证件,大可以放心使用。''', 'cert_sale', 'short', 'offer', WEEE,
    'the same agency employee\'s words quoted verbatim in the same report ("款到发货" for a made-to-order 特种设备操作证)')
add('''最近接连发生的电梯安全事故使得电梯销售和维修行业受到重视。记者调查发现,很多公司在招聘电梯维保人员时,连应聘人有没有《特种设备操作证》都不过问。在一些办证机构,500块钱就能办理一张《特种设备操作证》。
根据国家规定,电梯维修保养技术工必须持有由国家安全生产监督管理局统一颁发的《特种设备操作证》才能上岗。''', 'negative', 'page', 'news', WEEE,
    'report on elevator maintenance staff without certificates (hard negative: "500块钱就能办理一张《特种设备操作证》" in the reporter\'s voice); first two paragraphs')
add('''按正规渠道要考到一本中级厨师资格证,至少需要一年的时间。这期间不仅要先进行为期3个月的初级培训,而且还要参加7个月左右的中级培训才能参加考试。令人奇怪的是,在南宁市南国烹饪职业技能培训学校(以下简称南国烹饪学校),只要交了780元的办证费,就能拿到中级厨师证。

交钱就能买到证

9月17日上午,记者接到报料后,来到位于南宁市秀灵路32号的南国烹饪学校暗访。据该校行政办公室工作人员黄小姐介绍,如果要拿到有关部门核发的中级厨师《职业资格证》,必须要经过一年正规的培训才能参加考试,经考核合格后才能拿到资格证。''', 'negative', 'page', 'news', 'http://news.sina.com.cn/o/2004-09-21/08313724707s.shtml',
    '新华网 2004 report on a cooking school selling 中级厨师证 without training or exam (hard negative: the staff\'s offer is reported in indirect speech only); first paragraphs')
add('''本报讯 考驾照,有项目失手?没事,交几百块钱,驾校保证免试通过。去年年底开始,漳州市日兴汽车驾驶员教练所仿冒考官签名,让至少200个学员作弊通过部分考试,有人还拿到了驾照。

目前,警方已经介入调查,收回了作弊学员的驾照,并停止了这家驾校的所有新增业务,两名涉案的关键人物在逃。据悉,他们一人是驾校法人代表的大舅子,另一名则是驾校教练。''', 'negative', 'page', 'news', 'https://news.sohu.com/20081209/n261090347.shtml',
    'report on a driving school that forged examiners\' signatures (hard negative: "交几百块钱,驾校保证免试通过" in the reporter\'s voice); first two paragraphs')
add('''北京首例組織考試作弊案幕后指揮被判刑。
2015年12月底,考試作弊入刑后的首場全國碩士研究生考試拉開序幕。開考第一天,北京房山區某考場內,即有3名替考“槍手”被警方查獲,法院于2016年1月以代替考試罪判處3人相應刑罰。
8月11日,“槍手”們的幕后組織者匡某因犯組織考試作弊罪被房山法院判處有期徒刑8個月。匡某當庭表示服從判決,不上訴。''', 'negative', 'page', 'court', 'http://xx-sx.com/2016/news_0812/4769.html',
    'court report (traditional script as stored) on the organiser of substitute takers in the 2016 postgraduate exam (hard negative: 替考, 枪手, 组织考试作弊罪); first three paragraphs')
add('''据新华社消息 (记者 吕诺)记者5日从卫生部获悉,国家医学考试中心近日发布考试公告,提示参加2011年医师资格考试的考生安心复习备考,同时防范不法分子考试诈骗。
随着2011年医师资格考试医学综合笔试考试临近,国家医学考试中心不断接到举报,反映一些不法分子利用考生急于通过考试的心理,利用互联网和手机等多种手段进行诈骗活动,大肆发布所谓能提前数天获取2011年医师资格考试医学综合笔试试卷等虚假信息,试图欺骗考生,骗取不义钱财。''', 'negative', 'page', 'warning', 'http://www.slrbs.com/jiaoyu/jyzx/2011-09-07/34449.html',
    'a 新华社 report of the National Medical Examination Center\'s warning against sellers of exam papers (hard negative: official exam notice); first two paragraphs')
add('''执法官员称,有组织的大学入学考试替考现象,一度被认为只是中国教育制度的产物,如今却悄然来到了美国。

5年前就有20名青少年在纽约纳苏县因替考被捕。而如今邹所用的手段更加老练。中国中介会运用电脑设计出几乎无法甄别的证件,让“枪手”在全球范围内为客户替考。''', 'negative', 'page', 'news', 'https://m.17liuxue.com/news/60856.html',
    'a study-abroad site\'s translation of a report on Chinese students who hired substitute takers for SAT/GRE/TOEFL (hard negative: 替考, 枪手, 中介); two paragraphs')
add('''考试作弊本不是新鲜事情,但为何此次作弊的学生竟会受到美国联邦法院指控“密谋欺骗美国政府”?
替考学生,如何被“揪”出?
牵线搭桥的黑中介,又门道几何?

昨日,针对这些问题,红星新闻记者采访了美国厚仁教育资深专家陈航先生,并假扮想找替考的大学生对非法替考机构进行了暗访探底。''', 'negative', 'page', 'news', 'http://aspirepathway.com/%e6%9b%bf%e8%80%83%e4%b8%ad%e4%bb%8b-%e4%b8%ad%e5%9b%bd%e7%95%99%e5%ad%a6%e7%94%9f%e6%89%be%e6%9e%aa%e6%89%8b-%e6%89%98%e7%a6%8f%e6%9b%bf%e8%80%83-%e9%9d%a2%e9%87%8d%e5%88%91',
    'a study-abroad agency\'s repost of a 红星新闻 report on TOEFL substitute agencies (hard negative); bullet list and one paragraph, bullet markers dropped')
add('''杭州的余先生最近是一肚子的火,他说自己到了新塘驾校的“潜规则”,交了钱但是过不了关,很是郁闷。

求助人余先生:“我们一车四个人,其他三个人在考试的时候,安全员每个动作都有讲,怎么去操作。轮到我去考试的时候,刚开始安全员也讲怎么去操作,后来讲着讲着他就不讲了。(最后结果是?)考试没有过。”''', 'negative', 'page', 'news', 'http://beijingxueche.com.cn/html/kemusan/1732.html',
    'a driving-school site\'s copy of a TV report on a learner who bribed with cigarettes and failed (hard negative: a candidate\'s complaint, no offer); two paragraphs')
add('''9月14日到15日是全国执业医师资格考试的日子。但在西安城西富裕路米拉酒店613房间内,有人利用大功率电台、无线电发射设备向附近考场传递答案。15日上午11时许,西安市公安局经文保支队民警和西安市卫生局工作人员联手,将该窝点捣毁。''', 'negative', 'page', 'police_report', 'http://rank.chinaz.comcxzj.11-22.cn/Info/View.Asp?id=2727',
    'a credit-platform site\'s copy of a 华商报 report on police breaking up a radio answer-transmission room at the medical licensing exam (hard negative); first paragraph')
add('''本报汉中讯(记者 卫晓宁) 在11月17日和18日举行的全国医师资格考试中,汉中考点考务办接到举报后进行严密检查,目前已查出3名考生找人替考。3人均被取消当年考试资格和考试成绩,并被取消自下一年度起两年内参加医师资格考试的资格。''', 'negative', 'page', 'news', 'http://edu.sina.com.cn/zgks/2007-11-19/1243108589.shtml',
    '华商报 2007 report on three candidates caught with substitutes at the medical licensing exam (hard negative); first paragraph')
add('''据一位不愿意透露姓名的知情华女介绍,中国留学生代考美国多项入学考试的事件在中国 国内更是屡见不鲜,宾州15个被起诉的代考学生所使用的造假ID也是从中国大陆运过来的。这位华女说,代考风险性根据某项考试的报名方法、监考系统而分 为:最容易代考的是GRE、GMAT(商学院研究生入学考试)以及SAT,其次则是TOEFL,最为难代考的是IELTS(国际英语测试),因为 IELTS的口语考试需要面对考官完成,代考者非常容易被戳穿。''', 'negative', 'page', 'news', 'https://neriumchina.org/bioshock-infinite-falling/',
    'a Chinese-language US paper\'s report (as stored on an unrelated blog page) on 15 students charged over substitute exams (hard negative: 代考 described by an informant, no offer); one paragraph, the stored text\'s stray spaces kept')
