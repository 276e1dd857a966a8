package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// PeriodReport computes the campaign's progress table for [from, to) as
// the bbolt store does: the facts are counted by grouped queries in one
// repeatable-read transaction (one snapshot of the database) and tallied
// by store.ReportTally, so both backends apply the same rules. Beijing
// days are UTC+8 (no daylight saving since 1991, as store.Beijing).
func (b *Backend) PeriodReport(from, to time.Time, opts store.ReportOptions) (*store.PeriodReport, error) {
	rt, err := store.NewReportTally(from, to, b.now(), opts)
	if err != nil {
		return nil, fmt.Errorf("pgstore: period report: %w", err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	from, to = rt.Period()
	err = pgx.BeginTxFunc(ctx, b.st.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		for _, step := range []func(context.Context, pgx.Tx, *store.ReportTally, time.Time, time.Time) error{
			reportSweeps, reportConfirmed, reportCases, reportNotices, reportDecided,
		} {
			if err := step(ctx, tx, rt, from, to); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: period report: %w", err)
	}
	return rt.Report(), nil
}

// beijingDate is the SQL for the Beijing calendar day of a timestamptz.
func beijingDate(col string) string {
	return `((` + col + ` AT TIME ZONE 'UTC') + interval '8 hours')::date`
}

// dayOf is a Beijing day read as a date (midnight UTC of that date).
func dayOf(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, store.Beijing)
}

// reportSweeps counts sweeps started in the period and their pages
// checked. A sweep without frontier rows has had its frontier deleted:
// its summary's pages are counted instead.
func reportSweeps(ctx context.Context, tx pgx.Tx, rt *store.ReportTally, from, to time.Time) error {
	rows, err := tx.Query(ctx, `
		SELECT s.id, s.stats::text, EXISTS (SELECT 1 FROM frontier f WHERE f.sweep_id = s.id)
		FROM sweeps s WHERE s.started_at >= $1 AND s.started_at < $2 ORDER BY s.id`, from, to)
	if err != nil {
		return fmt.Errorf("sweeps: %w", err)
	}
	var ids []int64
	var id int64
	var stats *string
	var kept bool
	if _, err := pgx.ForEachRow(rows, []any{&id, &stats, &kept}, func() error {
		var raw json.RawMessage
		if stats != nil {
			raw = json.RawMessage(*stats)
		}
		rt.AddSweep(uint64(id), raw, kept)
		if kept {
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		return fmt.Errorf("sweeps: %w", err)
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err = tx.Query(ctx, `
		SELECT source_id, kind = 'listing', count(*) FROM frontier
		WHERE sweep_id = ANY($1) AND state = 'done' AND outcome = $2
		GROUP BY 1, 2`, ids, store.ReportFetchedOutcome)
	if err != nil {
		return fmt.Errorf("pages checked: %w", err)
	}
	var source string
	var listing bool
	var n int
	_, err = pgx.ForEachRow(rows, []any{&source, &listing, &n}, func() error {
		rt.AddPages(source, listing, n)
		return nil
	})
	if err != nil {
		return fmt.Errorf("pages checked: %w", err)
	}
	return nil
}

// reportConfirmed counts the decisions in the period that confirmed a
// case.
func reportConfirmed(ctx context.Context, tx pgx.Tx, rt *store.ReportTally, from, to time.Time) error {
	rows, err := tx.Query(ctx, `
		SELECT route, count(*) FROM decisions
		WHERE at >= $1 AND at < $2 AND to_status = $3 AND action = ANY($4)
		GROUP BY 1`, from, to, casework.CaseConfirmed, []string{string(casework.ActionConfirm), string(casework.ActionApprove)})
	if err != nil {
		return fmt.Errorf("confirmations: %w", err)
	}
	var route casework.Route
	var n int
	_, err = pgx.ForEachRow(rows, []any{&route, &n}, func() error {
		rt.AddConfirmed(route, n)
		return nil
	})
	if err != nil {
		return fmt.Errorf("confirmations: %w", err)
	}
	return nil
}

// reportCases counts the cases first seen before To, grouped by what
// decides their department, the day they were found (when in the period)
// and whether they were still undecided after their last decision before
// To (the latest time, then the latest decision, wins).
func reportCases(ctx context.Context, tx pgx.Tx, rt *store.ReportTally, from, to time.Time) error {
	var undecided []string
	for _, s := range casework.CaseStatuses {
		if s.Undecided() {
			undecided = append(undecided, string(s))
		}
	}
	rows, err := tx.Query(ctx, `
		WITH last AS (
			SELECT DISTINCT ON (case_id) case_id, to_status FROM decisions
			WHERE at < $2 ORDER BY case_id, at DESC, seq DESC
		)
		SELECT c.source_id, c.route, c.suggested_route,
			CASE WHEN c.first_seen >= $1 THEN `+beijingDate("c.first_seen")+` END AS found,
			coalesce(l.to_status, $3) = ANY($4) AS open, c.category, count(*)
		FROM cases c LEFT JOIN last l ON l.case_id = c.id
		WHERE c.first_seen < $2
		GROUP BY 1, 2, 3, 4, 5, 6`, from, to, casework.CaseOpen, undecided)
	if err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	var c store.ReportCases
	var found *time.Time
	_, err = pgx.ForEachRow(rows, []any{&c.SourceID, &c.Route, &c.Suggested, &found, &c.Open, &c.Category, &c.N}, func() error {
		c.Found, c.FoundAt = found != nil, time.Time{}
		if found != nil {
			c.FoundAt = dayOf(*found)
		}
		rt.AddCases(c)
		return nil
	})
	if err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	return nil
}

// reportNotices counts notice items sent in the period, and those first
// found removed in it: the earlier of the item's first check whose outcome
// is gone and the notice's first move to removed.
func reportNotices(ctx context.Context, tx pgx.Tx, rt *store.ReportTally, from, to time.Time) error {
	rows, err := tx.Query(ctx, `
		SELECT n.route, count(*) FROM notices n JOIN notice_items i ON i.notice_id = n.id
		WHERE n.sent_at >= $1 AND n.sent_at < $2 GROUP BY 1`, from, to)
	if err != nil {
		return fmt.Errorf("notices sent: %w", err)
	}
	var route casework.Route
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&route, &n}, func() error {
		rt.AddSent(route, n)
		return nil
	}); err != nil {
		return fmt.Errorf("notices sent: %w", err)
	}
	var gone []string
	for _, o := range casework.Outcomes {
		if o.Gone() {
			gone = append(gone, string(o))
		}
	}
	rows, err = tx.Query(ctx, `
		SELECT route, `+beijingDate("removed")+`, count(*) FROM (
			SELECT n.route, least(
				(SELECT min(k.at) FROM item_checks k
				 WHERE k.notice_id = i.notice_id AND k.case_id = i.case_id AND k.outcome = ANY($3)),
				(SELECT e.at FROM notice_events e
				 WHERE e.notice_id = n.id AND e.to_status = $4 ORDER BY e.seq LIMIT 1)) AS removed
			FROM notices n JOIN notice_items i ON i.notice_id = n.id
		) items
		WHERE removed >= $1 AND removed < $2
		GROUP BY 1, 2`, from, to, gone, casework.NoticeRemoved)
	if err != nil {
		return fmt.Errorf("items removed: %w", err)
	}
	var day time.Time
	_, err = pgx.ForEachRow(rows, []any{&route, &day, &n}, func() error {
		rt.AddRemoved(route, dayOf(day), n)
		return nil
	})
	if err != nil {
		return fmt.Errorf("items removed: %w", err)
	}
	return nil
}

// reportDecided reads the time to decision of the cases whose first
// decision (the earliest, then the first recorded) falls in the period.
func reportDecided(ctx context.Context, tx pgx.Tx, rt *store.ReportTally, from, to time.Time) error {
	rows, err := tx.Query(ctx, `
		SELECT f.at, c.first_seen FROM (
			SELECT DISTINCT ON (case_id) case_id, at FROM decisions WHERE at < $2 ORDER BY case_id, at, seq
		) f JOIN cases c ON c.id = f.case_id
		WHERE f.at >= $1 AND f.at < $2`, from, to)
	if err != nil {
		return fmt.Errorf("times to decision: %w", err)
	}
	var at, firstSeen time.Time
	_, err = pgx.ForEachRow(rows, []any{&at, &firstSeen}, func() error {
		rt.AddDecided(at, at.Sub(firstSeen))
		return nil
	})
	if err != nil {
		return fmt.Errorf("times to decision: %w", err)
	}
	return nil
}
