package sweep

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/discover/ctlog"
	"github.com/certwatch/certwatch/discover/lookalike"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// CTSource is the source id under which the home pages of names found in
// Certificate Transparency logs are fetched and counted (discover.ct).
const CTSource = "discover-ct"

// kindCT is the frontier item of a name found in a CT log; its Meta
// holds the log, the entry and the name.
const kindCT = "ct"

const metaCTReason = "ct_reason"

// TroubleCTFailed: a CT log could not be read, answered garbage, lied
// about its tree, or timed out (discover.ct); its source is CTSource.
const TroubleCTFailed = "ct_failed"

// CTLogStats is one log's part of a CT step.
type CTLogStats struct {
	Log      string `json:"log"`
	From     uint64 `json:"from"`
	To       uint64 `json:"to"`
	TreeSize uint64 `json:"tree_size"`
	Entries  int    `json:"entries"`
	Matches  int    `json:"matches"`
	// Problem is the Chinese name of what ended the poll ("" when none);
	// Err the error, in English, for logs.
	Problem string `json:"problem,omitempty"`
	Err     string `json:"err,omitempty"`
}

// CTStats counts the CT step of a sweep (discover.ct).
type CTStats struct {
	Logs    int `json:"logs"`
	Entries int `json:"entries"`
	Names   int `json:"names"`
	Matches int `json:"matches"`
	Queued  int `json:"queued"`
	// Remembered: names matched within discover.ct.recheck, whose home
	// pages are checked in every sweep (this sweep's matches included).
	Remembered int           `json:"remembered"`
	BadLeaves  int           `json:"bad_leaves"`
	Garbage    int           `json:"garbage"`  // garbage, oversized or empty answers
	Lying      int           `json:"lying"`    // shrinking, forked or inconsistent trees, too many entries, bad signatures
	Timeouts   int           `json:"timeouts"` // requests that timed out
	Failed     int           `json:"failed"`   // other errors (HTTP, request budget)
	Elapsed    time.Duration `json:"elapsed_ns"`
	PerLog     []CTLogStats  `json:"per_log,omitempty"`
	Err        string        `json:"err,omitempty"`
}

