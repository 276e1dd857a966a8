# batch 95 (round 10). pages and docs corpora: training and certificate-course ads quoted in reports, their reports, a
# training provider's service agreement, regulators' reminders, and certificate sellers' pastes and gists.
# Look-ups (pages): 特种作业操作证 包过 不过退费 培训机构 招生 | 安全员证 免考 拿证 内部渠道 培训 报名 | 电工证 焊工证 叉车证 速成
#   拿证 包过 培训学校 虚假宣传 处罚 | 市场监管局 培训机构 发布广告 "包过" 虚假广告 行政处罚 特种作业 | 不用考试 直接拿证 电工证
#   微信朋友圈 广告 记者调查 | 建造师 考试 押题 保过班 不过退款 培训机构 宣传 | 消防设施操作员 培训 包拿证 免考 报名 咨询 |
#   考证培训 招生老师 承诺 "包过" "拿不到证全额退" 投诉 学员 | 叉车证 电工证 不用去考试 交钱 几天出证 网上可查 记者暗访 培训机构 |
#   安全员C证 挂靠 培训机构 承诺 拿证后 挂靠费 一年 宣传 | 特种作业证 培训 不用参加培训 直接考试 包过 记者 暗访 招生人员 称 |
#   应急管理 提醒 "花钱就能拿证" "不用考试" 特种作业操作证 诈骗 培训机构 承诺 | 二级建造师 培训机构 销售 称 "内部渠道" "考前押题"
#   保证通过 记者 | 电工证 培训 招生 广告 "一次通过" "拿证快" "包教包会" 报名 微信 | 考证机构 话术 "不用学习" "包拿证" 消费者 投诉
#   黑猫 安全员证 | 培训学校 招生简章 特种作业 低压电工 焊工 高处作业 通过率100% 包拿证 报名热线 | 代办 特种作业操作证 复审 不用本人
#   到场 包通过 联系电话.
# Look-ups (docs): 假证 特种作业操作证 出售 办证 微信 联系 电工 焊工 | 焊工证 电工证 高空作业证 培训 包过 包拿证 全国通用 可查 报名电话
#   | 考前押题 密训班 内部资料 不过退费 建造师 消防工程师 微信 咨询 | купить удостоверение сварщика без обучения с занесением в реестр.
# Left out: stories already in the corpus (thepaper 考证乱象调查, 证券日报 "黄金证书" and its mirror berlearn.com, 法治日报 网络培训乱象
#   at fyrmtzx.cn, the 特种作业操作证拿证乱象 story at mafwo.cn / gzhentan.cx, 工人日报 at aoshengma.com, handmsg.com, 0514f.cn, nn.city,
#   jobxzc.com, 265xx.com, dahuagong.com, seridoat.com), copies with conversion artefacts or spun wording (nodetpl.com, 8037eee.com,
#   wuhuxiaoyouquan.cn, easyfundingllc.com, gzqilong.cn), the traditional-script mirror whmsebhyy.com of the 深燃 story, a 公考 report
#   whose excerpt came without an address, Russian gists selling blank welder forms (left out as in round 6), a PMP "dumps" testimonial
#   (too ambiguous), and SEO tag pages.
SHENRAN = 'http://900614.com/news/show-787.html'
add('''考什么证,能让你一年轻松多赚十万?''', 'training_fraud', 'short', 'offer', SHENRAN,
    'certificate-course ad line quoted verbatim in a 深燃 report (via 创业邦) on course sellers who promise income; the course is sold with an income promise, as round 7 labelled such lines', group='story:shenran-kaozheng')
add('''考收纳师可以,这个行业才刚兴起,完全没有门槛……''', 'training_fraud', 'short', 'offer', SHENRAN,
    'certificate-course ad line quoted verbatim in the same 深燃 report ("这类‘勾引’打工人购买课程、报名考证的广告"); sells a course for a certificate with "no threshold"', group='story:shenran-kaozheng')
add('''这类“勾引”打工人购买课程、报名考证的广告,在短视频平台、社交网站上并不少见。广告中让人眼红的职业,除了收纳师,还有家庭教育指导师、碳排放管理师等等。
而且这些广告会告诉你,想赚钱吗,先来考证。
这的确切中了打工人的需求。走出校园、步入职场后,他们中的很多人抱着提高收入、职场晋升的想法,纷纷踏上考证的征途。
但走着走着,很容易就会掉进坑里。
有些专门为打工人们提供考证服务的职业教育机构,早已虎视眈眈。他们最擅长“变脸”。消费者交钱前,机构“老师”会“画大饼”诱导付费、过度承诺,让一些消费者以为“交钱就能拿证,拿证就能赚钱”。可交钱后,之前说的承诺实现不了,证也拿不到,机构“老师”就以沉默回应,或直接消失。被割了韭菜的打工人真是“叫天天不应”。
截至3月27日,在黑猫投诉平台上,与“证、退费”这两个关键词相关的投诉达24467条,涉及健康管理师的投诉达11057条。''', 'negative', 'page', 'news', SHENRAN,
    '深燃 report on certificate-course sellers (hard negative: describes "交钱就能拿证" promises in the reporter\'s voice); excerpt after the two quoted ad lines', group='story:shenran-kaozheng')
