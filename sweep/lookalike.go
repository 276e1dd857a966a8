package sweep

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/discover/lookalike"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// LookalikeSource is the source id under which the home pages of
// registered lookalike names are fetched and counted (discover.lookalike).
const LookalikeSource = "discover-lookalike"

// kindLookalike is the frontier item of a registered lookalike name's
// home page; its Meta holds why the name was checked.
const kindLookalike = "lookalike"

const metaLookalikeReason = "lookalike_reason"

// LookalikeStats counts the lookalike step of a sweep (discover.lookalike).
type LookalikeStats struct {
	Hosts      int `json:"hosts"`      // official hosts
	Candidates int `json:"candidates"` // names generated
	Due        int `json:"due"`        // names due for a check
	lookalike.Stats
	Wildcard int    `json:"wildcard"` // registered only through a wildcard record: not queued
	Queued   int    `json:"queued"`   // home pages of registered names queued as pages to check
	Err      string `json:"err,omitempty"`
}

// seedLookalike runs the lookalike step at the start of a sweep: the
// lookalike names of the official query hosts that are due are resolved
// (through the configured DNS server at its rate, or the resolve
// overrides), the state file is updated, and the home page of every
// name the state holds as registered (wildcard answers aside, at most
// max_names) is queued. It is bounded by
// max_names and timeout; a failure is logged and counted, and never stops
// the sweep. nil when discover.lookalike is not configured.
func (s *Sweeper) seedLookalike(ctx context.Context, sweepID uint64) *LookalikeStats {
	l := s.Config.Discover.Lookalike
	if l == nil {
		return nil
	}
	log := s.Log
	if log == nil {
		log = slog.Default()
	}
	st := &LookalikeStats{}
	fail := func(err error) *LookalikeStats {
		st.Err = err.Error()
		log.Warn("lookalike: step failed; the sweep goes on", "err", err)
		return st
	}
	hosts := officialQueryHosts(s.matcher(), l.Hosts)
	st.Hosts = len(hosts)
	cands, err := lookalike.GenerateAll(hosts, lookalike.Options{})
	if err != nil {
		return fail(err)
	}
	st.Candidates = len(cands)
	state, err := loadLookalikeState(l.State)
	if err != nil {
		return fail(err)
	}
	state.Add(cands)
	due := state.Due(time.Now(), l.MaxNames)
	st.Due = len(due)
	ctx, cancel := context.WithTimeout(ctx, l.Timeout)
	defer cancel()
	var results []lookalike.Result
	if l.Resolver == config.ResolverOverrides {
		results, st.Stats = resolveFromOverrides(due, s.Config.Resolve)
	} else {
		client, cerr := lookalike.NewClient(l.Resolver, 2*time.Second)
		if cerr != nil {
			return fail(cerr)
		}
		results, st.Stats, err = lookalike.Resolve(ctx, due, client, lookalike.Limits{QPS: l.QPS, MaxNames: l.MaxNames}, nil)
		if err != nil {
			log.Warn("lookalike: resolution cut short", "err", err)
			st.Err = err.Error()
		}
	}
	state.Record(results)
	if err := saveLookalikeState(l.State, state); err != nil {
		log.Warn("lookalike: state not saved", "file", l.State, "err", err)
		st.Err = err.Error()
	}
	// Every name last found registered is a site to watch: its home page
	// is checked in every sweep, while its name is resolved again only
	// on the schedule.
	for _, r := range results {
		if r.Status == lookalike.Registered && r.Wildcard {
			st.Wildcard++
		}
	}
	var items []store.FrontierItem
	for _, e := range state.Registered() {
		if e.Wildcard {
			continue
		}
		if len(items) >= l.MaxNames {
			break
		}
		reason := e.Candidate.Reason() + "，域名已注册"
		if len(e.Addrs) > 0 {
			reason += "（解析到 " + strings.Join(e.Addrs, "、") + "）"
		}
		items = append(items, store.FrontierItem{URL: store.CanonicalURL("http://" + e.Host + "/"), SourceID: LookalikeSource, Kind: kindLookalike,
			Meta: map[string]string{metaLookalikeReason: reason}})
	}
	if len(items) > 0 {
		n, err := s.Store.AddFrontier(sweepID, items)
		if err != nil {
			return fail(fmt.Errorf("queue lookalike home pages: %w", err))
		}
		st.Queued = n
	}
	log.Info("lookalike: names checked", "due", st.Due, "registered", st.Registered, "queued", st.Queued)
	return st
}

// lookalikeRenderAuto: the home pages of lookalike names are rendered
// when they need it (render: auto) whenever a configured source uses the
// browser, and fetched statically otherwise (no browser configured).
func lookalikeRenderAuto(c *config.Config) bool {
	for _, src := range c.Sources {
		if src.Render || src.RenderAuto {
			return true
		}
	}
	return false
}

