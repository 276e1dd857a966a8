package review

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// landing is where a signed-in user starts (GET /): their own to-do.
// Reviewers start on the open cases of their department (both
// departments' reviewers on every open case), approvers and admins on
// the dashboard (approvals and notices to sign; health), analysts on the
// rule trial page, anyone else on their account.
func landing(u *store.User) string {
	cac, samr := u.Has(casework.RoleReviewerCAC), u.Has(casework.RoleReviewerSAMR)
	switch {
	case cac && samr:
		return "/cases?status=open"
	case cac:
		return "/cases?" + url.Values{"status": {string(casework.CaseOpen)}, "route": {string(casework.RouteTakedownCAC)}}.Encode()
	case samr:
		return "/cases?" + url.Values{"status": {string(casework.CaseOpen)}, "route": {string(casework.RouteTakedownSAMR)}}.Encode()
	case u.Has(casework.RoleApprover), u.Has(casework.RoleAdmin):
		return "/dashboard"
	case u.Has(casework.RoleAnalyst):
		return "/rules/test"
	}
	return "/account"
}

// roleHome sends each role to its own to-do (see landing).
func (s *Server) roleHome(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, landing(currentUser(r)), http.StatusSeeOther)
}

// dashItem is one number of the dashboard with the list it counts.
type dashItem struct {
	ID    string // element id, for tests and the browser walk-through
	Label string
	N     int
	Link  string
	Hint  string // what is counted, in a sentence
	Alert bool   // a number above 0 needs attention
}

// dashSweep is one recent sweep as the dashboard's sweep trouble shows
// it.
type dashSweep struct {
	sweepRow
	Failed, Blocked, Trouble int
}

// dashOnline is one listed URL a removal check last found still online.
type dashOnline struct {
	Notice store.Notice
	Item   store.NoticeItem
}

// dashRecentSweeps is how many of the latest sweeps the dashboard reads
// for trouble.
const dashRecentSweeps = 5

// maxDashOnline bounds the still-online list.
const maxDashOnline = 500

// noticeOverdue says whether notice n is overdue at now: sent or
// acknowledged and past the reply deadline set when it was approved
// (store.Notice.State). The dashboard counts and the notice list filter
// by this one rule.
func noticeOverdue(n store.Notice, now time.Time) bool {
	return n.State(now) == casework.NoticeOverdue
}

