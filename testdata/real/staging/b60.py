# batch 60 (round 6). New topics the earlier rounds had not searched: drone-pilot licence courses (无人机执照 "包取证"
# "包就业" ads, quoted in 新华社 and 中国青年报 reports), 环评师 certificate renting and "代签/卖证" (南方周末 and 中国新闻周刊
# reports: hard negatives), fake 中医 and 健康管理师 certificates (a regulator's statement, reports, a how-to that quotes the
# agencies' selling lines).
# Look-ups: docs: buy CSCS card without test WhatsApp (CSCS course wiki, IELTS pastes already used) |
#   jual sertifikat K3 SIO forklift tanpa ujian hubungi WA (forklift study-guide gists only) |
#   купить удостоверение по электробезопасности группа допуска без обучения (Russian SEO gists, see b61) |
#   PMP proxy exam pass guaranteed pay after pass Pearson VUE online (exam-dump and practice-question ads: not used, too ambiguous to label) |
#   高价收证 挂靠 一级建造师 二级建造师 安全员 证书 微信 联系 (bzfw snippets and a privacy policy already used) |
#   代辦 證照 堆高機 電工 免考 保證 聯絡 LINE (nothing) | 教师资格证 普通话 代考 包过 微信 联系我 (pastes already used) |
#   code: 焊工证 电工证 叉车证 办理 网上可查 不用考试 联系 QQ (certificate-management software only) |
#   pages: 环评工程师 挂证 中介 记者 对方称 一年 挂靠费 微信 | 医师资格证 护士证 挂证 中介 记者暗访 … (SEO titles only) |
#   无人机驾驶执照 假证 网上 卖家 称 不用考试 包拿证 记者 | 船员证 海员证 假证 卖家 … (SEO titles only) |
#   环评师 代签 卖证 QQ群 报价 “签一本” 元 广告 | 无人机培训 “包取证” “包就业” 新华视点 机构 宣称 学员 |
#   低空经济 无人机执照 “包过” “不过退费” 培训机构 宣传 记者调查 |
#   养老护理员 健康管理师 证书 “国家认可” “全国通用” 培训 骗局 宣传话术 |
#   南方周末记者以要做环评的甲方身份联系 环评师 报价 … | 中医健康管理师证 宣称 “持证即可开诊所” “国家卫健委颁发” 骗局 |
#   消防设施操作员 证书 培训机构 广告 “零基础” “挂靠” “月入过万” … (the 消防工程师 stories found are already in the corpus) |
#   招生老师 对记者说 “交钱就能拿证” “考试有人帮忙” 证书 培训 暗访 (pages with pinyin conversion artefacts, skipped)
# Left out: mirrors with pinyin conversion artefacts (nailsreviews.com, ytziyue.cn, tools.openlaihk.cn, mmkcvlj.cn,
#   say1888.cn, lvtaikj.com), a mirror whose header is a list of porn-site keywords (jdjd024.com), a paraphrased rewrite
#   of the 中国青年报 story that rewords the ad slogans (zzc-media.com), a page under a gambling-site header (gsghst.com).
STORY_FEISHOU = 'story:wurenji-feishou-baojiuye'   # 中国青年报 2025-07-03, mirrored
STORY_BAOQUZHENG = 'story:wurenji-baoquzheng'      # 新华社 2025-12-18, mirrored
STORY_HUANPING = 'story:huanping-daiqian-maizheng' # 南方周末 2021-04-29, mirrored
add('''抢滩地空经济新赛道”“政策红利下的黄金职业”“毕业生入职起薪碾压同龄人”“25天无人机培训包就业''', 'training_fraud','short','offer','https://game.bestwheel.com.cn/kuaixun/179826.html','drone-pilot licence course ads from social platforms (a course sold with a promised job and income), quoted verbatim at the head of a 中国青年报 report (outer quotation marks dropped, inner ones kept; "地空" as stored); labelled like round 5\'s 躺赚 course ads', group=STORY_FEISHOU)
add('''“抢滩地空经济新赛道”“政策红利下的黄金职业”“毕业生入职起薪碾压同龄人”“25天无人机培训包就业”……近一年来,社交平台上涌现出大量来自全国各地的无人机“飞手”执照考证广告。

  重庆一名大学生郭金(化名曾被一家机构的“包就业”承诺吸引,他告诉中青报·中青网记者:“我咨询了数十家培训机构后,把这家机构的聊天记录发到了社交平台,很多人提醒说不靠谱。”最终,他选择了本地一家与学校有合作的机构报名学习。''', 'negative','page','news','https://game.bestwheel.com.cn/kuaixun/179826.html','中国青年报 report on drone-licence course ads (hard negative: the ads quoted inside a report); first two paragraphs, the missing closing parenthesis as stored', group=STORY_FEISHOU)
