# batch 109 (round 12). pages corpus: course ads quoted verbatim in regulators' case reports (a civil-service prep company that named
# examiners as its teachers, a Taiwanese carbon-audit course that claimed a ministry programme, a Guangzhou "零风险赚钱" course); the
# case reports around them as hard negatives where not already in the corpus.
# Look-ups (pages): 线上考试 代考 远程控制 电脑 人脸识别 绕过 收费 "包过" 团伙 警方 2020 | 短信内容 "考试包过" "考后付款" … | 建筑 安全员
#   B证 C证 代考 不用去考场 … | 公平會 處分 補習班 廣告 "保證錄取" "不上退費" 不實廣告 國考 證照 | 市场监管局 行政处罚决定书 培训机构 广告 "包过"
#   "不过退费" "保证通过" 违反广告法 第二十四条 | 教育培训 违法广告 典型案例 职业资格 "包过" "保过" "一次通过" … | 虚假违法广告典型案例 考证培训
#   "国家认可" "全国通用" "高薪就业" ….
# Left out: copies with conversion artefacts (xjdql.cn 海淀 "通过率≈100%", ynmdml.com 温州, hbzqbyyxgs.com 江苏, 8htfquj5.cn 上海, ywpdd.com
#   米塔教育, yp-sz.com, feifmx.com 石家庄 驾考), a dramatised retelling (senqingzn.com 石家庄 驾考), an excerpt without an address (中国消费者报
#   暑期 cases), regulators' reminders already in the corpus (guilinlife.com, 51haodu.com), K-12 and art-school result ads (jcgov.gov.cn,
#   izubei.com: not exam or certificate offers), Taiwanese consumer-protection inspections of cram-school contracts (ltn.com.tw, udn.com)
#   and a 1997 PTT copy of a fair-trade decision on a cram school's quality claim (ptt.cc: no pass or certificate promise).
JS = 'http://js.people.com.cn/BIG5/n2/2025/0329/c360307-41179839.html'
add('''多所高校公考項目主訓師”“多部行測、面試教材編委”“江蘇省三級面試考官”“地方公務員事業編命題考官、閱卷考官''', 'training_fraud', 'short', 'offer', JS,
    'a civil-service prep company\'s claims about its teachers, quoted verbatim in a Jiangsu market regulator\'s case report (people.com.cn, traditional-script gateway): a course sold on examiners and paper setters as teachers, as round 9 labelled a course naming the exam\'s setter; the report itself is r-0539 (same site); a quote listing several claims keeps the inner quotation marks and drops the outer pair')
NW = 'https://www.nownews.com/news/6786120'
add('''經濟部推動國內150萬企業接受『輔導顧問師』進行專業智慧低碳作業''', 'training_fraud', 'short', 'offer', NW,
    'a Taiwanese company\'s ad for a "碳盤查師" course, quoted verbatim in a NOWnews report on a Fair Trade Commission decision: a certificate course sold on a government programme that does not exist, as round 6 labelled a training company\'s "全國唯一認可" claims; inner corner brackets as stored')
add('''虛假廣告竟然動到經濟部頭上？ 公平會11日委員會議通過，台灣恆營股份有限公司及社團法人中華三創菁英協會銷售「碳盤查師」課程，並且刊登廣告是「經濟部推動國內150萬企業接受『輔導顧問師』進行專業智慧低碳作業」，但經濟部根本並未推動「150萬家企業接受輔導顧問師」，也無「輔導顧問師」，因此違反《公平交易法》第21條第4項準用第1項規定。''', 'negative', 'page', 'warning', NW,
    'the same report\'s lead (hard negative: the ad inside a regulator\'s decision); full-width punctuation as stored')
KS = 'https://k.sina.com.cn/article_7517400647_1c0126e4705901uqd8.html'
add('''更能让你能力倍增,团队倍增,利润倍增”“……快速赚钱……零投入赚钱……零风险赚钱”“我相信,你很快就可以赚回N个700元''', 'training_fraud', 'short', 'offer', KS,
    'a Guangzhou education company\'s WeChat course ads, quoted verbatim in a market regulator\'s case report (中国质量新闻网 via sina): a course sold on guaranteed income, as round 10 labelled income lines (out of scope: no certificate); inner quotation marks kept, outer pair dropped')
add('''接到举报后,白云区市场监管局立即组织执法人员对该公司经营场所进行检查,发现当事人在其微信公众号推文内容中发布“更能让你能力倍增,团队倍增,利润倍增”“……快速赚钱……零投入赚钱……零风险赚钱”“我相信,你很快就可以赚回N个700元”等内容。''', 'negative', 'page', 'warning', KS,
    'the same case report\'s paragraph around the ads (hard negative: ad text inside an enforcement report)')
