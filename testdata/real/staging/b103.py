# batch 103 (round 11, added after the round's first rule commits and measured with both packs): an answer seller's text
# message, QQ signature and reassurance quoted in a report, a campus "代课代考" group's notice and request, a 刷课 platform's
# agent recruitment, and two report paragraphs.
# Look-ups (pages): 消防设施操作员 培训 招生 话术 "不用考" "包拿证" "挂靠" 学员 投诉 记者 调查 机构 工作人员 表示 | "考试代过" OR "代过"
#   网课 期末 价格 学生 兼职 群 记者 截图 | 招生老师 微信聊天记录 "包过" "拿证" 学历 证书 "放心" 承诺 投诉 黑猫 学员称 | 助考 团伙 考前
#   兜售 "答案" 短信 内容 "保证" 考生 收到 短信称.
# Left out: stories already in the corpus (北京晨报 2017 at gaokao.eol.cn / news.china.com / chaocharen.com, jcnmg.com 周平,
#   0514f.cn 消防工程师, handmsg.com, icbw.com.cn, shi-fen.com / 189u.cn 中天培训, bjtitle.com, xyx.cwan.com, xy.smx.gov.cn, sinoca.com,
#   kaoyanmiji.com, johnnytowncar.com), copies with conversion artefacts (bet456006.com, hnqianxi.cn), a first-person story without an
#   offer (chcifung.cn / freewechat.com), a 网课代管 feature whose agency quote offers nothing (71396.com), reports on fake fire-safety
#   lecturers selling equipment (no certificate; round 10 has one), a training-centre victim's blog post (bayihulian.com) and the
#   traditional-script taiwan.cn copy of a 2011 考研 report (possibly a test-split story).
HD = 'http://hairdiseases.net/baoguang/edu/130102.html'
add('''100%過關,答案準確率85%以上''', 'exam_fraud', 'short', 'offer', HD,
    'an answer seller\'s text message to a candidate for the 同等学力 exam, quoted verbatim in a report (traditional script as stored): a pass promise with answers, as rounds 4-5 labelled such messages')
add('''鄧××您好!本機構專業提供2011同等學力考試真題答案,如需要請加QQ585751××或電話155800170××,咨詢張老師。''', 'exam_fraud', 'short', 'offer', HD,
    'the same seller\'s full text message quoted verbatim in the same report; the QQ and phone numbers are masked by the newspaper (not decodable)')
add('''重金打造2011年同等學力考試答案,權威一手,歡迎垂詢''', 'exam_fraud', 'short', 'offer', HD,
    'the seller\'s QQ signature quoted verbatim in the same report')
add('''試題的真實性可以放心''', 'exam_fraud', 'short', 'offer', HD,
    'the seller\'s reassurance on the phone about papers "obtained through internal connections", quoted verbatim in the same report (hard positive: no cheating word)')
add('''個人信息泄露成謎
小鄧是區直某單位在職人員,在廣西某高校報名參加5月29日舉行的同等學力人員申請碩士學位全國統一考試。''', 'negative', 'page', 'news', HD,
    'the same report\'s section on how the candidate\'s data leaked (negative); heading and one sentence, the quotes (their own records) left out')
HA = 'http://news.haedu.cn/shengwaixinwen/2016/1230/1001689.html'
add('''代课、代拿快递、代洗衣服、代建游戏,能代的都代。官方价:30元一节''', 'exam_fraud', 'short', 'offer', HA,
    'a campus "代课代考" QQ group\'s notice quoted verbatim in a 成都商报 report (copy at a provincial education site): paid attendance of classes for others, labelled like round 9\'s flyer offering to attend classes and sit exams (out of scope: coursework); grouped with 265xx.com, an earlier copy of the report', group='265xx.com')
add('''明天下午第一节,代考新闻学,开卷,需女生。''', 'exam_fraud', 'short', 'request', HA,
    'a request for a paid substitute posted in the same group, quoted verbatim in the same report (as round 7 labelled students\' requests)', group='265xx.com')
ZJ = 'http://zhejianglong.com/c/0Q63K552021_2.html'
add('''一门网课下单即可赚钱 , 卖给同学原价自己赚差价 , 代理满10元即可提现''', 'exam_fraud', 'short', 'offer', ZJ,
    'a paid course-brushing platform\'s recruitment of student resellers, quoted in a report on 付费刷课 (the service does online courses and their exams for students; labelled like rounds 5 and 7\'s 刷课 services, out of scope: coursework); spaces around punctuation kept as stored')
add('''此外 , 一些平台甚至利用在校大学生作为“代理”扩大黑色链条 , 通过同学之间的朋友圈、QQ群、QQ空间等各种社交媒体发布付费刷课广告 , “代理”的学生赚取代理费用和提成 。''', 'negative', 'page', 'news', ZJ,
    'the report\'s paragraph on student agents of 刷课 platforms (hard negative: 付费刷课广告 described); spaces around punctuation kept as stored')
