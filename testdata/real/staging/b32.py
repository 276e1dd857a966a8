# batch 32 (round 3): pastebin pastes of sellers already in the corpus (grouped by contact) and negatives left over from
# earlier round-3 look-ups. Look-ups: docs: 英国学位证书办理 毕业证成绩单 留服认证 微信 Q 办理英国大学文凭 Pastebin |
#   bitbucket snippets 做证 办证 本地 电话 微信 QQ 证件制作服务 (nothing usable) |
#   pages: 注册安全工程师 挂证 中介 广告 高价收 一年 万元 安全评价 机构 挂靠 记者调查 乱象
add('''买英国文凭,德国毕业证,新西兰diploma微信Q【20763 4573】(Coventry毕业证diploma成绩单)Coventry学历认证官网可查:挂科or成绩差or没毕业办真实学历认证:Coventry考文垂大学学历认证
- 英华教育【Q/微信207634573国外文凭制作专家】专业办理美国各大学高端精仿文凭,留学全套材料办理:毕业证+成绩单+回国证明+学历认证 教育部真实学历学位认证.使馆认证回国证明永久存档可查,办学生卡,录取通知书,在读证明,学校信封等等。。''', 'cert_sale','post','offer','https://pastebin.com/5me1yp5h','diploma-mill paste; the contact written once split by a space (20763 4573) and once whole; same contact as zsdgbxdfhb/zhuangwuxie (grouped); out of the safety scope; trimmed', group='pastebin:zsdgbxdfhb')
add('''怎样办理英国学位证书UK毕 业证成绩单微信/QQ497859892办理伦敦城市大学毕 业证成绩单学历学位认证#学历University of Strathclyde【远洋教育留学集团】Q/微497859892办理国外大学毕业证,成绩单,国外学历学位认证,回国人员证明。毕业文凭, 学位证书 (诚招代理)
- 【远洋教育】留学归国服务中心
- 三.真实教育部学历学位认证(教育部存档!教育部留服网站永久可查)
- ◆留学回国服务负责人Cannon联系方式如下:QQ:497859892 微信:497859892''', 'cert_sale','post','offer','https://pastebin.com/B8rbD5tj','diploma-mill paste with 毕 业证 split by a space; contact of round-1 user ZZX123456 (grouped); trimmed', group='pastebin:ZZX123456')
add('''代办英国毕业证书|offer|学生卡|i20|微/Q497859892|诺丁汉大学毕业证成绩单证书|unuk毕业证|办理''', 'cert_sale','short','offer','https://pastebin.com/u/sdfg10229','paste title; same contact (grouped)', group='pastebin:ZZX123456')
add('''一手留信微信:微diploma899致力于为广大留学人员提供方便,快捷的文凭学历服务.经多年发展壮大,具备了一流的技术团队和丰富的产品制作经验.与文凭,学历证书制作相关的激光镭射,logo烫金,防伪水印,紫外荧光等等技术处理成熟,与原本(文凭学历)进行一比一的全程复制.''', 'cert_sale','post','offer','https://pastebin.com/WpHyVRNM','paste of user fjjkyunh: one-to-one copies of diplomas with lasers, foil and watermarks; WeChat id diploma899 (grouped with EUWFZRp3); first sentence', group='pastebin:EUWFZRp3')
add('''本报记者近日调查发现,目前我国安评行业存在着资质寻租、挂证等乱象,甚至很多安评报告不去现场进行详细勘查,使得现在的安评报告越来越粗糙。''', 'negative','short','news','https://m.chinatimes.net.cn/article/50561.html','华夏时报 report on 挂证 in safety-assessment firms after the Tianjin blast (hard negative: 挂证 in a report); one sentence')
# (the 163.com lead was dropped: round 1 already has that report)
