# batch 51 (round 5). Paid answer and course-exam services (GitHub README, an API document, a product title), an English
# "take your online class" snippet; hard negatives: a driving-school 包过 report, a how-to on 挂证 groups, Q&A pages.
# Look-ups: docs: 代考 包过 微信 一建 二建 安全员 考试 | 代考 微信 QQ 包过 考试 联系 (known pastes; an API document of a
#   course-exam service) | buy CSCS card without test construction safety card WhatsApp (course ads, no seller) |
#   安全员 三类人员 继续教育 代学 代刷 网课 联系微信 | 特种作业操作证 复审 网络培训 刷学时 代学 包过 (scripts and a paid
#   course service) | 挂证 找证 人才 一建 二建 挂靠 价格 联系电话 QQ群 (nothing) | 看云 办理 证件 微信 可查 操作证 出证 (API docs) |
#   托福 雅思 GRE 多邻国 代考 保分 先出分后付款 微信 (English pastes, all already in the corpus) |
#   github.io 办证 各类证件 操作证 上岗证 电话 微信 QQ 欢迎咨询 (known bzfw repositories) |
#   buy forklift license without test registered certificate whatsapp (study-guide spam only) |
#   接单 代刷网课 代考 考试 全包 价格优惠 客服微信 QQ 下单 | 证件办理 操作证 资格证 飞机 @ 电报 … (nothing) |
#   code: 证书查询系统 全国联网 查询 证书编号 html 模板 仿 | 特种作业 网课 刷课 脚本 安全培训 考试 自动答题 |
#   一屿刷课平台 学习通选修课考试包过服务 products seed (no provenance for the find_string hit) |
#   证书挂靠网站 首页 html … | 职讯 建造师 挂证 兼职 … | 办证 刻章 毕业证 资格证 操作证 办理 联系电话 QQ … (no seller pages) |
#   find_string: 包过, 代考 (keyword lists, powcoder), 包过拿证, 考试包过, 免考拿证 (moderation rule files and keyword lists),
#   该证书真实有效 (genuine verification apps), 特种作业人员操作证查询 (none), 考核合格信息查询 (scripts querying cx.mem.gov.cn) |
#   find_repos: guakao (a crawler of personal résumé data, not used), daikao, banz, zhengshu (nothing relevant) |
#   pages: 只要交钱就包过 暑期学车热 低价包过 驾校 法治日报 记者 调查 | “高价收证” “急聘” 一级建造师 挂证 招聘信息 … |
#   网友回答 我这边可以办 叉车证 电工证 全国联网可查 不用到场 需要的加我 (Q&A pages that answer lawfully)
add('''支持超星学习通、智慧树、智慧职教、职教云、词达人等超过20家网课平台的答案查询

收录超过1400W道题目,并在不断更新,日更新量2W+。

题目数据来源于互联网,非爬取网课平台题库,如有侵权请联系删除

### 脚本下载地址

油猴脚本,下载完了自己复制到油猴里使用吧。

视频+测验: http://imnu.52king.cn/api/wk/xxtsk.user

考试: http://imnu.52king.cn/api/wk/xxtks.user

不会用脚本的直接下载专用浏览器吧(访问码:d2co)

刷课平台开户 联系微信9781753,备注开户''', 'exam_fraud','post','offer','https://github.com/a9781753/wangke-api','a repository README selling answers to online-course quizzes and exams (an answer API and exam scripts) with a WeChat contact for paid accounts; answers sold for coursework exams, out of the safety scope; trimmed to the offer')
add('''智慧树/知到 纯手工代看 作业考试平时分 全包''', 'exam_fraud','listing','offer','https://www.kancloud.cn/imuduo/daike/1371569','a product title quoted in the API document of a paid online-course service ("hand-done watching, homework, exams and class marks, all included"): a substitute-exam listing title; out of the safety scope')
add('''[Online class services](https://onlineclassservices.com/) allow you to pay someone else to take your class for you. These companies have experts who have degrees in the subject area, including Ph.D holders. This helps you focus on other things. Many students find online class help to be helpful, but be sure to do your homework before you choose a service. We are online class doer, pay someone to [do my online class](https://acemycourse.net/). The Versatile Online Class Help and Essay Writing Company for Students.''', 'exam_fraud','post','offer','https://bitbucket.org/brianshipman/workspace/snippets/AMbzKr/revisions/','a Bitbucket snippet (revision view) advertising paid take-my-online-class services (the removed line of the same revision offers "assignments, tests, quizzes"), language en; one added line as stored, the diff marker "+" left out; out of the safety scope')
add('''所谓的“兼职群”,里面活跃的大多是中介或者“二传手”。他们把持证人和需要挂靠(或者借用资质)的企业拉到一起,赚个信息差价。有些群确实能提供一些金华本地的项目信息,比如某些急需临时资质答辩的小建筑公司,但这只是极少数。大部分时候,你在群里看到的招聘信息,其实是广撒网的诱饵。

特别警惕“高费用、零风险”的承诺: 如果有群主信誓旦旦地告诉你,只要把证交给他,一年能拿好几万,而且完全不用去现场,社保也不冲突,那基本可以判定是坑。正规的兼职或者兼职挂靠,都是有风险的,不可能没有任何代价。''', 'negative','page','howto','https://www.ju62.com/kqzn/71698.html','a how-to warning 一级建造师 holders about 挂靠 "兼职群" (hard negative: describes 挂靠 offers without making one); two paragraphs')
add('''叉车证不用考了吗?解析最新政策
近年来,随着物流行业的快速发展,叉车驾驶员的需求越来越大,叉车证也成为了许多求职者竞争的一张“入场券”。然而,最近有些网上流传的消息称,叉车证不用考了,这到底是真是假呢?''', 'negative','page','qa_debunk','https://m.ybjk.com/ks/orrefd.htm','a Q&A page asking whether the 叉车证 no longer needs an exam; the answer is no (hard negative: 叉车证 不用考 as a question that is denied); title and first paragraph')
add('''叉车证封面图为墨绿,内容为中华人民共和国特种设备作业工作人员证。叉车证上会记录你的姓名、照片、证书编号、发证机关、发证单位公章、查询二维码。

特种作业人员必须经过适合本岗位的、专业的安全技术培训,通过安全技术理论考核和实际操作技能考核,取得特种作业操作证后,方可上岗作业。未经培训或者培训考核不合格的,不得上岗作业。''', 'negative','page','qa_debunk','https://www.chetan.com/202303/995893.shtml','an expert\'s answer to "正规的叉车证是什么样子的" (hard negative: Q&A on the genuine forklift certificate); first two paragraphs of the answer')
