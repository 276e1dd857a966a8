add('''什么是国家电工证
国家电工证是中国官方机构颁发的专业资格证书,旨在验证持有人在电气安装、维修及安全管理方面的技能水平。该证书由人力资源和社会保障部联合行业监管部门统一管理,覆盖低压、高压、特种作业等多个领域,确保从业人员符合国家标准GB/T 2900.1-2008的要求。''', 'negative','page','howto','https://www.zx08.cn/t/国家电工证报名.html','how-to article about the electrician certificate; trimmed to opening paragraph')
add('''电工证作为特种作业人员必备的从业资格证书,其报名程序涉及政策法规、培训体系、考试机制等多维度内容。当前国内电工证主要分为应急管理部门的特种作业操作证和人社部门的职业技能等级证两类,报名流程存在明显差异。随着电子政务普及,线上报名成为主流方式,但不同省份的审核标准、培训要求仍存在区域性特征。''', 'negative','page','howto','http://www.zx08.cn/article/172161.html','registration how-to; trimmed')
add('''因此,系统性地梳理电工证的相关知识,澄清常见误区,引导从业人员通过正规渠道获取合法证书,对于提升整个电工行业的技术素养和安全水平具有至关重要的作用。
下面呢内容将深入细节,为您提供一份关于电工证的详尽指南。
电工证的核心种类与区别
首先要明确的核心概念是,日常生活中人们泛指的“电工证”通常主要包括两大类,它们由不同的部门颁发,具有不同的法律效力和用途,绝不能混淆。''', 'negative','page','howto','https://www.zx08.cn/article/546362.html','guide urging legal channels; trimmed')
add('''龙华警方重拳摧毁6个制假窝点
渔业船员专业训练合格证、当选证、军警证、银行存折……只有人们想不到的证件,没有制假证人员办不到的证件。
海口南大桥周边区域制贩假证违法人员采取不见面交易的方式,逃避警方打击,却没能逃脱法眼。龙华警方经过3个月连续侦查,在去年成功破获南大桥特大系列制贩假证案件后,再度出重拳摧毁6个制假窝点,抓获38名违法犯罪嫌疑人,查获假证照万余份。''', 'negative','page','police_report','https://m.news.shi-fen.com/china/201911/50-537893.html','police crackdown news; trimmed')
add('''办案民警老闫说,10日上午,他们在西工区中央百货大楼附近执勤时,发现一男一女在张贴小广告,小广告上的内容为:“本公司长期承办各种证件、公章、驾照等。”民警们及时向支队领导进行了汇报。领导嘱咐:“先不要抓张贴小广告者,要顺藤摸瓜,一举端掉制假窝点。”''', 'negative','page','police_report','http://lywb.lyd.com.cn/html/2009-02/12/content_477455.htm','police report quoting a street ad; hard negative; trimmed')
add('''本公司长期承办各种证件、公章、驾照等。''', 'cert_sale','short','offer','http://lywb.lyd.com.cn/html/2009-02/12/content_477455.htm','the street ad text as quoted verbatim in the police news report (quote only)')
add('''西安市公安局处突支队民警介绍说,假证章扰乱社会正常秩序,是城市管理的顽疾,2014年以来,西安市公安局展开了专项行动,专门打击制贩假证章的违法行为,行动期间,处突支队重拳打击利用野广告的违法行为,查处此类案件22起,刑事拘留4人,行政拘留45人,深挖制贩假证章窝点13个,收缴假证章300多个,半成品野广告卡片13万余张,UI及刻章机、打印机等大量制假工具。''', 'negative','page','police_report','http://news.hsw.cn/system/2015/0622/267866.shtml','police news; trimmed')
add('''假证件严重扰乱了社会秩序,成为社会一大隐患。证件制假的广告,犹如“牛皮癣”长满一个城市的各个角落,办过这类案件的民警都深有体会,制假窝点真难查,抓到的往往是团伙外围的小喽罗,等小喽罗落网,幕后大老板早就闻风逃之夭夭。''', 'negative','page','other','http://soolun.net/periodical/30dd3e73c610b5cc25e07591ae767ce6.html','journal article abstract about fake-certificate ads; trimmed')
add('''新疆都市报讯(记者李娜 本报读者朱宝权摄影报道)4月26日,乌鲁木齐市公安局交警支队特勤大队民警端掉一制贩假证窝点。
4月26日20时许,在南湖北路高新一巷一套约20平方米的出租屋内摆放着电脑、打印机等造假设备以及涉及交通、教育、医疗等行业的各种假证、假印章。22岁的胡某与父母被特勤大队民警堵在屋内。''', 'negative','page','police_report','http://news.cntv.cn/20120429/105277.shtml','police news; trimmed')
add('''焊接作为现代制造业的核心技术之一,其从业人员必须通过正规渠道获取焊工证才能合法上岗。焊工证不仅是技能水平的权威认证,更是安全生产的重要保障。当前市场上存在多种办理渠道,但只有通过国家认可的机构考核取得的证书才具有法律效力。''', 'negative','page','howto','https://www.zx08.cn/article/141604.html','welding-certificate how-to; trimmed')
add('''电焊工证报考指南:快速拿证上岗,轻松提升薪资与就业机会
1.1 电焊工证的定义与重要性
电焊工证是一张薄薄的纸片,背后承载着沉甸甸的责任。它不仅是国家认可的专业技能凭证,更是焊工进入行业的通行证。想象一下,没有驾照就上路的司机,无证焊工同样面临着巨大的安全风险和法律隐患。''', 'negative','page','school','https://www.iveeneducation.com/post/35188.html','education site guide; headline says 快速拿证 but it is a legitimate how-to (hard negative); trimmed')
add('''笨笨猫Shirley
焊工证.是焊工的标志.它包括:1.焊工上岗证(特种作业人员操作上岗证)2.资格证:资格证书分为五个等级:初级(国家职业资格五级)、中级(国家职业资格四级)、高级(国家职业资格三级)、技师(国家职业资格二级)和高级技师(国家职业资格一级)。 其中特种作业人员操作上岗证是作为焊工能不能上岗的标准.没有此证的焊接操作,都是违反规定的.''', 'negative','post','howto','http://www.hbrsks.net/zhiye/?id=83901','Q&A answer explaining welding certificates; trimmed to one answer')
add('''小也安安
五级是初级,绿色的本子。这个叫职业资格证,劳动局职业技能鉴定中心颁发的,国家承认。这个证是用来评定技术工人等级,定工资标准用的,初级没多大用处吧。焊工主要是用安监局颁发的特种作业操作证,上网证,外观像身份证一样卡式的。''', 'negative','post','howto','http://www.hbrsks.net/zhiye/?id=83901','second Q&A answer on the same page')
add('''为依法严厉打击不法分子假冒应急管理部门政府网站和证书信息查询平台,制售假冒的特种作业操作证、安全生产知识和管理能力考核合格证等违法犯罪行为,按照应急管理部、公安部的统一部署,日前,四川省应急管理厅和公安厅联合印发了《开展打击假冒政府网站制售假冒安全生产证书专项行动工作方案》(简称《方案》)。''', 'negative','page','warning','https://cbgc.scol.com.cn/news/2255711','campaign notice news; trimmed')
add('''记者了解到,此次专项行动重点打击伪造、变造、买卖假冒安全生产证书,涉嫌伪造、变造、买卖国家机关公文、证件、印章的违法犯罪行为;打击利用互联网搭建假冒政府网站,提供假冒安全生产证书查验,涉嫌非法利用信息网络的违法犯罪行为,或为上述行为提供互联网接入、服务器托管、网络存储、通讯传输等技术支持,涉嫌帮助信息网络犯罪活动的违法犯罪行为;打击利用网络媒体、在线平台等进行诸如免考、速成等虚假宣传,兜售假冒安全生产证书,诱导从业人员上当受骗,涉嫌诈骗的违法犯罪行为和查处生产经营单位不认真核验安全生产证书真伪,默许从业人员持假证上岗的违法行为。''', 'negative','page','warning','https://cbgc.scol.com.cn/news/2255711','campaign notice listing 免考/速成 as targets (hard negative); second paragraph')
add('''【焊接与热切割作业操作证真假如何查询】在焊接与热切割作业中,操作证是从业人员上岗的重要凭证,具有法律效力。随着行业的发展,部分不法分子伪造、买卖操作证的现象时有发生,给安全生产带来隐患。因此,了解如何辨别焊接与热切割作业操作证的真伪至关重要。''', 'negative','page','howto','https://m.path411.com/ricwd/202601/2290400.html','how to verify a certificate; trimmed')
add('''二、识别假证的常见特征
1. 字体模糊或印刷粗糙:正规证件通常采用专业印刷技术,字体清晰。
2. 防伪标识缺失或异常:正规证书会带有水印、二维码、防伪标签等。
3. 信息不符:如姓名、身份证号、发证日期等与个人实际情况不符。
4. 无官方印章或印章不清:正规证书必须加盖发证单位公章,且清晰可辨。
5. 价格明显低于市场价:若证书售价远低于正常水平,需警惕。''', 'negative','page','howto','https://m.path411.com/ricwd/202601/2290400.html','same page, section on spotting fakes')
add('''连月来,国务院安委会办公室开展打击假冒特种作业操作证专项治理行动,要求各生产经营单位要落实生产经营单位主体责任,全面检查本单位特种作业人员持证情况,并通过全国统一证书查询系统查验持证人员证书真伪,确保本单位特种作业人员依法持证率达到100%。''', 'negative','page','warning','https://www.hcdyhr.cn/article/1128.html','HR company article on verifying certificates; trimmed')
add('''特种作业操作证由当地应急管理局颁发,证书每3年一审,6年一换。证书全国通用,网上统一查询网址,官方网址“https://cx.mem.gov.cn”。也可通过微信公众号搜索“国家安全生产考试”查询。''', 'negative','page','howto','https://www.hcdyhr.cn/article/1128.html','points to the official query site (must not be flagged); contains 全国通用')
add('''不法分子的造假手段日趋“专业化”和“信息化”,识别难度增大。除了肉眼难以辨别的精细印刷、模仿官方印章外,更出现了利用钓鱼网站、仿冒公众号等新型诈骗手段。例如,有的假证甚至自带可扫描的二维码,扫描后会跳转至一个高仿的“国家安全生产考试”公众号或查询页面,输入信息后能显示伪造的证书详情,极具迷惑性。''', 'negative','page','warning','https://www.jiangongdata.com/toutiao/468471.html','describes imitation query pages without being one (hard negative); trimmed')
add('''报名考取电工证,本质上是一种服务合同的缔结过程。学员支付费用,购买的是培训机构提供的培训服务、学习资料以及考试报名代理服务(部分机构可能只代理报名,不包含培训)。''', 'negative','page','school','http://diangong.itpeixun.cc/exam-223-163333.html','exam-prep platform article on refunds; trimmed')
add('''- 中介与代理服务机构: 市场上也存在大量中介性质的报名机构。这类机构的退费政策差异极大,灵活性强但风险也高。部分不规范的中介可能在报名前做出模糊或过于乐观的承诺,而在退费时设置重重障碍。''', 'negative','page','school','http://diangong.itpeixun.cc/exam-223-163333.html','same page, bullet on agents')
add('''对于广大有意从事电工行业或需要持证上岗的朋友来说,"电工证报名了不考可以退钱吗"是一个极为现实且普遍关心的问题。这个问题的背后,交织着学员个人的规划变动、对培训服务合同的认知、以及对自身权益保障的关注。''', 'negative','page','school','http://diangong.itpeixun.cc/exam-223-230960.html','exam-prep platform article; trimmed')
add('''关于电工证考试费用的退费问题,以下是详细说明:
1. 退费政策概述
电工证考试费用的退费政策因机构而异,具体是否支持退费、退费比例及流程,需根据报名机构的规定来判断。通常情况下,退费政策会在报名时签订的培训合同中明确列出,因此建议用户在报名前仔细阅读合同条款。''', 'negative','page','howto','https://www.fudaoke.com/exam/285755.html','how-to; trimmed')
add('''由此,所产生的费用就不能简单理解为“买证”的钱,而应被视为参与一项强制性、标准化职业资格认证的必要投入。''', 'negative','short','howto','https://www.zx08.cn/article/593250.html','one sentence of a fee article mentioning 买证 negatively (hard negative short)')
add('''选择时需重点验证平台备案信息,例如查看营业执照是否包含特种作业培训资质。部分省份如广东省要求培训机构必须公示师资力量,可通过省级应急管理厅官网查询白名单。

  • 优势对比:政府平台透明度高,培训机构通过率高,第三方灵活性更强
  • 风险提示:警惕承诺"包过"的机构,此类行为属违规操作''', 'negative','page','howto','http://www.zx08.cn/article/149686.html','warns against 包过 agencies (hard negative); trimmed')
