# batch 93 (round 9). Training and exam fraud in reports on guaranteed-pass "协议班" (civil-service, postgraduate and
# qualification courses), agencies that promise a pass through connections or a substitute, substitute-exam recruiters
# and coursework "代理" ads, with the reports around them and warnings as hard negatives.
# Look-ups: pages: 培训机构 包过 不过退费 记者 暗访 招生老师 说 (xintukeji, qingdaonews, photomax13 already in the corpus;
#   bet456006, orisbrush artefacts) | 免考拿证 培训 广告 特种作业 电工证 不用考试 (SEO titles only) | 代考 替考 枪手 招募 有偿
#   QQ群 广告 (qingdaonews, rixinpaint, photomax13 already used) | 驾照 科目一 包过 不用考 拿证 黄牛 说 (question banks) |
#   普通话 证书 代考 包过 价格 记者 调查 (SEO titles; the quanmin.baidu spam query already used) | 健康管理师 育婴师 培训 宣传
#   拿证 包过 报名费 记者 (an excerpt without address; zx08 how-tos) | 护士资格证 执业医师 考试 代考 团伙 包过 收费 警方 (SEO
#   titles) | 消防设施操作员 证书 培训机构 承诺 包过 不用上课 直接考试 (how-tos: rzedutec, youlu) | 公务员 面试 协议班 不过退费
#   学员 投诉 机构 承诺 (china.com.cn, chineseheadlinenews, vancouverren, utechfun; tnttimes and youzhandian are mirrors,
#   gzkndz has artefacts; bjdnbx already used) | 公考5萬元包過否則退款 揭秘天價協議班的招生把戲 輔導顧問 (oc3-line artefacts;
#   macbookprostickers is a copy of xintukeji) | 记者以考生身份咨询 工作人员称 保证拿证 考不过免费重读 职业资格 培训
#   (qingdaonews 2004 新华网; the 齐鲁网 600元保过 excerpt came without an address and was left out; thepaper, nn.city,
#   handmsg, people.com.cn already used) | 考试答案 出售 考前 群 保真 卖家称 记者 联系 作弊器材 (all already used) |
#   职称考试频现600元保过承诺 齐鲁网 (again no address; aimeiyan is a copy of the 163.com story already in the corpus) |
#   公考培训推出万元包过班 包你笔试 包你面试过关 (heilongjiang.dbw, news.sina 2005, ncdzx, gov.cn; hzwlmp has artefacts) |
#   深圳 亮点365 非法组织全国统考 (SEO titles) | 培训机构 电话推销 不用考试 直接拿证 会计 招生老师 说 记者 (qlzhoukan; 900614
#   and whmsebhyy are copies of a story already used) | 驾校 黄牛 科目一 替考 包过 收费 暗访 说 (auto.china.com.cn;
#   digipub already used) | 成人高考 函授 机构 包过 不用去考试 有人替考 业务员 称 暗访 (cnzsedu, cctv big5, bhc.hebei,
#   news.sina 2003; hfjinjia, superpyq already used; mmkcvlj, dubaishan artefacts) | 电工证 叉车证 培训点 暗访 不用来上课
#   交钱就能拿证 记者 (aaopu; smile-w-hc already used)

