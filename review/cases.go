package review

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// pageSize is how many cases the queue shows at once.
const pageSize = 50

// queueFilter is the queue's filter, read from the query string.
type queueFilter struct {
	Category, Source, Route, Status string
	From, To                        string // dates, 2006-01-02, on first seen
	New                             bool   // first seen in the latest sweep
	Page                            int
}

func readQueueFilter(q url.Values) queueFilter {
	f := queueFilter{
		Category: q.Get("category"), Source: q.Get("source"), Route: q.Get("route"),
		Status: q.Get("status"), From: q.Get("from"), To: q.Get("to"), New: q.Get("new") == "1",
	}
	if _, ok := q["status"]; !ok {
		f.Status = store.CaseOpen
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.Page = max(f.Page, 1)
	return f
}

// caseRow is one line of the queue.
type caseRow struct {
	store.Case
	CategoryName   string
	SuggestedRoute string
	Host           string
	New            bool
}

type queueView struct {
	Filter     queueFilter
	Query      url.Values
	Rows       []caseRow
	Total      int
	Page, Last int
	Counts     map[string]int
	Statuses   []string
	Categories []string
	CatNames   map[string]string
	Sources    []string
	Routes     []string
	Latest     uint64
	Reasons    map[string]string
}

// suggestedRoute is the route the strongest rule suggests, or the case's
// source's takedown route when the rule suggests a takedown (a police
// referral is never turned into a takedown).
func (s *Server) suggestedRoute(c *store.Case) string {
	route := c.SuggestedRoute
	if r := s.opts.SourceRoutes[c.SourceID]; r != "" && route != "police_referral" {
		return r
	}
	return route
}

// categoryName is a category's display name from the packs.
func (s *Server) categoryName(id string) string {
	for _, p := range s.packs() {
		if n := p.CategoryName(id); n != id {
			return n
		}
	}
	return id
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Hostname()
	}
	return ""
}

// filterCases applies the queue filter; it also counts cases per status
// under the other filters.
func (s *Server) filterCases(f queueFilter) (rows []caseRow, counts map[string]int, latest uint64, all []store.Case, err error) {
	all, err = s.st.Cases(store.CaseFilter{})
	if err != nil {
		return nil, nil, 0, nil, err
	}
	if sw, err := s.st.Sweeps(1); err == nil && len(sw) > 0 {
		latest = sw[0].ID
	}
	from, _ := time.ParseInLocation("2006-01-02", f.From, store.Beijing)
	to, _ := time.ParseInLocation("2006-01-02", f.To, store.Beijing)
	counts = map[string]int{}
	for _, c := range all {
		row := caseRow{Case: c, SuggestedRoute: s.suggestedRoute(&c), New: latest > 0 && c.FirstSweep == latest}
		route := cmp.Or(c.Route, row.SuggestedRoute)
		switch {
		case f.Category != "" && c.Category != f.Category,
			f.Source != "" && c.SourceID != f.Source,
			f.Route != "" && route != f.Route,
			!from.IsZero() && c.FirstSeen.Before(from),
			!to.IsZero() && !c.FirstSeen.Before(to.AddDate(0, 0, 1)),
			f.New && !row.New:
			continue
		}
		counts[c.Status]++
		counts[""]++
		if f.Status == "" || c.Status == f.Status {
			rows = append(rows, row)
		}
	}
	return rows, counts, latest, all, nil
}

