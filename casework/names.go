package casework

import (
	"fmt"
	"slices"
	"time"
)

// names is the Chinese display name of every value of the vocabulary but
// the routes (routeInfo), in one table: keys are typed, so a notice that
// is "removed" and a check whose outcome is "removed" have names of their
// own. It also names the words of other packages that people read
// (contact kinds, tuning labels, fetch outcomes, sweep troubles and
// source states, audit actions and objects: see the kinds below).
var names = map[any]string{
	RoleReviewerCAC:  "网信办审核员",
	RoleReviewerSAMR: "市场监管审核员",
	RoleAnalyst:      "规则分析员",
	RoleApprover:     "审批人",
	RoleAdmin:        "系统管理员",

	CaseOpen:            "待审核",
	CasePendingApproval: "待审批",
	CaseConfirmed:       "已确认",
	CaseDismissed:       "已排除",

	ActionConfirm:  "确认",
	ActionDismiss:  "排除",
	ActionApprove:  "审批通过",
	ActionReject:   "退回",
	ActionReopen:   "重新打开",
	ActionWithdraw: "撤回确认",

	DismissFalsePositive: "误报",
	DismissOutOfScope:    "不属于本次专项范围",
	DismissDuplicate:     "重复线索",

	NoticeDraft:        "草稿",
	NoticeApproved:     "已签发",
	NoticeSent:         "已发送",
	NoticeAcknowledged: "已签收",
	NoticeRemoved:      "已删除下架",
	NoticeRefused:      "拒不处置",
	NoticeOverdue:      "已逾期",

	OutcomeRemoved:  "已删除",
	OutcomeLive:     "仍在线",
	OutcomeChanged:  "内容已变更",
	OutcomeBlocked:  "无法查看（需登录/验证/被拒绝）",
	OutcomeRelisted: "原链接已删除，但在别处重新发布",
	OutcomeFailed:   "复查失败（将重试）",

	ChannelEmail:    "电子邮件",
	ChannelPlatform: "平台后台",
	ChannelLetter:   "纸质函件",
	ChannelPhone:    "电话",
	ChannelFax:      "传真",
	ChannelInPerson: "当面送达",

	TrackDelivery: "已送达",
	TrackReceipt:  "回执确认",
	TrackReply:    "平台答复",

	ReminderDueSoon: "即将到期提醒",
	ReminderOverdue: "逾期提醒",

	EscalateSecondNotice: "第二次通知",
	EscalateReferral:     "移送公安",

	// The kinds below (other packages' words).
	ContactKind("phone"):    "手机号",
	ContactKind("landline"): "固定电话",
	ContactKind("wechat"):   "微信",
	ContactKind("qq"):       "QQ 号",
	ContactKind("telegram"): "Telegram（电报/飞机）",
	ContactKind("url"):      "网址",
	ContactKind("domain"):   "域名",

	Label("positive"):   "正例（已确认）",
	Label("negative"):   "反例（误报）",
	Label("excluded"):   "不计入（范围外或重复）",
	Label("unlabelled"): "未审核",

	FetchOutcome("ok"):              "成功",
	FetchOutcome("http_error"):      "HTTP 错误",
	FetchOutcome("timeout"):         "超时",
	FetchOutcome("network"):         "网络错误",
	FetchOutcome("robots"):          "robots.txt 禁止抓取",
	FetchOutcome("redirect_limit"):  "重定向过多",
	FetchOutcome("render_failed"):   "渲染失败",
	FetchOutcome("not_html"):        "非网页内容",
	FetchOutcome("blocked_address"): "禁止访问的内网地址",

	SweepTrouble("not_checked"):      "未检查",
	SweepTrouble("nothing_loaded"):   "全部抓取失败",
	SweepTrouble("mostly_blocked"):   "大部分被拦截",
	SweepTrouble("mostly_failed"):    "大部分抓取失败",
	SweepTrouble("went_quiet"):       "突然没有发现",
	SweepTrouble("shrank"):           "抓取量骤减",
	SweepTrouble("blocked_address"):  "禁止访问的内网地址",
	SweepTrouble("render_failed"):    "浏览器渲染失败",
	SweepTrouble("robots_refused"):   "robots.txt 禁止抓取",
	SweepTrouble("mostly_unchecked"): "大部分无法检查",
	SweepTrouble("lookalike_failed"): "仿冒域名解析失败",
	SweepTrouble("search_empty"):     "搜索结果为空",
	SweepTrouble("ct_failed"):        "证书透明度日志读取出错",

	SourceState("checked"):     "已检查",
	SourceState("trouble"):     "需要关注",
	SourceState("shared"):      "由其他来源抓取",
	SourceState("not_checked"): "未检查",
	SourceState("not_resumed"): "续跑部分未抓取",

	// Discovery counts of a sweep (package sweep's QRStats, issue 14).
	DiscoveryCount("qr_pages"):     "扫描图片的页面",
	DiscoveryCount("qr_images"):    "图片",
	DiscoveryCount("qr_fetched"):   "已下载",
	DiscoveryCount("qr_fetch_err"): "下载失败",
	DiscoveryCount("qr_too_large"): "超出尺寸限制",
	DiscoveryCount("qr_malformed"): "无法识别",
	DiscoveryCount("qr_codes"):     "识别出的二维码",
	DiscoveryCount("qr_strong"):    "疑似假冒查询网址",
	DiscoveryCount("qr_contacts"):  "联系方式二维码",
	DiscoveryCount("qr_queued"):    "加入待查页面",

	DiscoveryCount("lookalike_hosts"):        "官方查询网址",
	DiscoveryCount("lookalike_candidates"):   "生成的仿冒域名",
	DiscoveryCount("lookalike_due"):          "本次到期核查",
	DiscoveryCount("lookalike_registered"):   "已注册域名",
	DiscoveryCount("lookalike_unregistered"): "未注册",
	DiscoveryCount("lookalike_timeouts"):     "解析超时",
	DiscoveryCount("lookalike_failed"):       "解析失败",
	DiscoveryCount("lookalike_wildcard"):     "泛解析（不抓取）",
	DiscoveryCount("lookalike_queued"):       "首页加入待查",

	// Search sources' counts per term (package sweep's SearchTermCounts).
	DiscoveryCount("search_result_pages"): "结果页",
	DiscoveryCount("search_failed"):       "结果页抓取失败",
	DiscoveryCount("search_results"):      "搜索结果",
	DiscoveryCount("search_official"):     "官方网址（不抓取）",
	DiscoveryCount("search_queued"):       "结果加入待查",
	DiscoveryCount("search_findings"):     "结果中的发现",
	DiscoveryCount("ct_logs"):             "证书透明度日志",
	DiscoveryCount("ct_entries"):          "读取的日志条目",
	DiscoveryCount("ct_names"):            "检查的域名",
	DiscoveryCount("ct_matches"):          "匹配仿冒规则",
	DiscoveryCount("ct_remembered"):       "近期匹配并持续核查的域名",
	DiscoveryCount("ct_queued"):           "域名首页加入待查",
	DiscoveryCount("ct_bad_leaves"):       "无法解析的条目",
	DiscoveryCount("ct_garbage"):          "响应格式错误",
	DiscoveryCount("ct_lying"):            "树头异常（倒退、分叉或不一致）",
	DiscoveryCount("ct_timeouts"):         "请求超时",
	DiscoveryCount("ct_failed"):           "其他错误",

	DiscoveryCount("watch_known"):   "已知仿冒网站",
	DiscoveryCount("watch_queued"):  "复查时另行加入待查",
	DiscoveryCount("watch_online"):  "仍在线且内容未变",
	DiscoveryCount("watch_changed"): "仍在线但内容已变",
	DiscoveryCount("watch_gone"):    "已下线或不再仿冒",
	DiscoveryCount("watch_failed"):  "复查失败",
	DiscoveryCount("watch_moves"):   "疑似换域名并关联旧案件",

	AuditAction("login"):                 "登录",
	AuditAction("logout"):                "退出登录",
	AuditAction("login.failed"):          "登录失败",
	AuditAction("login.failed.repeated"): "多次登录失败",
	AuditAction("user.add"):              "新增用户",
	AuditAction("user.change"):           "修改用户",
	AuditAction("case.confirm"):          "确认线索",
	AuditAction("case.dismiss"):          "排除线索",
	AuditAction("case.approve"):          "审批通过线索",
	AuditAction("case.reject"):           "退回线索",
	AuditAction("case.reopen"):           "重新打开线索",
	AuditAction("case.withdraw"):         "撤回确认",
	AuditAction("case.merge"):            "合并重复线索",
	AuditAction("case.unmerge"):          "取消合并",
	AuditAction("notice.draft"):          "通知撤回为草稿",
	AuditAction("notice.approved"):       "签发通知",
	AuditAction("notice.sent"):           "通知标记为已发送",
	AuditAction("notice.acknowledged"):   "通知标记为已签收",
	AuditAction("notice.removed"):        "通知标记为已删除下架",
	AuditAction("notice.refused"):        "通知标记为拒不处置",
	AuditAction("notice.overdue"):        "通知逾期",
	AuditAction("notice.check"):          "复查通知",
	AuditAction("notice.delivery"):       "登记通知送达",
	AuditAction("notice.receipt"):        "登记通知回执",
	AuditAction("notice.reply"):          "登记平台答复",
	AuditAction("notice.reminder"):       "通知即将到期提醒",
	AuditAction("notice.escalate"):       "通知升级处置",
	AuditAction("notice.print"):          "打印通知 PDF",
	AuditAction("evidence.download"):     "下载证据",
	AuditAction("evidence.export"):       "导出证据包",
	AuditAction("audit.verify"):          "校验审计日志",
	AuditAction("rules.test"):            "规则试算",
	AuditAction("rules.activate"):        "启用规则包",
	AuditAction("rules.deactivate"):      "停用规则包",
	AuditAction("model.activate"):        "启用学习模型",
	AuditAction("model.deactivate"):      "停用学习模型",
	AuditAction("model.channel"):         "切换学习模型通道",
	AuditAction("report.export"):         "导出报表",
	AuditAction("sweep.start"):           "启动巡查",
	AuditAction("audit.export"):          "导出审计日志",

	// Claims and comments (issue 13, claim.go).
	ClaimTake:                    "认领",
	ClaimRelease:                 "释放认领",
	ClaimReassign:                "改派",
	ClaimTakeover:                "接管",
	AuditAction("case.claim"):    "认领线索",
	AuditAction("case.release"):  "释放线索认领",
	AuditAction("case.reassign"): "改派线索",
	AuditAction("case.takeover"): "接管线索",
	AuditAction("case.comment"):  "评论线索",

	AuditObject("case"):     "线索",
	AuditObject("notice"):   "通知",
	AuditObject("user"):     "用户",
	AuditObject("rules"):    "规则",
	AuditObject("pack"):     "规则包",
	AuditObject("model"):    "学习模型",
	AuditObject("category"): "类别",
	AuditObject("report"):   "报表",
	AuditObject("sweep"):    "巡查",
	AuditObject("audit"):    "审计日志",

	// Referral materials of an imitation site (issue 14, referral.go).
	ReferralScreenshot:    "页面截图（与官方页面对照）",
	ReferralWARC:          "网页原始证据（WARC 证据包）",
	ReferralAddresses:     "IP 地址及反向解析",
	ReferralCertificate:   "TLS 证书",
	ReferralCT:            "证书透明度记录（SCT）",
	ReferralHeaders:       "服务器响应头",
	ReferralWHOIS:         "域名 WHOIS 信息",
	ReferralProvider:      "托管服务商（离线 IP 库）",
	ReferralPresent:       "已具备",
	ReferralMissing:       "缺失",
	ReferralNotConfigured: "未配置",

	AuditAction("case.hostfacts"): "采集网站技术信息",
}

