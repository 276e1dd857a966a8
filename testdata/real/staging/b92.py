# batch 92 (round 8). Hard negatives for exam and training fraud: exam-centre discipline rules and exam notices that name
# 替考/作弊设备, regulators' reminders that forbid "包过""保过""押题" in training ads, reports on organised exam cheating
# (including one that repeats a seller's "包过,包过,包过"), an explainer on "保过" contracts, and two Vietnamese
# electrician-course profiles (legitimate schools).
# Look-ups: pages: 特种作业人员 理论考试 考场纪律 严禁替考 身份核验 人脸识别 考生须知 (830687.com left out: artefacts) |
#   培训机构 宣传 "包拿证" "不用考试" 市场监管 虚假广告 罚款 职业技能 (mkcnfr, 8037eee artefacts; js.people already in the
#   corpus) | 替考 组织考试作弊 无线耳机 答案 判决 职业资格考试 | 记者暗访 培训机构 … (kejihao) | 招生简章 培训 "包过" "考不过退全款"
#   "免考" 学历 咨询老师 电话 (zx08.cn is test and already large; bet456006 artefacts) | 培训学校 招生 广告 "不用上课" "直接发证" …
#   (nodetpl, mmkcvlj artefacts); docs: 培训 包拿证 不过退款 快速拿证 报名 微信 电工证 焊工证 叉车证 (a gitlab profile — the school's second profile is already in the corpus; a Russian
#   "удостоверение под ключ" gist left out as ambiguous, as in round 6)
add('''第一章 理论考试纪律规定
第一条 考试人员必须按要求带有效证件准时参加考试。
第二条 考试人员须通过人脸识别系统进行人证核验后方可进入考场,与证件不符者不准入场考试;通过核验证件后,听从监考员指定的座位就坐,将身份证和准考证放置桌面上,以便查验。
第三条 考试开始后10分钟,考试人员不得入场参加考试,视为缺考;迟到10分钟以内的考试人员不得延长考试时间,考试开始15分钟后方可交卷离场;考试过程中未经监考员同意,不得擅自离开考场。
第四条 严禁考试人员携带手机等具有发送或者接收信息功能的电子设备、实物性考试资料等进入考场。''', 'negative', 'page', 'school', 'https://www.sise.org.cn/view-d13f9b4363534864973c914bbed862ab-945e5c50027e4cc98ef91e58b50e298e.html', 'an exam centre\'s discipline rules for theory exams (negative: exam notice with identity checks and a ban on devices); first four articles')
add('''(五)为保障考试安全,维护考试公平公正,人事考试机构及其工作人员在考试过程中可以采取以下措施:对考生进入或离开考场、考点,提出规范性要求;查验考生身份证件、所携带物品,必要时可借助专门设备、专业人员进行检查;依法收缴考试作弊设备,集中保管应试人员违规携带的工具、资料等物品;对考试现场秩序和考试组织实施过程进行视频监控;在必要范围内,协调通讯管理部门对无线通讯等进行干扰或屏蔽;其他必要的安全管理措施。
(六)考生在考试期间,要遵守考场规则,服从考试工作人员管理,遵从试题作答要求。若在考试过程中有违纪违规行为的,按照《专业技术人员资格考试违纪违规行为处理规定》(人社部令第31号)进行认定和处理。涉嫌组织考试作弊、代替考试等犯罪活动的,依法移送公安机关。''', 'negative', 'page', 'other', 'https://zkjan.com/exam/detail-3430685.html', 'a copy of the 2024 intermediate registered safety engineer (中级注安) exam notice (negative: names 作弊设备, 代替考试); items 五 and 六')
add('''考试将启用人脸识别系统检录考生身份,考生接受人脸识别系统检录即视为入场,凡在人脸识别检录中发现冒名顶替者即视为替考(将被禁考2年)。未接受人脸识别检录而进入考场的人员,考试成绩无效,并将视为违纪(此违纪累计2次,将被禁考1年)''', 'negative', 'short', 'other', 'http://gx.gggcn.com/ask/answer/8230.html', 'an answer quoting an exam notice on face recognition (negative: 替考 as a violation); a stray token after the text dropped')
add('''考核现场纪律
1、理论考试不得有任何作弊现象,一旦发现,取消考核资格;
2、未进入考核区的单位在候考区等候,不得大声喧哗;
3、考生按实操科目要求进行考核,考核结束后离开考试现场;
4、考生须验证进入考场,如人证不符取消考核资格;''', 'negative', 'short', 'school', 'http://www.sz-dtsh.com/show/1460', 'an assessment site\'s discipline rules (negative); first four rules')
add('''“枪手”都是事先绞尽脑汁伪装自己,可是9月3日,一“黄牛”与考生上演了最蹩脚的替考闹剧,被考官一眼识破。
9月3日11时50分,呼和浩特道达驾校正在进行科目三的安全文明驾驶常识考试,一位考生持身份证先进入考场内,不久便举手申请上厕所,得到批准后走出了考场。没过一会儿,一名戴眼镜的男子手持身份证坐在电脑前准备答题,与刚才的考生从外貌、个头和言行举止来看明显不是一人。''', 'negative', 'page', 'news', 'http://news.jiakao.com/html/2013/jkdt_0907/2189.html', 'a news item on a substitute test-taker caught at a driving-theory test (negative); first two paragraphs')
add('''5规范承诺行为,不得保证效果
不得对通过考试或者对培训的效果作出明示或者暗示的保证性承诺,不得宣传“包过”“保过”“百分百通过率”等保证及承诺性内容,不得以用人单位愿景等方式变相暗示培训效果。
6家校赋能共成长公平有序竞争,不得诋毁同行
不得通过贬低竞争对手拔高自身培训机构或其培训效果的方式进行不正当竞争。''', 'negative', 'short', 'warning', 'https://news.guilinlife.com/article/5kuvea233f7f77e917f9.html', 'a municipal market regulator\'s reminder on training ads (negative: forbids "包过""保过"); items 5 and 6')
add('''二、广告内容应当真实、准确,不得含有虚假或者引人误解的内容,不得欺骗、误导消费者。发布考试有关信息时,应以公务员主管部门正式对外发布的信息为准,不得篡改伪造公务员招考信息,不得违规转发内部文件资料,不得擅自解读公务员考录有关政策。不得以“押题”“估分”等行为误导考生。''', 'negative', 'short', 'warning', 'http://51haodu.com/t/Nm9iWFZ3emNBMQ==', 'a market regulator\'s compliance reminder for civil-service exam training ads, as reposted (negative: forbids "押题"); item 二, trimmed after its first sentences')
add('''上海兩個考場88名考生被發現作弊
造價工程師是通過全國造價工程師執業資格統一考試或者資格認定、資格互認,取得中華人民共和國造價工程師執業資格,并按照《注冊造價工程師管理辦法》注冊,取得中華人民共和國造價工程師注冊執業證書和執業印章,從事工程造價活動的專業人員。
該考試每年舉行一次,原則上只在省會城市設立考點。考試采用滾動管理,共設4個科目,滾動周期為4年。2018年10月,該資格考試在上海的兩個考點,考官通過“探測狗”設備發現88名考生身邊出現大幅度的信號強弱變動。
有人作弊。后經公安機關查詢獲悉,這些考生全都通過同一個渠道購買了作弊器材,考試過程中,考生通過隨身攜帶的無線電設備,配合耳內佩戴的米粒耳機,可以實時獲取考試答案。''', 'negative', 'page', 'court', 'http://www.qjgsfv.live/jiaoyu/p/375637.html', 'a copy of a report on the trial over organised cheating in the 一级造价工程师 exam (negative: cheating devices described); four paragraphs, traditional characters as stored')
add('''职称考试包过 作弊形成黑色产业链
中级职称包过,包过,包过,重要的事情说三遍。这些信息不仅通过网络传播,甚至还同考生签下协议,如果不过,可以来年继续,或者全额退款。
组织考试作弊的团伙四处散发诱人的信息,前提是缴纳足够的费用。''', 'negative', 'short', 'court', 'http://mzyl.org/detail/ELwxDbvoPw9', 'a report on Shanghai\'s first organised-cheating case in the intermediate accounting exam (negative: paraphrases the sellers\' "包过" in the reporter\'s voice — a hard negative of the offer shape); heading and two paragraphs')
add('''这已经不是第一次出现类似事件,而每次的背后,都有一个重要角色——培训机构。
培训机构,泄题黑产中的始作俑者
先来简要回顾一下青岛师考泄题案的经过。
3月28 日,2021年青岛市教师招聘笔试结束,随即一条网络爆料刷屏——网友举报此次考试有机构存在泄题行为,“每个学科都押中了一字不差的原题”。''', 'negative', 'page', 'news', 'https://kejihao.com/internet/6350.html', 'a report on a training school that leaked a teacher-recruitment exam (negative: "押中" in a news quote); four paragraphs')
add('''在职研究生考试保过的现象深度剖析
随着社会对高层次人才需求的增长以及个人职业发展压力的加大,在职研究生教育迎来了蓬勃的发展。众多职场人士希望通过攻读硕士或博士学位,来提升自身的知识结构、专业技能和职场竞争力。''', 'negative', 'short', 'howto', 'https://news.xhlnet.com/xueli/7225.html', 'an SEO explainer warning against "保过" promises of in-service postgraduate courses (negative); heading and first sentences')
add('''《法治日报》记者在一家第三方投诉平台上查阅发现,教培行业考试“包过”相关投诉量达6000条,主要涉及退费难、虚假宣传、诱导办理教育贷等,其中涉及一级消防工程师证书和碳排放管理师证书报考的投诉记录最多。''', 'negative', 'short', 'news', 'http://m.fyrmtzx.cn/p/131563.html', 'a 法治日报 report on online-training "包过" complaints (negative); one paragraph')
add('''職業教育培訓機構亂象:招生宣傳花樣多 保過班保障班有套路
中公教育筆試協議班承諾“不過退費”
中公教育誘導學員簽訂貸款協議
中公教育未按約定退費''', 'negative', 'short', 'news', 'https://comemg.com/a/zhi-ye-jiao-yu-pei-xun-ji-gou-luan-xiang-zhao-sheng-xuan-chuan-hua-yang-duo-bao-guo-ban-bao-zhang-ban-you-tao-lu.html', 'headings of a 北京晚报 report on vocational-training agencies (negative: "保过班", "不过退费" named in a report); title and three sub-headings, traditional characters as stored')
add('''Sau 50 buổi học, Khóa Học Nghề Điện Dân Dụng Á Âu giúp bạn tự tin làm việc hoặc khởi nghiệp. https://hocvienkythuataau.com/khoa-hoc-nghe-dien-dan-dung''', 'negative', 'short', 'school', 'https://gitlab.com/hocnghediendandung', 'language vi; a Vietnamese electrician-course profile (50 lessons; negative: a legitimate training offer; the same school as round 7\'s gitlab.com record, grouped with it)', group='gitlab.com')
add('''1. 虚假宣传
许多培训机构为了吸引学员报名,会在广告中夸大其词。声称“包通过”“不过全额退款”“ guaranteetraining(保证培训)”等承诺。但这些承诺往往难以兑现。''', 'negative', 'short', 'howto', 'https://www.jobxzc.com/hrxueyuan/article_10424001.html', 'an HR site\'s guide to training-agency tricks (negative: names "包通过" as a trick); one item')
