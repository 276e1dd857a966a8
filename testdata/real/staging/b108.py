# batch 108 (round 12). pages corpus: study-abroad and degree agencies' guarantees quoted in reports (a BBC Chinese undercover story
# on "保錄" agents for Hong Kong master's programmes, a 中新经纬 report on a French medical master's sold with 留服认证); hard negatives:
# a Hong Kong court case on a student who paid a substitute TOEFL taker, a TV report on paid homework and exams in Hong Kong.
# Look-ups (pages): "人不用到场" "只需要身份证" 拿证 机构 告诉记者 证书 | "三天出证" "可以上网查" 办证 客服 称 … | "我们有内部名额" 考试
#   中介 对记者说 … | 招生老师 说 "包拿证" "不用学" 报名 培训 证书 学员 投诉 退费 | 在职研究生 免试 保过 拿双证 … | 成人高考 招生 老师 称
#   "不用考试" "包录取" "包毕业" … | 驾校 招生 承诺 "包拿证" "不过免费重考" … | 槍手 代考 收費 廣告 社交平台 記者 聯絡 對方稱 保證 合格 證書
#   香港01 | 假證 網購 職業資格證 賣家稱 可查 內地 東網 記者 訂製 電工證.
# Left out: stories already in the corpus (法治日报 网络培训乱象 at fyrmtzx.cn / 9iwh.cn / xy.smx.gov.cn, 证券日报 "黄金证书" at
#   evenhosting.com, 法治日报 2023 艺考 at big5.cctv.com, 北京晨报 四六级成绩单 at ppfocus.com, 封面新闻 假证订制 at hk01.com and its on.cc copy
#   at hk.news.yahoo.com, 艺考 at xiasha.cn, 枪王 at kaoyanmiji.com, 新京报 考研调剂 at nanmuxuan.com / tftnews.com / r435.com), copies with
#   conversion artefacts (bet456006.com, easyfundingllc.com, zhspmw.cn, bjbwlg.com, 11ub.com, say1888.cn, lvtaikj.com, jizihe.com), a
#   spun rewrite (soylu-gmbh.com / beiyuwangxiao.com), a spun jewellery-certificate story (cwa4.com), fiction (xttex.net, njanfang.com),
#   job-buying stories, driving-school complaints about hidden fees and cross-region tests (no exam or certificate fraud), SEO explainers
#   (news.xhlnet.com, seridoat.com, zx08.cn).
BB = 'https://tw.news.yahoo.com/%E5%A4%A7%E5%AD%B8%E5%81%87%E5%AD%B8%E6%AD%B7%E9%A2%A8%E6%B3%A2-%E9%A6%99%E6%B8%AF%E9%AB%98%E6%A0%A1%E9%AB%98%E5%83%B9-%E4%BF%9D%E9%8C%84-%E5%92%8C-%E5%85%A7%E6%8E%A8-001019011.html'
add('''最近風聲緊,我們不做風險高(的學校),八大的不做。''', 'training_fraud', 'short', 'offer', BB,
    'a study-abroad agent ("Fairy") answering a BBC Chinese reporter posing as a student, quoted verbatim (copy on Yahoo): the first half of a guaranteed-admission offer; hard positive alone (no guarantee word), labelled with the agent\'s next line as round 11 labelled "保录取" agents')
add('''但17.8萬(人民幣)保證錄取都會大學。''', 'training_fraud', 'short', 'offer', BB,
    'the same agent\'s priced admission guarantee, quoted verbatim in the same report (the report adds a full refund if it fails and a claimed insider at the university), as round 11 labelled study-abroad agencies\' "保录取" lines')
add('''多選一,保證進到其中一個''', 'training_fraud', 'short', 'offer', BB,
    'the same agent\'s guarantee across three programmes, quoted verbatim in the same report (hard positive: no price, no school name)')
add('''香港大學今年5月爆出假學歷風波,有指最終個案多達上百宗,隨後當地各間院校都嚴查學歷。但BBC中文記者以臥底身份聯絡到多家中國大陸留學中介,發現仍有不少聲稱支付六位數人民幣的費用,可以「保錄」(保證錄取)入讀碩士課程。''', 'negative', 'page', 'news', BB,
    'the same report\'s paragraph on the undercover inquiry (hard negative: 「保錄」 in the reporter\'s voice)')
WZ = 'http://wz-jinlong.com/article/peixun/7396.html'
add('''不用语言成绩、几乎不用出国就能拿到法国医学硕士文凭,获得留服认证,还可以为北京落户加分!''', 'training_fraud', 'short', 'offer', WZ,
    'a degree agency\'s short-video ad quoted verbatim in a 中新经纬 report (copy): a foreign master\'s sold without the language test or study abroad, with recognition promised, as round 11 labelled study-abroad "免GPA" lines')
add('''在机构的保证下,周琪向知翼通航一次性付款17.5万元,作为报名费及材料费。“我的费用算是少的,也有些学员付了20多万,都是全款。”''', 'negative', 'page', 'news', WZ,
    'the same report\'s paragraph on the payment (hard negative: the agency\'s guarantee reported, not quoted)')
YH = 'https://hk.news.yahoo.com/%E8%80%83%E5%9C%8B%E9%9A%9B%E8%8B%B1%E6%96%87%E6%B0%B4%E5%B9%B3%E8%A9%A6%E5%A4%9A%E6%AC%A1%E8%82%A5%E4%BD%AC-%E5%B6%BA%E5%A4%A7%E5%85%A7%E5%9C%B0%E7%94%9F%E6%9F%AC%E5%9F%94%E5%AF%A8-%E8%AB%8B%E6%A7%8D-%E4%BB%A3%E8%80%83%E5%9B%9A3%E5%80%8B%E6%9C%88-200000060.html'
add('''嶺南大學一名內地生承認前年到柬埔寨「請槍」代考國際英文水平試托福(TOEFL)，以滿足畢業要求，被控以欺騙手段取得服務罪，她早前承認控罪，昨在屯門裁判法院判囚3個月。裁判官指被告悔意流於表面，而以欺騙手段取得的資格，再申請其他工作或課程，性質嚴重，須判處具阻嚇刑罰。''', 'negative', 'page', 'court', YH,
    'a Hong Kong court report on a student jailed for paying a substitute TOEFL taker (hard negative: 「請槍」代考 in a court story); first paragraph; the stored copy mixes full-width and ASCII punctuation, kept as stored', group='yahoo.com')
IC = 'https://aws-stg.i-cable.com/wrmu'
add('''代做功課|由社交平台到網購平台,長期有大量代做功課甚至考卷和畢業論文的廣告,即俗稱「請槍」作答。據免費電視77台節目《一線搜查》報道,學生請槍似乎相當普遍,有毅進畢業生指全班同學英文作文考試都有請槍,也有大學畢業生表示曾5次請槍,更曾被騙千元。有律師指代做功課是詐騙行為,委託人與「槍手」同樣犯法。''', 'negative', 'page', 'news', IC,
    'a Hong Kong TV report on paid homework and exam writers (hard negative: 代做功課甚至考卷 described, not offered); the lead')