// moveNames label the buttons that move a notice to a state.
var moveNames = map[NoticeState]string{
	NoticeApproved:     "签发",
	NoticeDraft:        "撤回为草稿",
	NoticeSent:         "标记为已发送",
	NoticeAcknowledged: "标记为对方已签收",
	NoticeRemoved:      "标记为已删除下架",
	NoticeRefused:      "标记为拒不处置",
}

// route is what the vocabulary says of one route.
type route struct {
	name       string // the notice it leads to, for reasons and forms
	department string // the office that acts on it, for messages and reports
	takedown   bool
	reviewers  []Role // who may confirm a case onto it
}

var routeInfo = map[Route]route{
	RouteTakedownCAC:    {"网信办下架通知", "网信办", true, []Role{RoleReviewerCAC}},
	RouteTakedownSAMR:   {"市场监管下架通知", "市场监管", true, []Role{RoleReviewerSAMR}},
	RoutePoliceReferral: {"移送公安", "公安机关（移送）", false, []Role{RoleReviewerCAC, RoleReviewerSAMR}},
}

// The words of other packages that people read, named here so that the
// whole UI and every document take their Chinese from this one file.
// Each kind has its own type: the same string ("removed", "url") may be
// different words in two vocabularies.

// ContactKind is a kind of contact the matcher extracts (matcher's
// Contact* constants).
type ContactKind string

