package casework

// names is the Chinese display name of every value of the vocabulary but
// the routes (routeInfo), in one table: keys are typed, so a notice that
// is "removed" and a check whose outcome is "removed" have names of their
// own.
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
