# batch 113 (round 13). pages corpus: answer sellers' and agents' words quoted in reports (a 2006 四六级 answer seller, a 2020 网课 代刷
# agent), English reports on hired test-takers for TOEFL and the CET (Global Times 2014, SCMP 2005: agents' claims and a student's
# handwritten request), and hard negatives (anti-fraud warnings before exams, a 施工员 continuing-education cheat-tool explainer, English news).
# Look-ups (pages): 特种作业操作证 复审 代办 不用本人 到场 收费 中介 记者 调查 | 继续教育 代学 代刷 学时 安全员 建造师 网课 代考 淘宝
#   商家 记者 | 雅思 托福 代考 中介 记者 暗访 "枪手" 价格 "保证分数" 报价 | 赵萱莹 雅思 面授 中介 … | 雅思 面授 答案 中介 留学生 香港考场 … |
#   出售考试答案 诈骗 民警 提醒 "不准不要钱" OR "考前一小时" OR "保真答案" 考生 被骗 | Chinese students exam cheating agency proxy test
#   taker advertised WeChat "guaranteed" score news | Global Times Cheaters for hire ghost students agents TOEFL 110 ….
# Left out: the 2011 专八 作弊器 story at johnnytowncar.com and the 2006 自考 guide at gdzkw.com.cn (already in the corpus), senqingzn.com
#   (spun rewrite, as in round 12), compareabuy.com (conversion artefacts), 5fk.ldukkr.cn (spun), worldcrunch.com (a friend's words, not
#   an agency's offer), the copies of the SCMP story at pjmooney.com / pjmooney.squarespace.com (one copy kept), dogesflix.com (a review page
#   retelling jet-lag cheating).
DB = 'https://heilongjiang.dbw.cn/system/2006/12/13/050637403.shtml'
add('''我都卖了好几届的答案了,绝对没问题,考试前我们会给你一支2B铅笔,答案都用针扎在了铅笔上,一个针孔就是选A,两个针孔就是选B,这样不会被抓、绝对安全。''', 'exam_fraud', 'short', 'offer', DB,
    'a CET answer seller\'s reply on the phone, quoted verbatim in a 2006 东北网 report (the reporter called a number on a campus small ad): answers sold for the exam, "绝对安全", as rounds 6-11 labelled answer sellers')
add('''东北网12月13日电 随着英语四六级考试临近,一些骗子又盯上了这个“商机”,在校园里张贴广告,声称可以提供考试答案,以此骗取钱款。
昨天,记者在哈市几所大学校园内都发现了出售英语四六级答案的小广告。这些广告大都只有一个简单的介绍,下边留一个电话号码,记者随机拨打了其中一个广告上的手机号,表示自己是高校学生,想购买今年12月的英语四级答案。''', 'negative', 'page', 'news', DB,
    'the same report\'s opening (hard negative: answer ads described by the reporter)')
add('''市招生办的工作人员告诉记者,每次英语等级考试前总有不少骗子进入校园,大肆出售“答案”,他们都是要求考生在考前先行付款。考试结束后,考生发现自己被骗,再找出售“答案”的商贩就很难了。广大考生应该相信考试的公正性,不要耍小聪明,以免上当。''', 'negative', 'page', 'warning', DB,
    'the same report\'s closing warning by the admissions office (hard negative)')
add('''厦门市反诈骗中心民警说,每当高考临近,“准考证丢失”谣言总会冒出来,只不过主角每年在换,一会是“杨雷雷”、“李亚成”,一会又是“孙超”、“刘明炜”。''', 'negative', 'page', 'warning', 'http://hxcsw.com/chengshizixun/2019/0607/c_123482846.html',
    'a 2019 anti-fraud warning before the gaokao (negative: exam-season scams; the article goes on to fake answers sold online)')
add('''骗局二:枪手代考
承诺可以通过办理假准考证,由“枪手”代替考生参加行考试,待考生交钱后逃之夭夭。
小编提醒:根据《国家教育考试违规处理办法》规定,伪造、变造身份证、准考证及其他证明材料,由他人代替或者代替考生参加考试的,可以视情节轻重,同时给予暂停参加该项考试1至3年的处理;情节特别严重的,可以同时给予暂停参加各种国家教育考试1至3年的处理。
骗局三:谎称有“内部资料”
一些小的辅导机构声称由名校老师甚至出题老师来授课,课上内容为“内部资料”,从而收取高额的辅导费用,其实考生去了之后并没有相应的收获。''', 'negative', 'page', 'warning', 'http://yanxian.org/html/kydt/5948.html',
    'a postgraduate-exam site\'s list of common scams (hard negative: 枪手代考, 内部资料 described as scams); "参加行考试" typo kept')
GT = 'https://www.globaltimes.cn/content/836210.shtml'
add('''get higher scores than your expectations.''', 'exam_fraud', 'short', 'offer', GT,
    'language en; agents\' promise for a hired look-alike TOEFL taker ("ghost student"), quoted verbatim in a 2014 Global Times report (reporter posing as a customer); a hard positive: the quote alone names neither exam nor substitute')
