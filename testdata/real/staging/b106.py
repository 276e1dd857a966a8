# batch 106 (round 12). pages corpus: a diploma agency's "免考" ad and contract clause quoted in a 南方都市报 report (it hired
# substitute takers), a Hong Kong tutor's "insider" exam tips, a fake-ID seller's words in a Hong Kong report; hard negatives from
# Taiwan, Hong Kong and the mainland: state-enterprise exam-cheating rings and a civil suit against one, a historic 槍手 case, the
# Labour Department suspending Green Card courses whose trainers disclosed answers, a LegCo reply on forged green cards, a school that
# sold DSE places, a university warning against "保錄取" agents, an agency that opened sealed papers for hired writers, and a guide
# that lists "100%包过""内部渠道" as red flags.
# Look-ups (pages): 网络教育 统考 代考 包过 机构 学员 记者 暗访 替考 网院 | 作弊器材 无线耳机 卖家 称 保证 考试 记者 暗访 橡皮 手表 |
#   专升本 保过 机构 承诺 不过退费 签协议 学生 维权 记者 | 教师招聘 考试 答案 出售 短信 考前 骗子 真题 加QQ | 多益 代考 集團 槍手 台灣
#   檢方 起訴 收費 保證分數 | 駕照 筆試 代考 集團 台灣 監理站 收費 包過 | 香港 DSE 代考 槍手 收費 廣告 網上 聲稱 | 假證 建築工人 平安卡
#   綠卡 香港 無需上堂 即日取證 廣告. (docs) take my proctored exam for me … | ProctorU bypass exam help hire expert ….
# Left out: stories already in the corpus (网络教育代考 at tech.sina.com.cn / 6ke.com.cn, 安庆 网考 at mna.net.cn, 法治日报 助考仲介 at
#   china.com.cn, 英语八级 作弊器 at johnnytowncar.com, 考研 器材 at chinataiwan.cn, 高考神器 at hsw.cn / baogaosu.com, 善美 平安卡 at
#   hk01.com and its stheadline.com copy), the 新京报 2022 考研调剂"保过费" story (already in the test split at nanmuxuan.com and
#   tftnews.com; its copies at wfdscxh.com, keji.ozhou.com.cn and cycle-india.com were left alone), copies with conversion artefacts
#   (mmkcvlj.cn, hnqianxi.cn, hi23hiytlp.pixnet.net spun text), a first-person cheating story without an offer (chcifung.cn /
#   freewechat.com), GitHub topic pages and gists on bypassing lockdown browsers (tools and how-tos, no service offered) and proctoring
#   vendors' API descriptions.
TS = 'https://top.sina.cn/edu/2015-08-25/tnews-ifxhehqr6212806.d.html'
add('''自费免考拿文凭''', 'training_fraud', 'short', 'offer', TS,
    'a diploma agency\'s QQ-group ad, quoted verbatim in a 南方都市报 report on an agency that cancelled its "替考合约" (a degree sold without exams, as round 5 labelled 学历提升 agencies)')
add('''乙方(刘明)学历在学信网终审可查,证书直取,无须本人参加任何学习、考试过程。''', 'exam_fraud', 'short', 'offer', TS,
    'the agency\'s contract clause quoted verbatim in the same report: the student sits no exam because the agency pays substitute takers (5,000 of the 12,000 yuan, as the report says), so 代考 in effect; unlike round 4\'s court-report clause this one cannot be read as lawful training')
add('''40岁的江西南昌人刘明(化名)最近犯了难,房子面临拆迁,花钱即将到手的学历也像煮熟的鸭子一样飞了。按照与建迅之前签订的合同,他本该在这个夏天顺利拿到南昌航空大学建筑工程专业的大专文凭。“有记者卧底高考替考后,风向突然变了,一切落空。”''', 'negative', 'page', 'news', TS,
    'the same report\'s first paragraph on the student (hard negative)')
NB = 'http://www.nbcbnn.com/2018/0322/49958.html'
add('''每年春季,是高等院校远程网络教育学科的“毕业季”。3月初,记者偶闻我市一民办教育培训机构的网教考点代考现象严重,对教学质量和教育形象伤害较大。不久,记者又得到消息说,该培训机构在网上急招兼职人员代写试卷。考试本是严肃之事,有什么卷子需要机构来找兼职代写?近日,记者对该培训机构进行了暗访。''', 'negative', 'page', 'news', NB,
    'a Ningbo report on a training school that opened distance-learning exam papers and hired part-timers to write them (hard negative: 代考, 急招兼职人员代写试卷 in the reporter\'s voice); one paragraph')
HW = 'https://www.76hw.com/news/zhuan-sheng-ben-ze-xiao-bi-keng-zhi-nan-ru-he-bian-bie-ji-gou-zhen-shi-kou-bei-yu-kao-pu-pai-ming.html'
add('''1.1 虚假宣传陷阱

典型表现:

  • “100%包过”、”内部渠道”、”泄题保证”等绝对化承诺
  • 伪造”官方合作”、”独家授权”等资质证明
  • 夸大师资力量,如”全部来自985高校教授”''', 'negative', 'page', 'qa_debunk', HW,
    'a guide to choosing a 专升本 school that lists "100%包过", "内部渠道", "泄题保证" as red flags (hard negative: the offer words as warnings); quotation marks as stored')
