# batch 102 (round 11). pages corpus: study-abroad and degree agencies' "保录取/保毕业" ad lines and insider claims, a 替考 broker's
# boast, nutritionist-course slogans quoted in a commentary; the reports, a ministry centre's statement, and two lawful
# vocational-training notices as hard negatives.
# Look-ups (pages): 培训机构 招生老师 微信 说 "考完就能挂" "一年" "挂靠费" 证书 学员 截图 记者 | "零基础" "包拿证" "不过退款" 课程顾问
#   对记者表示 健康管理师 心理咨询师 营养师 | 记者以咨询报考为由添加 机构的考前指导老师 营养师 … | 特种作业人员 安全技术 理论考试 考生须知
#   替考 作弊 取消考试资格 考点 | 职业技能培训学校 招生简章 电工 焊工 培训 考核合格 颁发 证书 报名地址 咨询电话 | 助考中介 代笔者 考手
#   拍摄考卷 群组 … | 学历提升 机构工作人员称 全程托管 免考包过 北京青年报记者 询问 销售人员.
# Look-ups (docs): làm chứng chỉ an toàn lao động không cần thi nhanh lấy ngay liên hệ zalo | jasa sertifikat K3 operator forklift
#   tanpa ujian cepat terdaftar hubungi whatsapp (only profiles and pastes already in the corpus, lawful training providers and
#   study-guide spam).
# Left out: stories already in the corpus (icbw.com.cn 学历提升, heihe.gov.cn 工人日报 (test), bjtitle.com 北青, 北京晨报 2017 at
#   gaokao.eol.cn / chaocharen.com / news.china.com, hkwb.net 强者助考, zikaocs.com's cut-off 健康管理师 story), copies with conversion
#   artefacts (830687.com, carolinashoe.cn, 8037eee.com, photomax13.com), SEO explainers at zx08.cn (a test site), the 中消协 "伪营养师"
#   notice (no certificate offer) and a nutrition-course victim's blog (the quoted ad is industry hype, too ambiguous).
TF = 'https://tengfeihs.com/jiankang/info/focus/20120608_201037_2.html'
add('''甚至男替女都可以。''', 'exam_fraud', 'short', 'offer', TF,
    'a gaokao 替考 broker\'s boast to the reporter, quoted verbatim in a 南方周末 story (page already in the corpus with another quote of the same broker network); offers substitute takers; hard positive: no exam word')
ITQ = 'http://itqalam.com/system/2024/09/23/101381662.shtml'
add('''首付3萬元,讓您成為名人校友,上課不考勤,教務老師幫您完成作業論文,保證您順利畢業,碩博最快3年讀完''', 'training_fraud', 'short', 'offer', ITQ,
    'a degree agency\'s social-media ad quoted verbatim in a 法治日报 report (traditional script as stored): a course sold with guaranteed graduation and staff doing the coursework, as round 5 labelled 学历提升 agencies\' 包毕业')
add('''3個月助你完成美國碩士課程,獲得企業廣泛認可的學位證書”“只要幾萬元,就能上岸××大學讀博士''', 'training_fraud', 'short', 'offer', ITQ,
    'two more agency ad lines quoted in the same report; inner quotation marks kept, outer pair dropped (as round 4 did)')
add('''近期有留學人員及相關社會人士向教育部留學服務中心反映,有中介機構在各類“留學”項目的網絡宣傳中涉及大量與該中心以及國(境)外學歷學位認證有關的不實言論。
對此,該中心于近日發表嚴正聲明:中心未與任何中介機構存在合作關系。任何聲稱“包認證”或“內部渠道認證”的廣告均為虛假宣傳。個別中介機構聲稱的“保錄取”“保畢業”等廣告宣傳,與國(境)外正規高校的錄取、畢業等相關要求不符,涉嫌欺詐或者誤導,請擬申請留學人員提高警惕、防范風險。''', 'negative', 'page', 'warning', ITQ,
    'the same report\'s lead: the Ministry of Education\'s study-abroad service centre warns that "包认证""内部渠道认证""保录取""保毕业" ads are false (hard negative); two paragraphs')
TT = 'https://toutiaosg.com/502851571'
add('''世界顶尖名校无条件直录”“免GPA、免语言、免预科''', 'training_fraud', 'short', 'offer', TT,
    'study-abroad agencies\' "保录取" ad lines quoted in a 羊城晚报 report; inner quotation marks kept, outer pair dropped; admission sold with a guarantee, as round 3 labelled "100%保证录取"')
