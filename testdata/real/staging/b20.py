# batch 20 (round 2): more docs-corpus finds (pastebin diploma mill with an exam-substitution line; GitHub hard negatives)
add('''咨询办理加拿大文凭〝加拿大兰加拉学院毕业证〞Q/微信1925465786修改兰加拉学院成绩单|购买加拿大原版学位证|加拿大原版文凭|加拿大原版毕业证书|加拿大学校真实使馆认证、真实留信网认证、真实学历学位认证''', 'cert_sale','short','offer','https://pastebin.com/rHF1yfnx','first line of a diploma-mill paste (out of safety scope); 〝〞 quotes, | separators', group='pastebin:q1925465786')
add('''Q微1925465786快速本科论文代写代课挂靠学校快速本科名校保送毕业证文凭成绩单学历认证全套办理雅思托福代考''', 'exam_fraud','short','offer','https://pastebin.com/rHF1yfnx','line 3 of the same paste: offers 代课 and 雅思托福代考 (substitute exam) besides diplomas; labelled exam_fraud for the 代考 offer', group='pastebin:q1925465786')
add('''3、美国保进保出快速本科业务''', 'negative','short','other','https://pastebin.com/rHF1yfnx','section heading of the same paste; on its own only 保进保出 (guaranteed admission/graduation), no certificate, exam or contact: kept as a hard negative fragment of a positive paste', group='pastebin:q1925465786')
add('''快速本科论文代写Q微:1925465786加拿大温尼伯大学Winnipeg专业写手代写挂靠学校快速本科名校保送毕业证文凭''', 'cert_sale','short','offer','https://pastebin.com/u/qweasdzxsc02','paste title of the same seller (user listing)', group='pastebin:q1925465786')
add('''注意:
机构不会告诉你的,以上三种形式拿到的都是本科毕业证,考完学位英语次年才给学位证。
所以快的话,两年拿到双证,慢的话4年以上。
建议:
急需拿证的建议网教+自考并行,一定要衡量时间成本
不推荐卖家/机构;有需要的直接淘宝找销量最高的商家咨询即可''', 'negative','post','howto','https://github.com/juicy0range/zikao-CS-Courses','README of a self-study exam (自考) resource repo: advice on 拿证 timelines, warns about agencies; no offer (hard negative; no licence file found); trimmed', licence='none found (no LICENSE file in the index; quoted for evaluation)')
add('''有了执业兽医资格证后,可以挂靠或是直接进入宠物行''', 'negative','short','other','https://github.com/wjq990112/coder2vet','personal README about becoming a vet: mentions 挂靠 of one\'s own certificate as an option (cut as stored); no offer or solicitation (hard negative)', licence='none found (no LICENSE file in the index; quoted for evaluation)')
