package sweep

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// kindWatch is the frontier item of a known imitation site's page queued
// again (discover.watch); its Meta holds the case and the content key of
// its latest snapshot.
const kindWatch = "watch"

const (
	metaWatchCase    = "watch_case"
	metaWatchContent = "watch_content"
)

// WatchSystemActor is the actor of the merges the sweep makes when a
// known imitation site moves to a new domain (audit log: case.merge).
const WatchSystemActor = "system"

// Bounds of the domain-move index: known imitation cases compared with
// each new one, and the bytes of a snapshot body read for its template.
const (
	maxKnownImitations = 1000
	maxTemplateBody    = 2 << 20
	maxWatchResults    = 200 // re-checks listed in a sweep's summary
)

// WatchStore is what discover.watch reads and writes besides Store: the
// known imitation cases, their latest snapshots, and the merge that links
// a moved site's new case to its old one. *store.Store and pgstore
// implement it; a Store without it gets no re-checks and no moves.
type WatchStore interface {
	Cases(f store.CaseFilter) ([]store.Case, error)
	Snapshots(caseID uint64) ([]store.Snapshot, error)
	SnapshotBody(snapshotID uint64) ([]byte, error)
	Merge(m store.Merge) ([]store.MergedCase, error)
	MergedIDs() (map[uint64]uint64, error)
}

// WatchStats counts the re-checks of known imitation sites in a sweep and
// the domain moves found (discover.watch).
type WatchStats struct {
	Known   int `json:"known"`   // known imitation cases (open, awaiting approval or confirmed, not merged), at most max_hosts
	Queued  int `json:"queued"`  // their pages queued by this step (the others were queued already by a source or a discovery step)
	Online  int `json:"online"`  // still an imitation, same content
	Changed int `json:"changed"` // still an imitation, content changed (a new snapshot)
	Gone    int `json:"gone"`    // 404/410, no longer resolving or connecting, or no longer an imitation
	Failed  int `json:"failed"`  // the re-check could not tell (timeout, 5xx, blocked)
	Moves   int `json:"moves"`   // new cases linked to a known one as a domain move
	// targets are the known cases by canonical URL: a fetch of one of
	// them is its re-check, whoever queued the page.
	targets map[string]watchTarget
	// Results are the first maxWatchResults re-checks of the sweep (each
	// case's page lists all of its own).
	Results []WatchResult `json:"results,omitempty"`
}

// WatchResult is the re-check of one known imitation case.
type WatchResult struct {
	CaseID uint64 `json:"case_id"`
	URL    string `json:"url"`
	State  string `json:"state"` // online, changed, gone, failed (keys of watch_* counts)
	Status int    `json:"status,omitempty"`
}

// watchTarget is one known imitation case to re-check.
type watchTarget struct {
	caseID uint64
	key    string // content key of its latest snapshot
}

// knownImitation is one known imitation case in the domain-move index.
type knownImitation struct {
	id       uint64
	status   casework.CaseStatus
	url      string
	host     string
	key      string              // content key of its latest snapshot
	template map[uint64]struct{} // tag-path shingles of its latest snapshot
}

// watchRun is a run's part of discover.watch: the domain-move index,
// built once, on the first imitation finding, from the cases that existed
// before the sweep.
type watchRun struct {
	once  sync.Once
	known []knownImitation
	urls  map[string]bool // canonical URLs of all known imitation cases
}

