package sweep

import (
	"github.com/certwatch/certwatch/evidence/hostfacts"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// HostFactsAdder is what keeps the host facts of a case: a store that has
// it gets them when the sweep records an imitation case (issue 14, part
// 3); one that lacks it does not. *store.Store and pgstore's backend
// have it.
type HostFactsAdder interface {
	AddHostFacts(h store.HostFacts) (*store.HostFacts, error)
}

var _ HostFactsAdder = (*store.Store)(nil)

// categoryImitation is the category of imitation query sites.
const categoryImitation = "imitation_site"

// collectHostFacts collects and keeps the host facts of an imitation
// case the sweep has just recorded with a new snapshot (a new case, or
// new content): the addresses, reverse DNS, TLS certificate and its SCTs,
// response headers, WHOIS and hosting provider that a police referral
// needs, taken while the site is up, moments after the page itself. It
// is bounded by the referral key's timeout; a part that fails is recorded
// in the facts, and a failure to collect or keep them is logged and
// never stops the sweep. Why here and not when the case page is first
// opened: imitation sites live for weeks, and a referral needs what the
// host was when the page was captured, not when someone looked.
func (r *run) collectHostFacts(f *matcher.Finding, rr store.RecordResult, url string) {
	add, ok := r.s.Store.(HostFactsAdder)
	set := r.s.Config.ReferralSettings()
	if !ok || !set.HostFacts || r.ctx == nil || r.ctx.Err() != nil || !rr.NewSnapshot ||
		(f.Imitation == nil && f.Category != categoryImitation) {
		return
	}
	c, err := hostfacts.New(hostfacts.OptionsFrom(r.s.Config))
	if err != nil {
		r.s.Log.Warn("host facts not collected: collector not built", "case", rr.CaseID, "err", err)
		return
	}
	defer c.Close()
	facts := c.Collect(r.ctx, url)
	data, err := hostfacts.Encode(facts)
	if err != nil {
		r.s.Log.Warn("host facts not kept", "case", rr.CaseID, "err", err)
		return
	}
	h, err := add.AddHostFacts(store.HostFacts{CaseID: rr.CaseID, SnapshotID: rr.SnapshotID, URL: url,
		CollectedAt: facts.Finished, By: "sweep", Data: data})
	if err != nil {
		r.s.Log.Warn("host facts not kept", "case", rr.CaseID, "err", err)
		return
	}
	r.s.Log.Info("host facts kept", "case", rr.CaseID, "record", h.ID, "addresses", len(facts.Addresses),
		"problems", len(facts.Problems), "elapsed", facts.Finished.Sub(facts.Started))
}
