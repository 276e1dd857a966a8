# batch 41 (round 4). Training agencies' own words, quoted verbatim in reports: 挂靠 income, 免考 channels, a substitute
# exam, certificates "taken home" for a fee; the reports and a news piece on fake verification sites as hard negatives.
# Look-ups: pages: 短视频 培训机构 广告 “考证挂靠 躺着赚钱” “零基础 包拿证” 投诉 记者 调查 证书 |
#   招生老师 称 “不用上课 不用考试 包拿证” 证书 培训 消费者 维权 报道 |
#   “不用考试，交钱就能拿证” 叉车证 电工证 记者 联系 对方 表示 几天 拿证 (hits already in the corpus) |
#   “包拿证” “包过” 焊工 培训 招生 广告 工地 农民工 受骗 假证 记者 (hits with conversion artefacts skipped) |
#   碳排放管理师 招生 “免考” “挂靠费” 老师说 证书 入库费 骗局 受害者 |
#   中介 对记者说 “证挂在我们这里” 社保 代缴 一年 万元 挂证 暗访 建造师 (no quoted offer) |
#   考前 出售 建造师 考试答案 QQ群 “押题 包过” 诈骗 嫌疑人 民警 提醒 考生 |
#   假证 二维码 扫码 假网站 卖家 “放心 可以查” 电工证 焊工证 买家 被抓 派出所 |
#   docs: 托福 雅思 GRE 代考 保分 包过 微信 先考试后付款 | 驾照 驾驶证 不用考试 直接拿证 科目一 包过 微信 办理 (English pastes only)
add('''同学,你知道中国的十大‘黄金证书’吗?一级注册消防工程师证书就是其中之一,获得证书之后挂靠在相应单位一年收入十万元以上。''', 'training_fraud','short','offer','https://evenhosting.com/wanboguanwangmanbetx/stock/hangyeyanjiu/2021-03-15/A1615736200941.html','a training agency\'s sales call promising 挂靠 income from a 一级注册消防工程师 certificate, quoted verbatim in a 证券日报 report (the outer quotation marks dropped)')
add('''人才缺口40万、学历不高也能考”“官方认证,月入过万”“1元报名训练营、不限学历、考过即发证书''', 'training_fraud','short','offer','http://m.thepaper.cn/newsDetail_forward_18237928','three certificate-course ads quoted verbatim in a 法治日报 report on 山寨 certificates (outer quotation marks dropped, inner ones kept as stored)')
add('''无门槛拿证”“躺赚挂靠费''', 'training_fraud','short','offer','https://smile-w-hc.com/news/56115','wording of 碳排放管理师 certificate-course ads, quoted verbatim in a 工人日报 report (outer quotation marks dropped)')
add('''现在有政策红利,可以走免考渠道''', 'training_fraud','short','offer','https://smile-w-hc.com/news/56115','a training agency\'s "王老师" urging a victim to pay for a certificate "without exam", quoted verbatim in the same report')
add('''起初听说碳排放管理师证书时,山东小伙关宏以为自己捡了个大便宜:只需缴纳1980元,就能免考拿证,每年挂靠费不低于3万元……他决定为自己和妻子、父母各办一本。交费后没多久,关宏察觉有诈,培训机构却在他提出退款后“失踪”了。
辗转于投诉平台维权时,关宏聚集起遭遇相似的受害者,组建了一个“证书兼职商讨群”。群里的200余人都曾被各类新职业的远大“钱”景吸引,在诱导下报名考证。''', 'negative','page','news','https://smile-w-hc.com/news/56115','工人日报 report on certificate-course scams (hard negative: 免考拿证, 挂靠费 paraphrased inside a report); two paragraphs')
add('''年轻人工资低、压力大 , 来考个碳排放管理师吧 。新兴行业前景广阔 , 时间自由工资高 , 空闲时间就能学 , 现在报名980元证书拿回家''', 'training_fraud','short','offer','http://readke.com/c/021044513R022.html','a 碳排放管理师 course ad ("980 yuan and take the certificate home"), quoted verbatim in a 锌刻度 report whose title lists 学时帮刷, 考试包过; spaces around punctuation as stored')
add('''报名费3500元,可以代考,拿到证书挂靠一年能赚三、四万。''', 'exam_fraud','short','offer','http://ttt.tibet.cn/cn/Instant/culture/202203/t20220301_7155545.html','a training agency\'s pitch: a substitute exam (代考) and 挂靠 income, quoted verbatim in a commentary on a 碳排放管理师 course scam')
add('''两个证书的挂靠费可以给到7万元''', 'training_fraud','short','offer','https://www.sumjz.com/13536.html','the same agency\'s staff, quoted verbatim in a 齐鲁晚报 commentary on the same case; grouped with the tibet.cn record of the story', group='tibet.cn')
add('''什麼都不做,一年至少收入5萬元。''', 'training_fraud','short','offer','https://m.tftnews.com/news3911938','a 碳排放管理师 course recruiter promising income from 挂靠 ("doing nothing"), quoted verbatim (traditional characters as stored) in a 36碳 report')
add('''年滿18歲的上班族皆可報考”、“學校將統一發放畢業證書''', 'training_fraud','short','offer','http://www.hfjinjia.cn/JuZiDaQuan/407657.html','adult-education enrolment ads of agencies posing as university units (which also offer 代學替考), quoted verbatim in a report (traditional characters; outer quotation marks dropped)')
add('''近日,在北京潘家园从事珠宝玉石生意的安先生向记者反映称,7月8日,一位老年顾客带到店里几件从某处流动摊位上买来的饰品,其中两件琥珀(蜜蜡)饰品附有“北大宝石鉴定中心证书”。不过,安先生很快识别出,老太太带来的吊坠和手串是用塑料造出来的仿制品。
安先生向记者提供了真假两种“北大宝石鉴定中心证书”。其中,扫描真正证书上的二维码,页面直接进入北大宝石鉴定中心官网,链接显示证书详情以及被查询次数。而扫描伪造证书上的二维码,同样进入的是一个名为“北大宝石鉴定中心”的网站,但并未显示证书详情,而是提示输入证书授权编码和验证码查询。''', 'negative','page','news','http://finance.qianlong.com/2017/0714/1855804.shtml','report describing an imitation certificate-verification website (fake gem certificates): hard negative for imitation_site, not an imitation page itself; trimmed')
add('''这些机构往往使劲夸下海口承诺“包过”、“免考”,但是收了钱就不见踪影,例如北京优思教育、湖北优思善学、天津博成教育、河北崇业博图等多个教育机构。
据调查,目前并没有“碳排放管理师”这个职业,只有2021年3月纳入职业分类大典的“碳排放管理员”。一字之差,意义大不相同:''', 'negative','page','news','https://job.dahuagong.com/viewnews/n853','job-site news item warning about 碳排放管理师 course scams (hard negative: 包过, 免考 quoted inside a warning on a recruitment site)')
