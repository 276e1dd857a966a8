package review_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// asUser adds an account to e and gives it a session.
func (e *htEnv) asUser(name string, roles ...casework.Role) *htClient {
	e.t.Helper()
	if err := e.st.CreateUser("test", store.User{Name: name, DisplayName: "测试" + name, Roles: roles, PasswordHash: htHash(e.t)}); err != nil {
		e.t.Fatal(err)
	}
	return e.session(name)
}

// session is a client of user with a session made in the store, as a
// sign-in makes it (the sign-in itself, an Argon2id hash of a second or
// more on a busy machine, is tested elsewhere).
func (e *htEnv) session(user string) *htClient {
	e.t.Helper()
	c := e.htAnon()
	tok := fmt.Sprintf("assign-test-%s-%d", user, e.clock.Now().UnixNano())
	sum := sha256.Sum256([]byte(tok))
	now := e.clock.Now()
	if err := e.st.CreateSession(store.Session{TokenHash: hex.EncodeToString(sum[:]), User: user, CSRF: "csrf-" + tok,
		Created: now, Expires: now.Add(12 * time.Hour)}); err != nil {
		e.t.Fatal(err)
	}
	u, _ := url.Parse(e.srv.URL)
	c.jar.SetCookies(u, []*http.Cookie{{Name: "certwatch_session", Value: tok, Path: "/"}})
	c.user = user
	c.htRefreshCSRF()
	return c
}

// holderOf is who holds case id now ("" for nobody).
func (e *htEnv) holderOf(id uint64) string {
	e.t.Helper()
	c, err := e.st.CaseClaim(id, e.clock.Now())
	if errors.Is(err, store.ErrNotFound) {
		return ""
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return c.Holder
}

// auditActions are the actions of case id's audit entries, oldest first,
// with their actors ("cac case.claim").
func (e *htEnv) auditActions(id uint64) []string {
	e.t.Helper()
	es, err := e.st.AuditEntries(store.AuditFilter{Object: fmt.Sprintf("case:%d", id)})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Actor+" "+es[i].Action)
	}
	return out
}

// pageVersion is the version the case page's confirm form carries.
func pageVersion(t *testing.T, c *htClient, id uint64) string {
	t.Helper()
	doc := c.htDoc("/cases/"+htID(id), http.StatusOK)
	v, ok := doc.Find(`#confirm-form input[name=version]`).Attr("value")
	if !ok || v == "" {
		t.Fatalf("the confirm form of case %d carries no version", id)
	}
	return v
}