// knownImitations lists the known imitation cases: open, awaiting
// approval or confirmed, not merged into another, first found before
// sweep (0: any), newest first, at most limit.
func knownImitations(ws WatchStore, category string, sweep uint64, limit int) ([]store.Case, error) {
	cases, err := ws.Cases(store.CaseFilter{Category: category})
	if err != nil {
		return nil, err
	}
	merged, err := ws.MergedIDs()
	if err != nil {
		return nil, err
	}
	out := cases[:0]
	for _, c := range cases {
		switch c.Status {
		case casework.CaseOpen, casework.CasePendingApproval, casework.CaseConfirmed:
		default:
			continue
		}
		if _, ok := merged[c.ID]; ok || (sweep != 0 && c.FirstSweep >= sweep) {
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b store.Case) int { return cmp.Compare(b.ID, a.ID) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// latestSnapshot is a case's newest snapshot; nil when it has none.
func latestSnapshot(ws WatchStore, caseID uint64) *store.Snapshot {
	sns, err := ws.Snapshots(caseID)
	if err != nil || len(sns) == 0 {
		return nil
	}
	best := &sns[0]
	for i := range sns {
		if sns[i].ID > best.ID {
			best = &sns[i]
		}
	}
	return best
}

// seedWatch queues the page of every known imitation site again, at most
// discover.watch.max_hosts, newest case first. nil when discover.watch is
// off or the store cannot list cases.
func (s *Sweeper) seedWatch(sweepID uint64) *WatchStats {
	w := s.Config.Discover.Watch
	if w == nil {
		return nil
	}
	ws, ok := s.Store.(WatchStore)
	if !ok {
		s.Log.Warn("watch: the store cannot list cases; known imitation sites are not re-checked")
		return nil
	}
	st := &WatchStats{}
	cases, err := knownImitations(ws, w.Category, 0, w.MaxHosts)
	if err != nil {
		s.Log.Warn("watch: known imitation cases not read; the sweep goes on", "err", err)
		return st
	}
	st.Known = len(cases)
	st.targets = map[string]watchTarget{}
	items := make([]store.FrontierItem, 0, len(cases))
	for _, c := range cases {
		meta := map[string]string{metaWatchCase: strconv.FormatUint(c.ID, 10)}
		tg := watchTarget{caseID: c.ID}
		if sn := latestSnapshot(ws, c.ID); sn != nil {
			meta[metaWatchContent] = sn.ContentKey
			tg.key = sn.ContentKey
		}
		st.targets[store.CanonicalURL(c.URL)] = tg
		items = append(items, store.FrontierItem{URL: store.CanonicalURL(c.URL), SourceID: c.SourceID, Kind: kindWatch, Meta: meta})
	}
	if len(items) > 0 {
		n, err := s.Store.AddFrontier(sweepID, items)
		if err != nil {
			s.Log.Warn("watch: pages not queued; the sweep goes on", "err", err)
			return st
		}
		st.Queued = n
	}
	s.Log.Info("watch: known imitation sites queued", "known", st.Known, "queued", st.Queued)
	return st
}

// watched records the re-check of a known imitation case's page: a
// kindWatch item, or the same page queued by a source or a discovery step
// first. dr is nil when the fetch failed.
func (r *run) watched(it store.FrontierItem, res *crawler.Result, dr *detect.Result) {
	var tg watchTarget
	if it.Kind == kindWatch {
		tg.caseID, _ = strconv.ParseUint(it.Meta[metaWatchCase], 10, 64)
		tg.key = it.Meta[metaWatchContent]
	} else {
		r.stats.mu.Lock()
		if r.stats.Watch != nil {
			tg = r.stats.Watch.targets[it.URL]
		}
		r.stats.mu.Unlock()
	}
	if tg.caseID == 0 {
		return
	}
	var f *matcher.Finding
	if dr != nil {
		f = dr.Finding
	}
	state, detail := store.WatchFailed, "复查未能判断："+FailureName(string(res.Outcome))
	switch {
	case f == nil && (res.Status == http.StatusNotFound || res.Status == http.StatusGone):
		state, detail = store.WatchGone, fmt.Sprintf("返回 %d，页面已删除", res.Status)
	case f == nil && res.Outcome == crawler.OutcomeNetwork:
		state, detail = store.WatchGone, "无法连接或域名已不再解析"
	case f == nil:
	case !f.Flagged:
		state, detail = store.WatchGone, "页面仍可访问，但已不再是仿冒查询页面"
	case tg.key != "" && dr.ContentKey() == tg.key:
		state, detail = store.WatchOnline, "仍是仿冒查询页面，内容与上次相同"
	default:
		state, detail = store.WatchChanged, "仍是仿冒查询页面，内容已变化（保存为新快照）"
	}
	id := tg.caseID
	if wr, ok := r.s.Store.(WatchRecorder); ok {
		c := store.WatchCheck{CaseID: id, SweepID: r.sw.ID, At: res.FetchedAt, URL: it.URL, State: state, Status: res.Status, Detail: detail}
		if dr != nil {
			c.ContentKey = dr.ContentKey()
		}
		if err := wr.RecordWatchCheck(c); err != nil {
			r.s.Log.Warn("watch: re-check not recorded", "case", id, "err", err)
		}
	}
	r.stats.mu.Lock()
	defer r.stats.mu.Unlock()
	w := r.stats.Watch
	if w == nil {
		w = &WatchStats{}
		r.stats.Watch = w
	}
	switch state {
	case store.WatchOnline:
		w.Online++
	case store.WatchChanged:
		w.Changed++
	case store.WatchGone:
		w.Gone++
	default:
		w.Failed++
	}
	if len(w.Results) < maxWatchResults {
		w.Results = append(w.Results, WatchResult{CaseID: id, URL: it.URL, State: state, Status: res.Status})
	}
}

// domainMove is a new imitation finding's match with a known imitation
// case on another host.
type domainMove struct {
	primary uint64
	reason  string
	// merge: the old case is still undecided (open or awaiting
	// approval), so the new one is merged into it and decided with it.
	// A decided old case already has its action; the new domain needs
	// its own, so its case stays in the queue with the reason alone.
	merge bool
}

// domainMove compares a flagged imitation page with the known imitation
// cases on other hosts: the same content key, or the same template (tag-
// path shingles, Jaccard ≥ templateSimilar). On a match the reason goes
// first in the finding and the move is returned, for linkMove to merge
// the new case into the old one once recorded.
func (r *run) domainMove(it store.FrontierItem, res *crawler.Result, dr *detect.Result) *domainMove {
	f := dr.Finding
	w := r.s.Config.Discover.Watch
	if w == nil || !w.Moves || f == nil || !f.Flagged || f.Category != w.Category || it.Kind == kindWatch {
		return nil
	}
	ws, ok := r.s.Store.(WatchStore)
	if !ok {
		return nil
	}
	r.watch.once.Do(func() { r.watch.build(ws, w.Category, r.sw.ID, r.s) })
	if r.watch.urls[store.CanonicalURL(it.URL)] || (res.FinalURL != "" && r.watch.urls[store.CanonicalURL(res.FinalURL)]) {
		return nil // a known case seen again, not a move
	}
	host := hostOf(cmp.Or(res.FinalURL, it.URL))
	key := dr.ContentKey()
	var best *knownImitation
	var sim float64
	for i := range r.watch.known {
		k := &r.watch.known[i]
		if k.host == host || k.host == hostOf(it.URL) {
			continue
		}
		if k.key != "" && k.key == key {
			best, sim = k, 1.1 // same content beats any template
			break
		}
	}
	if best == nil {
		tpl := templateShingles(res.Body)
		for i := range r.watch.known {
			k := &r.watch.known[i]
			if k.host == host || k.host == hostOf(it.URL) {
				continue
			}
			if j := jaccard(tpl, k.template); j >= templateSimilar && j > sim {
				best, sim = k, j
			}
		}
	}
	if best == nil {
		return nil
	}
	what := "内容相同"
	if sim <= 1 {
		what = fmt.Sprintf("模板相同（页面结构相似度 %.2f）", sim)
	}
	reason := fmt.Sprintf("与案件 #%d（旧域名 %s）%s，疑似换域名", best.id, best.host, what)
	f.Reasons = append([]string{reason}, f.Reasons...)
	return &domainMove{primary: best.id, reason: reason, merge: best.status == casework.CaseOpen || best.status == casework.CasePendingApproval}
}

// build fills the index from the known imitation cases first found
// before this sweep.
func (wr *watchRun) build(ws WatchStore, category string, sweepID uint64, s *Sweeper) {
	cases, err := knownImitations(ws, category, sweepID, maxKnownImitations)
	if err != nil {
		s.Log.Warn("watch: known imitation cases not read; no domain moves this sweep", "err", err)
		return
	}
	wr.urls = map[string]bool{}
	for _, c := range cases {
		wr.urls[store.CanonicalURL(c.URL)] = true
		k := knownImitation{id: c.ID, status: c.Status, url: c.URL, host: hostOf(c.URL)}
		if sn := latestSnapshot(ws, c.ID); sn != nil {
			k.key = sn.ContentKey
			if body, err := ws.SnapshotBody(sn.ID); err == nil && len(body) <= maxTemplateBody {
				k.template = templateShingles(body)
			}
		}
		wr.known = append(wr.known, k)
	}
}

// linkMove merges a new case found as a domain move into the known case
// when that one is undecided (audit: case.merge by WatchSystemActor, with
// the reason as the note); either way the move is counted and its reason
// is the new case's first.
func (r *run) linkMove(m *domainMove, rr store.RecordResult) {
	if m == nil || !rr.NewCase || rr.CaseID == m.primary {
		return
	}
	ws := r.s.Store.(WatchStore)
	switch {
	case !m.merge:
		r.s.Log.Info("watch: domain move of a decided case: not merged", "case", rr.CaseID, "old", m.primary)
	default:
		if _, err := ws.Merge(store.Merge{Primary: m.primary, Cases: []uint64{rr.CaseID}, By: WatchSystemActor, Note: m.reason}); err != nil {
			r.s.Log.Warn("watch: domain move not linked", "case", rr.CaseID, "old", m.primary, "err", err)
			return
		}
		r.s.Log.Info("watch: domain move merged", "case", rr.CaseID, "old", m.primary)
	}
	r.stats.mu.Lock()
	if r.stats.Watch == nil {
		r.stats.Watch = &WatchStats{}
	}
	r.stats.Watch.Moves++
	r.stats.mu.Unlock()
}

// templateSimilar is the Jaccard similarity of tag-path shingles above
// which two pages share a template.
const templateSimilar = 0.8

// Bounds of a template fingerprint.
const (
	maxTemplateTokens = 50000
	templateDepth     = 4 // tags of a path: the element and its 3 nearest ancestors
	templateShingle   = 3 // consecutive paths per shingle
	minTemplateSize   = 8 // fewer shingles: too small a page to compare
)

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// templateShingles is the DOM structure fingerprint of an HTML page: the
// set of hashes of templateShingle consecutive element paths (each the
// element's tag and its nearest ancestors' tags), in document order. Text,
// attributes and scripts' contents play no part, so the same kit filled
// with other words or on another domain has the same set. nil for a page
// too small to compare.
func templateShingles(body []byte) map[uint64]struct{} {
	z := html.NewTokenizer(bytes.NewReader(body))
	var stack, window []string
	out := map[uint64]struct{}{}
	for n := 0; n < maxTemplateTokens; n++ {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			path := strings.Join(append(stack[max(0, len(stack)-templateDepth+1):], tag), ">")
			window = append(window, path)
			if len(window) > templateShingle {
				window = window[1:]
			}
			if len(window) == templateShingle {
				h := fnv.New64a()
				io.WriteString(h, strings.Join(window, "|"))
				out[h.Sum64()] = struct{}{}
			}
			if tt == html.StartTagToken && !voidElements[tag] && len(stack) < 256 {
				stack = append(stack, tag)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == tag {
					stack = stack[:i]
					break
				}
			}
		}
	}
	if len(out) < minTemplateSize {
		return nil
	}
	return out
}

// jaccard is |a∩b| / |a∪b|; 0 when either is empty.
func jaccard(a, b map[uint64]struct{}) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// counts lists the stats as (key, value) pairs in a fixed order; keys
// are casework.DiscoveryCount values.
func (w *WatchStats) counts() [][2]any {
	return [][2]any{
		{"watch_known", w.Known}, {"watch_queued", w.Queued}, {"watch_online", w.Online}, {"watch_changed", w.Changed}, {"watch_gone", w.Gone},
		{"watch_failed", w.Failed}, {"watch_moves", w.Moves},
	}
}

// printWatch writes the watch line of a summary (caller holds s.mu).
func (s *Summary) printWatch(w io.Writer, chinese bool) {
	if s.Watch == nil {
		return
	}
	var parts []string
	for _, kv := range s.Watch.counts() {
		k := kv[0].(string)
		if chinese {
			parts = append(parts, fmt.Sprintf("%s %d", casework.DiscoveryCount(k).Name(), kv[1]))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(k, "watch_"), kv[1]))
		}
	}
	if chinese {
		fmt.Fprintf(w, "  已知仿冒网站复查：%s\n", strings.Join(parts, "，"))
	} else {
		fmt.Fprintf(w, "  watch: %s\n", strings.Join(parts, ", "))
	}
}
