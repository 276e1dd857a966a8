package review_test

// The permission matrix on objects (issue 10, defect 6): not only which
// role may use a route, but what a role may do to a case another role
// decided, in each state. Written out, like htRoutes.

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// htObject is a case in a given state, made by a given role.
type htObject struct {
	name string
	// make records a fresh case and brings it into its state through the
	// store (as the role named in name would have).
	make func(e *htEnv, url string) uint64
}

func htDecideAs(e *htEnv, d store.Decision) {
	e.t.Helper()
	if _, _, err := e.st.Decide(d); err != nil {
		e.t.Fatalf("setup %s of case %d by %s: %v", d.Action, d.CaseID, d.By, err)
	}
}

var htObjects = map[string]htObject{
	"open (suggested cac)": {"open case suggested takedown_cac", func(e *htEnv, u string) uint64 {
		return e.htSimple(u, casework.RouteTakedownCAC)
	}},
	"open (suggested samr)": {"open case suggested takedown_samr", func(e *htEnv, u string) uint64 {
		return e.htSimple(u, casework.RouteTakedownSAMR)
	}},
	"cac takedown": {"takedown_cac confirmed by reviewer_cac, notice a draft", func(e *htEnv, u string) uint64 {
		id := e.htSimple(u, casework.RouteTakedownCAC)
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台", By: "cac"})
		return id
	}},
	"samr takedown": {"takedown_samr confirmed by reviewer_samr, notice a draft", func(e *htEnv, u string) uint64 {
		id := e.htSimple(u, casework.RouteTakedownSAMR)
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownSAMR, Recipient: "平台", By: "samr"})
		return id
	}},
	"cac referral pending": {"police_referral proposed by reviewer_cac, waiting for approval", func(e *htEnv, u string) uint64 {
		id := e.htSimple(u, casework.RoutePoliceReferral)
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "公安", By: "cac"})
		return id
	}},
	"samr referral pending": {"police_referral proposed by reviewer_samr, waiting for approval", func(e *htEnv, u string) uint64 {
		id := e.htSimple(u, casework.RoutePoliceReferral)
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "公安", By: "samr"})
		return id
	}},
	"cacapprover referral pending": {"police_referral proposed by reviewer_cac+approver, waiting for approval", func(e *htEnv, u string) uint64 {
		id := e.htSimple(u, casework.RoutePoliceReferral)
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "公安", By: "cacapprover"})
		return id
	}},
	"cac referral approved": {"police_referral proposed by reviewer_cac, approved by approver", func(e *htEnv, u string) uint64 {
		id := e.htSimple(u, casework.RoutePoliceReferral)
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "公安", By: "cac"})
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionApprove, By: "approver"})
		return id
	}},
	"samr dismissed": {"dismissed by reviewer_samr as a false positive", func(e *htEnv, u string) uint64 {
		id := e.htSimple(u, casework.RouteTakedownSAMR)
		htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "samr"})
		return id
	}},
}

// htObjectForms: the form on the case page that offers each action.
var htObjectForms = map[string]string{
	"withdraw": "#withdraw-form", "dismiss": "#dismiss-form", "approve": "#approve-form",
	"reject": "#reject-form", "reopen": "#reopen-form",
}

