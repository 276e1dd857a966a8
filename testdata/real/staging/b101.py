# batch 101 (round 11). pages and docs corpora: "助考" agents and substitute takers quoted in reports on recruitment tests and
# online-degree exams, the reports, an SEO explainer on electricians' certificates, and an English certificate seller's paste.
# Look-ups (pages): "不用来考试" "我们安排" 资格证 中介 电话里 告诉记者 保证拿到证 | 培训机构 销售 "考不过" "免费重读" "包拿证" 会计 初级
#   … | 考前 "真题" 出售 群 "百分百" 原题 卖家 … | 3500元办好普通话等级证书 … | "英雄☆浪子" 考神 卖答案 … | "包你拿证" OR "保证你拿到证"
#   招生人员 对记者说 培训 证书 | "人不用到场" "本人不用去" 考试 代考 证书 中介 称 记者 | 导游证 保过 考试 作弊 答案 培训机构 宣称 记者 |
#   挂证中介 电话 告诉记者 "你的证" … | 考前密卷 押题 "考前三天" 发答案 … | 招聘 电工 持证上岗 要求 持有有效 特种作业操作证 联系电话 工资面议.
# Look-ups (docs, code): 代考 包过 微信 联系 考试 答案 保过 | 免考拿证 包过 证书 办理 全国可查 联系 | 刷课 代考 期末考试 包过 联系QQ 价格
#   学习通 | CSCS card without test guaranteed pass buy certificate whatsapp | (code) 代考 包过 加微信 考试 价格 咨询.
# Left out: stories and pastes already in the corpus (iosapp77.com 普通话证, sinoca.com 强者助考, kaoyanmiji.com, johnnytowncar.com 金牌助考,
#   the 法治日报 2024 助考中介 story, yktchina.com 银行笔试, gmw.cn 2003 家教中心, people.com.cn and cjyun.org 山寨证书, nn.city,
#   handmsg.com, pastebin 509d9YzC / 1TLiqHXp / 3YPp9iYa / nqSSZv8g / 0nSdcXJQ / BEJawXMY / jc4SsPpj, the wangke and langke06
#   READMEs), the 导游 answer-SMS report at big5.taiwan.cn (possibly a mirror of a test-split story at chinataiwan.cn), copies with
#   conversion artefacts (p719.cn, hnqianxi.cn, zgkjsz.com, jizihe.com), free course-brushing scripts (no service sold), fiction, an
#   IT "exam dumps" profile (too ambiguous, as in earlier rounds) and CSCS revision-book spam (no offer).
CNR = 'https://edu.cnr.cn/sy/sytjB/20231210/t20231210_526514149.shtml'
add('''国内各大银行以及地方银行都能做,还能考电力、保险、电信等行业央企。''', 'exam_fraud', 'short', 'offer', CNR,
    'a "助考中介" shop\'s WeChat reply about recruitment written tests, quoted verbatim in a 新华社 新华视点 report (paid cheating in hiring tests, as round 8 labelled "包进面" ads; hard positive: no cheating word in the quote)')
add('''银行笔试包进面”“企业笔试包进面''', 'exam_fraud', 'short', 'offer', CNR,
    'product titles of an online shop selling recruitment-test "help", quoted in the same report; the report\'s inner quotation marks kept, outer pair dropped (as round 4 did for slogan lists)')
add('''当下正值就业招聘旺季,各地各类招聘考试密集举行。“新华视点”记者调查发现,在一些网络平台,有的“助考中介”以“考试援助”为名诱导求职者舞弊,以此牟利。这种乱象甚至蔓延到校内考试,由此催生了一条地下黑色产业链。

牵线搭桥,帮助作弊

近年来,许多入职笔试由线下改为线上,在灵活、便捷的同时,也给作弊者造成可乘之机。记者调研发现,在一些网络平台,“助考中介”诱导求职者“花钱走捷径”的情况屡见不鲜。''', 'negative', 'page', 'news', CNR,
    '新华社 report on "助考中介" for recruitment tests (hard negative: 助考, 舞弊 in the reporter\'s voice); lead and first section, the shop\'s quotes (their own records) left out')
