# batch 72 (round 7). Paid coursework and online-exam services (a GitHub Pages README of a programming "tutor" who
# writes assignments in the student's style, a pastebin essay-writing shop promising the mark, a Russian gist that sits
# online tests with the student's login) — exam_fraud, out of scope (coursework), as rounds 3 and 5 labelled such
# services — and a regulator's notice that names "保过" ads among the ads it will prosecute (hard negative).
# Look-ups: pages: 职业技能等级证书 第三方评价机构 违规发证 … (reports already in the corpus) | 成人高考 中介 “不用本人去考” “包过”
#   替考 收费 记者 暗访 (2003 undercover stories already used; a Taiwanese copy interleaved with spam keywords left out) |
#   特种作业 理论考试 替考 作弊 应急管理局 查处 培训机构 组织 (SEO pages) | 诚信办证 专业办理各类证件 … | 挂证 兼职 一建 二建 …
#   (SEO titles) | 行政处罚决定书 当事人 发布广告 “包过” … | 市场监管局 查处 培训机构 宣传 “免考拿证” … (pds.gov.cn, nn.city);
#   docs: gitlab profile 办理 证书 操作证 电话 微信 全国可查 (API documents) | 代考 替考 包过 四六级 教资 计算机二级 联系QQ 微信
#   不过退款 (tutoryou) | 网课代刷 期末考试 代考 包过 微信 README 一条龙 (langke06 and the kancloud API already used; free
#   course-brushing tools left out: no service offered) | 留学生 代考 exam 网课 quiz 包过 微信 QQ 保分 (WU94jR9w, the Russian gist;
#   essay-writing spam in a Bitbucket snippet's comments left out)
add('''相比中介/机构/工作室背后质量参差不齐的写手,我拥有六年1V1辅导授课经验,熟知各年级课程的得分点以及coding style,大部分同学在我的帮助下都能学会知识,提升技能,攻克课程中的各类难点。
我不会给您看不懂的高逼格code,**我的编程风格都是模仿您的slides和notes,为您量身打造,**绝无超纲代码。
特别擅长各种疑难作业,同学们经过我的辅导,得分几乎全A。
- 辅导澳洲(主要范围)、北美、英国以及其他国家的Computer Science编程作业,范围包括Assignment, Homework, Lab, Project和Final。''', 'exam_fraud','post','offer','https://github.com/tutoryou/tutoryou.github.io','a GitHub Pages README of a paid programming "tutor" for students abroad: assignments, labs, projects and finals done in the student\'s own coding style, grades "几乎全A", WeChat contact further down (paid coursework and exam help, exam_fraud as round 3\'s powcoder; out of scope: coursework; hard positive: framed as tutoring); four lines, markdown as stored', licence='unknown (repository licence not checked)')
add('''- 【英国皇家论文】创立于1999年至今十八年专业英澳论文服务经验,代写英国澳洲大学coursework、assignment、essay、report、Dissertation、PPT、PS、CV、proofreading、演讲稿、翻译等。又到了1月论文高峰期,需要预定作业的同学抓紧时间了,普通的小论文作业提早1-2周左右最佳,以保证我们写手有足够的时间来完成论文!微信:2335682692(royallunwen-uk) ;Email:royallunwen@hotmail.com''', 'exam_fraud','post','offer','https://pastebin.com/WU94jR9w','a ghost-writing shop\'s paste for students in the UK and Australia (coursework written for them; further lines promise "保分70"); exam_fraud as the coursework services of rounds 3 and 5 (out of scope); first line, list dash as stored')
add('''Сдача тестов онлайн больше не проблема! Получить отличную отметку просто, как дважды два. Получите сданный экзамен с отличным результатом. Оплатите нашу работу удобным для Вас способом.''', 'exam_fraud','short','offer','https://gist.github.com/56ddf5f5bad695c23b9540ba6821a127','language ru; a gist advertising that online tests and exams of distance-learning students are taken for them (the gist asks for the student\'s login and password); four sentences (out of scope: coursework)')
add('''组织全市两级市场监管部门进行公务员考试培训广告专项治理工作,开展广告专项监测,加强对利用互联网平台以及自设网站、微信、微博等拥有合法使用权限的互联网媒介或者户外电子显示屏、电梯显示屏、海报等发布相关广告行为的监管。重点查处含有“官方指定”“保过”等内容,对培训效果做出保证性承诺的违法广告;明示或者暗示有相关考试机构工作人员、考试命题人员参与培训的违法广告;利用学术机构、教育机构、行业协会、专业人士、受益者的名义或者形象作推荐、证明的违法广告;推销公安机关认定的非法窃听窃照专用器材的违法广告。''', 'negative','short','warning','https://www.pds.gov.cn/contents/27004/451272.html','a municipal market regulator\'s notice on civil-service exam training ads (negative: names "保过" ads and cheating devices as what it prosecutes); one paragraph')
