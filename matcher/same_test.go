package matcher

import (
	"bufio"
	"encoding/json"
	"github.com/certwatch/certwatch/internal/racemode"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// The matcher's fast paths (character automata, the fused first pass,
// the lighter contact path of pages no rule can score) must not change
// detection. TestFastPathSameFindings scores every page of the project's
// corpora, and variants of each written to reach the corners of
// normalization and of contact decoding, with the matcher as compiled and
// with the reference (compileReference: byte automata, the first pass as
// separate steps), and requires the same finding, byte for byte in JSON.

// sameTestPages gathers the pages to compare: the labelled corpus, the
// held-out sets, the train and dev splits of the real corpus (the test
// split is skipped unread), its everyday texts and the obfuscated contacts
// of the real corpus, each as a page of its own and inside text.
func sameTestPages(t *testing.T) []*page.Page {
	t.Helper()
	var out []*page.Page
	for _, g := range []string{"../testdata/corpus/*.jsonl", "../testdata/unseen/*.jsonl"} {
		for _, lp := range loadCorpus(t, g) {
			out = append(out, lp.p)
		}
	}
	// The real corpus, train and dev only.
	f, err := os.Open("../testdata/real/texts.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tmp := filepath.Join(t.TempDir(), "traindev.jsonl")
	w, err := os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct {
			Split string `json:"split"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Split == "train" || rec.Split == "dev" {
			if _, err := w.Write(append(sc.Bytes(), '\n')); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, lp := range loadCorpus(t, tmp) {
		out = append(out, lp.p)
	}
	// Everyday texts written by people outside the project (no offer).
	for _, lp := range loadCorpus(t, "../testdata/real/everyday.jsonl") {
		out = append(out, lp.p)
	}
	cf, err := os.ReadFile("../testdata/real/contacts-traindev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(cf)), "\n") {
		var rec struct {
			Raw string `json:"raw"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		out = append(out,
			&page.Page{URL: "contact:" + rec.Raw, Text: rec.Raw},
			&page.Page{URL: "contact-in-text:" + rec.Raw, Title: "二手闲置转让", Text: "本店长期收购各类二手设备，价格公道。\n" + rec.Raw + "\n营业时间 9:00-18:00，欢迎来电咨询。"})
	}
	return out
}

// nasty are the pieces variants splice into a page: separators and
// breaks the normalizer joins or keeps, characters it folds or drops,
// digits in every disguise contacts use, labels, handles, and bytes that
// are no UTF-8.
var nasty = []string{
	" ", "  ", "\n", "\r\n", "\t", "．", "。", "，", "-", "*", "/", "|", "：", ":",
	"Ａ", "ｂ", "１", "２", "③", "⑫", "⒔", "㈠", "㊉", "𝟭", "\u200b", "\u00ad", "\ufeff", "\u3000",
	"@", "＠", "@kefu_bot", "t.me/zheng_88", "wxid_abc123", "qq:12345678", "Q/微", "微信", "威信同號", "电话", "飞机",
	"一三八", "幺三九洞七四", "两两八八", "13812345678", "0731-88213366", "1 3 8", "l38ooo", "400-810-2233",
	"辦證", "办 证", "代考", "包过", "不", "没有", "“", "”", "証", "证件", "资格证", "加我",
	"www.example.com", "https://a.b/c", "1.2.3.4", "\xff", "\xe4\xb8", "é", "ǅ", "𠀀",
}

// variants returns p and changed copies of it: pieces spliced in at
// random places (r is seeded: the same variants every run).
func variants(r *rand.Rand, p *page.Page, n int) []*page.Page {
	out := []*page.Page{p}
	for k := range n {
		q := &page.Page{URL: p.URL + "#v" + string(rune('a'+k)), Title: p.Title, Text: p.Text, Forms: p.Forms}
		text := []byte(q.Text)
		for range 1 + r.IntN(12) {
			at := r.IntN(len(text) + 1)
			piece := nasty[r.IntN(len(nasty))]
			text = append(text[:at:at], append([]byte(piece), text[at:]...)...)
		}
		q.Text = string(text)
		if r.IntN(3) == 0 {
			q.Title += nasty[r.IntN(len(nasty))]
		}
		out = append(out, q)
	}
	return out
}

func TestFastPathSameFindings(t *testing.T) {
	if racemode.Enabled {
		t.Skip("single-goroutine comparison over large inputs: make test runs it without -race (NORACE_TESTS)")
	}
	dp, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	pages := sameTestPages(t)
	t.Run("default", func(t *testing.T) {
		compared, flagged, withContacts := compareFastAndReference(t, []*rules.Pack{dp}, pages, 2)
		if compared < 2000 || flagged < 300 || withContacts < 300 {
			t.Fatalf("too few pages (%d), flagged (%d) or with contacts (%d): the comparison proves little", compared, flagged, withContacts)
		}
	})
	// A list of thousands of terms beside the default pack: one automaton
	// serves both passes and the first pass tallies list terms.
	t.Run("list", func(t *testing.T) {
		packs := []*rules.Pack{dp, bigramPack(t, pages, 4000, 6)}
		m, err := Compile(packs...)
		if err != nil {
			t.Fatal(err)
		}
		if m.fast != m.ac || !m.fast.runes {
			t.Fatal("the list did not make one character automaton serve both passes")
		}
		compared, flagged, _ := compareFastAndReference(t, packs, pages, 0)
		if compared < 1000 || flagged < 300 {
			t.Fatalf("too few pages (%d) or flagged (%d): the comparison proves little", compared, flagged)
		}
	})
}

// compareFastAndReference matches every page and n variants of it with
// the packs compiled both ways and fails on the first finding that
// differs; it returns how many it compared, how many were flagged and how
// many had contacts.
func compareFastAndReference(t *testing.T, packs []*rules.Pack, pages []*page.Page, n int) (compared, flagged, withContacts int) {
	t.Helper()
	fast, err := Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := compileReference(packs...)
	if err != nil {
		t.Fatal(err)
	}
	if !fast.fast.runes || ref.fast.runes || ref.ac.runes {
		t.Fatal("the fast matcher must use character automata and the reference byte automata")
	}
	r := rand.New(rand.NewPCG(11, 7))
	for _, p := range pages {
		for _, v := range variants(r, p, n) {
			// Each matcher gets its own copy: Match may set Blocks.
			a, b := *v, *v
			got, want := fast.Match(&a), ref.Match(&b)
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Fatalf("%s: the fast path's finding differs from the reference's\nfast: %s\nref:  %s\ntitle %q\ntext %q", v.URL, gj, wj, v.Title, v.Text[:min(len(v.Text), 400)])
			}
			compared++
			if want.Flagged {
				flagged++
			}
			if len(want.Contacts) > 0 {
				withContacts++
			}
		}
	}
	t.Logf("%d pages and variants, %d flagged, %d with contacts: same findings", compared, flagged, withContacts)
	return compared, flagged, withContacts
}

// FuzzFirstPass: the first pass that steps the character automaton while
// it normalizes writes the same text and map as the plain normalizer, and
// decides that a page opens exactly when the automaton run over the
// normalized text afterwards (opens) does.
func FuzzFirstPass(f *testing.F) {
	for _, s := range []string{"办证\n电工证 包过", "辦證\n代考 ＶＸ：ＡＢＣ１２３", "\n", "证\n书", "考试\n\u200b代 考", "假\n證件。办理", "\xff\xe4\n证件"} {
		f.Add(s)
	}
	dp, err := rules.Default()
	if err != nil {
		f.Fatal(err)
	}
	m, err := Compile(dp)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// The first line break ends the title, as in Match.
		title := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			title = s[:i]
		} else {
			s += "\n"
		}
		note := normNote{markAt: len(title)}
		o := opener{m: m, note: &note}
		fa := newFirstAuto(m.fast, &o)
		note.auto = &fa
		buf, spans := normalizeSeen(nil, nil, s, true, &note)
		fused := o.done()
		plainNote := normNote{markAt: len(title)}
		want, wantSpans := normalizeSeen(nil, nil, s, true, &plainNote)
		if string(buf) != string(want) || !slices.Equal(spans, wantSpans) || note.markOut != plainNote.markOut {
			t.Fatalf("%q: the first pass wrote %q (mark %d), the normalizer %q (mark %d)", s, buf, note.markOut, want, plainNote.markOut)
		}
		if ref := m.opens(want, plainNote.markOut); fused != ref {
			t.Fatalf("%q (normalized %q): the first pass says opens=%v, the automaton over the text %v", s, want, fused, ref)
		}
	})
}