// seedCT runs the CT step at the start of a sweep: every configured log
// is polled from the position saved in the state file (at most
// max_entries each), the names of the new certificates are matched
// against the lookalike rules of the official query hosts, the state is
// saved, and the home page of every name matched within recheck (at most
// max_queued, newest first) is queued with the reason "证书透明度日志 <log>
// 第 N 条：<name>". A log
// that fails, lies or times out is counted and recorded in the sweep
// health; it never stops the sweep, nor the other logs. nil when
// discover.ct is not configured.
func (s *Sweeper) seedCT(ctx context.Context, sweepID uint64) *CTStats {
	c := s.Config.Discover.CT
	if c == nil {
		return nil
	}
	log := s.Log
	if log == nil {
		log = slog.Default()
	}
	st := &CTStats{Logs: len(c.Logs)}
	fail := func(err error) *CTStats {
		st.Err = err.Error()
		log.Warn("ct: step failed; the sweep goes on", "err", err)
		return st
	}
	m, err := ctlog.NewMatcher(officialQueryHosts(s.matcher(), c.Hosts), lookalike.Options{}, c.Allow)
	if err != nil {
		return fail(err)
	}
	state, err := ctlog.LoadStateFile(c.State)
	if err != nil {
		return fail(err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	start := time.Now()
	var matches []ctlog.Match
	for _, l := range c.Logs {
		// One poller per log: a bad key or a bad answer of one log ends
		// only that log's poll.
		p := &ctlog.Poller{
			Logs:       []ctlog.Log{{URL: l.URL, PublicKey: l.PublicKey, StartAtHead: l.StartAtHead}},
			Matcher:    m,
			Limits:     ctlog.Limits{MaxEntriesPerPoll: int64(c.MaxEntries), RequestTimeout: c.RequestTimeout, MaxMatches: c.MaxQueued * 4},
			HTTPClient: &http.Client{Transport: ctTransport(s.Config.Resolve, s.Config.ResolveOnly, s.Config.Proxy)},
			UserAgent:  "certwatch",
		}
		res, perr := p.Poll(ctx, state)
		ls := CTLogStats{Log: l.URL}
		if res != nil {
			for _, x := range res.Stats {
				ls.From, ls.To, ls.TreeSize, ls.Entries, ls.Matches = x.From, x.To, x.TreeSize, x.Entries, x.Matches
				st.Entries += x.Entries
				st.Names += x.Names
				st.BadLeaves += x.BadLeaves
				for k, n := range x.Errors {
					st.countKind(k, n)
				}
			}
			for _, e := range res.Errors {
				ls.Problem, ls.Err = e.Kind.Label(), e.Error()
			}
			matches = append(matches, res.Matches...)
		}
		if perr != nil && ls.Err == "" {
			// A bad configuration of this log (its key) or the step's
			// budget running out.
			ls.Err = perr.Error()
			ls.Problem = "日志配置错误（如公钥无效）"
			if ctx.Err() != nil {
				ls.Problem = ctlog.KindTimeout.Label()
				st.Timeouts++
			} else {
				st.Failed++
			}
		}
		if ls.Err != "" {
			log.Warn("ct: log failed; the sweep goes on", "log", l.URL, "err", ls.Err)
		}
		st.PerLog = append(st.PerLog, ls)
	}
	st.Elapsed = time.Since(start)
	st.Matches = len(matches)
	if err := ctlog.SaveStateFile(c.State, state); err != nil {
		log.Warn("ct: state not saved", "file", c.State, "err", err)
		st.Err = err.Error()
	}
	// Every name matched within discover.ct.recheck is checked in every
	// sweep: its site may go online after its certificate was logged.
	names, err := loadCTNames(c.Names)
	if err != nil {
		log.Warn("ct: names file not read; only this sweep's matches are checked", "file", c.Names, "err", err)
		st.Err = err.Error()
		names = &ctNames{Names: map[string]*ctName{}}
	}
	names.update(matches, time.Now(), c.Recheck)
	if err := names.save(c.Names); err != nil {
		log.Warn("ct: names file not saved", "file", c.Names, "err", err)
		st.Err = err.Error()
	}
	st.Remembered = len(names.Names)
	var items []store.FrontierItem
	for _, name := range names.newest() {
		if len(items) >= c.MaxQueued {
			break
		}
		items = append(items, store.FrontierItem{URL: store.CanonicalURL("http://" + name + "/"), SourceID: CTSource, Kind: kindCT,
			Meta: map[string]string{metaCTReason: names.Names[name].Reason}})
	}
	if len(items) > 0 {
		n, err := s.Store.AddFrontier(sweepID, items)
		if err != nil {
			return fail(fmt.Errorf("queue CT names' home pages: %w", err))
		}
		st.Queued = n
	}
	log.Info("ct: logs read", "logs", st.Logs, "entries", st.Entries, "matches", st.Matches, "queued", st.Queued, "elapsed", st.Elapsed)
	return st
}

// ctTransport is the CT logs' transport: a log host in the config's
// resolve overrides is dialled at its address there (as the crawler
// does); with resolve_only, a log host not there (other than a loopback
// address) is refused, so nothing leaves the machine. The config's proxy, if any, carries the other
// requests (no environment proxy is used).
func ctTransport(resolve map[string]string, resolveOnly bool, proxy string) http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	if pu, err := url.Parse(proxy); err == nil && proxy != "" && !resolveOnly {
		t.Proxy = func(r *http.Request) (*url.URL, error) {
			if _, ok := resolve[strings.ToLower(r.URL.Hostname())]; ok {
				return nil, nil // an override is dialled directly
			}
			return pu, nil
		}
	}
	d := &net.Dialer{Timeout: 10 * time.Second}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if to, ok := resolve[strings.ToLower(host)]; ok {
			addr = to
			if _, _, err := net.SplitHostPort(to); err != nil {
				addr = net.JoinHostPort(strings.Trim(to, "[]"), port) // a bare address keeps the port
			}
		} else if ip := net.ParseIP(host); resolveOnly && (ip == nil || !ip.IsLoopback()) {
			return nil, fmt.Errorf("ct: %s is not in the resolve overrides and resolve_only is set", host)
		}
		return d.DialContext(ctx, network, addr)
	}
	return t
}

// ctReason is the reason a CT match gives its case.
func ctReason(m ctlog.Match) string {
	kind := "证书"
	if m.Precert {
		kind = "预证书"
	}
	return fmt.Sprintf("证书透明度日志 %s 第 %d 条：%s（%s中的域名，%s，疑似仿冒官方查询网址 %s）", m.Log, m.Index, m.Name, kind, m.Rule.Label(), m.Official)
}