func (s *Server) queue(w http.ResponseWriter, r *http.Request) {
	f := readQueueFilter(r.URL.Query())
	rows, counts, latest, all, err := s.filterCases(f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := queueView{Filter: f, Query: r.URL.Query(), Total: len(rows), Counts: counts, Latest: latest,
		Statuses: []string{store.CaseOpen, store.CasePendingApproval, store.CaseConfirmed, store.CaseDismissed},
		Routes:   []string{"takedown_cac", "takedown_samr", "police_referral"}, Reasons: store.DismissReasonNames,
		CatNames: map[string]string{}}
	seenCat, seenSrc := map[string]bool{}, map[string]bool{}
	for _, c := range all {
		if c.Category != "" && !seenCat[c.Category] {
			seenCat[c.Category] = true
			v.Categories = append(v.Categories, c.Category)
			v.CatNames[c.Category] = s.categoryName(c.Category)
		}
		if c.SourceID != "" && !seenSrc[c.SourceID] {
			seenSrc[c.SourceID] = true
			v.Sources = append(v.Sources, c.SourceID)
		}
	}
	slices.Sort(v.Categories)
	slices.Sort(v.Sources)
	v.Last = max(1, (len(rows)+pageSize-1)/pageSize)
	v.Page = min(f.Page, v.Last)
	lo := (v.Page - 1) * pageSize
	v.Rows = s.decorate(rows[lo:min(lo+pageSize, len(rows))])
	s.render(w, r, http.StatusOK, "queue", v)
}

// decorate fills in what only shown rows need.
func (s *Server) decorate(rows []caseRow) []caseRow {
	for i := range rows {
		rows[i].CategoryName, rows[i].Host = s.categoryName(rows[i].Category), hostOf(rows[i].URL)
	}
	return rows
}

// segment is a run of page text, highlighted or not.
type segment struct {
	Text string
	Kind string // "" plain; term, pattern, group, exclusion, contact
	Term string
}

// maxShownText bounds the text a case page shows.
const maxShownText = 200 << 10

// highlight cuts text into segments at the matches of one field. Spans
// come from the matcher as byte offsets; overlapping or out-of-range
// spans are skipped, and a span that does not fall on UTF-8 boundaries
// is skipped too. The template escapes every segment.
func highlight(text string, spans []span) ([]segment, bool) {
	truncated := false
	if len(text) > maxShownText {
		cut := maxShownText
		for cut > 0 && !utf8Start(text[cut]) {
			cut--
		}
		text, truncated = text[:cut], true
	}
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End)) })
	var out []segment
	pos := 0
	for _, sp := range spans {
		if sp.Start < pos || sp.End > len(text) || sp.Start >= sp.End ||
			!utf8Start(text[sp.Start]) || (sp.End < len(text) && !utf8Start(text[sp.End])) {
			continue
		}
		if sp.Start > pos {
			out = append(out, segment{Text: text[pos:sp.Start]})
		}
		out = append(out, segment{Text: text[sp.Start:sp.End], Kind: sp.Kind, Term: sp.Term})
		pos = sp.End
	}
	if pos < len(text) {
		out = append(out, segment{Text: text[pos:]})
	}
	return out, truncated
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

type span struct {
	Start, End int
	Kind, Term string
}

func spansOf(f *matcher.Finding, field string) []span {
	var out []span
	for _, m := range f.Matches {
		if m.Field == field {
			out = append(out, span{m.Start, m.End, m.Kind, m.Term})
		}
	}
	for _, c := range f.Contacts {
		if c.Field == field {
			out = append(out, span{c.Start, c.End, "contact", c.Kind})
		}
	}
	return out
}

type snapshotView struct {
	store.Snapshot
	HasScreenshot bool
}

type ruleView struct {
	matcher.RuleHit
	Description, LegalBasis, CategoryName string
}

type caseView struct {
	Case           *store.Case
	Finding        *matcher.Finding
	Rules          []ruleView
	Title, Text    []segment
	TextTruncated  bool
	NoText         bool
	Snapshots      []snapshotView
	Latest         *snapshotView
	Sightings      []store.Sighting
	Decisions      []store.Decision
	Notice         *store.Notice
	NoticeItem     *store.NoticeItem
	SuggestedRoute string
	Recipients     map[string]string
	MyRoutes       []string
	Reasons        map[string]string
	CanApprove     bool
	CanWithdraw    bool // a confirmation that can still be taken back
	Host           string
	CategoryName   string
}

func pathID(r *http.Request, name string) (uint64, error) {
	id, err := strconv.ParseUint(r.PathValue(name), 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("%w: %s must be a number", errBadRequest, name)
	}
	return id, nil
}