// officialQueryHosts are the rule packs' official query hosts and extra,
// deduplicated (not the official suffixes such as gov.cn).
func officialQueryHosts(m *matcher.Matcher, extra []string) []string {
	var out []string
	add := func(h string) {
		h = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
		if h != "" && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	if m != nil {
		for _, p := range m.Packs() {
			if p.Imitation == nil {
				continue
			}
			for _, site := range p.Imitation.Sites {
				for _, h := range site.Hosts {
					add(h)
				}
			}
		}
	}
	for _, h := range extra {
		add(h)
	}
	return out
}

// resolveFromOverrides answers for the candidates from the resolve
// overrides (discover.lookalike.resolver: resolve): a name among them is
// registered at its IP, any other is unregistered. It is what the sample
// web and tests use, where no DNS server can be started without
// privileges; it sends nothing anywhere.
func resolveFromOverrides(due []lookalike.Candidate, resolve map[string]string) ([]lookalike.Result, lookalike.Stats) {
	now := time.Now()
	out := make([]lookalike.Result, len(due))
	st := lookalike.Stats{Names: len(due)}
	for i, c := range due {
		r := lookalike.Result{Candidate: c, Checked: now, Status: lookalike.Unregistered, Rcode: "NXDOMAIN"}
		if to, ok := resolve[c.Host]; ok {
			ip, _, err := net.SplitHostPort(to)
			if err != nil {
				ip = to
			}
			r.Status, r.Rcode, r.Addrs = lookalike.Registered, "NOERROR", []string{ip}
			st.Registered++
		} else {
			st.Unregistered++
		}
		out[i] = r
	}
	st.Elapsed = time.Since(now)
	return out, st
}

// loadLookalikeState and saveLookalikeState: the lookalike package's
// state file.
func loadLookalikeState(path string) (*lookalike.State, error) {
	return lookalike.LoadStateFile(path, lookalike.Schedule{})
}

func saveLookalikeState(path string, st *lookalike.State) error {
	return lookalike.SaveStateFile(path, st)
}

// withLookalikeReason puts the lookalike reason first in a finding of a
// kindLookalike item.
func withLookalikeReason(f *matcher.Finding, it store.FrontierItem) {
	if it.Kind != kindLookalike || f == nil || it.Meta[metaLookalikeReason] == "" {
		return
	}
	f.Reasons = append([]string{"经仿冒域名发现：" + it.Meta[metaLookalikeReason]}, f.Reasons...)
}

// counts lists the stats as (key, value) pairs in a fixed order; keys
// are casework.DiscoveryCount values.
func (l *LookalikeStats) counts() [][2]any {
	return [][2]any{
		{"lookalike_hosts", l.Hosts}, {"lookalike_candidates", l.Candidates}, {"lookalike_due", l.Due},
		{"lookalike_registered", l.Registered}, {"lookalike_unregistered", l.Unregistered}, {"lookalike_timeouts", l.Timeouts},
		{"lookalike_failed", l.Failed}, {"lookalike_wildcard", l.Wildcard}, {"lookalike_queued", l.Queued},
	}
}

// printLookalike writes the lookalike line of a summary (caller holds
// s.mu).
func (s *Summary) printLookalike(w io.Writer, chinese bool) {
	l := s.Lookalike
	if l == nil {
		return
	}
	var parts []string
	for _, kv := range l.counts() {
		k := kv[0].(string)
		if chinese {
			parts = append(parts, fmt.Sprintf("%s %d", casework.DiscoveryCount(k).Name(), kv[1]))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(k, "lookalike_"), kv[1]))
		}
	}
	switch {
	case chinese && l.Err != "":
		fmt.Fprintf(w, "  仿冒域名发现：%s；出错：%s\n", strings.Join(parts, "，"), l.Err)
	case chinese:
		fmt.Fprintf(w, "  仿冒域名发现：%s\n", strings.Join(parts, "，"))
	case l.Err != "":
		fmt.Fprintf(w, "  lookalike discovery: %s; error: %s\n", strings.Join(parts, ", "), l.Err)
	default:
		fmt.Fprintf(w, "  lookalike discovery: %s\n", strings.Join(parts, ", "))
	}
}

// lookalikeErrDetail is the step's error for a trouble's detail.
func lookalikeErrDetail(err string) string {
	if err == "" {
		return ""
	}
	return "（出错：" + err + "）"
}

// lookalikeState is the state of LookalikeSource: a trouble of the step
// makes it trouble even when no page was fetched; no registered name to
// check is checked, not "not checked".
func (s *Summary) lookalikeState() SourceState {
	st := s.stateOf(LookalikeSource)
	if st.State != StateNotChecked && st.State != StateNotResumed {
		return st
	}
	var troubles []string
	for _, tr := range s.Trouble {
		if tr.Source == LookalikeSource && !slices.Contains(troubles, tr.Label()) {
			troubles = append(troubles, tr.Label())
		}
	}
	switch {
	case len(troubles) > 0:
		st.State, st.Detail = StateTrouble, strings.Join(troubles, "、")
	case s.Lookalike != nil:
		st.State = StateChecked
		st.Detail = fmt.Sprintf("核查 %d 个仿冒域名，没有已注册的域名需要抓取", s.Lookalike.Names)
	}
	st.Name = StateName(st.State)
	return st
}
