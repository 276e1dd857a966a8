# batch 29 (round 3): pages corpus, more quoted offers (exam-free diplomas, diploma sellers) and police reports on exam cheating.
# Look-ups: pages: 执业药师挂证 招聘信息 不用坐班 年薪 记者暗访 药店 挂证费 | 作弊器 广告 驾考科目一 包过 出售 微信 警方 查获 … |
#   电工证过期了还能用吗 代办理制作 | 焊工证丢了怎么补办 办理 加V | 招生简章 特种作业 电工 焊工 登高 培训 包过 包拿证 … |
#   代评职称 包过 中介 称 花钱就能评上 高级工程师 职称证书 网上可查 记者 | 卖家称 保证学信网可查 假学历 文凭 花钱 记者调查 QQ 对方报价
#   docs: exam代考 quiz代考 final代考 网课代修 保分 留学生 微信号; find_string: 做假证, 威信同號
#   (the 电工证/焊工证 question searches looked for spam-injected query URLs like the one in b27; none found)
add('''其它的课只需要老师打个分数就可以过关了,但这两门课是国家规定必须考试的,所以还是得自己去考。''', 'training_fraud','short','offer','http://hubei.zg114zs.com/Detail.asp?id=3811','a self-study agency\'s "teacher" explaining that all but two courses are passed by marks given without an exam, quoted verbatim in a report on diploma shortcuts')
add('''新一轮的自考报名即将截止。网上发布各种“自考答案”和“快速拿文凭”的中介们也迎来了最后的“生意”旺季。在校园内和网络上到处都是自考的广告,这些广告真实性有多少,买卖自考文凭的又是些什么人?近日,记者进行了调查。
“不用上课半年可拿毕业证”''', 'negative','page','news','http://hubei.zg114zs.com/Detail.asp?id=3811','the report (hard negative: quotes the agencies\' slogan as a headline); trimmed')
add('''商家:每一个学校价格不一样,有的学校1500、有的学校1600,工作单位、学校都是认可的。''', 'cert_sale','short','offer','http://news.fjsen.com/2013-06/22/content_11718967.htm','a seller of diplomas and graduation-certificate numbers answering a reporter, transcribed verbatim in a 中国之声 report (out of the safety scope)')
add('''记者在某搜索引擎当中输入“毕业证编号”,页面显示了许多付费查询网站并留着这样的信息:毕业证被扣、丢失的,通过他们都可以查询到毕业证书的编号,查询范围是全国的,从1991年到2012年毕业的都可以查到。''', 'negative','page','news','http://news.fjsen.com/2013-06/22/content_11718967.htm','the report around it (hard negative: paraphrases the sellers\' pages); trimmed')
add('''两年多过去了,张健依然没有拿到期待已久的工程师中级职称证书。
2021年10月27日,她和湖北武汉德育优才教育科技有限公司(以下简称“德育优才公司”)签订了职称代评合同。合同约定,只要通过官方组织的能力测评,她就可以拿到证书。后来,她被告知通过了能力测评,但直到现在也没有拿到证书,6000元报名费也没有退回。''', 'negative','page','news','http://twwtn.com/afinance/202406/63898.html','中青报 report "花钱保过?职称代评的生意链", mirrored (hard negative: 保过/代评 in a report); trimmed')
add('''18日下午,满庄驾考中心正常进行驾驶人科目一考试,考场内巡视的监考员发现一考生神色慌张、身上也不时有机械发声,监考员怀疑考生作弊,立即停止了该考生的考试。''', 'negative','page','police_report','http://che.qc188.com/news/201312/73487.html','traffic-police report on a cheating device in a driving theory test (hard negative); first sentence')
add('''刘某说,他很清楚地记得,当天考试前,他在驾考大队附近的公路边被一陌生男子搭讪,称5000元保过,他此前在延安被骗了1000元,所以仔细观察了一番后,决定再冒一次险,给了对方4000元得到了一套无线电设备,用于接收外界信息。''', 'negative','page','police_report','http://sanqinyou.com/html/2014-8-7/20148715101124997.html','华商报 report relayed on a travel site: a candidate caught with a cheating device tells how a tout offered 5000元保过 (hard negative: paraphrased offer); trimmed')
# pastebin listings, look-up: docs: Pastebin 's Pastebin Name / Title 新西兰 日本 香港 毕业证 办理 微信 学位证 Never
add('''国外毕业证&国外文凭|UCL学位证书|微diploma899|伦敦大学学院毕业证成绩单|留信网认证|毕业证英国一手价格U''', 'cert_sale','short','offer','https://pastebin.com/u/fjjkyunh','paste title; WeChat id diploma899 of round-2 paste EUWFZRp3 (grouped)', group='pastebin:EUWFZRp3')
add('''澳洲假文凭购买|LTU学位证书|微diploma899|拉筹伯大学毕业证成绩单|留信网认证|毕业证澳洲一手价格LTU L''', 'cert_sale','short','offer','https://pastebin.com/u/fjjkyunh','another title of the same user, openly 假文凭购买 (grouped)', group='pastebin:EUWFZRp3')
add('''英国纽卡斯尔大学毕业证成绩单Q/微信9105133毕业证成绩单*NCL学位证书文凭学历认证/留信网认证/使馆认证公正Newcastle University''', 'cert_sale','short','offer','https://pastebin.com/EhWFzZf4','a one-line paste (user longtao01); out of the safety scope')
add('''購買真實護照、簽證、駕照、GMAT、雅思、PLAB 1 和 2 證書,WhatsApp:+447448435450 微訊號::investmentvisa''', 'cert_sale','short','offer','https://pastebin.com/u/abruzzi007','paste title in traditional characters selling passports, licences and exam certificates; WhatsApp number and 微訊號 (WeChat id) in one line; out of the safety scope')
add('''定制认证|新西兰惠灵顿维多利亚大学毕业证(VIC University)-网易''', 'cert_sale','short','offer','https://pastebin.com/u/kaylebugu','SEO-style paste title from a 2026 diploma-mill account: 定制认证 (custom-made credential) dressed as a news headline, no contact in the title; a hard positive')
