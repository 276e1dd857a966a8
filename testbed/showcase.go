package testbed

// Showcase is a sample page written for issue 11 ("catch real offers"):
// an offer that only the capabilities built for it catch — the offer
// grammar (families and proximity clauses), the short-text rule, contacts
// decoded everywhere and counted — or a hard negative that names the same
// families and must stay unflagged. The rules at commit a0d0072, before
// issue 11, flag none of the offers (checked once with that build's
// `certwatch scan`; see the demo branch's report).
//
// Every entry is also in Expected, with the same category, so a sweep
// over the sample web checks them end to end.
type Showcase struct {
	URL string
	// Category is what the embedded rules must flag the page as; "" for a
	// hard negative.
	Category string
	// What the page shows, for reviewers (the demo prints it).
	What string
	// Rule is the rule that must fire and Near a proximity clause of the
	// offer grammar that must be among its satisfied clauses ("" none).
	Rule, Near string
	// Short: the rule fires only at the short-text threshold (one strong
	// signal and a corroborator on a short page).
	Short bool
	// Contact is the decoded value a finding must report for the page's
	// disguised contact, and ContactText the contact as written on the
	// page: without that text the page must not be flagged, so the decoded
	// contact is what tips it.
	Contact, ContactText string
}

// showcase lists the pages in the order the demo prints them.
var showcase = []Showcase{
	{URL: urlOf(HostShop, itemPath(600116)), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "证+代办", Short: true,
		What: "商品标题本身就是要约（代办+电工证），页面很短，联系方式作佐证：短文本规则"},
	{URL: urlOf(HostShop, itemPath(600117)), Category: CategoryCertSale, Rule: "cert-renting", Near: "挂靠+收益",
		What: "商品标题招揽证书挂靠（二建挂靠 高价收）：挂证/挂靠要约"},
	{URL: urlOf(HostFenlei, "/post/88005.html"), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办证+联系方式",
		Contact: "15966775432", ContactText: "电话：幺舞久 溜溜拐拐 舞死伞两（打不通就发短信）",
		What: "联系方式用谐音字写数字（幺舞久 溜溜拐拐 舞死伞两）"},
	{URL: urlOf(HostFenlei, "/post/88006.html"), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办证+联系方式",
		Contact: "15906671543", ContactText: "手机：159o667l543",
		What: "联系方式用字母代替数字（159o667l543）"},
	{URL: urlOf(HostFenlei, "/post/88007.html"), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办证+联系方式",
		Contact: "285139776", ContactText: "Q：⑵⑧⑤①⑶⑨⑺⑦⑥",
		What: "QQ 号用圈号、括号数字书写（⑵⑧⑤①⑶⑨⑺⑦⑥）"},
	{URL: urlOf(HostFenlei, "/post/88008.html"), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办证+联系方式",
		Contact: "3056887214", ContactText: "薇：dg_zheng2024<br>抠抠：3056887214",
		What: "微信、QQ 写成变体名称（薇、抠抠）"},
	{URL: urlOf(HostFenlei, "/post/88009.html"), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办证+联系方式",
		Contact: "2851390766", ContactText: "V/Q同号：2851390766",
		What: "一个号码同时标为微信和 QQ（V/Q同号）"},
	{URL: urlOf(HostFenlei, "/post/88010.html"), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办证+联系方式",
		Contact: "@tezhong_banli", ContactText: "手机号不方便公开，纸飞机：@tezhong_banli",
		What: "只留 Telegram 账号（纸飞机 @…）"},
	{URL: urlOf(HostFenlei, "/post/88011.html"), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办+假证",
		What: "“高仿”加旧词表里没有的证书名（高仿职称证）"},
	{URL: urlOf(HostFenlei, "/post/88012.html"), Category: CategoryCertSale, Rule: "cert-renting", Near: "挂靠+收益",
		What: "招揽建造师证书挂靠（一年拿三万）：挂证/挂靠要约"},
	{URL: urlOf(HostBBS, threadPath(1006)), Category: CategoryCertSale, Rule: "cert-sale-no-exam", Near: "办证+联系方式",
		What: "长帖：要约只是四十多条普通回复中的一条，另有导航和页脚"},
	{URL: urlOf(HostBBS, threadPath(1007)), Category: CategoryCertSale, Rule: "cert-renting", Near: "挂靠+证书",
		What: "用点号、空格拆开的字（职.称.证、挂 靠、扣 扣）"},
	{URL: urlOf(HostBBS, threadPath(1009)), Category: CategoryExamFraud, Rule: "exam-fraud",
		Contact: "ks_bang2024", ContactText: "，薇 ks_bang2024",
		What: "闲聊帖里的一条代考广告回复，微信写作“薇”：解出的联系方式计分"},

	{URL: urlOf(HostNews, "/2024/10/15-banzheng-diaocha.html"), What: "难负例：记者调查，引用并转述新型办证、挂靠广告"},
	{URL: urlOf(HostNews, "/2024/10/18-jingfang-tixing.html"), What: "难负例：警方提醒，列举广告说法和联系方式的伪装手法"},
	{URL: urlOf(HostSchool, "/jineng.html"), What: "难负例：正规培训学校的技能等级认定招生页（证书、学费、可查询、手机/微信同号）"},
	{URL: urlOf(HostFenlei, "/post/88013.html"), What: "难负例：招聘启事要求持叉车证，留有电话和微信"},
	{URL: urlOf(HostBBS, threadPath(1008)), What: "难负例：问“职称证能不能花钱办”，回答一律否认"},
	{URL: urlOf(HostShop, itemPath(600118)), What: "难负例：二级建造师考试教材（证书、真题、可查询）"},
}

// Showcase lists the sample pages written for issue 11: offers only its
// capabilities catch and hard negatives (see the type).
func (w *Web) Showcase() []Showcase { return append([]Showcase(nil), showcase...) }