// TestAssignClaim: reviewer A claims a case; reviewer B sees who holds it,
// is refused a decision (409, the case page as it is, nothing changed)
// and has nothing in 我的案件; A's decision goes through and releases the
// claim; each step is in the audit log under its Chinese name.
func TestAssignClaim(t *testing.T) {
	e := htNew(t)
	a, b := e.session("cac"), e.asUser("cac2", casework.RoleReviewerCAC)
	id := e.htSimple("https://shop.example/claim", casework.RouteTakedownCAC)
	path := "/cases/" + htID(id)

	doc := a.htDoc(path, http.StatusOK)
	if doc.Find("#claim").Length() != 1 || strings.TrimSpace(doc.Find("#claim-holder").Text()) != "尚无人认领" {
		t.Fatalf("an unclaimed case: claim button %d, holder %q", doc.Find("#claim").Length(), doc.Find("#claim-holder").Text())
	}
	resp, body := a.htPost(path+"/claim", url.Values{"op": {"claim"}})
	htExpect(t, "claim", resp, body, http.StatusSeeOther, path+"?ok=claimed")
	if got := e.holderOf(id); got != "cac" {
		t.Fatalf("holder = %q", got)
	}
	doc = a.htDoc(path+"?ok=claimed", http.StatusOK)
	if !strings.Contains(doc.Find("#claim-holder").Text(), "您已认领此案件") || doc.Find("#release").Length() != 1 {
		t.Errorf("the holder's page: %q", doc.Find("#claim-box").Text())
	}
	if got := htTexts(a.htDoc("/cases/mine", http.StatusOK), "#mine-table tbody tr[data-case] .case-link"); len(got) != 1 || got[0] != "#"+htID(id) {
		t.Errorf("A's cases = %q", got)
	}

	// B sees the claim, and is refused.
	doc = b.htDoc(path, http.StatusOK)
	if h := doc.Find("#claim-holder").AttrOr("data-holder", ""); h != "cac" || !strings.Contains(doc.Find("#claim-holder").Text(), "cac 已认领此案件") {
		t.Errorf("B sees holder %q: %q", h, doc.Find("#claim-holder").Text())
	}
	if doc.Find("#confirm-form input[name=takeover]").Length() != 1 || doc.Find("#claim").Length() != 0 {
		t.Error("B's page should offer a takeover, not a claim")
	}
	version := pageVersion(t, b, id)
	resp, body = b.htPost(path+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "version": {version}})
	htExpect(t, "B's decision", resp, body, http.StatusConflict, "")
	doc = htParse(t, body)
	if msg := doc.Find("#case-problem").Text(); !strings.Contains(msg, "该案件已由 cac 认领") || !strings.Contains(msg, "接管") {
		t.Errorf("refusal = %q", msg)
	}
	if got := strings.TrimSpace(doc.Find("#case-status").Text()); got != "待审核" {
		t.Errorf("the refusal shows status %q", got)
	}
	if c := e.htCase(id); c.Status != casework.CaseOpen {
		t.Fatalf("B's refused decision changed the case: %+v", c)
	}
	resp, body = b.htPost(path+"/claim", url.Values{"op": {"claim"}})
	htExpect(t, "B's claim", resp, body, http.StatusConflict, "")
	resp, body = b.htPost(path+"/claim", url.Values{"op": {"release"}})
	htExpect(t, "B's release", resp, body, http.StatusConflict, "")
	if msg := htParse(t, body).Find("#case-problem").Text(); !strings.Contains(msg, "释放未成功") {
		t.Errorf("release refusal = %q", msg)
	}
	if got := b.htDoc("/cases/mine", http.StatusOK).Find("#mine-table tbody tr[data-case]").Length(); got != 0 {
		t.Errorf("B has %d cases", got)
	}
	// Nor through the API or the batch bar.
	resp, body = b.htPostJSON("/api/cases/"+htID(id)+"/decide", map[string]any{"action": "dismiss", "reason": "false_positive"})
	htExpect(t, "B's API decision", resp, body, http.StatusConflict, "")
	resp, body = b.htPost("/cases/decide", url.Values{"case": {htID(id)}, "action": {"dismiss"}, "reason": {"false_positive"}})
	htExpect(t, "B's batch decision", resp, body, http.StatusConflict, "")
	if !strings.Contains(string(body), "该案件已由 cac 认领") {
		t.Errorf("batch refusal: %s", htClip(body))
	}

	// A decides; the claim goes with the decision.
	resp, body = a.htPost(path+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "version": {pageVersion(t, a, id)}})
	htExpect(t, "A's decision", resp, body, http.StatusSeeOther, path+"?ok=confirmed")
	if c := e.htCase(id); c.Status != casework.CaseConfirmed || c.ConfirmedBy != "cac" {
		t.Fatalf("after A's decision: %+v", c)
	}
	if got := e.holderOf(id); got != "" {
		t.Errorf("after the decision the case is still held by %q", got)
	}
	want := "cac case.claim|cac case.confirm|cac case.release"
	if got := strings.Join(e.auditActions(id), "|"); got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
	approver := e.session("approver")
	audit := approver.htDoc("/audit", http.StatusOK).Text()
	for _, name := range []string{"认领线索", "释放线索认领"} {
		if !strings.Contains(audit, name) {
			t.Errorf("the audit page does not name %s", name)
		}
	}
}

