# batch 114 (round 13). pages corpus: recruiters' and course ads' words quoted in reports on 自考助学班 (a "中大文凭基本稳拿" pitch) and a
# 2009 "村官" exam course inventing its academic backing; hard negatives on driving-school "包过" traps.
# Look-ups (pages): 行政处罚决定书 当事人 在微信公众号 发布 培训广告 含有 "包过" "拿证" 内容 违反 广告法第二十四条 | 公平交易委員會 處分
#   補習班 廣告 宣稱 "保證考取" 證照 課程 虛偽不實 | 市场监管 通报 职业培训机构 虚假宣传 案例 "国家认证" "全国通用" "包就业" 拿证 罚款
#   2023 | 驾校 招生广告 "包过" "不过退款" VIP班 市场监管 处罚 驾照 | 自考 成考 招生简章 "签约保过" "不过退费" 助学 机构 记者 调查 学历 |
#   暑期学车热 警惕"低价包过"坑 法治日报 驾校 只要交钱就包过 | 自考本科助学班 招生老师 汪老师 230分 不看成绩 本科院校直招 入学通知书.
# Left out: the 碳盤查師 NOWnews story, the 1997 PTT copy of a fair-trade decision and the 晋城 art-school decision (already in the corpus
#   or left out by round 12), the 2024 自考 "汪老师" story at bjtitle.com (already in the corpus), copies with conversion artefacts or
#   under porn headers (mkcnfr.com, 8037eee.com, wuhansn.com, jizihe.com, ucpiao.cn, huntleydev.com, shougong114.com, lckrba.cn),
#   the 华商报 地下招生 commentary (view.news.qq.com / weituzhai.com: no quoted offer), a school-promotion page (hs120yy.com).
AR = 'http://www.art2000.com.cn/news/1457.html'
add('''在中大先读3年再考试,通过率有七八成,中大文凭基本稳拿。''', 'training_fraud', 'short', 'offer', AR,
    'a recruiter\'s pitch for a self-study exam prep class, quoted verbatim in a report on 自考助学班 passed off as study at 中山大学: a course sold with a near-guaranteed university diploma, as round 5 labelled a 学历提升 agency\'s "包毕业""包获文凭"')
add('''小林和七八名来自全国各地的同学,如愿到广州大学城中山大学校区读书了,没想到,中大校方不承认其学生身份。学生们这才发现,他们错把教育培训机构的3年助考班当成读大学了。欲找回当初的“招生老师”问个清楚,他们却突然凭空消失,投诉无门。''', 'negative', 'page', 'news', AR,
    'the same report\'s opening (hard negative)')
JT = 'https://m.johnnytowncar.com/edu/edu-pxrz/news/2009/05-19/1697891.shtml'
add('''中心以中央党校、中国社会科学院、北京大学中国经济研究所、中国农业大学、山西大学等科研院所为依托,组成强大的研究顾问团及专业的培训师资团队''', 'training_fraud', 'short', 'offer', JT,
    'the 招生简章 of an unlicensed "村官政策研究中心" exam course, quoted verbatim in a 2009 三晋都市报 report on a market-regulator case: a course sold on invented academic backing, as round 12 labelled course ads naming examiners or inventing a ministry programme')
add('''经查,这家所谓的“村官政策研究中心”,未经任何部门审批,擅自在其招生简章中宣传“中心以中央党校、中国社会科学院、北京大学中国经济研究所、中国农业大学、山西大学等科研院所为依托,组成强大的研究顾问团及专业的培训师资团队”,当事人吴某提供不出任何手续和文件,证明该“培训中心”与这些大学和研究机构有业务联系,纯属虚构、编造,而那些所谓“研究顾问团及专业的培训师资团队”,实际上是从当地一所院校临时聘请的教师。''', 'negative', 'page', 'news', JT,
    'the same report (hard negative: the claim inside the regulator\'s findings)')
add('''“只要交钱就包过”……暑期学车热,警惕“低价包过”坑''', 'negative', 'short', 'news', 'http://app.myzaker.com/news/article.php?f=normal&pk=68649cd48e9f0945386d60af',
    'headline of a 2025 法治日报 report on driving-school traps as reposted by ZAKER (hard negative: "只要交钱就包过" quoted as a trap in a headline)')
add('''但随着学车人数的暴增,不少驾校培训机构为了赚钱,动起了歪脑筋,违反驾考流程,宣传快速拿证、包考包过的广告,不少学员贪图方便,不想顶着烈日练车,从而落入了驾校培训机构的骗局。''', 'negative', 'page', 'news', 'http://xiaofei.hangzhou.com.cn/xfzx/content/2023-07/25/content_9579341.htm',
    'a 2023 杭州网 consumer report on summer driving-school scams (hard negative: 快速拿证, 包考包过 in the reporter\'s voice)')
add('''“考驾照包过”通常指一些驾校或个人通过非正规手段,承诺帮助学员顺利通过驾驶证考试(科目一至科目四),甚至保证“一次通过”,不需要学员自己练习或参加考试。这种服务往往以“快速拿证”“零挂科”为卖点吸引学员。''', 'negative', 'page', 'qa_debunk', 'http://bbs.gdswjx.net/jxfw/202509/323356.html',
    'an explainer answering "考驾照包过什么意思" (hard negative: defines and warns against 包过 services)')
add('''为什么容易被坑? 许多学员是新手,对流程不熟,加上急于拿证,容易被“熟人介绍”或“限时优惠”诱导。记住:正规驾校的通过率通常在70%以上,如果某校承诺100%包过,那多半是骗局。''', 'negative', 'page', 'howto', 'https://www.rlut.cn/news/kao-jia-zhao-bi-keng-zhi-nan-jie-mi-jia-xiao-jiao-lian-qian-gui-ze-yu-shou-fei-xian-jing-ru-he-bi-mi.html',
    'a driving-licence guide on driving-school traps (hard negative: "承诺100%包过" named as a scam sign)')