// Name is the kind's Chinese name, or k itself when unknown.
func (k ContactKind) Name() string { return nameOr(names[k], k) }

// Label is what reviewers' decisions make of a case when rules are tried
// (package tuning's labels).
type Label string

// Name is the label's Chinese name, or l itself when unknown.
func (l Label) Name() string { return nameOr(names[l], l) }

// FetchOutcome is why a sweep's fetch of a page failed or what became of
// it (package crawler's outcomes).
type FetchOutcome string

// Name is the outcome's Chinese name, or o itself when unknown.
func (o FetchOutcome) Name() string { return nameOr(names[o], o) }

// SweepTrouble is a kind of trouble a sweep found with a source (package
// sweep's Trouble kinds).
type SweepTrouble string

// Name is the trouble's Chinese name, or k itself when unknown.
func (k SweepTrouble) Name() string { return nameOr(names[k], k) }

// SourceState is what a sweep did with a configured source (package
// sweep's source states).
type SourceState string

// Name is the state's Chinese name, or s itself when unknown.
func (s SourceState) Name() string { return nameOr(names[s], s) }

// DiscoveryCount is one count of a sweep's discovery of imitation sites
// (package sweep's QRStats: images scanned, codes read, candidates).
type DiscoveryCount string

// Name is the count's Chinese name, or c itself when unknown.
func (c DiscoveryCount) Name() string { return nameOr(names[c], c) }

