# batch 112 (round 13). pages corpus: refund-if-you-fail course names and sales promises quoted in reports and consumer guides (training
# exams: 教师资格证, civil service), the 文摘报 2019 report on fire-engineer 挂证 hype, and hard negatives (consumer guides on training
# refunds, a 普通话 test "代报名" scalper report).
# Look-ups (pages): 判决书 被告人 发布广告 "包过" 特种作业操作证 微信 证书 | 平台治理公告 下架 代考 替考 商品 闲鱼 违规 考试作弊 |
#   贴吧 回复 安全员证 不用考试 直接拿证 加微信 | 经审理查明 被告人 在朋友圈发布 代考 信息 收取 考生 费用 组织考试作弊 |
#   消防设施操作员 证书 包过 培训机构 虚假宣传 处罚 "不过退费" | 建造师 挂证 猎头 电话 "一年给你" 挂靠费 记者 暗访 |
#   记者 卧底 代考 中介 聊天记录 "包过" 电工证 焊工证 "不用本人到场" | 叉车证 网上 代办 记者 调查 "不用考试" "三天出证" 可查 |
#   高处作业证 "包拿证" 培训 广告 记者 "零基础" | 考试 答案 群 "考前" 出售 "保真" 记者 卧底 QQ群 教师资格证 会计 |
#   平安卡 代考 槍手 建造業 工人 被捕 | 技術士 證照 代考 槍手 堆高機 學科 集團 起訴 | 判決 被告 於臉書 刊登 代考 廣告 保證 通過 證照
#   詐欺 | 判決 被告 網路 刊登 販售 證照 免考 "堆高機" OR "技術士" 偽造文書 | 黑猫投诉 培训机构 承诺 包过 不过退费 拒绝退款 证书 |
#   健康管理师 心理咨询师 考证 骗局 "报名即可拿证" "挂靠" 年薪 消费者 投诉 | 市场监督管理局 教育培训 违法广告 典型案例 "保过"
#   "通过率" 罚款 职业资格 | 政府补贴 免费拿证 育婴师 茶艺师 培训 骗局 电话 "国家补贴" | 海淀区市场监督管理局 违法广告典型案例
#   天龟教育 … | 销售顾问 承诺 "包过" 报名 考证 培训 学员 维权 记者 调查 消防设施操作员 OR 安全员 OR 电工 | 闲鱼 商品 代考 教资
#   普通话 … | 普通话水平测试 替考 代考 中介 收费 考生 被查 "包过" | 联合早报 中介 伪造 证书 准证 外籍员工 人力部 控告 技能证书 |
#   代办理制作 V:kz24678 证书 | quanmin.baidu.com query 证 办理 微信 可查 | 消防设施操作员证 考证 骗局 记者 "不用考试" "包拿证" … |
#   安全员C证 "包过" 报名 招生 朋友圈 记者 工地 "不用去考" | 电工证 培训学校 招生 "包教包会包拿证" 宣传单 | 消防工程师挂证疑云
#   杨扬 …. (code) 特种作业操作证 办理 可查 微信 … | 考试代考 包过 联系QQ 一建 二建 安全员 考前答案. find_string 不过退费, 免考拿证,
#   代考加微信 (keyword lists in moderation code and the powcoder header, already in the corpus: not used).
# Left out: stories already in the corpus (1.9万张假证 at 163.com / bjtitle.com / lhsh.scgwwc.com, 阿玲 at bjtitle.com, the 2007 合肥
#   暗访 at sohu.com, 新华视点 助考中介 at cnr.cn, 中青报 远程代考 at sina.com.hk / shi-fen.com, 2011 CPA leak, 货运资格证 充场, 江西会计 助考,
#   扬子晚报 2013 心理咨询 at qingdaonews.com, 北青报 2019 消防考 at 0514f.cn, 2020 消防工程师 抖音 ad at handmsg.com, 江苏 2025 典型案例,
#   皓学通, 工人日报 新职业, the quanmin.baidu 普通话 spam query), copies with conversion artefacts (hbcasj.com 荆州 ring, zgkjsz.com,
#   hf24.cn, hndydb.com, berlearn.com 证券日报, xjdql.cn 天龟, qypowez.cn 中公, topvintageporn.com, hbzqbyyxgs.com), pages under
#   gambling or porn headers (gsghst.com, 8htfquj5.cn), fiction (dmsz.cc, shi-qiang.com, 256wx.net, twfanti.net, jnwofajixie.com),
#   Taiwanese judgments on unrelated matters (lawplayer.com, lawseye.com, law-next, lawsq.com), reports on fake fire-safety lecturers
#   selling equipment (no certificate), HK 高才通 and 優才 agent stories (forged work records, not certificates or exams).
IM = 'https://imationlatam.com/news/201805/152746597563590.shtml'
add('''私播专享不过退费班''', 'training_fraud', 'short', 'offer', IM,
    'the name of a 教师资格证 course printed on the agreement of a large online training company, quoted verbatim in a 姑苏晚报 report (‘第一页上面印着“私播专享不过退费班”’): a refund-if-you-fail course, as rounds 9-11 labelled "不过可退费" and 协议班 refunds')
add('''日前,楚女士通过《姑苏晚报》“96466”新闻热线告诉记者,她在位于干将东路666号和基广场3楼的尚德机构报名了教师资格证的培训,当时参加的是不过退费班,“后来我考试没通过。最近去找他们要求退费,却跟我说了很多不能退给我的理由”。楚女士觉得尚德机构“言而无信”,愤而向相关部门进行了投诉。''', 'negative', 'page', 'news', IM,
    'the same report\'s opening (hard negative: a refund dispute over a "不过退费班", told by the reporter and the student)')