BO = 'https://bobomg.com/a/guo-ying-shi-ye-zhao-kao-zuo-bi-120mo-mai-yi-bei-zi-xing-fu.html'
add('''國營事業招考作弊 120萬買一輩子幸福
國營事業招考再爆電子舞弊,5年來上百名考生被錄取,舞弊集團收取每人120萬酬勞,海撈1.2億元。''', 'negative', 'page', 'news', BO,
    'a Taiwanese report on a ring that fed answers to candidates of state-enterprise recruitment exams through Bluetooth earpieces (hard negative); title and lead')
add('''檢方查出,舞弊考生須先支付2萬元購買專用手機、耳機及訊號放大器等設備,集團透過解題專家、在筆試當天當場解題,透過手機放送答案至考生的藍牙耳機。若一路順利過關斬將而錄取,最後再支付120萬至150萬元尾款結案。''', 'negative', 'page', 'police_report', BO,
    'the same report\'s paragraph on the prosecutors\' findings (hard negative: the scheme and its prices described)')
CT = 'https://www.ctmanga.com/a/qiang-shou-dai-kao-sun-shang-yu-zhong-you-qiu-chang-bai-su.html'
add('''中油公司此次所提告的楊長都集團,培養多達29名槍手,系統性的以外貌配對考生,透過軟體將面部特徵合成製作應考大頭照,並僞造駕照與換髮健保卡,供槍手在考場應付查驗,根據考生報考的國營事業單位,向考生收取90萬至150萬元,按比例分配給集團成員。''', 'negative', 'page', 'court', CT,
    'a Taiwanese report on CPC\'s failed civil suit against a substitute-taker ring (hard negative: 槍手, forged photos and prices in a court story); one paragraph')
TW = 'https://www.twreporter.org/a/state-enterprise-recruitment-exams-cheating-2'
add('''過去3年間,高雄地檢署起訴兩起大型國營甄試作弊集團,並正進行第三起的調查。作弊錄取的考生接近200人,未錄取人數則是黑數,其中舞弊集團幹部不乏國營事業員工,更有作弊者在錄取後成為仲介。他們向考生兜售了怎麼樣的「希望火柴」?而面對作弊集團接二連三的突襲,(泛)國營事業怎麼接招拆招,避免再次成為目標?''', 'negative', 'page', 'news', TW,
    'an investigative report on cheating rings in Taiwan\'s state-enterprise exams (hard negative: 兜售, 仲介 in the reporter\'s voice); the lead')
VC = 'https://vocus.cc/article/64d9e082fd89780001c23586'
add('''教育部重編國語辭典對於「槍手」的註解是「冒名頂替,代人考試者」。首宗聯考槍手弊案,由臺北地方法院檢察處(現稱臺北地方檢察署)負責偵辦。該案犯罪時間跨連52至56五個聯考年度,涉案的人甚多。受僱代考者(槍手)、仲介者(家教中心或補習班負責人)、被代考者(報名應考的學生)及其知情支付酬勞的家長,都是被告。''', 'negative', 'page', 'court', VC,
    'a retired prosecutor\'s essay on Taiwan\'s first college-entrance 槍手 case of the 1960s (hard negative: 代考, 仲介 in a legal history); first sentences of one paragraph')
H1 = 'https://www.hk01.com/%E9%9A%B1%E5%BD%A2%E9%A6%99%E6%B8%AF/60272751/%E9%BB%91%E5%B7%A5-%E5%B0%8F%E7%B4%85%E6%9B%B8%E6%9A%97%E8%99%9F-%E9%AB%98%E7%B4%A1-%E6%84%8F%E6%8C%87%E5%81%87%E8%BA%AB%E4%BB%BD%E8%AD%89-%E8%9B%87%E9%A0%AD%E4%B8%80%E6%A2%9D%E9%BE%8D%E6%9C%8D%E5%8B%99%E4%BB%8B%E7%B4%B9%E6%95%A3%E5%B7%A5'
add('''95%的老闆都能看出來，只要他用你就說明他不在意。''', 'cert_sale', 'short', 'offer', H1,
    'a poster on a mainland social platform who offers a fake Hong Kong identity card ("高仿證", 4,000 yuan) with casual jobs, quoted verbatim by HK01 when asked about the card (hard positive: no card word in the quote; out of scope: an identity card, as earlier rounds labelled sellers of passports and IDs)')
add('''【黑工招聘內幕之二：蛇頭助辦假證應徵散工】內地社交平台小紅書上出現大量涉嫌招聘「黑工」來港工作的帖文，港府表明一旦發現，將要求內地相關部門跟進並將帖文下架。''', 'negative', 'page', 'news', H1,
    'the same report\'s lead (hard negative: 助辦假證 in the headline)')
