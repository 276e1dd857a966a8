package review_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// referralWorld sweeps the sample web's imitation query site (and the
// sources also names) with the sample web's configuration: its source
// fetches statically, and the imitation site's page gets its evidence
// screenshot from the sweep's browser all the same. It serves the review
// UI on the result and returns the server's address and the imitation
// case's id. The account wang (reviewer for 网信办) signs in with
// "correct horse battery".
func referralWorld(t *testing.T, also ...string) (string, uint64) {
	t.Helper()
	x := sweepSampleWeb(t, time.Minute, append([]string{"imitation"}, also...)...)
	st, cfg, pack, log := x.st, x.cfg, x.pack, x.log
	c, err := st.Cases(store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var id uint64
	for _, x := range c {
		if x.URL == store.CanonicalURL("http://"+testbed.HostImitation+"/") {
			id = x.ID
		}
	}
	if id == 0 {
		t.Fatalf("no case for the imitation site among %d cases", len(c))
	}
	hash, err := review.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateUser("test", store.User{Name: "wang", DisplayName: "王审核", Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	h, err := review.New(review.Options{Store: st, Packs: []*rules.Pack{pack}, Serve: cfg.Serve, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, id
}

// TestEndToEndReferralMaterials: the sample web swept once, the imitation
// query site's case page in a real browser shows the 移送材料 section:
// the police route with its reason, the checklist (the WARC and the host
// facts the sweep collected present, with WHOIS from the sample web's
// server and the provider from its IP database, and the screenshot the
// sweep took of the site although its source fetches statically; the
// certificate of a plain-HTTP site missing)
// and the facts themselves (the address the resolve override gave, the
// software the server announces, the provider).
func TestEndToEndReferralMaterials(t *testing.T) {
	chromiumPath(t)
	start := time.Now()
	base, id := referralWorld(t)
	t.Logf("imitation site swept in %v", time.Since(start))
	ctx := browser(t)
	login(t, ctx, base, "wang", "correct horse battery")
	run(t, ctx, "open the imitation case",
		chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, id)),
		chromedp.WaitVisible(chromedp.CSS("#referral")),
		chromedp.ScrollIntoView(chromedp.CSS("#referral")),
	)
	head := textOf(t, ctx, "#referral h2") + textOf(t, ctx, "#referral-route")
	for _, want := range []string{"移送材料", casework.RoutePoliceReferral.Name(), "公安机关"} {
		if !strings.Contains(head, want) {
			t.Errorf("referral section heading lacks %q: %q", want, head)
		}
	}
	rows := get(t, ctx, "read the checklist", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#referral-checklist tbody tr')].map(r => r.querySelector('.ref-label').innerText + '=' + r.dataset.state)`))
	got := map[string]string{}
	for _, r := range rows {
		k, v, _ := strings.Cut(r, "=")
		got[k] = v
	}
	for item, state := range map[casework.ReferralItem]casework.ReferralState{
		casework.ReferralWARC: casework.ReferralPresent, casework.ReferralScreenshot: casework.ReferralPresent,
		casework.ReferralAddresses: casework.ReferralPresent, casework.ReferralHeaders: casework.ReferralPresent,
		casework.ReferralWHOIS: casework.ReferralPresent, casework.ReferralProvider: casework.ReferralPresent,
		casework.ReferralCertificate: casework.ReferralMissing,
	} {
		if got[item.Name()] != string(state) {
			t.Errorf("checklist: %s is %q, want %q (all %v)", item.Name(), got[item.Name()], state, got)
		}
	}
	facts := textOf(t, ctx, "#facts")
	for _, want := range []string{"127.0.0.1", "配置的解析覆盖", "Server: nginx/1.14.0", "X-Powered-By: PHP/5.6.40",
		testbed.DemoHosting.ISP, "AS64512", "查询 " + testbed.HostImitation} {
		if !strings.Contains(facts, want) {
			t.Errorf("facts lack %q:\n%s", want, facts)
		}
	}
	if meta := textOf(t, ctx, "#facts-meta"); !strings.Contains(meta, "巡查时自动采集") {
		t.Errorf("facts meta %q", meta)
	}
}