// TestAssignTakeover: B ticks 接管 and decides a case A holds; the takeover
// is recorded before the decision, naming A.
func TestAssignTakeover(t *testing.T) {
	e := htNew(t)
	a, b := e.session("cac"), e.asUser("cac2", casework.RoleReviewerCAC)
	id := e.htSimple("https://shop.example/takeover", casework.RouteTakedownCAC)
	path := "/cases/" + htID(id)
	resp, body := a.htPost(path+"/claim", url.Values{"op": {"claim"}})
	htExpect(t, "claim", resp, body, http.StatusSeeOther, "")
	resp, body = b.htPost(path+"/decide", url.Values{"action": {"dismiss"}, "reason": {"false_positive"},
		"version": {pageVersion(t, b, id)}, "takeover": {"1"}})
	htExpect(t, "takeover and dismiss", resp, body, http.StatusSeeOther, path+"?ok=dismissed")
	want := "cac case.claim|cac2 case.takeover|cac2 case.dismiss|cac2 case.release"
	if got := strings.Join(e.auditActions(id), "|"); got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
	es, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "case.takeover"})
	if len(es) != 1 || !strings.Contains(es[0].Detail, "from=cac") {
		t.Errorf("takeover entry = %+v", es)
	}
	// The takeover button on its own.
	id2 := e.htSimple("https://shop.example/takeover2", casework.RouteTakedownCAC)
	a.htPost("/cases/"+htID(id2)+"/claim", url.Values{"op": {"claim"}})
	if b.htDoc("/cases/"+htID(id2), http.StatusOK).Find("#takeover").Length() != 1 {
		t.Error("no takeover button for a case someone else holds")
	}
	resp, body = b.htPost("/cases/"+htID(id2)+"/claim", url.Values{"op": {"takeover"}})
	htExpect(t, "takeover", resp, body, http.StatusSeeOther, "/cases/"+htID(id2)+"?ok=takenover")
	if got := e.holderOf(id2); got != "cac2" {
		t.Errorf("after the takeover: %q", got)
	}
}

// TestAssignStale: a decision made on a page from before someone else's
// decisions is refused with 案件已被他人更新 and the case as it is, on
// every path (form, batch, API); with the current version it goes through.
func TestAssignStale(t *testing.T) {
	e := htNew(t)
	a, b := e.session("cac"), e.session("cacapprover")
	id := e.htSimple("https://shop.example/stale", casework.RouteTakedownCAC)
	path := "/cases/" + htID(id)
	old := pageVersion(t, b, id)

	// A dismisses and reopens: the case is open again, but not as B saw it.
	resp, body := a.htPost(path+"/decide", url.Values{"action": {"dismiss"}, "reason": {"duplicate"}, "version": {old}})
	htExpect(t, "dismiss", resp, body, http.StatusSeeOther, "")
	doc := a.htDoc(path, http.StatusOK)
	v1, _ := doc.Find(`#reopen-form input[name=version]`).Attr("value")
	resp, body = a.htPost(path+"/decide", url.Values{"action": {"reopen"}, "version": {v1}})
	htExpect(t, "reopen", resp, body, http.StatusSeeOther, "")

	resp, body = b.htPost(path+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "version": {old}})
	htExpect(t, "stale form", resp, body, http.StatusConflict, "")
	doc = htParse(t, body)
	if msg := doc.Find("#case-problem").Text(); !strings.Contains(msg, "案件已被他人更新") {
		t.Errorf("stale refusal = %q", msg)
	}
	if got := htTexts(doc, "#decisions li"); len(got) != 2 || !strings.Contains(got[1], "已排除 → 待审核") {
		t.Errorf("the refusal shows decisions %q, want the two made meanwhile", got)
	}
	resp, body = b.htPost("/cases/decide", url.Values{"case": {htID(id)}, "version-" + htID(id): {old}, "action": {"dismiss"}, "reason": {"duplicate"}})
	htExpect(t, "stale batch", resp, body, http.StatusConflict, "")
	if !strings.Contains(string(body), "案件已被他人更新") {
		t.Errorf("batch refusal: %s", htClip(body))
	}
	resp, body = b.htPostJSON("/api/cases/"+htID(id)+"/decide", map[string]any{"action": "dismiss", "reason": "duplicate", "version": old})
	htExpect(t, "stale API", resp, body, http.StatusConflict, "")
	var refusal struct {
		Error   string
		Version string
		Case    store.Case
	}
	htJSON(t, body, &refusal)
	if !strings.Contains(refusal.Error, "案件已被他人更新") || refusal.Version == old || refusal.Case.DecidedBy != "cac" {
		t.Errorf("API refusal = %+v", refusal)
	}
	if c := e.htCase(id); c.Status != casework.CaseOpen {
		t.Fatalf("stale decisions changed the case: %+v", c)
	}
	// The version from GET /api/cases/{id} is the current one.
	_, body = b.htGet("/api/cases/" + htID(id))
	var got struct{ Version string }
	htJSON(t, body, &got)
	if got.Version != refusal.Version {
		t.Errorf("GET version %q, refusal's %q", got.Version, refusal.Version)
	}
	resp, body = b.htPostJSON("/api/cases/"+htID(id)+"/decide", map[string]any{"action": "dismiss", "reason": "duplicate", "version": got.Version})
	htExpect(t, "current API", resp, body, http.StatusOK, "")
	// The queue's batch bar carries each row's version.
	id2 := e.htSimple("https://shop.example/stale2", casework.RouteTakedownCAC)
	qv, ok := a.htDoc("/cases", http.StatusOK).Find(`#batch input[name="version-` + htID(id2) + `"]`).Attr("value")
	if !ok || qv != pageVersion(t, a, id2) {
		t.Errorf("queue row version %q (%v), case page %q", qv, ok, pageVersion(t, a, id2))
	}
	resp, body = a.htPost("/cases/decide", url.Values{"case": {htID(id2)}, "version-" + htID(id2): {qv}, "action": {"dismiss"}, "reason": {"duplicate"}})
	htExpect(t, "current batch", resp, body, http.StatusSeeOther, "")
}

