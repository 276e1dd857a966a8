# batch 25 (round 3): pages corpus, reports on training/enrolment promises and street certificate touts.
# Look-ups: pages: 挂证中介 记者 暗访 对方说 挂一年 万元 不用上班 社保 | 培训机构 承诺 不过退费 免考 保证拿证 招生老师称 记者调查 |
#   街头办证小广告 记者拨打电话 对方称 两天就能拿到 证件 价格 | 成人学历 招生 不用考试 包毕业 学信网可查 骗局 招生人员称 |
#   二建考试答案 考前 发答案 不准不要钱 QQ群 骗子 警方 | 电工证培训 包过 一次性收费 拿证快 报名热线 学校 不过免费重学 |
#   消防设施操作员 免考 包拿证 国家认可 考证补贴 骗局 话术
#   docs: 托福代考 GRE代考 雅思保分 远程代考 微信 QQ 出分后付款 | huggingface 中文 广告 文本 数据集 办证 代考 加微信 label spam |
#   一级建造师 考试答案 考前押题 包过 内部渠道 联系 | 驾驶证 不用考试 直接拿证 联网可查 微信 办理
#   find_string: 办证电话, 代考QQ; find_repos: banzheng, daikao, kezhang; find_files: konsheng/Sensitive-lexicon
#   (keyword lists seen again and again not used: their lines are keywords such as 诚信办证电话, not ads)
add('''可根据客户要求制作一切证件并刻章''', 'cert_sale','short','offer','https://rmrb.online/read-htm-tid-1169420.html','the back of a street tout\'s business card, quoted in a 1998 人民日报 report (mirrored on a forum archive)')
add('''深圳:马路边的证件交易
  本报记者 胡谋
  深圳市福田区华富路靠深南大道这段,花坛旁浓浓的树荫庇护着一条长长的小路,它是行人夏日首选的路径。7月30日午,“大哥”,一声甜甜的招呼让匆匆走在这条小路上的记者放慢了脚步,一位着装朴实的女子迎上来低声问:“办证吗?”塞到记者手中的名片上赫然一行大字:东南亚证件集团公司深圳分公司,姓名的头衔是“帮办”。
  先是弄清了最低价:各类文凭、职称证120元,结、离、未婚证100元,户口本、回乡证、护照280元,最贵的算香港身份证、带档案的机动车驾驶证,开价5000元,最低2500元。''', 'negative','page','news','https://rmrb.online/read-htm-tid-1169420.html','人民日报 1998 report on street sellers of fake documents (hard negative: prices, 办证 words in a report); trimmed')
