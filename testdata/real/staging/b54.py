# batch 54 (round 5). Hard negatives of the shapes the detector confuses: a job ad that requires a valid forklift
# certificate, self-study sites' anti-fraud pages (one with a hotline) that list 代考/答案/包过 lures.
# Look-ups: pages: 学校 提醒 近期 有不法分子 发布 代考 广告 称 “专业代考 不过退款 联系微信” 自学考试 成人教育 考生 |
#   求购 电工证 焊工证 谁能办 不想考试 有渠道的联系我 急需 上岗证 (no buyer post stored; how-tos only) |
#   招聘 电工 焊工 叉车司机 要求 持有特种作业操作证 持证上岗 月薪 包吃住 联系电话 联系人
add('''职位描述
一、岗位要求:
1、年龄25-45岁之间,1年以上相关工作经验优先,熟悉使用林德、永恒力等品牌的高位叉车;
2、必须持有相关部门颁发的特种作业设备资格证(N1叉车证书),且在有效期内,需带证参加面试
3、熟练操作、保养该岗位相关设备的能力;较强的抗压能力;较强的沟通能力''', 'negative','listing','job_ad','https://m.zhaopin.com/jobs/CC592846420J40686755014.htm','a job ad for a forklift driver that requires a valid N1 certificate (hard negative: 持有…证书, 有效期, 带证 in a lawful job ad); the requirements section')
add('''自考热线:  0791-86250663

距4月成绩查询还有25

距4月自考考试还有191

所在位置:江西自考网 > 复习备考 > 正文

江西自考网—防骗指南''', 'negative','page','warning','http://www.zkw.jx.cn/jxfxbk/41465.html','header of a non-official self-study site\'s anti-fraud page with its hotline (hard negative: a phone number next to 防骗 content about sold answers and cheating devices); the page title and header lines; site is the host (jx.cn is a provincial zone, not an owner)', group='zkw.jx.cn')
add('''  1.出售自考原题答案

  有些人声称手里有内部资源,可以拿到自考的原题和答案,只要花几百块钱购买,在考前全背下来就能妥妥的通过,还可以选择不同付款方式:

  比如考前一次性付款、先付押金考后再付余款或者提供身份证、准考证等证件就可考后付全款。乍一听,多诱人啊,不用看书就可以轻轻松松考试过关。''', 'negative','page','warning','http://www.zkw.jx.cn/jxfxbk/41465.html','the same anti-fraud page describing answer sellers\' payment terms (hard negative: 出售…答案, 先付押金考后再付余款 described, not offered); leading spaces as stored', group='zkw.jx.cn')
add('''”出售自考原题/答案“骗局
声称原题泄露或可以拿到原题和答案,只要花几百块钱购买,不用看书轻松通过考试;
声称自己认识或者就是招生办老师,只要交钱就可以破格录取,或"不交钱就不录取",达到诈骗钱财的目的。
“帮考生作弊”骗局
兜售各种作弊器材,声称能顺利通过安检,考试时候帮你作弊;或以帮忙找人代考为名,骗取“定金”和“保障金”。''', 'negative','page','warning','https://gdzkw.com.cn/a/2507.html','a self-study site\'s list of exam scams (hard negative: 出售答案, 作弊器材, 代考 as warnings); mismatched quotation marks as stored')
