package testbed

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/certwatch/certwatch/matcher"
)

var updateShowcase = flag.Bool("update-showcase", false, "rewrite "+showcaseJSONL+" from the sample web")

// showcaseJSONL holds the showcase pages as a sweep's matcher gets them,
// as `certwatch scan` records ({"url", "html"}, GBK pages decoded), so
// that any build, old or new, can be compared on them:
//
//	certwatch scan --format jsonl testbed/testdata/showcase.jsonl
const showcaseJSONL = "testdata/showcase.jsonl"

// TestShowcaseJSONLIsCurrent: the scan records equal the pages the sample
// web serves (go test -run ShowcaseJSONL -update-showcase rewrites them).
func TestShowcaseJSONLIsCurrent(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // readable in a diff
	for _, s := range w.Showcase() {
		body, _, ok := sweptBody(t, c, s.URL)
		if !ok {
			return
		}
		if isFenlei(s.URL) {
			var err error
			if body, err = simplifiedchinese.GBK.NewDecoder().Bytes(body); err != nil {
				t.Fatal(err)
			}
		}
		if err := enc.Encode(struct {
			URL  string `json:"url"`
			HTML string `json:"html"`
		}{s.URL, string(body)}); err != nil {
			t.Fatal(err)
		}
	}
	if *updateShowcase {
		if err := os.MkdirAll(filepath.Dir(showcaseJSONL), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(showcaseJSONL, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(showcaseJSONL)
	if err != nil {
		t.Fatalf("%v (go test -tags ne ./testbed -run ShowcaseJSONL -update-showcase writes it)", err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Errorf("%s differs from the pages the sample web serves: rewrite it with go test -tags ne ./testbed -run ShowcaseJSONL -update-showcase", showcaseJSONL)
	}
}

func isFenlei(u string) bool { return strings.HasPrefix(u, "http://"+HostFenlei+"/") }

// TestShowcaseAgreesWithExpected: every showcase page is in Expected with
// the same category, so the end-to-end sweep test checks it too, and no
// page is listed twice.
func TestShowcaseAgreesWithExpected(t *testing.T) {
	w := shared(t)
	e := w.Expected()
	seen := map[string]bool{}
	offers, negatives := 0, 0
	for _, s := range w.Showcase() {
		if seen[s.URL] {
			t.Errorf("%s: listed twice", s.URL)
		}
		seen[s.URL] = true
		if s.What == "" {
			t.Errorf("%s: no description", s.URL)
		}
		if s.Category != "" {
			offers++
			if got, ok := e.Flagged[s.URL]; !ok || got != s.Category {
				t.Errorf("%s: Expected.Flagged has %q (listed %v), showcase says %q", s.URL, got, ok, s.Category)
			}
			if s.Rule == "" {
				t.Errorf("%s: an offer names no rule", s.URL)
			}
			continue
		}
		negatives++
		if !slices.Contains(e.NotFlagged, s.URL) {
			t.Errorf("%s: a hard negative missing from Expected.NotFlagged", s.URL)
		}
		if s.Rule != "" || s.Contact != "" || s.Short {
			t.Errorf("%s: a hard negative with offer checks: %+v", s.URL, s)
		}
	}
	if offers < 10 || negatives < 5 {
		t.Errorf("%d offers and %d hard negatives; the demo needs them all", offers, negatives)
	}
}

// TestShowcaseReachable: a sweep reaches every showcase page. Shop items
// are in the catalogue every search pages through; every other page is
// linked from its site's front page, which the site sources start from.
func TestShowcaseReachable(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	links := map[string][]string{} // host → hrefs on its front page
	for _, s := range w.Showcase() {
		u, err := url.Parse(s.URL)
		if err != nil {
			t.Fatal(err)
		}
		if u.Host == HostShop {
			if _, ok := listingByID(strings.TrimPrefix(u.Path, "/item/")); !ok {
				t.Errorf("%s: not in the shop's catalogue", s.URL)
			}
			continue
		}
		if _, ok := links[u.Host]; !ok {
			links[u.Host] = doc(t, get(t, c, urlOf(u.Host, "/")).body).Find("a[href]").Map(func(_ int, a *goquery.Selection) string {
				return a.AttrOr("href", "")
			})
		}
		if !slices.Contains(links[u.Host], u.Path) {
			t.Errorf("%s: the front page of %s does not link to %s", s.URL, u.Host, u.Path)
		}
	}
}

// TestShowcaseCurrentRules scores every showcase page with the embedded
// rules, as a sweep gets it: each offer is flagged in its category by the
// named rule through the named proximity clause of the offer grammar (at
// the short-text threshold where the entry says so), with its disguised
// contact decoded, and without that contact it is not flagged; each hard
// negative is not flagged. The same pages scored by the rules before issue
// 11 (commit a0d0072) were all left unflagged; that comparison was a
// one-off with that build, not a test.
func TestShowcaseCurrentRules(t *testing.T) {
	m, pack := defaultMatcher(t)
	w := shared(t)
	c := client(t, w)
	for _, s := range w.Showcase() {
		t.Run(strings.TrimPrefix(s.URL, "http://"), func(t *testing.T) {
			body, ct, ok := sweptBody(t, c, s.URL)
			if !ok {
				return
			}
			f := match(t, m, s.URL, body, ct)
			why := "\n\t" + strings.Join(f.Reasons, "\n\t")
			if s.Category == "" {
				if f.Flagged {
					t.Fatalf("hard negative flagged as %s (score %v)%s", f.Category, f.Score, why)
				}
				return
			}
			if !f.Flagged || f.Category != s.Category {
				t.Fatalf("flagged %v as %q (score %v), want %q%s", f.Flagged, f.Category, f.Score, s.Category, why)
			}
			hit := firedRule(f, s.Rule)
			if hit == nil {
				t.Fatalf("rule %s did not fire%s", s.Rule, why)
			}
			if s.Near != "" && !slices.Contains(hit.Near, s.Near) {
				t.Errorf("rule %s fired without the proximity clause %q (clauses %v)%s", s.Rule, s.Near, hit.Near, why)
			}
			if short := hit.Threshold < pack.Threshold; short != s.Short {
				t.Errorf("rule %s fired at threshold %v (pack %v): short-text %v, want %v%s", s.Rule, hit.Threshold, pack.Threshold, short, s.Short, why)
			}
			if s.Contact == "" {
				return
			}
			if !slices.ContainsFunc(f.Contacts, func(k matcher.Contact) bool { return k.Value == s.Contact && !k.Possible }) {
				t.Errorf("contact %s not decoded; contacts %+v", s.Contact, f.Contacts)
			}
			// The same page without its contact: the offer alone stays
			// under the threshold.
			utf8Body := body
			if isFenlei(s.URL) {
				var err error
				if utf8Body, err = simplifiedchinese.GBK.NewDecoder().Bytes(body); err != nil {
					t.Fatal(err)
				}
			}
			if n := bytes.Count(utf8Body, []byte(s.ContactText)); n != 1 {
				t.Fatalf("contact text %q appears %d times on the page, want once", s.ContactText, n)
			}
			bare := bytes.Replace(utf8Body, []byte(s.ContactText), nil, 1)
			if g := match(t, m, s.URL, bare, ctHTML); g.Flagged {
				t.Errorf("flagged without its contact (score %v): the contact should be what tips it\n\t%s", g.Score, strings.Join(g.Reasons, "\n\t"))
			}
		})
	}
}

func match(t *testing.T, m *matcher.Matcher, u string, body []byte, contentType string) *matcher.Finding {
	t.Helper()
	p, err := sweptPage(u, body, contentType)
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return m.Match(p)
}

// firedRule is the hit of rule id in f when it fired.
func firedRule(f *matcher.Finding, id string) *matcher.RuleHit {
	for i := range f.Rules {
		if f.Rules[i].ID == id && f.Rules[i].Fired {
			return &f.Rules[i]
		}
	}
	return nil
}
