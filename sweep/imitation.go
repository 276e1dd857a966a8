package sweep

import (
	"sync"
	"time"

	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/discover/imitation"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// CategoryImitation is the category of imitation query-site findings.
const CategoryImitation = "imitation_site"

// ImitationReferences are the reference snapshots of the official query
// pages a sweep's imitation verdicts compare with: the embedded ones (or
// the config's discover.imitation.references directory) and those kept
// from the official pages the sweeps fetch, saved in
// discover.imitation.state when the config has the key (in memory only
// otherwise).
type ImitationReferences struct {
	once    sync.Once
	set     *imitation.Set
	state   string
	save    sync.Mutex
	renders pendingRenders // official pages' screenshots being taken (evidence_shot.go)
}

// References loads (once) and returns the reference set; a directory or
// state file that cannot be read is logged, and the rest is used.
func (s *Sweeper) References() *imitation.Set {
	ir := &s.imitationRefs
	ir.once.Do(func() {
		ir.set = &imitation.Set{}
		var extra []string
		if m := s.matcher(); m != nil {
			for _, p := range m.Packs() {
				if p.Imitation != nil {
					extra = append(extra, p.Imitation.Agencies...)
				}
			}
		}
		var refs []*imitation.Reference
		var err error
		im := s.Config.Discover.Imitation
		if im != nil && im.References != "" {
			refs, err = imitation.LoadDir(im.References, extra)
		} else {
			refs, err = imitation.Defaults(extra)
		}
		if err != nil {
			s.Log.Error("imitation references not read: verdicts compare with fewer official pages", "err", err)
		}
		ir.set.Add(refs...)
		if im != nil && im.State != "" {
			ir.state = im.State
			kept, err := imitation.LoadStateFile(im.State)
			if err != nil {
				s.Log.Error("kept imitation references not read", "file", im.State, "err", err)
			}
			for _, r := range kept {
				ir.set.Keep(r, r.KeptAt)
			}
		}
	})
	return ir.set
}

// officialHost is the packs' IsOfficialHost.
func officialHost(packs []*rules.Pack) func(string) bool {
	return func(h string) bool {
		for _, p := range packs {
			if p.Imitation != nil && p.Imitation.IsOfficialHost(h) {
				return true
			}
		}
		return false
	}
}

// imitationCheck is a page's verdict, kept between the finding and the
// screenshot.
type imitationCheck struct {
	cand imitation.Candidate
	opts *imitation.Options
	refs []*imitation.Reference
	res  imitation.Result
}

// judgeImitation compares a page the rules call an imitation site with
// the references. The verdict's reasons are added to the finding. A page
// the verdict clears by an explicit rule (an aggregator that links or
// frames the official site without a form of its own, a page that
// explains how to verify) is not flagged: those rules say what the page
// is, where the rule pack's signals only say that it talks like a query
// service. A page the verdict merely scores low stays flagged with the
// verdict's reasons (a copy of an official site without a reference here
// must still be found). An official page is kept as a reference instead
// (it is never flagged). It returns nil when the page is neither.
func (r *run) judgeImitation(it store.FrontierItem, p *page.Page, res *crawler.Result, f *matcher.Finding, turn func() error) *imitationCheck {
	m := r.s.matcher()
	if m == nil || p == nil {
		return nil
	}
	packs := m.Packs()
	official := officialHost(packs)
	host := hostOf(p.URL)
	if res.FinalURL != "" {
		host = hostOf(res.FinalURL)
	}
	if official(host) {
		r.keepReference(it, p, res, turn)
		return nil
	}
	if f == nil || !f.Flagged || f.Category != CategoryImitation {
		return nil
	}
	u := p.URL
	if res.FinalURL != "" {
		u = res.FinalURL
	}
	opts := &imitation.Options{IsOfficial: official}
	for _, pk := range packs {
		if pk.Imitation != nil {
			opts.Issuers = append(opts.Issuers, pk.Imitation.Agencies...)
			if opts.Sponsor == nil {
				opts.Sponsor = pk.Imitation.CopyrightPattern
			}
		}
	}
	c := &imitationCheck{cand: imitation.Candidate{Snapshot: imitation.Extract(u, res.Body)}, opts: opts, refs: r.s.References().All()}
	c.res = imitation.Verdict(c.cand, c.refs, c.opts)
	if c.res.Cleared != "" {
		f.Flagged = false
		f.Reasons = append(f.Reasons, c.res.Texts()...)
		r.s.Log.Info("imitation verdict cleared the page", "url", p.URL, "rule", c.res.Cleared)
		return c
	}
	c.apply(f)
	return c
}

// apply puts the verdict in the finding: its reasons after the rules',
// and in the imitation member for the case page's comparison.
func (c *imitationCheck) apply(f *matcher.Finding) {
	if f.Imitation == nil {
		f.Imitation = &finding.Imitated{}
	}
	im := f.Imitation
	if len(im.Verdict) > 0 { // a second judgement replaces the first's reasons
		n := len(f.Reasons) - len(im.Verdict)
		if n >= 0 {
			f.Reasons = f.Reasons[:n]
		}
	}
	texts := c.res.Texts()
	im.Verdict = texts
	im.VerdictScore = c.res.Score
	im.VerdictImitation = c.res.Imitation
	im.Reference, im.ReferenceShot = "", nil
	if ref := c.res.Reference; ref != nil {
		im.Reference = ref.URL
		im.ReferenceShot = ref.Shot
		if im.Host == "" {
			im.Host = ref.Host
		}
	}
	f.Reasons = append(f.Reasons, texts...)
}

// keepReference keeps an official query page (one with a query form of
// its own) as a reference, and saves the kept ones. The page's screenshot
// is taken for the comparison (an evidence render, in the host's turn, as
// for a flagged page), whether its source renders or not.
func (r *run) keepReference(it store.FrontierItem, p *page.Page, res *crawler.Result, turn func() error) {
	u := res.FinalURL
	if u == "" {
		u = p.URL
	}
	snap := imitation.Extract(u, res.Body)
	query := false
	for _, fm := range snap.Forms {
		n := 0
		for _, k := range fm.Kinds {
			if k == imitation.FieldName || k == imitation.FieldIDNumber || k == imitation.FieldCertNo {
				n++
			}
		}
		query = query || n >= 2
	}
	if !query {
		return
	}
	var extra []string
	for _, pk := range r.s.matcher().Packs() {
		if pk.Imitation != nil {
			extra = append(extra, pk.Imitation.Agencies...)
		}
	}
	set := r.s.References()
	shot := res.Screenshot
	if shot == nil && res.RenderErr == nil && r.canEvidence() {
		// Rendered or not, the official page's screenshot is the other
		// side of every imitation case's comparison (evidence_shot.go).
		// Verdicts made during the render wait for it; a page fetched
		// statically is kept at once without one (its title, form and
		// structure), unless a screenshot of it is kept already.
		defer r.s.imitationRefs.renders.start()()
		if !res.Rendered && !set.KeptShot(u) {
			if early, err := imitation.NewReference(u, res.Body, nil, extra); err == nil {
				set.Keep(early, time.Now())
			}
		}
		shot, _ = r.evidence(it, turn)
	}
	ref, err := imitation.NewReference(u, res.Body, shot, extra)
	if err != nil {
		r.s.Log.Warn("official page not kept as a reference", "url", u, "err", err)
		return
	}
	if !set.Keep(ref, time.Now()) {
		return
	}
	ir := &r.s.imitationRefs
	if ir.state == "" {
		return
	}
	ir.save.Lock()
	defer ir.save.Unlock()
	if err := imitation.SaveStateFile(ir.state, set.Kept()); err != nil {
		r.s.Log.Warn("kept imitation references not saved", "file", ir.state, "err", err)
		return
	}
	r.s.Log.Info("official page kept as an imitation reference", "url", u)
}
