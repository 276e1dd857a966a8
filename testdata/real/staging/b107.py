# batch 107 (round 12). pages, docs and code corpora: a fake-certificate seller's reassurance quoted in a police story, side-job course
# slogans quoted in a 法治日报 report, a paid course-and-exam automation script; hard negatives: a market regulator's campaign against
# "包过" exam centres for special-equipment operators, a 新华社 report on a fake-document ring, a consumer-protection note on "0元学"
# courses, and English reports on fake CSCS cards and driving-test impersonators.
# Look-ups (pages): 闲鱼 代考 商家 称 记者 搜索 发现 价格 "稳过" 考试 服务 | 小红书 帖子 代考 替考 广告 "私信" … | 电子税务局 会计 继续教育
#   代学 代刷 网课 淘宝 店铺 宣称 包过 考试 记者 | 考证中介 话术 稳过 保底 签合同 不过全退 报价 录音 记者 | 特种设备作业人员 考试 替考 作弊
#   市场监督管理局 通报 … | 健康管理师 心理咨询师 停考 最后一次 … | 保安员证 厨师证 健康证 不用考试 … | 二级建造师 考试 答案 诈骗 … |
#   互联网营销师 直播销售员 证书 培训 骗局 … | 企业合规师 证书 培训 广告 躺赚 … | 工地 查获 假电工证 假焊工证 网上购买 民警 … | 执业兽医
#   社会工作者 考试 代考 包过 … | 特种作业操作证 假证 卖家 微信 聊天记录 … | 高处作业证 登高证 买假证 … | 叉车证 假证 司机 … | fake CSCS
#   cards sold on social media … | driving theory test impersonation fraud … | buy CSCS card online without test … | buy NEBOSH IOSH
#   certificate online without exam …. (docs) 代刷网课 考试 包过 联系微信 README 学习通 … | купить удостоверение пожарно-технический
#   минимум … | удостоверение по охране труда купить без экзамена …. (code) 网课代刷 考试代考 接单 价格 联系QQ ….
# Left out: stories already in the corpus (the 1.9万张假证 story at 163.com / bjtitle.com / lhsh.scgwwc.com and its 方圆 copy with
#   conversion artefacts at handmsg.com, 阿玲 at bjtitle.com, 芜湖 at x9aky.com, fjdaily.com, 碳排放 at tibet.cn / dahuagong.com, 艺考 at
#   xiasha.cn, "假的高空作业证怎么买" at anyuebuxi.cn), free course-brushing scripts and answer-lookup tools (alv002/meto,
#   zhu-hailin/chaoxing-ai-assistant, 11273/mooc-work-answer, lujunji4113/mooc-helper, SSmJaE/WELearnHelper: no service sold),
#   Russian "образец" SEO gists that mix sample forms with purchases (ambiguous, as in round 6), machine-translated English copies of
#   Chinese reports (cardozapub.com) and SEO explainers (zx08.cn, seridoat.com, qidayuan.cn).
WG = 'http://2w3g.cn/post/100574.html'
add('''不查就没事''', 'cert_sale', 'short', 'offer', WG,
    'an online seller\'s reassurance to a buyer of a fake electrician certificate, quoted verbatim in a Hangzhou police story ("对方告诉他“不查就没事”"); in scope (电工作业); hard positive: no certificate word, no contact')
add('''48岁的老胡,2017年从老家湖北鄂州来杭州打工,在工地上当了一个没证的电工。做了几年,听说有电工证的工资高一点,但他不想花3个月时间去考证。听说这个证能买,就在网上搜了搜,2021年买了一张电工证。假的,买卖双方都心里有数,对方告诉他“不查就没事”。''', 'negative', 'page', 'police_report', WG,
    'the same story\'s paragraph around the quote (hard negative: a buyer\'s purchase of a fake 电工证 told by the reporter)')
add('''今年4月,杭州市公安局余杭区分局刑侦大队发现了这些情况,辖区里的一些有特种行业岗位的企业,存在员工持有假证上岗的情况。那些证看上去跟真的一样,但是一查编号或者扫码,就是子虚乌有了。''', 'negative', 'page', 'police_report', WG,
    'the same story\'s paragraph on the police investigation (hard negative)')
SD = 'https://www.shdbkk.com/html_3/hunlian/12087/list/3.html'
add('''入行门槛低、市场紧缺”“零基础也可以变身××大师”“保底月入过万''', 'training_fraud', 'short', 'offer', SD,
    'side-job course ads quoted in the editor\'s note of a 法治日报 report (copy): a course sold on "no threshold" and a guaranteed income, as round 10 labelled "完全没有门槛" and income lines; a quote listing several slogans keeps the inner quotation marks and drops the outer pair, as round 4 did')
add('''号称学后“月入过万”的副业培训多少有诈?
编者按
在这样的背景下,副业培训市场快速升温。其中,一些培训机构以“入行门槛低、市场紧缺”“零基础也可以变身××大师”“保底月入过万”等招揽学员,甚至诱导学员贷款支付培训费。而不少学员付费后发现,培训课程敷衍、承诺的派单也没有实现,被割了“韭菜”。''', 'negative', 'page', 'news', SD,
    'the same report\'s title and editor\'s note (hard negative: the slogans inside the reporter\'s sentence)')
