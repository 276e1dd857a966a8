# batch 40 (round 4). More quoted pitches (fake health certificates, a 挂证 training agency, a CET-certificate shop),
# their reports, a legitimate school's renewal page and query how-tos as hard negatives.
# Look-ups: pages: 健康证 不用体检 网上 代办 卖家称 “当天出证” “可查” 记者 调查 |
#   保安员证 消防员证 网上 花钱 买证 客服称 “百分百真证” “官网可查” 骗局 |
#   锅炉证 电梯证 压力容器 特种设备作业人员证 代办 “不用考” 中介 称 记者 暗访 (SEO pages only) |
#   继续教育 代学 代刷 安全员 三类人员 网课 广告 “包过” 复审 代考 记者 |
#   特种作业操作证 复审 不用本人到场 代办 广告 “无需培训” 应急管理局 提醒 警惕 |
#   起重机 司机证 塔吊证 假证 网购 卖家 声称“包查询” 工地 民警 查获 (SEO pages only) |
#   楼主 回复 需要办理 电工证 焊工证 的 加我微信 包过 发帖 (no forum pages stored) |
#   查询结果 姓名 性别 证件号码 作业类别 准操项目 初次领证日期 有效期限 签发机关 证书真实有效 (imitation query page: none) |
#   code: 特种作业操作证 查询结果 证号 准操项目 初领日期 有效期 发证机关 html 查询页面 (none) |
#   做假证 办证 电话 微信 QQ 客服 证件制作 各类操作证 github.io (none) |
#   find_string: 准操项目, 特种作业操作证查询, 证书挂靠 (no imitation page; no provenance for the 挂靠 platform footer) |
#   find_repos: banzheng, bzfw, kezhang, zuozheng (no spam repositories) |
#   docs: gitlab 用户 简介 办证 … | 威信同号 做证 办证 各类证件 操作证 上岗证 刻章 (known sellers only)
add('''2013年建造师、建筑师真题奉送''', 'training_fraud','short','offer','https://m.gaodun.com/guihua/8338.html','a training company\'s claim ("real exam questions given away") next to “非本专业也能过”, quoted verbatim in a report on 挂证; the 非本专业 quote of the same ad is already in the corpus')
add('''辦個性榮譽證書 聘書四或六級獎狀''', 'cert_sale','listing','offer','https://ppfocus.com/0/ed8e07cb0.html','an online shop\'s product title for fake CET (四六级) certificates, quoted verbatim (traditional characters as stored) in a 北京晨报 report; a listing title dressed as "personal honour certificates"; out of the safety scope')
add('''办理真实文凭、资格证书''', 'cert_sale','short','offer','http://hkwb.net/nrpd/content/2012-01/09/content_586175.htm','a fake-diploma website\'s banner, quoted verbatim in the 海口网 report (see batch 38)')
add('''只需80元,不用体检就能办健康证,电子版隔天出,纸质版3天邮寄到家。''', 'cert_sale','short','offer','https://m.gmw.cn/2025-06/07/content_1304053760.htm','a seller\'s pitch for fake health certificates, quoted verbatim in a 工人日报 report; out of the safety scope')
add('''发一下电话、地址、身份证正反面照片,健康证3天就能邮寄到家。''', 'cert_sale','short','offer','https://m.gmw.cn/2025-06/07/content_1304053760.htm','the seller\'s message to the reporter, quoted verbatim in the same report')
add('''是医院内部开的真证,不怕查''', 'cert_sale','short','offer','https://m.gmw.cn/2025-06/07/content_1304053760.htm','the seller\'s reassurance, quoted verbatim in the same report; no certificate noun beyond 证: a hard positive')
add('''健康证是证明从业者身体健康、防范疾病传播风险的法定证件,对于保障公共卫生安全和行业规范运营至关重要。我国《食品安全法》《公共场所卫生管理条例》等法律法规明确规定,从事接触直接入口食品工作的食品生产经营人员、公共场所直接为顾客服务的人员等,须持“健康合格证”上岗,且后续需定时体检、更新证件。
然而,《工人日报》记者调查发现,健康证造假问题不时出现,部分假健康证花80~200元即可买到,无需参加线下体检。有的办证方称,能专门制售用于线上平台查验的健康证。健康证造假乱象为何出现,如何堵住造假漏洞?记者对此进行了采访。''', 'negative','page','news','https://m.gmw.cn/2025-06/07/content_1304053760.htm','工人日报 report on fake health certificates (hard negative); two paragraphs without the quoted pitches')
add('''無需體檢、當天出證''', 'cert_sale','short','offer','https://www.ctmanga.com/a/cai-jing-diao-cha-gun-jia-jian-kang-zheng-zai-bu-fen-wai-mai-ping-tai-chang-tong-wu-zu-tong-guo-shen-he.html','ad wording of fake health-certificate sellers on online platforms, quoted verbatim (traditional characters) in a 央视财经 summary; out of the safety scope')
add('''(央視財經《財經調查》)記者調查發現製售虛假健康證黑色產業鏈,網絡平臺充斥“無需體檢、當天出證”廣告,假證價格從15元至百元不等,姓名、生日可任意填寫,通過外賣平臺審覈率達100%。假證外觀逼真,能通過微信掃碼顯示相應信息,卻在衛生部門查驗真僞的軟件系統中“現了原形”。''', 'negative','page','news','https://www.ctmanga.com/a/cai-jing-diao-cha-gun-jia-jian-kang-zheng-zai-bu-fen-wai-mai-ping-tai-chang-tong-wu-zu-tong-guo-shen-he.html','央视财经 summary on fake health certificates (hard negative: the ad wording inside a report); trimmed')
add('''執法人員都查不出來真假,更别提餐館和外賣平台等用人機關。''', 'cert_sale','short','offer','https://www.laitimes.com/article/5u3br_6aimz.html','a fake health-certificate maker\'s boast to a 新京报 reporter, quoted verbatim (traditional characters as stored)')
add('''新京報記者走訪合肥、鄭州、濟南、北京等地調查發現,有醫院不體檢直接收錢發證;外賣平台、餐飲企業等用人機關默許甚至配合從業者造假;體檢備案資訊未聯網導緻監管部門難以核查……
一張小小的健康證,關系着大衆舌尖上的安全,更是公共衛生防疫中的重要一環。''', 'negative','page','news','https://www.laitimes.com/article/5u3br_6aimz.html','新京报 report on fake health certificates (hard negative); first paragraphs')
add('''冒充身份,主动联系
骗子化身“消防工作人员”,通过电话、上门等方式主动搭讪,打着“培训通知”“采购”“检查”的旗号骗信任、套信息,精准拿捏各类人群心理。
01
冒充培训人员,忽悠社区商户/居民
2025年12月,泰顺县某社区工作人员接到陌生电话,对方自称“消防部门人员”,语气正式地通知开展免费消防安全培训,还强调已与社区对接完毕,增加说辞可信度。工作人员未加核实便答应,周边多家店铺老板也陆续收到同款来电。最终30余名居民、商户到场参训,直到“讲师”中途推销器材,才被察觉是骗局,经消防部门核实,该男子为假冒人员。''', 'negative','page','warning','https://m.163.com/dy/article/KKF5H3K3053430FH.html','fire-service warning about fake "fire-safety training" scams (hard negative: 培训 and 消防 scam vocabulary without a certificate offer); trimmed')
add('''10月8日,节后刚上班,烟台市公安消防支队的电话就不断地响起,不少单位打来电话咨询,说刚接到消防支队的传真,通知要进行消防培训,还要交3000多元钱,不培训就罚款。这些询问电话弄得消防支队的工作人员一头雾水。
通知里还写着,逾期没有参加培训未获得《新消防安全合格证》的单位将按照有关规定处以停业整顿或吊销营业资格并处罚款人民币5000-30000元。这份紧急通知下面还盖有“烟台市公安消防支队的公章”。''', 'negative','page','news','https://epaper.qlwb.com.cn/html/2011-10/09/content_204977.htm?div=-1','齐鲁晚报 report on a forged fire-brigade notice demanding paid training for a 《新消防安全合格证》 (hard negative: a fraud reported, with the certificate name, but no offer); trimmed')
add('''应急管理局高处作业证复审流程
准备材料
身份证复印件、原操作证原件 / 电子证照、1 寸白底照片 2 张、健康承诺书、复审申请表。
报名申请
线上:重庆政务服务网(渝快办)搜索 “特种作业操作证复审” 在线办理;或通过合规培训机构报名。
线下:提交材料至培训机构或应急管理局指定窗口。
继续教育与培训
完成 8 学时知识更新培训(线上 + 线下结合),由机构统一组织。
参加考试
理论机考(判断、单选),80 分合格,当场出成绩,一次正考一次补考,两次不及格证件作废。
取证与查询
考试合格后 10-30 个工作日,复审记录同步至应急管理部官网,可下载电子证书。
重庆巴渝职业技术培训学校   重庆巴渝职校''', 'negative','page','school','http://m.fc36.cn/s5163979.html','a training school\'s page on the 高处作业证 renewal procedure (legitimate school: hard negative with 高处作业证, 操作证, 复审, 培训机构 报名)')
add('''一级建造师证书编号是12位,证书上面的序列号就是证书编号。要查询一级建造师证书编号,可进入中国建造师网,通过姓名、注册证书编号等信息进行查询。
一级建造师证书共有两种,分别为考试成绩合格证书和注册证书。其中,考试成绩合格证书是长期有效的,而注册证书的有效期为三年。在有效期满之前三个月,持证人需要到注册机构办理延续注册手续。如果在有效期内变更执业单位,也需要及时办理注册变更手续。
想要查询一建电子证书,可进入中国人事考试网进行查询。一建电子证书与纸质证书具有相同的法律效力。''', 'negative','page','howto','https://jiaoshoutang.com/jianzhulei/29364.html','how-to on querying a 一级建造师 certificate (hard negative: 办理 + 证书 + 查询 without an offer); middle paragraphs')
