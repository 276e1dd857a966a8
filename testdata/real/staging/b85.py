# batch 85 (round 5, everyday short negatives). More CV templates and job-seeker headers ("联系电话 …(微信同号)"), a
# job ad's pay lines, rental and second-hand trading repositories' own descriptions. All negative, kind short or
# listing, genre job_ad or other.
# Look-ups: the docs and code searches of batches 81-82 (个人简历 求职意向 联系电话 微信 期望薪资 前端 | 手机 QQ 微信号 期望职位
#   期望城市 工作年限 简历 | 招聘 前端工程师 base 北京 简历发送 微信 | 转租 押一付一 拎包入住 地铁口 联系微信 |
#   出售 闲置 二手 自提 微信 QQ 价格 成色 | 关于我 联系方式 QQ 微信 欢迎交流 个人主页)
add('''应聘岗位:前端开发工程师
- 年龄: 23
- 性别:男
- 籍贯:xxxx
- 联系电话:xxxxxxxxxxx(微信同号)
- 邮箱:xxxxxxxxxx@qq.com
- 毕业院校 : xxxxxxxx(本科)
- 专业:xxxxxxxxxx
- GitHub:chenweihuan''', 'negative','short','job_ad','https://github.com/chenweihuan/blogs/blob/master/src/job.md','a CV header with masked details, "联系电话…(微信同号)" as sellers write it; negative')
add('''- 应聘职位: 前端工程师
- 前端经验: 1年
- 学历: 本科
- 邮箱: 你的邮箱
- 电话: 13066668888
- 熟悉Vue技术栈
- 熟悉模块化、工程化开发流程
- 熟练使用Webpack配置项目
- 熟练使用ES6写代码
- 有小程序、移动端开发经验''', 'negative','short','job_ad','https://github.com/why-cc/CV','a CV template\'s header and skills (a placeholder phone number); negative')
add('''- 手机:135******** (
如果是外地手机,可注明。如经常关机,要写上最优联系时间
) - Email:goodman@gmail.com (
虽然我觉得QQ邮箱无所谓,不过有些技术人员比较反感,建议用G
) - QQ/微信号:6*******(
提供一个通过网络可以联系到你的方式
)''', 'negative','short','job_ad','https://github.com/shinux/Deerlet/blob/master/resume.md','a CV template\'s contact lines with the author\'s advice (masked numbers as stored); negative')
add('''**待遇：**

20K - 45K + 期权，13薪 + 奖金，优秀者可面议

**工作地点：**

北京，上海，广州，杭州，成都，特别优秀可 Remote''', 'negative','short','job_ad','github:pingcap/website/markdown-pages/zh/careers/engineering/fe-engineer.md','a company job page, trimmed: pay and place; negative', licence='not checked')
add('''#### 任职要求：（必须）

- 有技术热情
- 2年以上工作经验
- 很强的学习能力与独立思考能力''', 'negative','short','job_ad','github:deepjs-cn/deepjs.cn/docs/about/contact.md','a team\'s job page, trimmed: its requirements; negative', licence='not checked')
add('''If you have QQ, i would be honored to be your friends!''', 'negative','short','other','https://github.com/syz247179876/My-Rabbitmq-tutorials','a README\'s closing line inviting QQ friends; language en; negative')
add('''强烈推荐,北漂者租房可选择 北京租房真的没有中介小组
点击链接,加入豆瓣租房小组:
https://www.douban.com/group/625354/#topics''', 'negative','short','other','https://github.com/yixiaohan/tenant-point','a renters\' guide\'s opening lines recommending a rental group; negative')
add('''基于bmob 的校园 闲置物品交易 ,论坛 ,聊天,个人中心管理。线上交流,线下交易''', 'negative','short','other','https://github.com/stevenwsg/xsy-university-trade','a campus second-hand trading app\'s description; negative')
add('''财智心景 | 白云路地铁站B口 | 121m2 | 10100元/月 | 2.74元/m2/天 | 面议 | 有 | 无 | 链接 | 财智心景1 |''', 'negative','listing','other','https://github.com/km-pythoner/whereisoffice','an office-rental table row (rent, 面议) in a README; negative')
add('''##一线城市购买合适的工作居住房 默认搜索条件: 需求为在北京工作的人筛选工作居住用房,以一居和二居为主,信息来源为链家网。 城市:北京 价格:100-250w 用途:普通住宅 优势:近地铁, 这里去除了偏远地铁线 首付:100w内''', 'negative','short','other','https://github.com/sunyoubo/house','a flat-hunting script\'s README, trimmed before its usage example; negative')
# Added from the pages look-ups of batches 83-84 (活动报名 周末 亲子 户外 徒步 报名方式 微信 联系人 | 拾金不昧 失主 请与 联系
# 电话 招领): an event announcement and lost-and-found words quoted in local news (outer quotation marks dropped).
add('''为丰富市民生活,倡导健康理念,“祈福东方 养生集章”东方山徒步定向赛将于11月29日9:00在东方山风景区正式开启。本次活动计划招募1000名参与者,目前报名通道已对外开放,截止时间为11月27日17:00,市民可通过扫码报名锁定参与名额。''', 'negative','short','other','http://www.hsdcw.com/rx/202511/t20251125_1282847.html','a hiking event\'s announcement (报名, 名额, 扫码), first paragraph; negative')
add('''前沿热点:「报名」这个周日,去西湖群山里走只小萌兔喜迎新年''', 'negative','short','other','http://yc.xinxuanze.com.cn/weishendu/2023/0112/103625.html','an outdoor event\'s headline (「报名」); negative')
add('''你好,你是李卫国(谐音)的朋友吧?我捡到他的钱包,你能把他的电话告诉我吗?''', 'negative','short','other','http://zhld.com/zkwb/html/2011-04/25/content_154971.htm','a finder\'s phone call about a lost wallet, quoted in a local paper; negative')
add('''不是自己的东西,绝对不能拿,况且这么贵重的物品丢了,失主肯定很着急。''', 'negative','short','other','http://web.zsdinghai.com/dhnews/system/2019/07/15/031779465.shtml','a finder\'s words on a lost gold necklace, quoted in local news; negative')
add('''"你丢手提袋吗?""你掉什么东西嗎?"我不无唐突地寻问大门囗的一个个路人。''', 'negative','short','other','https://meipian.cn/1d492x8w','a personal essay about returning a lost bag (characters as stored); negative')
add('''中国国际露营大会百城徒步赛举行预热活动''', 'negative','short','other','https://www.sport.gov.cn/n20001280/n20745751/n20767239/c21729677/content.html','a sports news headline about a hiking event; negative')
