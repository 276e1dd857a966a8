# batch 36 (round 3): 挂证 (certificate-renting) offers and 保过 classes, quoted in reports (pages corpus).
# Look-ups: pages: 招聘网站上 大量挂证信息 记者搜索发现 写着 证书挂靠 年薪 不需坐班 只挂证 二建 |
#   考试作弊 团伙 在网上发布广告 称 提供答案 包过 无线耳机 特种作业 安全员考试 判决
add('''不怕你的证书不值钱,就怕有钱你不会赚''', 'cert_sale','short','offer','https://m.gaodun.com/guihua/8338.html','a 挂证 agency\'s advertising slogan quoted verbatim in a 新华网 report on certificate renting (mirrored on an exam-prep site); a 挂靠 lure, labelled cert_sale by the corpus rule')
add('''一级注册建筑师20万元2年,一级注册结构工程师20万元3年,注册电气工程师45万元3年……''', 'cert_sale','short','offer','https://m.gaodun.com/guihua/8338.html','the 挂证 price list quoted at the head of a section of the same report')
add('''非本专业也能过''', 'training_fraud','short','offer','https://m.gaodun.com/guihua/8338.html','a training company\'s claim quoted in the same report (paired there with 真题奉送); very short')
add('''“挂证”已成潜规则
在长沙工作的肖乐(化名)有稳定的职业,但他的主要收入却不来自工资,而是靠“出租”建造师证书。“考一级建造师后,证挂在一家建筑公司,一年拿10万元”。''', 'negative','page','news','https://m.gaodun.com/guihua/8338.html','the report (hard negative: a holder describes renting out his certificate); trimmed')
add('''朋友有二級結構師的證在手,與上一企業協議期滿,資料齊全,求靠譜企業''', 'cert_sale','short','offer','http://ew18ewpdty.pixnet.net/blog/post/197052297','a WeChat Moments post offering a structural engineer certificate for 挂靠, quoted verbatim in a 羊城晚报 report (traditional-character blog mirror); cert renting')
add('''記者調查發現,其實在“朋友圈”尋求資格證書掛靠的僅僅是小部分人,在不少“專業網站”上,這甚至已成為公開的秘密。有建築業人士向記者坦言,不少人考證“有職業的需求”,但更多的就是為了“掛出證照好賺錢”。''', 'negative','page','news','http://ew18ewpdty.pixnet.net/blog/post/197052297','the report (hard negative; traditional characters); trimmed')
add('''“学费”动辄数万元的职业资格考试“保过班”,竟是靠考场作弊来兑现“保过”承诺。近年来,一些职业资格证照考试火爆,部分教育咨询机构盯上这一商机,向考生收取3万至6万元不等的“保过费”,试图以组织考生作弊来牟取暴利。''', 'negative','page','news','http://www.huaxia369.com/portal.php?mod=view&aid=233580','新华社 report on 二级建造师 保过班 delivered by cheating (hard negative); trimmed')
# (txwb.com and 4006750702.com came back too but round 1 already has them; not re-added)
# look-ups: pages: 行政处罚决定书 当事人 在其微信公众号发布广告 内容为 包过 不过退费 … (penalty decisions on tutoring ads; not used) |
#   docs: 马来西亚 日本 韩国 大学毕业证 成绩单 办理 微信 Q 学历认证 留信 可查 Pastebin
add('''法国马赛三大毕业证成绩单微信176555708文凭使馆认证offer教育部认证''', 'cert_sale','short','offer','https://pastebin.com/u/ghdjhhr','paste title; contact of round-2 seller q176555708 (grouped); out of the safety scope', group='pastebin:q176555708')
