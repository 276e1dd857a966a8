# batch 117 (round 13). pages corpus: answer sellers' flyers and phone answers quoted in a 2005 新文化报 report (考研 English answers
# with a curse against tearing the flyer) and 2012 "改分数" text messages quoted in a report on the 同等学力 exam.
# Look-ups (pages): 校园 小广告 写着 "四六级" 包过 答案 耳机 联系电话 记者 拨打 对方 称 | 自学考试 答案 出售 短信 "保过" 记者 拨打
#   对方 说 考前 发送 收费 | 计算机等级考试 代考 枪手 广告 记者 暗访 "一科" 价格 对方 表示.
# Left out: the 2011 同等学力 answer-SMS story at hairdiseases.net and the 自考 scam guide at gdzkw.com.cn (already in the corpus),
#   hongge68.com and hnqianxi.cn (conversion artefacts), fiction (tatays.com), a portal's navigation page (exam8.com), an SEO article on
#   buying 自考 answers (zx08.cn: the corpus holds several of that site's articles).
SN = 'http://news.sina.com.cn/c/2005-01-13/09504819674s.shtml'
add('''考研,你担心英语吗?我来帮你,保你顺利通过,考不过分文不取,如撕传单,出门必遭车祸……''', 'exam_fraud', 'short', 'offer', SN,
    'a flyer posted on a Changchun campus before the postgraduate entrance exam, quoted verbatim in a 2005 新文化报 report: a pass guarantee for the English paper with no fee if you fail (answers transmitted during the exam, as the report shows), as rounds 6-11 labelled answer sellers; the curse and ellipsis as stored')
add('''没问题,保证能过,如过不了一分钱也不要,可以先支付一部分费用,考试成绩出来,过了录取线再交另一部分。''', 'exam_fraud', 'short', 'offer', SN,
    'the flyer\'s "经纪人" answering the reporter on the phone, quoted in the same report: a guaranteed pass paid in two parts (a hard positive: no exam or answer named in this sentence)')
add('''你把你的手机号码告诉我,我给你传答案,至少保证你能打60分,3000块钱不讲价。我传答案方法特别,一般反作弊设备根本无法拦截信号,确保考生不花冤枉钱。''', 'exam_fraud', 'short', 'offer', SN,
    'the same agent\'s next answer: answers sent to the candidate\'s phone during the exam, a price and a claim that anti-cheating devices cannot block the signal')
add('''长春一大学校园再现“无耻”传单,自称一般反作弊设备无法截信号 本报讯 (记者张林林)“考研,你担心英语吗?我来帮你,保你顺利通过,考不过分文不取,如撕传单,出门必遭车祸……”英语四六级考试漏题、替考风波未平,近日,在长春一所大学校园内,又有人贴传单打起考研族的主意。''', 'negative', 'page', 'news', SN,
    'the same report\'s lead (hard negative: the flyer quoted inside the reporter\'s text)')
QM = 'http://www.quanminpifa.com/zzy/news/976029.shtml'
add('''“我機構直接內部改分,讓您輕松通過”;“2012同等學力專業機構來幫您,在線辦理業務,一小時操作成功”''', 'exam_fraud', 'short', 'offer', QM,
    'text messages offering to change exam scores after the 2012 同等学力 exam, quoted verbatim in a report (traditional characters): paid score changes, as round 6 labelled "考后改分"; the two quoted messages kept with their stored quotation marks and semicolon')
add('''此操作確保你的成績永遠有效''', 'exam_fraud', 'short', 'offer', QM,
    'a line of the score-changing agency\'s "操作详解" quoted in the same report: a hard positive (no exam, score or price named)')
add('''對于身經百戰的考生來說,收到售賣考題答案的短信已是見怪不怪。但考完試后還可以改分數的信息,著實讓不少人大吃一驚。收錢改分數,究竟是詐騙,還是真有其事?''', 'negative', 'page', 'news', QM,
    'the same report\'s opening (hard negative)')
