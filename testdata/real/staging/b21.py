# batch 21 (round 2): pages pointing to the official query platform (negatives), pages corpus
add('''可登陆国家“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”进行查询。

该系统为国家应急部官方查询平台,按照国家应急部统一部署和要求,各省、地市安监部门统一将特种作业人员信息上传至该系统平台,各省、地市安监部门所发特种作业操作证都可在该平台查询。

1、在查询界面输入证件类型、身份证号、姓名

2、点击查询,会弹出页面显示查询结果''', 'negative','page','howto','https://www.bkzs.com.cn/a/202063.html','encyclopedia-style answer pointing to the official query platform (not an imitation page: no form, no host of its own) (negative); trimmed')
add('''1.如何判斷證書查詢平臺真偽? 網址是判斷證書查詢平臺真偽的唯一標準,全國統一的應急管理部門特種作業操作證及安全生產知識和管理能力考核合格信息官方查詢平臺網址是“http://cx.mem.gov.cn/”。''', 'negative','short','school','http://www.dgdbdz.com/peixun/13572.html','training-school FAQ (traditional characters) telling how to recognise the real query site by its address (hard negative: mentions 查询平台 and the official title)')
add('''特殊工种操作证查询网上查具体如下:
一、简述
首先打开微信搜索“国家安全生产考试”公众号,在公众号服务栏中点击“输入查询”;在新页面点击“特种作业操作证查询入口”;输入相关证件信息,点击“查询”即可查看具体信息。''', 'negative','post','qa_debunk','http://m.huatuo1.com/dadavksoe/vksoakxvi','Q&A answer pointing to the official WeChat account for certificate checks (negative); trimmed')
add('''全国特种作业操作证查询方法如下:
1、在浏览器中输入“全国特种作业查询系统”,搜索找到全国特种设备作业人员公示系统查询系统网站,点击进入 。如下图所示:
2、进入“全国特种设备作业人员公示系统查询系统”,选择“公示查询”,点击进入 。如下图所示:''', 'negative','page','howto','http://life.gansulong.com/c/04041W49632023_2.html','how-to page on checking certificates by searching for the query system (advice that can lead to imitation sites, but the page itself offers nothing) (negative); trimmed')
