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
