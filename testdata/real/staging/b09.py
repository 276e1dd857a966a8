add('''东莞做假证、快速办证【电话/微信:⒔⒑0⒉⒌⒎⒏⒎⒉,QQ:𝟮𝟮𝟳𝟴𝟰𝟮𝟯𝟭𝟳𝟯】,欢迎东莞办毕业证新老客户前来咨询!您的证件信息我们会百分百为您保密,这是对待客户隐私的基本准则和职业操守。东莞做证公司拥有办证行业最先进的办证设备,采用最新的制作证件技术, 我们一直以质量求生存,诚信服务来赢得东莞本地办证的市场份额...''', 'cert_sale','post','offer','https://github.com/emibell','spam repository description shown on a GitHub user profile (not an issue/PR); obfuscated contacts (enclosed and mathematical-bold digits) kept as written')
add('''重庆做证做假证本着诚信、专业、快速、保密的原则经营办证和刻章行业数十年了,重庆做证 重庆制作证件 重庆办毕业证【电话/微信:18692805056 QQ:312142306】客户的隐私第一,证书质量第一,诚信服务为宗旨,使我们成为全国各地办证行业中的佼佼者,相信我们的服务一定会赢得您的满意!''', 'cert_sale','post','offer','https://github.com/cqbjz/cqbjz.github.io','spam GitHub repository "About" text (not an issue/PR); contacts kept as written')
add('''bzfw 郑州做假证、办毕业证文凭学历证书-郑州证件制作服务
郑州做证公司欢迎您的到来【電话::𝟭𝟱𝟬𝟳𝟰𝟵𝟴𝟳𝟵𝟲𝟲威信同號,QQ:𝟯𝟭𝟮𝟭𝟰𝟮𝟯𝟬𝟲郑州办证客服】,我们是专业的郑州证件供应商,可提供郑州办文凭、学历证及毕业证等证件制作服务,主要业务有:各大中专高中毕业证文凭学历证书结业证书,身份证户口本等户籍证件,驾驶证行驶证等车辆证件,营业执照安全生产许可证企业资质等企业证件,公章财务章合同章法人章人名章等各类印章雕刻,增值税普票专票医疗住院票等票据服务,大小车辆牌照等,业务涉及证书证件范围包括了个人、企业、各种组织或团体的方方面面,如您有任何郑州办证(件)方面的需要,请联系我们,相信我们会给你一个满意的答复!''', 'cert_sale','post','offer','https://bitbucket.org/bzfw/workspace/snippets/qXxeRj','Bitbucket snippet spam; title + ad paragraph; trimmed (filler news text and link list dropped); 威信同號 look-alike for 微信')
add('''bzfw 武汉做证做假证,武汉办毕业证-武汉制作证件专业服务
武汉证件公司提供武汉办毕业证、武汉做假证做证服务,『电话&微信:𝟭𝟱𝟬𝟳𝟰𝟵𝟴𝟳𝟵𝟲𝟲』,q:𝟯𝟭𝟮𝟭𝟰𝟮𝟯𝟬𝟲。我们竭诚为您提供各类毕业证、文凭、资质类证件、户口类证件、企业证件、印章、票据、车辆证件等常用证书的制作服务!详情请来电来微咨询!''', 'cert_sale','post','offer','https://bitbucket.org/bzfw/workspace/snippets/M9a7Ey','Bitbucket snippet spam; trimmed (filler news and link farm dropped)')
add('''bzfw 昆明做假证、做证,昆明办毕业证-昆明制作证件电话
昆明做证、昆明本地做证承接各种证件、证书的制作与定制业务,電话:𝟭𝟯𝟭𝟬𝟬𝟮𝟱𝟳𝟴𝟳𝟮 威信同號,QQ:𝟮𝟮𝟳𝟴𝟰𝟮𝟯𝟭𝟳𝟯,包括昆明办毕业证,各类文凭,资质证件,户口证件,车辆类证件,企业证件,印章、票据与牌照等等的制作与服务。欢迎您的来访!''', 'cert_sale','post','offer','https://bitbucket.org/bzfw/workspace/snippets/A9aqkq','Bitbucket snippet spam; title + ad sentence; trimmed')
add('''高中、中专、职业学校、高等院校学历证书、自学考试、函授成人高考、学士学位、英语、计算机等级证书;汽车驾驶证、行驶证、营运证、附加费、养路费、从业资格证、年审;房屋所有权证、房屋他项权证、国有土地使用证、土地他项权利证明书;企业法人营业执照、个体工商(企业法人)营业执照、税务登记证、安全生产许可证、卫生许可证、建筑业企业资质证;各类操作证(电工、焊工、叉车、司炉等)、技术等级证(初级、中级、高级)、厨师、美容美发、会计、会计师、工程师、建造师、教师、医师资格证、项目经理证、一二胎准生证;身份证、户口本、未婚证、结婚证、离婚证、准生证、失业证、出生医学证明、残疾人证,军残证;公司(企业)公章、财务公章、个人私章等.....''', 'cert_sale','post','offer','https://bitbucket.org/bzfw/workspace/snippets/A9aqkq','same snippet: the product list (electrician/welder/forklift/boiler operation certificates among many); list paragraph only, no contact')
add('''我们是专业北京做证公司「电话:𝟭𝟯𝟭𝟬𝟬𝟮𝟱𝟳𝟴𝟳𝟮 微信同号,QQ:𝟮𝟮𝟳𝟴𝟰𝟮𝟯𝟭𝟳𝟯 北京办证客服」,可为您为你提供北京办毕业证、文凭、学历证书等相关证件证书制作服务,主要包括:各类文凭,资质证件,户口证件,车辆类证件,企业证件,印章、票据与牌照等等的制作与服务,如有需要,请联系我们,随时欢迎您的到来!''', 'cert_sale','post','offer','https://bitbucket.org/bzfw/workspace/snippets/M9aeXX','Bitbucket snippet spam; ad sentence only (filler about exam-day COVID rules and link farm dropped)')
add('''- Q/微信2043584015办大学毕业证成绩单.留服认证真实可查.大使馆认证.回国人员证明 不成功不收费
- ----------------雅思面授,雅思考试,不成功,不收费------------------
- ◆【咨询方式】
- 【扣】QQ/微信:2043584015
- 联系人:Jarry''', 'cert_sale','post','offer','https://pastebin.com/509d9YzC','pastebin spam selling degrees/verification (and IELTS "面授"); first lines as stored (list markers kept); trimmed')
add('''- ★★办理真实使馆认证(即留学回国人员证明,不成功不收费)
- ★★办理留信认证 (网上可查、永久存档、快速稳妥)
- ★★办理雅思面授 (雅思考试,不成功,不收费)
- ★★办理挂读学校 (学校挂读,安全快捷)
- ★★办理各国各大学文凭(一对一专业服务,可全程监控跟踪进度)''', 'cert_sale','post','offer','https://pastebin.com/509d9YzC','same paste, service list (网上可查 claim); trimmed')
add('''- 代办USYD大学文凭毕业证/买USYD假文凭假学历Q微信551190476办理悉尼大学毕业证成绩单/修改悉尼大学GPA成绩单\\USYD大学本科硕士文凭证书\\国外学历文凭制作/海外毕业证办理/澳洲学历文凭认证
- 【如删除请点击网页快照查看】Q/微:551190476,深洋教育,专业为留学生办理毕业证、成绩单、使馆留学回国人员证明、教育部认证。''', 'cert_sale','post','offer','https://pastebin.com/TG4fXdJy','pastebin degree-mill spam; first two lines; trimmed')
add('''英皇国际教育Q/微信603012914办理毕业证 成绩单 回国证明 学历认证 学生卡 在读证明 录取通知书 留信认证 网上可查永久存档。实体公司,注册经营,行业标杆,精益求精!诚招华人代理合作共赢''', 'cert_sale','post','offer','https://pastebin.com/E8CnWhvZ','pastebin degree-mill spam; one line; trimmed')
add('''制作办理美国文凭|纽约城市大学CUNY毕业证文凭微|Q603012914美国成绩单|美国学位证|假毕业证假学历留服认''', 'cert_sale','short','offer','https://pastebin.com/E8CnWhvZ','paste title as stored (truncated by the site)')
add('''「证安查」(以下简称"本应用")是一款面向建筑施工企业、用于特种作业人员、安全生产管理人员及安全生产许可证等证件的识别、登记与联网核验的工具类应用。我们深知个人信息对您的重要性,并会尽全力保护您的个人信息安全。''', 'negative','page','other','https://raw.githubusercontent.com/lovehtj/repo/refs/heads/gh-pages/隐私政策.txt','privacy policy of a certificate-verification app (hard negative); trimmed')
add('''2. 联网核验:将必要的证书编号、姓名或企业名称等信息发送至政府官方公开查询平台,用于核验证书真实性并补全权威信息。''', 'negative','short','other','https://raw.githubusercontent.com/lovehtj/repo/refs/heads/gh-pages/隐私政策.txt','same policy, one item')
