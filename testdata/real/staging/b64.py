# batch 64 (round 6). Substitute test-takers' and brokers' words quoted in reports (华西都市报 2001, 南方周末 2012),
# with the reports and police warnings about 代考 and sold exam questions as hard negatives.
# Look-ups: pages: “高薪诚招枪手” 替考 广告 大学生 QQ群 招募 记者 卧底 (the 枪王 and 强者助考 stories and the
#   南方周末 page 2 are already in the corpus) | 挂证 中介 电话 记者 暗访 “证挂到我们公司” “一年给你” 注册 不用上班
#   社保 (央视 story already in the corpus; a page with pinyin artefacts) |
#   考生 收到 短信 “提供考试答案” “考前三天” 联系电话 警方 提醒 诈骗 资格考试
# Left out: mirrors with pinyin conversion artefacts (photomax13.com, sxstscl.cn, lurdlur.com, m.lioe.cn), the
#   traditional-character mirror of the 南方周末 article below (229889x.com), 0-point-SMS warnings (not about
#   certificates or exam fraud offers).
add('''不就是考试吗,没问题的,包你过关。''', 'exam_fraud','short','offer','http://edu.sina.com.cn/l/2001-07-17/11737.html','a university student who sits exams for others ("枪手") reassuring a reporter posing as a client, quoted verbatim in a 华西都市报 report (substitute-exam offer, hard positive: no exam name, 包你过关)')
add('''  6月、7月是各类考试考级相对集中的时期,也是大学校园里“枪手”(替人代考)大显身手的时候。为了更多了解“枪手”内部秘密,昨日,记者假扮成“雇主”,与“枪手”进行了一次“亲密接触”。''', 'negative','page','news','http://edu.sina.com.cn/l/2001-07-17/11737.html','the same 华西都市报 report on campus substitute test-takers (hard negative: 枪手, 替人代考 in a report); lead paragraph, leading spaces as stored')
add('''要是合格,你就去商丘或者周口,那边招办和监考老师都已经打点好了。''', 'exam_fraud','short','offer','http://guangzhou.baogaosu.com/xinwen/%E6%B2%B3%E5%8D%97%E9%AB%98%E8%80%83%E6%9E%AA%E6%89%8B%E5%86%85%E5%B9%95%E4%B8%80%E6%9C%AC%E4%B8%A4%E4%B8%87%E4%BA%94/21234261','a gaokao substitute-exam broker recruiting a reporter posing as a student substitute, quoted verbatim in a 南方周末 article ("河南高考枪手内幕", a companion of the page-2 story already in the corpus); the broker\'s offer of a 替考 job with bribed examiners')
add('''行规是先付给枪手5000元定金。6月25日成绩出来后,再根据成绩支付后期款项,一本2万、二本1万、三本3000。''', 'negative','short','news','http://guangzhou.baogaosu.com/xinwen/%E6%B2%B3%E5%8D%97%E9%AB%98%E8%80%83%E6%9E%AA%E6%89%8B%E5%86%85%E5%B9%95%E4%B8%80%E6%9C%AC%E4%B8%A4%E4%B8%87%E4%BA%94/21234261','the same 南方周末 article: the going rates for substitute test-takers, in the reporter\'s words (hard negative: prices of 替考 described, not offered)')
add('''骗局二:谎称可以找大学生帮考生代考,表示高考主要查电子作弊,代考很难查出来。之后考生或家长一旦打款,不法分子往往消失得无影无踪。网警提醒,所有替考者都将被严肃处理,情节严重者将会受到相应的行政惩罚,甚至承担刑事责任。''', 'negative','page','warning','http://news.hebei.com.cn/system/2018/06/04/018853183.shtml','a cyber-police warning (新华社) on exam scams: 代考 offers paraphrased as a fraud (hard negative: 代考, 替考 in a warning); the second of three points')
add('''骗局三:谎称考题泄露,花钱能买试题。网警表示,每年高考语文还没开考,网络上就已“剧透”出多个版本的高考作文题。''', 'negative','short','warning','http://news.hebei.com.cn/system/2018/06/04/018853183.shtml','the same warning\'s third point (hard negative: 花钱能买试题 as a warning); first two sentences')
