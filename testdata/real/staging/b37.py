# batch 37 (round 3). Look-up: pages: 电线杆上的办证小广告 记者按号码拨打 对方称 什么证都能办 价格 几天取证 保证真
# (the sohu.com report and its seller quote are already in round 1; not re-added)
add('''最近有市民打电话反映,在莱西的很多刻公章的地方都能代办各种证件,尤其是办理假身份证,相当神速,真有这回事吗?
莱西威海路与烟台路交界处路西一侧,是当地有名的刻章一条街。报料人透露,在这里随便找个摊位,老板就能帮你办出任何你想要的假证来。''', 'negative','page','news','http://lanmu.qtv.com.cn/system/2013/08/12/010647159.shtml','青岛电视台 report on fake-ID touts at seal-carving stalls, who turn out to be scammers (hard negative); trimmed')
# look-ups: pages: 朋友圈 发布 代办 电工证 焊工证 叉车证 广告 截图 内容 记者 应急管理局 提醒 假证 (how-tos only) |
#   docs: Pastebin Name / Title 2019 文凭 办理 微信 Q 成绩单 留信 认证 Never None 新账号 (known sellers only, one new paste)
add('''英国赫尔大学毕业证成绩单Q/微信
9105133
毕业证成绩单*Hull学位证书文凭学历认证/留信网认证/使馆认证公正The University of Hull''', 'cert_sale','short','offer','https://pastebin.com/index/d1uViaQ1','one-line paste of user longtao01 (same seller as EhWFzZf4, grouped) whose contact sits on its own line between the app label and the rest; out of the safety scope', group='pastebin:EhWFzZf4')
# look-ups: pages: 网课代刷 代考 淘宝商家 称 期末考试 包满分 价格 记者调查 大学生 | 驾校 包过班 教练称 交钱 不用学 保证拿本 记者暗访 科目二 关系
add('''专业代看网课、包考试、分数95+、组团更优惠''', 'exam_fraud','short','offer','http://jcnmg.com/news/sh/67517.html','ads flooding campus QQ groups for paid online-course "刷课" including taking the course exam, quoted verbatim in a report (out of the safety scope)')
add('''周平说,每到新学期初选课和期末考试的节点,“专业代看网课、包考试、分数95+、组团更优惠”“慕课代刷”的广告,就会在校内的相关QQ群里刷屏。''', 'negative','short','news','http://jcnmg.com/news/sh/67517.html','the sentence of the report that quotes the ad (hard negative: the ad inside a report)')