func (s *Server) loadCaseView(r *http.Request, id uint64) (*caseView, error) {
	c, err := s.st.Case(id)
	if err != nil {
		return nil, err
	}
	u := currentUser(r)
	v := &caseView{Case: c, Finding: &matcher.Finding{}, Reasons: store.DismissReasonNames, Host: hostOf(c.URL),
		CategoryName:   s.categoryName(c.Category),
		SuggestedRoute: s.suggestedRoute(c), Recipients: map[string]string{}}
	if len(c.Finding) > 0 {
		if err := json.Unmarshal(c.Finding, v.Finding); err != nil {
			return nil, fmt.Errorf("decode finding of case %d: %w", id, err)
		}
	}
	for _, h := range v.Finding.Rules {
		rv := ruleView{RuleHit: h, CategoryName: h.Category}
		for _, p := range s.packs() {
			if rule := p.Rule(h.ID); rule != nil {
				rv.Description, rv.LegalBasis, rv.CategoryName = rule.Description, rule.LegalBasis, p.CategoryName(rule.Category)
				break
			}
		}
		v.Rules = append(v.Rules, rv)
	}
	snaps, err := s.st.Snapshots(id)
	if err != nil {
		return nil, err
	}
	for _, sn := range snaps {
		sv := snapshotView{Snapshot: sn, HasScreenshot: sn.ScreenshotSHA256 != ""}
		v.Snapshots = append(v.Snapshots, sv)
	}
	slices.Reverse(v.Snapshots) // newest first
	if len(v.Snapshots) > 0 {
		v.Latest = &v.Snapshots[0]
		t, err := s.st.SnapshotText(v.Latest.ID)
		switch {
		case err == nil:
			v.Title, _ = highlight(t.Title, spansOf(v.Finding, "title"))
			v.Text, v.TextTruncated = highlight(t.Text, spansOf(v.Finding, "text"))
		case errors.Is(err, store.ErrNotFound):
			v.NoText = true
		default:
			return nil, err
		}
	}
	if v.Sightings, err = s.st.Sightings(id); err != nil {
		return nil, err
	}
	slices.Reverse(v.Sightings)
	if v.Decisions, err = s.st.Decisions(id); err != nil {
		return nil, err
	}
	if c.NoticeID != 0 {
		if v.Notice, err = s.st.Notice(c.NoticeID); err != nil {
			return nil, err
		}
		for i := range v.Notice.Items {
			if v.Notice.Items[i].CaseID == id {
				v.NoticeItem = &v.Notice.Items[i]
			}
		}
	}
	for _, route := range []string{"takedown_cac", "takedown_samr", "police_referral"} {
		v.Recipients[route] = s.recipientFor(route, c.URL)
		if canRoute(u, route) {
			v.MyRoutes = append(v.MyRoutes, route)
		}
	}
	v.CanApprove = u.Has(store.RoleApprover) && c.ConfirmedBy != u.Name
	v.CanWithdraw = c.Status == store.CasePendingApproval ||
		c.Status == store.CaseConfirmed && (v.Notice == nil || v.Notice.Status == store.NoticeDraft)
	return v, nil
}

// recipientFor suggests a notice's addressee: the office fixed for the
// route (the police for referrals), else the operator configured for the
// host or its registrable domain, else the registrable domain itself.
func (s *Server) recipientFor(route, rawURL string) string {
	if o := s.opts.Serve.Offices[route]; o != nil && o.Recipient != "" {
		return o.Recipient
	}
	host := hostOf(rawURL)
	domain, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		domain = host
	}
	for _, k := range []string{host, domain} {
		if n := s.opts.Serve.Platforms[k]; n != "" {
			return n
		}
	}
	if route == "takedown_samr" {
		return domain + " 平台经营者"
	}
	return domain + " 网站运营者"
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v, err := s.loadCaseView(r, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "case", v)
}

