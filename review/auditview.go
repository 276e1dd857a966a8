package review

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

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
		// The audit export's filter (auditview.go).
		"format": "格式", "entries": "条数", "date_from": "起始日期", "date_to": "截止日期", "actor": "操作人", "action": "操作", "object": "对象",
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
	case "format":
		return strings.ToUpper(v)
	case "object":
		kind, id, ok := strings.Cut(v, ":")
		if !ok {
			return casework.AuditObject(v).Name()
		}
		if kind == "case" || kind == "notice" {
			return casework.AuditObject(kind).Name() + " #" + id
		}
		return casework.AuditObject(kind).Name() + " " + id
	case "action":
		return actionFilterName(v)
	case "until":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			// Non-breaking hyphens and space: the detail column is narrow
			// and a date must not wrap mid-word (TestLayoutAt1024).
			return strings.NewReplacer("-", "\u2011", " ", "\u00a0").Replace(t.In(store.Beijing).Format("2006-01-02 15:04")) + "（北京时间）"
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

// maxAuditExport bounds one export of the audit log: a larger selection
// is refused with a request to narrow the filter.
var maxAuditExport = 10_000 // a variable so that a test may lower it

// maxAuditFilterText bounds the text filters (user, action, object).
const maxAuditFilterText = 200

// auditQuery is the audit page's filter as the query string gives it:
// user, action (a prefix), object, and a range of Beijing days
// (from/to, both included).
type auditQuery struct {
	Filter   store.AuditFilter
	From, To string // as given, 2006-01-02
}

// readAuditQuery reads the filter; a malformed date, a last day before
// the first, or an over-long text is a bad request.
func readAuditQuery(q url.Values) (auditQuery, error) {
	before, _ := strconv.ParseUint(q.Get("before"), 10, 64)
	a := auditQuery{Filter: store.AuditFilter{Actor: strings.TrimSpace(q.Get("actor")), ActionPrefix: q.Get("action"),
		Object: strings.TrimSpace(q.Get("object")), Before: before}, From: q.Get("from"), To: q.Get("to")}
	for _, s := range []string{a.Filter.Actor, a.Filter.ActionPrefix, a.Filter.Object} {
		if len(s) > maxAuditFilterText {
			return a, badRequest("筛选条件过长（最多 %d 字节）。", maxAuditFilterText)
		}
	}
	day := func(s string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, s, store.Beijing)
		if err != nil {
			return t, badRequest("日期“%s”格式不对，应为 年-月-日，如 2026-03-10。", s)
		}
		return t, nil
	}
	if a.From != "" {
		t, err := day(a.From)
		if err != nil {
			return a, err
		}
		a.Filter.Since = t
	}
	if a.To != "" {
		t, err := day(a.To)
		if err != nil {
			return a, err
		}
		a.Filter.Until = t.AddDate(0, 0, 1)
	}
	if !a.Filter.Since.IsZero() && !a.Filter.Until.IsZero() && !a.Filter.Until.After(a.Filter.Since) {
		return a, badRequest("截止日期早于起始日期。")
	}
	return a, nil
}

// Describe is the filter in Chinese, for the export's audit entry and
// file.
func (a auditQuery) Describe() string {
	var parts []string
	if a.From != "" {
		parts = append(parts, "date_from="+a.From)
	}
	if a.To != "" {
		parts = append(parts, "date_to="+a.To)
	}
	if a.Filter.Actor != "" {
		parts = append(parts, "actor="+a.Filter.Actor)
	}
	if a.Filter.ActionPrefix != "" {
		parts = append(parts, "action="+a.Filter.ActionPrefix)
	}
	if a.Filter.Object != "" {
		parts = append(parts, "object="+a.Filter.Object)
	}
	return strings.Join(parts, "; ")
}

// actionFilterName names an action filter value: a group's name or an
// action's.
func actionFilterName(v string) string {
	for _, o := range auditActionOptions("") {
		if o.Value == v {
			return o.Name
		}
	}
	return v
}

// auditExportHead is the header row of an export.
var auditExportHead = []string{"序号", "时间（北京时间）", "操作人", "操作", "对象", "详情", "原始操作", "原始对象", "原始详情", "哈希"}

func (s *Server) auditExportRow(e store.AuditEntry) []string {
	row := s.auditRowOf(e)
	return []string{strconv.FormatUint(e.Seq, 10), e.At.In(store.Beijing).Format("2006-01-02 15:04:05"), e.Actor,
		row.ActionName, row.ObjectName, row.DetailText, e.Action, e.Object, e.Detail, e.Hash}
}

// auditExport writes the filtered entries (newest first, at most
// maxAuditExport) as CSV (UTF-8 with a byte-order mark, which Excel
// needs to read it as UTF-8) or XLSX, and records the export in the log.
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request) {
	a, err := readAuditQuery(r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		s.failErr(w, r, badRequest("导出格式只能是 CSV 或 XLSX。"))
		return
	}
	f := a.Filter
	f.Before, f.Limit = 0, maxAuditExport+1
	entries, err := s.st.AuditEntries(f)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if len(entries) > maxAuditExport {
		s.failErr(w, r, badRequest("符合条件的记录超过 %d 条，请缩小日期范围或增加筛选条件后再导出。", maxAuditExport))
		return
	}
	rows := make([][]string, len(entries))
	for i, e := range entries {
		rows[i] = s.auditExportRow(e)
	}
	var buf bytes.Buffer
	if format == "csv" {
		buf.WriteString("\uFEFF")
		cw := csv.NewWriter(&buf)
		_ = cw.Write(auditExportHead)
		for _, row := range rows {
			_ = cw.Write(csvSafe(row))
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			s.serverError(w, r, err)
			return
		}
	} else if err := writeAuditXLSX(&buf, rows); err != nil {
		s.serverError(w, r, err)
		return
	}
	detail := fmt.Sprintf("format=%s; entries=%d", format, len(entries))
	if d := a.Describe(); d != "" {
		detail += "; " + d
	}
	s.audit(r, currentUser(r).Name, "audit.export", "audit", detail)
	name := "certwatch-audit-" + s.now().In(store.Beijing).Format("20060102-150405") + "." + format
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = buf.WriteTo(w)
}

// csvSafe keeps a spreadsheet from reading a cell as a formula: values
// starting with = + - @ (an audit detail may quote what a user typed) get
// a leading apostrophe.
func csvSafe(row []string) []string {
	out := make([]string, len(row))
	for i, v := range row {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			v = "'" + v
		}
		out[i] = v
	}
	return out
}

// writeAuditXLSX writes rows under auditExportHead as one sheet (values
// are written as strings, never formulas).
func writeAuditXLSX(w io.Writer, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "审计日志"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	cells := func(vs []string) []any {
		out := make([]any, len(vs))
		for i, v := range vs {
			out[i] = excelize.Cell{Value: v}
		}
		return out
	}
	if err := sw.SetRow("A1", cells(auditExportHead)); err != nil {
		return err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells(row)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// auditUsers are the account names the user filter offers.
func (s *Server) auditUsers() []string {
	users, err := s.st.Users()
	if err != nil {
		s.log.Warn("audit page: list users", "err", err)
		return nil
	}
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.Name
	}
	return out
}
