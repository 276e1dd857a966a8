# batch 82 (round 5, everyday short negatives). Developers' and projects' own contact lines: QQ and WeChat groups,
# "有需求可以联系我", personal profile blurbs with QQ/WeChat/e-mail. Lawful services and chit-chat with contacts (the
# kind of everyday text the model scored high). All negative, kind short, genre other.
# Look-ups: code: 欢迎加入QQ交流群 群号 微信 备注 技术交流 | 承接 网站开发 小程序 接私活 联系QQ 微信 价格优惠;
#   docs: 关于我 联系方式 QQ 微信 欢迎交流 个人主页 | 商务合作 接单 定制开发 请联系 微信 QQ 备注来意 (GitHub issue threads
#   in the results were left out, whatever their content) | 出售 闲置 二手 自提 微信 QQ 价格 成色 (apifox notice, a profile)
add('''# 加入技术交流群

如果你在使用中遇到什么问题，也欢迎你进入交流群进行提问。

:::tip
添加时请注明来自 `Github: weapp-tw` 项目。
:::''', 'negative','short','other','github:sonofmagic/weapp-tailwindcss/website/docs/community/group.md','a project\'s invitation to its QQ/WeChat groups; negative', licence='not checked')
add('''群号 `49262447` 暂无空位，可等待或加入二群。''', 'negative','short','other','github:sonofmagic/weapp-tailwindcss/website/docs/community/group.md','the same page\'s QQ group line (inside an HTML card, text only); negative', licence='not checked')
add('''::: important
我们理解你想解决问题的焦急心情，但还是希望你能够先了解以下群聊**注意事项**

- 所有不友善、违规发言都会被小黑屋或踢出群聊
- 不要进群就@管理员，管理也是有自己生活的，并不是客服，大家平等交流
- 提问前，先在本文档中仔细查找，如果找不到再提问
- 提问时，需要附带截图和日志
    - 截图包含平台版本与异常结果
    - 复现问题后，前往日志管理-下载日志
- 不要刷屏
:::''', 'negative','short','other','github:miracleEverywhere/dst-management-platform-docs/src/faq/group.md','a project\'s QQ group rules (违规, 踢出群聊); negative', licence='not checked')
add('''自4 月 9 日上午 10:00 起,本站所有请求将强制启用 HTTPS 协议,保障访问安全稳定,请知悉。老的在售列表接口即将废弃,qps 将会调低,请尽快迁移到新的在售列表接口(内测中),新接口提供 5/s 的 qps , 官方 qq 群: 1026144113 欢迎加入讨论''', 'negative','short','other','https://s.apifox.cn/apidoc/docs-site/3175962/schema-244944403','an API site\'s notice with its official QQ group; negative')
add('''如果您觉得 AnyLink 对你有帮助,欢迎给我们打赏,也是帮助 AnyLink 更好的发展。
感谢以下同学的打赏,AnyLink 有你更美好!
需要展示主页的同学,可以在QQ群 直接联系我添加。''', 'negative','short','other','https://github.com/MoeIDC/anylink/blob/main/doc/README.md','a project\'s thanks to donors, "在QQ群 直接联系我"; negative')
add('''🏖 前端和移动端开发者
- 热衷于新奇的事物 🤩 热爱思考
- 喜欢分享 🧐
独立开发者,有需求可以联系我 😊
email: 2624707049@qq.com
QQ: 2624707049
CSDN: 听说你很会玩
微信公众号:杰灵软件
官网: [杰灵软件研发工作室](https://www.zhongzhimao.com)''', 'negative','short','other','https://github.com/zhongzhimao','an independent developer\'s profile offering work ("有需求可以联系我", QQ): a lawful service with a contact; negative')
add('''购买软件、收购项目,可联系本人邮箱或添加QQ (If you want to buy programs or projects, contact me with the following email or QQ)
-
Email: 26010455@qq.com
-
QQ: 26010455(添加请注明来意 否则不予通过, Please note the purpose of your contacting)
-
扫码加好友 QQ/微信''', 'negative','short','other','https://github.com/fightingforwhat','a developer\'s profile, trimmed: the contact part (software for sale, QQ, "注明来意"); negative')
add('''Hi there 👋 🥰Welcome to my github🥰 🏠From tianjin,China🏠 🏫Undergraduate at TJUT, major in SE 🏫 🌱 I’m currently learning web,java 📫 How to reach me: WeChat:zyczyc70 QQ:751449337 Email:yz180457@gmail.com 🥰And This is my blog:https://www.zyczyc70.top/ 🥰''', 'negative','short','other','https://github.com/zyczyc70','a student\'s profile with WeChat and QQ (English with Chinese apps; language en); negative')
add('''- 🤔 I’m looking for a Front-End Engineer job in a foreign company with SuZhou
- 希望能找到一份苏州的外企前端工程师工作
- 📫 How to reach me: 312339704@qq.com''', 'negative','short','job_ad','https://github.com/Kisnnnnn','a profile, trimmed: a job seeker\'s lines with a QQ-mail address; negative')
add('''😄很高兴你点开了我的主页😄
- 我是一名后端开发工程师。
- 重点关注后端开发,数据安全,物联网等方向,欢迎交流。
- 努力学习前端中
- 你可以通过邮箱联系我:admin@shaoqi.net''', 'negative','short','other','https://github.com/shaoqi','a profile blurb, trimmed: the Chinese part; negative')
add('''你好,我是这个博客的主人。这里没有繁杂的技术教程,只有一些碎碎念和对生活的观察。
我喜欢简单的东西。喜欢清晨的咖啡,傍晚的散步,以及那些能够触动心灵的文字。 这个网站采用了极简主义设计,希望给阅读者提供一个安静的、没有干扰的环境。
联系方式:
- Email: patrick_suffermore@163.com''', 'negative','short','other','https://github.com/Navy-Patrick/Boker','a blog\'s about page (everyday chit-chat: coffee, evening walks) with a contact; negative')
add('''嘿, 你好, 欢迎来访我的个人仓库, 希望能够帮助到你 O(∩_∩)O , 谢谢支持, 祝您生活愉快.
- 🌱 我的自建站点: Txxunmei's blog
- 👯 我的 CSDN: https://me.csdn.net/qq_41221623
- 🔭 我的博客园: https://www.cnblogs.com/txxunmei/
- ⚡ 我的掘金: https://juejin.im/user/1706052147489949
- 😄 座右铭: 宝剑锋从磨砺出, 梅花香自苦寒来.''', 'negative','short','other','https://github.com/270686992','a profile blurb with a motto; negative')
add('''Hi, 👋 I'm Yingqi
- 🔭 I’m currently working on something cool.
- 🌱 I’m currently learning Everything I like.
- ⚡ Welcome to my blog.
- 📫 How to reach me: yingqi1126@foxmail.com
- 💬 Be free to ask me about anything here.
✨ 很高兴您能来到我的page,欢迎与我交流一切问题''', 'negative','short','other','https://github.com/cyq1005658400','a profile blurb (English with a Chinese line; language en), trimmed: one line on hobbies left out; negative')
