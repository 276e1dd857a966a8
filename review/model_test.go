package review_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// mdEnv is a review server whose detection is the store's, rebuilt when an
// analyst switches a channel (as serve wires it).
type mdEnv struct {
	*htEnv
	m   *matcher.Matcher
	mu  sync.Mutex
	det *detect.Detector
}

func mdNew(t *testing.T) *mdEnv {
	t.Helper()
	e := &mdEnv{}
	env := htNew(t, func(o *review.Options) {
		o.Detection = func() detect.Status {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.det.Status()
		}
		o.ModelChanged = e.reload
	})
	e.htEnv = env
	m, err := matcher.Compile(env.pack)
	if err != nil {
		t.Fatal(err)
	}
	e.m = m
	e.reload()
	return e
}

// detector is the detection in force.
func (e *mdEnv) detector() *detect.Detector {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.det
}

func (e *mdEnv) reload() {
	d := detect.InForce(e.m, e.st)
	e.mu.Lock()
	e.det = d
	e.mu.Unlock()
}

// mdRecord decides on a text page with the detection in force and
// records it as a sweep does (finding, linked contacts).
func (e *mdEnv) mdRecord(url, title, text string) (uint64, *matcher.Finding) {
	e.t.Helper()
	if e.sweep == 0 {
		e.htSweep()
	}
	p := page.FromText(url, text)
	p.Title = title
	f := e.detector().Detect(p)
	if !f.Flagged {
		e.t.Fatalf("%s is not flagged: %q", url, f.Reasons)
	}
	raw, err := json.Marshal(f)
	if err != nil {
		e.t.Fatal(err)
	}
	var cs []store.CaseContact
	for _, c := range detect.LinkContacts(p, f) {
		cs = append(cs, store.CaseContact{Kind: c.Kind, Value: c.Value})
	}
	res, err := e.st.Record(store.Observation{SweepID: e.sweep, CaseKey: url, URL: url, Title: title, Status: 200,
		Body: []byte("<html><title>" + title + "</title>" + text), Flagged: true, Score: f.Score, Category: f.Category,
		Finding: raw, PageTitle: title, Text: text, Contacts: cs})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.CaseID, f
}

