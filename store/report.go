package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/internal/jsonscan"
	bolt "go.etcd.io/bbolt"
)

// Beijing is the time zone of the campaign's dates: reporting windows and
// the days of a report's series. China has kept UTC+8 without daylight
// saving since 1991, so a fixed zone is exact and needs no zoneinfo.
var Beijing = time.FixedZone("CST", 8*60*60)

// Department is one row of a period report: the office that acts on a
// route's cases.
type Department struct {
	Route casework.Route
	Name  string // as printed in the report (the route's Department)
}

// ReportDepartments are a period report's rows, in order: one per route.
var ReportDepartments = func() []Department {
	out := make([]Department, len(casework.Routes))
	for i, r := range casework.Routes {
		out[i] = Department{Route: r, Name: r.Department()}
	}
	return out
}()

// ReportTotalName names the total row.
const ReportTotalName = "合计"

// defaultDepartment takes what no route places elsewhere: pages of
// sources without a configured route, and cases whose finding suggests no
// known route. Web content is the Cyberspace Administration's by default.
const defaultDepartment = 0

// maxReportDays bounds a report's period (and so its daily series).
const maxReportDays = 3660

// ReportOptions complete what the database does not know.
type ReportOptions struct {
	// SourceRoutes are the configured takedown routes of sources (source
	// id → takedown_cac or takedown_samr, config Source.Route), as the
	// review UI uses them: a marketplace's pages count for 市场监管 and so
	// do its undecided cases, unless their rule suggests a police
	// referral. Sources not named count for 网信办.
	SourceRoutes map[string]casework.Route
}

// ReportFigures are the figures of one row of a period report. The period
// is [From, To); times are compared in UTC.
type ReportFigures struct {
	// PagesChecked: frontier items done with outcome "ok" (fetched and
	// scored by the rules) in sweeps that started in the period. A sweep
	// counts wholly in the period it started in, even when it ran past
	// To; pages that failed, were refused by robots.txt or were not HTML
	// are not counted. Search-result pages and listing pages are
	// included. A department's pages are those of the sources whose
	// takedowns go to it (ReportOptions.SourceRoutes; 网信办 otherwise);
	// the police monitor no source, so their row is always 0. A sweep
	// whose frontier was deleted counts the "fetched" pages per source of
	// its stored summary instead (see PeriodReport.Notes).
	PagesChecked int `json:"pages_checked"`
	// ListingsChecked: the subset of PagesChecked that are listings:
	// frontier items of kind "listing", the detail pages of a marketplace
	// search's results.
	ListingsChecked int `json:"listings_checked"`
	// Found: suspicious items found, the cases first seen in the period
	// (a case is one flagged URL or listing, however often it is seen).
	Found int `json:"found"`
	// Confirmed: decisions in the period that made a case confirmed: a
	// takedown confirmed by a reviewer, or a police referral approved by
	// the second person (its confirmation alone leaves it pending
	// approval). A case is confirmed at most once.
	Confirmed int `json:"confirmed"`
	// TakedownsSent: items of takedown notices (takedown_cac,
	// takedown_samr) sent in the period, one per listed URL.
	TakedownsSent int `json:"takedowns_sent"`
	// Removed: items of sent notices first found removed in the period:
	// the earlier of the item's first removal check with outcome
	// "removed" or "relisted" (removed, then reposted elsewhere: the
	// listed URL is gone) and the notice's move to "removed" (all items
	// removed, or the platform's word recorded by hand). An item
	// restored and removed again counts once.
	Removed int `json:"removed"`
	// Referrals: items of police-referral notices sent in the period. An
	// approved referral not yet sent counts in Confirmed, not here.
	Referrals int `json:"referrals"`
	// Open: cases still to be handled at To: first seen before To and,
	// after the last decision before To, open or pending approval (a
	// report run later gives the same figure). Not limited to cases found
	// in the period: a backlog carries over.
	Open int `json:"open"`
}

// add adds o to f.
func (f *ReportFigures) add(o ReportFigures) {
	f.PagesChecked += o.PagesChecked
	f.ListingsChecked += o.ListingsChecked
	f.Found += o.Found
	f.Confirmed += o.Confirmed
	f.TakedownsSent += o.TakedownsSent
	f.Removed += o.Removed
	f.Referrals += o.Referrals
	f.Open += o.Open
}

