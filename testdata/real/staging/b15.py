# batch 15 (round 2): pastebin pastes not taken in round 1, found with the docs corpus
add('''买美国大学学士学位证成绩单【谷歌搜索微信963146376】买澳洲大学学士学位证买加拿大大学学士学位证买英国大学学士学位证买法国大学学士学位证买德国大学学士学位证买新加坡大学学士学位证成绩单Q/微信963146376,办理英国文凭毕业证,买美国文凭毕业证,制作澳洲文凭成绩单,高仿加拿大毕业证成绩单,代办英国学历证书,仿制美国学历证书,咨询澳洲毕业证成绩单,仿冒加拿大本科文凭,假冒英国文凭证书,澳洲毕业证,英国毕业证,美国毕业证,加拿大毕业证。
- 主营业务一,快速办理高仿毕业证成绩单:
- 1,毕业证+成绩单+留学回国人员证明+教育部学历认证(全套留学回国必备证明材料,给父母及亲朋好友一份完美交代);
- 主营业务二,真实教育部学历认证
- 1,教育部学历学位认证,留服官网真实存档可查,永久存档。
- 客服微信:963146376 QQ:963146376''', 'cert_sale','post','offer','https://pastebin.com/XSngiJj8','foreign-diploma mill paste (out of safety scope); 高仿/仿冒/假冒 + 真实存档可查 + WeChat/QQ; trimmed (repeated keyword block and process steps cut)')
add('''加拿大尼亚加拉学院毕业证制作|加拿大学历文凭办理Q微信790042814制作NC毕业证/成绩单,加拿大证书加拿大教育部认证,真实使馆认证办理*留信认证 Diploma Transcript Niagara College (无显示点网页快照)【新鑫教育咨询实体公司】留学生归国服务中心面向美国英国澳洲加拿大留学生提供以下服务:
- 一、办理毕业证成绩单(学校原版1:1高仿真制作)
- 二、使馆认证(留学回国人员证明,大使馆存档可查,查到后付款)
- 三、教育部留信网学历认证
- 四、可提供钢印,激凸,烫金,烫银,激光标,水印等防伪工艺
- 2.如果您是为了回国找工作,只是进私营企业或者外企,那么办理一份文凭即可,因为私营企业或者外企是不能查询文凭真假的!
- 更多关于办理文,凭的信息请加Q\\微790042814咨询我''', 'cert_sale','post','offer','https://pastebin.com/QNk88peG','foreign-diploma mill paste (out of safety scope): 1:1高仿真制作, 存档可查, Q/微 contact; trimmed; same contact as pastebin user shuensnemx01 (grouped)', group='pastebin:q790042814')
add('''加拿大亚岗昆学院毕业证制作|加拿大学历文凭办理Q微信790042814制作NGC毕业证/成绩单,加拿大证书加拿大教育部认''', 'cert_sale','short','offer','https://pastebin.com/u/shuensnemx01','paste title from the user listing (truncated by the site); same contact as QNk88peG (grouped)', group='pastebin:q790042814')
add('''【实体公司】QQ/微信857767150办理毕业证,成绩单,教育部学历学位认证,使馆认证,归国人员证明,修改成绩单+信封申请学校,offer录取通知书,在读证明,汤姆逊大学学位证书,TRU毕业文凭。
- ◆办理教育部国外学历学位认证。(网上可查、永久存档、快速稳妥,回国发展,考公务员,落户,进国企,外企,创业,无忧愁)
- ◆可以提供钢印、水印、烫金、激光防伪、凹凸版、最新版的汤姆逊大学毕业证、百分之百让您绝对满意、设计,印刷,DHL快递;毕业证、成绩单7个工作日,真实大使馆教育部认证2个月。
- 【真实可查】---【永久存档】---【安全可靠】---【值得信赖】
- 买加拿大假文凭∫买加拿大假学历∫买加拿大假证书【Q/薇信857767150】加拿大学历文凭制作 加拿大学历认证 加拿大证书制造 加拿大学历证书 做加拿大假文凭∫做加拿大假学历∫做加拿大假证书【Q/薇信857767150】''', 'cert_sale','post','offer','https://pastebin.com/NQhn5JbE','foreign-diploma mill paste (out of safety scope); 薇信 look-alike for 微信, ∫ separators; 网上可查/真实可查; trimmed')
add('''如何识别学历认证骗局?Q/微diploma899/一手留信认证(全球招代理)我们以合理的价格提供这degree,Transcripts.典型的学位,文凭或证书包含客户提供给我们的信息.一对一服务包括毕业院长签字,专业课程,学位类型,专业或教育领域,以及毕业日期.不要忽视这些细节.这两份文件同样重要!''', 'cert_sale','post','offer','https://pastebin.com/EUWFZRp3','diploma mill paste titled 制作美国毕业证文凭|Cornell学位证书|微diploma899; disguised as a scam warning (如何识别学历认证骗局) but sells degrees; first line only')
add('''制作美国毕业证文凭|Cornell学位证书|微diploma899|康奈尔大学毕业证成绩单|留信网认证|毕业证美国一手价''', 'cert_sale','short','offer','https://pastebin.com/EUWFZRp3','title of the same paste')
add('''澳洲卧龙岗大学毕业证制作|澳洲学历文凭办理Q/微707091118,操作办理UOW毕业证/成绩单,澳洲证书澳洲教育部认证''', 'cert_sale','short','offer','https://pastebin.com/u/xingqiu1566821','paste title from the user listing (out of safety scope)')
add('''办理澳洲南澳大学毕业证成绩单/买UniSA文凭/Q+微707091118/教育部认证/本科硕士学历/学位证书Univer''', 'cert_sale','short','offer','https://pastebin.com/u/xingqiu1566821','another title of the same user (truncated by the site)')
add('''最新原版制作,办理加拿大曼尼托巴大学曼大毕业证Q/微信871416779曼尼托巴大学曼大成绩单文凭学历认证回国人员证明''', 'cert_sale','short','offer','https://pastebin.com/u/zsszx','paste title from the user listing (out of safety scope)')
add('''原版制作(澳洲毕业证)UTS毕业证》Q/微信871416779丨办理悉尼科技大学毕业证+成绩单+文凭+学历认证 Univ''', 'cert_sale','short','offer','https://pastebin.com/u/zsszx','another title of the same user; 丨 separator')
add('''本人因家庭经济困难,想做兼职,有意者来电来函咨询,本人承接以下业务:
- 苦力搬运,装卸,车工,钳工,焊工,水电工,瓦工,砸墙,砌墙,筛沙,油漆,
- 硬件设计,电路板设计,单片机开发, 四六级替考,办证,代开发票,黑枪,黑车,
- 暗杀,洗钱,要债,洗头,搓澡,按摩,刮痧,拔火罐,算命,割双眼皮…
- 另:本人长期代写小学生寒、暑假作业。替小学生欺负其他同学(年龄在10岁以下),
- 代替学生父母开家会''', 'negative','post','other','https://pastebin.com/rmW4j78n','well-known joke text (a parody of odd-job ads) that lists 焊工, 四六级替考, 办证 among absurd services; no contact, not an offer (hard negative); trimmed')