// TestCasePageModelAndLinkedCases: a case only the model flagged shows
// its channel, probability and n-grams; two cases of one seller link to
// each other; the queue filters by channel.
func TestCasePageModelAndLinkedCases(t *testing.T) {
	e := mdNew(t)
	modelCase, mf := e.mdRecord("http://bbs.example/t/1", "考试交流", "高压电工证 低压电工证 焊工证 登高证 全国通用 需要的私聊")
	a, _ := e.mdRecord("http://bbs.example/t/2", "安全员C证", "安全员C证代办，无需考试，包过包查，联系微信 seller-88")
	b, _ := e.mdRecord("http://shop.example/item/3", "电工证", "电工证焊工证出售，不用考试直接出证，官网可查，加微信 seller-88 详聊")
	other, _ := e.mdRecord("http://bbs.example/t/4", "高处作业证", "高处作业证代办，免考包过，终身可查，QQ 2233445566")
	if mf.Channel != matcher.ChannelModel {
		t.Fatalf("case %d: channel %q, want model", modelCase, mf.Channel)
	}
	c := e.htLogin("cac")

	doc := c.htDoc(fmt.Sprintf("/cases/%d", modelCase), http.StatusOK)
	if got := strings.TrimSpace(doc.Find("#case-channel").Text()); got != "学习模型" {
		t.Errorf("channel shown %q, want 学习模型", got)
	}
	prob := fmt.Sprintf("%.2f", mf.Model.Probability)
	if got := doc.Find("#model-prob").Text(); got != prob {
		t.Errorf("probability shown %q, want %s", got, prob)
	}
	if got := doc.Find("#model-flagged").Text(); got != "模型判定违规" {
		t.Errorf("model verdict shown %q", got)
	}
	rows := doc.Find("#model-ngrams tbody tr")
	if rows.Length() != len(mf.Model.NGrams) || !strings.Contains(rows.First().Text(), "“"+mf.Model.NGrams[0].Text+"”") {
		t.Errorf("n-gram rows %d (want %d): %q", rows.Length(), len(mf.Model.NGrams), rows.First().Text())
	}
	if reasons := doc.Find("#reasons").Text(); !strings.Contains(reasons, "模型达到单独标记门槛") {
		t.Errorf("reasons %q do not say the model flagged it", reasons)
	}

	doc = c.htDoc(fmt.Sprintf("/cases/%d", a), http.StatusOK)
	items := doc.Find("#linked-cases li[data-case]")
	if items.Length() != 1 {
		t.Fatalf("linked cases of %d: %d items: %q", a, items.Length(), doc.Find("#linked-cases").Text())
	}
	href, _ := items.Find("a").Attr("href")
	if href != fmt.Sprintf("/cases/%d", b) || !strings.Contains(items.Text(), "seller-88") || !strings.Contains(items.Text(), "微信") {
		t.Errorf("linked case %q → %s", items.Text(), href)
	}
	if s := strings.TrimSpace(c.htDoc(fmt.Sprintf("/cases/%d", b), http.StatusOK).Find("#linked-cases li[data-case]").AttrOr("data-case", "")); s != fmt.Sprint(a) {
		t.Errorf("case %d links to %q, want %d", b, s, a)
	}
	if n := c.htDoc(fmt.Sprintf("/cases/%d", other), http.StatusOK).Find("#linked-cases li[data-case]").Length(); n != 0 {
		t.Errorf("case %d of another seller has %d linked cases", other, n)
	}

	// The queue filters by channel.
	doc = c.htDoc("/cases?channel=model", http.StatusOK)
	if got := htRowIDs(doc); !slices.Equal(got, htIDs(modelCase)) {
		t.Errorf("queue ?channel=model: %v, want [%d]", got, modelCase)
	}
	doc = c.htDoc("/cases?channel=rules%2Bmodel", http.StatusOK)
	if got := htRowIDs(doc); slices.Contains(got, htID(modelCase)) || len(got) == 0 {
		t.Errorf("queue ?channel=rules+model: %v", got)
	}
}

// TestModelChannelSwitch: an analyst switches a category's model channel
// on the rules page; it is recorded with an audit entry and the detection
// in force follows; a reviewer may not switch it.
func TestModelChannelSwitch(t *testing.T) {
	e := mdNew(t)
	an := e.htLogin("analyst")
	doc := an.htDoc("/rules", http.StatusOK)
	row := doc.Find(`#model-channels tr[data-category="cert_sale"]`)
	if strings.TrimSpace(row.Find(".channel-state").Text()) != "开启" || row.Find("button.channel-off").Length() != 1 {
		t.Fatalf("rules page row: %q", row.Text())
	}
	if v := doc.Find("#model-version").Text(); !strings.HasPrefix(v, "certwatch-default@") {
		t.Errorf("model shown %q", v)
	}

	resp, body := e.htLogin("cac").htPost("/rules/model-channel", url.Values{"category": {"cert_sale"}, "on": {"0"}})
	htExpect(t, "a reviewer switches a channel", resp, body, http.StatusForbidden, "")
	resp, body = an.htPost("/rules/model-channel", url.Values{"category": {"no_such"}, "on": {"0"}})
	htExpect(t, "unknown category", resp, body, http.StatusBadRequest, "")

	resp, body = an.htPost("/rules/model-channel", url.Values{"category": {"cert_sale"}, "on": {"0"}})
	htExpect(t, "the analyst switches cert_sale off", resp, body, http.StatusSeeOther, "/rules?ok=channel")
	if s := e.detector().Status(); !slices.Equal(s.Off, []string{"cert_sale"}) {
		t.Errorf("detection in force: off %v", s.Off)
	}
	entries, err := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "model.channel"})
	if err != nil || len(entries) != 1 || entries[0].Actor != "analyst" || entries[0].Object != "category:cert_sale" {
		t.Fatalf("audit %+v, %v", entries, err)
	}
	doc = an.htDoc("/rules?ok=channel", http.StatusOK)
	row = doc.Find(`#model-channels tr[data-category="cert_sale"]`)
	if !strings.Contains(row.Find(".channel-state").Text(), "已关闭") || !strings.Contains(row.Text(), "analyst") {
		t.Errorf("after switching off: %q", row.Text())
	}
	if f := e.detector().Detect(page.FromText("", "高压电工证 低压电工证 焊工证 登高证 全国通用 需要的私聊")); f.Flagged {
		t.Errorf("the channel is off and the model still flags: %q", f.Reasons)
	}
}