add('''Agents reached by a Global Times reporter posing as a customer unanimously offered services of ghost students for exams like the TOEFL exam, and prices varied from 9,000 to over 20,000 yuan ($1,487 to $3,304) and guaranteed a score of more than 110 out of 120 in the TOEFL exam.''', 'negative', 'page', 'news', GT,
    'language en; the same report (hard negative: the offer described by the reporter)')
SC = 'https://www.scmp.com/article/488989/degrees-deceit'
add('''I urgently need someone to help me pass the TOEFL exam,' said a handwritten note posted on a wall at the China Communication University. 'If I pass, I am willing to pay well.''', 'exam_fraud', 'short', 'request', SC,
    'language en; a student\'s handwritten note soliciting a paid substitute for the TOEFL, quoted in a 2005 South China Morning Post report (the note in English translation, with the reporter\'s attribution between its two sentences, as stored; outer quotation marks dropped): a request for a 替考, as round 7 labelled students\' requests')
add('''Mr Liu is what's known in Chinese as a qiangshou, or hired gun. Their services can be engaged for just about any test in China, including the Test of English as a Foreign Language (TOEFL), International English Language Testing System (IELTS), Graduate Record Examination (GRE) and even the Chinese civil service and accountants' exams.''', 'negative', 'page', 'news', SC,
    'language en; the same report (hard negative: hired test-takers described)')
add('''China students caught hiring others to take exam for them''', 'negative', 'short', 'news', 'https://www.tnp.sg/news/china-students-caught-hiring-others-take-exam-them',
    'language en; a Singapore news headline on a gaokao impersonation scandal (hard negative)')
add('''As exams have moved online due to the outbreak of the pandemic, many tests are now being conducted on PCs. In these tests, the examinee sitting in front of the PC hits the keyboard, and the examiner strictly monitors the situation through the camera, but it is Mr. Wang who actually inputs the answers.''', 'negative', 'page', 'news', 'https://gigazine.net/gsc_news/en/20221215-chinese-cheat-exams',
    'language en; a summary of a Rest of World report on remote-access test cheating for Chinese students (hard negative); "There are many cases of being an entrepreneur." not copied')
add('''The website tiexam.net, which has operated for years, provides a unique service to Chinese students who want to study in the United States: it will find body doubles to take, and ace, the English test on the student's behalf, so they get a top score, and increase the chances of entrance to an American university.''', 'negative', 'page', 'news', 'https://www.theepochtimes.com/article/test-of-english-easily-bested-by-cheats-in-china-1476987',
    'language en; a 2013 report\'s photo caption describing a substitute-test website (hard negative: described by the reporter)')
WO = 'https://blog.wongcw.com/2020/03/27/%e6%9c%80%e4%bd%8e3%e5%85%83%e4%b8%80%e9%96%80%e8%aa%b0%e5%9c%a8%e4%bb%a3%e5%88%b7%e4%bb%a3%e8%80%83%e5%a4%a7%e5%ad%b8%e7%94%9f%e7%b6%b2%e8%aa%b2%ef%bc%9f'
add('''3元、5元的代刷使用軟件被學校查出來的風險性大,有最快半個小時就能刷一門的。我也是在校生,刷課要找’專業’的平台,一般都要10元每門起。''', 'exam_fraud', 'short', 'offer', WO,
    'a 网课 代刷 agent\'s words to a 北京商报 reporter (traditional characters, reposted on a blog): a paid service doing online-course videos and exams, priced per course (exam_fraud, out of scope: coursework), as rounds 5-11 labelled 刷课 services; the stored \'专業\' quote marks kept')
add('''在微博和QQ搜索代刷網課,會湧現出無數“專業代刷”,價格最低3元每門,包視頻、作業和考試。記者從曉靜提供的代刷信息上看到,只需提供個人網課平台、賬號和密碼即可,收費20元一門,要先轉賬,2天后可以上號看成績,考試分數保證95分以上,並包售後服務。''', 'negative', 'page', 'news', WO,
    'the same report (hard negative: the 代刷 offer paraphrased by the reporter)')
add('''所谓“施工员继续教育挂科软件”,通常指一类第三方开发的工具或插件,旨在帮助学员绕过正常的学习流程或考试环节。''', 'negative', 'page', 'howto', 'https://www.lanyancloud.com/news/1964453363441680384',
    'an explainer on cheat tools for construction staff\'s continuing-education tests (hard negative: describes 自动答题, 代考 and 刷课脚本 and their risks; no service offered)')
add('''赵萱莹将成绩截图给了“面授中介”Alex,得到66元的恭喜红包之后,Alex告诉她,同场考试的其中一位考生因为各科考分差异太大,被雅思官方抽查并认定为考试作弊,不予发放成绩。
“还好我故意写错了一些题,不然弄不好也被扣住了。”赵萱莹心里这么想。''', 'negative', 'page', 'news', 'http://nvmoo.com/shehui/202103/175378_2.html',
    'page 2 of a feature on a student who bought IELTS answers through an agent in Hong Kong (hard negative: the buyer\'s account; the agent\'s offer is not quoted on this page)')