add('''隨着低空經濟的發展,無人機“飛手”正成為炙手可熱的新興職業,進入這一行業的關鍵“入場券”——民用無人駕駛航空器操控員執照(以下簡稱“執照”)也變得越來越重要。2024年1月1日實施的《無人駕駛航空器飛行管理暫行條例》明確規定,操控小型、中型、大型民用無人駕駛航空器飛行的人員應當向國務院民用航空主管部門申請取得相應執照。這一政策也使得“飛手”執照的價值陡增,成為行業“香餑餑”。''', 'negative','page','news','http://big5.news.cn/gate/big5/www.news.cn/edu/20250703/8589101e787d40d38ad62c36f3782aa9/c.html','the same 中国青年报 report on news.cn (traditional-character gateway): the paragraph on the licence rule (negative: 执照, 申请取得 in a report); grouped with its mirror', group=STORY_FEISHOU)
add('''包取证""包就业''', 'training_fraud','short','offer','https://staging.reportify.cn/news/1199000669718188032','drone-training agencies\' slogans, quoted in the title of a 新华社 "新华视点" report (outer quotation marks dropped, the inner pair kept as stored with ASCII quotes); a course sold with a guaranteed licence', group=STORY_BAOQUZHENG)
add('''新华社北京12月18日电 题:"包取证""包就业"? 无人机培训小心上当 新华社"新华视点"记者黄江林、杨文、包庆龄 近年来,无人机培训异常火热,不少机构打出"包取证""包就业"等噱头,抢占培训市场。 "新华视点"记者调查发现,无人机培训繁荣景象背后,行业泥沙俱下。无资质办学、虚假承诺等乱象频 发,不少人因此上当受骗。''', 'negative','page','news','https://staging.reportify.cn/news/1199000669718188032','新华社 report on drone-training agencies\' 包取证/包就业 claims (hard negative: the slogans inside a report); opening, stray line-break space in 频 发 as stored', group=STORY_BAOQUZHENG)
add('''由于市场需求旺盛,一些培训机构为了谋取利益,推出了“包取证”“包就业”等虚假承诺。“包取证”的背后,往往是不正规的培训流程,学员可能并未真正掌握相关技能,却被授予执照。“包就业”同样不可靠,承诺的就业岗位或许并不存在,或者与学员所学技能不匹配。''', 'negative','page','howto','http://www.52pinche.com/wenzhang/f68e1c00-e466-11f0-9194-efeb64675f49','a rewrite of the 新华视点 story on a content site explaining why 包取证/包就业 promises are false (hard negative); one paragraph; grouped with the story', group=STORY_BAOQUZHENG)
add('''“代签”或“卖证”,意为某些持有环评师资格证的环评师,不实际参与编制环评报告但在报告上“签字”,以使报告顺利通过审批。

佛山生态环境局禅城分局重点审查了这些环评报告,发现了问题,通知深圳联都公司到场接受调查,但该公司签收通知后拒绝接受监督检查,被处以失信记分10分的惩罚。''', 'negative','page','news','https://superpyq.com/article/608ea99bf70b315b66a799fe','南方周末 report on environmental-assessment engineers who rent out their certificate and sign reports (hard negative: 卖证, 资格证, 签字 in a report); two paragraphs', group=STORY_HUANPING)
add('''南方周末记者 杨凯奇发自广东深圳 南方周末实习生 陈洁玲 冯雅雯
一家常被环保部门点名,并已最终拉入黑名单的环评公司,看似淡出江湖,但它的马甲公司还在运作。
除了股权和法定代表人等关系,33家公司间还存在时空上的“巧合”。总部在深圳的11家公司,工商资料中共用同样的座机号码,其中10家的邮箱也相同。''', 'negative','page','news','https://fx361.cc/page/2021/0429/8331848.shtml','the same 南方周末 report on a magazine-archive site (negative: shared phone numbers of shell companies, no offer); by-line and first paragraphs; grouped with its mirror', group=STORY_HUANPING)
add('''自己的环评师竟不知道公司最基本的信息,是因为他们都在外地有本职工作,平时并不在该公司上班,但他们的环评师资格证却登记在此。在环评行业,这就叫“挂靠”。近日,记者对环评师数量位居全国前11位的省份(除去湖北、江苏两个已接受环保部核查的省份)进行调查发现,环评师挂靠,乃至环评机构资质挂靠十分泛滥,行业环境堪忧。''', 'negative','page','news','https://dialogue.earth/zh/1/42528','南方周末 report (2014) republished by an environmental-news site on 环评师 certificate renting (hard negative: 挂靠 described, not offered); one paragraph')
add('''“没有环评资质的公司,非法借用有资质单位的资质,实际开展环评工作,业内人士一般把这样的情况叫做资质挂靠。”一家乙级资质环评机构的负责人刘跃解释,“环评是你发的,报告书却是他写的。一份数百页的环评报告书,除了附在最前面、加盖公章的资质扫描件由名义上的环评单位提供,其余的均由无资质公司完成。”''', 'negative','page','news','http://cecc-china.org/index.php/index/other/detail.html?id=21436','a report on 环评 qualification renting, quoted on an NGO site (hard negative: 资质挂靠 explained by an insider); one paragraph')
add('''做一本环评报告书一般需数月,做一份报告表也得花7-10天。仅凭一个人不可能在一年内做出577本环评报告,“更可能是环评师出借自己的环评工程师职业资格证书给没有持证环评师的机构做项目,然后自己在报告上签字,可能连内容都来不及审核”。''', 'negative','page','news','https://infzm.com/contents/193774?source=131','南方周末 on certificate lending by 环评 engineers (hard negative: 出借…职业资格证书 in a report); one paragraph')
add('''据刘志全介绍,生态环境部已对在环评信用平台建立诚信档案的环评单位和环评工程师(下称环评师)进行全面排查,对8000多家环评单位和14000多名从业环评师做到一家一家过、一个一个查,坚决清理不具备技术能力的“空壳”环评公司和存在“挂靠”等违规行为的环评师,以及诚信档案基础信息存在问题的单位和人员。目前,各地正在抓紧完成处理处罚工作。''', 'negative','page','news','https://nanmuxuan.com/complex/vxfmizkjpba.html','中国新闻周刊 report on the ministry\'s clean-up of 挂靠 环评 engineers, on a content site (negative: enforcement); one paragraph')
add('''诈骗机构通常通过社交媒体、短视频平台投放广告,宣称中医健康管理师证为“国家卫健委颁发”“全国通用”“持证即可开诊所”,实则多为培训机构自制证书。''', 'negative','page','howto','https://www.zx08.cn/article/261380.html','an explainer on 中医健康管理师 certificate scams (hard negative: the agencies\' claims quoted inside a warning); one sentence of the first section')
add('''国家卫健委颁发”“全国通用”“持证即可开诊所''', 'training_fraud','short','offer','https://www.zx08.cn/article/261380.html','training agencies\' ad claims for a self-made 中医健康管理师 certificate, quoted verbatim in the same explainer (outer quotation marks dropped, inner ones kept)')
add('''一、认证中心(鉴定指导中心)从未颁发过《民族医医师资格证》、《中医师承或确有专长证》,且国家并无《民族医医师资格证》,也从未委托过任何机构或个人以任何形式举办民族医、中医师承或确有专长学术交流会及考前培训班。

二、认证中心(鉴定指导中心)从未颁发过“康复理疗师”、“带电推拿技术师”、“健康管理师”、“调理保健师”、“中医药行业职业规范化培训技能证书”等职业资格证书。''', 'negative','page','warning','http://news.sina.cn/gn/2017-09-21/detail-ifymeswc9006472.d.html?vt=4&pos=108','a 国家中医药管理局 centre\'s statement that certificates sold by training agencies are fake (official warning: a list of certificate names, no offer); points one and two')
add('''2012年10月的一天,胡先生接到了一个从北京打来的电话。来电者自称是国家人力资源和社会保障部、国家中医药管理局旗下“全国中医药传承发展专业委员会”的工作人员,可以帮他考核鉴定并认证颁发高级临床中医师的证书,鉴定和认证等费用只需2450元;如需网站公示,再加1800元。胡先生按地址汇款过去。一个月后,他收到了资格证书,并在网站上看到关于自己的公示,公示最后甚至还附上了自己的电话号码,胡先生很高兴。然而,当他拿着证书去当地卫生局准备注册并挂牌行医时,却被告知证书是假的。''', 'negative','page','news','http://wujue.com/zyzy/mjyy/mjzy/201307/53894.html','中国中医药报 report on a fake "committee" that sold 临床中医师 certificates with a web listing (hard negative: the offer and its price paraphrased in a report; the fake listing site described); one paragraph')
