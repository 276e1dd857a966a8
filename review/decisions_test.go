package review_test

// Issue 10, defect 9: reviewers' decisions must be recorded as meant. A
// dismissal has no default reason (the reviewer chooses), a confirmation
// carries no dismissal reason, and a reviewer confirming a case whose
// suggested route is another department's is asked to choose a route of
// their own instead of being refused.

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// htOptions are the values and texts of a select's options, and which
// one a browser would submit untouched (the selected one, else the first).
func htOptions(sel *goquery.Selection) (values, texts []string, submitted string) {
	sel.Find("option").Each(func(i int, o *goquery.Selection) {
		values = append(values, o.AttrOr("value", ""))
		texts = append(texts, strings.TrimSpace(o.Text()))
		if _, ok := o.Attr("selected"); ok {
			submitted = o.AttrOr("value", "")
		}
	})
	if submitted == "" && len(values) > 0 {
		submitted = values[0]
	}
	return values, texts, submitted
}

func TestDecisionDismissReasonRequired(t *testing.T) {
	e := htNew(t)
	a := e.htSimple("https://dr.example/a", casework.RouteTakedownCAC)
	b := e.htSimple("https://dr.example/b", casework.RouteTakedownCAC)
	c := e.htSimple("https://dr.example/c", casework.RouteTakedownCAC)
	cac := e.htLogin("cac")
	wantValues := []string{"", "false_positive", "out_of_scope", "duplicate"}
	wantTexts := []string{"请选择排除理由", "误报", "不属于本次专项范围", "重复线索"}

	t.Run("case page offers no default reason", func(t *testing.T) {
		doc := cac.htDoc("/cases/"+htID(a), http.StatusOK)
		sel := doc.Find("#dismiss-form select[name=reason]")
		if sel.Length() != 1 {
			t.Fatal("no dismiss reason select on an open case")
		}
		values, texts, submitted := htOptions(sel)
		if !slices.Equal(values, wantValues) || !slices.Equal(texts, wantTexts) {
			t.Errorf("dismiss reasons = %q %q, want %q %q", values, texts, wantValues, wantTexts)
		}
		if submitted != "" {
			t.Errorf("an untouched dismiss form submits reason %q", submitted)
		}
		if _, ok := sel.Attr("required"); !ok {
			t.Error("the dismiss reason is not required")
		}
	})

	t.Run("batch bar offers no default reason or action", func(t *testing.T) {
		doc := cac.htDoc("/cases", http.StatusOK)
		values, texts, submitted := htOptions(doc.Find("#batch select[name=reason]"))
		if !slices.Equal(values, wantValues) || !slices.Equal(texts, wantTexts) || submitted != "" {
			t.Errorf("batch reasons = %q %q, submitted %q", values, texts, submitted)
		}
		if n := doc.Find("#batch input[name=action][checked]").Length(); n != 0 {
			t.Errorf("%d batch actions preselected", n)
		}
	})

	countDecisions := func(id uint64) int {
		ds, err := e.st.Decisions(id)
		if err != nil {
			t.Fatal(err)
		}
		return len(ds)
	}
	audits := func(prefix string) []store.AuditEntry {
		es, err := e.st.AuditEntries(store.AuditFilter{ActionPrefix: prefix})
		if err != nil {
			t.Fatal(err)
		}
		return es
	}

	t.Run("dismiss without a reason is refused", func(t *testing.T) {
		for _, reason := range []string{"", "  ", "bored"} {
			resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"dismiss"}, "reason": {reason}})
			htExpect(t, "dismiss with reason "+reason, resp, body, http.StatusBadRequest, "")
			if msg := htErrorMessage(t, body); !strings.Contains(msg, "请选择排除理由") {
				t.Errorf("reason %q: message %q", reason, msg)
			}
		}
		resp, body := cac.htPostJSON("/api/cases/"+htID(a)+"/decide", map[string]string{"action": "dismiss"})
		htExpect(t, "API dismiss without a reason", resp, body, http.StatusBadRequest, "")
		var er struct{ Error string }
		htJSON(t, body, &er)
		if !strings.Contains(er.Error, "请选择排除理由") {
			t.Errorf("API message %q", er.Error)
		}
		resp, body = cac.htPost("/cases/decide", url.Values{"case": htIDs(a, b), "action": {"dismiss"}, "reason": {""}})
		htExpect(t, "batch dismiss without a reason", resp, body, http.StatusBadRequest, "")
		if msg := htErrorMessage(t, body); !strings.Contains(msg, "请选择排除理由") {
			t.Errorf("batch message %q", msg)
		}
		for _, id := range []uint64{a, b} {
			if x := e.htCase(id); x.Status != casework.CaseOpen || countDecisions(id) != 0 {
				t.Errorf("case %d after refused dismissals: %s, %d decisions", id, x.Status, countDecisions(id))
			}
		}
		if es := audits("case."); len(es) != 0 {
			t.Errorf("refused dismissals were audited: %+v", es)
		}
	})

	t.Run("a chosen reason is recorded", func(t *testing.T) {
		resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"dismiss"}, "reason": {"false_positive"}})
		htExpect(t, "dismiss", resp, body, http.StatusSeeOther, "")
		if x := e.htCase(a); x.Status != casework.CaseDismissed || x.DismissReason != casework.DismissFalsePositive {
			t.Errorf("case after dismissal = %s/%s", x.Status, x.DismissReason)
		}
	})

	t.Run("confirmations carry no reason", func(t *testing.T) {
		// The batch bar's form sends its reason select whatever the
		// action; a browser that still shows an old page sends one.
		resp, body := cac.htPost("/cases/decide", url.Values{"case": htIDs(b, c), "action": {"confirm"},
			"route": {"takedown_cac"}, "reason": {"duplicate"}})
		htExpect(t, "batch confirm", resp, body, http.StatusSeeOther, "")
		es := audits("case.confirm")
		if len(es) != 2 {
			t.Fatalf("%d case.confirm audit entries, want 2", len(es))
		}
		for _, en := range es {
			if strings.Contains(en.Detail, "reason=") {
				t.Errorf("confirmation audited with a reason: %q", en.Detail)
			}
		}
		for _, id := range []uint64{b, c} {
			ds, err := e.st.Decisions(id)
			if err != nil || len(ds) != 1 || ds[0].Reason != "" || ds[0].Action != casework.ActionConfirm {
				t.Errorf("case %d decisions = %+v (%v)", id, ds, err)
			}
			if x := e.htCase(id); x.DismissReason != "" {
				t.Errorf("confirmed case %d has dismiss reason %q", id, x.DismissReason)
			}
		}
		// The API too.
		d := e.htSimple("https://dr.example/d", casework.RouteTakedownCAC)
		resp, body = cac.htPostJSON("/api/cases/"+htID(d)+"/decide", map[string]string{"action": "confirm", "route": "takedown_cac", "reason": "duplicate"})
		htExpect(t, "API confirm with a reason", resp, body, http.StatusOK, "")
		if es := audits("case.confirm"); len(es) != 3 || strings.Contains(es[0].Detail, "reason=") {
			t.Errorf("API confirmation audited as %+v", es)
		}
	})
}

