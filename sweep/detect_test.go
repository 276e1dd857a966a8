package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// TestSweepWithModelAndContacts sweeps a small forum on 127.0.0.1 with
// the rules and the embedded model in force: a post only the model flags
// becomes a case that says so, two posts of the same seller (one WeChat
// id) are linked, and a post whose page footer carries that id is not.
func TestSweepWithModelAndContacts(t *testing.T) {
	pages := map[string]string{
		"/": `<title>论坛</title><main><ul><li><a href="/a">帖子一</a></li><li><a href="/b">帖子二</a></li>
<li><a href="/c">帖子三</a></li><li><a href="/d">帖子四</a></li><li><a href="/e">帖子五</a></li></ul></main>`,
		"/a": `<title>安全员C证代办</title><main><p>安全员C证代办，无需考试，包过包查，联系微信 seller-88</p></main>`,
		"/b": `<title>电工证出售</title><main><p>电工证焊工证出售，不用考试直接出证，官网可查，加微信 seller-88 详聊</p></main>`,
		// /c: only the model flags it (cert_sale; with the title 证书交流 the
		// text scored 0.8996, too near the bar for a test).
		"/c": `<title>各类证书</title><main><p>高压电工证 低压电工证 焊工证 登高证 全国通用 需要的联系</p></main>`,
		"/d": `<title>高处作业证</title><main><p>高处作业证代办，免考包过，终身可查，QQ 2233445566</p></main>
<footer><p>本站客服微信 seller-88 · 版权所有 某论坛</p></footer>`,
		"/e": `<title>周末活动</title><main><p>今天天气很好，我们去公园散步，看到很多人在放风筝。</p></main>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html><head><meta charset=utf-8>"+strings.Replace(body, "</title>", "</title></head><body>", 1)+"</body></html>")
	}))
	defer srv.Close()

	dir := t.TempDir()
	y := fmt.Sprintf(`database: c.db
resolve_only: false
resolve: {forum.example: %q}
allow_internal: [forum.example]
limits: {per_host_delay: 0s, timeout: 5s, retries: 0}
sources:
  - {id: forum, type: site, start: ["http://forum.example/"], depth: 1}
`, strings.TrimPrefix(srv.URL, "http://"))
	cfgPath := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfgPath, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cr, err := crawler.New(CrawlerOptions(cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer cr.Close()
	d := detect.InForce(m, st)
	if s := d.Status(); s.Model == "" || s.Warning != "" {
		t.Fatalf("detection in force: %+v", s)
	}
	s := &Sweeper{Config: cfg, Store: st, Matcher: m, Detector: d, Fetcher: cr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.Run(ctx, false); err != nil {
		t.Fatal(err)
	}

	cases, err := st.Cases(store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]store.Case{}
	for _, c := range cases {
		byPath[strings.TrimPrefix(c.URL, "http://forum.example")] = c
	}
	for _, path := range []string{"/a", "/b", "/c", "/d"} {
		if _, ok := byPath[path]; !ok {
			t.Errorf("no case for %s (cases: %v)", path, keys(byPath))
		}
	}
	for _, path := range []string{"/", "/e"} {
		if c, ok := byPath[path]; ok {
			t.Errorf("a case for %s: %+v", path, c)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	// The model's case: its channel, its verdict, the route of its
	// category, in the stored finding and in the listing.
	mc := byPath["/c"]
	if mc.Channel != matcher.ChannelModel || mc.Category != "cert_sale" {
		t.Errorf("case /c: channel %q category %q, want model cert_sale", mc.Channel, mc.Category)
	}
	full, err := st.Case(mc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var f matcher.Finding
	if err := json.Unmarshal(full.Finding, &f); err != nil {
		t.Fatal(err)
	}
	if f.Model == nil || !f.Model.Flagged || f.Model.Probability < detect.DefaultBar || len(f.Model.NGrams) == 0 || f.Route == "" {
		t.Errorf("case /c finding: model %+v, route %q", f.Model, f.Route)
	}
	if c := byPath["/a"]; c.Channel != matcher.ChannelBoth && c.Channel != matcher.ChannelRules {
		t.Errorf("case /a: channel %q", c.Channel)
	}

	// Same seller: /a and /b share the WeChat id; /d has it only in the
	// site's footer and is linked to nothing.
	a, b, dd := byPath["/a"].ID, byPath["/b"].ID, byPath["/d"].ID
	linked, err := st.LinkedCases(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(linked) != 1 || linked[0].CaseID != b || len(linked[0].Shared) != 1 ||
		linked[0].Shared[0] != (store.CaseContact{Kind: "wechat", Value: "seller-88"}) {
		t.Errorf("cases linked to /a: %+v, want /b by wechat seller-88", linked)
	}
	if linked, err := st.LinkedCases(dd); err != nil || len(linked) != 0 {
		t.Errorf("cases linked to /d: %+v, %v; want none (the footer's contact is the site's)", linked, err)
	}
	dc, err := st.Case(dd)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(dc.Finding), `"value":"seller-88"`) {
		t.Fatalf("the finding of /d lacks the footer's WeChat id, so the test shows nothing: %s", dc.Finding)
	}
	cs, err := st.CaseContacts(dd)
	if err != nil || len(cs) != 1 || cs[0] != (store.CaseContact{Kind: "qq", Value: "2233445566"}) {
		t.Errorf("contacts of /d: %+v, %v", cs, err)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPersonalContactsOfOldFindings: a case recorded before the contact
// index is compared with the personal contacts of its finding, by kind.
func TestPersonalContactsOfOldFindings(t *testing.T) {
	raw := json.RawMessage(`{"contacts":[{"kind":"phone","value":"13900000001"},{"kind":"qq","value":"123456"},
{"kind":"phone","value":"13900000002","possible":true},{"kind":"url","value":"http://x.example/"},{"kind":"wechat","value":""}]}`)
	got := personalContacts(raw)
	want := []store.CaseContact{{Kind: "phone", Value: "13900000001"}, {Kind: "qq", Value: "123456"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("personal contacts %v, want %v", got, want)
	}
	if personalContacts(json.RawMessage(`{"contacts":"x"}`)) != nil || personalContacts(nil) != nil {
		t.Error("a bad or missing finding gave contacts")
	}
}
