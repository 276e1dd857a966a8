# batch 105 (round 12). pages corpus: lactation-consultant (催乳师) course ads and a course seller's income line quoted in reports, a
# "training loan" recruiter's job promise, substitute test-takers' offers and prices quoted in a 2004 magazine interview and a 2004
# self-account; the reports around them and further news on training loans and substitute takers as hard negatives.
# Look-ups (pages): 职业技能等级认定 考评员 作弊 培训机构 收费 包过 答案 通报 查处 | 考场外 小广告 "代考" 电话 驾校 科目一 "包过" 收费 教练称 |
#   招转培 培训贷 包就业 拿证 月薪过万 招聘 骗局 记者 应聘 | 注册安全工程师 挂证 中介 一年 报价 社保 "只挂证" 微信 记者 | 小儿推拿 催乳师 培训
#   宣称 拿证 月入过万 学员 投诉 证书 没用 | PMP 代考 枪手 远程 作弊 中介 报价 考生 被取消.
#   (docs) купить удостоверение крановщика без обучения корочки | mua chứng chỉ an toàn lao động không cần thi giá rẻ.
# Left out: copies with conversion artefacts (oriextravels.com and daxingo.com 催乳师, mariusbalaj.com, vdgb.cn, universityofharmony.com,
#   jieyan321.com 培训贷, photomax13.com 替考), stories already in the corpus (南方周末 2012 替考 at tengfeihs.com, sinoca.com 催乳师), SEO
#   explainers (zx08.cn 注册安全工程师), Russian gists and Vietnamese pastes already in the corpus (af192d01…, 9418db1c…, b1691e6d…,
#   6c614c3c…, pastebin 3YPp9iYa, bangcapnhanhnet1), Russian training-centre gists that may be lawful (212504a9…, 742622d4…) and a spun
#   Russian gist mixing courses and purchases (62994ec2…).
NN = 'https://nn.city/show/63256.html'
add('''做催乳师最大的好处就是工作时间自由,在长沙每小时至少可以收费300元。''', 'training_fraud', 'short', 'offer', NN,
    'a 催乳师 course seller\'s ("友乾家政的任老师") income line, quoted verbatim in a 潇湘晨报 report on a ten-day "高级催乳师" course; sold with a certificate that does not exist as a qualification; labelled like round 7\'s "…兼职的最高薪资可以达到每小时500元"')
add('''10天速成“高级催乳师” 女子报班后感觉被骗要求退费遭拒
红网长沙11月20日讯(潇湘晨报记者 周凌如)学费3580元,只用十天就可以拿到证书,成为高级催乳师。近日,新疆的韩女士在朋友的推荐下特地来长沙报了一个催乳师的培训班。然而上了两天课后,韩女士却感觉到“自己被骗了”。''', 'negative', 'page', 'news', NN,
    'the same report\'s title and lead (hard negative: 十天就可以拿到证书 in the reporter\'s voice)')
GS = 'http://gd.sina.com.cn/news/s/2016-12-13/detail-ifxypipu7890852.shtml'
add('''催乳师,月薪过万不是梦''', 'training_fraud', 'short', 'offer', GS,
    'a 催乳师 training school\'s ad slogan quoted verbatim in a 2016 Shenzhen report (an income promise selling a course, as round 7\'s 金饭碗 lines); the stored copy has spaces inside the quotation marks, dropped with the marks')
add('''王牌讲师团队,理论 + 实操结合,100% 包学会''', 'training_fraud', 'short', 'offer', GS,
    'another 催乳师 school\'s ad line quoted verbatim in the same report (a guaranteed result sold with a course; hard positive: no certificate word); inner spaces as stored')
add('''除了强调自家核心技术外,不少培训机构还拼 “ 软件 ”。例如宣称 “ 催乳师,月薪过万不是梦 ”,或是承诺 “ 包住宿、真人实操、安排到店实习 ”,“ 王牌讲师团队,理论 + 实操结合,100% 包学会 ” 等等。''', 'negative', 'page', 'news', GS,
    'the report\'s paragraph that lists the ads (hard negative: the slogans inside the reporter\'s sentence; the two slogans alone are positives of the same site); spaces around the quotation marks as stored')
JS = 'http://js315ccn.cn/html/education/detail_2010_12/22/22099.shtml'
add('''新兴行业,朝阳产业,学完后可以拿催乳师资格证,每月收入可达到四五千元,让你过上白领的生活。''', 'training_fraud', 'short', 'offer', JS,
    'a 催乳师 course\'s recruitment ad as quoted by a trainee in a 中国消费者报 report (2010, copy at a consumer site): certificate and income promised with the course; the trainee\'s lead-in "培训招生广告上宣称:" left out')
add('''“培训招生广告上宣称:新兴行业,朝阳产业,学完后可以拿催乳师资格证,每月收入可达到四五千元,让你过上白领的生活。”可结果是培训完后连资格证都拿不到,遭遇培训陷阱的饶女士近日向武汉市汉阳区消费者协会投诉。''', 'negative', 'page', 'news', JS,
    'the report\'s lead around the quoted ad (hard negative: the complaint frames the ad)')
JF = 'https://www.jianfeiren.cn/jiankang/1322609.html'
add('''曾经从事催乳工作两年的网友“独特味道123”也分享了她的经历。她透露,将催乳师描绘成月入金领的神话是培训机构的营销策略。实际上,催乳课程虽然涵盖了中医、经络学、乳房结构等知识,但培训时间仅有十天,内容讲解粗浅,难以真正融会贯通。她说这个行业充满了动荡和不确定性。''', 'negative', 'page', 'news', JF,
    'a health-news page on 催乳师 training (hard negative: 月入金领 ads described as marketing); one paragraph')
