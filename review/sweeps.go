package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// sweepCounts mirrors the sweep package's counts as stored in a sweep's
// stats (the review package does not import sweep).
type sweepCounts struct {
	Attempted int            `json:"attempted"`
	Fetched   int            `json:"fetched"`
	Failed    map[string]int `json:"failed"`
	Robots    int            `json:"robots_refused"`
	Truncated int            `json:"truncated"`
	Rendered  int            `json:"rendered"`
	Blocked   int            `json:"blocked"`
	Findings  int            `json:"findings"`
	// BlockedAddress: requests refused because they led to an internal
	// address.
	BlockedAddress int `json:"blocked_address"`
}

func (c sweepCounts) FailedTotal() int {
	n := 0
	for _, v := range c.Failed {
		n += v
	}
	return n
}

type sweepTrouble struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Name   string `json:"name"` // in Chinese, written by the sweep
	Detail string `json:"detail"`
}

type sweepStats struct {
	Total       sweepCounts             `json:"total"`
	BySource    map[string]*sweepCounts `json:"by_source"`
	ByHost      map[string]*sweepCounts `json:"by_host"`
	Findings    map[string]int          `json:"findings"`
	NewCases    int                     `json:"new_cases"`
	SeenAgain   int                     `json:"seen_again"`
	NewVersions int                     `json:"new_snapshots"`
	Trouble     []sweepTrouble          `json:"trouble"`
	Resumed     bool                    `json:"resumed"`
	// Partial: a shared sweep's counts miss what a killed worker had not
	// saved (sweep.Summary.Partial).
	Partial bool `json:"partial"`
	// Sources: every configured source with its state, written by the
	// sweep (absent in sweeps recorded before).
	Sources []sweepSourceState `json:"sources"`
	// Discovery: QR codes and lookalike domains (issue 14), named in
	// Chinese by the sweep.
	Discovery []struct {
		Name   string `json:"name"`
		Counts []struct {
			Name  string `json:"name"`
			Value int    `json:"value"`
		} `json:"counts"`
		Err string `json:"err"`
	} `json:"discovery"`
}

// sweepSourceState mirrors the sweep package's SourceState.
type sweepSourceState struct {
	Source string `json:"source"`
	State  string `json:"state"`
	Name   string `json:"name"`   // in Chinese, written by the sweep
	Detail string `json:"detail"` // in Chinese
}

// sourceRow is one row of a sweep's per-source table.
type sourceRow struct {
	sweepSourceState
	Counts *sweepCounts // nil when none of the source's pages was attempted
}

type sweepRow struct {
	store.Sweep
	Stats    sweepStats
	Sources  []sourceRow // every configured source, then any other counted
	Hosts    []string
	HasStats bool
}

var sweepStatusNames = map[string]string{"running": "进行中", "finished": "已完成", "interrupted": "已中断"}

func sweepRowOf(sw store.Sweep) sweepRow {
	row := sweepRow{Sweep: sw}
	if len(sw.Stats) > 0 && json.Unmarshal(sw.Stats, &row.Stats) == nil {
		row.HasStats = true
		row.Sources = sourceRows(row.Stats)
		for k := range row.Stats.ByHost {
			row.Hosts = append(row.Hosts, k)
		}
		slices.Sort(row.Hosts)
	}
	return row
}

// sourceRows lists every source the sweep recorded a state for (every
// configured one, in the configuration's order), then the sources
// counted without a state (sweeps recorded before states were).
func sourceRows(st sweepStats) []sourceRow {
	var rows []sourceRow
	seen := map[string]bool{}
	for _, ss := range st.Sources {
		rows = append(rows, sourceRow{sweepSourceState: ss, Counts: st.BySource[ss.Source]})
		seen[ss.Source] = true
	}
	var rest []string
	for k := range st.BySource {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		rows = append(rows, sourceRow{sweepSourceState: sweepSourceState{Source: k}, Counts: st.BySource[k]})
	}
	return rows
}

func (s *Server) sweepList(w http.ResponseWriter, r *http.Request) {
	sws, err := s.st.Sweeps(60)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows := make([]sweepRow, len(sws))
	for i, sw := range sws {
		rows[i] = sweepRowOf(sw)
	}
	msgs, err := s.st.Messages(200)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	msgs = digestMessages(msgs, 20)
	busy := s.opts.SweepBusy != nil && s.opts.SweepBusy()
	s.render(w, r, http.StatusOK, "sweeps", map[string]any{"Rows": rows, "Messages": msgs, "Busy": busy,
		"CanRun": s.opts.SweepNow != nil && allowed(currentUser(r), permSweepRun), "Status": sweepStatusNames})
}

func (s *Server) sweepPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	sw, err := s.st.Sweep(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	// The digest: the cases this sweep found first, by category and route.
	cases, err := s.st.Cases(store.CaseFilter{SinceSweep: id})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byCat, byRoute := map[string]int{}, map[casework.Route]int{}
	var found []caseRow
	for _, c := range cases {
		if c.FirstSweep != id {
			continue
		}
		route := s.suggestedRoute(&c)
		if c.Route != "" {
			route = c.Route
		}
		byCat[s.categoryName(c.Category)]++
		byRoute[route]++
		if len(found) < 100 {
			found = append(found, caseRow{Case: c, CategoryName: s.categoryName(c.Category), SuggestedRoute: route})
		}
	}
	s.render(w, r, http.StatusOK, "sweep", map[string]any{"Row": sweepRowOf(*sw), "Status": sweepStatusNames,
		"ByCategory": byCat, "ByRoute": byRoute, "Found": found})
}

// ErrSweepBusy is what Options.SweepNow returns when a sweep runs.
var ErrSweepBusy = errors.New("a sweep is already running")

func (s *Server) sweepNow(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if s.opts.SweepNow == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "本服务没有配置巡查。")
		return
	}
	if err := s.opts.SweepNow(); err != nil {
		if errors.Is(err, ErrSweepBusy) {
			s.fail(w, r, http.StatusConflict, "已有巡查正在进行，请等它完成。")
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.audit(r, u.Name, "sweep.start", "sweep", "started from the UI")
	redirect(w, r, "/sweeps", "sweepstarted")
}

func pct(n, of int) string {
	if of == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(of))
}