func TestSecurityObjectMatrix(t *testing.T) {
	e := htNew(t)
	if err := e.st.CreateUser("test", store.User{Name: "cac2", DisplayName: "测试cac2", Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: htHash(t)}); err != nil {
		t.Fatal(err)
	}
	clients := map[string]*htClient{}
	for _, u := range []string{"cac", "cac2", "samr", "approver", "approver2", "cacapprover", "analyst"} {
		clients[u] = e.htLogin(u)
	}
	const ok, no = true, false
	// actor, object, action (with its form fields) → allowed.
	table := []struct {
		actor, object, action string
		form                  url.Values
		allowed               bool
	}{
		// Withdrawing a takedown: the route's department or an approver.
		{"cac", "cac takedown", "withdraw", nil, ok},
		{"cac2", "cac takedown", "withdraw", nil, ok}, // same department, another reviewer
		{"samr", "cac takedown", "withdraw", nil, no},
		{"approver", "cac takedown", "withdraw", nil, ok},
		{"analyst", "cac takedown", "withdraw", nil, no},
		{"samr", "samr takedown", "withdraw", nil, ok},
		{"cac", "samr takedown", "withdraw", nil, no},
		{"cacapprover", "samr takedown", "withdraw", nil, ok},
		// Withdrawing a referral waiting for approval: its proposer or an
		// approver; an approved one: an approver.
		{"cac", "cac referral pending", "withdraw", nil, ok},
		{"cac2", "cac referral pending", "withdraw", nil, no},
		{"samr", "cac referral pending", "withdraw", nil, no},
		{"approver", "cac referral pending", "withdraw", nil, ok},
		{"cac", "samr referral pending", "withdraw", nil, no},
		{"cac", "cac referral approved", "withdraw", nil, no},
		{"samr", "cac referral approved", "withdraw", nil, no},
		{"approver2", "cac referral approved", "withdraw", nil, ok},
		// Dismissing: any reviewer or approver while open; a referral
		// waiting for approval only by an approver.
		{"cac", "open (suggested samr)", "dismiss", nil, ok},
		{"samr", "open (suggested cac)", "dismiss", nil, ok},
		{"approver", "open (suggested cac)", "dismiss", nil, ok},
		{"analyst", "open (suggested cac)", "dismiss", nil, no},
		{"cac", "cac referral pending", "dismiss", nil, no},
		{"cac2", "cac referral pending", "dismiss", nil, no},
		{"samr", "cac referral pending", "dismiss", nil, no},
		{"cac", "samr referral pending", "dismiss", nil, no},
		{"approver", "cac referral pending", "dismiss", nil, ok},
		{"cacapprover", "samr referral pending", "dismiss", nil, ok},
		// Approving and rejecting: an approver other than the proposer.
		{"samr", "cac referral pending", "approve", nil, no},
		{"cac", "cac referral pending", "approve", nil, no},
		{"approver", "cac referral pending", "approve", nil, ok},
		{"cacapprover", "cacapprover referral pending", "approve", nil, no},
		{"samr", "cac referral pending", "reject", nil, no},
		{"approver", "samr referral pending", "reject", nil, ok},
		// Reopening a dismissal: anyone who decides.
		{"cac", "samr dismissed", "reopen", nil, ok},
		{"approver", "samr dismissed", "reopen", nil, ok},
		{"analyst", "samr dismissed", "reopen", nil, no},
		// Confirming: onto one's own department's route only.
		{"cac", "open (suggested samr)", "confirm", url.Values{"route": {"takedown_samr"}}, no},
		{"cac", "open (suggested samr)", "confirm", url.Values{"route": {"takedown_cac"}}, ok},
		{"samr", "open (suggested samr)", "confirm", url.Values{"route": {"takedown_samr"}}, ok},
		{"approver", "open (suggested cac)", "confirm", url.Values{"route": {"takedown_cac"}}, no},
	}
	for i, row := range table {
		obj, found := htObjects[row.object]
		if !found {
			t.Fatalf("row %d: no object %q", i, row.object)
		}
		form := url.Values{"action": {row.action}}
		for k, v := range row.form {
			form[k] = v
		}
		switch row.action {
		case "withdraw", "reject":
			form.Set("note", "测试理由")
		case "dismiss":
			form.Set("reason", "false_positive")
		}
		name := row.actor + " " + row.action + " " + obj.name
		t.Run(name, func(t *testing.T) {
			cl := clients[row.actor]
			for _, channel := range []string{"form", "api"} {
				id := obj.make(e, "https://objects.example/"+htID(uint64(i))+"/"+channel)
				before := e.htCase(id)
				if form := htObjectForms[row.action]; form != "" && channel == "form" && row.actor != "analyst" {
					// The case page offers the action exactly when allowed.
					doc := cl.htDoc("/cases/"+htID(id), http.StatusOK)
					if offered := doc.Find(form).Length() == 1; offered != row.allowed {
						t.Errorf("case page offers %s: %v, want %v", row.action, offered, row.allowed)
					}
				}
				var resp *http.Response
				var body []byte
				want := http.StatusForbidden
				if channel == "form" {
					resp, body = cl.htPost("/cases/"+htID(id)+"/decide", form)
					if row.allowed {
						want = http.StatusSeeOther
					}
				} else {
					in := map[string]string{}
					for k := range form {
						in[k] = form.Get(k)
					}
					resp, body = cl.htPostJSON("/api/cases/"+htID(id)+"/decide", in)
					if row.allowed {
						want = http.StatusOK
					}
				}
				if resp.StatusCode != want {
					t.Errorf("%s: %d, want %d: %s", channel, resp.StatusCode, want, htClip(body))
					continue
				}
				after := e.htCase(id)
				if !row.allowed && (after.Status != before.Status || after.DecidedBy != before.DecidedBy) {
					t.Errorf("%s: refused, yet the case changed: %s → %s", channel, before.Status, after.Status)
				}
				if !row.allowed && channel == "form" && row.actor != "analyst" {
					if msg := htErrorMessage(t, body); msg == "" || strings.Contains(msg, "操作失败") {
						t.Errorf("403 says %q", msg)
					}
				}
			}
		})
	}
}