TT = 'https://m.9toutiao.com/showinfo-7-447380-0.html'
add('''从官方招生简章的介绍获悉,湖北研妆实业有限公司(下称:湖北研妆实业)开办了多个母婴健康服务项目培训,既可以颁发研妆母婴职业技术中心培训结业证书,而且其还与香港母婴护理职业资质国际认定中心合作,可以向学员发放国际通行资格证书。''', 'negative', 'page', 'news', TT,
    'a self-media investigation of a 小儿推拿 school\'s "国际通行资格证书" (hard negative: the claim reported, then questioned); one paragraph')
BY = 'http://busyyogi.com/article-178276-1.html'
add('''兼職從零基礎學,先學平面,再學習視頻剪輯之類的。對接專門的平臺,到時候根據課程進度來匹配相應兼職,很穩定的,不用擔心沒有兼職做。''', 'training_fraud', 'short', 'offer', BY,
    'a "training loan" company employee\'s promise of paid side jobs after a course, quoted verbatim in a 焦点访谈 report (traditional script as stored): a course sold on a job promise, as round 6 labelled "包就业" course ads (out of scope: no certificate)')
add('''在一家求職網站上,記者以“零基礎”的關鍵詞搜索相關工作后,不到5分鐘,就收到了十幾條陌生人發來的私信,內容大同小異,都是詢問記者是否愿意做剪輯修圖類的兼職,每單的報酬從150多元到190多元不等,而且這些招聘者都說即使不會相關技能也沒關系,可以先學再做,是零門檻的兼職。真有這樣的好事?''', 'negative', 'page', 'news', BY,
    'the same report\'s paragraph on recruiters\' private messages (hard negative: paraphrased lures)')
GW = 'https://difang.gmw.cn/2023-05/30/content_36596772.htm'
add('''记者调查发现,身陷培训贷骗局的求职者远不止张浩宇一人。一些机构以“包就业”“拿高薪”“找不到工作就退费”为噱头,诱导求职者向贷款机构借贷,用于参加岗前培训。不少求职者因急于找到工作而落入这一陷阱。''', 'negative', 'page', 'news', GW,
    'a 工人日报 report on training loans (hard negative: "包就业""拿高薪""找不到工作就退费" named as lures in the reporter\'s voice); one paragraph')
IS = 'http://www.isunte.cn/p/339141.html'
add('''“培訓貸”是一種面向教育培訓機構推出的金融產品,旨在緩解求學者資金壓力,獲得受教育培訓的機會。然而,部分機構卻將其作為面向求職者的斂財手段。近日,多名讀者向黨報熱線反映,他們被一些公司以“招聘”“內推”為幌子邀約面試,誘導辦理網貸支付培訓費,落入“培訓貸”陷阱。''', 'negative', 'page', 'news', IS,
    'a Qingdao newspaper report on training loans (traditional script as stored): hard negative; lead paragraph')
HM = 'http://m.handmsg.com/page/2004/0429/24391080.shtml'
add('''還沒呢,但已經被兩個人“預定”了,一個是同學,一個是學校外工作的。我還沒太想好,應該能替人家考吧,反正有錢賺,一個考試最少200元。''', 'exam_fraud', 'short', 'offer', HM,
    'a student substitute test-taker ("Bill") answering a reporter who asks him to sit CET-4 for pay, quoted verbatim in a 2004 magazine interview (traditional script as stored): a substitute offering himself with a price, as round 8 labelled "如果是成人高考,我们都行!"')
add('''考不過就退錢唄。''', 'exam_fraud', 'short', 'offer', HM,
    'the same substitute\'s answer to "那考不过怎么办?" in the same interview (a refund promise for a substitute exam; hard positive: no exam word)')
add('''“槍手”這個詞在廣大的學生和老師的耳朵里早已不陌生了,代人做論文的叫“槍手”,代人考試的也叫“槍手”。相對于傳統的作弊方式,“槍手”算得上是“作弊”的“高級階段”,無論是做“槍手”的還是用“槍手”的,都不能算是等閑之輩,靠“槍手”作弊,已經不是一個人的事情,甚至也不是兩個人的事情,而是一群人的事情。''', 'negative', 'page', 'news', HM,
    'the interview\'s introduction (hard negative: 代人考試, 槍手 in the reporter\'s voice)')
SC = 'http://news.sina.com.cn/e/2004-02-12/03531777571s.shtml'
add('''1门500元,4门2000元吧!''', 'exam_fraud', 'short', 'offer', SC,
    'a would-be substitute\'s price for sitting the adult college-entrance exam for a stranger\'s sister, typed in a chat room and quoted verbatim in his self-account in 中国青年报 (2004); the self-account is r-0292 of round 3 (same site), this line lies beyond its excerpt')
add('''鉴于我要付出劳动、承担风险,我要求即使考试没有通过,也要支付一半的报酬,考前就支付。''', 'exam_fraud', 'short', 'offer', SC,
    'the same substitute\'s payment terms, quoted verbatim in the same self-account')
FX = 'https://m.fx361.cc/news/2018/0119/2716737.html'
add('''“红衣考生”酣睡考场替考中介浮出水面
2018-01-19刘翔
刘翔
2017年4月,上海市高等教育英语自学考试在杨浦区某学校的考场进行。下午2点整,随着开考铃声响起,整个校园顿时寂静无声,考生们埋头在试卷中答题。在一间教室里,有位身穿红衣的年轻女性考生,拿到试卷飞速地扫了一下题目后,不假思索地开始答题。''', 'negative', 'page', 'police_report', FX,
    'a magazine story on a substitute caught at a self-study exam and the agency behind her (hard negative: 替考中介 in the title); title, byline and first paragraph, the author\'s name repeated as stored')