add('''“考证养家”,这是近年来一些培训机构在微视、抖音等平台频繁推送的内容,让人趋之若鹜。考个证真的就能养家,实现人生“躺赢”吗?近日,记者通过调查发现,这大多不过是一些培训机构利用副业或兼职为饵,诱导考证群体掏培训费罢了。事实上,学习数天或几个月拿到的证书,并没有什么含金量。对此,业内人士指出,学习多门技能考证的想法是好的,但这里面的“坑”不要踩。(7月4日《湖南日报》)
健康管理师、消防工程员、碳排放管理师等是稀缺工种,有了这样的高级证书,就工作年薪15-20万,不想从事相关专业的工作,也可以将证书挂靠到相关公司,每年就能有一笔不菲的收入……当这些考证广告通过朋友圈、短视频或网页弹窗呈现在你面前时,你心动吗?''', 'negative', 'page', 'news', 'http://kandiankuaibao.830036.com/yj/2023/0708/60022.html',
    '红网 commentary on "考证养家" course ads (hard negative: paraphrases the ads\' 挂靠-income promise without quoting a seller); first two paragraphs')
add('''随着互联网的发展,各种网络培训如雨后春笋般出现,其中不乏一些无资质的培训机构,同时也出现了夸大培训作用、夸大证书含金量以及借培训行骗的乱象。多位参加过各类网络培训的受访者称,一些网络培训机构打着培训的旗号,收取学员培训费后卷款跑路,还有一些培训机构的培训内容与广告宣传严重不符,甚至利用培训合同诱导学员陷入骗局,不断套取学员费用。有媒体在一家第三方投诉平台上查阅发现,教培行业考试“包过”相关投诉量达6000条,主要涉及退费难、虚假宣传、诱导办理教育贷等,其中涉及一级消防工程师证书和碳排放管理师证书报考的投诉记录最多。''', 'negative', 'page', 'warning', 'https://xy.smx.gov.cn/web/cont_d0bd162c4aab4e0ea9855286dee9925a.html',
    'a county credit site\'s risk notice "零基础包文凭?当心这些网络培训骗局" (rewrite of a 法治日报 report; hard negative naming "包过"); first paragraph of the body')
add('''半月谈记者近期调研发现,职业培训证书类诈骗手段不断翻新,滋生出“证书入库”“证书挂靠”“培训退费”等骗局。在整个诈骗链条中,培训证书是关键,一些证书成了行骗工具。除了不法分子炮制的“山寨证书”外,部分证书也来自正规的发放单位。这些单位将培训和考试业务外包给市场化机构,同时疏于管理,以致真证书被不法分子用以牟利。
40岁的李先生是案件中的受害者之一,从去年底到今年初共被骗1.1万多元。嫌疑人了解到李先生手头有一本碳排放人才证书,称可以替他找工作,只要“挂靠”某个单位,就能获高薪。李先生动心后,嫌疑人又称“挂靠”条件不够,还需要几本证书,于是索要培训费。''', 'negative', 'page', 'news', 'http://www.hnfdvc.com/index.php?m=Article&a=show&id=4264',
    '半月谈 report on certificate-course fraud ("证书入库""证书挂靠", hard negative); lead and one paragraph, trimmed')
add('''中新网 5月29日电 应急管理部执法工贸局局长杨智慧29日表示,提醒广大从业人员,自觉抵制买卖安全生产假证行为,不要轻信免考、速成等虚假宣传,要从官方网站查询培训考试机构,参加正规培训考试取证。
杨智慧称,特别提醒广大从业人员,自觉抵制买卖安全生产假证行为,不要轻信免考、速成等虚假宣传,要从官方网站查询培训考试机构,参加正规培训考试取证。''', 'negative', 'page', 'warning', 'http://urin79.com/newsn/articlej.php?nEA=bPzxx.html',
    'mirror of a 中新网 report on the Ministry of Emergency Management\'s warning against "免考、速成" ads (hard negative); first and last paragraphs of the excerpt')
