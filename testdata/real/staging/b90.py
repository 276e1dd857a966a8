# batch 90 (round 8). Exam fraud: sellers' words quoted in reports — a 2007 考研 "助考团" (QQ-group ad, chat replies,
# price list), a 2012 "强者助考团队" phone answer (same story as sinoca.com, grouped with it), touts outside a Wuhan
# driving-test centre ("我們給你包過"), a driving-school "助考" price ("不识字的出5000元,包你过"), a motorcycle-licence
# exam-centre worker who answers for the candidates remotely ("我远程操控,你们就负责假装答题") — and the reports
# themselves as hard negatives.
# Look-ups: pages: 代考 包过 不用本人到场 微信联系 (SEO tags) | 替考 组织考试作弊 无线耳机 答案 判决 职业资格考试 (lupn.cn and
#   rzpgrj.com left out: pinyin conversion artefacts; zs-bk.com left out: spam keywords before the text) | 记者暗访 培训机构
#   工作人员称 "不用考试" "直接拿证" 交钱 (xintukeji, xyx.cwan already in the corpus; orisbrush artefacts) | 考试作弊 招生 "包过"
#   协议 不过退款 考前答案 记者 卧底 (kaoyanmiji, sinoca, handmsg already in the corpus; 1glr.cn artefacts) | 中介称
#   "不用本人考试" 花钱 拿证 替考 驾照 科目一 记者 暗访 对方表示
add('''07考研考中答案!包過!考後付款!客服QQ:58361**80,61959**70。''', 'exam_fraud', 'short', 'offer', 'https://yaoyaowu.com/html/702/3364.html', 'a QQ-group ad selling 考研 answers during the exam, quoted verbatim in a report on "助考团" (「」 dropped; QQ numbers masked by the report)')
add('''我們常年辦理網上售賣考研答案,已經有3年成功經驗了。如果你對我們不夠信任,建議你考中或考後再付款,考前一分錢都不收。''', 'exam_fraud', 'short', 'offer', 'https://yaoyaowu.com/html/702/3364.html', 'a "★助考★" seller\'s chat reply to the reporter, quoted verbatim in the same report (selling exam answers)')
add('''考前付款每科1000元、考中付款每科1500元、考後付款每科2000元。準確率只要在60%以上就要付款,考研考後付款即考試結束後與網上答案核對。如果答案正確率達60%以上,客戶須在考試結束後3天內完成匯款。''', 'exam_fraud', 'short', 'offer', 'https://yaoyaowu.com/html/702/3364.html', 'the same seller\'s price list for exam answers (paid before, during or after the exam), quoted verbatim in the report; hard positive: no 包过, no contact')
add('''這些廣告所吹噓的考研考中答案是真是假?是否純粹騙取考生錢財?它所謂的答案從何而來?記者與「專業助考團」進行了對話。
「★助考★」向記者推薦了專門的隱形耳機商,並提供了商家的聯繫電話、QQ以及網址。「★助考★」還向記者保證最低分數為CET425分、考研60分。他說,如果順利抄上他們提供的答案,成績會遠遠高於這個。''', 'negative', 'page', 'news', 'https://yaoyaowu.com/html/702/3364.html', 'the report around the three quotes above (negative: describes the answer sellers); two paragraphs, the chat transcript between them left out')
add('''政治、英语科目所有题目的答案考前必出,至少提前一个小时,正确率很高''', 'exam_fraud', 'short', 'offer', 'https://m.vanbien.com/htmlnews/2012/1/258840-2.shtm', 'the "强者助考团队"\'s answer to a reporter posing as a candidate the day before the 2012 考研, quoted verbatim (selling exam answers); same story as the sinoca.com record "选择题60分没问题", grouped with it', group='sinoca.com')
add('''是考試的嗎?我們給你包過!''', 'exam_fraud', 'short', 'offer', 'http://m.digipub.cc/dy/article/KJ61SU370514D3UH.html?f=post2020_dy_recommends', 'a tout at a Wuhan driving-licence theory-test centre, quoted verbatim in a 封面新闻 undercover report (paid "包过" via the exam staff)')
add('''與考場內一模一樣的試卷,會安排師傅現場輔導,過不了,退錢。''', 'exam_fraud', 'short', 'offer', 'http://m.digipub.cc/dy/article/KJ61SU370514D3UH.html?f=post2020_dy_recommends', 'the same tout\'s pitch (the real exam paper, a "master" helping on site, money back), quoted verbatim in the report')
add('''近期,有武漢市民反映,前往硚口區江北駕照考點考科目一時,發現有人在考場門口攔截考生兜售“包過試卷”,對方收費后宣稱可以給考場人員“打招呼”,“承諾包過,考不過可退錢”。
近日,封面新聞記者現場暗訪發現,有七八個人在考點門口攔截過往行人、車輛進行兜售。他們在與考場一墻之隔的地方設了辦公室,一些學員在現場刷“跟考場內一樣的試卷”。
他們的筆記本里,密密麻麻記錄著數百名考生的信息。現場人員稱,學員交費登記后,他們“會將學員信息提供給考場人員。 ”''', 'negative', 'page', 'news', 'http://m.digipub.cc/dy/article/KJ61SU370514D3UH.html?f=post2020_dy_recommends', 'the 封面新闻 report around the two quotes above (negative: an undercover report); first three paragraphs')
add('''每人出4000元,不识字的出5000元,包你过。''', 'exam_fraud', 'short', 'offer', 'http://news.cnnb.com.cn/system/2015/12/10/008441176.shtml', 'a driving-test "助考"\'s offer to four candidates (answers sent to a pinhole camera in their clothes), quoted verbatim in a 浙江在线 report; hard positive: no exam word')
add('''12月4日上午,兰溪市公安局交警大队车辆管理所,驾驶证科目一的考场上。
监考人员发现有一位考生行为有些反常:开考5分钟了,居然一道题都没做,就干坐着。
监考人员于是对这位考生进行了检查,发现其衣服上装了一个针孔摄像头,有作弊嫌疑,遂将其带离考场。
与此同时,监考人员对同个考场的其他考生也进行了检查,又发现了3位作弊的考生。''', 'negative', 'page', 'news', 'http://news.cnnb.com.cn/system/2015/12/10/008441176.shtml', 'the report around the quote above (negative: candidates caught cheating); four short paragraphs')
add('''答题时需要你们做的是配合。上面都是摄像头,我远程操控,你们就负责假装答题。''', 'exam_fraud', 'short', 'offer', 'https://m.163.com/news/article/J27SLS0K0534AAOK.html', 'a motorcycle-licence exam-centre worker briefing paying candidates (remote answering of the theory test), quoted in a report on a CCTV investigation; trimmed at the end of the stored excerpt; hard positive: remote exam assistance without 代考/包过')
add('''所有科目考试包过''', 'exam_fraud', 'short', 'offer', 'https://m.163.com/news/article/J27SLS0K0534AAOK.html', 'one of the online slogans of motorcycle-licence schools that sold a pass by cheating, quoted in the same report ("考试拿证一天搞定""一天下证" quoted with it were left out: no pass promised)')
add('''5月12日,央视《财经调查》报道了“摩托车驾照速成班作弊产业链”相关新闻,引发广泛专注。5月14日,河北省唐山市公安局发布警情通报称,已刑拘三人。5月15日,陕西咸阳乾县公安局通报称,已有4人涉嫌组织考试作弊罪被刑拘,另有2人已被抓捕归案。
5月14日,唐山市公安局发布警情通报。通报显示,唐山市连夜部署对所有摩托车和汽车驾驶人考试场逐一进行排查,已有三人被刑拘,目前尚未发现其他场所存在相关问题。''', 'negative', 'page', 'police_report', 'https://m.163.com/news/article/J27SLS0K0534AAOK.html', 'the report\'s opening (negative: police notices on organised exam cheating); two paragraphs')