// stillOnline are the items of sent notices whose latest removal check
// found them still online (仍在线), newest notice first, at most limit.
func stillOnline(notices []store.Notice, limit int) (out []dashOnline, total int) {
	for _, n := range notices {
		if n.SentAt.IsZero() {
			continue
		}
		for _, it := range n.Items {
			if it.Outcome == casework.OutcomeLive {
				total++
				if len(out) < limit {
					out = append(out, dashOnline{Notice: n, Item: it})
				}
			}
		}
	}
	return out, total
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	var todo, watch []dashItem
	caseLink := func(status casework.CaseStatus, route casework.Route) string {
		q := url.Values{"status": {string(status)}}
		if route != "" {
			q.Set("route", string(route))
		}
		return "/cases?" + q.Encode()
	}
	if allowed(u, permReadCases) {
		// Counted from the queue's own filter (one read of the cases), by
		// the route the queue's route filter compares, so each number is
		// the length of the list it links to.
		all, _, _, _, err := s.filterCases(queueFilter{})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		type key struct {
			status casework.CaseStatus
			route  casework.Route
		}
		counts := map[key]int{}
		for _, row := range all {
			counts[key{row.Status, ""}]++
			counts[key{row.Status, queueRoute(row)}]++
		}
		add := func(id, label, hint string, status casework.CaseStatus, route casework.Route) {
			todo = append(todo, dashItem{ID: id, Label: label, N: counts[key{status, route}], Link: caseLink(status, route), Hint: hint})
		}
		for _, rt := range casework.TakedownRoutes() {
			if canRoute(u, rt) {
				add("todo-"+string(rt), rt.Department()+"待审核线索", "建议走"+rt.Name()+"、尚未审核的线索。", casework.CaseOpen, rt)
			}
		}
		if u.Has(casework.RoleReviewerCAC) || u.Has(casework.RoleReviewerSAMR) {
			add("todo-referral", "建议移送公安的待审核线索", "规则建议移送公安、尚未审核的线索（两个部门的审核员均可处理）。", casework.CaseOpen, casework.RoutePoliceReferral)
		}
		if u.Has(casework.RoleApprover) {
			add("todo-approval", "待审批的移送", "审核员已提交移送公安、等待审批的线索。", casework.CasePendingApproval, "")
		}
	}
	var online []dashOnline
	if allowed(u, permReadNotices) {
		now := s.now()
		notices, err := s.st.Notices(store.NoticeFilter{Now: now})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var drafts, approved, overdue int
		for _, n := range notices {
			switch {
			case n.Status == casework.NoticeDraft:
				drafts++
			case n.Status == casework.NoticeApproved:
				approved++
			}
			if noticeOverdue(n, now) {
				overdue++
			}
		}
		if u.Has(casework.RoleApprover) {
			todo = append(todo, dashItem{ID: "todo-sign", Label: "待签发的通知", N: drafts,
				Link: "/notices?status=" + string(casework.NoticeDraft), Hint: "草稿状态、等待审批人签发的通知与移送函。"})
		}
		todo = append(todo, dashItem{ID: "todo-send", Label: "已签发待发送的通知", N: approved,
			Link: "/notices?status=" + string(casework.NoticeApproved), Hint: "已签发、尚未标记为已发送的通知。"})
		var total int
		online, total = stillOnline(notices, maxDashOnline)
		watch = append(watch,
			dashItem{ID: "watch-overdue", Label: "已逾期的通知", N: overdue, Alert: true,
				Link: "/notices?status=" + string(casework.NoticeOverdue), Hint: "已发送或已签收、但已过签发时设定的回复期限仍未处置完毕的通知。"},
			dashItem{ID: "watch-online", Label: "复查仍在线的链接", N: total, Alert: true,
				Link: "/dashboard/online", Hint: "已发送通知中，最近一次复查仍能访问的链接。"})
	}
	var sweeps []dashSweep
	if allowed(u, permSweeps) {
		sws, err := s.st.Sweeps(dashRecentSweeps)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		troubled, latest := 0, ""
		for _, sw := range sws {
			row := dashSweep{sweepRow: sweepRowOf(sw)}
			row.Failed, row.Blocked = row.Stats.Total.FailedTotal(), row.Stats.Total.Blocked+row.Stats.Total.BlockedAddress
			row.Trouble = len(row.Stats.Trouble)
			// Failed and blocked pages are in the table; a sweep counts as
			// troubled when it judged a source in trouble (a few failed
			// pages are normal, a source gone quiet or mostly blocked is
			// not).
			if row.Trouble > 0 {
				troubled++
			}
			sweeps = append(sweeps, row)
		}
		if len(sws) > 0 {
			latest = fmt.Sprintf("/sweeps/%d", sws[0].ID)
		}
		item := dashItem{ID: "watch-sweeps", Label: fmt.Sprintf("最近 %d 次巡查中有问题的次数", len(sws)), N: troubled, Alert: true,
			Link: "/sweeps", Hint: "报告了来源问题（如未检查、全部抓取失败、大部分被拦截、突然没有发现）的巡查；各次的失败与被拦截数见下表。"}
		if len(sweeps) > 0 {
			watch = append(watch, item, dashItem{ID: "watch-trouble", Label: "最近一次巡查的来源问题", N: sweeps[0].Trouble, Alert: true,
				Link: latest, Hint: "最近一次巡查报告的来源问题条数（详见该次巡查）。"})
		} else {
			watch = append(watch, item)
		}
	}
	data := map[string]any{"Todo": todo, "Watch": watch, "Sweeps": sweeps, "Online": online,
		"Charts": allowed(u, permReports)}
	if u.Has(casework.RoleAdmin) {
		health := "正常"
		if err := s.st.Healthy(); err != nil {
			health = "异常：" + err.Error()
		}
		data["Health"] = health
		data["Busy"] = s.opts.SweepBusy != nil && s.opts.SweepBusy()
	}
	s.render(w, r, http.StatusOK, "dashboard", data)
}

// dashboardOnline lists the links a removal check last found still
// online.
func (s *Server) dashboardOnline(w http.ResponseWriter, r *http.Request) {
	notices, err := s.st.Notices(store.NoticeFilter{Now: s.now()})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows, total := stillOnline(notices, maxDashOnline)
	slices.SortStableFunc(rows, func(a, b dashOnline) int { return cmp.Compare(a.Item.OutcomeAt.Unix(), b.Item.OutcomeAt.Unix()) })
	s.render(w, r, http.StatusOK, "dashonline", map[string]any{"Rows": rows, "Total": total, "Max": maxDashOnline})
}

// queueRoute is the route the queue's route filter compares (filterCases
// in cases.go): the chosen route, else the suggested one. The dashboard's
// counts use it so that each number is the length of its list.
func queueRoute(row caseRow) casework.Route { return cmp.Or(row.Route, row.SuggestedRoute) }
