# batch 97 (round 10). pages corpus: pass guarantees of exam-prep agencies quoted in reports, and the reports.
# Look-up: 招生老师 说 "不用担心考不过" "我们有内部题库" 证书 培训 记者 暗访 (lvtaikj.com, say1888.cn, bjbwlg.com and mmkcvlj.cn are copies
#   with conversion artefacts; kejihao.com is already in the corpus; shuoxu.com is fiction about admissions).
GMW = 'http://epaper.gmw.cn/gmrb/html/2011-10/25/nw.D110000gmrb_20111025_1-06.htm?div=-1'
add('''交十万,保你过!''', 'training_fraud', 'short', 'offer', GMW,
    'an exam-prep agency salesman\'s words quoted verbatim in a 光明日报 report on postgraduate-exam "保过" classes (a course sold with a guaranteed pass, as round 9 labelled such promises)')
add('''“当铺天盖地都是考研广告时,研究生报名就开始了。”一位考生这样总结。
果真如此,而尤其让人惊讶的是,不知从什么时候开始,“保过”成了每个培训班的噱头。“签保过协议”、“先考上再交钱”、“考不上不收费”的字眼赫然出现在每一张广告、每一个网帖上。
“这怎么可能?!”带着震惊和疑问,记者开始了暗访。''', 'negative', 'page', 'news', GMW,
    '光明日报 report on "保过" exam-prep classes (hard negative: quotes the ad words as a reporter\'s list); three paragraphs, the salesman\'s quote (its own record) left out')
EDU = 'http://edu-gov.cn/edu/21353.html'
add('''广西某高校39800元复试保过''', 'training_fraud', 'short', 'offer', EDU,
    'an exam-prep agency\'s priced pass guarantee for a postgraduate re-examination, quoted verbatim in a 中国消费者报 report')
add('''云南某高校按分数划分不同价格,也可付费定向调剂,不过可退费''', 'training_fraud', 'short', 'offer', EDU,
    'the same report\'s second quoted agency offer: paid placement with a refund if the candidate fails')
add('''《中国消费者报》记者调查发现,不少教培机构利用考生的焦虑和信息不对称,明码标价声称可以包过B区高校。定向调剂的背后有怎样的猫腻?记者对此进行了调查。
中国教育科学研究院研究员储朝晖对《中国消费者报》记者表示,随着研究生考试报考人数增多,而院校招生人数和比例又是有限的,进而导致了调剂人数的增加,这也让一些机构看到了“商机”。''', 'negative', 'page', 'news', EDU,
    '中国消费者报 report on paid "复试保过" offers (hard negative: 包过 in the reporter\'s voice); the quoted examples (their own records) cut from the first sentence with their 如…等, which now ends at 高校; one more paragraph')
