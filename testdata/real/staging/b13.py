add('''各相关学院:
根据我校相关专业学生培训需求,现组织特种作业操作证考试培训,考试安排如下:
一、培训安排:
培训班次根据报名人数安排,每个班次24学时。实操培训根据报名人数,进行低压电工实操分组培训。''', 'negative','page','school','https://jxjyxy.qdbhu.edu.cn/info/1035/3383.htm','university continuing-education notice organising certificate training and exams (legitimate school; hard negative); trimmed')
add('''二、考试安排
1.考试时间:(暂定,具体安排以应急局通知为准)。
第一批次:3月8日;
第二批次:3月17日;
第三批次:3月24日。
2.考试分为理论上机考试,80分及格,提交试卷显示成绩;理论考试通过,方可进行实操考试,实操考试为现场模拟。成绩不足80分的考生,有一次补考机会,补考时间一般为初考后1-2周。''', 'negative','page','school','https://jxjyxy.qdbhu.edu.cn/info/1035/3383.htm','same notice, exam schedule section')
add('''三、证书样本
高/低压电工证(操作证、上岗证)是从事特殊工种作业人员必须熟悉相应特殊工种作业的安全知识及防范各种意外事故的技能。要求从业人员必须持卡(IC卡)上岗,即由国家安全生产监督管理局颁发《中华人民共和国特种作业操作证》方可上岗,此证书全国通用。''', 'negative','page','school','https://jxjyxy.qdbhu.edu.cn/info/1035/3383.htm','same notice, certificate section with 全国通用 (hard negative)')
add('''該負責人表示,目前我市有3家培訓機構可以進行低壓電工的培訓,1家培訓機構可以進行高壓電工的培訓。培訓中要進行理論與實操方面的培訓,培訓過程全程錄像,并且至少保留6年。“沒有培訓記錄是不能約考的,通常參加培訓后,培訓機構會協助約考。”''', 'negative','page','news','http://www.senqingzn.com/dy/article/JUS785490525WSH3.html?f=post2020_dy_recommends','same help-column news, official explains training requirement (traditional as stored)')
add('''在当今社会,考证已经成为提升个人能力和职业素养的重要途径。然而,随着考证人数的增多,市场上也出现了不少伪造的考证证书。为了帮助大家避免上当受骗,本文将详细介绍如何辨别考证证书的真伪。''', 'negative','page','howto','https://www.seridoat.com/article/jie-mi-kao-zheng-zheng-shu-zhen-wei-zhang-wo-zhe-xie-ji-qiao-qing-song-bian-bie-zheng-shu-zhen-wei.html','how-to on spotting fake certificates; trimmed')
add('''为啥我学完课程考完试没有发认证证书呢

好的好的 但是考试好像是需要交钱''', 'negative','post','other','https://asktug.com/t/topic/996715/12','forum thread title and a reply about a (software vendor) certification exam fee; unrelated certificate talk')
add('''住房和城乡建设网官网政务服务门户''', 'negative','short','howto','https://www.zhetiaohe.com/ss/19e85b10ca06d569aad8c480e1c4836de8d1181ff58188602b3548946d1ff69ebe4f80142d076d0269bc7ca2e907ce0d.html','page title as stored (title-only excerpt); refers to the official portal')
add('''关键岗位人员配备标准住建部2022''', 'negative','short','howto','https://www.zhetiaohe.com/ss/65c427cad2a8759bb5b7a948105f45caba4132a53e76cf218b9d551fdc4026ec18d344770c44b522e172f6a1c957d8b9.html','page title as stored (title-only excerpt)')
add('''防突工种实操培训考核标准 第4页''', 'negative','short','howto','http://35331.cn/lhs_to2o75ijpo25i3ijwthdlrl9pabkl4kjrg5i_4.html','document page title as stored')
add('''工人高级技师报考条件要求是什么''', 'negative','short','howto','https://www.zhetiaohe.com/ss/db132cda0b2247a44b27f58c6fc2c22403bb339c72e16ee4b245d961c6ac69ddc72db0cff2d46aad2c99c2161e2e3046.html','page title as stored')
add('''焊工国家职业技能鉴定标准''', 'negative','short','howto','https://abg.baidu.com/tags/xk4ltjfz7k6nfvvq2k23zpge3s6prnviwhvnppa11','tag-page title as stored')
add('''可信软件开发工程师证书怎么考取''', 'negative','short','howto','https://www.zhetiaohe.com/ss/d8cae7528ea4ff9e10d87fd0ce26780af728016fe71d5ecea34cdd7f5bf7e31a091ae8d2dcea670bdc3d5c210e9d8ab7.html','page title as stored (other certificate)')
add('''消费工程师证考试需要什么条件''', 'negative','short','howto','http://m.xyx234.com/tlist-3259504','page title as stored')
add('''电工四级是什么等级''', 'negative','short','howto','https://www.zhetiaohe.com/ss/dbaf2c419798022ed9423e72e27bb13f4d392a8b17db7dc0409bb3000b85f7a4.html','page title as stored')
add('''特种作业人员安全技术培训考核管理规定20 第4页''', 'negative','short','howto','http://35331.cn/lhs_mm1o25focffefjugnsi2xg2wjggkdrhdlrl9pabkl4of5mx2r7oi3e01e01c_4.html','document page title as stored (regulation)')
add('''5-1特种设备作业人员安全管理办法 第4页''', 'negative','short','howto','http://china-audit.com/lhs_01h01901dmm1o25rlqhl3focffefjugnsi2xg2wof5mx2gbilhx_4.html','document page title as stored (regulation)')
add('''特级动火一级动火作业的安全作业证有效期不应超过''', 'negative','short','howto','https://www.zhetiaohe.com/ss/37c1e6ffd1f6dfff53756f4831b5381bcd79c34827cdf8c271076cb90e5bb5a8d8a7bbc32a7d2425f3df8d7a85fbecb4501b158a74f9507dde6c41b398713a7e9c3a317f7bf26b7f.html','page title as stored')
