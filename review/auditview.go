package review

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// auditRow is one audit entry as the audit page shows it: the action,
// object and detail in Chinese (casework's names), the entry as recorded
// kept beside them (Raw*: the hash chain covers those, and the filters
// take them).
type auditRow struct {
	store.AuditEntry
	ActionName string
	ObjectName string
	DetailText string
}

// auditRowOf names an entry's action, object and detail for people.
func (s *Server) auditRowOf(e store.AuditEntry) auditRow {
	return auditRow{AuditEntry: e, ActionName: casework.AuditAction(e.Action).Name(),
		ObjectName: s.auditObjectName(e.Object), DetailText: auditDetail(e.Action, e.Detail)}
}

// auditObjectName names an object: "case:42" → "线索 #42", "user:alice"
// → "用户 alice", "category:cert_sale" → "类别 制售、买卖假证", "rules" → "规则".
func (s *Server) auditObjectName(obj string) string {
	kind, id, ok := strings.Cut(obj, ":")
	name := casework.AuditObject(kind).Name()
	switch {
	case !ok:
		return name
	case kind == "case" || kind == "notice":
		return name + " #" + id
	case kind == "category":
		return name + " " + s.categoryName(id)
	}
	return name + " " + id
}

// Audit details are written in English by the code that records them
// (store and review); these rewrite the known shapes in Chinese. A
// detail of another shape is shown as recorded.
var (
	auditTransition = regexp.MustCompile(`^(\w+) → (\w+)$`)
	auditKeyValue   = regexp.MustCompile(`^(\w+)=(.*)$`)
	auditPhrases    = []struct {
		re   *regexp.Regexp
		repl func(m []string) string
	}{
		{regexp.MustCompile(`^from (\S+)$`), func(m []string) string { return "来自 " + m[1] }},
		{regexp.MustCompile(`^(.+) from (\S+)$`), func(m []string) string { return loginReason(m[1]) + "，来自 " + m[2] }},
		{regexp.MustCompile(`^started from the UI$`), func([]string) string { return "从审核界面启动" }},
		{regexp.MustCompile(`^(\d+) entries, (\d+) problems$`), func(m []string) string { return m[1] + " 条记录，" + m[2] + " 处问题" }},
		{regexp.MustCompile(`^(\d+) files$`), func(m []string) string { return m[1] + " 个文件" }},
		{regexp.MustCompile(`^(xlsx|pdf) (.+)$`), func(m []string) string { return strings.ToUpper(m[1]) + " 报表 " + m[2] }},
		{regexp.MustCompile(`^status (\w+), (\d+) bytes$`), func(m []string) string {
			return "状态：" + casework.NoticeState(m[1]).Name() + "，" + m[2] + " 字节"
		}},
		{regexp.MustCompile(`^candidate (\S+): (\d+) added, (\d+) dropped over (\d+) cases$`), func(m []string) string {
			return fmt.Sprintf("候选规则包 %s：新增 %s 条，消失 %s 条，共重新检查 %s 条线索", m[1], m[2], m[3], m[4])
		}},
		{regexp.MustCompile(`^snapshot (\d+) body sha256=(\w+)$`), func(m []string) string {
			return "快照 " + m[1] + " 的原始网页，SHA-256 " + m[2]
		}},
		{regexp.MustCompile(`^removal check (\d+) of case (\d+), status (\d+), body sha256=(\w+)$`), func(m []string) string {
			return fmt.Sprintf("复查记录 %s（线索 #%s，HTTP 状态 %s）的响应，SHA-256 %s", m[1], m[2], m[3], m[4])
		}},
		{regexp.MustCompile(`^round (\d+): (.*)$`), func(m []string) string { return "第 " + m[1] + " 轮复查：" + checkSummary(m[2]) }},
		{regexp.MustCompile(`^model channel (on|off)$`), func(m []string) string { return "学习模型通道" + onOff(m[1]) }},
		{regexp.MustCompile(`^was (on|off)$`), func(m []string) string { return "原为" + onOff(m[1]) }},
		{regexp.MustCompile(`^was activated by (\S+) at (\S+)$`), func(m []string) string { return "原由 " + m[1] + " 于 " + m[2] + " 启用" }},
		{regexp.MustCompile(`^display name$`), func([]string) string { return "显示名称" }},
		{regexp.MustCompile(`^password$`), func([]string) string { return "密码" }},
	}
	auditKeys = map[string]string{"route": "处置路径", "recipient": "收件方", "reason": "原因", "note": "备注", "number": "文号",
		"roles": "角色", "disabled": "停用", "file": "文件", "sha256": "SHA-256", "size": "大小（字节）", "previous": "原版本",
		// Claims and comments (assign.go).
		"until": "认领至", "from": "原认领人", "to": "改派给", "comment": "评论编号", "text": "内容"}
)

