package review

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// pageSize is how many cases the queue shows at once.
const pageSize = 50

// queueFilter is the queue's filter, read from the query string.
type queueFilter struct {
	Category, Source string
	Route            casework.Route
	Status           casework.CaseStatus
	Channel          string // rules, model, rules+model; "" for all
	From, To         string // dates, 2006-01-02, on first seen
	New              bool   // first seen in the latest sweep
	Page             int
	Order            queueOrder // sort, page size, host and score range (queue.go)
}

func readQueueFilter(q url.Values) queueFilter {
	f := queueFilter{
		Category: q.Get("category"), Source: q.Get("source"), Route: casework.Route(q.Get("route")),
		Status: casework.CaseStatus(q.Get("status")), From: q.Get("from"), To: q.Get("to"), New: q.Get("new") == "1",
		Channel: q.Get("channel"),
	}
	if _, ok := q["status"]; !ok {
		f.Status = casework.CaseOpen
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.Page = max(f.Page, 1)
	f.Order = readQueueOrder(q)
	return f
}

// caseRow is one line of the queue.
type caseRow struct {
	store.Case
	CategoryName   string
	SuggestedRoute casework.Route
	Host           string
	New            bool
	Group          *queueGroup   // linked and merged cases (merge_queue.go)
	C              rowCells      `json:"-"` // what the row shows (rows.go), set by decorate
	HTML           template.HTML `json:"-"` // the queue's row (rows_html.go)
}

type queueView struct {
	Filter     queueFilter
	Query      url.Values
	Rows       []caseRow
	Total      int
	Page, Last int
	Counts     map[casework.CaseStatus]int
	CountAll   int // Counts[""]: every status
	Statuses   []casework.CaseStatus
	Categories []string
	CatNames   map[string]string
	Sources    []string
	Routes     []casework.Route
	Channels   []choice
	Latest     uint64
	Reasons    []choice         // dismissal reasons, in order; the form adds an empty first option
	MyRoutes   []casework.Route // routes the user may confirm onto (the batch bar offers only these)
	Sorts      []choice         // the orders the queue sorts by
	Sizes      []int            // the page sizes offered
	Saved      []store.SavedFilter
	SavedQuery string // the current view as a saved filter keeps it
}

// choice is one option of a select.
type choice struct{ Value, Name string }

// reasonChoices are the dismissal reasons as a form offers them.
func reasonChoices() []choice {
	out := make([]choice, len(casework.DismissReasons))
	for i, r := range casework.DismissReasons {
		out[i] = choice{string(r), r.Name()}
	}
	return out
}

// routesOf are the routes u may confirm a case onto.
func routesOf(u *store.User) []casework.Route {
	var out []casework.Route
	for _, r := range casework.Routes {
		if canRoute(u, r) {
			out = append(out, r)
		}
	}
	return out
}

// routeList is routes' Chinese names joined for a sentence.
func routeList(routes []casework.Route) string {
	names := make([]string, len(routes))
	for i, r := range routes {
		names[i] = "“" + r.Name() + "”"
	}
	return strings.Join(names, "、")
}

// userError is an expected refusal with the Chinese sentence the user
// reads; it wraps errForbidden or errBadRequest for its HTTP status.
type userError struct {
	kind error  // errForbidden or errBadRequest
	msg  string // shown to the user
}

func (e *userError) Error() string { return e.kind.Error() + ": " + e.msg }
func (e *userError) Unwrap() error { return e.kind }

func forbidden(format string, args ...any) error {
	return &userError{errForbidden, fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return &userError{errBadRequest, fmt.Sprintf(format, args...)}
}

// mayDecide is the permission check on the case itself, beyond the role's
// right to decide at all (permDecide) and to use a route (canRoute):
//
//   - Dismissing a referral that waits for approval is an approver's
//     decision (a reviewer would skip the second person); an approver
//     may also reject it back to the queue.
//   - A takedown confirmation may be withdrawn by a reviewer of the
//     department that may confirm its route, or by an approver.
//   - A referral waiting for approval may be withdrawn by the reviewer
//     who proposed it, or by an approver; an approved referral only by
//     an approver.
//
// Decide runs it again inside the store's transaction (Decision.Allow).
func mayDecide(u *store.User, c *store.Case, action casework.Action) error {
	approver := u.Has(casework.RoleApprover)
	switch action {
	case casework.ActionDismiss:
		if c.Status == casework.CasePendingApproval && !approver {
			return forbidden("该线索已提交移送公安，正在等待审批，只有审批人可以处理（审批、退回或排除）。")
		}
	case casework.ActionWithdraw:
		switch {
		case approver:
		case c.Route == casework.RoutePoliceReferral && c.Status == casework.CasePendingApproval:
			if c.ConfirmedBy != u.Name {
				return forbidden("待审批的移送只能由提交移送的审核员（%s）或审批人撤回。", c.ConfirmedBy)
			}
		case c.Route == casework.RoutePoliceReferral:
			return forbidden("已审批的移送只能由审批人撤回。")
		case !canRoute(u, c.Route):
			return forbidden("该确认的处置路径“%s”属于%s，只有%s的审核员或审批人可以撤回。",
				c.Route.Name(), c.Route.Department(), c.Route.Department())
		}
	}
	return nil
}

// hideNotice removes from c what belongs to its notice (the recipient and
// which notice), for a user who may not open notices.
func hideNotice(c *store.Case) {
	c.Recipient, c.NoticeID = "", 0
}

// suggestedRoute is the route the strongest rule suggests, or the case's
// source's takedown route when the rule suggests a takedown (a police
// referral is never turned into a takedown).
// routeWhy says in Chinese where a case's suggested route comes from, so
// the summary bar and the reasons (which quote the strongest rule's route)
// never give two answers unexplained: the rule's route, a source's
// configured route in its place, or a police referral the source's route
// does not replace.
func (s *Server) routeWhy(c *store.Case) string {
	rule := c.SuggestedRoute
	src := s.opts.SourceRoutes[c.SourceID]
	switch {
	case src == "" || src == rule:
		if rule == "" {
			return ""
		}
		return "依据：得分最高的规则建议" + rule.Name() + "。"
	case rule == casework.RoutePoliceReferral:
		return fmt.Sprintf("依据：规则建议%s；涉嫌犯罪的线索移送公安，优先于来源“%s”配置的%s。", rule.Name(), c.SourceID, src.Name())
	case rule == "":
		return fmt.Sprintf("依据：来源“%s”配置为%s。", c.SourceID, src.Name())
	default:
		return fmt.Sprintf("依据：来源“%s”配置为%s，代替规则建议的%s（下方理由中所列）。", c.SourceID, src.Name(), rule.Name())
	}
}

func (s *Server) suggestedRoute(c *store.Case) casework.Route {
	route := c.SuggestedRoute
	if r := s.opts.SourceRoutes[c.SourceID]; r != "" && route != casework.RoutePoliceReferral {
		return r
	}
	return route
}

// categoryName is a category's display name: from the packs in force,
// else the built-in name (rules.CategoryName).
func (s *Server) categoryName(id string) string {
	return rules.CategoryName(s.packs(), id)
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Hostname()
	}
	return ""
}

func (s *Server) queue(w http.ResponseWriter, r *http.Request) {
	f := readQueueFilter(r.URL.Query())
	if f.Order.Err != "" {
		s.fail(w, r, http.StatusBadRequest, f.Order.Err)
		return
	}
	release, ok := s.queueSlot(w, r) // gate.go
	if !ok {
		return
	}
	defer release()
	page, pageNo, latest, err := s.queryQueue(f, f.Page, true)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	facets, err := s.st.QueueFacets()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	saved, err := s.st.SavedFilters(currentUser(r).Name)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := queueView{Filter: f, Query: r.URL.Query(), Total: page.Total, Counts: page.Counts, CountAll: page.Counts[""], Latest: latest,
		Statuses: casework.CaseStatuses,
		Routes:   casework.Routes, Reasons: reasonChoices(), MyRoutes: routesOf(currentUser(r)),
		CatNames: map[string]string{}, Sorts: sortChoices(), Sizes: pageSizes(f.Order.Size), Saved: saved,
		SavedQuery: savedQuery(r.URL.Query())}
	for _, ch := range finding.Channels {
		v.Channels = append(v.Channels, choice{ch, finding.ChannelName(ch)})
	}
	v.Categories, v.Sources = facets.Categories, facets.Sources
	for _, c := range v.Categories {
		v.CatNames[c] = s.categoryName(c)
	}
	v.Last = max(1, (page.Total+f.Order.Size-1)/f.Order.Size)
	v.Page = pageNo
	v.Rows = s.queueRows(page.Cases, latest)
	if err := s.groupRows(v.Rows); err != nil {
		s.serverError(w, r, err)
		return
	}
	qs, err := escapedTriageQuery(v.Query)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rowsHTML(v.Rows, allowed(currentUser(r), permDecide), qs)
	s.render(w, r, http.StatusOK, "queue", v)
}

// decorate fills in what only shown rows need.
func (s *Server) decorate(rows []caseRow) []caseRow {
	for i := range rows {
		rows[i].CategoryName, rows[i].Host = s.categoryName(rows[i].Category), hostOf(rows[i].URL)
		rows[i].cells()
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
	SuggestedRoute casework.Route
	// RouteWhy explains SuggestedRoute (routeWhy).
	RouteWhy   string
	Recipients map[casework.Route]string
	MyRoutes   []casework.Route
	// ConfirmRoute is the route the confirm form preselects: the suggested
	// one when the user may use it, else the user's only route, else none
	// (the user must choose; RouteNote says why).
	ConfirmRoute casework.Route
	RouteNote    string
	Reasons      []choice
	Contacts     []contactView
	CanApprove   bool
	CanDismiss   bool
	CanWithdraw  bool // a confirmation that can still be taken back, by this user
	Host         string
	CategoryName string
	// ChannelName says in Chinese which stage flagged the case.
	ChannelName string
	// ModelCategory is the Chinese name of the model's likeliest category.
	ModelCategory string
	// Linked are the other cases that share a personal contact with this
	// one (the same seller).
	Linked []linkedView
	// Merge is merging duplicates (merge.go); Triage the keyboard's
	// queue filter and keys (triage.go).
	Merge  mergeView
	Triage triageView
	// Assign is the claim, the version decide forms carry, the comments
	// (assign.go).
	Assign *assignView
	// Pivots link to the cases sharing a contact, host, listing id or
	// page content with this one (search.go).
	Pivots pivotLinks
	// Referral is the referral materials of an imitation site
	// (referral.go); nil for other cases.
	Referral *referralView
	// Watch is the re-checks of a known imitation site (watch.go).
	Watch watchView
}

// linkedView is one case linked by a shared contact.
type linkedView struct {
	store.LinkedCase
	CategoryName string
	Shared       []contactView
}

func pathID(r *http.Request, name string) (uint64, error) {
	id, err := strconv.ParseUint(r.PathValue(name), 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("%w: %s must be a number", errBadRequest, name)
	}
	return id, nil
}

// pathCase reads the case the path's {id} names; on failure it has
// answered the request (400 for a bad id, 404 for no such case) and
// returns false.
func (s *Server) pathCase(w http.ResponseWriter, r *http.Request) (*store.Case, bool) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return nil, false
	}
	c, err := s.st.Case(id)
	if err != nil {
		s.failErr(w, r, err)
		return nil, false
	}
	return c, true
}