add('''100%保证录取、100%毕业、录取不上全额退费……''', 'training_fraud','short','offer','https://icbw.com.cn/thread-194724-1-13.html','an education agency\'s enrolment promise ("no exam, no attendance, full-time diploma"), quoted verbatim at the start of a news report')
add('''近日,多名网友爆料,有教培机构称不用考试、不用到学校就读,就可以办理全日制大专文凭,有人交纳上万元费用后却发现被骗。 为何学历提升骗局屡见不鲜?买来的全日制大专文凭和真文凭有什么区别?连日来记者调查发现,类似的“学历提升”受骗者分布在全国各地,且被骗时间跨度多为2021年至2023年之间。''', 'negative','page','news','https://icbw.com.cn/thread-194724-1-13.html','news report on diploma-upgrade scams (hard negative: paraphrases 不用考试 offers); trimmed')
add('''考個‘一級注冊消防工程師’,掛靠公司,每年白拿13萬以上掛靠費。''', 'training_fraud','short','offer','http://0514f.cn/c/2019-03-22/2315824.shtml','a training ad quoted verbatim in a 北京青年报 report (traditional-character mirror): certificate course sold with the promise of 挂靠 income; false-promise training ad, also a 挂靠 lure')
add('''網校報虛假資料 運作“消防考”涉違法
正規注冊消防工程師考試通過率僅5% 培訓機構稱可“通關無憂” 拿證后不上班可年賺10萬
看到這樣的培訓廣告,你會不會心動報考?多年來“在家躺著賺錢,家庭事業兩兼顧”的夢想終于可以憑借一本證書實現了。然而一些不法培訓機構正是抓住了某些年輕人這種投機心理,不問學歷、專業背景,打著“能運作、代報名、容易過”的幌子,騙取高額報名和培訓費。''', 'negative','page','news','http://0514f.cn/c/2019-03-22/2315824.shtml','the report around that ad (hard negative: traditional characters, quotes 通關無憂/能運作、代報名、容易過 while warning); trimmed')
add('''2023年普通高校招生录取工作即将开始。近日,教育部发布提醒称,一些不法分子受利益驱使,利用考生和家长的急切心理,针对招生录取等环节实施诈骗,严重扰乱考试招生秩序。
据了解,考生遭遇招生诈骗的常见情形是:“一不小心”上了虚假大学——只要不在教育部公示名单里的办学机构,就是虚假大学。
轻信包过实为自考
艺考生遇违规招生''', 'negative','page','news','http://china-mining.net/woman/3008.html','法治日报 report on enrolment scams, mirrored (hard negative: 包过 in a headline of a report); trimmed')
add('''虚假招生往往伴随着诱人的承诺,如“快速拿证”、“无需上课”等。考生应保持清醒的头脑,不要被这些表面的诱惑所迷惑。真实的成人教育是有一定的学习过程和考试要求的,不可能轻松获得学历。对于过于夸张的宣传,考生应学会质疑并核实其真实性。''', 'negative','page','warning','https://m.rixue.net/gaokao/2379486.html','anti-fraud guide for adult-exam candidates quoting 快速拿证/无需上课 as warning signs (hard negative); trimmed')
add('''四川省消委相关负责人提醒广大消费者,在选择教育培训机构时,要做到“四个注意”:一是注意培训机构是否有教育部门颁发的办学许可证,是否合法经营;二是注意不要轻信培训机构及营销人员口头承诺,应将各种承诺写进合同、书面约定,明确双方的权利义务;三是注意“包报名、包通过”不可信''', 'negative','page','warning','https://wap.265xx.com/w411/17891.html','consumer council warning quoted by 封面新闻 (hard negative: 包报名、包通过 in a warning); trimmed')
add('''叶先生的遭遇不是孤例,在教培市场中,针对考研、考公或其他证书类考试,培训机构常常面向学员推出各种定制化辅导方案,推销“保过班”或承诺“不过退款”是相当常见的营销手段。''', 'negative','page','news','https://nn.city/show/4347.html','commentary on 保过班 refund disputes (hard negative); trimmed')
add('''1.1 夸大成功率和“高分学员”故事
许多机构宣称“90%以上学员达到目标分数”或“无数7分以上高分案例”。这些数据往往未经第三方验证,可能是内部统计或 cherry-pick(挑选最佳案例)。''', 'negative','page','howto','https://www.76hw.com/news/yu-yan-kao-shi-pei-xun-ji-gou-bi-keng-zhi-nan-ru-he-shi-bie-xu-jia-xuan-chuan-yu-he-tong-xian-jing-y.html','guide to spotting false claims of language-exam schools, incl. 保分班 (hard negative); trimmed')
add('''他告诉廉政瞭望·官察室记者,这家机构所谓的“运作”,就是当自己进入复试后,机构可以和目标院校“疏通关系”,在复试环节“保过”。“他们说得跟真的一样,这个诱惑力太大了。”''', 'negative','page','news','https://xintukeji.cn/xintu/73246.html','report on postgraduate-exam schools selling 保过 "运作" (hard negative: victim quoted, offer paraphrased); trimmed')
add('''深圳电工证培训主要分为基础班、强化班和VIP包过班三类。基础班通常包含法定最低课时要求,费用集中在800-1500元区间;强化班增加模拟考试和重点解析,价格上浮30%-50%;VIP班则提供一对一辅导和考试保障服务,费用可达3000元以上。''', 'negative','page','howto','https://jlxwx.com/8dc943a38a582b80/9c13314d3b9ea2d8.html','SEO article on Shenzhen electrician-course fees that names a "VIP包过班" descriptively (hard negative: 包过 + 电工证 without an offer or contact); trimmed')
add('''【办电工证要多少钱】在电力行业工作,电工证是必不可少的资格证明。无论是从事电气安装、维修还是操作,持有电工证都是进入行业的“门槛”。那么,办理电工证到底需要多少钱呢?
四、如何降低办证成本?
1. 选择正规培训机构:避免被高价误导,确认机构是否具备官方授权。''', 'negative','page','howto','http://www.smxe.cn/shcs/202508/303728.html','how-to on the cost of an electrician certificate (hard negative: 办电工证/办证 in a how-to); trimmed')
add('''记者近日接到一名陈姓读者来电,反映广州广园路广深高速公路路口停靠路边等客的“的士”司机明码标价出售边防 证,按有效期限长短,价格50至100元不等。''', 'negative','page','news','http://news.sina.com.cn/society/1999-9-20/16131.html','羊城晚报 1999 report on border permits sold by taxi drivers (hard negative); first sentence')
