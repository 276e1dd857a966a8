package sweep

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/certwatch/certwatch/config"
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