// TestSecurityAnalystNoticeDetails: an analyst, who may not open notices,
// sees no notice details on the case page or in the API (least
// privilege), while a reviewer does.
func TestSecurityAnalystNoticeDetails(t *testing.T) {
	e := htNew(t)
	id := e.htSimple("https://an.example/a", casework.RouteTakedownCAC)
	recipient := "某某科技有限公司（测试平台）"
	htDecideAs(e, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: recipient, By: "cac"})
	nid := e.htCase(id).NoticeID
	resp, body := e.htLogin("approver").htPost("/notices/"+htID(nid)+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "sign off", resp, body, http.StatusSeeOther, "")
	n, err := e.st.Notice(nid)
	if err != nil || n.Number == "" {
		t.Fatalf("notice %+v (%v)", n, err)
	}
	secrets := []string{recipient, n.Number}

	reviewer, analyst := e.htLogin("cac"), e.htLogin("analyst")
	// The reviewer sees them (the control: the secrets are on the page).
	_, body = reviewer.htGet("/cases/" + htID(id))
	for _, s := range secrets {
		if !strings.Contains(string(body), s) {
			t.Fatalf("the reviewer's case page lacks %q", s)
		}
	}
	resp, body = analyst.htGet("/notices/" + htID(nid))
	htExpect(t, "analyst opens the notice", resp, body, http.StatusForbidden, "")

	for _, path := range []string{"/cases/" + htID(id), "/api/cases/" + htID(id), "/api/cases?status=confirmed", "/cases?status=confirmed"} {
		resp, body := analyst.htGet(path)
		htExpect(t, path, resp, body, http.StatusOK, "")
		for _, s := range append(secrets, "/notices/"+htID(nid)) {
			if strings.Contains(string(body), s) {
				t.Errorf("analyst's %s shows %q", path, s)
			}
		}
	}
	_, body = analyst.htGet("/api/cases/" + htID(id))
	var got struct {
		Case      map[string]any   `json:"case"`
		Notice    json.RawMessage  `json:"notice"`
		Decisions []map[string]any `json:"decisions"`
	}
	htJSON(t, body, &got)
	if string(got.Notice) != "null" || got.Case["notice_id"] != nil || got.Case["recipient"] != nil {
		t.Errorf("analyst's API case: notice %s, case %v", got.Notice, got.Case)
	}
	if got.Case["status"] != "confirmed" || got.Case["route"] != "takedown_cac" || len(got.Decisions) != 1 {
		t.Errorf("analyst's API case lost what it may see: %v, %d decisions", got.Case, len(got.Decisions))
	}
}
