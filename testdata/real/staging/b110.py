# batch 110 (round 12). pages corpus: a civil-service interview course's "万元包过" ad named in a 2011 report on Hainan's crackdown on
# three prep agencies.
# Look-ups (pages): 市场监管 查处 职业技能培训 广告 "包拿证" "考试包过" 案例 … | 公务员考试培训 广告 "协议班" "不过退费" "命题专家" 行政处罚 … |
#   广告法第二十四条 培训机构 宣传 "通过率100%" "保证取证" … | 违法广告典型案例 培训 "挂靠" "年薪" "拿证" … | "免考拿证" OR "免考取证" 广告
#   处罚 … | 作弊网站 首页 写着 "先过后付" "诚信" 考试答案 … | QQ群 群公告 考试答案 "考前一天" "收费" 助考 … | 代办电工证 焊工证 高处作业证 包过
#   联系电话 …. (docs) jasa pembuatan sertifikat K3 tanpa ujian … | (pages) jual sertifikat BNSP tanpa tes …. find_string 包过拿证.
# Left out: copies with conversion artefacts (mkcnfr.com "國考、省考一次上岸", xjdql.cn 淮安, diyforcar.com, koimdiupl.cn, yp-sz.com) or spun
#   text (the "铁拳" 微铭 story at ltspdqb.com / ps43.top / pv67.vip / bqffgni.com / 28dj08.com), a page under a gambling header
#   (hbzyjz.com), stories already in the corpus (sinoca.com 2012 考神, vanbien.com, yaoyaowu.com 2007 考研助考团, johnnytowncar.com,
#   chinataiwan.cn, hairdiseases.net), regulators' compliance reminders (pds.gov.cn, digipub.cc, nn.city 洛阳, already similar ones in the
#   corpus), Indonesian ISO-consultancy link pastes and a K3 certificate-checking guide, and synthetic moderation samples in GitHub code
#   (written by developers, not sellers).
HN = 'http://315online.com/baoguang/edu/149632.html'
add('''培训万元包过''', 'training_fraud', 'short', 'offer', HN,
    'a civil-service interview course\'s ad, quoted verbatim in a 2011 report on Hainan\'s crackdown on three prep agencies ("宣称“培训万元包过”等虚假信息"): a priced pass guarantee sold with a course, as round 10 labelled "交十万,保你过!"')
add('''今年7月,海南省招录公务员面试开始前,一些社会培训机构通过散发宣传资料、群发短信、打电话等形式,误导考生参加收费为几百、上千元甚至数万元不等的培训班,还举办一些所谓的“成功协议班”、“万元包过班”,干扰了公务员招录秩序,损害了公务员招录的公信力和声誉,造成了不良的社会影响。''', 'negative', 'page', 'news', HN,
    'the same report\'s paragraph on the agencies (hard negative: "成功协议班""万元包过班" in the reporter\'s voice)')
