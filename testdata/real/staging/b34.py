# batch 34 (round 3): further sellers' words quoted in reports already read in this round (no new look-ups except
# docs: exam代考 加微信 CS代写 留学生 编程辅导 midterm final exam help WeChat QQ repository, which returned more
# repositories of the same exam-help account and homework ghost-writers, not used), and hard negatives left over
# from earlier round-3 look-ups.
add('''我的上头就是学校的×院长,安全可靠。''', 'exam_fraud','short','offer','https://tengfeihs.com/jiankang/info/focus/20120608_201037_2.html','a gaokao substitute-exam broker reassuring recruited substitutes, quoted verbatim in a 南方周末 investigation (mirrored)')
add('''选择题60分没问题''', 'exam_fraud','short','offer','http://wap.sinoca.com/news/society/2012-01-18/182609_4.html','an exam-answer seller\'s promise on the phone, quoted verbatim in a report on alleged postgraduate-exam leaks; very short: context-free claim')
add('''英語四六級答案預售!考研答案,另有成績單,學歷等證書!''', 'exam_fraud','short','offer','http://yxhgc.com/content/2012-12/13/content_9530494.htm','the QQ signature of a CET-answer seller quoted verbatim in a report (traditional-character mirror whose other paragraphs carry conversion artefacts, so only the quote is used); sells answers and also score reports and diplomas')
add('''能運作、代報名、容易過''', 'training_fraud','short','offer','http://0514f.cn/c/2019-03-22/2315824.shtml','the pitch of training agencies for the fire-engineer exam, quoted in the same report as b25\'s ad (traditional characters)')
add('''當天把所需資料傳過來,第二天即可先看電子版文件訂稿''', 'cert_sale','short','offer','https://ppfocus.com/0/ed8e07cb0.html','product description of an online shop making CET certificates, quoted verbatim in the same report as b27 (traditional characters)')
add('''从2005年就干这个,过不了不收钱!''', 'exam_fraud','short','offer','https://johnnytowncar.com/edu/2011/03-07/2888433.shtml','the cheating-device seller\'s own words, quoted in the same report as b24\'s flyer')
add('''绝对放心,我做了好多年了,从来没有失手过。''', 'exam_fraud','short','offer','http://news.sina.com.cn/c/2003-12-27/04251446327s.shtml','the substitute-exam broker reassuring a would-be substitute, quoted in the same report as b24')
# hard negatives from pages already read in round 3
add('''住建局的建筑电工特种作业操作证,这个证不能以个人名义办的!(代办除外,如果是代办!还必须出钱找他),建筑电工证是和建筑公司挂钩的!准备好电工证原件,县级医院体检报告(只需心电图和色盲检测,没有肝功)!身份证复印件,三张一寸照片!由电工班长交给项目部的资料员!''', 'negative','page','howto','https://m.diangongwu.com/zhishi/diangongkaozheng/9203.html','how-to on renewing electrician certificates that mentions 代办 in passing (hard negative: 代办 + 电工证 without an offer); trimmed')
add('''一、电工证复审的必要性
电工证的有效期一般为3年或6年,具体根据发证机构的规定而定。在有效期内,持证人需参加复审培训并完成考核,才能继续使用该证书。未及时复审可能导致证书失效,影响工作和职业发展。''', 'negative','page','howto','https://www.jjsx.com.cn/zsiwd/202509/1431806.html','Q&A "电工证没有复审能用吗" (negative how-to); trimmed')
add('''電工證過期了怎麼辦
過期會自動註銷作廢,要重新考試''', 'negative','short','howto','https://mdkpw.com/jingyan/qm3nq.html','traditional-character Q&A title and answer (easy negative); the repeated title dropped')
add('''特种作业证卡丢了不能补办,必须重新考取。新证需要提交身份证、照片和申请表,再参加培训和考试。费用比初次办证低,流程和第一次差不多。补办后旧证自动失效,新证编号不同。''', 'negative','page','howto','https://m.sboyo.com/1/750460.html','Q&A on a lost special-operation card (negative how-to with 办证 words); trimmed')
add('''焊工证属于特种作业操作证书,即上岗证,需要去你所在地的安全生产监督管理局办理,焊工证发证则是由安全生产监督管理局负责,没有这个证书是无法参与上岗的,所以还是非常重要的。下面,我们一起来看下焊工证到底怎么办理。''', 'negative','page','howto','https://toutiao.jiaoyubao.cn/xxjy/585187.html','how-to "焊工证怎么办理" on an education portal (hard negative: 办理 + 焊工证); trimmed')
add('''“当时,车管所内正在组织记满12分的驾驶员进行理论考试,车内电脑屏幕上显示的内容跟考试内容是匹配的。”张建新说,他们随即在考场内进行检查,遗憾的是没有当场抓获作弊考生。''', 'negative','page','police_report','https://x.ybjk.com/egab7d','traffic-police report on a car full of exam-cheating equipment (hard negative); trimmed')
add('''「滴滴滴」,科目一考場驚現「竊聽風雲」
經查,胡某某(男,53歲,湖北松滋人)報名駕照考試後,由於年紀偏大,文化水平低,也沒有學習科目一考試內容,便想利用作弊手段通過考試,於是花費280元在網上購買一套作弊設備。''', 'negative','page','police_report','https://daydaynews.cc/funny/3573850.html','極目新聞 police report in traditional characters: cheating kit bought online for 280 yuan (hard negative); trimmed')
add('''一、施工特种作业资格证编号规则: 施工特种作业资格证编号共十四位,其中: 1)第一位为持证人所在省、市简称,山西省简称为“晋”; 2)第二位为持证人报名所在地市的英文代码,具体按照表A确定;''', 'negative','page','howto','https://www.jinchutou.com/shtml/412054e593b3c1f9a745cfdae343e7ac.html','document-sharing page on the numbering of construction special-operation certificates (negative); trimmed')
add('''最近石家庄曝光的驾考作弊案让人心惊——考生坐在考场纹丝不动,电脑却能自动答题14分钟满分通过。这背后是考场负责人黄某勾结外部团伙,私接网线远程操控考试系统的惊天黑幕。更可怕的是,这种"躺赢套餐"收费高达两万元,形成五级分包的完整犯罪链条。''', 'negative','page','news','https://www.chaxiaohao.com/read-1750265433l736814.html','commentary on a driving-test cheating ring (hard negative: the 躺赢套餐 price in a report); trimmed')
