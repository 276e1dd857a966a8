# batch 116 (round 13). pages corpus: a 2007 CET "枪手" answer group's campus BBS ads quoted verbatim in a 信息时报 / China Daily
# campus report, and hard negatives on TOEFL and IELTS impersonation abroad.
# Look-ups (pages): 多益 英檢 代考 槍手 IG 臉書 廣告 保證分數 台灣 警方 破獲 集團 | "包過" 廣告 駕照 代考 越南 移工 台灣 監理站 槍手 集團 收費.
# Left out: the 2015 职称英语 answer-site story at baogaosu.com (already in the corpus), the 國營事業 舞弊 story at bobomg.com and the
#   spun 海外代考 article at pixnet (already in the corpus / spun), Taiwanese reports on migrant "車手" and unlicensed riders (no
#   certificate or exam fraud), a Japanese TOEIC ring report at stheadline.com (the site's other stories are in the corpus; a third
#   report on the same ring adds little).
CD = 'http://language.chinadaily.com.cn/campus/2007-06/22/content_900471.htm'
add('''四六最后两天!最有保证的答案、6年信誉、众多学子的选择,您还在犹豫什么?欲购从速,业务QQ:2832334**联系、咨询!电话:158220341**''', 'exam_fraud', 'short', 'offer', CD,
    'a CET answer group\'s ad on campus bulletin boards, quoted verbatim in a 2007 report (China Daily campus channel): answers sold for the exam with QQ and phone (digits masked by the newspaper, not decodable), as rounds 6-11 labelled answer sellers')
add('''我们服务的QQ号是2832334**,永远不变!我们长期提供服务,靠信誉生存。具有专业的团队和多次成功的操作经验,会帮助每个找到我们的人顺利过关,不会做出为了些许利益而被人唾骂一辈子的事情!……''', 'exam_fraud', 'short', 'offer', CD,
    'another ad text of the same group quoted in the report ("广告字眼极具煽动色彩:…"): a promise to get every buyer through the exam (a hard positive: "答案" is not named in this part); trailing ellipsis as stored')
add('''全国英语四六级考试明天开考。之前记者接到报料,有机构公然通过QQ提供枪手服务。枪手服务不是以前的替考,而是本人考试,由枪手组织直接发答案给考生。记者深入调查发现,这个组织号称“资深机构”,从事提供四六级考试答案及助考服务已达6年……''', 'negative', 'page', 'news', CD,
    'the same report\'s lead (hard negative: the answer service described by the reporter)')
add('''韩国警方称,今年28岁的中国女子J某等涉嫌通过网络聊天工具QQ联系到委托人后,以在韩国代考一次40万至170万韩元的价格成交。J某等从委托人处获得个人信息和照片后,伪造护照,欲在考场蒙骗过关。''', 'negative', 'page', 'police_report', 'https://eol.cn/english/kuaixun/201311/t20131129_1046118.shtml',
    'a 2013 中国教育在线 report on four Chinese substitute TOEFL takers arrested in Seoul (hard negative)')
add('''据英国媒体报道,金秋9月,是广大留学生抵英入学的高峰期, 很多留学服务机构的生意也正处旺季,门庭若市。但在某些留学机构的对外宣传中,雅思代考也成了其旗下“特色”业务之一,“访客”络绎不绝。''', 'negative', 'page', 'news', 'https://mnews.chazidian.com/mip/news188824',
    'a report on IELTS impersonation arrests in the UK (hard negative: 雅思代考 as an agency "特色业务", in the reporter\'s voice)')
