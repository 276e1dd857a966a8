add('''塔吊作为一种重要的建筑机械,其操作人员的安全资质证书——塔吊证件,是确保施工安全的关键。本文将详细介绍北京塔吊证件的查询方法,帮助您快速、准确地辨别证件真伪,确保施工安全。''', 'negative','page','howto','https://www.bkwk.cn/article/jmbjtdzjyjcxaqwy.html','how-to on verifying tower-crane certificates; trimmed')
add('''白某某所持的是焊接与热切割特种作业证,通过微信“扫一扫”功能扫描该证件二维码弹出的“页面”查询,显示白某某具备“焊接与热切割作业”资格,证件在有效期内。但执法人员登录“国家安全生产考试”平台,扫描白某某证书电子照的二维码时,显示“证件档案编号有误,请与签发机关联系核实”。''', 'negative','page','news','https://xiongdibanyun.com/fwc/a/MzUyNzA1NzEyNw==/2247511515/1','WeChat-article mirror summarising a CCTV report on fake certificates and a fake query page (hard negative for imitation_site); trimmed')
add('''北京铁路运输检察院副检察长刘祯元介绍,真的官方网站后缀是“.gov.cn”,同时搜索引擎前面会有一个党政机关的认证,进到这个网站之后可以发现,真网站可以提供电子证书下载,假的网站就没有这个功能。''', 'negative','short','news','https://xiongdibanyun.com/fwc/a/MzUyNzA1NzEyNw==/2247511515/1','same article, prosecutor on telling real from fake query sites')
add('''特种作业操作证真假辨识及相关规定1、真的证件第一行为14位数字,数字多的和少的均属假证。2、第6位数字是代表作业的类别:1、电工2、金属焊接切割作业3、起重机械作业(含电梯)、4、企业内机动车辆驾驶5、登高架设作业。(如有多字、少字、错字均为假本)''', 'negative','page','howto','https://docin.com/p-81324708.html','shared document (2010) on spotting fake certificates; trimmed')
add('''不用培训、考试

只要交钱

就可以“买到”特种作业操作证

还能在政府网站查到???''', 'negative','short','warning','https://www.dutenews.com/anjian/p/213877.html','Shenzhen emergency-management warning; rhetorical lead that echoes the offer (hard negative short)')
add('''王某和这位“金老师”最后谈定的价格是850元拿到证件。首先支付100元定金,他只要把自己的身份证号和照片给对方,不用培训、考试,一星期左右证件就能到手。“金老师”还给了王某一个网站链接,进入这个网站搜索页面,输入王某的个人信息,也能查到这个证件,都是有记录的,王某就以为这个证件是真实的。''', 'negative','page','warning','https://www.dutenews.com/anjian/p/213877.html','same warning, case narrative describing the seller and the fake query site (hard negative)')
add('''原来这个“金老师”每次做完证之后都会给对方一个网站链接。经过警方调查发现,这个网站页面内容跟应急管理部门的网站非常相似,但是网址域名却不是真正应急管理部门的网站,而是由他们自己架设的服务器,专门为查询这个假证制作的假网站。''', 'negative','page','police_report','https://www.dutenews.com/anjian/p/213877.html','same warning, imitation-site paragraph')
