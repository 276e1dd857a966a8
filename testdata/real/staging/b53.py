# batch 53 (round 5). Exam-answer sellers' private-chat claims and ad wording quoted in police warnings (postgraduate
# entrance exam), with the warning itself as a hard negative.
# Look-ups: pages: 考研 答案 出售 QQ群 广告 “保过” “考前答案” 骗局 考生 被骗 警方 提醒 截图 内容 |
#   网警提醒 警惕 “无需考试”“快速拿证”“官网可查” 特种作业证 办证广告 诈骗 案例 一对一私聊 (conversion artefacts only) |
#   本公司专业办理各类证件 … 办证电话 微信同号 先看货后付款 (no seller page stored) |
#   挖掘机操作证 网上办理 卖家称 … (SEO pages only) | docs: buy NEBOSH IGC certificate without exam … (study-guide spam only)
add('''已打通关系”、“可提前获取答案''', 'exam_fraud','short','offer','https://wxredian.com/art?id=31f513da30ad2e3cf571fc1c61c67fb7','claims an exam-cheating ring made in one-to-one chats with postgraduate-exam candidates, quoted verbatim in a cyber-police warning (outer quotation marks dropped, inner ones kept); out of the safety scope')
add('''在2024年全国硕士研究生招生考试中,网安部门打掉一个以“考研VIP通道”为暗示诱饵进行宣传、收取高额培训费、组织考生“携带作弊设备”参考的犯罪团伙,涉案金额高达300余万元。涉案人员最高被判处有期徒刑5年,众多考生因此被取消考生成绩,甚至面临停考3年、取消学籍等处分。''', 'negative','page','warning','https://wxredian.com/art?id=31f513da30ad2e3cf571fc1c61c67fb7','the same police warning (hard negative: 考研VIP通道, 作弊设备 in a case description); one paragraph')
add('''准确率极高”“违约退款”“预付定金可发试卷样题''', 'exam_fraud','short','offer','https://bjdnbx.com/ky/411003.html','lures that sellers of "exam questions and answers" post in QQ groups and forums, quoted verbatim in a list of postgraduate-exam scams (outer quotation marks dropped, inner ones kept); out of the safety scope')
