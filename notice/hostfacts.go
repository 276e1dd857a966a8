package notice

import (
	"time"
)

// HostFacts is what was collected about the host of one referred site
// (issue 14: addresses and reverse DNS, TLS certificate and its CT
// entries, response headers, WHOIS, hosting provider): a referral letter
// lists it in a second annex, 网站技术信息. Every line is crawled or
// answered by servers the site's operator controls: it is escaped and cut
// like any crawled text.
type HostFacts struct {
	CaseID      uint64
	URL         string
	CollectedAt time.Time
	// SHA256 is the hex SHA-256 of the record as kept with the evidence.
	SHA256 string
	Items  []FactItem
}

// FactItem is one labelled item of the facts ("IP 地址及反向解析").
type FactItem struct {
	Label string
	Lines []string
}

// Bounds of the annex: lines per item, characters per line.
const (
	maxFactLines = 40
	maxFactRunes = 300
)

// factsView is one site of the annex as the template shows it.
type factsView struct {
	N         int
	CaseID    uint64
	URL       string
	Collected string
	Hash      []string
	Items     []factItemView
}

type factItemView struct {
	Label string
	Lines []string
	Cut   int // lines left out
}

func newFactsViews(in []HostFacts) []factsView {
	var out []factsView
	for i, h := range in {
		v := factsView{N: i + 1, CaseID: h.CaseID, URL: displayURL(h.URL), Hash: hashLines(h.SHA256)}
		if !h.CollectedAt.IsZero() {
			v.Collected = chineseDate(h.CollectedAt) + " " + h.CollectedAt.In(beijing).Format(time.TimeOnly)
		}
		for _, it := range h.Items {
			iv := factItemView{Label: plainText(it.Label, maxFieldRunes)}
			for j, l := range it.Lines {
				if j >= maxFactLines {
					iv.Cut = len(it.Lines) - maxFactLines
					break
				}
				iv.Lines = append(iv.Lines, plainText(l, maxFactRunes))
			}
			v.Items = append(v.Items, iv)
		}
		out = append(out, v)
	}
	return out
}