add('''我们从英国起家,像伯明翰大学的教导处就有我们认识的中国老师,托关系靠‘内部推荐’就能直接把材料递上去。''', 'training_fraud', 'short', 'offer', TT,
    'a "保录取" agency teacher\'s pitch quoted verbatim in the same report: guaranteed admission through an insider (the same agency fabricated the client\'s transcripts); labelled with the agency\'s other lines as training_fraud (admission, not an exam)')
add('''所谓留学“保录取”,一般指的是部分留学中介通过某些手段,可以让申请者有近乎100%的概率获取目标院校录取通知书的操作方式。
从2021年至今,周珞收到了多家海外名校的录取通知书。回看申请材料,他愕然发现,从未踏进美国的自己,竟然“平白”坐拥一份美国本科的成绩单和学位证。''', 'negative', 'page', 'news', TT,
    '羊城晚报 report on study-abroad "保录取" agencies (hard negative: 保录取 explained in the reporter\'s voice); two paragraphs, the ad lines and the agency\'s pitch (their own records) left out')
AH = 'http://www.ahcaijing.com/html/2022/jiankang_0407/300620.html'
add('''0元学”“包拿证”“毕业推荐高薪工作''', 'training_fraud', 'short', 'offer', AH,
    'nutritionist-course ad slogans quoted in an 经济参考报 commentary; inner quotation marks kept, outer pair dropped (a course sold with the certificate and a job, as round 6 labelled "包取证""包就业")')
add('''高薪挂靠”“无忧包过''', 'training_fraud', 'short', 'offer', AH,
    'certificate-course slogans of new-occupation training agencies quoted in the same commentary (挂靠 income and a pass guarantee, as rounds 4-5 labelled such pitches); inner quotation marks kept')
add('''公共营养师的出现,本是好事,但目前公共营养师培训乱象不少,培训机构以虚假宣传招揽学员,却令人不安。最让人担忧的是,一些骗子及保健品推销员也加入公共营养师队伍,公共营养师成了他们行骗的通行证与工具。''', 'negative', 'page', 'news', AH,
    '经济参考报 commentary on nutritionist-course ads (hard negative: 培训机构 虚假宣传 in the commentator\'s voice); the second paragraph, the slogans (their own records) left out')
add('''近日,北京青年报记者询问多家学历提升培训教育机构,发现不少机构虽然在其官网没有“免考包过”的介绍,但其销售人员在介绍时仍称可以“无需上课”“免考包过”。有机构工作人员称,现在国家不让说“免考包过”,合同里也不会写,但只要选择全程托管服务,和“包过”是一个意思,托管就是“免考”。''', 'negative', 'page', 'news', 'http://xyx.cwan.com/xyx/2021/1017/9803.html',
    'copy of a 北京青年报 report on degree-upgrade agencies (hard negative: the staff\'s "托管就是免考" reported in indirect speech, 免考包过 named as banned); one paragraph')
add('''我校在市职业技能定点培训机构2015年度考核中获得A类等级的好成绩。在市区百余家定点培训机构中,考核得分排名第三。
学校克服职业技能培训软、硬件不足的限制,充分挖掘资源,从强化服务入手,以企业一线职工、进城务工人员、失业人员、大学生、退役士兵为主要培训对象,开办电工上岗证、维修电工、高压电工、钳工、网上创业、汽车修理工及计算机操作员等工种的技能培训;切实做好理论授课、操作实训、考核鉴定、证书发放等各环节的工作。''', 'negative', 'page', 'school', 'https://hzszgx.hzgh.org/View3534.htm?cid=320&m=3',
    'a trade-union vocational school\'s news (hard negative: 电工上岗证 training, 考核鉴定, 证书发放 by a lawful provider); two paragraphs')
add('''平顶山技师学院计划面向社会开展职业技能等级培训认定工作,现将具体事宜通知如下:
一、培训认定职业工种及等级
二、报名条件
(一)具备以下条件之一者,可申报五级/初级工:
1.年满16周岁,拟从事本职业或相关职业工作。
2.年满16周岁,从事本职业或相关职业工作。''', 'negative', 'page', 'school', 'https://pdsjsxy.cn/html/899/2024-03-02/content-4756.html',
    'a technician college\'s notice of skill-level training and assessment (hard negative: lawful training notice with certificate conditions); first lines')