// ReportRow is one department's figures, or the total's (Route "").
type ReportRow struct {
	Route      casework.Route `json:"route"`
	Department string         `json:"department"`
	ReportFigures
}

// ReportDay is one day of a report's series, a Beijing calendar day.
type ReportDay struct {
	Date    time.Time `json:"date"`    // midnight in Beijing
	Found   int       `json:"found"`   // cases first seen that day (as Found)
	Removed int       `json:"removed"` // items found removed that day (as Removed)
	// FoundByCategory splits Found by the cases' category ("" for a case
	// without one); the counts add up to Found.
	FoundByCategory map[string]int `json:"found_by_category,omitempty"`
}

// ReportWeek is the time to decision of the cases first decided in one
// week of a report's period: seven Beijing days from Start (the last week
// may be cut short by the period's end). A case's time to decision runs
// from its first sighting to its first decision (a confirmation or a
// dismissal); it counts in the week of that decision. Median and P90 are
// nearest-rank percentiles; both are 0 when Decided is 0.
type ReportWeek struct {
	Start   time.Time     `json:"start"` // midnight in Beijing
	Decided int           `json:"decided"`
	Median  time.Duration `json:"median"`
	P90     time.Duration `json:"p90"`
}

// PeriodReport is the campaign's progress table for one period: a row per
// department (ReportDepartments, in order) and a total, with a daily
// series for charts. Each figure is defined at ReportFigures.
//
// A case counts for the department of its chosen route (Case.Route, set
// when a reviewer confirms it) or, while it has none, of the route
// suggested for it: the finding's "route" when that is a police referral,
// else the source's configured route, else the finding's route, else
// 网信办. Confirmations count for the route confirmed; notices' items for
// the notice's route. Every count lands in exactly one department, so the
// total is their sum. Figures reflect the database when the report is
// made: a case first seen in the period and confirmed later counts for
// the department it was confirmed to.
type PeriodReport struct {
	From        time.Time   `json:"from"` // UTC; the period is [From, To)
	To          time.Time   `json:"to"`
	GeneratedAt time.Time   `json:"generated_at"`
	Sweeps      int         `json:"sweeps"` // sweeps started in the period
	Rows        []ReportRow `json:"rows"`
	Total       ReportRow   `json:"total"`
	Days        []ReportDay `json:"days"`
	// DecisionWeeks are the times to decision, a week a row from the
	// period's first day.
	DecisionWeeks []ReportWeek `json:"decision_weeks,omitempty"`
	// Notes are caveats about the figures, in Chinese, for the report
	// (e.g. a sweep whose listings could not be counted).
	Notes []string `json:"notes,omitempty"`
}

// LastDay is the period's last day in Beijing (To is exclusive).
func (r *PeriodReport) LastDay() time.Time {
	return beijingDay(r.To.Add(-time.Nanosecond))
}

// Row returns the row of a route, or the total for "".
func (r *PeriodReport) Row(route casework.Route) ReportRow {
	if route == "" {
		return r.Total
	}
	for _, row := range r.Rows {
		if row.Route == route {
			return row
		}
	}
	return ReportRow{Route: route}
}

// fetchedOutcome is the frontier outcome of a page fetched and scored.
const fetchedOutcome = DefaultOutcome

// ReportFetchedOutcome is the frontier outcome PagesChecked counts: a
// page fetched and scored.
const ReportFetchedOutcome = fetchedOutcome

