# batch 30 (round 3): docs corpus, more sellers (two pastes; a GitHub account offering exam help for WeChat contact).
# Look-ups: docs: 办理国内毕业证 学信网可查 教师资格证 会计证 驾照 四六级证书 办理 微信 pastebin | powcoder 代写代考 github |
#   proxy exam service take my online proctored exam for me pass guaranteed pay after result (nothing usable) |
#   code: https://powcoder.com 代写代考加微信 powcoder Assignment Project Exam Help Add WeChat powcoder (no provenance for the in-file header) |
#   pages: 教师资格证 面试包过 … | 四六级答案 短信 广告 … | 查看 回复 发表于 只看该作者 办理各类证件 … (no offers found)
# (aCVWN642 and nE35FuXc were found again but are already in the corpus; not re-added)
add('''G6021 Exam

加微信 powcoder

QQ 1823890830

Programming Help Add Wechat powcoder

About

G6021 编程辅导, Code Help, WeChat: powcoder, CS tutor, powcoder@163.com''', 'exam_fraud','post','offer','https://github.com/powcoder/G6021-Exam','GitHub repository page of an account that names a course exam and asks to add its WeChat/QQ (the same account stamps 代写代考加微信 powcoder into code files); out of the safety scope; navigation text cut')
add('''Take home Exam in Advanced Programming

加微信 powcoder

QQ 1823890830

Programming Help Add Wechat powcoder

About

Take 编程辅导, Code Help, WeChat: powcoder, CS tutor, powcoder@163.com''', 'exam_fraud','post','offer','https://github.com/powcoder/Take-home-Exam-in-Advanced-Programming','another repository of the same account, a take-home exam offered for WeChat contact; navigation text cut')
# pastebin listings/pastes, look-up: docs: Pastebin Name / Title 加拿大 毕业证 成绩单 Q/微 办理 真实可查 2018 Never None
add('''买加拿大UC毕业/证书q薇770882133办理卡尔加里大学毕业/证成绩单,代办UC真实学历认/证、录取通知书、真实使馆及教育部学历认证、在读证明University of calgary Q微770882133办理毕业证成绩使馆教育部認
- Q 7708 82133.办理美国各大学毕业证成绩单学历认证 美国
- Q 7708 82133.办理曼大/温尼伯等校毕业证成绩单,使馆及教育部认证
- 洲际教育 Q/微信770882133毕业证 成绩单 回国证明 学历认证 留信认证 网上可查永久存档
- 目前有一些同行所办理出来的认证只能在虚假网站查询1-3个月左右的时间,并不是教育部官网,也不可能永久存档。那样是对学生的不负责任,在办理的时候一定要慎重!''', 'cert_sale','post','offer','https://pastebin.com/4he7jqP1','diploma-mill paste; evasion: words split by slashes (毕业/证书, 认/证), q薇 look-alike, the QQ number split by a space (7708 82133); mentions rivals\' 虚假网站; out of the safety scope; trimmed')
add('''加拿大皇后大学毕业证书办理【Q\\微815897918】加拿大毕业证,Queen’s毕业证,学历认证,修改成绩单Queen’s University
- QQ/微信:815897918办理毕业证成绩单、真实教育部认证、学士学位认证、使馆认证/留学回国人员证明、肆业证、毕业公证、毕业证明书、结业证、录取通知书、Offer、在读证明、雅思托福成绩单、假文凭、假毕业证、网上存档永久可查!''', 'cert_sale','post','offer','https://pastebin.com/WMELTR8d','diploma-mill paste openly listing 假文凭、假毕业证; same contact as j2Qa7X6W (grouped); out of the safety scope; trimmed', group='pastebin:j2Qa7X6W')
add('''办加拿大UBC毕业文凭可加Q\\微1245164853咨询办理UBC英属哥伦比亚大学文凭/毕业证/修改成绩单/文凭公证/办''', 'cert_sale','short','offer','https://pastebin.com/u/jackevo168','paste title; contact of round-1 seller q1245164853 (grouped)', group='pastebin:q1245164853')
add('''定制认证|加拿大亚岗昆学院毕业证(Algonquin University)-精选笔记''', 'cert_sale','short','offer','https://pastebin.com/u/sebastiaa89u','SEO-style paste title from a second 2026 account of the same pattern as kaylebugu (定制认证 + diploma, dressed as a headline, no contact); a hard positive', group='pastebin:kaylebugu')
add('''办加拿大文凭|办加拿大学历|办加拿大证书|@q薇551190476加拿大劳里埃大学文凭WLU毕业证文凭/定做加拿大成绩单''', 'cert_sale','short','offer','https://pastebin.com/u/addismake05','paste title; @q薇 contact of round-1 seller q551190476 (grouped)', group='pastebin:q551190476')
