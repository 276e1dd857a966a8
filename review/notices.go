package review

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/store"
)

type noticeRow struct {
	store.Notice
	State     casework.NoticeState
	NextCheck time.Time
	Removed   int
}

func noticeRowOf(n store.Notice, now time.Time) noticeRow {
	row := noticeRow{Notice: n, State: n.State(now), NextCheck: n.NextCheck()}
	for _, it := range n.Items {
		if it.Outcome.Gone() {
			row.Removed++
		}
	}
	return row
}

func (s *Server) noticeList(w http.ResponseWriter, r *http.Request) {
	status := casework.NoticeState(r.URL.Query().Get("status"))
	route := casework.Route(r.URL.Query().Get("route"))
	track := r.URL.Query().Get("track")
	if !trackFilterKnown(track) {
		s.fail(w, r, http.StatusBadRequest, "未知的筛选条件。")
		return
	}
	now := s.now()
	all, err := s.st.Notices(store.NoticeFilter{Now: now})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts := map[casework.NoticeState]int{}
	var rows, routeRows []noticeRow
	for _, n := range all {
		if route != "" && n.Route != route {
			continue
		}
		row := noticeRowOf(n, now)
		counts[row.State]++
		counts[""]++
		routeRows = append(routeRows, row)
		if status == "" || row.State == status {
			rows = append(rows, row)
		}
	}
	trackCounts, tracks, err := s.trackCounts(routeRows)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows = filterTrack(track, rows, tracks)
	s.render(w, r, http.StatusOK, "notices", map[string]any{
		"Rows": rows, "Status": status, "Route": route, "Counts": counts, "CountAll": counts[""],
		"Statuses": casework.NoticeStates, "Routes": casework.Routes,
		"Track": track, "TrackFilters": trackFilters, "TrackCounts": trackCounts, "Replies": replyDates(tracks),
		"Reminders": s.inAppMessages(10),
	})
}

// noticeMoveRoles: who may move a notice along each route, besides an
// approver (who may do everything, and alone approves and withdraws).
func canMoveNotice(u *store.User, n *store.Notice, to casework.NoticeState) bool {
	if u.Has(casework.RoleApprover) {
		return true
	}
	if to == casework.NoticeApproved || to == casework.NoticeDraft {
		return false
	}
	return canRoute(u, n.Route)
}

type noticeView struct {
	noticeRow
	Moves   []casework.NoticeState
	Office  string
	Checker bool
	Printer bool
	Track   *trackView // delivery, receipt, reply, timeline (noticetrack.go)
}

