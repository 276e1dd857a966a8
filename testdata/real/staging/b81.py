# batch 81 (round 5, everyday short negatives). Job ads and job seekers' headers with e-mail, phone, QQ and WeChat:
# lawful recruitment ("简历投递", "内推", "有意者请联系") and personal CV headers (手机/QQ/微信号/期望职位). All negative,
# kind short, genre job_ad (ads and CVs) or other (a flat-share template). Trimmed passages are contiguous spans of the
# stored file; the note says so.
# Look-ups: code: 招聘 前端工程师 base 北京 简历发送 微信 (the ruanyf-weekly collection: job posts that the weekly's
#   maintainer invites in a "谁在招人" thread, aggregated into repository files - not spam, but they began as GitHub issue
#   comments: drop this batch's github:revival-of-hope records if the reserved evaluation set turns out to hold them) |
#   豆瓣 租房 小组 帖子 标题 内容 联系方式 微信 数据 样例 (haoshiyou template);
#   docs: 个人简历 求职意向 联系电话 微信 期望薪资 前端 | 手机 QQ 微信号 期望职位 期望城市 工作年限 简历;
#   read_file: revival-of-hope/ruanyf-weekly-recruitment-statistics issues_md/issue_1315.md, issue_8882.md; find_files (its listing)
R = 'github:revival-of-hope/ruanyf-weekly-recruitment-statistics/issues_md/'
C = '@89afab67a9c297fda47d2aeb55acfcd4a4f5420d'
L = 'none (no licence file among the repository files in the index)'
add('''### 【海量HC】 【阿里云】【上海/北京/杭州/深圳】【2021应届生招聘开启啦】
简历投递：**donglei.wdl@alibaba-inc.com** **(请标注来自ruanyf-weekly)**

- 【研发工程师C/C++】
- 【研发工程师Java】
- 【基础平台工程师】
- 【体验设计 /UED设计师】

详见附件''', 'negative','short','job_ad',R+'issue_1315.md'+C,'a graduate recruitment post (招聘 11 of the file) with an e-mail contact; job ad: negative', licence=L)
add('''目前在招职位：

- Senior Systems Development Engineer: 6 年以上系统级编程经验，包括 Windows / Unix / Linux，或 iOS / Mac / Android / HTML5 平台。具备扎实的面向对象软件设计经验，优先考虑 C++ 背景。

如果希望内推请把简历和目标职位发送到：[yujie.miao@citrix.com](mailto:yujie.miao@citrix.com)
发送邮件时请备注来自阮大''', 'negative','short','job_ad',R+'issue_8882.md'+C,'a referral post (招聘 3 of the file), trimmed: the last paragraphs (positions and contact); job ad: negative', licence=L)
add('''## AI 将重写短剧的生产方式，而你将重写前端的可能性。
九州文化 AI 事业部正在打造一款“从脚本到成片”的短剧引擎：角色生成、场景布置、分镜预览、节奏控制与一键合成，创作在浏览器中实时发生。我们需要一位对体验、性能与工程质量同样执着的 React 前端工程师。

感兴趣的同学可以发送简历到：[linguang661990@126.com](mailto:linguang661990@126.com)''', 'negative','short','job_ad',R+'issue_8882.md'+C,'a front-end job post (招聘 5 of the file), trimmed: the opening paragraphs; job ad: negative', licence=L)
add('''加分项：希望你能够有 Vibe Coding 的经验，能利用 AI 提高自己的效率，同时能有自己对 AI 的独特见解与想法。

### 联系方式
发送简历到 [867484528@qq.com](mailto:867484528@qq.com)，注明来处。''', 'negative','short','job_ad',R+'issue_8882.md'+C,'an internship post (招聘 6 of the file), trimmed: its last lines with a QQ-mail contact; job ad: negative', licence=L)
add('''- 手机:17791533596
- Email:gaomingwei2017@163.com
- QQ/微信号:717503359
- 博客: 点击浏览
- 高明伟/男/1993
- 工作年限:1/年
- 技术博客:https://gmw-zjw.github.io/
- Github: https://github.com/gmw-zjw
- 期望职位:Web前端开发工程师(初级)
- 期望薪资:5k
- 期望城市:西安/上海''', 'negative','short','job_ad','https://github.com/gmw-zjw/resume.github.io','a job seeker\'s CV header (phone, QQ/WeChat, expected post and pay); negative')
add('''- 手机:17600107944
- Email:hongdanyang2012@gmail.com
- QQ/微信号:840815147 / hongdanyang001
-
洪丹阳/男/1991
-
本科/内蒙古农业大学/网络工程专业
-
工作年限:4年
-
期望职位:Java高级程序员
-
期望薪资:税前月薪15k~20k
-
期望城市:南京、杭州''', 'negative','short','job_ad','https://github.com/hongdanyang1991/resume/blob/master/README.md','a job seeker\'s CV header as stored (list markers on lines of their own); negative')
add('''求职意向:前端工程师 mrui54@126.com | (+86)18545841678''', 'negative','short','job_ad','https://github.com/GoblinAlchemist/goblinalchemist/blob/main/profile.md','a CV title line with e-mail and phone; negative')
add('''My Online Resume 这是我的个人简历 https://dingjingjian.github.io/Resume
丁璟剑 web前端
电话:13545171767 邮箱:dingjingjian@qq.com''', 'negative','short','job_ad','https://github.com/dingjingjian/Resume','a CV repository description and header; negative')
add('''个人信息

  1. 基本信息: 何宇航/1991/男
  2. 工作年限:1.5年
  3. 期望薪资:面议
  4. 手机:185-6508-2419
  5. github: yan7
  6. 学历:惠州学院/本科
  7. 期望职位 前端工程师
  8. 到职时间: 一周以内
  9. mail:18565082419@163.com''', 'negative','short','job_ad','https://github.com/YAN7/my_resume','a CV\'s personal-information section (phone in dash groups, 面议); negative')
add('''求职意向:Web前端
1995/10 女
Email: 1378761528@qq.com
2013/9 - 2017/7 | 上海交通大学 | 园林 | 本科
曾获校级C等奖学金
大学英语六级''', 'negative','short','job_ad','https://github.com/saraalwayslikeworld/resume','a CV header, trimmed: first lines (大学英语六级: a certificate named in a CV); negative')
add('''我是[房客] 求Sunnyvale 1房间
地址: 南湾，靠近Apple office
房间: 房间
价格: $1500/月
日期: 10/01 available
wehcat: haoshiyou-bot2
简介: 找女室友一起合租，安静好相处，养有一猫''', 'negative','short','other','github:haoshiyou/haoshiyou-client/wechat-group/README.md','a WeChat rental group\'s sample post (发帖样例2: a tenant looking for a room, WeChat id; "wehcat" as stored); negative', licence='not checked')
add('''发帖样例1
我是[房东/房客] Sunnyvale House出租1b1b
位置: 1220 N Fiar Oaks Ave, Sunnyvale, CA 94089
房间: 房间
日期: 10/01 available，6个月起租
价格: $1550/月, 其他费用 水电网 每月$80 左右
电话: 210-123-4567
email: john@example.com
wehcat: john_example
简介: 靠近Google Cloud,附近有101,237Hwy，楼下有超市，小区有地下车库
要求: 找一正职男室友或在读学生''', 'negative','short','other','github:haoshiyou/haoshiyou-client/wechat-group/README.md','the same README\'s first sample post (a landlord, phone, e-mail and WeChat); negative', licence='not checked')
