# batch 66 (round 6). A few more texts of the shapes the detector confuses: a Chinese SEO explainer titled after a
# buyer's question about fake 高空作业证 (hard negative), an English police warning about counterfeit plant-operator
# cards (hard negative), a paste-site profile line of an English document seller (positive), a Vietnamese
# safety-training provider's profile (negative).
# Look-ups: pages: 药店 招聘 执业药师 “不用坐班” “只挂证” 年薪 记者 暗访 挂证 信息 (SEO titles only) |
#   QQ群 挂靠信息 “急需一建” “全职挂” “半年付” 建造师 证书 出租 记者 看到 群里 (a how-to already in the corpus) |
#   fake forklift licence sold Facebook "no test" seller said police warn construction workers |
#   考证入户 中介 称 “包拿证” “不用上课” 深圳 积分 入户 … (SEO titles only) |
#   驾驶证 增驾 A2 B2 中介 “包过” “不用学” “直接拿本” … (SEO titles only) |
#   焊工证 电工证 对方称 “人不用来” “交钱就行” 记者 以 求职者 身份 咨询 培训学校 (stories already in the corpus, pages
#   with pinyin artefacts) | 高空作业证 登高证 “不用考试” “当天出证” 网上 商家 记者 购买 假证 工地 |
#   docs: làm chứng chỉ an toàn lao động không cần học giá rẻ lấy nhanh liên hệ zalo (profiles already in the corpus) |
#   jasa pembuatan sertifikat BNSP asli tanpa uji kompetensi terdaftar cepat WA (ISO-consultancy link pastes only) |
#   comprar carnet de carretillero operador de grúa sin examen certificado homologado whatsapp (study-guide gists only)
# Left out: AI-written English blog posts on fake forklift certificates (eatsip365.com, winenfood.com, visualfoodie.com:
#   the same anecdote on three domains), a 深燃 article with pinyin conversion artefacts (whmsebhyy.com).
add('''本文围绕“假的高空作业证怎么买”这一主题,深入剖析其来源、特征及应对策略,以期为相关从业者和监管机构提供参考。''', 'negative','short','howto','https://gaokong.anyuebuxi.cn/news-6-40682.html','an SEO explainer written for the query "假的高空作业证怎么买" that only warns and explains (hard negative: 假的 + 高空作业证 + 怎么买 in a non-offer); one sentence')
add('''Earlier this month, Action Fraud and the National Fraud Intelligence Bureau raised the alarm over the sale of fake National Plant Operators Registration Scheme (NPORS) cards – a trusted form of accreditation for those working in construction, utilities, warehousing and agriculture.''', 'negative','short','warning','https://beta.northumbria.police.uk/latest-news/2019/august/the-force-asks-employers-to-be-vigilant-over-sale-of-counterfeit-trade-cards/','language en; a UK police warning about counterfeit plant-operator cards sold online (hard negative: fake cards and their sale described in a warning); one sentence')
add('''darkwebdocuments.net Buy credit card clones, IELTS, any Degrees, certificates. Whatsapp: +1352405116''', 'cert_sale','short','offer','https://pastebin.com/u/markcarls','language en; the title of a paste in a pastebin user\'s listing: a document seller offering degrees, IELTS results and certificates with a WhatsApp number (generic forger, out of the safety scope)')
add('''https://antoanmiennam.com/ là đơn vị chuyên cung cấp các dịch vụ về huấn luyện an toàn về sức khoẻ nghề nghiệp.''', 'negative','short','school','https://gitlab.com/antoanmiennam','language vi; a Vietnamese occupational-safety training provider\'s GitLab profile text (negative: lawful safety training, no offer)')