// decision reads and checks one decision for the signed-in user.
func (s *Server) decision(r *http.Request, c *store.Case, action, route, recipient, reason, note string) (store.Decision, error) {
	u := currentUser(r)
	d := store.Decision{CaseID: c.ID, Action: action, Route: route, Reason: reason, Note: strings.TrimSpace(note), By: u.Name}
	if len([]rune(d.Note)) > 2000 {
		return d, fmt.Errorf("%w: the note is longer than 2000 characters", errBadRequest)
	}
	switch action {
	case store.ActionConfirm:
		if route == "" {
			d.Route = s.suggestedRoute(c)
		}
		if !canRoute(u, d.Route) {
			return d, fmt.Errorf("%w: your role may not send cases on route %s", errForbidden, d.Route)
		}
		d.Recipient = strings.TrimSpace(recipient)
		if d.Recipient == "" {
			d.Recipient = s.recipientFor(d.Route, c.URL)
		}
		if len([]rune(d.Recipient)) > 200 {
			return d, fmt.Errorf("%w: the recipient is longer than 200 characters", errBadRequest)
		}
	case store.ActionApprove, store.ActionReject:
		if !u.Has(store.RoleApprover) {
			return d, fmt.Errorf("%w: only an approver may approve or reject a referral", errForbidden)
		}
		if action == store.ActionReject && d.Note == "" {
			return d, fmt.Errorf("%w: say why the referral is rejected", errBadRequest)
		}
	case store.ActionWithdraw:
		if d.Note == "" {
			return d, fmt.Errorf("%w: say why the confirmation is withdrawn", errBadRequest)
		}
	case store.ActionDismiss, store.ActionReopen:
	default:
		return d, fmt.Errorf("%w: unknown action %q", errBadRequest, action)
	}
	return d, nil
}

var decisionFlash = map[string]string{
	store.ActionConfirm: "confirmed", store.ActionApprove: "approved", store.ActionReject: "rejected",
	store.ActionDismiss: "dismissed", store.ActionReopen: "reopened", store.ActionWithdraw: "withdrawn",
}

func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	c, err := s.st.Case(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	d, err := s.decision(r, c, r.PostFormValue("action"), r.PostFormValue("route"), r.PostFormValue("recipient"),
		r.PostFormValue("reason"), r.PostFormValue("note"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	c, _, err = s.st.Decide(d)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	flash := decisionFlash[d.Action]
	if c.Status == store.CasePendingApproval {
		flash = "pending"
	}
	redirect(w, r, fmt.Sprintf("/cases/%d", id), flash)
}

// batchDecide applies one decision to the ticked cases of the queue. Each
// case is decided on its own (one transaction each); cases whose state
// changed meanwhile are reported, not forced.
func (s *Server) batchDecide(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	ids := r.PostForm["case"]
	if len(ids) == 0 {
		s.fail(w, r, http.StatusBadRequest, "没有选择任何案件。")
		return
	}
	if len(ids) > 500 {
		s.fail(w, r, http.StatusBadRequest, "一次最多处理 500 件。")
		return
	}
	action := r.PostFormValue("action")
	var failed []string
	for _, raw := range ids {
		id, err := strconv.ParseUint(raw, 10, 64)
		if err != nil {
			s.failErr(w, r, fmt.Errorf("%w: case %q", errBadRequest, raw))
			return
		}
		c, err := s.st.Case(id)
		if err == nil {
			var d store.Decision
			d, err = s.decision(r, c, action, r.PostFormValue("route"), "", r.PostFormValue("reason"), r.PostFormValue("note"))
			if err == nil {
				_, _, err = s.st.Decide(d)
			}
		}
		if err != nil {
			if httpStatus(err) == http.StatusInternalServerError {
				s.serverError(w, r, err)
				return
			}
			failed = append(failed, fmt.Sprintf("案件 %d：%s", id, userMessage(err)))
		}
	}
	if len(failed) > 0 {
		s.render(w, r, http.StatusConflict, "error", map[string]any{"Status": http.StatusConflict,
			"Title": fmt.Sprintf("%d 件已处理，%d 件未处理", len(ids)-len(failed), len(failed)), "Lines": failed,
			"Back": "/cases"})
		return
	}
	back := "/cases"
	if q := r.PostFormValue("back"); strings.HasPrefix(q, "?") {
		back += q
	}
	redirect(w, r, back, "batch")
}