// TestAssignLapse: a claim lapses after the configured time; then anyone
// may decide without taking over.
func TestAssignLapse(t *testing.T) {
	e := htNew(t, func(o *review.Options) {
		o.Serve = config.DefaultServe()
		o.Serve.ClaimTTL = 10 * time.Minute
	})
	a, b := e.session("cac"), e.asUser("cac2", casework.RoleReviewerCAC)
	id := e.htSimple("https://shop.example/lapse", casework.RouteTakedownCAC)
	path := "/cases/" + htID(id)
	a.htPost(path+"/claim", url.Values{"op": {"claim"}})
	c, err := e.st.CaseClaim(id, e.clock.Now())
	if err != nil || !c.Until.Equal(htStart.Add(10*time.Minute)) {
		t.Fatalf("claim = %+v, %v; want until start+10m", c, err)
	}
	if got := a.htDoc("/cases/mine", http.StatusOK).Text(); !strings.Contains(got, "10 分 0 秒") {
		t.Errorf("my cases does not say how long a claim lasts")
	}
	e.clock.Add(9 * time.Minute)
	if e.holderOf(id) != "cac" {
		t.Fatal("lapsed early")
	}
	e.clock.Add(2 * time.Minute)
	if got := strings.TrimSpace(b.htDoc(path, http.StatusOK).Find("#claim-holder").Text()); got != "尚无人认领" {
		t.Errorf("after the lapse B sees %q", got)
	}
	if got := a.htDoc("/cases/mine", http.StatusOK).Find("#mine-table tbody tr[data-case]").Length(); got != 0 {
		t.Errorf("a lapsed claim is still in A's cases")
	}
	resp, body := b.htPost(path+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "version": {pageVersion(t, b, id)}})
	htExpect(t, "decide after the lapse", resp, body, http.StatusSeeOther, "")
}

