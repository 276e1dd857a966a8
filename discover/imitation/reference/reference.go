// Package reference embeds the saved official certificate-query pages that
// discover/imitation compares candidates with by default (see README.md):
// the official pages of certwatch's sample web. It imports nothing, so
// the sample web (package testbed) serves the same bytes.
package reference

import "embed"

// FS holds the pages and references.jsonl, which names each page's file
// and address.
//
//go:embed *.html references.jsonl
var FS embed.FS

// Page is the saved page of an official host, nil when there is none.
func Page(host string) []byte {
	b, err := FS.ReadFile(host + ".html")
	if err != nil {
		return nil
	}
	return b
}
