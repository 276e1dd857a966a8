package sweep

import (
	"cmp"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
)

// visit is one fetched page on its way through handle: what the hooks
// read, and what they leave for handle and for each other.
type visit struct {
	it   store.FrontierItem
	src  *config.Source // nil for an item of no configured source
	res  *crawler.Result
	turn func() error   // waits for the host's next turn (a second visit)
	p    *page.Page     // the page detected; nil when the fetch failed
	dr   *detect.Result // nil when the fetch failed
	// next are the frontier items the page leads to, recorded with it.
	next []store.FrontierItem
	// Left by hooks: the imitation check's verdict (for the screenshot
	// comparison) and a domain move (merged once the case is recorded).
	verdict *imitationCheck
	move    *domainMove
	shot    []byte             // the case's screenshot (onShot)
	rr      store.RecordResult // the case recorded (onRecorded)
}

// phase is when handle calls a hook.
type phase int

const (
	onFetched  phase = iota // every fetch, failed or not
	onFailed                // a fetch that gave no page
	onDetected              // a page, after detection, before it is recorded
	onShot                  // a flagged page, with its screenshot, before its finding is encoded
	onRecorded              // a flagged page, after its case is recorded
)

// pageHook is a concern of a sweep besides detecting and recording
// pages: counts, discovery (search, QR codes, look-alike domains,
// certificate transparency), imitation checks, watches and domain moves.
// Most do nothing for most pages; each says when it acts.
type pageHook struct {
	phase phase
	run   func(r *run, v *visit)
}

// pageHooks are every hook of handle, in the order it calls them within
// a phase (the order matters: the imitation check may clear a finding
// before the discovery reasons, the watch and the domain move read it).
var pageHooks = []pageHook{
	// Counts per source and host (the summary, health).
	{onFetched, func(r *run, v *visit) { r.stats.fetched(v.it.SourceID, hostOf(v.it.URL), v.res) }},
	// Search result pages: counted per term (search.go).
	{onFetched, func(r *run, v *visit) { r.searchFetched(v.it, v.res) }},
	// Watched imitation cases whose re-check failed (watch.go).
	{onFailed, func(r *run, v *visit) { r.watched(v.it, v.res, nil) }},
	// Imitation sites: compared with the official site's pages; may clear
	// an imitation finding (imitation.go).
	{onDetected, func(r *run, v *visit) { v.verdict = r.judgeImitation(v.it, v.p, v.res, v.dr.Finding, v.turn) }},
	// Pages found by discovery: why, as the finding's first reason
	// (qr.go, lookalike.go, search.go, ct.go).
	{onDetected, func(r *run, v *visit) {
		if f := v.dr.Finding; f.Flagged {
			withQRReason(f, v.it)
			withLookalikeReason(f, v.it)
			r.withSearchReason(f, v.it)
			withCTReason(f, v.it)
		}
	}},
	// Watched imitation cases: online, changed or gone (watch.go).
	{onDetected, func(r *run, v *visit) { r.watched(v.it, v.res, v.dr) }},
	// A new imitation page that matches a known case on another host
	// (watch.go).
	{onDetected, func(r *run, v *visit) { v.move = r.domainMove(v.it, v.res, v.dr) }},
	// QR codes on flagged pages and listings: their links are queued
	// (qr.go).
	{onDetected, func(r *run, v *visit) {
		it := v.it
		if v.src != nil && it.Kind != kindSearch && it.Kind != kindQR && it.Kind != kindLookalike && it.Kind != kindWatch && (v.dr.Finding.Flagged || it.Kind == kindListing) {
			v.next = append(v.next, r.scanQR(v.src, it, v.res, v.p)...)
		}
	}},
	// Login walls, captchas and rate-limit pages: counted (health.go).
	{onDetected, func(r *run, v *visit) {
		if !blockedStatus(v.res.Status) && r.markers.wall(v.p, v.dr.Norm) {
			r.stats.blocked(v.it.SourceID, hostOf(v.it.URL))
		}
	}},
	// Imitation sites: the screenshot compared with the official site's
	// (evidence_shot.go).
	{onShot, func(r *run, v *visit) { r.withShot(v.verdict, v.dr.Finding, v.shot) }},
	// Findings counted per source, host and category (the summary).
	{onRecorded, func(r *run, v *visit) {
		r.stats.finding(v.it.SourceID, hostOf(v.it.URL), v.dr.Finding.Category, v.rr)
	}},
	// Imitation cases: facts about their host for a referral
	// (hostfacts.go).
	{onRecorded, func(r *run, v *visit) {
		r.collectHostFacts(v.dr.Finding, v.rr, cmp.Or(v.res.FinalURL, v.it.URL))
	}},
	// A domain move: merged into the known case when that is undecided
	// (watch.go).
	{onRecorded, func(r *run, v *visit) { r.linkMove(v.move, v.rr) }},
}

// hooks calls the hooks of phase ph on v, in order.
func (r *run) hooks(ph phase, v *visit) {
	for _, h := range pageHooks {
		if h.phase == ph {
			h.run(r, v)
		}
	}
}