// countKind adds n errors of kind k to the step's counts.
func (c *CTStats) countKind(k ctlog.Kind, n int) {
	switch k {
	case ctlog.KindBadLeaf:
		// counted in BadLeaves
	case ctlog.KindGarbage, ctlog.KindTooLarge, ctlog.KindNoProgress:
		c.Garbage += n
	case ctlog.KindTreeShrank, ctlog.KindForkedSTH, ctlog.KindInconsistent, ctlog.KindTooMany, ctlog.KindBadSignature:
		c.Lying += n
	case ctlog.KindTimeout:
		c.Timeouts += n
	default:
		c.Failed += n
	}
}

// EntriesPerSecond is the step's reading rate.
func (c *CTStats) EntriesPerSecond() float64 {
	if c.Elapsed <= 0 {
		return 0
	}
	return float64(c.Entries) / c.Elapsed.Seconds()
}

// problems lists the logs that failed, in Chinese.
func (c *CTStats) problems() []string {
	var out []string
	for _, l := range c.PerLog {
		if l.Problem != "" {
			out = append(out, fmt.Sprintf("%s（%s）", l.Log, l.Problem))
		}
	}
	return out
}

// withCTReason puts the CT reason first in a finding of a kindCT item.
func withCTReason(f *matcher.Finding, it store.FrontierItem) {
	if it.Kind != kindCT || f == nil || it.Meta[metaCTReason] == "" {
		return
	}
	f.Reasons = append([]string{it.Meta[metaCTReason]}, f.Reasons...)
}

// counts lists the stats as (key, value) pairs in a fixed order; keys
// are casework.DiscoveryCount values.
func (c *CTStats) counts() [][2]any {
	return [][2]any{
		{"ct_logs", c.Logs}, {"ct_entries", c.Entries}, {"ct_names", c.Names}, {"ct_matches", c.Matches}, {"ct_remembered", c.Remembered}, {"ct_queued", c.Queued},
		{"ct_bad_leaves", c.BadLeaves}, {"ct_garbage", c.Garbage}, {"ct_lying", c.Lying}, {"ct_timeouts", c.Timeouts}, {"ct_failed", c.Failed},
	}
}

// printCT writes the CT line of a summary (caller holds s.mu).
func (s *Summary) printCT(w io.Writer, chinese bool) {
	c := s.CT
	if c == nil {
		return
	}
	var parts []string
	for _, kv := range c.counts() {
		k := kv[0].(string)
		if chinese {
			parts = append(parts, fmt.Sprintf("%s %d", casework.DiscoveryCount(k).Name(), kv[1]))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(k, "ct_"), kv[1]))
		}
	}
	if chinese {
		line := "  证书透明度日志发现：" + strings.Join(parts, "，")
		if p := c.problems(); len(p) > 0 {
			line += "；出错的日志：" + strings.Join(p, "、")
		}
		fmt.Fprintln(w, line)
		return
	}
	fmt.Fprintf(w, "  ct discovery: %s (%.0f entries/s)\n", strings.Join(parts, ", "), c.EntriesPerSecond())
}

// ctHealth adds the CT step's trouble to a sweep's health.
func ctHealth(sum *Summary, add func(src, kind, format string, args ...any)) {
	c := sum.CT
	if c == nil {
		return
	}
	p := c.problems()
	switch {
	case len(p) > 0:
		detail := strings.Join(p, "、")
		if c.Err != "" {
			detail += "；另有出错：" + c.Err
		}
		add(CTSource, TroubleCTFailed, "证书透明度日志：%d 个日志中 %d 个读取出错：%s；出错的日志已跳过，巡查继续，读取位置保存在状态文件中，下次从该位置续读",
			c.Logs, len(p), detail)
	case c.Err != "":
		add(CTSource, TroubleCTFailed, "证书透明度日志：出错：%s；巡查继续，请检查 discover.ct 的设置和状态文件", c.Err)
	}
}

// ctState is the state of CTSource in a summary: a trouble of the step
// makes it trouble even when no page was fetched.
func (s *Summary) ctState() SourceState {
	st := s.stateOf(CTSource)
	if st.State != StateNotChecked && st.State != StateNotResumed {
		return st
	}
	var troubles []string
	for _, tr := range s.Trouble {
		if tr.Source == CTSource && !slices.Contains(troubles, tr.Label()) {
			troubles = append(troubles, tr.Label())
		}
	}
	switch {
	case len(troubles) > 0:
		st.State, st.Detail = StateTrouble, strings.Join(troubles, "、")
	case s.CT != nil:
		st.State = StateChecked
		st.Detail = fmt.Sprintf("读取 %d 条证书透明度日志条目，没有匹配仿冒规则的新域名需要抓取", s.CT.Entries)
	}
	st.Name = StateName(st.State)
	return st
}
