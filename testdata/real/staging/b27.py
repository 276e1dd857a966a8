# batch 27 (round 3): sellers' own words quoted in reports on fake health, CET and volunteer certificates (pages corpus).
# Look-ups: pages: 驾考 科目一 替考 包过 不用学 直接拿驾照 记者 中介称 | 叉车证 焊工证 网上办理 假证 民警 查获 工人称 花钱买的 可以网上查到 |
#   健康证 不用体检 直接出证 外卖骑手 商家称 记者 网上购买 | 二手平台 搜索 代考 出售证书 卖家表示 包过 记者发现 商品页面
#   docs: 四六级 考试 答案 考前 提供 耳机 微信 包过 pastebin | Name / Title Added 办证 驾驶证 身份证 毕业证 刻章 电话 微信 同号
#   code: README 网课代刷 期末代考 学习通 智慧树 保证分数 价格 联系微信 (answer-script repositories only: tools, not offers; not used)
add('''无需体检,30元包过''', 'cert_sale','short','offer','https://toutiao.com/topic/7479651070860576806','a fake health-certificate seller\'s pitch quoted verbatim in a 界面新闻 report (out of the safety scope; same offer pattern: no exam/check + 包过 + price)')
add('''据3月29日界面新闻报道,因为流程简单、门槛低,疫情防控期间许多人转换身份做起了骑手,送外卖赚钱。但记者在骑手群中发现,买卖造假健康证的情况非常普遍。一张简单P图制作而成的健康证,仅需要20元至40元不等价格,且卖家称保证通过审核。''', 'negative','page','news','https://toutiao.com/topic/7479651070860576806','report on fake health certificates for delivery riders (hard negative: price, 保证通过审核 paraphrased); one paragraph of a page that repeats itself')
add('''健康证,按照正常流程,体检合格之后才能获得。记者调查发现,有人在外卖平台注册骑手,所需的健康证只要交钱,不用体检也能拿到。这里面到底藏着怎样的秘密?''', 'negative','page','news','https://www.xiangyihealth.com/knowledge/3911.html','天津北方网 report mirrored on a spam site (hard negative: 不用体检也能拿到 in a report; the host page carries an unrelated casino banner, left out); trimmed')
add('''然而,外卖平台送餐人员近日被曝光未体检便以“150元”的假证通过平台审核实现接单,并且此种情况并非个例。这无疑给诸多外卖用户的身体健康埋下了隐患。
针对外卖平台送餐人员健康证的现状,《法制日报》记者进行了一番调查。''', 'negative','page','news','http://web.twsp.net/v/42863.html','法制日报 report on fake health certificates (hard negative); trimmed')
add('''我們辦了這麼多,從來沒有被發現的,而且一般用人單位也不查。''', 'cert_sale','short','offer','https://ppfocus.com/0/ed8e07cb0.html','an online seller of fake CET score reports reassuring a buyer, quoted verbatim in a 北京晨报 report (traditional-character mirror; out of the safety scope)')
add('''昨天,北京晨報記者在淘寶搜索欄中輸入「四六級證書」後,檢索到二三十個商品,售價在1元到3680元不等。商家的商品名稱表述大多比較含混,大多只寫著「專業證件製作」、「個性定製」等。''', 'negative','page','news','https://ppfocus.com/0/ed8e07cb0.html','the report around it (hard negative: listing words 專業證件製作 inside a report; traditional characters); trimmed')
add('''志愿者证!保真!如图!大学生,你懂的来''', 'cert_sale','short','offer','http://nvmoo.com/shehui/202104/196188.html','a second-hand-platform listing caption selling forged volunteer certificates, quoted verbatim in a 新华网 report (out of the safety scope; 保真 claim)')
add('''对学校评选评优,获取奖学金、考研加分、毕业后找工作等有巨大帮助,编号唯一可查。''', 'cert_sale','short','offer','http://nvmoo.com/shehui/202104/196188_2.html','another shop\'s listing text for "custom" certificates quoted in the same report (编号唯一可查 claim; out of the safety scope)', group='nvmoo.com')
add('''一张加盖公章、写有志愿者姓名、志愿者服务时长的公益证书,在网上竟被明码标价出售。
记者近日调查发现,互联网交易平台中有不少商家涉嫌伪造、贩卖公益证书。证书还被分为官方版、精装版、普通版等多种类型。有的商品链接中还有“高级防伪,唯一证书编号”等字样。''', 'negative','page','news','http://nvmoo.com/shehui/202104/196188.html','the report (hard negative: quotes listing words 高级防伪/唯一证书编号); trimmed')
# more look-ups: pages: 高考替考 组织者 招募枪手 承诺 报酬 保证 上线 判决 组织考试作弊罪 短信内容 |
#   普通话等级证书 花钱办 不用考 官网能查到 卖家 承诺 3500元 | 代办理制作 V:kz24678 |
#   被告人 在微信朋友圈发布 可办理 特种作业操作证 广告 伪造国家机关证件罪 判决书 |
#   人社局 提醒 网传 不用考试 交钱拿证 职业技能等级证书 全国通用 虚假宣传 截图
add('''2015年考的普通话证书多久过期<代办理制作 + V:kz24678>''', 'cert_sale','short','offer','http://quanmin.baidu.com/query/2015%E5%B9%B4%E8%80%83%E7%9A%84%E6%99%AE%E9%80%9A%E8%AF%9D%E8%AF%81%E4%B9%A6%E5%A4%9A%E4%B9%85%E8%BF%87%E6%9C%9F%3C%E4%BB%A3%E5%8A%9E%E7%90%86%E5%88%B6%E4%BD%9C+%2B+V%3Akz24678%3E','spam injected as a site-search query of a portal: a question about a certificate followed by <代办理制作 + V:id>; text is the URL-decoded query (the stored page shows only the question part); V: as a WeChat look-alike')
add('''河南省郑州、开封等地多所高校的师生构成了一张严密的替考网络。这个网络从2011年9月份开始物色“合格”“枪手”,并于2012年6月6日这一天,将大学生“枪手”送往开封、商丘、周口等地的雇主手里。 拿着雇主的身份证和准考证直接进场替考,被称作“硬考”。而通过伪造证件,瞒过监考老师审查进行替考则被称为“软考”。''', 'negative','page','news','http://dangdai.org/html/news/2290.htm','南方周末 2012 investigation of a gaokao substitute-exam network, mirrored (hard negative); trimmed')
add('''今年6月7日,高考当天,南方都市报记者卧底跨省替考组织在南昌参加高考,随后南方都市报发布调查报道,并主动配合警方端掉该替考团伙。
7月7日,江西省教育厅通报称,此事件中共有42人被处理—6名替考组织者及中介人员由公安、检察机关立案查处;7名被替考考生和7名替考者,按教育部第33号令及相关规定处理;涉案的22名公职人员分别给予相关处分。''', 'negative','page','news','http://sinoca.com/news/society/2015-08-02/430612.html','南方都市报 follow-up on a substitute-exam ring (hard negative: official sanctions); trimmed')
add('''具体来说,使用“中华人民共和国”“中国”等,以及“职业资格”“岗位合格(凭证)”“专业技术职务”等字样;使用国徽、政府部门徽标等标识,宣称“包过”、不培训(评价)或培训(评价)走过场直接发证等情形,都是不允许的。
尽管王芯此前没有任何相关的工作经历和知识储备,但该机构承诺,只要交钱就能顺利拿到证书,以后挂靠出去一年可以收入三万至五万元。''', 'negative','page','news','http://m-zhijiang.cjyun.org/p/33775.html','report on the 山寨证书 campaign (hard negative: lists the banned 包过/直接发证 claims, paraphrases a school\'s 挂靠 promise); trimmed')
add('''对这些五花八门的职业资格证书,可要仔细辨别,说不准就是违法违规的“山寨证书”!
培训结束后,王文菊获得了“高级母婴护理师”和“高级催乳师”两张注册职业资格证书,证书上加盖“JYPC全国职业资格考试认证中心”印章。''', 'negative','page','warning','https://share1.kxm.xmtv.cn/xmtv/2022-05-17/6ebce13ba43279f8.html','人民日报政文 warning about fake vocational certificates, relayed by a TV station site (hard negative); trimmed')
