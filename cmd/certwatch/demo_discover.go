//go:build demo

package main

import (
	"fmt"
	"io"

	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// printDiscovered says whether the sweep found the imitation sites that
// no page links to and no source names (issue 14): one only a QR code in
// a classified ad's image leads to, one on a lookalike name of
// cx.mem.gov.cn, one only a search engine's results for the official
// platform's name list, one only the sample CT log names; with each
// case's first reason, which says how.
func printDiscovered(out io.Writer, l lang, st *store.Store, cs []store.Case) {
	byURL := make(map[string]store.Case, len(cs))
	for _, c := range cs {
		byURL[c.URL] = c
	}
	fmt.Fprint(out, l.msg("discover.title"))
	for _, d := range []struct{ url, how string }{
		{testbed.QRImitationURL(), l.msg("discover.qr")},
		{testbed.LookalikeURL(), l.msg("discover.lookalike")},
		{testbed.SearchImitationURL(), l.msg("discover.search")},
		{testbed.CTImitationURL(), l.msg("discover.ct")},
	} {
		c, ok := byURL[store.CanonicalURL(d.url)]
		if !ok || c.Category != testbed.CategoryImitationSite {
			fmt.Fprintln(out, l.msg("discover.missed", d.how, safe(d.url)))
			continue
		}
		reason := ""
		if snaps, err := st.Snapshots(c.ID); err == nil && len(snaps) > 0 {
			if f, err := finding.Decode(snaps[len(snaps)-1].Finding); err == nil && len(f.Reasons) > 0 {
				reason = f.Reasons[0]
			}
		}
		fmt.Fprintln(out, l.msg("discover.found", d.how, c.ID, safe(d.url), safe(reason)))
	}
}
