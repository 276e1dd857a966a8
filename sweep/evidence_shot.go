package sweep

import (
	"context"
	"sync"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/discover/imitation"
	"github.com/certwatch/certwatch/matcher"
)

// Evidence screenshots of pages fetched statically (issue 13, defect 5;
// issue 14 part 3). A rendered page that becomes a case always gets one
// (a second, evidence render). A page fetched statically gets one when:
//
//   - its finding is an imitation query site: the case page shows it
//     beside the official page's, and its perceptual hash is one of the
//     verdict's signals;
//   - it is an official query page kept as an imitation reference (the
//     other side of that comparison);
//   - its source says evidence_screenshot: always.
//
// Other categories do not by default: each screenshot is a browser render
// (about half a page a second per tab), and an offer's text and WARC are
// its evidence. Without a browser (a Fetcher that is not an
// EvidenceFetcher) nothing is rendered; a render that fails is counted in
// the source's health (screenshots failed) and the case is recorded
// without one.

// wantsEvidence reports whether a flagged page fetched statically gets an
// evidence screenshot.
func wantsEvidence(src *config.Source, f *matcher.Finding) bool {
	return f.Category == CategoryImitation || (src != nil && src.EvidenceAlways)
}

// needsEvidence reports whether a flagged page gets an evidence render:
// it has no screenshot yet, its discovery render (if any) did not fail,
// and it was rendered or wants one (wantsEvidence).
func needsEvidence(src *config.Source, f *matcher.Finding, res *crawler.Result) bool {
	return res.Screenshot == nil && res.RenderErr == nil && (res.Rendered || wantsEvidence(src, f))
}

// canEvidence reports whether this sweep can take evidence renders.
func (r *run) canEvidence() bool {
	_, ok := r.s.Fetcher.(EvidenceFetcher)
	return ok && r.ctx != nil
}

// maxReferenceWait bounds how long an imitation verdict waits for the
// official pages' screenshots being taken (pendingRenders).
const maxReferenceWait = 45 * time.Second

// pendingRenders counts the official reference pages whose screenshot is
// being taken, so that an imitation verdict made meanwhile (the first
// sweep fetches an imitation site and the official site at once) waits
// for them and compares with the official screenshot, bounded by
// maxReferenceWait.
type pendingRenders struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0
}

// start counts one render; the returned func ends it.
func (p *pendingRenders) start() func() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n == 0 {
		p.idle = make(chan struct{})
	}
	p.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.n--
			if p.n == 0 {
				close(p.idle)
			}
		})
	}
}

// wait waits until no render is pending, at most max or until ctx ends;
// it reports whether any was.
func (p *pendingRenders) wait(ctx context.Context, max time.Duration) bool {
	p.mu.Lock()
	n, idle := p.n, p.idle
	p.mu.Unlock()
	if n == 0 {
		return false
	}
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-idle:
	case <-t.C:
	case <-ctx.Done():
	}
	return true
}

// withShot judges an imitation page again once its own screenshot was
// taken: with the screenshot's perceptual hash, and with the references
// as they are now (an official page kept meanwhile, with its screenshot;
// when the reference compared with has none, after waiting for those
// being taken). It reports whether it judged
// again.
func (r *run) withShot(c *imitationCheck, f *matcher.Finding, shot []byte) bool {
	if c == nil || c.res.Cleared != "" {
		return false
	}
	ctx := r.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if ref := c.res.Reference; ref == nil || len(ref.Shot) == 0 {
		r.s.imitationRefs.renders.wait(ctx, maxReferenceWait)
	}
	refs := r.s.References().All()
	again := !sameRefs(refs, c.refs)
	c.refs = refs
	if len(shot) > 0 {
		if h, _, err := imitation.HashImage(shot); err == nil {
			c.cand.Hash, c.cand.HasHash = h, true
			again = true
		}
	}
	if !again {
		return false
	}
	res := imitation.Verdict(c.cand, c.refs, c.opts)
	if res.Cleared != "" { // the page was judged without clearing: keep that finding
		return false
	}
	c.res = res
	c.apply(f)
	return true
}

// sameRefs reports whether two lists hold the same references.
func sameRefs(a, b []*imitation.Reference) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
