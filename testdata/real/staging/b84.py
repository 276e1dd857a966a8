# batch 84 (round 5, everyday short negatives). Notices and listings: job notices posted on shop doors and job sites
# as quoted in novels (one asks for a 健康证: a hard negative), second-hand listings (Xianyu titles quoted in an API
# article, "需要的联系", "包教包会"), a second-hand book's listing text, and tutoring, piano-lesson, pet and flat ads in
# English and Vietnamese with phone numbers (lang from the note). All negative; kind short or listing; genre job_ad
# or other.
# Look-ups: pages: 招聘 服务员 包吃住 月薪 联系电话 饭店 (novels quoting notices) | 拾金不昧 失主 请与 联系 电话 招领 (news only) |
#   活动报名 周末 亲子 户外 徒步 报名方式 微信 联系人 (news only);
#   docs: 钢琴 家教 上门 授课 QQ | 寻狗启事 联系电话 重谢 | 家教 大学生 辅导 初中 数学 英语 电话 时间 周末 |
#   出售 闲置 二手 自提 微信 QQ 价格 成色 | 闲鱼 商品 标题 转让 需要的联系 私聊 包邮 成色
# Left out: a Portuguese English-teacher ad posted as a GitHub discussion on a documentation repository (spam posted on
# GitHub), a traditional-character copy of the 小白餐馆 novel chapter (pet-tito.com: same text as 00ks.cc, other site).
add('''XX西餐厅服务员招聘启事,诚招1人。
工作地点:信阳区石鼓街道玄庭东路。
薪资待遇2350-3500/月,联系方式:175*******''', 'negative','short','job_ad','https://m.paozww.com/biquge/137496/45996040.html','a restaurant\'s job notice quoted in a novel (outer quotation marks dropped; the masked phone as stored); negative')
add('''小白餐馆招聘
招聘人数:1人
性别要求:无
工作要求:负责顾客点餐,端盘子,清理堂厅卫生的服务员,吃苦耐劳,配合调配。
年龄要求:年满十八周岁
工作时oo,中午11oo-2o(特殊情况的加班除外)
工资:面议
备注:试用期三天,三天合格正式转正,应聘者需持有健康证,带上个人身份证,有意者进店咨询。''', 'negative','short','job_ad','http://00ks.cc/97095/455.html','a restaurant\'s job notice in a novel (garbled hours as stored); asks applicants to hold a 健康证: a certificate noun in a lawful job ad, hard negative')
add('''因業務需要,急招廚工和女服務員數名。
要求:年齡,18至38周歲;相貌端正,待人熱情,有吃苦耐勞的精神!
待遇:包兩餐,試用期一個月,月薪3000元,試用期滿后轉正,月薪4500+年終獎!''', 'negative','short','job_ad','http://www.jnwofajixie.com/book/11136/2804645_2.html','a restaurant\'s job post in a novel (traditional characters as stored), trimmed: the stored excerpt breaks off in the next line; negative')
add('''招勤杂工一名,薪酬面议''', 'negative','short','job_ad','https://www.guigushi5.com/read_jihd/ls6sk_4.html','a notice taped to a restaurant door, quoted in a novel; negative')
add('''公司倒闭闲置,低价转让两台爱普生针式发票打印机 型号:LQ-630K、LQ-635K、LQ-730K 成色:九九新,几乎全新,原装无拆修,配件齐全,送电源线、数据线、托纸板 机器状态好,功能正常,到手即用 还有一个全新色带架,先到先得 包邮,机器质量保证,不会用包教包会 需要的联系 #...''', 'negative','listing','other','https://juejin.cn/post/7629598336642826286','a Xianyu second-hand listing title quoted in an API article\'s sample response ("包教包会", "需要的联系": offer wording of a lawful sale); negative')
add('''公司闲置5台九五新爱普生630K730K发票打印机 之前公司使用的,现在用不上了,所以低价转让,需要的联系!

机器特点:630k
爱普生的机器性价比高
成色九成新,配件齐全,到时候可以直接使用
原装无任何维修,无暗病,使用良好
功能多,可打印1-4联,使用范围广
发票,出货单,进货单,各种票据,凭证都可用
诚心诚意出手,只要不是偏远地区邮费我这边出,配件齐全,保证到手可用
感兴趣点击右下角我想要私聊我
#Epson/爱普生 #打印机''', 'negative','listing','other','https://juejin.cn/post/7629598336642826286','another Xianyu listing from the same sample response (JSON "\\n" escapes written as line breaks); "保证到手可用", "私聊我"; negative')
add('''正版二手计算机黑皮书

【购买流程】:点击下方我想要→立即购买
------------------
【品相是二手书还是新书标题已有标明!!!】
【二手书品相】:【正版】8到9成新之间,默认会有笔记划线无附赠品,比如随书光盘等。''', 'negative','listing','other','https://xie.infoq.cn/article/1dbba10bc173dc7abbbb3dafe','a second-hand book shop\'s listing text quoted in an API article\'s sample response (JSON escapes written as line breaks), trimmed at a sentence end; negative')
add('''- Name Zara
- Giving away a free yorkie full breed he's train only giving him away to good home call me at
- (352) 616-8994''', 'negative','short','other','https://pastebin.com/JDp7pRf2','a paste giving away a dog, with a phone number; language en; negative')
add('''- Learn from a Nationally Certified and experienced teacher in real-time.
- Choose between day or night lessons and group classes.
- Learn more about us by contacting us:
- Website: https://pianowithamy.com/
- Phone Number: (443) 342-4793
- Email: amy@pianowithamy.com''', 'negative','short','other','https://pastebin.com/C10VXJQn','a piano teacher\'s ad ("Nationally Certified" teacher) with phone and e-mail, trimmed: its first line left out; language en; negative')
add('''Hello, I'm graduating high school in two weeks and would like to help your child either with summer school or just to catch up/get ahead for next year. I've had experience tutoring for two years now, and I can explain''', 'negative','short','other','https://pastebin.com/nXeur1Ym','a student\'s tutoring ad, trimmed: the first line of the paste (line numbers dropped); language en; negative')
add('''Since 1993 our music academy has given thousands of families the opportunity to learn piano / keyboard from their comfort of their own homes. Company Phone: 443-257-2757''', 'negative','short','other','https://gitlab.com/playtimemusicacademy','a music school\'s GitLab profile text with its phone; language en; negative')
add('''1391 PENNSYLVANIA AVE SE UNIT 444
Contact Emily at 410-533-6182 or eas628@gmail.com
Available July 1. $2,300/month rent.''', 'negative','short','other','https://gist.github.com/lebowitz/bdc23d86cb1be8957a405e516fa376de','a flat-to-let gist, trimmed: its first lines (contact, rent); language en; negative')
add('''Địa chỉ :Trung tâm khuyến nhạc KidMusic
12k/190 Lò Đúc - Hà Nội

Đt liên lạc: 0904.300.505

Cái tên là Kid nhưng không chỉ dạy cho Kid. Học viên nhỏ nhất là em bé mầm non cho đến học viên lớn tuổi nhất là U50. Đừng ngại gì cả nếu bạn yêu thích âm nhạc và muốn biết chơi một loại nhạc cụ.''', 'negative','short','other','https://raw.githubusercontent.com/klnet/online/master/showthread.php-t=5107.html','a forum post advertising a music school with a dotted phone number (mirror of a school forum); trimmed: the first post\'s text; language vi; negative')
add('''https://welearnvn.com - Trung tâm gia sư uy tín tại TPHCM. -Phone: 0789882291 -Address: 38 Đ. Số 23, Linh Chiểu, Thủ Đức, Thành phố Hồ Chí Minh -Website: https://welearnvn.com/ -Email:welearnvietnam@gmail.com''', 'negative','short','other','https://gitlab.com/welearngiasu','a tutoring centre\'s GitLab profile text with its phone; language vi; negative')