MNA = 'http://sj.mna.net.cn/anhui/focus/2014-12-15/3630.html'
add('''你好,请问你是参加考试的吗?需要代考吗?保证能过。''', 'exam_fraud', 'short', 'offer', MNA,
    'a substitute test-taker\'s pitch to candidates outside an online-degree exam centre, quoted verbatim in a report (offers 代考 with a pass guarantee, as round 8 labelled touts at exam centres)')
add('''当天上午,安庆广播电视大学门前的横幅显示,全国试点高校网络教育全国统一考试考点位于此处。在考点门前,原本应该保持周边安静的环境,却被一片嘈杂声遮掩。走近仔细一听,不少将要参加下一场考试的考生正在现场“寻找”代考。

不少考生听说“一定包过”后,纷纷寻找合适的代考者,双方很快谈妥交易后,考生将身份证和准考证等证件交给代考者,由其进入参加考试,考生就一直在考点外面等待对方完成考试。''', 'negative', 'page', 'news', MNA,
    'report on substitute takers touting outside an online-degree exam centre (hard negative: 代考, 一定包过 in the reporter\'s voice); two paragraphs, the tout\'s quote (its own record) left out')
add('''说到考试,大家都会想到这是一件非常严肃的事情。不管是什么考试,请人代考就是作弊、不诚信行为,甚至还有可能涉嫌违法犯罪。然而最近有知情者向特攻记者爆料,称在一个微信公众号发现了多则代考招聘兼职信息,并且还明码标价。

微信群招聘代考生

每场 40 到 80 元不等''', 'negative', 'page', 'news', 'https://tech.sina.com.cn/roll/2018-06-14/doc-ihcwpcmr0181663.shtml',
    '澎湃新闻 report (via 新浪) on paid substitute takers recruited for online-degree exams (hard negative: 代考招聘 described, no ad text quoted); lead and two subheads')
add('''城乡建设厅的电工证主要分为特种作业操作证和职业资格证两种。前者侧重安全操作,必须持证上岗;后者反映技能水平,影响薪资待遇。前者由应急管理部门管理,后者由人社部门颁发。
区别
特种作业操作证:这是电工上岗必备的证件,证明持证人具备安全操作高压电、建筑工地用电等危险作业的能力。证书每3年复审一次,过期或违规操作会被吊销。没有这个证,施工单位不敢雇佣,否则面临处罚。考试内容以安全规范为主,实操占比大。''', 'negative', 'page', 'howto', 'https://m.gzjll.com/2/2150539.html',
    'SEO explainer on electricians\' certificates (hard negative: 特种作业操作证, 持证上岗, 复审, no offer); trimmed, byline and footer dropped')
add('''ORDER ANY UNIVERSAL DOCUMENTS YOUR OF NEED
we(bestcertificatesproducers@gmail.com)
Buy ielts certificate without exam
in indonisia, get ielts 9 bands in
australia, ielts for australia, get ielts in estonia, get ielts in cyprus
work permit, how to get ielts certificate online, buy original ielts
certificate in China, buy original ielts certificate
pakistan, ielts result online british council, ielts certificate for
sale in uk, nebosh in qatar, buy nebosh certificate in uk,buy celpip in canada,
purchase tef in qatar,
INQUIRIES..
CONTACT US VIA>>
Email::::::::::::::::::::: bestcertificatesproducers@gmail.com
General support::::::: documentsorganizers@gmail.com
WhatsApp Number: +380963866267''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/C4aaQyiZ',
    'language en; a paste selling IELTS certificates "without exam" and NEBOSH (safety) certificates (as rounds 4 and 7 labelled such pastes); first lines, list markers dropped, typos kept')
