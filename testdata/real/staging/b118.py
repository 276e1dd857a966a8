# batch 118 (round 13). pages corpus: a substitute medical check-up ("代检") network's words quoted in a report, and a 2025 CCTV
# report on 健康证 issued without the required checks (hard negative).
# Look-ups (pages): 司法考试 答案 出售 短信 广告 内容 记者 调查 "包过" 卖家 称 | 教师资格证 考试 "包过" 广告 内容 QQ 群 卖家 记者 调查
#   答案 作弊器 | 会计从业资格 考试 答案 网上 叫卖 "保过" 记者 调查 卖家 承诺 先交 | 健康证 不用体检 直接办 记者 暗访 对方 说 "半小时"
#   拿证 收费 诊所 | 普通话证 不用考 直接拿证 中介 记者 暗访 对方 表示 "可以查" 收费 | 诚聘 兼职 挂证 二级建造师 安全员 "不用坐班"
#   "年薪" 联系 招聘启事 资质 | 培训学校 招生 承诺 "包分配" "月薪" 电焊 叉车 挖掘机 … | 考证 培训 电话推销 "考下来" "一年能挂" 万元 … |
#   文鼎 健康管理师 尚德 … | dịch vụ thi hộ thi thuê bằng lái … (gambling spam only) | 成人高考 替考 中介 记者 暗访 "包过" … | 驾照 科目一
#   作弊 耳机 中介 "包过" … | 护士执业资格考试 答案 短信 内容 "保过" … | 公务员考试 答案 短信 内容 "内部" "绝对真实" … | 高考 答案 出售
#   网上 帖子 写道 ….
# Left out: the 2025 工人日报 健康证 story (gmw.cn, already in the corpus), the same CCTV report at chuanbowang.net (forum copy with
#   inserted garbage characters), fiction about 司考/高考 answer scams (cdij.cn, diyibanzhu2.vip, ltxs520.org, sto.ist, txtdown.cc,
#   95mf.net), an AI-style guide (yywenan.com), 挂证 explainers (ju62.com, already in the corpus), the 2007 郑州 "学托" report (zynews.cn:
#   the touts' words are paraphrased), a journalist's book on a fake vocational school (ranwenzw.tw / qsxiaoshuo.com / dwtxt.org copies),
#   the 2003 东方网 枪手中介, 2004 成人高考 枪手, 浙江传媒 艺考 and 驾考 stories (already in the corpus), copies with conversion artefacts
#   (cshtsb.com, whmsebhyy.com, jizihe.com, hongge68.com).
ZU = 'http://zu001.cn/baoguang/qita/140906.html'
add('''在北京我們做得最專業,保證你體檢過關,費用是過關后付款。''', 'exam_fraud', 'short', 'offer', ZU,
    'an agent of a paid substitute medical check-up network ("代检", for job seekers carrying hepatitis B) answering a reporter, quoted verbatim in a report (traditional characters): someone else sits the check for the client, pay after passing — exam_fraud like 代考 (out of scope: pre-employment medical checks)')
add('''確保代檢成功''', 'exam_fraud', 'short', 'offer', ZU,
    'the same network\'s website claim quoted in the report (a hard positive: four characters, no price or contact)')
add('''8月23日,記者以乙肝攜帶者身份,聯系“先鋒體檢”網站。“在北京我們做得最專業,保證你體檢過關,費用是過關后付款。”一名自稱“先鋒體檢”網站北京站工作人員,名為翟希的男子說。在“先鋒體檢”網站上,列出的聯系人就是翟希。''', 'negative', 'page', 'news', ZU,
    'the same report\'s account of the contact (hard negative: the agent\'s words inside the reporter\'s text)')
add('''记者发现,在个别健康证体检机构和一些健康证代办人员的眼里,办理健康证就是一个赚钱的生意。
一名办理健康证的业务员表示不需要去医院不需要做任何检查,只需要交纳90元体检费,就可以办理健康证。''', 'negative', 'page', 'news', 'http://hot.dzwww.com/w_wg0x?ipage=2',
    'page 2 of a 2025 CCTV report reposted by 大众网 on 健康证 issued without the checks (hard negative: an agent\'s offer paraphrased); leading spaces dropped')