# -- 北京日报 2020 on civil-service "协议班" (big5 copy on china.com.cn)
add('''“到時你拿著能證明你參加了考試,但沒有通過的材料去分校辦理退費,一般在30至45個工作日到賬。”''', 'training_fraud', 'short', 'offer', 'http://big5.china.com.cn/gate/big5/edu.china.com.cn/2020-09/14/content_76699594.htm', 'a civil-service course consultant\'s refund-if-you-fail promise for a 46,800-yuan "协议班", quoted verbatim in 北京日报 (a guarantee of the exam result, which ad rules forbid in training ads); traditional characters as stored; outer quotation marks kept as stored')
add('''公考5萬元包過否則退款?揭秘天價協議班的招生把戲
受疫情影響,今年的畢業生就業壓力陡增,公務員招錄或將更受熱捧。眼下,正是各類公考培訓班火熱報名階段,北京日報記者發現除了收費數千元的普通輔導班,還有一種主打“不過退款”的協議班。根據所在地區不同,所收費用高達3至5萬元。
零基礎備考、個性化輔導、助力輕鬆上岸……在網路上以“公考”、“協議班”進行搜索,會彈出各種頗具誘惑力的宣傳標語。開辦協議班的機構均號稱自家培訓産品力度大,效率高,更重要的是“不過包退”。''', 'negative', 'page', 'news', 'http://big5.china.com.cn/gate/big5/edu.china.com.cn/2020-09/14/content_76699594.htm', 'the 北京日报 report around the quote (negative: report on "不过包退" course ads); title and three paragraphs, traditional characters as stored')
add('''8月31日晚9時許,李萍(化名)從上海市奉賢區八字橋路“華東駕校”門口出發,準備前往安徽省宣城市涇縣參加駕駛證科目二、科目三的考試,與她同行的還有15位學車的“同窗”。''', 'negative', 'short', 'news', 'http://auto.china.com.cn/hsc/20190916/699846.shtml', 'first sentence of a report on out-of-town driving tests sold by a driving school (negative); the simplified original is on the same site, the traditional copy on jiemenglao.com was not used', group='china.com.cn')
# -- 中国新闻周刊 2025 on the refunds of "不过全退" classes (chineseheadlinenews.com; vancouverren.com holds page 2 of the same story)
add('''4.82亿学费难退,"考公一哥"悬了?
中公教育“不过包退”的协议班爆雷已三年,胡小杰还没有收到全部待退的学费。
胡小杰家住在广东,2022年准备参加国家公务员考试(以下简称“国考”)时,他花费近4万元报名了中公教育“不过全退”的协议班。中公教育在业内被称为“公考一哥”。所谓协议班,是指公务员考试培训机构与考生签署协议。若考生未通过考试,机构会退还全部或部分学费。国考失利后,胡小杰迟迟没有等来退款,却不断听到中公教育资金链紧张、无法按时退费的消息。''', 'negative', 'page', 'news', 'https://www.chineseheadlinenews.com/20251204605719.html', 'a 中国新闻周刊 report on refunds of civil-service "协议班" (negative: "不过包退" named in a report); title and first two paragraphs')
add('''不得出现“考不过退款”
中公教育一位工作人员孟爽向《中国新闻周刊》介绍,该机构目前仍开设协议班,但已不再作为主推产品,而且多为“不过部分退款”。多位中公教育的学员向《中国新闻周刊》反映,公务员考试的“不过全退”协议班在部分地区仍然存在。
距离今年国考还有十几天时,广东某地一名中公教育销售人员还在向学员推荐协议班,协议班售价为29980元,主要包括考前押题和面试辅导,如果学员笔试未通过、未进入面试或者未被录用,均可全部退款。''', 'negative', 'page', 'news', 'http://www.vancouverren.com/Education/articles/op=view/sid=1161411/page=2/lang=schinese.html', 'page 2 of the same 中国新闻周刊 report (negative: the salesman\'s offer paraphrased by the reporter); a sub-heading and two paragraphs; grouped with chineseheadlinenews.com (same story)', group='chineseheadlinenews.com')
# -- 中新网 2023 on "不过包退" classes (utechfun.com; youzhandian.com is a simplified mirror, not used)
add('''套路一:“不過包退”
2022年公考失敗後,程言(化名)开始了她爲期近一年的維權之路。與協議中約定好的提交退費手續材料並經過核實後的30-45天不同的是,她直到今年5月底才收到了早就應得的4萬元退款。現如今,一群報名2023年公考培訓協議班的考生走上了她曾經走過的路,在艱難的維權中掙扎着。''', 'negative', 'page', 'news', 'https://utechfun.com/post/295787.html', 'a 中新网 report on refunds of civil-service "协议班" (negative); a sub-heading and one paragraph, characters as stored')
# -- warnings and commentary
add('''东北网2月21日讯 记者从省人社部门获悉,我省将对公务员考试辅导培训班进行清理,并严厉打击虚假宣传及考试作弊。省公务员局有关负责人提醒广大考生,目前声称“花重金保证考上公务员”的“国家命题组”培训班均为虚假宣传,切勿上当受骗。
据了解,人社部门将完善公务员主管部门牵头的考录工作联动机制,配备先进的技术设备,提高考试的安全保障水平,同时,会同工商、教育、公安等部门对各类公务员考试辅导培训班进行清理,严厉打击破坏考录工作的行为;完善公务员录用违纪违规人员信息库,建立公务员录用报考者诚信档案库。
目前,我省一些公务员辅导班大肆宣传只要交纳五万元学费,培训后保证考上公务员,考不上如数退还学费,其中公务员考试包括黑龙江、吉林两地两次考试。''', 'negative', 'page', 'warning', 'https://heilongjiang.dbw.cn/system/2012/02/21/053702305.shtml', 'a provincial civil-service bureau\'s warning against "保证考上" courses (negative: warning that paraphrases the ads); first three paragraphs')
add('''公務員培訓特別是面試培訓班的天價,不是現在才有,也不只是在南京存在。但存在的未必就是合理的。公務員考試是國家選拔德才兼備的年輕人才的重要方式。任由公務員考試天價培訓現象泛濫,不僅無益于優秀公務員的選拔,反倒會擾亂正常的選拔工作。
要認清公務員考試天價培訓的真實面目,需要認清培訓機構各種花樣宣傳背后的不法本質。比如“保證通過面試”“不通過就退款”,就是既違反廣告法,又不受合同法保護的違法宣傳。另有一些培訓機構的宣傳套路更值得警惕。他們往往用神奇的效果為昂貴的收費背書,并用押題準確、有良好人脈關系來吸引考生。''', 'negative', 'page', 'news', 'http://www.ncdzx.com/plzhx/dlgc/201705/t20170503_11757998.htm', 'a 正义网 commentary on expensive civil-service interview courses (negative: names "保证通过面试""不通过就退款" as unlawful); two paragraphs, traditional characters as stored')
add('''在公務員考試中,一些培訓機構通過虛假廣告誘騙考生,讓考生報名參加他們所謂的“精品”、“衝刺”等高價培訓班或購買上網卡,以圖牟利。這些行為嚴重干擾了正常的考錄工作秩序,損害了公務員考錄製度的聲譽,也造成考生的財産損失。我們敬請廣大考生明辨是非,勿輕信有關培訓機構的虛假宣傳。''', 'negative', 'short', 'warning', 'http://big5.www.gov.cn/gate/big5/www.gov.cn/gzdt/2011-12/05/content_2011589.htm', 'the national civil-service bureau\'s statement against a training company\'s "精准命中" claim (negative: government warning); last paragraph, traditional characters as stored')
# -- 新华网 2004 (qingdaonews.com copy): an agency that promised a pass and then offered a substitute
add('''“只要来我们这里参加培训考试,包你通过考试拿到国家认可的资格证书。”''', 'training_fraud', 'short', 'offer', 'https://qingdaonews.com/content/2004-11/09/content_3875404.htm', 'a Shenzhen consultancy\'s pitch for its 物业管理师/人力资源管理师 courses, quoted verbatim in a 新华网 report (a guaranteed certificate sold with a course)')
add('''“不想参加考试?交钱给我们找人代你考。”''', 'exam_fraud', 'short', 'offer', 'https://qingdaonews.com/content/2004-11/09/content_3875404.htm', 'the same consultancy\'s offer of a substitute test-taker, quoted verbatim in the 新华网 report')
add('''“我们在上面有人,考试包你们通过。”''', 'exam_fraud', 'short', 'offer', 'https://qingdaonews.com/content/2004-11/09/content_3875404.htm', 'a staff member\'s claim of connections that guarantee the pass, quoted verbatim in the 新华网 report (like round 5\'s "已打通关系"); no certificate noun, no contact: a hard positive')
add('''“每人再交1000元,我们找人帮你们考。”''', 'exam_fraud', 'short', 'offer', 'https://qingdaonews.com/content/2004-11/09/content_3875404.htm', 'the staff member\'s price for a substitute test-taker, quoted verbatim in the 新华网 report')
add('''11月7日是物业管理师等国家职业资格证书全国统考的日子,但深圳市亮点365管理咨询公司培训的一名学员却没有参加考试,他告诉记者,他和一个朋友今年8月在“亮点365”分别报名参加物业管理师和人力资源管理师的培训,每人交了2800元的培训费。''', 'negative', 'short', 'news', 'https://qingdaonews.com/content/2004-11/09/content_3875404.htm', 'the report around the quotes (negative); one sentence of the second paragraph')
# -- 青岛新闻网 2005 (sina copy): a course that claims an exam-setter teaches it
add('''“我们所邀请的某某教授是2006年国家公务员考试的出题老师,他这次来济南只呆一天,你一定要来听”''', 'training_fraud', 'short', 'offer', 'http://news.sina.com.cn/o/2005-11-05/10127363847s.shtml', 'a civil-service course\'s phone pitch claiming the exam\'s setter as its teacher, quoted verbatim in a 青岛新闻网 report (a false insider claim sold with a course); no contact, no guarantee word: a hard positive')
add('''2006年中央、国家机关招考公务员现场确认工作今天正式开始。记者从山东省所设的确认工作现场看到,数家公务员考前培训班派人赶赴现场,散发授课海报。他们多数打着诸如“资深公务员录用考试命题专家面授机宜”之类的旗号拉拢考生听课,宣传内容中失实之处颇多。而记者从国家人事部门了解到,本次考试,中组部、人事部没有委托任何单位和个人举办相关培训班,望广大欲参加辅导的考生务必瞪大眼睛,以免花冤枉钱。''', 'negative', 'page', 'news', 'http://news.sina.com.cn/o/2005-11-05/10127363847s.shtml', 'the report around the quote (negative); first paragraph')
add('''新快报记者 单道辉 今年1月初,本报记者单道辉被“猎头”相中,报名成为今年成人高考的一名替考“枪手”,开始了他在一个“枪手集团”长达十个月的“卧底”生涯……''', 'negative', 'short', 'news', 'http://news.sina.com.cn/c/2003-11-18/02222154691.shtml', 'lead of a 新快报 undercover report on a substitute-exam ring for adult college entrance exams (negative)')
# -- 艺考 agent (forum copy of a newspaper report on zjsu.xiasha.cn; the page carries anti-scraping noise, the quote does not)
add('''“我们公司负责人沈××的妹夫就是浙江传媒学院的副院长,这个关系可以保证考生最后通过复试,拿到专业合格证。”''', 'exam_fraud', 'short', 'offer', 'http://zjsu.xiasha.cn/thread-313345-1-1.html', 'an art-exam agent\'s whispered offer to guarantee the pass through a relative at the college, quoted verbatim in a report reposted on a campus forum (like round 5\'s "已打通关系"); the forum copy\'s anti-scraping noise is outside the quote, the report itself was not used')
add('''浙江传媒艺术类校考独家代理考前培训,欢迎致电咨询131XXXXX422''', 'negative', 'short', 'school', 'http://zjsu.xiasha.cn/thread-313345-1-1.html', 'the same agent\'s QQ signature as quoted in the report (negative on its own: a pre-exam training ad with a masked phone number and no guarantee; the offer is in the separate quote above)')
# -- coursework substitutes (甘肃 2007, cnzsedu.cn)
add('''“各位函授的老师,你们好!本人系数信学院大二学生,假期闲暇。您可能因为工作繁忙,不能按时上课,为帮您解决时间冲突,让您有个轻松舒适的暑假,本人可代理:上课、自习,作业、考试论文等一切事物。(价格可以商量)……”''', 'exam_fraud', 'short', 'offer', 'http://cnzsedu.cn/Article/news/17/200707/4566.html', 'a student\'s flyer offering to attend classes and sit exams for correspondence students, quoted verbatim in a report (substitute exam, as rounds 7-8 labelled students\' offers); the phone number was not printed')
add('''7月23日,在甘肃某高校学生公寓楼下,记者看到了许多此类广告。广告纸的胶
水未干,所附的电话号码已经被人取走。
一位三十出头、来自甘肃陇南的男进修教师,撕下电话号码,拨号过去,接电话的是一位女生,确认完身份,双方决定面谈。''', 'negative', 'page', 'news', 'http://cnzsedu.cn/Article/news/17/200707/4566.html', 'the report around the flyer (negative); two paragraphs, the stored line break inside 胶水 kept')
# -- 法治日报 2023 (cctv big5 copy): an "assistant class" sold as full-time
add('''“是全日制的,有全日制的本科畢業證和學士學位證。”''', 'training_fraud', 'short', 'offer', 'https://big5.cctv.com/gate/big5/news.cctv.com/2023/07/05/ARTIHVXbj5e4XkweeeFbsbDL230705.shtml', 'a recruiter\'s answer selling a self-study "助学班" as full-time study with a full-time degree, quoted verbatim in a 法治日报 report (like round 8\'s 自考 助学班 recruiter); traditional characters as stored')
add('''2023年普通高校招生錄取工作即將開始。近日,教育部發佈提醒稱,一些不法分子受利益驅使,利用考生和家長的急切心理,針對招生錄取等環節實施詐騙,嚴重擾亂考試招生秩序。
據了解,考生遭遇招生詐騙的常見情形是:“一不小心”上了虛假大學——只要不在教育部公示名單裏的辦學機構,就是虛假大學。''', 'negative', 'page', 'news', 'https://big5.cctv.com/gate/big5/news.cctv.com/2023/07/05/ARTIHVXbj5e4XkweeeFbsbDL230705.shtml', 'the 法治日报 report around the quote (negative); first two paragraphs')
# -- 北京青年报: substitute takers recruited for a freight-driver qualification test (aaopu.com copy)
add('''“这次是考试,考的和大货车有关,只要男的不要女的。”''', 'exam_fraud', 'short', 'request', 'http://new.aaopu.com/ylbg/50748.html', 'an organiser recruiting paid substitute takers ("充场人") for a road-freight driver qualification test in a WeChat group, quoted verbatim in a 北京青年报 report (like round 8\'s "寻找自考男枪手一名"); no exam-fraud word at all: a hard positive')
add('''道路运输从业人员从业资格证,对从事货物运输的驾驶人员来说,如同身份证一样必不可少。掌握相关法规、报名参加考试,本应该是取得资格证的必要环节,但却被人钻了空子。
4月13日,在北京房山区的一所驾校,数十人被组织参加了“道路货物运输驾驶人员从业资格”考试的替考,考试现场不仅不核实身份,现场公布答案,甚至连答题卡都已事先被填好。''', 'negative', 'page', 'news', 'http://new.aaopu.com/ylbg/50748.html', 'the 北京青年报 report around the quote (negative); two paragraphs')
# -- other hard negatives
add('''这类社会助学机构来钱的方式大多相同:招收参加各类资格考试的“包过”考生,再由培训机构或者负责人与该考生签订“包过”协议,承诺通过发送答案等方法帮助考生舞弊。 “协议包过生”的收费远高于普通学员,少则几千元,多则数万元。''', 'negative', 'short', 'court', 'http://bhc.hebei.com.cn/system/2013/04/19/012718870.shtml', 'a report on the trial of an exam-cheating "助考" ring (negative: "包过" described in the reporter\'s voice); two sentences')
add('''随着中小学临近期末,以及各种专业考试的到来,济南市内各大培训机构也随之进入了宣传的高峰期。然而,最近,记者却发现,在这个活跃的市场当中,违规操作、欺诈消费等各种不正常的市场行为已经成为了主角。部分学校所宣称的“包过关”和“捷径”这葫芦里到底是卖的什么药?里面究竟有着什么样的不法内幕?近日,记者对此进行了调查。''', 'negative', 'short', 'news', 'http://www.qlzhoukan.com/zhenxiang/201205266207.html', 'lead of a report on Jinan training schools (negative: "包过关" named in a report)')
add('''直接告诉你吧,考这个证,核心就是两个字:学习考试。你得经过正规培训机构的系统学习,然后参加由国家授权的职业技能鉴定机构组织的统一考试,理论和实操都得过关,缺一不可。听起来简单,但里头的门道可不少。''', 'negative', 'short', 'howto', 'https://www.rzedutec.com/p/61065', 'a how-to on the fire-facility operator certificate (negative: says the certificate needs training and an exam); one paragraph')
add('''消防设施操作员证办理正规渠道是什么专业解答分享
消防设施操作员证办理需通过官方指定渠道,严格遵循国家职业技能标准,区分初/中级报考条件,注重理论与实操结合备考,并关注证书后续管理要求。''', 'negative', 'short', 'howto', 'https://www.youlu.com/xfy/content/CB202601200000001178', 'a training site\'s how-to on the official route to the fire-facility operator certificate (negative: "办理" + certificate noun in a lawful sense); title and summary')
