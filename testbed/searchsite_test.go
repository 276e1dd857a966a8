package testbed

import (
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestSearchSiteLeadsOnlyThroughResults: the search engine's result page
// for each configured term lists the official platform, the government
// page and the explainer, and, for the 特种作业 term only, the imitation
// site, in a typical engine's markup; another term finds nothing; no
// other page of the sample web names the imitation host.
func TestSearchSiteLeadsOnlyThroughResults(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	links := func(term string) []string {
		r := get(t, c, SearchResultURL(term))
		if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: status %d, Content-Type %q", term, r.status, r.header.Get("Content-Type"))
		}
		var out []string
		doc(t, r.body).Find(".result").Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Find("h3 a").Attr("href")
			if s.Find(".abstract").Text() == "" {
				t.Errorf("%s: result %s without a snippet", term, href)
			}
			out = append(out, href)
		})
		return out
	}
	gov := urlOf(HostGov, "/bsfw/zscx.html")
	if got, want := links(searchEngineTerms[0]), []string{officialQueryURL, SearchImitationURL(), gov, SearchExplainerURL()}; !slices.Equal(got, want) {
		t.Errorf("%s: results %q, want %q", searchEngineTerms[0], got, want)
	}
	if got, want := links(searchEngineTerms[1]), []string{officialQueryURL, gov, SearchExplainerURL()}; !slices.Equal(got, want) {
		t.Errorf("%s: results %q, want %q", searchEngineTerms[1], got, want)
	}
	if got := links("二手电动车"); len(got) != 0 {
		t.Errorf("an unrelated term lists %q", got)
	}
	if r := get(t, c, SearchImitationURL()); r.status != http.StatusOK || doc(t, r.body).Find("form input").Length() != 3 {
		t.Errorf("imitation: status %d, %s", r.status, r.body)
	}
	if r := get(t, c, SearchExplainerURL()); r.status != http.StatusOK || !strings.Contains(string(r.body), "cx.mem.gov.cn") {
		t.Errorf("explainer: status %d", r.status)
	}
	// Nothing but the result pages names the imitation host.
	bodies := []string{ershouIndex, ershouBike, ershouOffer, searchIndex, searchExplainer}
	_ = fs.WalkDir(sitesFS, "sites", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := sitesFS.ReadFile(name)
			bodies = append(bodies, string(b))
		}
		return nil
	})
	for i, b := range bodies {
		if strings.Contains(b, HostSearchImitation) {
			t.Errorf("page %d names %s", i, HostSearchImitation)
		}
	}
	if r := get(t, c, urlOf(HostNews, "/")); strings.Contains(string(r.body), searchExplainerPath) {
		t.Errorf("news.example's index links to the explainer: only the results should")
	}
}
