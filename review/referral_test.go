package review_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/evidence/hostfacts"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// htImitationHost is the imitation site of the referral tests, served on
// 127.0.0.1 through a resolve override.
const htImitationHost = "cx-mem-gov.example"

// htImitationSite starts an imitation query site on 127.0.0.1 and returns
// a collector that reaches it through a resolve override (no DNS).
func htImitationSite(t *testing.T) review.HostFactsCollector {
	t.Helper()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "nginx/1.14.0")
		w.Header().Set("X-Powered-By", "PHP/5.6.40")
		w.Write([]byte("<title>全国安全生产资格证书查询</title>"))
	}))
	t.Cleanup(site.Close)
	c, err := hostfacts.New(hostfacts.Options{ResolveOnly: true, Resolve: map[string]string{htImitationHost: site.Listener.Addr().String()},
		AllowInternal: []string{"127.0.0.1"}, PartTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c.Collect
}

func (e *htEnv) htImitation(u string) uint64 {
	e.t.Helper()
	return e.htRecord(htPage{URL: u, Title: "全国安全生产资格证书查询", Text: "特种作业操作证查询 请输入姓名和身份证号",
		Category: "imitation_site", Route: casework.RoutePoliceReferral,
		Rules: []matcher.RuleHit{{ID: "imitation-query-site", Category: "imitation_site", Pack: e.pack.Version(),
			Route: casework.RoutePoliceReferral, Score: 9, Threshold: e.pack.Threshold, Fired: true}}}).CaseID
}

// TestReferralMaterials: an imitation case's page has the 移送材料 section
// (the police route, and a checklist of what is present and missing);
// a reviewer collects the host facts in the background, which keeps them
// with their hash, audits it and shows them; the referral letter lists
// them in its second annex. Other cases have no such section, and a role
// that may not export evidence may not collect.
func TestReferralMaterials(t *testing.T) {
	e := htNew(t, func(o *review.Options) { o.HostFacts = htImitationSite(t) })
	imit := e.htImitation("http://" + htImitationHost + "/query.php")
	plain := e.htRecord(htPage{URL: "https://tieba.example/p/1", Title: "办证", Text: "免考包过"}).CaseID
	cac := e.htLogin("cac")

	checklist := func(id uint64) map[string]string {
		t.Helper()
		doc := cac.htDoc("/cases/"+htID(id), http.StatusOK)
		out := map[string]string{}
		doc.Find("#referral-checklist tbody tr").Each(func(_ int, s *goquery.Selection) {
			out[strings.TrimSpace(s.Find(".ref-label").Text())] = s.AttrOr("data-state", "")
		})
		return out
	}
	doc := cac.htDoc("/cases/"+htID(imit), http.StatusOK)
	if doc.Find("#referral").Length() != 1 || !strings.Contains(doc.Find("#referral-route").Text(), casework.RoutePoliceReferral.Name()) {
		t.Fatalf("imitation case page: no referral section with the police route:\n%s", doc.Find("#referral").Text())
	}
	got := checklist(imit)
	want := map[string]string{
		casework.ReferralScreenshot.Name(): "missing", casework.ReferralWARC.Name(): "present",
		casework.ReferralAddresses.Name(): "missing", casework.ReferralCertificate.Name(): "missing",
		casework.ReferralCT.Name(): "missing", casework.ReferralHeaders.Name(): "missing",
		casework.ReferralWHOIS.Name(): "missing", casework.ReferralProvider.Name(): "missing",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("before collecting: %s is %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if doc.Find("#collect-hostfacts").Length() != 1 {
		t.Error("no button to collect the host facts")
	}
	if d := cac.htDoc("/cases/"+htID(plain), http.StatusOK); d.Find("#referral").Length() != 0 {
		t.Error("a cert_sale case shows the referral section")
	}

	// An analyst may read the case but not collect.
	an := e.htLogin("analyst")
	if d := an.htDoc("/cases/"+htID(imit), http.StatusOK); d.Find("#collect-hostfacts").Length() != 0 {
		t.Error("the analyst sees the collect button")
	}
	resp, body := an.htPost("/cases/"+htID(imit)+"/hostfacts", url.Values{})
	htExpect(t, "analyst collects", resp, body, http.StatusForbidden, "")

	resp, body = cac.htPost("/cases/"+htID(imit)+"/hostfacts", url.Values{})
	htExpect(t, "collect", resp, body, http.StatusSeeOther, "/cases/"+htID(imit)+"?ok=hostfacts#referral")
	recs, err := e.st.HostFacts(imit)
	if err != nil || len(recs) != 1 || recs[0].By != "cac" || recs[0].SnapshotID == 0 {
		t.Fatalf("kept host facts %+v, %v", recs, err)
	}
	got = checklist(imit)
	want[casework.ReferralAddresses.Name()] = "present"
	want[casework.ReferralHeaders.Name()] = "present"
	want[casework.ReferralWHOIS.Name()] = "not_configured"
	want[casework.ReferralProvider.Name()] = "not_configured"
	for k, v := range want {
		if got[k] != v {
			t.Errorf("after collecting: %s is %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	doc = cac.htDoc("/cases/"+htID(imit), http.StatusOK)
	facts := doc.Find("#facts").Text()
	for _, w := range []string{"127.0.0.1", "Server: nginx/1.14.0", "X-Powered-By: PHP/5.6.40"} {
		if !strings.Contains(facts, w) {
			t.Errorf("facts lack %q:\n%s", w, facts)
		}
	}
	if !strings.Contains(doc.Find("#facts-meta").Text(), recs[0].SHA256) {
		t.Errorf("facts meta lacks the record's hash: %s", doc.Find("#facts-meta").Text())
	}
	_, page := cac.htGet("/cases/" + htID(imit))
	if raw := htRawNames(htVisibleText(t, page), htTableIdentifiers(e)); len(raw) > 0 {
		t.Errorf("the case page shows raw identifiers %q", raw)
	}
	audit, err := e.st.AuditEntries(store.AuditFilter{Object: "case:" + htID(imit)})
	if err != nil || len(audit) == 0 || audit[0].Action != "case.hostfacts" || !strings.Contains(audit[0].Detail, recs[0].SHA256) {
		t.Errorf("audit %+v, %v", audit, err)
	}

	// The referral letter's second annex.
	approver := e.htLogin("approver")
	resp, body = cac.htPost("/cases/"+htID(imit)+"/decide", url.Values{"action": {"confirm"}, "route": {"police_referral"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	resp, body = approver.htPost("/cases/"+htID(imit)+"/decide", url.Values{"action": {"approve"}})
	htExpect(t, "approve", resp, body, http.StatusSeeOther, "")
	n := e.htCase(imit).NoticeID
	resp, body = cac.htGet("/notices/" + htID(n) + "/document")
	htExpect(t, "document", resp, body, http.StatusOK, "")
	letter := htParse(t, body)
	annex := letter.Find("#annex-facts").Text()
	for _, w := range []string{"网站技术信息", casework.ReferralAddresses.Name(), "127.0.0.1", "Server: nginx/1.14.0", casework.ReferralWHOIS.Name(), "未配置"} {
		if !strings.Contains(annex, w) {
			t.Errorf("the referral letter's annex lacks %q:\n%s", w, annex)
		}
	}
	if raw := htRawIdentifiers(htDocumentText(t, body), htKnownIdentifiers(e)); len(raw) > 0 {
		t.Errorf("the referral letter shows raw identifiers %q", raw)
	}
	if !strings.Contains(letter.Find("#annex-note-facts").Text(), "附件2") {
		t.Errorf("the letter does not announce the second annex: %q", letter.Find("#body").Text())
	}
}

// The collector a server is given is bounded by its own options: a site
// that never answers still ends in a kept record with its problems.
func TestReferralCollectStalledSite(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accepted, never answered
		}
	}()
	c, err := hostfacts.New(hostfacts.Options{ResolveOnly: true, Resolve: map[string]string{htImitationHost: ln.Addr().String()},
		AllowInternal: []string{"127.0.0.1"}, PartTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	e := htNew(t, func(o *review.Options) {
		o.HostFacts = func(ctx context.Context, u string) *hostfacts.Facts { return c.Collect(ctx, u) }
	})
	imit := e.htImitation("http://" + htImitationHost + "/")
	start := time.Now()
	resp, body := e.htLogin("cac").htPost("/cases/"+htID(imit)+"/hostfacts", url.Values{})
	htExpect(t, "collect", resp, body, http.StatusSeeOther, "")
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("collecting from a stalled site took %v", d)
	}
	recs, err := e.st.HostFacts(imit)
	if err != nil || len(recs) != 1 {
		t.Fatalf("records %+v, %v", recs, err)
	}
	f, err := hostfacts.Decode(recs[0].Data)
	if err != nil || f.HTTP != nil || len(f.Problems) == 0 {
		t.Errorf("facts of a stalled site: %+v, %v", f, err)
	}
}
