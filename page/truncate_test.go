package page

import (
	"fmt"
	"strings"
	"testing"
)

// A WARC payload and a JSON Lines record's html over MaxBodySize are read
// as far as the limit, and the item says so (Cut), instead of being
// refused.
func TestReadTruncatesRecordsOverLimit(t *testing.T) {
	head := "<title>办证</title><p>电工证 免考 包过</p>"
	// The padding is one long comment: cheap to tokenize, even with -race.
	pad := "<!--" + strings.Repeat("x", MaxBodySize+1<<20)
	html := head + pad

	t.Run("WARC resource", func(t *testing.T) {
		rec := "WARC/1.1\r\nWARC-Type: resource\r\n" +
			"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n" +
			"WARC-Date: 2026-03-01T08:00:00Z\r\nWARC-Target-URI: http://big.example/w\r\n" +
			"Content-Type: text/html; charset=utf-8\r\n" +
			fmt.Sprintf("Content-Length: %d\r\n\r\n", len(html)) + html + "\r\n\r\n"
		items := readAll(t, writeFile(t, "big.warc", []byte(rec)), nil)
		if len(items) != 1 || items[0].Err != nil {
			t.Fatalf("items: %d, first error %v", len(items), items[0].Err)
		}
		p, cut := items[0].Page, items[0].Cut
		if p.Title != "办证" || !strings.Contains(p.Text, "免考") || cut == nil || cut.ScannedBytes != MaxBodySize || cut.TotalBytes != 0 {
			t.Errorf("page: title %q cut %+v", p.Title, cut)
		}
	})
	t.Run("JSON Lines html", func(t *testing.T) {
		line := `{"url": "http://big.example/j", "html": "` + strings.ReplaceAll(html, "\n", `\n`) + `"}` + "\n"
		items := readAll(t, writeFile(t, "big.jsonl", []byte(line)), nil)
		if len(items) != 1 || items[0].Err != nil {
			t.Fatalf("items: %d, first error %v", len(items), items[0].Err)
		}
		p, cut := items[0].Page, items[0].Cut
		if p.Title != "办证" || cut == nil || cut.ScannedBytes != MaxBodySize || cut.TotalBytes != int64(len(html)) {
			t.Errorf("page: title %q cut %+v (html %d)", p.Title, cut, len(html))
		}
	})
	t.Run("under the limit is not marked", func(t *testing.T) {
		items := readAll(t, writeFile(t, "small.html", []byte(head)), nil)
		if len(items) != 1 || items[0].Page == nil || items[0].Cut != nil {
			t.Errorf("items %+v", items)
		}
	})
}
