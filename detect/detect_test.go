package detect

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// Texts the tests decide on, with the embedded pack and model.
const (
	// modelOnly is an offer of certificates that a rule of the default
	// pack scores below its threshold, and the default model flags.
	modelOnly = "高压电工证 低压电工证 焊工证 登高证 全国通用 需要的联系"
	// ruleOffer is an offer the rules flag.
	ruleOffer = "安全员C证代办，无需考试，包查包过，联系薇：abc12345" // 包过包查 until round 12's model: its likeliest category became exam_fraud
	// everyday holds no word of the packs: no rule scores it, and the
	// model is not asked (it would score it above the bar), short as it is.
	everyday = "今天天气很好，我们去公园散步，看到很多人在放风筝。"
	// sealed is a seller's short reply that no rule scores; it holds a
	// word of the packs (做好), so the model judges it, at DefaultShortBar.
	sealed = "做好了就帮你盖章，放心"
)

func defaultMatcher(t testing.TB) *matcher.Matcher {
	t.Helper()
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func defaultModel(t testing.TB) *rank.Model {
	t.Helper()
	m, err := rank.Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCombination(t *testing.T) {
	m, model := defaultMatcher(t), defaultModel(t)
	// One bar for every category: this test is about the channels and
	// the short-text bar; the per-category bars are TestCategoryBars'.
	d := New(m, Options{Model: model, CategoryBars: uniform})
	if d.bar != DefaultBar {
		t.Fatalf("bar %v, want %v", d.bar, DefaultBar)
	}
	tests := []struct {
		name, text  string
		off         []string
		flagged     bool
		channel     string
		category    string
		modelFlag   bool
		reasonParts []string
	}{
		{"the model alone", modelOnly, nil, true, matcher.ChannelModel, "cert_sale", true,
			[]string{fmt.Sprintf("模型达到单独标记门槛 %.2f", DefaultBar), "制售、买卖假证"}},
		{"the model's channel off", modelOnly, []string{"cert_sale"}, false, "", "", false,
			[]string{"该类别的模型通道已关闭，仅供参考"}},
		{"another channel off", modelOnly, []string{"exam_fraud"}, true, matcher.ChannelModel, "cert_sale", true, nil},
		{"rules and model", ruleOffer, nil, true, matcher.ChannelBoth, "cert_sale", true, []string{"达到阈值"}},
		{"rules, the model's channel off", ruleOffer, []string{"cert_sale"}, true, matcher.ChannelRules, "cert_sale", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := page.FromText("http://x.example/1", tc.text)
			f := d.WithOff(tc.off).Detect(p)
			if f.Flagged != tc.flagged || f.Channel != tc.channel || (tc.flagged && f.Category != tc.category) {
				t.Fatalf("flagged %v channel %q category %q, want %v %q %q; reasons %q", f.Flagged, f.Channel, f.Category,
					tc.flagged, tc.channel, tc.category, f.Reasons)
			}
			mv := f.Model
			if mv == nil || mv.Version != model.Version() || mv.Flagged != tc.modelFlag || len(mv.NGrams) == 0 || mv.Bar != DefaultBar {
				t.Fatalf("model verdict %+v", mv)
			}
			if f.Channel == matcher.ChannelModel && (f.Route == "" || f.CategoryName == "" || len(f.Rules) > 0 && f.Rules[0].Fired) {
				t.Errorf("model-only finding: route %q, category name %q", f.Route, f.CategoryName)
			}
			all := strings.Join(f.Reasons, "\n")
			for _, want := range append(tc.reasonParts, "违规概率") {
				if !strings.Contains(all, want) {
					t.Errorf("reasons lack %q:\n%s", want, all)
				}
			}
		})
	}

	t.Run("outside the domain", func(t *testing.T) {
		p := page.FromText("", everyday)
		if f := d.Detect(p); f.Flagged || f.Model != nil || len(f.Rules) != 0 {
			t.Errorf("a page no rule touched: flagged %v, model %+v, rules %d", f.Flagged, f.Model, len(f.Rules))
		}
		if pr := model.PredictPage(p); pr.Positive < DefaultBar {
			t.Errorf("the model scores the everyday text %.2f: the test no longer shows why it is not asked", pr.Positive)
		}
	})

	t.Run("short texts no rule touched", func(t *testing.T) {
		p := page.FromText("", sealed)
		f := d.Detect(p)
		if len(f.Rules) != 0 || f.Model == nil || f.Model.Version != model.Version() || f.Model.Bar != DefaultShortBar {
			t.Fatalf("a short text no rule touched, with a word of the packs: rules %d, model %+v", len(f.Rules), f.Model)
		}
		pr := model.PredictPage(p)
		if pr.Positive < DefaultShortBar || !f.Flagged || f.Channel != matcher.ChannelModel {
			t.Errorf("probability %.2f, flagged %v, channel %q: the test text no longer shows a short-text catch", pr.Positive, f.Flagged, f.Channel)
		}
		if all := strings.Join(f.Reasons, "\n"); !strings.Contains(all, "短文本未命中任何规则") {
			t.Errorf("reasons do not say why the bar is higher:\n%s", all)
		}
		if f := New(m, Options{Model: model, ShortBar: 0.999, CategoryBars: uniform}).Detect(p); f.Flagged || f.Model == nil || f.Model.Bar != 0.999 {
			t.Errorf("ShortBar 0.999: flagged %v, model %+v", f.Flagged, f.Model)
		}
		long := page.FromText("", strings.Repeat(sealed, 30)) // 330 runes
		if f := d.Detect(long); f.Model != nil || f.Flagged {
			t.Errorf("a 330-character text no rule touched was judged: %+v", f.Model)
		}
		if f := New(m, Options{Model: model, Short: 5}).Detect(p); f.Model != nil {
			t.Errorf("Short 5: a %d-character text was judged", len([]rune(sealed)))
		}
		if f := New(m, Options{Model: model, Short: -1}).Detect(p); f.Model != nil {
			t.Errorf("Short -1: the model was asked")
		}
	})

	t.Run("rules alone", func(t *testing.T) {
		r := New(m, Options{})
		if f := r.Detect(page.FromText("", modelOnly)); f.Flagged || f.Model != nil || f.Channel != "" {
			t.Errorf("rules alone flagged the model's page: %+v", f)
		}
		if f := r.Detect(page.FromText("", ruleOffer)); !f.Flagged || f.Channel != matcher.ChannelRules || f.Model != nil {
			t.Errorf("rules alone on an offer: %+v", f)
		}
		if r.Status().Model != "" || r.Name() != "rules "+m.Packs()[0].Version() {
			t.Errorf("status %+v, name %q", r.Status(), r.Name())
		}
	})
}

func TestInForce(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m, def := defaultMatcher(t), defaultModel(t)
	offer := page.FromText("http://x.example/2", modelOnly)

	d := InForce(m, st)
	if s := d.Status(); s.Model != def.Version() || s.Source != rank.DefaultName || s.Warning != "" || len(s.Off) != 0 {
		t.Fatalf("nothing activated: %+v", s)
	}
	if f := d.Detect(offer); f.Channel != matcher.ChannelModel {
		t.Fatalf("default model in force: channel %q", f.Channel)
	}

	// An analyst switches the cert_sale channel off: recorded, audited,
	// and the model no longer flags the page alone.
	if err := st.SetModelChannel("alice", "cert_sale", false); err != nil {
		t.Fatal(err)
	}
	if err := st.SetModelChannel("alice", "cert_sale", false); !errors.Is(err, store.ErrConflict) {
		t.Errorf("switching off twice: %v, want ErrConflict", err)
	}
	d = InForce(m, st)
	if s := d.Status(); !slices.Equal(s.Off, []string{"cert_sale"}) {
		t.Fatalf("off %v", s.Off)
	}
	if f := d.Detect(offer); f.Flagged || f.Model == nil || f.Model.Flagged {
		t.Fatalf("channel off, the model still flags: %+v", f)
	}
	entries, err := st.AuditEntries(store.AuditFilter{ActionPrefix: "model.channel"})
	if err != nil || len(entries) != 1 || entries[0].Actor != "alice" || entries[0].Object != "category:cert_sale" || !strings.Contains(entries[0].Detail, "off") {
		t.Fatalf("audit %+v, %v", entries, err)
	}
	if rep, err := st.VerifyAudit(); err != nil || !rep.OK() {
		t.Fatalf("audit chain: %+v, %v", rep, err)
	}
	if err := st.SetModelChannel("alice", "cert_sale", true); err != nil {
		t.Fatal(err)
	}
	if f := InForce(m, st).Detect(offer); f.Channel != matcher.ChannelModel {
		t.Fatalf("channel back on: channel %q", f.Channel)
	}

	// A corrupt model activated (the store keeps bytes; it does not parse
	// models): the rules alone, with a warning for the log and the UI.
	good, err := def.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	bad := slices.Clone(good)
	bad[len(bad)-5] ^= 0xff
	if err := st.ActivateModel("bob", "/srv/broken.cwm", bad, "broken@1"); err != nil {
		t.Fatal(err)
	}
	d = InForce(m, st)
	s := d.Status()
	if d.Model() != nil || s.Model != "" {
		t.Fatalf("a corrupt model is in force: %+v", s)
	}
	if !strings.Contains(s.Warning, "仅按规则判定") || !strings.Contains(s.Warning, "损坏") ||
		!strings.Contains(s.Error, "broken@1") || !strings.Contains(s.Error, "rules only") {
		t.Errorf("warning %q / error %q", s.Warning, s.Error)
	}
	if f := d.Detect(offer); f.Flagged || f.Model != nil {
		t.Errorf("rules alone flagged the model's page: %+v", f)
	}
	if f := d.Detect(page.FromText("", ruleOffer)); !f.Flagged || f.Channel != matcher.ChannelRules {
		t.Errorf("rules alone on an offer: %+v", f)
	}

	// Deactivated: back to the embedded default, no warning.
	if err := st.DeactivateModel("bob"); err != nil {
		t.Fatal(err)
	}
	if s := InForce(m, st).Status(); s.Model != def.Version() || s.Warning != "" {
		t.Errorf("after deactivation: %+v", s)
	}
}

func TestLinkContacts(t *testing.T) {
	html := `<html><head><title>出售电工证</title></head><body>
<main><p>出售电工证 焊工证，微信 abc12345，详见 http://seller.example/</p></main>
<footer><p>本站客服电话 13800001111 版权所有</p></footer></body></html>`
	p, err := page.FromHTML("http://x.example/3", []byte(html), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	f := defaultMatcher(t).Match(p)
	var all []string
	for _, c := range f.Contacts {
		all = append(all, c.Kind+":"+c.Value)
	}
	if !slices.Contains(all, "phone:13800001111") || !slices.Contains(all, "wechat:abc12345") {
		t.Fatalf("the matcher found %v: the test needs the seller's WeChat and the footer's phone", all)
	}
	// Possible contacts, web addresses and repeats are left out too.
	f.Contacts = append(f.Contacts,
		matcher.Contact{Kind: matcher.ContactPhone, Value: "13912345678", Field: "title", Possible: true},
		matcher.Contact{Kind: matcher.ContactQQ, Value: "123456789", Field: "title"},
		matcher.Contact{Kind: matcher.ContactQQ, Value: "123456789", Field: "title"},
		matcher.Contact{Kind: matcher.ContactDomain, Value: "seller.example", Field: "title"})
	var got []string
	for _, c := range LinkContacts(p, f) {
		got = append(got, c.Kind+":"+c.Value)
	}
	if want := []string{"wechat:abc12345", "qq:123456789"}; !slices.Equal(got, want) {
		t.Errorf("link contacts %v, want %v (all: %v)", got, want, all)
	}
}