MO = 'https://www.momingqimiao776.cn/post/21980.html'
add('''不过就退费!''', 'training_fraud', 'short', 'offer', MO,
    'a civil-service course salesman\'s promise, quoted in a consumer guide on training refunds (‘销售顾问拍着胸脯保证:“不过就退费!”’): a refund-if-you-fail pitch, as round 10 labelled "不过可退费"; a hard positive of five characters')
add('''这样的遭遇并不稀奇。考公、考研、四六级、会计证、甚至短期技能培训——退费难几乎成了整个教育培训行业的通病。交钱的时候一句“随时退”“不过全退”,到了要退的时候,立刻换了腔调:合同里藏着限制条款,客服口风也突然变硬。很多学员抱怨:“交钱前是爷,交钱后连人都找不到。”''', 'negative', 'page', 'howto', MO,
    'the same guide\'s paragraph on refund traps (hard negative: "随时退""不过全退" named as what agencies say, in the writer\'s voice)')
add('''首先是合同里的文字游戏。宣传时是“口号”,合同里却是“陷阱”。有的机构把“不过退”写得天花乱坠,却在合同里悄悄补上“只退学费,不退资料费、场地费、报名服务费”;有的在附加条款里埋伏条件,考生平时根本不会注意。等出事了才发现,自己签字时就掉进了坑。''', 'negative', 'page', 'howto', MO,
    'the same guide on contract clauses (hard negative)')
add('''宣传承诺与实际情况
对“保过”“速成”“高薪就业”等夸大宣传保持理性判断;
要求机构提供师资资质证明、课程大纲、往期学员成果等实质材料;
可通过社交媒体、家长社群等渠道了解机构真实口碑。''', 'negative', 'page', 'howto', 'http://finance.51emo.com/news/20251204/1204218961.html',
    'a consumer guide on training-refund disputes (hard negative: lists "保过""速成""高薪就业" as red flags); list markers dropped')
add('''许多培训机构在招生时夸大课程效果,使用“包就业”、“百分百通过考试”、“名师授课”等诱人字眼吸引学员。然而,实际课程内容往往与宣传不符,师资力量薄弱,教学效果大打折扣。''', 'negative', 'page', 'howto', 'https://www.21xqjy.com/archive/bu-tui-kuan-pei-xun-bei-hou-de-xian-jing-yu-xiao-fei-zhe-wei-quan-zhi-nan.html',
    'a guide on no-refund training traps (hard negative: "包就业""百分百通过考试" quoted as lures)')
add('''所谓"培训"就是看两天视频,发个捏造证书:
捏造人社部印章(涉捏造国家构造证件罪)
证书编号在官网查无记载
雇主验出假证直接解雇''', 'negative', 'page', 'howto', 'https://www.hezhilin.cn/44759.html',
    'a guide on cheap housekeeping-course traps (hard negative: fake 母婴护理师 certificates described; spun wording such as 捏造/构造 kept as stored); list markers dropped')
add('''黄牛盯上普通话水平测试 “代报名”牟利
北京语言文字测试中心:从未与任何机构和个人合作 提供内部报名接口''', 'negative', 'short', 'news', 'http://hitone.net.cn/2019/guoji_1128/6111.html',
    'headline and subheading of a 北京青年报 report on scalpers selling registration slots for the Mandarin test (hard negative: 代报名 and 内部报名接口 without any exam or certificate offer)')
add('''心存疑问的她便打电话向朝阳语言文字测试中心咨询,相关工作人员告知是为了防止黄牛刷号才故意上午不放号。该工作人员还说,“根据前几次经验,放号当天两三分钟150个号瞬间就没了,考试现场80%的考生要求改联系电话,明显是黄牛抢到号后倒卖,为了保护真正考生的利益,故意不放号,而真正有需求的考生会一直耐心刷号,直到下午刷到号。”''', 'negative', 'page', 'news', 'http://hitone.net.cn/2019/guoji_1128/6111.html',
    'the same report (hard negative)')
WZ = 'https://epaper.gmw.cn/wzb/html/2019-05/07/nw.D110000wzb_20190507_9-01.htm?div=-1'
add('''未来五年之内,国家注册消防工程师的需求量将达到50万人''', 'training_fraud', 'short', 'offer', WZ,
    'a claim "circulating in the exam-training market" quoted verbatim in a 文摘报 report on fire-engineer 挂证 (‘…的说法,开始在资格考试培训市场流传’): a course-selling demand claim like round 7\'s "未来五年的‘金饭碗’" lines (a hard positive: no price, course or contact)')
add('''高需求量,也给了一些人钻空子捞钱的机会:注册消防师兼职。说得直接点,就是资格证书挂靠。2017年2月,公安部曾发出通知,要求各地集中清理整治一级注册消防工程师资格证书挂靠问题。但仍有很多人愿意相信网络上兼职价格“4531”(45万,3年,一次性付清)的神话,为高收益而来报考。
杨扬就是这样一脚踏进了消防领域。大学本科行政管理专业的她本职工作是名会计,在网络上看到“挂证”可以获得不菲收入的传言,心动了。一咬牙,花了近两个月的工资,由培训机构办理了消防从业证明,顺利报名参加一级消防工程师资格考试。''', 'negative', 'page', 'news', WZ,
    'the same report (hard negative: 挂证 price slang "4531" and a training agency arranging a work certificate, in the reporter\'s voice); blank lines between paragraphs dropped')
