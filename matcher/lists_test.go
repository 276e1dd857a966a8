package matcher

import (
	"encoding/json"
	"fmt"
	"github.com/certwatch/certwatch/internal/racemode"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// bigramPack is a list pack of n character pairs taken from the pages
// (so that its terms do occur), weight 1 each, under threshold.
func bigramPack(t *testing.T, pages []*page.Page, n int, threshold int) *rules.Pack {
	t.Helper()
	count := map[string]int{}
	for _, p := range pages {
		rs := []rune(p.Text)
		for i := 0; i+1 < len(rs); i++ {
			if unicode.Is(unicode.Han, rs[i]) && unicode.Is(unicode.Han, rs[i+1]) {
				count[string(rs[i:i+2])]++
			}
		}
	}
	var words []string
	for w := range count {
		words = append(words, w)
	}
	// Neither the most common pairs (every page) nor the rarest: those
	// ranked from n/2 on.
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	words = words[n/2 : n/2+n]
	var y strings.Builder
	fmt.Fprintf(&y, "name: bigrams\nissuer: test\nversion: \"1\"\nthreshold: %d\ncategories: {cert_sale: x}\nrules:\n", threshold)
	y.WriteString("  - id: list\n    category: cert_sale\n    description: d\n    legal_basis: l\n    route: takedown_cac\n    terms:\n")
	for _, w := range words {
		fmt.Fprintf(&y, "      - {term: '%s', weight: 1}\n", w)
	}
	p, err := rules.Parse("bigrams.yaml", []byte(y.String()))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestListRulesFlagTheSame: with a list rule loaded beside the default
// pack, every page is flagged exactly as when the list's terms open pages
// one by one (the list bound only spares pages no list rule can flag),
// and the bound does spare pages.
func TestListRulesFlagTheSame(t *testing.T) {
	if racemode.Enabled {
		t.Skip("single-goroutine comparison over large inputs: make test runs it without -race (NORACE_TESTS)")
	}
	var pages []*page.Page
	for _, g := range []string{"../testdata/corpus/*.jsonl", "../testdata/unseen/*.jsonl"} {
		for _, lp := range loadCorpus(t, g) {
			pages = append(pages, lp.p)
			for i, l := range strings.Split(lp.p.Text, "\n") {
				if strings.TrimSpace(l) != "" {
					pages = append(pages, &page.Page{URL: fmt.Sprintf("%s#%d", lp.p.URL, i), Text: l})
				}
			}
		}
	}
	dp, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	list := bigramPack(t, pages, 1000, 4)
	compile := func(minTerms int) *Matcher {
		defer func(v int) { listMinTerms = v }(listMinTerms)
		listMinTerms = minTerms
		m, err := Compile(dp, list)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	bounded, plain := compile(200), compile(1<<30)
	if len(bounded.listNeed) != 1 || len(plain.listNeed) != 0 {
		t.Fatalf("list rules: %d with the bound, %d without; want 1 and 0", len(bounded.listNeed), len(plain.listNeed))
	}
	alone := defaultMatcher(t) // the default pack without the list
	flagged, spared, imitation, scoredAlike := 0, 0, 0, 0
	for _, p := range pages {
		a, b := bounded.Match(p), plain.Match(p)
		if listFired(a) != listFired(b) {
			jb, _ := json.Marshal(b)
			t.Fatalf("%s: the list rule fired %v with the bound, %v without: %q\n%s", p.URL, listFired(a), listFired(b), p.Text, jb)
		}
		if a.Flagged != b.Flagged {
			// The imitation check runs on every candidate page, so a
			// list hit that makes a page a candidate (without the bound)
			// can let the default pack's imitation rule fire where the
			// default pack alone does not look. With the bound the page
			// is judged as by the default pack alone.
			if b.Imitation == nil || alone.Match(p).Flagged != a.Flagged {
				jb, _ := json.Marshal(b)
				t.Fatalf("%s: flagged %v with the list bound, %v without: %q\n%s", p.URL, a.Flagged, b.Flagged, p.Text, jb)
			}
			imitation++
			continue
		}
		if !a.Flagged {
			if len(a.Rules) < len(b.Rules) {
				spared++
			}
			// Where the bound let the page through, the list rule is
			// scored as without it: the bound decides whether a page is
			// looked at, never what its score is made of (hits in every
			// unit, units with only list terms among them).
			if x, y := listHit(a), listHit(b); x != nil && y != nil {
				// The rule and its reason (what other units added).
				jx, _ := json.Marshal([]any{a.Rules[*x], a.Reasons[*x]})
				jy, _ := json.Marshal([]any{b.Rules[*y], b.Reasons[*y]})
				if string(jx) != string(jy) {
					t.Fatalf("%s: the list rule scored differently:\nbounded %s\nplain   %s", p.URL, jx, jy)
				}
				scoredAlike++
			}
			continue
		}
		flagged++
		// Matches at one span may come in either order (fill sorts by
		// span only): compare them in a fixed one.
		for _, f := range []*Finding{a, b} {
			sort.SliceStable(f.Matches, func(i, j int) bool {
				x, y := f.Matches[i], f.Matches[j]
				return fmt.Sprint(x.Field, x.Start, x.End, x.Kind, x.Term) < fmt.Sprint(y.Field, y.Start, y.End, y.Kind, y.Term)
			})
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("%s: flagged finding differs:\nbounded %s\nplain   %s", p.URL, ja, jb)
		}
	}
	t.Logf("%d pages, %d flagged alike, %d spared the close look, %d judged by the imitation check as without the list, %d unflagged with the list rule scored alike", len(pages), flagged, spared, imitation, scoredAlike)
	if flagged < 100 || spared < 100 || scoredAlike < 100 {
		t.Errorf("%d flagged, %d spared, %d unflagged scored alike: the comparison proves little", flagged, spared, scoredAlike)
	}
}

// listHit is the index of the test's list rule in f.Rules (and of its
// reason in f.Reasons), nil when the rule did not score.
func listHit(f *Finding) *int {
	for i := range f.Rules {
		if f.Rules[i].ID == "list" {
			return &i
		}
	}
	return nil
}

// listFired reports whether the test's list rule fired.
func listFired(f *Finding) bool {
	for _, r := range f.Rules {
		if r.ID == "list" && r.Fired {
			return true
		}
	}
	return false
}

// TestListBoundCountsOtherUnits: the list bound is an upper bound of the
// rule's score under per-unit scoring too. Two replies that each hold the
// same three list terms score 3 + half of 3 = 4.5 (best unit plus the
// other units' bonus) although the page holds only three distinct terms:
// the bound must let such a page through, and score it as without the
// bound. One reply with the three terms (3) stays spared. With a contact
// bonus (a part that may score in every unit) two replies of three terms
// and a phone number each score 4 + 2 (the cap).
func TestListBoundCountsOtherUnits(t *testing.T) {
	pack := func(threshold int, extra string) *rules.Pack {
		var y strings.Builder
		fmt.Fprintf(&y, "name: words\nissuer: test\nversion: \"1\"\nthreshold: %d\n%scategories: {cert_sale: x}\nrules:\n", threshold, extra)
		y.WriteString("  - id: list\n    category: cert_sale\n    description: d\n    legal_basis: l\n    route: takedown_cac\n    terms:\n")
		for i := 0; i < 300; i++ {
			fmt.Fprintf(&y, "      - {term: 'lw%03dx', weight: 1}\n", i)
		}
		p, err := rules.Parse("words.yaml", []byte(y.String()))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	compile := func(p *rules.Pack, minTerms int) *Matcher {
		defer func(v int) { listMinTerms = v }(listMinTerms)
		listMinTerms = minTerms
		m, err := Compile(p)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	thread := func(reply string, replies int) *page.Page {
		body := `<html><head><title>讨论帖</title></head><body>`
		for i := 1; i <= replies; i++ {
			body += fmt.Sprintf(`<div class="post"><b>%d楼</b><p>%s</p></div>`, i, strings.ReplaceAll(reply, "#", fmt.Sprint(i)))
		}
		return htmlPage(t, body+`<footer>版权所有</footer></body></html>`)
	}
	for _, c := range []struct {
		name, extra, reply string
		threshold          int
		others             string
		spared             string // one reply of it is below the bound
	}{
		{"terms only", "", "今天说到 lw001x，还有 lw002x 和 lw003x 这几个。", 4, "其他 1 个区块另加 1.5",
			"今天说到 lw001x，还有 lw002x 和 lw003x 这几个。"},
		// The bound: 6 - 1 (contact) - 2 (cap) = 3 distinct terms.
		{"contact bonus", "contact_bonus: {weight: 1, window: 40}\n", "今天说到 lw001x，还有 lw002x 和 lw003x 这几个，电话 1381234567#", 6, "其他 1 个区块另加 2",
			"今天说到 lw001x，还有 lw002x 这几个，电话 13812345670"},
	} {
		list := pack(c.threshold, c.extra)
		bounded, plain := compile(list, 200), compile(list, 1<<30)
		if len(bounded.listNeed) != 1 || len(plain.listNeed) != 0 {
			t.Fatalf("%s: list rules: %d with the bound, %d without; want 1 and 0", c.name, len(bounded.listNeed), len(plain.listNeed))
		}
		b := plain.Match(thread(c.reply, 2))
		if !listFired(b) {
			t.Fatalf("%s: without the bound the list rule does not fire on two replies: %v", c.name, b.Reasons)
		}
		a := bounded.Match(thread(c.reply, 2))
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("%s: two replies: findings differ:\nbounded %s\nplain   %s", c.name, ja, jb)
		}
		if !strings.Contains(a.Reasons[0], c.others) {
			t.Errorf("%s: reason does not say %q: %s", c.name, c.others, a.Reasons[0])
		}
		if f := bounded.Match(thread(c.spared, 1)); len(f.Rules) != 0 || f.Flagged {
			t.Errorf("%s: one reply, below the bound, was looked at: %v", c.name, f.Reasons)
		}
	}
}
