add('''专业电工必须考取相关证书才能合法上岗。国家规定电工操作需持证,包括电工证、特种作业操作证等。这些证书证明电工掌握安全用电知识和实操技能。没有证书的电工属于无证操作,面临罚款、停工甚至法律责任。正规企业招聘电工时,会查验证书真伪,确保员工具备专业能力。证书有效期一般为3年,到期需参加复审更新知识。''', 'negative','page','howto','https://drbdp.com/4-8771365.html','how-to; trimmed')
add('''没有电工证怎么考试

59

根据当前政策和技术要求,考电工证需要通过正规培训并取得相应证书。以下是具体步骤和注意事项:''', 'negative','page','howto','http://www.bashiwenan.com/qinqingwenan/168129.html','Q&A style page whose title looks like a request; trimmed')
add('''梁園區的劉先生求助稱:
“想報名參加高低壓電工證考試,但主管部門稱已經暫停報名半年多了。不知道何時才能進行高低壓電工證的報名。”''', 'negative','page','news','http://www.senqingzn.com/dy/article/JUS785490525WSH3.html?f=post2020_dy_recommends','newspaper help column (traditional characters as stored); trimmed')
add('''近年来,由于公众对制办假证的违法行为缺乏足够认识,而制售假证的犯罪成本低且获利丰厚,假证类犯罪一直处于屡禁不止的状态。司法实践中,由于该类犯罪法定刑较轻,一般在有期徒刑三年以下或拘役的刑档量刑,且适用缓刑较多,上诉率较低,不同罪名的量刑差别不明显,致使该类案件没有受到的应有的重视,加之相关指导案例的缺乏,存在法律适用、认定标准不统一的问题。''', 'negative','page','court','https://bjsyfy.bjcourt.gov.cn/article/detail/2018/12/id/3606553.shtml','court judges paper on fake-certificate crimes; trimmed')
add('''伪造国家机关证件罪属于我国刑法体系中妨害社会管理秩序类犯罪的具体罪名,指行为人违反国家证件管理制度,通过非法手段制造虚假国家机关证件的行为。''', 'negative','short','other','https://ask.nctoro.com/tag_weizaoguojiajiguanzhengjianzui','legal explainer; first sentence')
add('''阿玲在江苏省张家港市一机械厂做焊工。2021年,她参加了当地一所培训学校的焊工培训,但是由于缺乏理论知识,考了两次焊工证都没通过。安监部门不定时会到厂里排查工人有无相关证件,阿玲听人说可以从网上办理证件,便开始在网上搜索办证信息。
不久后,阿玲在网上联系到一个人,对方称可以办理焊工证,并且能够通过网络查询到,拿证后也不需要定期考试或者继续教育,费用仅需700元。''', 'negative','page','court','https://app.bjtitle.com/8816/newshow.php?did=b1d11bcd779d43c0b19e4ec00351bac0&newsid=6439237&typeid=26','legal-news case report paraphrasing the seller (hard negative); trimmed')
add('''经查,2020年12月至2021年11月,方力等13人的假证销售团伙通过网络向他人出售伪造的国家机关证件共计5000余张,销售金额达250万余元,非法获利100万余元。''', 'negative','short','court','https://app.bjtitle.com/8816/newshow.php?did=b1d11bcd779d43c0b19e4ec00351bac0&newsid=6439237&typeid=26','same case report, one sentence')
add('''被告人王某某,原系河南省某县出租车司机。自2016年底起,为谋取非法利益,王某某开始大量伪造并买卖各类证件、印章。至案发时,其犯罪事实主要包括:为多人伪造国家机关证件共计44本,涉及结婚证、面点师证、烹饪师证、教师资格证、房产证、行驶证、压路机作业证、起重机作业操作证、户口本等多种类型;伪造企业、事业单位印章182枚;伪造身份证件9份(包括身份证、居住证、驾驶证)。''', 'negative','page','court','http://baotoulawyer.com/info/8264.jspx','lawyer commentary on a judgment listing certificate types (hard negative); trimmed')
add('''走在城市的街道上,你或许曾见过那些用黑色马克笔或红色油漆喷涂在电线杆、围墙甚至公交站台上的小广告——“办证:13XXXXXXXXX”。这些看似简陋的信息,如同城市肌理上顽固的牛皮癣,背后却连接着一张庞大、隐秘且分工精细的地下网络。''', 'negative','page','other','http://www.xingdabm.com/gongsi/268.html','essay about 办证 street ads (quotes a masked ad); trimmed')
add('''每天下班回家,我总会注意到那张贴在楼道电表箱旁的办证小广告。它像一块顽固的牛皮癣,在物业清理后的一周内又准时出现,用的是廉价的粉红色纸张,印着硕大的“办证:130XXXXXXXX”和几个模糊的刻章图案。''', 'negative','page','other','https://111526.com/hangye/338.html','blog essay on 办证 ads; trimmed')
add('''因此,本文所探讨的“南岸区二造挂证如何挂注意事项”,其核心出发点并非鼓励或指导违规操作,而是基于现实情况,旨在全面、深入地剖析这一行为背后潜藏的法律风险、职业风险和经济风险,并为持证人如何合规地完成证书注册、维护自身合法权益提供详尽的参考。''', 'negative','page','howto','https://www.zx08.cn/article/454737.html','how-to about 挂证 that warns, offers nothing (hard negative per issue 11); trimmed')
add('''根据《中华人民共和国建筑法》、《注册造价工程师管理办法》等法律法规,注册造价工程师必须受聘于一个建设工程勘察、设计、施工、监理、招标代理、造价咨询等单位,并与该单位建立真实的、合法的劳动关系。证书注册单位必须与社保缴纳单位、实际工作单位保持一致。“人证分离”的“挂证”行为直接违反了这一核心规定。''', 'negative','page','howto','https://www.zx08.cn/article/454737.html','same page, legal-risk paragraph')
add('''所谓的“兼职群”,里面活跃的大多是中介或者“二传手”。他们把持证人和需要挂靠(或者借用资质)的企业拉到一起,赚个信息差价。有些群确实能提供一些金华本地的项目信息,比如某些急需临时资质答辩的小建筑公司,但这只是极少数。大部分时候,你在群里看到的招聘信息,其实是广撒网的诱饵。

特别警惕“高费用、零风险”的承诺: 如果有群主信誓旦旦地告诉你,只要把证交给他,一年能拿好几万,而且完全不用去现场,社保也不冲突,那基本可以判定是坑。''', 'negative','page','warning','https://www.ju62.com/kqzn/71698.html','article warning about 挂靠 groups (hard negative); trimmed')
add('''“我們通過網上查詢,找到了一家號稱‘有途徑’代評職稱的咨詢機構。”該企業人事部門負責人韓先生說。''', 'negative','short','police_report','http://www.handmsg.com/page/2017/0126/15834788.shtml','police case story on imitation government sites (traditional as stored); one sentence')