add('''特种作业培训服务协议
本协议由温州建培特种作业技术培训有限公司(以下简称"甲方")与培训学员(以下简称"乙方")共同遵守。
一、培训内容与标准
1. 甲方按照国家《特种作业人员安全技术培训考核管理规定》为乙方提供培训服务。
2. 培训内容包括理论培训和实操培训,具体课时安排以培训项目说明为准。
3. 培训教材、实操设备由甲方统一提供,符合国家标准要求。
二、双方权利与义务
1. 甲方权利与义务:
- 提供符合国家标准的培训场地、设备和师资
- 按照培训计划完成培训内容
- 组织乙方参加特种作业操作证考试
- 考试合格后协助办理毕业
三、培训费用
1. 培训费用包括:培训费、教材资料费、考试认证费。
2. 费用不包含:体检费、毕业邮寄费(如需)、补考费。
四、违约责任
1. 因甲方原因无法开班的,全额退还培训费用。
2. 乙方报名后无故不参加培训的,按退费政策执行。''', 'negative', 'page', 'school', 'http://www.xinlo365.com/service.html',
    'a special-operations training company\'s service agreement (hard negative: 特种作业操作证, 考试合格, 全额退还培训费用 only if the school cannot start the class); trimmed, some clauses dropped')
add('''新华社记者调查发现,一些不法分子自诩为“消防安全专家”或假冒消防部门工作人员,以组织所谓的消防安全知识培训为幌子,向中小学、企事业单位或社区居民高价兜售来路不明的消防器材。
北京消防安全部门相关工作负责人告诉记者,假消防安全培训时不时就会冒头。所谓“消防安全专家”和其自称供职机构往往来路不明,他们共同的特点是均会主动联系当地中小学、企事业单位或社区,以提供免费的消防安全知识培训为幌子,大肆兜售高价消防器材等商品,牟取暴利。''', 'negative', 'page', 'news', 'http://xin.cwan.com/xinwen/2022/1220/53430.html',
    'mirror of a 新华社 report on fake fire-safety "training" used to sell equipment (negative: no certificate or exam offered); two paragraphs')
add('''本题库为考试学员提供最全面且题量最大的在线题库,刷真题押题提通过率让职业考试不再难考。
1.章节练习
针对最新教材章节,对应章节知识点练习题,每道题均有试题解析
2.历年真题
真题卷模拟实际应试环境,考试分数和实际答题时间均和实际考试一致,最全历年真题汇总
3.高频题库,高频错题
本题库独家推出精编押题,考题,覆盖历年必考考点,难点''', 'negative', 'post', 'other', 'https://github.com/lianxinping/questionExam',
    'README of a question-bank app for vocational exams (hard negative: 押题 and 通过率 as practice material, no pass guarantee, no leaked answers); first lines', licence='unknown (quoted for evaluation; repository not in the file index)')
add('''- guy fake passport
- drivers license
- work permit
- fake bank notes
- whatsapp only +447440184335''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/xerbZwa7',
    'language en; a paste selling forged documents (passport, driving licence, work permit; out of the safety scope, labelled like the document forgers of rounds 4 and 7); the whole paste body')
add('''How to buy fake Western Governors University (WGU) degree? Where to obtain replacement Western Governors University diploma? Fake WGU certificate for sale, Make the WGU Academic transcript, Order fake WGU degree certificate,  buy fake diploma, buy fake degree, order fake certificate online.
Email: diplomacentersale@gmail.com
WhatsApp: +86 19911539281
WeChat: +86 14779983878
https://www.diploma888.com''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/dUwWTCrz',
    'language en; a diploma mill\'s paste (out of scope, as the jf123123 pastes of round 7); first lines', group='pastebin:jf123123')
add('''How to buy fake Gordon College degree? Order fake Gordon College certificate online, Where to get a Gordon College diploma? Fake Gordon College degree certificate for sale, buy fake diploma, buy degree online, order a fake certificate online.
Email: diplomacentersale@gmail.com
WhatsApp: +86 19911539281
WeChat: +86 14779983878''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/FS6TC6Fn',
    'language en; the same diploma mill, another paste (same contacts); first lines', group='pastebin:jf123123')
add('''Своим клиентам мы предоставляем на предварительное согласование образец диплома сварщика. Диплом сварщика образец которым мы владеем способен пройти любую в нашу компанию вы можете купить у нас диплом''', 'cert_sale', 'post', 'offer', 'https://gist.github.com/anonymous/dd1353be8ce7cd965462b2b23b591f76',
    'language ru; an SEO gist offering welder diplomas for sale ("вы можете купить у нас диплом"), in scope (welding), like the Russian gists of rounds 5-6; two sentences picked from the spun text (the rest is unrelated keyword filler)')
