package review_test

// Issue 10, defect 10: documents that leave the office (takedown notices,
// police referrals, period reports) name everything in Chinese. The test
// makes real documents through the server, with cases of every category
// on every route, and scans their text for raw identifiers.

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
)

var (
	// Text that may be ASCII on purpose: URLs, host names, hashes.
	htDocURL  = regexp.MustCompile(`https?://[^\s（），。<>"]+`)
	htDocHost = regexp.MustCompile(`[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+`)
	htDocHex  = regexp.MustCompile(`[0-9a-fA-F]{16,}`)
	// An identifier as the code spells it: words joined by underscores.
	htDocIdent = regexp.MustCompile(`[A-Za-z]+_[A-Za-z_]+`)
)

// htKnownIdentifiers are the identifiers documents could leak: every
// category, route, status, reason, outcome, contact kind and role.
func htKnownIdentifiers(e *htEnv) []string {
	var ids []string
	for _, c := range e.pack.Categories {
		ids = append(ids, c.ID)
	}
	for _, vs := range [][]string{strs(casework.Routes), strs(casework.CaseStatuses), strs(casework.NoticeStates),
		strs(casework.DismissReasons), strs(casework.Outcomes), strs(casework.Roles)} {
		ids = append(ids, vs...)
	}
	ids = append(ids, matcher.ContactPhone, matcher.ContactLandline, matcher.ContactWeChat, matcher.ContactQQ, matcher.ContactDomain)
	return ids
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// htRawIdentifiers lists the raw identifiers in a document's text.
func htRawIdentifiers(text string, known []string) []string {
	text = htDocURL.ReplaceAllString(text, " ")
	text = htDocHost.ReplaceAllString(text, " ")
	text = htDocHex.ReplaceAllString(text, " ")
	found := htDocIdent.FindAllString(text, -1)
	for _, id := range known {
		if regexp.MustCompile(`\b` + regexp.QuoteMeta(id) + `\b`).MatchString(text) {
			found = append(found, id)
		}
	}
	slices.Sort(found)
	return slices.Compact(found)
}

// htDocumentText is what a reader of an HTML document sees (no styles).
func htDocumentText(t *testing.T, body []byte) string {
	t.Helper()
	doc := htParse(t, body)
	doc.Find("style, script").Remove()
	return doc.Find("title").Text() + "\n" + doc.Find("body").Text()
}

func TestDocumentsHaveNoRawIdentifiers(t *testing.T) {
	e := htNew(t)
	known := htKnownIdentifiers(e)
	// One case per category and route, each fired by a rule of its
	// category (for the reasons and legal bases).
	routes := casework.Routes
	byRoute := map[string][]uint64{}
	for _, cat := range e.pack.Categories {
		i := slices.IndexFunc(e.pack.Rules, func(r *rules.Rule) bool { return r.Category == cat.ID })
		if i < 0 {
			t.Fatalf("the default pack has no rule of category %s", cat.ID)
		}
		rule := e.pack.Rules[i]
		for _, route := range routes {
			u := "https://docs-" + strings.ReplaceAll(cat.ID, "_", "-") + ".example/" + string(route)
			id := e.htRecord(htPage{URL: u, Title: "办理特种作业操作证 免考包过", Text: "免考包过 当天出证", Category: cat.ID, Route: route,
				Rules:    []matcher.RuleHit{{ID: rule.ID, Category: cat.ID, Pack: e.pack.Version(), Route: route, Score: 9, Threshold: e.pack.Threshold, Fired: true}},
				Contacts: []matcher.Contact{}}).CaseID
			byRoute[string(route)] = append(byRoute[string(route)], id)
		}
	}
	cac, samr, approver := e.htLogin("cac"), e.htLogin("samr"), e.htLogin("approver")
	decide := func(cl *htClient, id uint64, form url.Values) {
		t.Helper()
		resp, body := cl.htPost("/cases/"+htID(id)+"/decide", form)
		htExpect(t, "decide", resp, body, http.StatusSeeOther, "")
	}
	const recipient = "某网络平台运营者"
	for _, id := range byRoute["takedown_cac"] {
		decide(cac, id, url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "recipient": {recipient}})
	}
	for _, id := range byRoute["takedown_samr"] {
		decide(samr, id, url.Values{"action": {"confirm"}, "route": {"takedown_samr"}, "recipient": {recipient}})
	}
	for _, id := range byRoute["police_referral"] {
		decide(cac, id, url.Values{"action": {"confirm"}, "route": {"police_referral"}})
		decide(approver, id, url.Values{"action": {"approve"}})
	}
	notices := map[string]uint64{}
	for route, ids := range byRoute {
		notices[route] = e.htCase(ids[0]).NoticeID
		for _, id := range ids {
			if n := e.htCase(id).NoticeID; n != notices[route] || n == 0 {
				t.Fatalf("%s cases are in notices %d and %d", route, notices[route], n)
			}
		}
	}
	// One notice signed off (a number and a deadline), the others drafts.
	resp, body := approver.htPost("/notices/"+htID(notices["takedown_samr"])+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "sign off", resp, body, http.StatusSeeOther, "")

	check := func(t *testing.T, what, text string, wants ...string) {
		t.Helper()
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q (the document is not what the test thinks):\n%.1500s", what, w, text)
			}
		}
		if raw := htRawIdentifiers(text, known); len(raw) > 0 {
			t.Errorf("%s shows raw identifiers %q:\n%.3000s", what, raw, text)
		}
	}
	for _, route := range routes {
		t.Run(string(route), func(t *testing.T) {
			resp, body := cac.htGet("/notices/" + htID(notices[string(route)]) + "/document")
			htExpect(t, "document", resp, body, http.StatusOK, "")
			var names []string
			for _, c := range e.pack.Categories {
				names = append(names, "类别："+c.Name)
			}
			check(t, string(route)+" document", htDocumentText(t, body), names...)
		})
	}
	t.Run("period report", func(t *testing.T) {
		resp, body := cac.htGet("/reports/html")
		htExpect(t, "report", resp, body, http.StatusOK, "")
		check(t, "report HTML", htDocumentText(t, body), "网信办", "市场监管")
		resp, body = cac.htGet("/reports/xlsx")
		htExpect(t, "report XLSX", resp, body, http.StatusOK, "")
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var cells []string
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			cells = append(cells, sh)
			for _, r := range rows {
				cells = append(cells, r...)
			}
		}
		check(t, "report XLSX", strings.Join(cells, "\n"), "网信办", "市场监管")
	})
}