func (s *Server) loadCaseView(r *http.Request, id uint64) (*caseView, error) {
	c, f, err := s.st.CaseFinding(id)
	if err != nil {
		return nil, err
	}
	if f == nil {
		f = &finding.Finding{}
	}
	u := currentUser(r)
	v := &caseView{Case: c, Finding: f, Reasons: reasonChoices(), Host: hostOf(c.URL),
		CategoryName:   s.categoryName(c.Category),
		SuggestedRoute: s.suggestedRoute(c), RouteWhy: s.routeWhy(c), Recipients: map[casework.Route]string{}}
	for _, h := range v.Finding.Rules {
		rv := ruleView{RuleHit: h, CategoryName: h.Category}
		for _, p := range s.packs() {
			if rule := p.Rule(h.ID); rule != nil {
				rv.Description, rv.LegalBasis, rv.CategoryName = rule.Description, rule.LegalBasis, p.CategoryName(rule.Category)
				break
			}
		}
		if rv.CategoryName == h.Category {
			rv.CategoryName = s.categoryName(h.Category)
		}
		v.Rules = append(v.Rules, rv)
	}
	for _, ct := range v.Finding.Contacts {
		v.Contacts = append(v.Contacts, contactView{Contact: ct, KindName: casework.ContactKind(ct.Kind).Name()})
	}
	snaps, err := s.st.Snapshots(id)
	if err != nil {
		return nil, err
	}
	if v.Assign, err = s.assignView(u, c, len(snaps)); err != nil {
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
	if v.Watch, err = s.watchView(id); err != nil {
		return nil, err
	}
	if v.Decisions, err = s.st.Decisions(id); err != nil {
		return nil, err
	}
	seeNotices := allowed(u, permReadNotices)
	if !seeNotices {
		// Least privilege: a user who may not open /notices/{id} (the
		// analyst) sees the case's decisions, not its notice (number,
		// recipient, history, items).
		hideNotice(c)
		for i := range v.Decisions {
			v.Decisions[i].Recipient, v.Decisions[i].NoticeID = "", 0
		}
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
	if f := v.Finding; f.Flagged || f.Channel != "" {
		v.ChannelName = finding.ChannelName(f.Channel)
		if f.Channel == "" {
			v.ChannelName = "规则（早于学习模型的记录）"
		}
	}
	if v.Finding.Model != nil {
		v.ModelCategory = s.categoryName(v.Finding.Model.Category)
		if v.Finding.Model.Category == rank.Negative {
			v.ModelCategory = "无违规"
		}
	}
	linked, err := s.st.LinkedCases(id)
	if err != nil {
		return nil, err
	}
	for _, lc := range linked {
		lv := linkedView{LinkedCase: lc, CategoryName: s.categoryName(lc.Category)}
		for _, ct := range lc.Shared {
			lv.Shared = append(lv.Shared, contactView{Contact: matcher.Contact{Kind: ct.Kind, Value: ct.Value, Text: ct.Value}, KindName: casework.ContactKind(ct.Kind).Name()})
		}
		v.Linked = append(v.Linked, lv)
	}
	v.Pivots = s.casePivots(id)
	v.MyRoutes = routesOf(u)
	for _, route := range v.MyRoutes {
		v.Recipients[route] = s.recipientFor(route, c.URL)
	}
	switch {
	case slices.Contains(v.MyRoutes, v.SuggestedRoute):
		v.ConfirmRoute = v.SuggestedRoute
	case len(v.MyRoutes) == 1:
		v.ConfirmRoute = v.MyRoutes[0]
		v.RouteNote = suggestedElsewhere(v.SuggestedRoute, v.MyRoutes)
	case len(v.MyRoutes) > 1:
		v.RouteNote = suggestedElsewhere(v.SuggestedRoute, v.MyRoutes) + "请选择处置路径。"
	}
	v.CanApprove = u.Has(casework.RoleApprover) && c.ConfirmedBy != u.Name
	v.CanDismiss = casework.Allowed(c.Status, casework.ActionDismiss) == nil &&
		mayDecide(u, c, casework.ActionDismiss) == nil
	// A confirmation's notice must still be a draft (the store checks it
	// again).
	v.CanWithdraw = casework.Allowed(c.Status, casework.ActionWithdraw) == nil &&
		(c.Status != casework.CaseConfirmed || v.Notice == nil || v.Notice.Status == casework.NoticeDraft) &&
		mayDecide(u, c, casework.ActionWithdraw) == nil
	v.Triage = newTriageView(r.URL.Query())
	if err := s.loadMergeView(r, v); err != nil {
		return nil, err
	}
	if err := s.loadReferralView(r, v); err != nil {
		return nil, err
	}
	return v, nil
}

// suggestedElsewhere explains that the suggested route is another
// department's and lists the routes the user may choose instead.
func suggestedElsewhere(suggested casework.Route, mine []casework.Route) string {
	if suggested == "" {
		return fmt.Sprintf("该线索没有建议的处置路径，您可以选择：%s。", routeList(mine))
	}
	dept := cmp.Or(suggested.Department(), "其他部门")
	return fmt.Sprintf("该线索建议的处置路径“%s”属于%s，您可以选择：%s。", suggested.Name(), dept, routeList(mine))
}

type contactView struct {
	matcher.Contact
	KindName string
}

// recipientFor suggests a notice's addressee: the office fixed for the
// route (the police for referrals), else the operator configured for the
// host or its registrable domain, else the registrable domain itself.
func (s *Server) recipientFor(route casework.Route, rawURL string) string {
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
	if route == casework.RouteTakedownSAMR {
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

// decision reads and checks one decision for the signed-in user. The
// checks on the case itself (mayDecide) run here on c and again inside
// the store's transaction on the case as it is then.
//
// g is what the request says of the page it was made on: the guards
// against a stale page and someone else's claim (assign.go) run last.
func (s *Server) decision(r *http.Request, c *store.Case, action casework.Action, route casework.Route, recipient string,
	reason casework.DismissReason, note string, g decideGuard) (store.Decision, error) {
	u := currentUser(r)
	d := store.Decision{CaseID: c.ID, Action: action, Route: route, Note: strings.TrimSpace(note), By: u.Name}
	if len([]rune(d.Note)) > 2000 {
		return d, badRequest("备注不能超过 2000 字。")
	}
	if err := checkAction(action, reason); err != nil {
		return d, err
	}
	switch action {
	case casework.ActionConfirm:
		mine := routesOf(u)
		switch {
		case len(mine) == 0:
			return d, forbidden("您无权确认线索：确认须由网信办或市场监管的审核员操作。")
		case route == "":
			// The suggested route, when it is the user's; otherwise the
			// user must choose (a batch "by each case's suggestion" says
			// so per case).
			d.Route = s.suggestedRoute(c)
			if !canRoute(u, d.Route) {
				return d, badRequest("%s请选择处置路径后再确认。", suggestedElsewhere(d.Route, mine))
			}
		case !route.Known():
			return d, badRequest("未知的处置路径，请从%s中选择。", routeList(mine))
		case !canRoute(u, route):
			return d, forbidden("您无权按“%s”确认线索（该路径属于%s），您可以选择：%s。",
				route.Name(), route.Department(), routeList(mine))
		}
		d.Recipient = strings.TrimSpace(recipient)
		if d.Recipient == "" {
			d.Recipient = s.recipientFor(d.Route, c.URL)
		}
		if len([]rune(d.Recipient)) > 200 {
			return d, badRequest("通知对象不能超过 200 字。")
		}
	case casework.ActionDismiss:
		d.Reason = reason
	case casework.ActionApprove, casework.ActionReject:
		if !u.Has(casework.RoleApprover) {
			return d, forbidden("只有审批人可以审批或退回移送。")
		}
		if action == casework.ActionReject && d.Note == "" {
			return d, badRequest("退回移送须填写理由。")
		}
	case casework.ActionWithdraw:
		if d.Note == "" {
			return d, badRequest("撤回确认须填写理由。")
		}
	}
	if err := mayDecide(u, c, action); err != nil {
		return d, err
	}
	d.Allow = func(now *store.Case) error { return mayDecide(u, now, action) }
	if err := s.guard(u, c, &d, g); err != nil {
		return d, err
	}
	return d, nil
}

// checkAction checks what a form must carry whatever the case: a known
// action and, for a dismissal, a reason chosen from the list (there is no
// default reason).
func checkAction(action casework.Action, reason casework.DismissReason) error {
	switch {
	case action == "":
		return badRequest("请选择操作（确认或排除），未作任何处理。")
	case !action.Known():
		return badRequest("未知的操作，未作任何处理。")
	case action == casework.ActionDismiss && !reason.Known():
		names := make([]string, len(casework.DismissReasons))
		for i, r := range casework.DismissReasons {
			names[i] = "“" + r.Name() + "”"
		}
		return badRequest("请选择排除理由（%s），未作任何处理。", strings.Join(names, "、"))
	}
	return nil
}

var decisionFlash = map[casework.Action]string{
	casework.ActionConfirm: "confirmed", casework.ActionApprove: "approved", casework.ActionReject: "rejected",
	casework.ActionDismiss: "dismissed", casework.ActionReopen: "reopened", casework.ActionWithdraw: "withdrawn",
}

func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	c, ok := s.pathCase(w, r)
	if !ok {
		return
	}
	id := c.ID
	d, err := s.decision(r, c, casework.Action(r.PostFormValue("action")), casework.Route(r.PostFormValue("route")),
		r.PostFormValue("recipient"), casework.DismissReason(r.PostFormValue("reason")), r.PostFormValue("note"),
		formGuard(r, "version"))
	if err == nil {
		c, _, err = s.st.Decide(d)
	}
	if err != nil {
		if errors.Is(err, errGuard) {
			s.renderCaseProblem(w, r, id, userMessage(err))
			return
		}
		s.failErr(w, r, err)
		return
	}
	s.decided(currentUser(r), id)
	flash := decisionFlash[d.Action]
	if c.Status == casework.CasePendingApproval {
		flash = "pending"
	}
	s.afterDecide(w, r, id, flash)
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
	action, reason := casework.Action(r.PostFormValue("action")), casework.DismissReason(r.PostFormValue("reason"))
	if err := checkAction(action, reason); err != nil {
		s.failErr(w, r, err)
		return
	}
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
			d, err = s.decision(r, c, action, casework.Route(r.PostFormValue("route")), "", reason, r.PostFormValue("note"),
				formGuard(r, "version-"+raw))
			if err == nil {
				_, _, err = s.st.Decide(d)
			}
			if err == nil {
				s.decided(currentUser(r), id)
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