func (s *Server) noticePage(w http.ResponseWriter, r *http.Request) {
	s.warmPrinter()
	n, ok := s.pathNotice(w, r)
	if !ok {
		return
	}
	u := currentUser(r)
	v := noticeView{noticeRow: noticeRowOf(*n, s.now()), Checker: s.opts.Checker != nil, Printer: s.opts.Printer != nil}
	if o := s.opts.Serve.Offices[n.Route]; o != nil {
		v.Office = o.Issuer
	}
	for _, to := range casework.NoticeMovesFrom(n.Status) {
		if canMoveNotice(u, n, to) {
			v.Moves = append(v.Moves, to)
		}
	}
	var err error
	if v.Track, err = s.trackView(n, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notice", v)
}

func (s *Server) moveNotice(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	n, err := s.st.Notice(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	u := currentUser(r)
	to := casework.NoticeState(r.PostFormValue("to"))
	if !canMoveNotice(u, n, to) {
		s.fail(w, r, http.StatusForbidden, "您的角色无权将该通知改为此状态（签发和撤回须由审批人操作）。")
		return
	}
	m := store.NoticeMove{To: to, By: u.Name, Note: strings.TrimSpace(r.PostFormValue("note"))}
	if len([]rune(m.Note)) > 2000 {
		s.fail(w, r, http.StatusBadRequest, "备注过长。")
		return
	}
	switch to {
	case casework.NoticeApproved:
		s.approveMu.Lock()
		defer s.approveMu.Unlock()
		o := s.office(n.Route)
		now := s.now()
		m.IssuedAt, m.Deadline = now, now.Add(o.Deadline)
		if m.Number, err = s.nextNumber(n.Route, o.NumberPrefix, now); err != nil {
			s.serverError(w, r, err)
			return
		}
	case casework.NoticeSent:
		m.CheckAfter = s.opts.Serve.RemovalChecks
	}
	if _, err := s.st.MoveNotice(id, m); err != nil {
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/notices/%d", id), "moved")
}

// nextNumber gives the next 文号 of a route in the year of now:
// prefix〔2026〕7号.
func (s *Server) nextNumber(route casework.Route, prefix string, now time.Time) (string, error) {
	all, err := s.st.Notices(store.NoticeFilter{Route: route, Now: now})
	if err != nil {
		return "", err
	}
	// Every approval ever made takes a number, so a withdrawn and
	// re-approved notice gets a new one and numbers never repeat.
	year := now.In(store.Beijing).Year()
	n := 0
	for _, x := range all {
		for _, ev := range x.History {
			if ev.To == casework.NoticeApproved && ev.At.In(store.Beijing).Year() == year {
				n++
			}
		}
	}
	return fmt.Sprintf("%s〔%d〕%d号", prefix, year, n+1), nil
}

func (s *Server) office(route casework.Route) *officeConf {
	o := s.opts.Serve.Offices[route]
	if o == nil {
		return &officeConf{Issuer: "（未配置发文机关）", NumberPrefix: "函", Deadline: 72 * time.Hour}
	}
	return &officeConf{Issuer: o.Issuer, NumberPrefix: o.NumberPrefix, Contact: o.Contact, Deadline: cmp.Or(o.Deadline, 72*time.Hour)}
}

type officeConf struct {
	Issuer, NumberPrefix, Contact string
	Deadline                      time.Duration
}

// document builds the letter for a notice. A draft shows today's date and
// the deadline it would get if approved now, marked 草稿.
func (s *Server) document(n *store.Notice) (*notice.Document, error) {
	o := s.office(n.Route)
	now := s.now()
	d := &notice.Document{
		Kind: n.Route, Number: n.Number, Addressee: n.Recipient, Issuer: o.Issuer,
		IssuedAt: n.IssuedAt, Deadline: n.Deadline, Contact: o.Contact,
	}
	if n.Status == casework.NoticeDraft {
		d.Status = "草稿"
		d.IssuedAt, d.Deadline = now, now.Add(o.Deadline)
		d.Number = o.NumberPrefix + "〔" + fmt.Sprint(now.In(store.Beijing).Year()) + "〕（待签发）号"
	}
	seenReason, seenBasis := map[string]bool{}, map[string]bool{}
	for _, it := range n.Items {
		d.Listings = append(d.Listings, notice.Listing{CaseID: it.CaseID, URL: it.URL, Title: it.Title,
			Platform: hostOf(it.URL), CapturedAt: it.CapturedAt, EvidenceSHA256: it.BodySHA256,
			SnapshotID: it.SnapshotID, Category: s.categoryName(it.Category)})
		c, err := s.st.Case(it.CaseID)
		if err != nil {
			return nil, err
		}
		f := &finding.Finding{}
		if len(c.Finding) > 0 {
			if f, err = finding.Decode(c.Finding); err != nil {
				return nil, fmt.Errorf("case %d: %w", c.ID, err)
			}
		}
		for _, h := range f.Rules {
			if !h.Fired {
				continue
			}
			for _, p := range s.packs() {
				rule := p.Rule(h.ID)
				if rule == nil {
					continue
				}
				if rule.Description != "" && !seenReason[rule.Description] {
					seenReason[rule.Description] = true
					d.Reasons = append(d.Reasons, rule.Description)
				}
				for _, b := range strings.Split(rule.LegalBasis, "；") {
					if b = strings.TrimSpace(strings.TrimSuffix(b, "。")); b != "" && !seenBasis[b] {
						seenBasis[b] = true
						d.LegalBasis = append(d.LegalBasis, b)
					}
				}
				break
			}
		}
	}
	slices.Sort(d.LegalBasis)
	s.escalationWording(n, d)
	hf, err := s.referralFacts(n) // referral.go: a referral's second annex
	if err != nil {
		return nil, err
	}
	d.HostFacts = hf
	return d, nil
}

func (s *Server) noticeFor(w http.ResponseWriter, r *http.Request) (*store.Notice, *notice.Document, bool) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return nil, nil, false
	}
	n, err := s.st.Notice(id)
	if err != nil {
		s.failErr(w, r, err)
		return nil, nil, false
	}
	d, err := s.document(n)
	if err != nil {
		s.serverError(w, r, err)
		return nil, nil, false
	}
	return n, d, true
}

// noticeDocument shows the letter as HTML (its own stylesheet, inline in
// the document, is allowed by this response's CSP; it carries no script).
func (s *Server) noticeDocument(w http.ResponseWriter, r *http.Request) {
	_, d, ok := s.noticeFor(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := notice.RenderHTML(&buf, d); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = buf.WriteTo(w)
}

// noticePDF prints the letter with Chromium.
func (s *Server) noticePDF(w http.ResponseWriter, r *http.Request) {
	s.warmPrinter()
	n, d, ok := s.noticeFor(w, r)
	if !ok {
		return
	}
	if s.opts.Printer == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "生成 PDF 需要 Chromium，本服务未配置浏览器。可先打开 HTML 版本用浏览器打印。")
		return
	}
	u := currentUser(r)
	t := &task{kind: taskNoticePDF, key: fmt.Sprint(n.ID), perm: permReadNotices, tries: printAttempts,
		label: fmt.Sprintf("生成通知 %s 的 PDF", noticeLabel(n)), retry: r.URL.RequestURI(),
		alt: fmt.Sprintf("/notices/%d/document", n.ID)}
	s.runTask(w, r, t, func(ctx context.Context) (taskResult, error) {
		ctx, cancel := context.WithTimeout(ctx, s.opts.PrintTimeout)
		defer cancel()
		pdf, err := notice.PDF(ctx, s.opts.Printer, d)
		if err != nil {
			return taskResult{}, err
		}
		s.audit(r, u.Name, "notice.print", fmt.Sprintf("notice:%d", n.ID), fmt.Sprintf("status %s, %d bytes", n.Status, len(pdf)))
		return taskResult{PDF: pdf, Filename: fmt.Sprintf("certwatch-notice-%d.pdf", n.ID)}, nil
	})
}

