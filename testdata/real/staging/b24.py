# batch 24 (round 3): exam-cheating offers and their reports, first finds of round 3.
# Look-ups used for this batch (search tool; round-3 log, see README "How the texts were found"):
#   docs: 特种作业操作证 办理 不用考试 微信 电工证 焊工证 | 代考 包过 安全员证 考试 联系QQ |
#         办理电工证 焊工证 叉车证 高空作业证 可查 微信 | 安全员C证 三类人员 代办 包过 不用考 |
#         办证刻章 电话 微信 各类证件 毕业证 操作证 资格证 | 考试答案 考前 包过 替考 枪手 联系方式 微信 |
#         留学生代考 网课代修 exam代考 包过 微信
#   pages: 挂证 二级建造师 挂靠 价格 联系 微信 长期收 | 一级建造师证书挂靠 高价 急需 挂出 联系电话 |
#          电工证 不用去考试 直接办 全国可查 加微信 | 特种作业操作证查询 全国特种作业操作证查询 输入证件号 姓名 查询 |
#          证书查询中心 请输入身份证号码 证书编号 查询 … | 记者暗访 卖家称 不用参加考试 电工证 焊工证 几天就能拿证 网上可查 |
#          对方声称 包过 考试 答案 考前提供 收费 记者联系 代考 安全员
#   code: 垃圾广告样本 办证 代考 加微信 训练数据 spam 评论 | 代写代考加微信 powcoder Assignment Project Exam Help |
#         笔试代做 OA代写 VO辅助 包过 退款 微信联系 | 代考 保过 考试 代替 雅思 托福 GRE 枪手 包分
#   find_string: 办理特种作业操作证, 电工证焊工证, 不用考试直接拿证, 办证, 代考, 挂证, 全国联网可查, 免考试拿证,
#         操作证办理, 高价收证, 管理能力考核合格信息查询, 特种作业操作证查询, 证书查询系统
#   find_files/read_file: Jaywxy/wz1ge_oavosupport (README.md, OA_Support.md, VO_Support.md); find_repos oavo
LIC_JAY = 'none (no licence file among the repository files in the index)'
add('''# 前言 Preface
保证AC，有通过不了的全部退款。先写后款，不会存在任何争议行为，可通过小红书，淘宝，闲鱼第三方渠道付款，保证客户的隐私和安全。开摄像头录音的也有办法操作。目前算法题通过率100%。所有平台均可，CodeSignal平台我致力于刷满分，可供半年使用，此后无需再做这个平台的OA，只需要share report即可。

# 价格表
OA助攻 OA ASSISTS YOU $358  
确保所有测试用例全部通过。Ensure that all test cases pass    
目前市场均价359 – 450，所以我定价在**358**.除了某鱼某宝的两三百用gpt写的。  

# 其他  
1.	直接发link的oa我写好会全部拍给你，确保真实有效；
2.	所有代码独一份，全部独创；
3.	开摄像头的oa如果介意使用todesk也可以卡角度拍照，具体方式方法我会教你；''', 'exam_fraud','post','offer','github:Jaywxy/wz1ge_oavosupport/OA_Support.md@130f2b0ed6785e242318fcd001122a22f28221e5','a repository README-style page selling the taking of employers\' online coding assessments (OA) for the candidate, money back if not passed, ways around camera proctoring; out of safety scope (hiring tests); English duplicate paragraphs and the language section cut', licence=LIC_JAY)
add('''# 前言

为了尽量减少沟通上的障碍，特此编写本文档  
远程面试助攻， 通过语音转达，音频转接等技术，帮你收获**国内外大厂名企offer** 
VO面试中，我能够帮忙解答coding问题，部分八股文问题，基础知识问题，能够非常快速的帮你响应助攻完成整个面试。而面试中的BQ问题，项目细节问题，简历问题，我需要在面试之前确定和准备。我可以使面试官无法听见我的声音，但是们和您都能听到面试官的声音，这样我就可以实现协助您完成整个面试，我提供了全套的面试工具支持，设备安装非常简单，只需在宿舍环境即可实现。确定合作之后，我们会安排时间一起调试，确保在VO过程中不会出现任何问题''', 'exam_fraud','post','offer','github:Jaywxy/wz1ge_oavosupport/VO_Support.md@57c3795b106efb8351520efe5e1240d7999d141c','same seller: covert remote assistance during technical interviews (the interviewer cannot hear the helper); assisted-test offer, out of safety scope; first section only', licence=LIC_JAY)
add('''你只要把手机带进考场,开考一个半小时后,你的手机就会收到答案。不敢保证全对,但命中率非常高。比如政治的选择题是45分,我能保证你答对38分左右。''', 'exam_fraud','short','offer','http://kaoyanmiji.com/Article/xwzx/18048.html','the answer seller\'s ("枪王") words quoted verbatim in an undercover report on the postgraduate entrance exam')
add('''1月20日上午,本报暗访热线13903464269接到知情人举报,称有人秘密联系22日开始的硕士研究生入学考试“枪手”业务,收取费用高达数千元。记者当即根据知情人提供的电话号码,以考生的身份与“枪手”取得联系。对方满口应承,当晚8点见面,地点约定在某大学校园内的一栋宿舍楼下。
约见
晚8点,记者准时赴约,有人已等在昏暗的搂下。
一阵寒暄之后,他告诉记者,他并不是“枪手”,但他“手里有专门干这个的”,言外之意,他是枪手们的领军人物———枪王,他们的业务范围是政治、英语两门课的选择题,每科收费3000元。''', 'negative','page','news','http://kaoyanmiji.com/Article/xwzx/18048.html','undercover newspaper report on an exam-answer seller; contains the paper\'s own hotline number (hard negative: news with a phone number and 枪手/收费 words); trimmed')
add('''代考四级一次可得1000元,六级2200元。''', 'exam_fraud','short','offer','http://news.sina.com.cn/c/2003-12-27/04251446327s.shtml','an exam-substitute broker\'s text message recruiting a substitute (CET-4/6), quoted verbatim in a 东方网 report')
add('''意向23日16时50分某大学篮球场边 明码标价,“诚信”经营23日下午2时,笔者发短信向中介询问了价格,对方告知:“代考四级一次可得1000元,六级2200元。”笔者回信表达了做枪手的兴趣。三分钟后,中介打来电话,询问笔者的学校和英语水平。笔者称自己是一名牌大学学生,英语优秀。对方立刻显示出了浓厚的兴趣,并约笔者4时在篮球场见面。 约定时间过后良久,中介始终未露面,直至4时30分发来短信解释自己很忙,要迟到一会。''', 'negative','page','news','http://news.sina.com.cn/c/2003-12-27/04251446327s.shtml','undercover report on a substitute-exam broker (hard negative: report quoting the price); trimmed')
add('''金牌助考,英语专业八级必过,高科技考试作弊器,考中发送,成绩通过后付款,诚信第一,不过不收钱。''', 'exam_fraud','short','offer','https://johnnytowncar.com/edu/2011/03-07/2888433.shtml','a flyer posted at an exam site, quoted verbatim in a 2011 news report (mirrored page)')
add('''考生小刘说,3月4日,他在校内张贴栏看到一则广告,称提供英语八级考试答案,并称“包过、安全”。小刘联系到卖家,并约好4日下午3点见面。
当天下午2点50分许,小刘赶到预约地点后,发现已有10多名考生在等卖家。3点左右,一位自称“李召杰”的卖主出现,戴一个大墨镜,外衣上的帽子扣在头上,外地口音。
“李召杰”拿出自己的身份证交给在场学生传看,随后向大家展示广告上所说的“高科技”作弊器。''', 'negative','page','news','https://johnnytowncar.com/edu/2011/03-07/2888433.shtml','news report on an exam-cheating device scam (hard negative: paraphrases the ad, quotes 包过); trimmed')
add('''零距离接触枪手中介 非法代考地下悄悄活动''', 'negative','short','news','http://news.sina.com.cn/c/2003-12-27/04251446327s.shtml','headline of the report (hard negative: 枪手/代考 words in a news title)')
add('''本报记者 黄勇 通讯员 周景岚 为了避免代考,规范考风,2003年成人高考采取了在报名现场电子采集照片的方式,但是仍有人进入考场成功地代替他人考试,他们采取的蒙混方式是全程替考。下面便是记者记录的一位“枪手”对其代考全过程的自述: 2003年2月底,那时我正上大四,一天在网吧上网聊天时,看见有一个叫“peter”的人在聊天室“刷屏”(迅速地输入大量无关或无趣信息,类似于“灌水”),内容是:希望有人代替其妹妹参加2003年的成人高考。''', 'negative','page','news','http://news.sina.com.cn/e/2004-02-12/03531777571s.shtml','中国青年报 first-person account of an adult-exam substitute (hard negative); trimmed')
add('''办美国休斯顿大学毕业证【Q微405665716】办美国UH文凭/办美国毕业证/改成绩单/真实学历认证|(University of Houston)Q405665716)Q/微信:405665716专业办理国外大学毕业证成绩单.真实使馆教育部认证 【办加拿大文凭、办美国文凭、办英国文凭、办德国文凭、办法国文凭公证、办澳洲毕业公证学校毕业证,真实学历认证,使馆认证,留信网认证等咨询办理业务】
- 英华教育留学服务中心实体公司,注册经营,行业标杆,精益求精!
- 一.专业面向留学生提供以下服务:
- ◆办理真实使馆公证(即留学回国人员证明,不成功不收费!)
- ◆办理教育部国外学历学位认证。(网上可查、永久存档、快速稳妥,回国发展,考公务员,落户,进国企,外企,
- 创业,无忧愁)
- ◆可以提供钢印、水印、烫金、激光防伪、凹凸版、最新版的毕业证、百分之百让您绝对满意、设计,印刷,DHL快递
- 毕业证、成绩单7个工作日,真实大使馆教育部认证1个月。
- @联系人:A学历认证Olivia Q/微信405665716''', 'cert_sale','post','offer','https://pastebin.com/uAb7rY3p','diploma-mill paste (out of safety scope): 钢印/水印/激光防伪 + 网上可查 + Q/微 contact; same contact as the round-2 title from user fehadtvp558 (grouped); trimmed', group='pastebin:fehadtvp558')
add('''办理UIUC毕业证伊利诺伊大学UIUC毕业证【微\\Q744043126】美国文凭,UIUC毕业证书,学历成绩单,毕业证公证Illinois Urbana Champaign Q/微744043126办理毕业证书成绩单文凭、教育部学历认证、使馆认证(留学回国人员证明)、改成绩、在读证明、录取通知书、驾照等
--------------------------------【英华国际】留学归国服务中心 -------------------------
如果您是以下情况,我们都能竭诚为您解决实际问题:
1、在校期间,因各种原因未能顺利毕业,拿不到官方毕业证、成绩单;
2、面对父母的压力,希望尽快拿到;''', 'cert_sale','post','offer','https://pastebin.com/SUhHW4H2','diploma-mill paste (out of safety scope) also offering 驾照; 微\\Q contact; line numbers of the paste view dropped; trimmed', group='pastebin:q744043126')
add('''- 二、回国人员zheng明:
- 1,未顺利毕业,处/理留学回国人员证明/大使馆认证(含学位);
- 2,顺利毕业,处/理留学回国人员证明/大使馆认证(含学位);
- 3,顺利毕业,处/理留学回国人员证明/大使馆认证(改时间,最近毕业)
- 三丶留信学历ren证(官wang可查,永久存档)
- 四、各类紧急情况申诉协助(1.论文不过 2.GPA低 3.学术不诚信4.只拿到diploma,无法认证6.挂科7..劝退开除8..留校观察9.违反校规)
- 薇信 21841740 51专业致力于留学期间紧急应对,竭力为你的留学梦插上翅膀。''', 'cert_sale','post','offer','https://pastebin.com/1TLiqHXp','study-abroad "emergency" paste offering returnee certificates for students who did not graduate and 官网可查 credential records (out of safety scope); evasion: pinyin for characters (zheng明, ren证, 官wang), slash inside 处/理, 薇信 look-alike, WeChat number split by a space (21841740 51); trimmed')
add('''三、注意事项
- 查询时需提供准确信息:如身份证号、证书编号、姓名等,否则可能无法查到结果。
- 核实发证机关:不同地区的发证机关可能不同,需确认所在地区对应的官方平台。
- 警惕非法查询平台:避免使用非官方网站,防止个人信息泄露或被骗。
- 及时更新证件信息:若证件即将到期或需要变更信息,应提前联系发证机关办理相关手续。''', 'negative','page','howto','https://zy.sqedu.cn/zxwd/202511/787485.html','Q&A page "特种作业操作证查询在哪里审核" warning against unofficial query sites (hard negative); trimmed to the notes section')
add('''《特种作业操作证》如何查询真伪?——深度解析与实用指南
在现代社会,特种作业操作证是从事特定危险作业的重要凭证,是保障安全生产、防止事故发生的法律依据。然而,在现实生活中,许多从业人员在获取证书后,可能会遇到证书真伪存疑的情况。本文将从多个角度出发,系统梳理《特种作业操作证》的查询方法、真伪辨别技巧以及相关法律依据,帮助用户全面了解如何判断证书是否有效。''', 'negative','page','howto','http://www.hanyi.net/a42222','how-to on checking a special-operation certificate (hard negative); trimmed')
add('''前几天在工地上碰到老李,他正拿着个万用表对着配电箱皱眉。"这活儿现在没证还真不敢碰,"他擦擦汗说,"去年我们工地有个老师傅,干了二十多年电工,结果安监局来检查,因为没证直接被清退了。"这话听着让人唏嘘,但也道出了一个现实——在电气行业,那张薄薄的证书,如今成了入场的敲门砖,更是专业能力的身份证。
报考电工证的门槛其实比想象中亲民。年满18周岁且不超过法定退休年龄,初中以上文化程度,身体健康无妨碍电工作业的疾病,这三点是基本要求。''', 'negative','page','howto','http://chengdu028.net/jishu/2002.html','company blog article on how to obtain an electrician certificate through the normal exam (hard negative); trimmed')
add('''三、注意事项
1. 警惕非官方渠道
避免通过搜索引擎直接点击链接,可能导向查询网站。优先使用或行业协会官方平台。
2. 证书有效期
部分职业技能证书需定期复审或继续教育,查询时需确认证书是否在有效期内。
3. 联系官方客服
若查询无果或信息不符,可拨打中商联官方(如官网公示的联系方式)或发送邮件咨询,确认证书真实性。''', 'negative','page','howto','https://m.trustexporter.com/cz14408797.htm','B2B-site Q&A on verifying an association\'s certificates, warning of unofficial query links (hard negative); trimmed; stored text has words missing (kept as stored)')
add('''海南专业技术人员职业资格证书查询流程图解
  1、点击进入“中国人事考试网”,选择“证书查验”;
  在中国人事考试网资格证书模块,选择全国专业技术人员职业资格证书查询验证,选择持证人员查询,进入系统首页。
  6、证书真伪查验方法
  在本地用PDF编辑器(非精简版)打开电子证书PDF文件。正常的电子证书文件应带有完整的电子签章,如图所示(仅做示例,印章类型以实际为准)。''', 'negative','page','howto','https://img.ccschy.com/techan/20017.html','how-to pointing to the official certificate query (hard negative); trimmed')
