# batch 119 (round 13). pages corpus: 2005 CET answer-giving QQ accounts' profile texts quoted in a report, and a 2014 中国青年报 feature on
# 20万-yuan postgraduate "保录班" whose staff explain the price by "公关" with universities.
# Look-ups (pages): 英语四六级 答案 QQ群 群公告 "考前" "保真" "不准退款" 记者 卧底 入群 | 考研 "保过" 协议班 机构 招生人员 说 "内部消息"
#   "押中" 记者 调查 原话.
# Left out: the 2022 新京报 考研调剂 "保过费" story and its copies (handmsg.com, r435.com, nanmuxuan.com, tftnews.com: the story is in test
#   already, as round 12 noted), the 2011 光明日报 "交十万,保你过!" and 2022 中国消费者报 调剂 stories (already in the corpus), a 2014 中国之声
#   保录班 copy with conversion artefacts (markspestcontrol.com).
YZ = 'https://m.yzblive.com/news/gb/2005/06/19/118070.html'
add('''考试开始之后20分钟以后不停地刷新个人资料,答案就会出现在详细资料里面,我们不停更新。''', 'exam_fraud', 'short', 'offer', YZ,
    'the nickname text of two QQ accounts ("四级答案1", "四级答案2") that posted CET answers during the 2005 exam, quoted verbatim in a report: answers distributed to candidates during the exam, as rounds 6-11 labelled answer services')
add('''不回复消息,30分钟以后更新个人资料,看答案。''', 'exam_fraud', 'short', 'offer', YZ,
    'the same accounts\' automatic reply quoted in the report (a hard positive: no exam named)')
add('''10时40分,记者用自己的QQ号登录后发现,“46****908”和“51****820”两个QQ号码用户昵称分别是“四级答案2”和“四级答案1”,“真实姓名”一栏填写着“刷新信息”。''', 'negative', 'page', 'news', YZ,
    'the same report (hard negative; QQ numbers masked by the newspaper)')
ZW = 'http://zwxw.net/gd/edu/jrrw/1004.html'
add('''复试会牵扯到对院校相应的公关''', 'training_fraud', 'short', 'offer', ZW,
    'staff of postgraduate "保录班" explaining their 20万 fee to a 中国青年报 reporter posing as a student (quoted verbatim: ‘原因之一是能够进行系统的辅导,更重要的是“复试会牵扯到对院校相应的公关”’): a course sold on influence over admission, as round 11 labelled "保录取" agencies (a hard positive: no price or exam named in the quote)')
add('''天价保录班,在以往众多媒体报道中,已成众矢之的。媒体披露,这些保录班的运作模式普遍是,声称拥有独到的人脉资源,可以接触到命题教授、面试考官,借此吸引考生并收取高额费用。''', 'negative', 'page', 'news', ZW,
    'the same feature (hard negative: the 保录班 model described)')