// PeriodReport computes the report for [from, to) in one read
// transaction. Callers pass Beijing day boundaries (see DayPeriod and
// CampaignPeriods).
// It fails with ErrInvalid when to is not after from or the period is
// longer than ten years.
func (s *Store) PeriodReport(from, to time.Time, opts ReportOptions) (*PeriodReport, error) {
	rt, err := NewReportTally(from, to, s.now(), opts)
	if err != nil {
		return nil, fmt.Errorf("store: period report: %w", err)
	}
	t := rt.t
	err = s.db.View(func(tx *bolt.Tx) error {
		for _, step := range []func(*bolt.Tx) error{t.sweeps, t.decisions, t.cases, t.notices} {
			if err := step(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: period report: %w", err)
	}
	return rt.Report(), nil
}

// ReportTally builds a PeriodReport from the facts a backend reads, so
// that every backend counts by the same rules (which department, which
// day, which notes): PeriodReport feeds it from bbolt, another backend
// from its queries. Add each fact once; Report returns the result.
type ReportTally struct{ t *tally }

// NewReportTally starts the report for [from, to) made at now. It fails
// with ErrInvalid when to is not after from or the period is longer than
// ten years.
func NewReportTally(from, to, now time.Time, opts ReportOptions) (*ReportTally, error) {
	from, to = from.UTC(), to.UTC()
	if !to.After(from) {
		return nil, fmt.Errorf("%w: period %s to %s is empty", ErrInvalid, from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	first, last := beijingDay(from), beijingDay(to.Add(-time.Nanosecond))
	days := int(last.Sub(first).Hours()/24+0.5) + 1
	if days > maxReportDays {
		return nil, fmt.Errorf("%w: %d days (at most %d)", ErrInvalid, days, maxReportDays)
	}
	r := &PeriodReport{From: from, To: to, GeneratedAt: now, Days: make([]ReportDay, days)}
	for i := range r.Days {
		r.Days[i].Date = first.AddDate(0, 0, i)
	}
	return &ReportTally{&tally{from: from, to: to, first: first, opts: opts, report: r,
		rows: make([]ReportFigures, len(ReportDepartments))}}, nil
}

// Period is the report's period, [from, to) in UTC.
func (rt *ReportTally) Period() (from, to time.Time) { return rt.t.from, rt.t.to }

// AddSweep counts a sweep started in the period. When its frontier is no
// longer kept, its pages are taken from its stored summary (stats), with
// a note.
func (rt *ReportTally) AddSweep(id uint64, stats json.RawMessage, frontierKept bool) {
	t := rt.t
	t.report.Sweeps++
	if frontierKept {
		return
	}
	var st reportSweepStats
	if len(stats) == 0 || json.Unmarshal(stats, &st) != nil {
		t.report.Notes = append(t.report.Notes, fmt.Sprintf("第%d次巡查的记录已清理且无统计摘要，其网页数未计入。", id))
		return
	}
	for src, c := range st.BySource {
		t.rows[t.sourceDepartment(src)].PagesChecked += c.Fetched
	}
	t.report.Notes = append(t.report.Notes, fmt.Sprintf("第%d次巡查的记录已清理，网页数取自其统计摘要，商品信息数未计入。", id))
}

// AddPages counts n pages of a source checked by sweeps started in the
// period (frontier items done with ReportFetchedOutcome), listings or not.
func (rt *ReportTally) AddPages(sourceID string, listing bool, n int) {
	row := &rt.t.rows[rt.t.sourceDepartment(sourceID)]
	row.PagesChecked += n
	if listing {
		row.ListingsChecked += n
	}
}

// AddConfirmed counts n decisions in the period that confirmed a case
// onto route (a confirmation or an approval whose case became confirmed).
func (rt *ReportTally) AddConfirmed(route casework.Route, n int) {
	rt.t.rows[department(route)].Confirmed += n
}

// ReportCases are N cases first seen before the period's end that count
// alike.
type ReportCases struct {
	SourceID  string
	Route     casework.Route // the route chosen
	Suggested casework.Route // the route the finding suggests
	Found     bool           // first seen in the period,
	FoundAt   time.Time      // on this time's day in Beijing
	Open      bool           // open or pending approval after the last decision before the period's end
	Category  string         // the case's category (for ReportDay.FoundByCategory)
	N         int
}

// AddCases counts cases found in the period and still open at its end.
func (rt *ReportTally) AddCases(c ReportCases) {
	t := rt.t
	row := &t.rows[t.caseDepartment(&reportCase{SourceID: c.SourceID, Route: c.Route, Finding: findingRoute(c.Suggested)})]
	if c.Found {
		row.Found += c.N
		day := &t.report.Days[t.day(c.FoundAt)]
		day.Found += c.N
		if day.FoundByCategory == nil {
			day.FoundByCategory = map[string]int{}
		}
		day.FoundByCategory[c.Category] += c.N
	}
	if c.Open {
		row.Open += c.N
	}
}

// AddSent counts n items of notices of route sent in the period.
func (rt *ReportTally) AddSent(route casework.Route, n int) {
	row := &rt.t.rows[department(route)]
	if route == casework.RoutePoliceReferral {
		row.Referrals += n
	} else {
		row.TakedownsSent += n
	}
}

// AddRemoved counts n items of notices of route first found removed at
// (in the period; see ReportFigures.Removed).
func (rt *ReportTally) AddRemoved(route casework.Route, at time.Time, n int) {
	rt.t.rows[department(route)].Removed += n
	rt.t.report.Days[rt.t.day(at)].Removed += n
}

// AddDecided counts a case first decided at (in the period) took after
// it was first seen (see ReportWeek).
func (rt *ReportTally) AddDecided(at time.Time, took time.Duration) {
	t := rt.t
	if t.decided == nil {
		t.decided = make([][]time.Duration, (len(t.report.Days)+6)/7)
	}
	w := t.day(at) / 7
	t.decided[w] = append(t.decided[w], max(took, 0))
}

// nearestRank is the p-th percentile (0 < p <= 1) of sorted durations by
// the nearest-rank method; 0 for none.
func nearestRank(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// Report is the report the facts added make.
func (rt *ReportTally) Report() *PeriodReport {
	r := rt.t.report
	r.DecisionWeeks = make([]ReportWeek, (len(r.Days)+6)/7)
	for i := range r.DecisionWeeks {
		w := ReportWeek{Start: rt.t.first.AddDate(0, 0, 7*i)}
		if i < len(rt.t.decided) {
			d := slices.Clone(rt.t.decided[i])
			slices.Sort(d)
			w.Decided, w.Median, w.P90 = len(d), nearestRank(d, 0.5), nearestRank(d, 0.9)
		}
		r.DecisionWeeks[i] = w
	}
	r.Rows, r.Total = nil, ReportRow{Department: ReportTotalName}
	for i, d := range ReportDepartments {
		r.Rows = append(r.Rows, ReportRow{Route: d.Route, Department: d.Name, ReportFigures: rt.t.rows[i]})
		r.Total.add(rt.t.rows[i])
	}
	return r
}

// tally accumulates a report inside its transaction.
type tally struct {
	from, to time.Time
	first    time.Time // the first day of the series
	opts     ReportOptions
	report   *PeriodReport
	rows     []ReportFigures // by ReportDepartments index
	// statusAt is each decided case's status after its last decision
	// before To.
	statusAt map[uint64]casework.CaseStatus
	// firstDecision is each decided case's earliest decision;
	// decided, by week of the period, the times to decision (AddDecided).
	firstDecision map[uint64]time.Time
	decided       [][]time.Duration
}

func (t *tally) in(at time.Time) bool {
	return !at.Before(t.from) && at.Before(t.to)
}

// day is the series index of a time in the period.
func (t *tally) day(at time.Time) int {
	i := int(beijingDay(at).Sub(t.first).Hours()/24 + 0.5)
	return min(max(i, 0), len(t.report.Days)-1)
}

// department is the row of a route; defaultDepartment for an unknown one.
func department(route casework.Route) int {
	for i, d := range ReportDepartments {
		if d.Route == route {
			return i
		}
	}
	return defaultDepartment
}

// sourceDepartment is the row of a source's pages.
func (t *tally) sourceDepartment(sourceID string) int {
	return department(t.opts.SourceRoutes[sourceID])
}

// The parts of stored values a report reads; decoding only them keeps a
// report over tens of thousands of cases fast.
type (
	reportSweep struct {
		ID        uint64          `json:"id"`
		StartedAt time.Time       `json:"started_at"`
		Stats     json.RawMessage `json:"stats"`
	}
	reportFrontierItem struct {
		SourceID string `json:"source_id"`
		Kind     string `json:"kind"`
		State    string `json:"state"`
		Outcome  string `json:"outcome"`
	}
	// reportSweepStats is the part of the sweep package's summary used
	// when a sweep's frontier is gone.
	reportSweepStats struct {
		BySource map[string]struct {
			Fetched int `json:"fetched"`
		} `json:"by_source"`
	}
	reportDecision struct {
		CaseID uint64              `json:"case_id"`
		Action casework.Action     `json:"action"`
		Route  casework.Route      `json:"route"`
		At     time.Time           `json:"at"`
		To     casework.CaseStatus `json:"to"`
	}
	reportCase struct {
		ID        uint64              `json:"id"`
		SourceID  string              `json:"source_id"`
		FirstSeen time.Time           `json:"first_seen"`
		Status    casework.CaseStatus `json:"status"`
		Route     casework.Route      `json:"route"`
		Finding   findingRoute        `json:"finding"`
		Category  string              `json:"category"`
	}
	reportNotice struct {
		ID     uint64         `json:"id"`
		Route  casework.Route `json:"route"`
		SentAt time.Time      `json:"sent_at"`
		Items  []struct {
			Checks []struct {
				At      time.Time        `json:"at"`
				Outcome casework.Outcome `json:"outcome"`
			} `json:"checks"`
		} `json:"items"`
		History []struct {
			At time.Time            `json:"at"`
			To casework.NoticeState `json:"to"`
		} `json:"history"`
	}
)

// findingRoute is the route a stored finding suggests (finding.Peek); a
// finding that is not an object suggests none.
type findingRoute casework.Route

func (f *findingRoute) UnmarshalJSON(b []byte) error {
	s, _ := finding.Peek(b)
	*f = findingRoute(s.Route)
	return nil
}

// Cases (with their findings, 3–4 KB each) and frontier items (a year of
// daily sweeps holds millions) are read with a scanner that picks out the
// few members a report needs and skips the rest in one pass, several
// times faster than encoding/json, which validates a value before
// decoding it. A value the scanner does not understand is decoded with
// encoding/json, which then names the problem.

// decodeCase reads the members of a stored case a report needs.
func decodeCase(v []byte) (reportCase, error) {
	var c reportCase
	ok := jsonMembers(v, func(key, val []byte) bool {
		switch string(key) {
		case "id":
			return json.Unmarshal(val, &c.ID) == nil
		case "source_id":
			return jsonString(val, &c.SourceID)
		case "first_seen":
			var s string
			if !jsonString(val, &s) {
				return false
			}
			t, err := time.Parse(time.RFC3339Nano, s)
			c.FirstSeen = t
			return err == nil
		case "status":
			return jsonString(val, (*string)(&c.Status))
		case "route":
			return jsonString(val, (*string)(&c.Route))
		case "category":
			return jsonString(val, &c.Category)
		case "finding":
			// As findingRoute decides.
			s, _ := finding.Peek(val)
			c.Finding = findingRoute(s.Route)
		}
		return true
	})
	if ok {
		return c, nil
	}
	c = reportCase{}
	return c, json.Unmarshal(v, &c)
}

// decodeFrontierItem reads the members of a frontier item a report needs.
func decodeFrontierItem(v []byte) (reportFrontierItem, error) {
	var it reportFrontierItem
	ok := jsonMembers(v, func(key, val []byte) bool {
		switch string(key) {
		case "source_id":
			return jsonString(val, &it.SourceID)
		case "kind":
			return jsonString(val, &it.Kind)
		case "state":
			return jsonString(val, &it.State)
		case "outcome":
			return jsonString(val, &it.Outcome)
		}
		return true
	})
	if ok {
		return it, nil
	}
	it = reportFrontierItem{}
	return it, json.Unmarshal(v, &it)
}

// jsonMembers and jsonString: see package jsonscan.
func jsonMembers(data []byte, fn func(key, value []byte) bool) bool {
	return jsonscan.Members(data, fn)
}

func jsonString(val []byte, s *string) bool { return jsonscan.String(val, s) }

// sweeps counts the pages of sweeps started in the period.
func (t *tally) sweeps(tx *bolt.Tx) error {
	frontier := tx.Bucket(bucketFrontier)
	return tx.Bucket(bucketSweeps).ForEach(func(k, v []byte) error {
		var sw reportSweep
		if err := json.Unmarshal(v, &sw); err != nil {
			return fmt.Errorf("decode sweep %d: %w", binary.BigEndian.Uint64(k), err)
		}
		if !t.in(sw.StartedAt) {
			return nil
		}
		rt := &ReportTally{t}
		fb := frontier.Bucket(k)
		rt.AddSweep(sw.ID, sw.Stats, fb != nil)
		if fb == nil {
			return nil
		}
		return fb.Bucket(frontierItems).ForEach(func(ik, iv []byte) error {
			it, err := decodeFrontierItem(iv)
			if err != nil {
				return fmt.Errorf("decode frontier item %d of sweep %d: %w", binary.BigEndian.Uint64(ik), sw.ID, err)
			}
			if it.State == FrontierDone && it.Outcome == fetchedOutcome {
				rt.AddPages(it.SourceID, it.Kind == "listing", 1)
			}
			return nil
		})
	})
}

// decisions counts confirmations in the period and finds each case's
// status at To.
func (t *tally) decisions(tx *bolt.Tx) error {
	t.statusAt = map[uint64]casework.CaseStatus{}
	t.firstDecision = map[uint64]time.Time{}
	lastAt := map[uint64]time.Time{}
	return tx.Bucket(bucketDecisions).ForEach(func(k, v []byte) error {
		var d reportDecision
		if err := json.Unmarshal(v, &d); err != nil {
			return fmt.Errorf("decode decision %x: %w", k, err)
		}
		if first, ok := t.firstDecision[d.CaseID]; !ok || d.At.Before(first) {
			t.firstDecision[d.CaseID] = d.At
		}
		if t.in(d.At) && d.To == casework.CaseConfirmed && (d.Action == casework.ActionConfirm || d.Action == casework.ActionApprove) {
			(&ReportTally{t}).AddConfirmed(d.Route, 1)
		}
		// Keys sort by case, then sequence: the last decision before To
		// wins, and a later sequence wins a tie.
		if d.At.Before(t.to) && !d.At.Before(lastAt[d.CaseID]) {
			t.statusAt[d.CaseID], lastAt[d.CaseID] = d.To, d.At
		}
		return nil
	})
}

// cases counts cases found in the period and cases still open at To.
func (t *tally) cases(tx *bolt.Tx) error {
	return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		c, err := decodeCase(v)
		if err != nil {
			return fmt.Errorf("decode case %d: %w", binary.BigEndian.Uint64(k), err)
		}
		if !c.FirstSeen.Before(t.to) {
			return nil
		}
		if at, ok := t.firstDecision[c.ID]; ok && t.in(at) {
			(&ReportTally{t}).AddDecided(at, at.Sub(c.FirstSeen))
		}
		status, decided := t.statusAt[c.ID]
		if !decided {
			status = casework.CaseOpen
		}
		(&ReportTally{t}).AddCases(ReportCases{SourceID: c.SourceID, Route: c.Route, Suggested: casework.Route(c.Finding),
			Found: !c.FirstSeen.Before(t.from), FoundAt: c.FirstSeen, Open: status.Undecided(), Category: c.Category, N: 1})
		return nil
	})
}

// caseDepartment is the row of a case: its chosen route, else the
// suggested one (see PeriodReport).
func (t *tally) caseDepartment(c *reportCase) int {
	if c.Route.Known() {
		return department(c.Route)
	}
	suggested := casework.Route(c.Finding)
	if suggested == casework.RoutePoliceReferral {
		return department(suggested)
	}
	if r := t.opts.SourceRoutes[c.SourceID]; r.Known() {
		return department(r)
	}
	return department(suggested)
}

// notices counts notice items sent and removed in the period.
func (t *tally) notices(tx *bolt.Tx) error {
	return tx.Bucket(bucketNotices).ForEach(func(k, v []byte) error {
		var n reportNotice
		if err := json.Unmarshal(v, &n); err != nil {
			return fmt.Errorf("decode notice %d: %w", binary.BigEndian.Uint64(k), err)
		}
		rt := &ReportTally{t}
		if !n.SentAt.IsZero() && t.in(n.SentAt) {
			rt.AddSent(n.Route, len(n.Items))
		}
		var noticeRemoved time.Time
		for _, ev := range n.History {
			if ev.To == casework.NoticeRemoved {
				noticeRemoved = ev.At
				break
			}
		}
		for _, it := range n.Items {
			removed := noticeRemoved
			for _, ch := range it.Checks {
				if ch.Outcome.Gone() {
					if removed.IsZero() || ch.At.Before(removed) {
						removed = ch.At
					}
				}
			}
			if !removed.IsZero() && t.in(removed) {
				rt.AddRemoved(n.Route, removed, 1)
			}
		}
		return nil
	})
}

// beijingDay is midnight in Beijing of t's Beijing calendar day.
func beijingDay(t time.Time) time.Time {
	y, m, d := t.In(Beijing).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Beijing)
}

// Period is a reporting window of the campaign: [From, To), Beijing day
// boundaries.
type Period struct {
	Year  int       `json:"year"`
	Index int       `json:"index"` // 1-based, as in "2026-1"
	Name  string    `json:"name"`  // as printed, e.g. 2026年第一次工作进展
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	Due   time.Time `json:"due"` // the date the report is due (报送截止日期)
}

// CampaignPeriods are the reporting windows of a year's campaign. The plan
// (专项治理行动工作方案) asks for progress reports by 25 August, 25
// October and 25 December and for a summary by 10 January of the next
// year; the campaign runs to the end of December. The windows are:
//
//	1  第一次工作进展  [1 Jan, 25 Aug)
//	2  第二次工作进展  [25 Aug, 25 Oct)
//	3  第三次工作进展  [25 Oct, 25 Dec)
//	4  工作总结        [1 Jan, 1 Jan of the next year)
//
// Each progress window runs from the previous report date (the start of
// the year for the first: work before the plan is issued is part of the
// first report) to its own report date, which it excludes: the report is
// made on that day and covers the days before. The summary covers the
// whole year, as a 工作总结 does, and is due on 10 January.
func CampaignPeriods(year int) []Period {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, Beijing) }
	start, end := day(year, time.January, 1), day(year+1, time.January, 1)
	aug, oct, dec := day(year, time.August, 25), day(year, time.October, 25), day(year, time.December, 25)
	name := func(s string) string { return fmt.Sprintf("%d年%s", year, s) }
	return []Period{
		{Year: year, Index: 1, Name: name("第一次工作进展"), From: start, To: aug, Due: aug},
		{Year: year, Index: 2, Name: name("第二次工作进展"), From: aug, To: oct, Due: oct},
		{Year: year, Index: 3, Name: name("第三次工作进展"), From: oct, To: dec, Due: dec},
		{Year: year, Index: 4, Name: name("工作总结"), From: start, To: end, Due: day(year+1, time.January, 10)},
	}
}

// DayPeriod is the period from the first to the last day, both included,
// given as dates YYYY-MM-DD in Beijing: [first 00:00, the day after last
// 00:00). It fails with ErrInvalid for a malformed date or a last day
// before the first.
func DayPeriod(first, last string) (Period, error) {
	from, err := time.ParseInLocation(time.DateOnly, first, Beijing)
	if err != nil {
		return Period{}, fmt.Errorf("store: %w: %q is not a date YYYY-MM-DD", ErrInvalid, first)
	}
	end, err := time.ParseInLocation(time.DateOnly, last, Beijing)
	if err != nil {
		return Period{}, fmt.Errorf("store: %w: %q is not a date YYYY-MM-DD", ErrInvalid, last)
	}
	if end.Before(from) {
		return Period{}, fmt.Errorf("store: %w: the last day %s is before the first %s", ErrInvalid, last, first)
	}
	return Period{From: from, To: end.AddDate(0, 0, 1)}, nil
}

// CampaignPeriod is the reporting window named "YEAR-N" (e.g. "2026-1"),
// N counting CampaignPeriods(YEAR) from 1. It fails with ErrInvalid for
// anything else.
func CampaignPeriod(spec string) (Period, error) {
	year, n, ok := strings.Cut(spec, "-")
	y, yerr := strconv.Atoi(year)
	i, ierr := strconv.Atoi(n)
	if !ok || yerr != nil || ierr != nil || y < 2000 || y > 2999 {
		return Period{}, fmt.Errorf("store: %w: %q is not YEAR-N (e.g. 2026-1)", ErrInvalid, spec)
	}
	periods := CampaignPeriods(y)
	if i < 1 || i > len(periods) {
		return Period{}, fmt.Errorf("store: %w: %q: N must be 1 to %d", ErrInvalid, spec, len(periods))
	}
	return periods[i-1], nil
}
