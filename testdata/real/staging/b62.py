# batch 62 (round 6). Sellers' own words quoted in reports on made-to-order certificates and admission letters sold
# through online shops (中国青年报 2020, 海都网 2013), with the reports as hard negatives; a GitHub README selling a
# one-stop online-course service; enforcement reports on training fraud.
# Look-ups: pages: 特种设备作业人员证 假证 仿冒 查询网站 市场监管局 通报 叉车 锅炉 电梯 (SEO titles only) |
#   普通话等级证书 代考 替考 广告 “包过” 微信群 学生 举报 学校 提醒 (SEO titles only) |
#   卖家称 “全国联网可查” “不用本人到场” 证书 聊天记录 记者 购买 假证 快递 (hk01, on.cc, nvmoo.com, ppfocus.com,
#   mama.cn already in the corpus) | 行政处罚决定书 当事人 发布 广告 “包过” “不过退费” 证书 培训 虚假宣传 微信公众号 |
#   市场监管 虚假广告 案例 培训机构 宣称 “免考拿证” “国家承认” 电工证 焊工证 罚款 |
#   闲鱼 卖家 证书 “保真” “包查” 特种作业证 记者 联系 对方 表示 几天就能拿到 (SEO titles only) |
#   职业技能等级证书 补贴 代考 替考 套取补贴 中介 称 “不用考试” “拿证领补贴” 案 (半月谈 and 工人日报 stories already
#   in the corpus) | 定制证书 网店 客服 回复 “可以做” “一模一样” 资格证 … (nothing) |
#   中青报 录取通知书 定制 商家 店家 答复 微信交易 证书 定制 调查 |
#   docs: 代考 包过 刷课 网课 微信 价格 联系 客服 (essay-mill comments, a README already in the corpus, langke06/wk)
# Left out: enforcement pages with pinyin conversion artefacts (mkcnfr.com, hbzqbyyxgs.com) or under a porn-keyword header
#   (8htfquj5.cn); an excerpt with no address (中国消费者报 on 皓学通 "全球顶尖名校包过"); essay-writing ads (coursework, not
#   certificates or exams).
add('''在的!您好!您想要的都有 , 你懂得……还有客户反馈视频 。''', 'cert_sale','short','offer','http://shadafang.com/a/2020/0826/1598406350.html','an online shop\'s reply to a reporter asking for a made-to-order admission letter and certificates ("您想要的都有, 你懂得"), quoted verbatim in a 中国青年报 report; spaces around punctuation as stored; hard positive without certificate noun or contact (round 4 rule)')
add('''我们不在淘宝交易 , 只能微信交易 。 真实交易淘宝不允许的 , 会关闭店铺 。''', 'cert_sale','short','offer','http://shadafang.com/a/2020/0826/1598406350.html','a certificate-making shop moving the buyer to WeChat, quoted verbatim in the same report (hard positive: the shop\'s offer, no certificate noun); spaces as stored')
add('''做好就会帮你盖好章 。''', 'cert_sale','short','offer','http://shadafang.com/a/2020/0826/1598406350.html','a shop\'s answer on how the forged admission letter is stamped ("we stamp it when it is made"), quoted verbatim in the same report (hard positive, very short)')
add('''近日 , 广东高考生曹某花3000元伪造清华大学录取通知书的消息引发广泛关注 。 日前 , 中青报·中青网采访人员在网络电商平台调查发现 , 多名商家表示可定制高校录取通知书 。 不仅如此 , 二代身份证、职业资格证书、高校学生证 , 甚至退伍军人证书、残疾人证等都可以定制 。''', 'negative','page','news','http://shadafang.com/a/2020/0826/1598406350.html','中国青年报 report on shops that make admission letters, 职业资格证书 and other certificates to order (hard negative: the offer paraphrased in a report); first paragraph, spaces as stored')
add('''专业订制录取通知书''', 'cert_sale','short','offer','http://dzb.hxnews.com/2013-09/02/content_131281.htm','the name of a Taobao shop that made admission letters to order, quoted in a 海都网 report (a seller-written shop title; out of the safety scope)')
add('''知名高校录取通知书订做''', 'cert_sale','short','offer','http://dzb.hxnews.com/2013-09/02/content_131281.htm','the name of another such shop, quoted in the same report (seller-written shop title)')
add('''记者以“录取通知书订购”为关键词在淘宝上搜索,发现20多家能定做今年全国高校录取通知书的网店,标价从百元至上千元不等。记者以新生的身份咨询了一家叫做“专业订制录取通知书”的网店,店主声称,已收集到全国各大高校录取通知书的模板,花350元就能定制全国任一高校今年的录取通知书。''', 'negative','page','news','http://dzb.hxnews.com/2013-09/02/content_131281.htm','海都网 report on shops making admission letters (hard negative: shop names and prices inside a report); one paragraph')
add('''一条龙刷课

介绍部分业务 【职教云】【超星学习通】【智慧树】【国家智慧中小学】【u校园】【国家开放大学】【自考教育云课堂】【职教云系列】【雨课堂系列】【讯网】【朝明在线】【麦能网】【融学APP】【技能云】【168网校】【英华学堂系列都可】【继续教育类】【柠檬文才】【亿学宝云】【优课学堂】【清华社】【安徽继续教育】 【上海开放大学】【学历邦】【兰州继教】【继教在线】【思钮教育】【春风雨教育】【龙知网】【重庆高校】【新锦和】【中国石油大学】【尚学课堂】【新京人】【百通学堂】【点墨云】【博学】【联大】【课程伴侣】【出头科技】【良师在线】【中国大学】【在浙学】【棉花糖】【朝明在线】【学习公社】【河南宗教】【welearn随行课堂】【睿学】【兰州继教】【文鼎】【绎通云】【池馆】【utalk】【168网校】【我学习】【FIF英语】【百万扩招】【和学在线】【人卫慕课】【绎通云】【再起航】【i学】【慕享】【高校邦】【好策】【优学院】 【学起Plus】【青书学堂】【含弘慕课】【微知库】【学堂在线】自动刷课--需使用请添加微信:langke06 备注来意,可提供一条龙服务

各类网课,实习打卡,强国,毕业论文,职教云补签自动签到,学习通自动签到等等,你能想到的我能搞,想不到的我也能搞

客服:langke06

qq:2116616931''', 'exam_fraud','post','offer','https://github.com/langke06/wk','a GitHub repository README selling a paid one-stop online-course service (courses of continuing-education and open universities, 毕业论文) with WeChat and QQ; labelled like round 5\'s course-exam services (someone else completes the assessed coursework); out of the safety scope; read as a stored web page, licence not checked')
add('''業內人士坦言,能被查出的這些培訓騙補犯罪行為只是冰山之一角。''', 'negative','short','news','http://www.china-longqian.com/news/2023-08-09/2906.html','a commentary on training-subsidy fraud and 滥发职业技能等级证书 (negative: one sentence of a report); traditional characters as stored')
add('''《國務院關于2022年度中央預算執行和其他財政收支的審計工作報告》揭露了培訓評價機構騙取財政資金的違法行徑,而所涉及的金額高達1.23億元!22 省多家培訓機構和用工企業搞虛假培訓套取騙取專賬資金,這些機構與企業手段多樣,行為惡劣,其中:通過將退休人員、在校生等假學員納入培訓等套取 5219 萬元;通過隨意編造上課記錄、使用外掛軟件刷課等假內容騙取4720 萬元;通過編造資料、以其他培訓抵頂等假項目騙取2360萬元。還通過租用師資、場地等假資質違規開展培訓。有的鑒定評價機構濫發證書擾亂培訓市場。23 個地區 334 家評價機構通過考試“放水”、篡改成績等方式,濫發職業技能等級證書近 14 萬本。''', 'negative','page','news','http://www.china-longqian.com/news/2023-08-09/2906.html','the same commentary quoting the national audit report on training fraud and certificates issued after lax exams (hard negative: 刷课, 考试放水, 滥发证书 in a report); one paragraph, traditional characters and stray spaces as stored')
add('''當事人通過自設網站發布教育培訓廣告,在對培訓老師的介紹中多處含有“多所高校公考項目主訓師”“多部行測、面試教材編委”“江蘇省三級面試考官”“地方公務員事業編命題考官、閱卷考官”等廣告內容。''', 'negative','page','warning','http://js.people.com.cn/BIG5/n2/2025/0329/c360307-41179839.html','a provincial market regulator\'s published case of an unlawful training ad (negative: enforcement report; the ad claims concern examiners, not certificates); one sentence, traditional characters as stored')