// noticeLabel names a notice for people: its 文号, or its number in the
// list while it has none.
func noticeLabel(n *store.Notice) string {
	if n.Number != "" {
		return n.Number
	}
	return fmt.Sprintf("#%d", n.ID)
}

// checkNotice runs a removal check of a sent notice now.
func (s *Server) checkNotice(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if s.opts.Checker == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "本服务未配置复查（没有抓取配置）。")
		return
	}
	n, err := s.st.Notice(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if n.Status != casework.NoticeSent && n.Status != casework.NoticeAcknowledged {
		s.fail(w, r, http.StatusConflict, "只有已发送或已签收的通知才能复查。")
		return
	}
	by := currentUser(r).Name
	t := &task{kind: taskNoticeCheck, key: fmt.Sprint(id), perm: permCheck, tries: 1,
		label: fmt.Sprintf("复查通知 %s 所列网址是否仍在线", noticeLabel(n)), retry: fmt.Sprintf("/notices/%d", id)}
	s.runTask(w, r, t, func(ctx context.Context) (taskResult, error) {
		ctx, cancel := context.WithTimeout(ctx, checkTimeout)
		defer cancel()
		if _, err := s.opts.Checker.CheckNotice(ctx, id, by); err != nil {
			return taskResult{}, err
		}
		return taskResult{Redirect: fmt.Sprintf("/notices/%d?ok=checked", id)}, nil
	})
}

// checkTimeout bounds one removal check of a notice.
const checkTimeout = 5 * time.Minute