// AuditAction is an action recorded in the audit log ("case.confirm").
type AuditAction string

// Name is the action's Chinese name, or a itself when unknown.
func (a AuditAction) Name() string { return nameOr(names[a], a) }

// AuditObject is the kind of thing an audit entry's object names, the
// part before the colon of "case:42" (or the whole object, "rules").
type AuditObject string

// Name is the object kind's Chinese name, or o itself when unknown.
func (o AuditObject) Name() string { return nameOr(names[o], o) }

// The values of the kinds above, sorted: what the table names.
var (
	ContactKinds  = valuesOf[ContactKind]()
	Labels        = valuesOf[Label]()
	FetchOutcomes = valuesOf[FetchOutcome]()
	SweepTroubles = valuesOf[SweepTrouble]()
	SourceStates  = valuesOf[SourceState]()
	// DiscoveryCounts are the keys of a sweep's discovery counts.
	DiscoveryCounts = valuesOf[DiscoveryCount]()
	AuditActions    = valuesOf[AuditAction]()
	AuditObjects    = valuesOf[AuditObject]()
)

// valuesOf lists the keys of names of type T, sorted.
func valuesOf[T ~string]() []T {
	var out []T
	for k := range names {
		if v, ok := k.(T); ok {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// Duration says how long something took in Chinese, rounded for people:
// "0.4 秒", "1.7 秒", "12 秒", "3 分 5 秒", "2 小时 7 分".
func Duration(d time.Duration) string {
	switch {
	case d < 0:
		return "0 秒"
	case d < 10*time.Second:
		return fmt.Sprintf("%.1f 秒", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%d 秒", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		d = d.Round(time.Second)
		return fmt.Sprintf("%d 分 %d 秒", int(d/time.Minute), int(d%time.Minute/time.Second))
	}
	d = d.Round(time.Minute)
	return fmt.Sprintf("%d 小时 %d 分", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// QueueSort is an order the review queue sorts by (package store's Sort*
// keys).
type QueueSort string

// Name is the order's Chinese name, or s itself when unknown.
func (s QueueSort) Name() string { return nameOr(queueSortNames[s], s) }

var queueSortNames = map[QueueSort]string{
	"score":      "得分",
	"first_seen": "首次发现时间",
	"last_seen":  "最近发现时间",
	"host":       "网站",
	"status":     "状态",
}

// PivotKind is what a one-click pivot follows from a case to the others
// (store's Pivot* kinds: contact, host, listing, content).
type PivotKind string

// pivotNames are each pivot's name and the words of its link on a case
// page ("同一联系方式的案件 (3)").
var pivotNames = map[PivotKind][2]string{
	"contact": {"联系方式", "同一联系方式的案件"},
	"host":    {"网站", "同一网站的案件"},
	"listing": {"商品编号", "同一商品编号的案件"},
	"content": {"网页内容（SHA-256）", "同一网页内容的案件"},
}

// Name is the pivot's Chinese name, or k itself when unknown.
func (k PivotKind) Name() string { return nameOr(pivotNames[k][0], k) }

// LinkText is the words of the pivot's link, or k itself when unknown.
func (k PivotKind) LinkText() string { return nameOr(pivotNames[k][1], k) }

// ImitationField is a question a certificate-query form asks (package
// discover/imitation's field kinds).
type ImitationField string

var imitationFieldNames = map[ImitationField]string{
	"name":      "姓名",
	"id_number": "身份证号",
	"cert_no":   "证书编号",
	"captcha":   "验证码",
	"cert_type": "证件类型",
	"company":   "企业名称",
}

// Name is the field's Chinese name, or f itself when unknown.
func (f ImitationField) Name() string { return nameOr(imitationFieldNames[f], f) }

// ImitationSignal is what one reason of an imitation verdict is about
// (package discover/imitation's signals).
type ImitationSignal string

var imitationSignalNames = map[ImitationSignal]string{
	"title":         "标题",
	"issuer":        "主办单位",
	"form":          "查询表单",
	"dom":           "页面结构",
	"screenshot":    "截图",
	"logo":          "标志图片",
	"icp":           "ICP 备案号",
	"gov_host":      "域名",
	"result":        "查询结果",
	"sponsor":       "版权或主办信息",
	"official_host": "官方网址",
	"aggregator":    "聚合导航页面",
	"explainer":     "查询方法说明",
	// Issue 14's claims (discover/imitation signals.go).
	"claim":      "自称官方数据",
	"scope":      "查询的证书",
	"platform":   "官方平台名称",
	"seller":     "售证查询框",
	"host":       "仿冒的网址",
	"old_issuer": "已撤销的机构",
	"service":    "其他官方查询服务",
	"gov_mark":   "政府网站标识",
	"verdict":    "查询结论",
	"warning":    "谨防假冒的提醒",
	// Development set 3's signals (discover/imitation operator.go).
	"operator":    "非政府运营者自有证书",
	"entrance":    "冒称官方入口的链接",
	"national":    "自称全国查询系统",
	"article":     "新闻或文章页面",
	"self_issued": "非政府机构自称颁发政府证书",
}

// Name is the signal's Chinese name, or s itself when unknown.
func (s ImitationSignal) Name() string { return nameOr(imitationSignalNames[s], s) }