BP = 'https://www.bastillepost.com/global/article/5262264-labour-department-suspends-green-card-course-due-to-serious-violations-for-six-months'
add('''The LD found that the NWSC had violated the approval conditions for operating the course, including disclosing all examination questions and relevant answer choices to trainees before the examination by a trainer, and allowing a trainee who did not fulfil the required attendance to attend the examination.''', 'negative', 'page', 'warning', BP,
    'a Hong Kong Labour Department press release (reposted) suspending a construction safety ("Green Card") course whose trainer disclosed the exam answers: hard negative, language en; one sentence')
ED = 'https://edb.gov.hk/en/about-edb/press/legco/replies-oral/2012/20040117105801.html'
add('''At present, proprietors in the construction industry may employ only workers holding valid certificates (commonly known as "green cards") certifying their attendance at recognized safety training courses for carrying out the related work.''', 'negative', 'page', 'warning', ED,
    'a 2001 LegCo question (archived on the Education Bureau site) on illegal workers with forged green cards: hard negative, language en; the question\'s first sentence')
MP = 'https://news.mingpao.com/pns/%E8%A6%81%E8%81%9E/article/20250807/s00001/1754504560436/%E6%B7%B1%E5%9C%B3%E8%A3%9C%E7%BF%92%E7%A4%BE%E5%80%9F%E6%B8%AF%E6%A0%A1%E9%96%8Bdse%E8%AA%B2-%E6%B6%89%E9%81%95%E8%A6%8F-%E6%A8%99%E6%A6%9C%E3%80%8C%E5%B4%87%E6%AD%A3%E4%B8%AD%E5%AD%B8%E6%AD%A3%E8%A6%8F%E5%AD%B8%E7%B1%8D%E3%80%8D-%E6%95%99%E5%B1%80%E5%9F%B7%E6%B3%95%E7%B1%B2%E5%8B%BF%E4%B8%8A%E7%95%B6'
add('''本報近日發現，摘星於網上刊登廣告，招收下學年讀中四五或同等學歷的「港籍學生」，稱「適合人群」包括盼通過DSE升讀香港或海外高校者。摘星以「崇正中學學籍保障、摘星DSE獨家備考體系」招徠，聲稱由崇正提供「正規學籍」、校園場地及硬件設施，摘星則提供全科DSE課程教學及升學輔導，中六生可以「學校考生」身分報讀DSE。''', 'negative', 'page', 'news', MP,
    'a 明報 report on a Shenzhen tutoring company selling DSE courses with a Hong Kong school\'s enrolment (hard negative: an ad paraphrased; a school-status claim, no pass or certificate promise); one paragraph')
SG = 'https://beta.singtaousa.com/2025-01-31/dse2025%ef%b8%b1kris-lau-2-0%ef%bc%9f%e6%9c%80%e6%96%b0%e8%8b%b1%e6%96%87%e5%8f%a3%e8%a9%a6%e5%8d%b7%e7%96%91%e5%a4%96%e6%b4%a9-%e8%a3%9c%e7%bf%92%e8%80%81%e5%b8%ab%ef%bc%9a%e8%b2%bc%e4%b8%ad%e9%a1%8c/5131499'
add('''教書只為希望幫大家拎5+,貼中題,只因有內幕''', 'training_fraud', 'short', 'offer', SG,
    'a tutor\'s comment under his video showing an alleged leaked 2025 DSE oral paper, quoted verbatim in a 星島 report: tutoring sold on an insider leak, as round 9 labelled a course naming the exam\'s setter as its teacher')
add('''DSE2025︱Kris Lau 2.0?最新英文口試卷疑外洩 補習老師:貼中題因有內幕
香港中學文憑試(DSE)將於今年4月1日愚人節開考,文憑試素來是補習社的兵家必爭之地,不少「名師」都會以貼士(tips)作招徠,但也因為部分貼士涉機密文件,曾衍生不少官非。''', 'negative', 'page', 'news', SG,
    'the same report\'s title and first sentence (hard negative: 貼中題因有內幕 in the headline)')
ST = 'https://www.stheadline.com/tertiary-edu/3533439/%E9%84%A7%E9%A3%9B-%E6%8F%90%E9%98%B2%E9%A8%99%E5%AD%90-%E8%AD%A6%E6%83%95%E5%8D%87%E5%AD%B8%E8%B7%AF%E4%B8%8A%E7%9A%84%E8%A9%90%E9%A8%99%E9%99%B7%E9%98%B1%E4%BE%86%E8%AB%96'
add('''近年，內地學生赴港求學的熱潮持續升溫，讓不良升學中介有機可乘。他們打著「保錄取」、「內部名額」、「教授推薦直通車」和「與高校有深度合作」等幌子，向焦急的家長進行詐騙。香港大學和香港教育大學相繼發出嚴正聲明，堅決否認。''', 'negative', 'page', 'warning', ST,
    'a commentary relaying two universities\' statements against agents promising "保錄取", "內部名額" (hard negative, as round 11\'s ministry statement); first sentences')
