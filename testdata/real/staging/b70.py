# batch 70 (round 7). New topics: 家庭教育指导师 certificate courses (reports of 2022 quoting the agencies' and 公众号 selling
# lines: training_fraud quotes, the reports themselves hard negatives), campus "助考中介" and substitute-exam requests,
# paid course-brushing (刷课) agents, and hard negatives on bought driving and seafarer certificates.
# Look-ups: pages: 办证 出售 特种作业操作证 联系 | 代考 包过 微信 | 挂证 电工证 年薪 | 安全员C证 不用考试 | 职称证 代办 包下证 |
#   建筑八大员 证书 快速拿证 报名 (SEO tag pages and how-tos only) | 记者暗访 中介称 不用考试 交钱就能拿证 (stories already in
#   the corpus) | 执业药师 挂证 药店 每年 费用 中介 称 | 闲鱼 出售 证书 不用考试 卖家称 包过 | 教师资格证 代考 枪手 价格 保过 卖家 |
#   驾照科目一 代考 替考 中介 收费 记者 对方表示 | 普通话等级证书 假证 网上 卖家 可查 (SEO titles) |
#   船员证书 造假 买卖 海事 假证 记者 (rslg.cn case) | 对方称 无需参加考试 只需提供身份证复印件和照片 一周就能出证 官网可查 |
#   “包过”“不过退费” 培训机构 广告语 记者调查 操作证 (bjnews 考研保分班) | 朋友圈广告 “不用培训 不用考试 直接拿证” 特种作业 …
#   (1.9万张假证 again) | 家庭教育指导师 整理收纳师 考证 广告 “国家认证” “拿证后接单” 月入过万 骗局 | 叉车证 网上购买 假证 …
#   (nmgfzb.cn) | 消防设施操作员 证书 “包过” 免考 中介 广告 记者 | 木子 家庭教育指导师 培训机构 话术 … | 家庭教育指导师 齐鲁晚报 导师表示 … |
#   店主表示 “证书可以在网上查到” … (e-commerce certificate explainers) | 客服回复 “全程不用本人参与” “保证通过” 代考 网课 考试 记者联系 |
#   中介称 “挂证一年能拿” 万元 … | 助考中介 自我介绍称 本人是985 … | 刷课代理 一门课 几元 可代考客观题 法治日报 代理称;
#   code: 代考 包过 微信 联系 考试 答案 | 免考拿证 安全员证 电工证 挂靠 联系我们 (questionnaire blogs, templates: nothing);
#   find_string: 代办理制作 (nothing)
# Left out: mirrors with pinyin conversion artefacts (ioqf.cn, p719.cn, tytiida.com, lvtaikj.com) or broken characters
#   (8htfquj5.cn); a second rewrite of the 齐鲁晚报 story (zxksb.sxjybk.com) and the 观察者网 column and its mirrors (quotes with
#   the figures dropped); reports on paid internships (not certificates); the 端传媒, 澎湃 and 央视 挂证 reports (kept the round's
#   Chinese negatives below 1.5 × its Chinese positives).
add('''政策寬松期不是無時無刻開放,現在報名能直接考高級證書”“這是高薪就業的敲門磚,兼職的最高薪資可以達到每小時500元''', 'training_fraud','short','offer','http://www.handmsg.com/page/2022/1111/11095932.shtml','selling lines of 家庭教育指导师 course agencies quoted in a magazine report (a certificate course sold with "直接考高級證書" and income promises, like round 5\'s 躺赚 course ads); outer quotation marks dropped, inner ones kept as stored; traditional characters as stored')
add('''作為一種發展中的職業形態,家庭教育指導師伴隨著《中華人民共和國家庭教育促進法》的施行、“雙減”政策的推行獲得越來越多的關注。其火熱一方面帶動了家長對于家庭教育的重新審視,另一方面促進了家庭教育指導師的專業化發展,推動了家庭教育行業的逐漸形成。可是,在一系列舉措以及關注熱度之下,行業亂象也“破土而出”——“政策寬松期不是無時無刻開放,現在報名能直接考高級證書”“這是高薪就業的敲門磚,兼職的最高薪資可以達到每小時500元”……這些是某些家庭教育指導服務機構在宣傳家庭教育指導師證書含金量時的常見說法。升溫背后,培訓市場良莠不齊、噱頭營銷的現狀被逐一揭示出來,以職位為誘導、誤導性宣傳、不注重家庭教育能力的情況亟待治理與規范。''', 'negative','page','news','http://www.handmsg.com/page/2022/1111/11095932.shtml','the report around the quote above (negative: news quoting selling lines); first paragraph without the byline')
add('''职业前景非常广阔”“未来五年的‘金饭碗’”“时薪上千元、年薪数十万元''', 'training_fraud','short','offer','https://weimingtian.com/post/72436.html','lines of 公众号 articles promoting the 家庭教育指导师 certificate, quoted in a 中青报 report (certificate course sold with income promises); outer quotation marks dropped, inner ones kept', group='story:jiating-jiaoyu-zqb')
add('''近些日子,“家庭教育指导师”这个词的曝光率颇高。一方面,不少公众号针对它推送了带着“职业前景非常广阔”“未来五年的‘金饭碗’”“时薪上千元、年薪数十万元”等充满各种诱惑字眼的文章;另一方面,多个媒体曝光了家庭教育指导师培训考证背后的“猫腻”。''', 'negative','short','news','http://surfloor.net/wapsur-7-1853306.html','a mirror of the same 中青报 report (negative: news quoting the promotions); one paragraph, leading spaces dropped', group='story:jiating-jiaoyu-zqb')
add('''芥末堆搜索“家庭教育指导师”课程注意到,在推出该类课程的培训网站上引用了此类数据,“据权威机构统计,我国在今后的发展中至少需要100万名家庭教育咨询指导专业人员。 中国目前0-18岁孩子约2.8亿人,家长(父母)数量近5亿。 庞大的基数就是巨大的市场潜力。 2019年市场规模达到2400亿元。”

但事实上,在2021年11月23日,人力资源和社会保障部发布《国家职业资格目录(2021年版)》,其中并不包括“家庭教育指导师”。

1月20日,中国国家培训网在官网上发布声明称,近期一些社会培训机构开展“家庭教育指导师” 相关培训,在进行网络媒体宣传时盗用“中国国家培训网”名称和品牌,在学员报名群夸大证书效力为上岗必备等不实宣传内容。''', 'negative','page','news','https://www.jiemodui.com/N/130470.html?ft=Tag&fid=83996','an education-industry report on 家庭教育指导师 courses: market figures quoted from a training site and a disclaimer by the site whose name was used (negative: news with a certificate noun and course marketing); three paragraphs')
add('''考个“家庭教育指导师证书”,不仅能“科学育娃”,还能“躺着赚钱”,并且“时薪达到元”?近日,家庭教育指导师成为了网络推广的新宠。
齐鲁晚报·齐鲁壹点记者调查发现,打着“技能变现”的幌子,家庭教育培训市场良莠不齐,虚假宣传、噱头营销等情况更是层出不穷,所谓的技能培训,不过是几个小时的“速成”,甚至不需要学历、技能等任何门槛——换言之,只要是交了学费,就能拿证。''', 'negative','page','news','http://www1.jiucengtaa.com/afhzz/2504.html','a copy of a 齐鲁晚报 report on 家庭教育指导师 course ads (negative: news paraphrasing "躺着赚钱" and "交了学费,就能拿证"); first two paragraphs after the byline, the missing figure ("时薪达到元") as stored', group='story:jiating-jiaoyu-qilu')
add('''这并非刘女士个人的遭遇。随着家庭教育促进法今年1月1日正式实施,家庭教育指导师成为一项新职业。家庭教育指导师“考证热”随之兴起,各种培训乱象也引发关注。

记者近日调查发现,一些培训机构以“人才紧缺”“政策扩招”为幌子,推出价值几千元甚至上万元的家庭教育指导师考证班。不少学员反映其课程内容东拼西凑,证书含金量低,培训班承诺的“高薪就业”也难以兑现。''', 'negative','page','news','http://cz-suda.com/archives/1925','a copy of a 法治日报 report on 家庭教育指导师 exam courses (negative: news); two paragraphs', group='story:jiating-jiaoyu-fzrb')
add('''帮公共选修课考试,包满绩(绩点,多所高校对学生评价的方式),时间地点价格私聊”“帮忙找题目,有意者私聊''', 'exam_fraud','short','offer','http://ypkjmy.com.shayuweb.com/news/2882.html','two group-chat ads of a campus "助考中介" quoted in a 法治日报 report (someone else sits or answers the exam for a fee; out of scope: coursework, as round 5); the reporter\'s gloss in parentheses and the inner quotation marks kept as stored, outer ones dropped', group='story:zhukao-zhongjie-fzrb')
add('''所谓“助考服务”,就是由“助考中介”分别对接“枪手”和考生,“枪手”通过各种手段帮助考生作弊,保证考生可以获得高分。记者调查发现,“助考中介”不仅出现在大学期末考试中,甚至还出现在英语四六级考试、企业招聘考试中。“助考中介”使用行业黑话,号称在考前、考中都可以进行服务,成为“隐秘的角落”。
记者在社交平台上联系了几名“助考中介”,对方称,初高中物理化学考试、大学期末考试都能做,费用在100元至1000元不等,具体会根据学校和科目划分不同价格。''', 'negative','page','news','http://ypkjmy.com.shayuweb.com/news/2882.html','a copy of the 法治日报 report on 助考中介 (negative: news describing substitute-exam services); two paragraphs (the same article is stored in traditional characters at big5.china.com.cn, grouped by the story)', group='story:zhukao-zhongjie-fzrb')
add('''需要一名代考计算机的大神,就是普通学校的计算机期末考试,有偿''', 'exam_fraud','short','request','https://gaokao.eol.cn/news/201701/t20170109_1482236.shtml','a student\'s online request for a paid substitute test-taker, quoted in a 北京晨报 report (solicits a substitute exam: positive request; out of scope: coursework)')
add('''1月11日帮忙考一下线性代数,能得60分以上就行''', 'exam_fraud','short','request','https://gaokao.eol.cn/news/201701/t20170109_1482236.shtml','another student\'s request for a substitute test-taker (offered 150 yuan in the report) quoted in the same report (hard positive: no money or exam-fraud word in the text itself)')
add('''求高数学霸帮考试,有偿''', 'exam_fraud','short','request','https://gaokao.eol.cn/news/201701/t20170109_1482236.shtml','a request posted in an alumni part-time-job group, quoted in the same report (solicits a paid substitute for a maths exam)')
add('''临近寒假,北京各高校都已进入考试季,个别学生打起了歪主意,那就是替考。北京晨报记者在采访中发现,高数、微积分、计算机等科目替考比较抢手,每科替考价格从几十元至上千元不等,吸引了不少高年级或者已读研的大学生,替考居然成了他们兼职赚外快的一个“新阵地”。''', 'negative','short','news','https://gaokao.eol.cn/news/201701/t20170109_1482236.shtml','the lead of the same report (negative: news on substitute exams with prices)')
add('''先不用付錢,刷好我告訴你,到時候付8元就行''', 'exam_fraud','short','offer','http://061549.ddh437.com/c/8AAHADAGJ0v','a course-brushing (刷课) agent\'s answer to a student, quoted in a 法治日报 report whose title says such agents also sit objective-question tests (a paid course-and-test service, exam_fraud as round 5; out of scope: coursework); traditional characters as stored')
add('''像王楊一樣購買過刷課服務的學生不在少數。據警方通報,僅2019年至2020年,全國範圍內購買刷課服務的學生就超過790萬人,刷課數量逾7900萬科次,涉事刷課平台的下線代理人超過10萬人,其中大多數是在校學生。''', 'negative','short','police_report','http://061549.ddh437.com/c/8AAHADAGJ0v','a paragraph of the same report citing a police bulletin (negative)')
add('''原来,2014年,乌某在微信上认识了一个李姓女子,对方声称自己有关系,不用考试,花点钱就可以买到驾驶证。乌某信以为真,当即向该女子支付了4500元钱和相关身份信息,三个月后,果真收到了带有自己身份证号和照片的驾驶证。''', 'negative','short','police_report','http://nmgfzb.cn/xpaper/news/26/407/1664-1.shtml','a legal-newspaper report of a driver caught with a bought licence (negative: the seller\'s promise only paraphrased); one paragraph')
add('''在多项证据面前,涉事船员马某自知无法隐瞒,最终承认自己于2012年未通过内河船员适任考试,所持纸质证书系花钱在市场上购买的假证。''', 'negative','short','warning','http://www.rslg.cn/11864.html','a logistics company\'s repost of a maritime authority\'s case: a crew member with a bought fake competency certificate (negative: case report)')
