package review_test

import (
	"archive/zip"
	"bytes"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/internal/bidi"
	"github.com/certwatch/certwatch/matcher"
)

// TestBidiControlsNeutralised: a crawled title with U+202E (and text with
// other bidirectional controls) reaches no view or document raw — queue,
// case page, notice list and page, the notice letter, reports (page, HTML,
// XLSX), the sweep page — and where the title is shown, the override is
// visible as ⟨U+202E⟩.
func TestBidiControlsNeutralised(t *testing.T) {
	e := htNew(t)
	title := "办证\u202Egnp.exe 特种作业操作证"
	text := "低价办理\u2066特种作业操作证\u2069 免考\u200F包过\u061C 加微信\u202Azs888\u202C"
	id := e.htRecord(htPage{
		URL: "https://bidi.example/item\u202E1", Title: title, Text: text,
		Matches: htMatches(t, title, text),
	}).CaseID
	// A second case with the same title stays open, for the queue.
	e.htRecord(htPage{URL: "https://bidi.example/item2", Title: title, Text: text, Matches: htMatches(t, title, text)})
	cac := e.htLogin("cac")
	resp, body := cac.htPost("/cases/"+htID(id)+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
	htExpect(t, "confirm", resp, body, 303, "")
	nid := e.htCase(id).NoticeID
	if nid == 0 {
		t.Fatal("the confirmed case joined no notice")
	}

	for _, tc := range []struct {
		path       string
		wantMarker bool // the title (or URL) is on the page
	}{
		{"/cases", true},
		{"/cases?status=confirmed", true},
		{"/cases/" + htID(id), true},
		{"/notices", false},
		{"/notices/" + htID(nid), true},
		{"/notices/" + htID(nid) + "/document", true},
		{"/reports", false},
		{"/reports/html", false},
		{"/sweeps/" + htID(e.sweep), false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, body := cac.htGet(tc.path)
			htExpect(t, tc.path, resp, body, 200, "")
			if i := bytes.IndexFunc(body, bidi.IsControl); i >= 0 {
				t.Errorf("raw bidirectional control in %s: …%q…", tc.path, body[max(0, i-60):min(len(body), i+60)])
			}
			if tc.wantMarker && !strings.Contains(htParse(t, body).Text(), "⟨U+202E⟩") {
				t.Errorf("%s does not show the override as ⟨U+202E⟩: %s", tc.path, htClip(body))
			}
		})
	}
	t.Run("case page text", func(t *testing.T) {
		doc := cac.htDoc("/cases/"+htID(id), 200)
		got := doc.Find("#page-text").Text()
		for _, want := range []string{"⟨U+2066⟩", "⟨U+2069⟩", "⟨U+200F⟩", "⟨U+061C⟩", "⟨U+202A⟩", "⟨U+202C⟩"} {
			if !strings.Contains(got, want) {
				t.Errorf("page text %q lacks %s", got, want)
			}
		}
		if h := doc.Find("#case-title mark").Text(); h != "特种作业操作证" {
			t.Errorf("title highlight = %q (markers must not move the match offsets)", h)
		}
	})
	t.Run("XLSX report", func(t *testing.T) {
		resp, body := cac.htGet("/reports/xlsx")
		htExpect(t, "xlsx", resp, body, 200, "")
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			if bytes.ContainsFunc(b, bidi.IsControl) {
				t.Errorf("raw bidirectional control in %s", f.Name)
			}
		}
	})
}

// htMatches marks 特种作业操作证 in the title and the text, so that the
// case page highlights by offset around the controls.
func htMatches(t *testing.T, title, text string) []matcher.Match {
	t.Helper()
	return []matcher.Match{
		htSpan(t, "title", title, "特种作业操作证", "term", "特种作业操作证"),
		htSpan(t, "text", text, "特种作业操作证", "term", "特种作业操作证"),
	}
}