AM = 'https://ase-mz.com/www/ms/content/2023-08/25/content_8972776.htm'
add('''近年来,关于“0元学”被骗的并非个案,“0元学剪辑、0元学编程”……但凡市场有需求的都可以“0元购”。此外,“偷偷考个消防师、心理咨询师、普通话等级、健康管理师”以及网站代营等,与此大同小异。''', 'negative', 'page', 'warning', AM,
    'a 中国质量新闻网 consumer note (copy) relaying a market regulator\'s warning on "0元学" courses and "偷偷考个…" certificate ads (hard negative: the ad phrases as warnings); one paragraph')
UP = 'https://m.upkf64.cn/news/9P8RE7Aakl.html'
add('''刚性执法,强化监管震慑。自治区、包头市、旗县区市场监管部门三级联动,对全市特种设备作业人员考试机构开展专项监督检查和能力验证评估工作,重点核查资源条件、场地设施、考试设备、人员持证、考试流程、信息发布、考试档案管理等内容,严查“取证快”“包过”等虚假宣传、考培不分离、理论考试监管不严、实操考试走过场等违法违规行为。''', 'negative', 'page', 'warning', UP,
    'a Baotou market regulator\'s report on inspecting exam centres for special-equipment operators (hard negative: "取证快""包过" named as what it prosecutes, as round 8 labelled such reminders); one paragraph')
CQ = 'http://cqybq.gov.cn/ybw_content/2018-11/27/content_479568.htm'
add('''新华社长沙11月26日电题:假证“傍”上微信,“毒瘤”务必剿尽——起底制售假证章黑色产业链

  新华社记者谢樱

  仅需几元钱的成本,制出假证卖出几百元。居民身份证、出生医学证明、专业英语等级证、驾驶证等各种证件应有尽有,让人触目惊心……''', 'negative', 'page', 'police_report', CQ,
    'a 新华社 report (copy at a district portal) on a fake-document ring selling through WeChat (hard negative); dateline, byline and lead; indentation as stored')
XS = 'github:byyiwei/xueshen-helper/scripts/xueshen-sc.js@c544b89bfa0604f3de4847262ace27e151844203'
add('''// @name         学习通学神助手｜超星·智慧树全能学习助手｜学神助手｜AI智能辅助学习｜自动刷课｜视频倍速｜作业考试
// @description  超星学习通/智慧树自动学习助手｜DeepSeek AI智能辅助学习｜视频倍速学习｜自动切换任务点｜作业考试全自动｜字体加密解析｜海量题库每日更新''', 'exam_fraud', 'post', 'offer', XS,
    'the header of a proprietary user script sold by subscription (its panel has a buy button; its changelog mentions 月卡 users) that does online-course homework and exams automatically ("作业考试全自动"): a paid answer service for course exams, as round 5 labelled an answer API with a paid account (out of scope: coursework); two header lines as stored', licence='Proprietary (the script\'s own @license line)')
CN = 'https://www.constructionnews.co.uk/best-practice/skills/bogus-workers-and-the-hidden-threat-of-site-card-fraud/10037075.article?blocktitle=News-Analysis&contentID=22425'
add('''The 53-year-old had pleaded guilty to one offence under the Fraud Act 2006, after a Warwickshire County Council trading standards investigation uncovered he was fraudulently producing driving licences, exam certificates and work-based qualification cards.

His imitations included bogus CSCS cards across multiple specialisms, as well as fake certificates used to obtain genuine cards.''', 'negative', 'page', 'court', CN,
    'a Construction News analysis of fake construction skills cards after a forger\'s conviction: hard negative, language en; two paragraphs; build.py\'s site() would cut the host to co.uk, so the registrable domain is given as group', group='constructionnews.co.uk')
HJ = 'https://www.honestjohn.co.uk/news/driving/2026-01/learners-paying-impersonators-2000-to-cheat-the-driving-test'
add('''The Press Association reports that one impersonator, Qounain Khan, was handed an eight-month prison sentence after pleading guilty to impersonating learner drivers 12 times at theory test centres.
During the court case, it was revealed that impersonators could be paid up to £2000 for passing a driving test.''', 'negative', 'page', 'court', HJ,
    'a motoring-news report on paid driving-test impersonators: hard negative, language en; two paragraphs; group = registrable domain (see above)', group='honestjohn.co.uk')
HB = 'https://hunbuild.co.uk/contractors-being-conned-by-fake-skills-cards-checks'
add('''The scam involves setting up replica sites posing as the official place to validate cards offered by qualification body GQA.

Each bogus card has a unique URL associated with it by scammers which links to a fake website.''', 'negative', 'page', 'news', HB,
    'a builder\'s news page on fake skills cards linked to imitation verification websites (hard negative for imitation query sites; language en); two paragraphs; group = registrable domain', group='hunbuild.co.uk')