// TestModelWarningBanner: a corrupt model activated leaves the rules
// alone, and every page says so.
func TestModelWarningBanner(t *testing.T) {
	e := mdNew(t)
	c := e.htLogin("cac")
	if n := c.htDoc("/cases", http.StatusOK).Find("#model-warning").Length(); n != 0 {
		t.Fatal("a warning while the default model is in force")
	}
	def, err := rank.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := def.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.ActivateModel("admin", "/srv/cut.cwm", b[:len(b)/2], "cut@1"); err != nil {
		t.Fatal(err)
	}
	e.reload()
	for _, path := range []string{"/cases", "/rules"} {
		w := c.htDoc(path, http.StatusOK).Find("#model-warning").Text()
		if !strings.Contains(w, "学习模型无法使用，当前仅按规则判定") || !strings.Contains(w, "损坏或被截断") {
			t.Errorf("%s: banner %q", path, w)
		}
	}
}

// TestCasePageModelInBrowser opens the case pages in Chromium: the
// model's probability, its n-grams and the linked case are on screen.
func TestCasePageModelInBrowser(t *testing.T) {
	chromiumPath(t)
	e := mdNew(t)
	modelCase, mf := e.mdRecord("http://bbs.example/t/1", "考试交流", "高压电工证 低压电工证 焊工证 登高证 全国通用 需要的私聊")
	a, _ := e.mdRecord("http://bbs.example/t/2", "安全员C证", "安全员C证代办，无需考试，包过包查，联系微信 seller-88")
	b, _ := e.mdRecord("http://shop.example/item/3", "电工证", "电工证焊工证出售，不用考试直接出证，官网可查，加微信 seller-88 详聊")
	ctx := browser(t)
	base := e.srv.URL
	login(t, ctx, base, "cac", htPassword)
	run(t, ctx, "open the model's case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, modelCase)),
		chromedp.WaitVisible(chromedp.CSS("#model-verdict")))
	if got, want := textOf(t, ctx, "#model-prob"), fmt.Sprintf("%.2f", mf.Model.Probability); got != want {
		t.Errorf("probability on screen %q, want %s", got, want)
	}
	if got := textOf(t, ctx, "#case-channel"); got != "学习模型" {
		t.Errorf("channel on screen %q", got)
	}
	if got := textOf(t, ctx, "#model-ngrams"); !strings.Contains(got, mf.Model.NGrams[0].Text) {
		t.Errorf("n-grams on screen %q lack %q", got, mf.Model.NGrams[0].Text)
	}
	run(t, ctx, "open a case of the seller", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, a)),
		chromedp.WaitVisible(chromedp.CSS("#linked-cases")))
	if got := textOf(t, ctx, "#linked-cases"); !strings.Contains(got, fmt.Sprintf("案件 #%d", b)) || !strings.Contains(got, "seller-88") {
		t.Errorf("linked cases on screen %q", got)
	}
	run(t, ctx, "follow the link", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#linked-cases a[href="/cases/%d"]`, b))),
		chromedp.WaitVisible(chromedp.CSS("#case-title")))
	if got := textOf(t, ctx, "#case-title"); !strings.Contains(got, fmt.Sprintf("案件 #%d", b)) {
		t.Errorf("after the link: %q", got)
	}
}
