package sweep

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/store"
)

// readURLs returns a urls source's list and the URLs of its file (one a
// line; blank lines and lines starting with # are skipped; a line that is
// not an http(s) URL is an error naming file and line).
func readURLs(src *config.Source) ([]string, error) {
	urls := append([]string(nil), src.URLs...)
	if src.URLFile == "" {
		return urls, nil
	}
	f, err := os.Open(src.URLFile)
	if err != nil {
		return nil, fmt.Errorf("sweep: source %s: %w", src.ID, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("sweep: source %s: %s:%d: %q is not an http(s) URL", src.ID, src.URLFile, line, s)
		}
		urls = append(urls, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sweep: source %s: %s: %w", src.ID, src.URLFile, err)
	}
	return urls, nil
}

// sharedSeeds returns the sources whose every seed URL an earlier
// source's seeds already hold, each with the sources that hold them (in
// the order of items).
func sharedSeeds(items []store.FrontierItem) map[string][]string {
	first := map[string]string{}  // URL → the source that queued it
	own := map[string]bool{}      // sources with a URL of their own
	held := map[string][]string{} // source → the earlier sources holding its URLs
	for _, it := range items {
		if _, seen := own[it.SourceID]; !seen {
			own[it.SourceID] = false
		}
		src, ok := first[it.URL]
		switch {
		case !ok || src == it.SourceID:
			first[it.URL] = it.SourceID
			own[it.SourceID] = true
		case !slices.Contains(held[it.SourceID], src):
			held[it.SourceID] = append(held[it.SourceID], src)
		}
	}
	out := map[string][]string{}
	for src, o := range own {
		if !o {
			out[src] = held[src]
		}
	}
	return out
}
