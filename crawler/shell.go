package crawler

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/certwatch/certwatch/page"
)

// Bounds of the script-shell test (see NeedsRender), in runes of the
// page's visible text.
const (
	// shellBareRunes: a page that runs scripts and shows less than this
	// shows nothing yet.
	shellBareRunes = 50
	// shellHintRunes: with a <noscript> element (a page telling visitors
	// without scripts that they see nothing), a shell may show this much
	// navigation and boilerplate.
	shellHintRunes = 500
	// shellMountRunes: with an empty mount point (<div id="app"></div>
	// and the like, which a framework fills), this much.
	shellMountRunes = 1000
)

// mountIDs are the ids single-page-app frameworks mount on (React, Vue,
// Next, Nuxt, Gatsby, Quasar, Angular's app-root is an element).
var mountIDs = map[string]bool{
	"app": true, "root": true, "__next": true, "__nuxt": true, "___gatsby": true, "q-app": true,
	"react-root": true, "vue-app": true, "main-app": true, "application": true, "mount": true,
}

// NeedsRender reports whether a page fetched without a browser needs one
// to show what a visitor sees (render: auto). A fetched page needs it when
//
//   - it is a result page (Request.Listing set) whose item selector found
//     no listing: a marketplace that builds its results with scripts; or
//   - it is a script shell: it has at least one <script>, and its visible
//     text (Page.Text: no script, style or noscript content) is shorter
//     than 50 runes, or than 500 runes with a <noscript> element, or than
//     1000 runes with an empty mount point (an element with id app, root,
//     __next, __nuxt, ___gatsby, q-app and the like, or <app-root>, with
//     nothing but white space inside).
//
// Anything else (a failed fetch, a page that is not HTML) does not.
func NeedsRender(res *Result) bool {
	if res == nil || res.Outcome != OutcomeOK || res.Page == nil {
		return false
	}
	if l := res.Request.Listing; l != nil && l.Item != "" && len(res.Listings) == 0 {
		return true
	}
	text := utf8.RuneCountInString(res.Page.Text)
	if text >= shellMountRunes {
		return false
	}
	sig := shellSignals(head(res.Body, page.MaxBodySize))
	switch {
	case sig.scripts == 0:
		return false
	case text < shellBareRunes:
		return true
	case sig.noscript && text < shellHintRunes:
		return true
	}
	return sig.emptyMount
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// signals are what the shell test reads from the markup.
type signals struct {
	scripts    int  // <script> elements
	noscript   bool // a <noscript> element
	emptyMount bool // a mount point with nothing inside
}

// shellSignals tokenizes the markup (no tree is built).
func shellSignals(body []byte) signals {
	var sig signals
	z := html.NewTokenizer(bytes.NewReader(body))
	// mountTag names the open mount point ("" when none); empty stays
	// true while nothing but white space came inside it.
	mountTag, empty := "", false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return sig
		case html.TextToken:
			if mountTag != "" && len(bytes.TrimSpace(z.Text())) > 0 {
				empty = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script:
				sig.scripts++
			case atom.Noscript:
				sig.noscript = true
			}
			if mountTag != "" {
				if a != atom.Script && a != atom.Noscript {
					empty = false
				}
				continue
			}
			if string(name) == "app-root" {
				mountTag, empty = "app-root", true
				continue
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "id" && tt == html.StartTagToken && mountIDs[strings.ToLower(strings.TrimSpace(string(v)))] {
					mountTag, empty = string(name), true
					break
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); mountTag != "" && string(name) == mountTag {
				if empty {
					sig.emptyMount = true
				}
				mountTag = ""
			}
		}
	}
}
