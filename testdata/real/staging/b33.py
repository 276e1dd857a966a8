# batch 33 (round 3). Look-ups: docs: 美国大学毕业证 修改成绩单 Q微 办理 美国文凭 's Pastebin 2016 Name / Title |
#   pages: 对方说 只要发身份证照片 先付定金 几天就能寄过来 可以在网上查到 焊工证 电工证 买假证 经过
add('''留学文凭造假:美国塔夫茨大学毕业证文凭微|Q603012914美国成绩单|美国学位证|假毕业证留信网认证,回国人员证明''', 'cert_sale','short','offer','https://pastebin.com/u/adsvdsfbgfn09','paste title that names itself 留学文凭造假 (diploma forgery); contact of round-1 seller q603012914 (grouped)', group='pastebin:q603012914')
add('''国外大学办理澳洲南十字星大学学位证Q/微603012914丨毕业证丨成绩单丨学历文凭丨留学本科硕士文凭丨学历认证丨国外''', 'cert_sale','short','offer','https://pastebin.com/u/prfgvfdgfg04','paste title with 丨 separators; same seller (grouped)', group='pastebin:q603012914')
add('''他却不放弃:“你要是有朋友需要的,介绍他来找我办,介绍人过来,你也可以从中拿提成的,好多人都在我们那儿兼职呢。我们的身份证上是带有防伪标识的,做防伪标识的膜都是真的,是从公安局直接拿出来的!”
我简直是佩服他了:“你们怎么拿得到那种东西?还是真的?”
他得意地说:“这你就别管了,连防伪标识都有,你说我们什么不能办啊?你要是肯花几千上万元,我们甚至可以到学校给你备案,连成绩、学籍都有,比真的还象真的,就是到那个学校查,也没人敢说你的毕业证是假的。”''', 'negative','page','other','http://book88.cc/85677/86.html','fiction: a chapter of a migrant-worker memoir-novel in which a street tout pitches fake diplomas; the pitch is a character\'s dialogue in a story, not an offer by the site (hard negative, labelled by the rule that reports and narratives quoting sellers are negative); trimmed')
# look-up: docs: github.io 做证公司 办证 毕业证 驾驶证 刻章 电话微信同号 客户隐私 诚信服务 (GitHub accounts already in the corpus came back)
# (HygaUmPU came back too but is already in the corpus; not re-added)