// auditDetail is a recorded detail in Chinese: its "; "-separated parts
// rewritten one by one (a status change, key=value, a known phrase), or
// the detail as recorded when a part has an unknown shape.
func auditDetail(action, detail string) string {
	if detail == "" {
		return ""
	}
	parts := strings.Split(detail, "; ")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		c, ok := auditPart(action, p)
		if !ok {
			return detail
		}
		out = append(out, c)
	}
	return strings.Join(out, "；")
}

func auditPart(action, p string) (string, bool) {
	if m := auditTransition.FindStringSubmatch(p); m != nil {
		return stateName(action, m[1]) + " → " + stateName(action, m[2]), true
	}
	if m := auditKeyValue.FindStringSubmatch(p); m != nil {
		key, ok := auditKeys[m[1]]
		if !ok {
			return "", false
		}
		return key + "：" + auditValue(m[1], m[2]), true
	}
	for _, ph := range auditPhrases {
		if m := ph.re.FindStringSubmatch(p); m != nil {
			return ph.repl(m), true
		}
	}
	return "", false
}

// stateName names a status in a transition: a case's for case actions,
// a notice's for notice actions.
func stateName(action, v string) string {
	if strings.HasPrefix(action, "notice.") {
		return casework.NoticeState(v).Name()
	}
	return casework.CaseStatus(v).Name()
}

// auditValue names the value of a key=value part.
func auditValue(key, v string) string {
	switch key {
	case "route":
		return casework.Route(v).Name()
	case "reason":
		return casework.DismissReason(v).Name()
	case "roles":
		var names []string
		for _, r := range strings.Split(v, ",") {
			names = append(names, casework.Role(strings.TrimSpace(r)).Name())
		}
		return strings.Join(names, "、")
	case "until":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.In(store.Beijing).Format("2006-01-02 15:04") + "（北京时间）"
		}
	case "disabled":
		if v == "true" {
			return "是"
		}
		return "否"
	}
	return v
}

// checkSummary names a removal check's summary: "case 3 removed, case 4
// live, notice removed".
func checkSummary(s string) string {
	var out []string
	for _, p := range strings.Split(s, ", ") {
		var id uint64
		var outcome string
		switch {
		case p == "notice removed":
			out = append(out, "通知已全部删除下架")
		case fmtScan(p, &id, &outcome):
			out = append(out, fmt.Sprintf("线索 #%d %s", id, casework.Outcome(outcome).Name()))
		default:
			out = append(out, p)
		}
	}
	return strings.Join(out, "，")
}

func fmtScan(p string, id *uint64, outcome *string) bool {
	n, err := fmt.Sscanf(p, "case %d %s", id, outcome)
	return err == nil && n == 2
}

func onOff(v string) string {
	if v == "on" {
		return "开启"
	}
	return "关闭"
}

// loginReason names why a sign-in failed (the throttle's reasons).
func loginReason(r string) string {
	switch r {
	case "wrong password":
		return "密码错误"
	case "wrong current password":
		return "当前密码错误"
	case "no such user":
		return "用户不存在"
	case "account disabled":
		return "账户已停用"
	}
	return r
}