func TestDecisionRouteChoice(t *testing.T) {
	e := htNew(t)
	samrCase := e.htSimple("https://rc.example/samr", casework.RouteTakedownSAMR)
	cacCase := e.htSimple("https://rc.example/cac", casework.RouteTakedownCAC)
	cac := e.htLogin("cac")

	t.Run("the suggested route is another department's", func(t *testing.T) {
		doc := cac.htDoc("/cases/"+htID(samrCase), http.StatusOK)
		var offered, checked []string
		doc.Find("#confirm-form input[name=route]").Each(func(_ int, s *goquery.Selection) {
			offered = append(offered, s.AttrOr("value", ""))
			if _, ok := s.Attr("checked"); ok {
				checked = append(checked, s.AttrOr("value", ""))
			}
			if _, ok := s.Attr("required"); !ok {
				t.Error("the route choice is not required")
			}
		})
		if !slices.Equal(offered, []string{"takedown_cac", "police_referral"}) || len(checked) != 0 {
			t.Errorf("routes offered %q, checked %q; want cac's two, none checked", offered, checked)
		}
		note := strings.TrimSpace(doc.Find("#route-note").Text())
		for _, want := range []string{"市场监管", "您可以选择", "网信办下架通知", "移送公安"} {
			if !strings.Contains(note, want) {
				t.Errorf("route note %q lacks %q", note, want)
			}
		}
		// Submitted without a route (an old page, the API): asked to
		// choose, with the same explanation, and nothing recorded.
		resp, body := cac.htPost("/cases/"+htID(samrCase)+"/decide", url.Values{"action": {"confirm"}})
		htExpect(t, "confirm without a route", resp, body, http.StatusBadRequest, "")
		if msg := htErrorMessage(t, body); !strings.Contains(msg, "市场监管") || !strings.Contains(msg, "请选择处置路径") {
			t.Errorf("message %q", msg)
		}
		if x := e.htCase(samrCase); x.Status != casework.CaseOpen {
			t.Fatalf("case is %s after a refused confirmation", x.Status)
		}
		// Its own route works.
		resp, body = cac.htPost("/cases/"+htID(samrCase)+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
		htExpect(t, "confirm on cac's route", resp, body, http.StatusSeeOther, "/cases/"+htID(samrCase)+"?ok=confirmed")
		if x := e.htCase(samrCase); x.Status != casework.CaseConfirmed || x.Route != casework.RouteTakedownCAC {
			t.Errorf("case after confirming = %s on %s", x.Status, x.Route)
		}
	})

	t.Run("the suggested route is the reviewer's", func(t *testing.T) {
		doc := cac.htDoc("/cases/"+htID(cacCase), http.StatusOK)
		if got := doc.Find("#confirm-form input[name=route][checked]").AttrOr("value", ""); got != "takedown_cac" {
			t.Errorf("preselected route %q, want takedown_cac", got)
		}
		if doc.Find("#route-note").Length() != 0 {
			t.Error("a route note on a case whose suggestion is the reviewer's")
		}
	})

	t.Run("batch by suggested route explains", func(t *testing.T) {
		other := e.htSimple("https://rc.example/samr2", casework.RouteTakedownSAMR)
		resp, body := cac.htPost("/cases/decide", url.Values{"case": htIDs(other), "action": {"confirm"}, "route": {""}})
		htExpect(t, "batch confirm", resp, body, http.StatusConflict, "")
		lines := htTexts(htParse(t, body), ".errorpage li")
		if len(lines) != 1 || !strings.Contains(lines[0], "市场监管") || strings.Contains(lines[0], "操作失败") {
			t.Errorf("batch failure lines = %q", lines)
		}
		// The batch bar offers only cac's routes.
		values, _, _ := htOptions(cac.htDoc("/cases", http.StatusOK).Find("#batch select[name=route]"))
		if !slices.Equal(values, []string{"", "takedown_cac", "police_referral"}) {
			t.Errorf("batch routes = %q", values)
		}
	})

	t.Run("no route of one's own", func(t *testing.T) {
		ap := e.htLogin("approver")
		open := e.htSimple("https://rc.example/ap", casework.RouteTakedownCAC)
		doc := ap.htDoc("/cases/"+htID(open), http.StatusOK)
		if doc.Find("#confirm-form input[name=route]").Length() != 0 || !strings.Contains(doc.Find("#route-note").Text(), "您无权确认") {
			t.Errorf("approver's confirm form: %q", doc.Find("#confirm-form").Text())
		}
		resp, body := ap.htPost("/cases/"+htID(open)+"/decide", url.Values{"action": {"confirm"}})
		htExpect(t, "approver confirms", resp, body, http.StatusForbidden, "")
		if msg := htErrorMessage(t, body); !strings.Contains(msg, "您无权确认") {
			t.Errorf("message %q", msg)
		}
		if doc := ap.htDoc("/cases", http.StatusOK); doc.Find("#batch input[name=action][value=confirm]").Length() != 0 {
			t.Error("the batch bar offers an approver to confirm")
		}
	})
}