// TestAssignReassign: an approver (or admin) reassigns a case to a reviewer
// of its department only; a reviewer may not reassign, an analyst may not
// claim; 我的案件 lists the assignee's case and everyone's for approvers.
func TestAssignReassign(t *testing.T) {
	e := htNew(t)
	approver, cac, samr := e.session("approver"), e.session("cac"), e.session("samr")
	cac2 := e.asUser("cac2", casework.RoleReviewerCAC)
	if err := e.st.CreateUser("test", store.User{Name: "gone", Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.UpdateUser("test", "gone", store.UserChange{Disabled: new(true)}); err != nil {
		t.Fatal(err)
	}
	id := e.htSimple("https://shop.example/reassign", casework.RouteTakedownCAC)
	path := "/cases/" + htID(id)

	doc := approver.htDoc(path, http.StatusOK)
	opts := htTexts(doc, "#reassign-to option")
	if strings.Join(opts, ",") != "cac,cac2,cacapprover,super" {
		t.Errorf("reassign choices = %q, want the enabled CAC reviewers", opts)
	}
	for _, to := range []string{"samr", "gone", "analyst", "nobody"} {
		resp, body := approver.htPost(path+"/claim", url.Values{"op": {"reassign"}, "to": {to}})
		htExpect(t, "reassign to "+to, resp, body, http.StatusBadRequest, "")
		if to == "samr" && !strings.Contains(htErrorMessage(t, body), "网信办的在用审核员") {
			t.Errorf("refusal = %q", htErrorMessage(t, body))
		}
	}
	cac.htPost(path+"/claim", url.Values{"op": {"claim"}})
	if opts := htTexts(approver.htDoc(path, http.StatusOK), "#reassign-to option"); strings.Join(opts, ",") != "cac2,cacapprover,super" {
		t.Errorf("reassign choices while cac holds it = %q, want the others", opts)
	}
	resp, body := approver.htPost(path+"/claim", url.Values{"op": {"reassign"}, "to": {"cac2"}})
	htExpect(t, "reassign", resp, body, http.StatusSeeOther, path+"?ok=reassigned")
	cl, err := e.st.CaseClaim(id, e.clock.Now())
	if err != nil || cl.Holder != "cac2" || cl.AssignedBy != "approver" {
		t.Fatalf("claim after reassign = %+v, %v", cl, err)
	}
	if !strings.Contains(cac2.htDoc(path, http.StatusOK).Find("#claim-holder").Text(), "由 approver 改派") {
		t.Error("the case page does not say who reassigned it")
	}
	if got := cac2.htDoc("/cases/mine", http.StatusOK).Find("#mine-table tbody tr[data-case]").Length(); got != 1 {
		t.Errorf("cac2 has %d cases", got)
	}
	all := approver.htDoc("/cases/mine?all=1", http.StatusOK)
	if row := all.Find("#mine-table tbody tr[data-case]"); row.Length() != 1 || !strings.Contains(row.Text(), "cac2") {
		t.Errorf("everyone's claims: %q", row.Text())
	}
	// Reviewers see only their own, even asking for all.
	if got := cac.htDoc("/cases/mine?all=1", http.StatusOK).Find("#mine-table tbody tr[data-case]").Length(); got != 0 {
		t.Errorf("a reviewer's ?all=1 lists %d", got)
	}
	resp, body = samr.htPost(path+"/claim", url.Values{"op": {"reassign"}, "to": {"samr"}})
	htExpect(t, "a reviewer reassigning", resp, body, http.StatusForbidden, "")
	analyst := e.session("analyst")
	resp, body = analyst.htPost(path+"/claim", url.Values{"op": {"claim"}})
	htExpect(t, "an analyst claiming", resp, body, http.StatusForbidden, "")
	resp, body = approver.htPost(path+"/claim", url.Values{"op": {"steal"}})
	htExpect(t, "an unknown op", resp, body, http.StatusBadRequest, "")
	admin := e.session("admin")
	resp, body = admin.htPost(path+"/claim", url.Values{"op": {"reassign"}, "to": {"cac"}})
	htExpect(t, "an admin reassigning", resp, body, http.StatusSeeOther, "")
	if e.holderOf(id) != "cac" {
		t.Error("the admin's reassignment did not take")
	}
	want := "cac case.claim|approver case.reassign|admin case.reassign"
	if got := strings.Join(e.auditActions(id), "|"); got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
}

// TestComments: comments are added and shown with author and Beijing time,
// escaped (hostile markup is text), bounded at 2,000 characters,
// audit-logged; an admin (no case access) may not comment.
func TestComments(t *testing.T) {
	e := htNew(t)
	cac, analyst := e.session("cac"), e.session("analyst")
	id := e.htSimple("https://shop.example/comments", casework.RouteTakedownCAC)
	path := "/cases/" + htID(id)
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)> "引号" & 卖家微信 abc123`
	resp, body := cac.htPost(path+"/comments", url.Values{"text": {"  " + hostile + "\n"}})
	htExpect(t, "comment", resp, body, http.StatusSeeOther, path+"?ok=commented")
	e.clock.Add(90 * time.Minute)
	resp, body = analyst.htPost(path+"/comments", url.Values{"text": {strings.Repeat("长", store.MaxCommentRunes)}})
	htExpect(t, "2,000 characters", resp, body, http.StatusSeeOther, "")

	resp, raw := cac.htGet(path)
	htExpect(t, "case page", resp, raw, http.StatusOK, "")
	doc := htParse(t, raw)
	items := doc.Find("#comments li[id^=comment-]")
	if items.Length() != 2 {
		t.Fatalf("%d comments shown", items.Length())
	}
	first := items.First()
	if got := first.Find(".comment-text").Text(); got != hostile {
		t.Errorf("comment text = %q, want it verbatim", got)
	}
	if head := first.Find(".small").Text(); !strings.Contains(head, "2026-03-10 10:00") || !strings.Contains(head, "cac") {
		t.Errorf("comment heading = %q, want author and Beijing time", head)
	}
	if !strings.Contains(items.Eq(1).Find(".small").Text(), "11:30") {
		t.Errorf("second comment heading = %q", items.Eq(1).Find(".small").Text())
	}
	if doc.Find("#comments script, #comments img").Length() != 0 || strings.Contains(string(raw), "<script>alert(1)") {
		t.Error("hostile markup in a comment became markup")
	}
	for name, text := range map[string]string{"empty": "  \n ", "too long": strings.Repeat("长", store.MaxCommentRunes+1)} {
		resp, body := cac.htPost(path+"/comments", url.Values{"text": {text}})
		htExpect(t, name, resp, body, http.StatusBadRequest, "")
		if msg := htErrorMessage(t, body); !strings.Contains(msg, "评论") {
			t.Errorf("%s: %q", name, msg)
		}
	}
	admin := e.session("admin")
	resp, body = admin.htPost(path+"/comments", url.Values{"text": {"x"}})
	htExpect(t, "admin comment", resp, body, http.StatusForbidden, "")
	resp, body = cac.htPost("/cases/999999/comments", url.Values{"text": {"x"}})
	htExpect(t, "comment on a missing case", resp, body, http.StatusNotFound, "")
	want := "cac case.comment|analyst case.comment"
	if got := strings.Join(e.auditActions(id), "|"); got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
	// The API gives the comments too.
	_, body = cac.htGet("/api/cases/" + htID(id))
	var api struct{ Comments []store.Comment }
	htJSON(t, body, &api)
	if len(api.Comments) != 2 || api.Comments[0].Text != hostile {
		t.Errorf("API comments = %+v", api.Comments)
	}
}

// TestSnapshotDiff: a case seen with changed content offers 对比; the diff
// shows the lines removed and added between two snapshots (the two newest
// by default, any two on request), escaped; a snapshot of another case
// is refused, and a case with one snapshot has nothing to compare.
func TestSnapshotDiff(t *testing.T) {
	e := htNew(t)
	cac := e.session("cac")
	const u = "https://shop.example/diff"
	page := func(text string) htPage {
		return htPage{URL: u, Title: "办证", Text: text, Body: []byte(text)}
	}
	var head []string
	for i := range 20 {
		head = append(head, fmt.Sprint("不变的第", i, "行"))
	}
	base := strings.Join(head, "\n")
	r1 := e.htRecord(page(base + "\n出售安全员证 微信 abc123\n<b>旧价</b> 800 元"))
	e.htSweep()
	r2 := e.htRecord(page(base + "\n出售安全员证 微信 abc123\n<b>新价</b> 500 元\n新增：包过"))
	e.htSweep()
	r3 := e.htRecord(page(base + "\n出售安全员证 微信 xyz789"))
	id := r1.CaseID
	if r2.CaseID != id || r3.CaseID != id || r3.SnapshotID == r2.SnapshotID {
		t.Fatalf("records: %+v %+v %+v", r1, r2, r3)
	}
	path := "/cases/" + htID(id)
	if href := cac.htDoc(path, http.StatusOK).Find("#diff-link").AttrOr("href", ""); href != path+"/diff" {
		t.Fatalf("diff link = %q", href)
	}

	doc := cac.htDoc(path+"/diff", http.StatusOK)
	if a, b := doc.Find("#diff-a option[selected]").AttrOr("value", ""), doc.Find("#diff-b option[selected]").AttrOr("value", ""); a != htID(r2.SnapshotID) || b != htID(r3.SnapshotID) {
		t.Errorf("default pair = %s, %s; want the two newest", a, b)
	}
	if got := htTexts(doc, "#diff-table tr.d-del .d-text"); strings.Join(got, "|") != "<b>新价</b> 500 元|新增：包过|出售安全员证 微信 abc123" &&
		strings.Join(got, "|") != "出售安全员证 微信 abc123|<b>新价</b> 500 元|新增：包过" {
		t.Errorf("removed = %q", got)
	}
	if got := htTexts(doc, "#diff-table tr.d-add .d-text"); strings.Join(got, "|") != "出售安全员证 微信 xyz789" {
		t.Errorf("added = %q", got)
	}
	if doc.Find("#diff-table b").Length() != 0 {
		t.Error("page text became markup in the diff")
	}

	doc = cac.htDoc(fmt.Sprintf("%s/diff?a=%d&b=%d", path, r1.SnapshotID, r2.SnapshotID), http.StatusOK)
	if got := strings.Join(htTexts(doc, "#diff-table tr.d-del .d-text"), "|"); got != "<b>旧价</b> 800 元" {
		t.Errorf("removed 1→2 = %q", got)
	}
	if got := strings.Join(htTexts(doc, "#diff-table tr.d-add .d-text"), "|"); got != "<b>新价</b> 500 元|新增：包过" {
		t.Errorf("added 1→2 = %q", got)
	}
	if got := strings.TrimSpace(doc.Find("#diff-added").Text()) + "/" + strings.TrimSpace(doc.Find("#diff-removed").Text()); got != "2/1" {
		t.Errorf("counts = %s", got)
	}
	if folds := htTexts(doc, "#diff-table tr.d-fold"); len(folds) != 1 || !strings.Contains(folds[0], "省略 19 行") {
		t.Errorf("folds = %q (the title, 20 lines and the contact line, less 3 of context)", folds)
	}

	other := e.htSimple("https://shop.example/other", casework.RouteTakedownCAC)
	otherSnap := e.htCase(other).LatestSnapshot
	resp, body := cac.htGet(fmt.Sprintf("%s/diff?a=%d", path, otherSnap))
	htExpect(t, "another case's snapshot", resp, body, http.StatusBadRequest, "")
	resp, body = cac.htGet("/cases/" + htID(other) + "/diff")
	htExpect(t, "one snapshot", resp, body, http.StatusNotFound, "")
	if cac.htDoc("/cases/"+htID(other), http.StatusOK).Find("#diff-link").Length() != 0 {
		t.Error("a case with one snapshot offers a diff")
	}
}

// TestAssignClaimRace: reviewers pressing 认领 on one case at once over
// HTTP: exactly one claim is made, the others see the case page with who
// won.
func TestAssignClaimRace(t *testing.T) {
	e := htNew(t)
	id := e.htSimple("https://shop.example/race", casework.RouteTakedownCAC)
	const n = 6
	clients := make([]*htClient, n)
	for i := range clients {
		clients[i] = e.asUser(fmt.Sprintf("rev%d", i), casework.RoleReviewerCAC)
	}
	codes := make([]int, n)
	bodies := make([][]byte, n)
	var wg sync.WaitGroup
	for i, cl := range clients {
		wg.Go(func() {
			resp, body := cl.htPost("/cases/"+htID(id)+"/claim", url.Values{"op": {"claim"}})
			codes[i], bodies[i] = resp.StatusCode, body
		})
	}
	wg.Wait()
	winner := e.holderOf(id)
	won := 0
	for i, code := range codes {
		switch code {
		case http.StatusSeeOther:
			won++
			if clients[i].user != winner {
				t.Errorf("%s's claim succeeded but %s holds the case", clients[i].user, winner)
			}
		case http.StatusConflict:
			if h := htParse(t, bodies[i]).Find("#claim-holder").AttrOr("data-holder", ""); h != winner {
				t.Errorf("a loser sees holder %q, the winner is %q", h, winner)
			}
		default:
			t.Errorf("claim %d: status %d", i, code)
		}
	}
	if won != 1 || len(e.auditActions(id)) != 1 {
		t.Errorf("%d claims won, audit %v; want exactly one", won, e.auditActions(id))
	}
}