add('''建造师电子证书查询系统
今年由于疫情原因,暂缓了专业技术人员职业资格证书(纸质)的发放和补办工作。因此很多人想要通过建造师电子证书查询系统来进行查询验证。
全国专业技术人员职业资格证书查询验证系统(持证人员查询)
1、系统入口
在中国人事考试网资格证书模块,选择全国专业技术人员职业资格证书查询验证,选择持证人员查询,进入系统首页。
网址:http://zs.cpta.com.cn/certMng/loginPage.jsp?src=1''', 'negative','page','howto','https://zige.eolce.com/erjijianzaoshi/kswtdy/202012161653321404.html','中国教育在线 page pointing to the official constructor-certificate query (hard negative: names a query system, official URL); trimmed')
add('''職業資格證書常見問題解答——證書查驗
網上課程學習請電話咨詢:400-622-5005!
[證書查驗]通過中國人事考試網“專業技術人員職業資格證書查詢驗證系統”,查驗證書信息。1.注冊訪問中國人事考試網(www.cpta.com.cn)首頁,點擊左側菜單中的[證書查驗]。''', 'negative','page','howto','http://www.sh-wuzi.cn/gushi/2023/0218/14508.html','traditional-character mirror of a certificate-verification FAQ with a course hotline (hard negative: phone number + 證書 words, no offer); trimmed')
