package pgstore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// The review queue (store.CaseQuery) over the cases table: the compact
// columns only (CaseColumns without the finding), filtered in SQL, sorted
// on the indexes of migration 00002 and paged by offset (a page number is
// what the queue links to; the offset is bounded by store.MaxQueueOffset
// and in practice by the matches). Per-status counts come from the
// case_counts rows the triggers keep when no filter but the status is
// set, else from one GROUP BY over the filtered rows.

// queueWhere is the SQL condition for every filter of q but Status.
func queueWhere(q *store.CaseQuery) (where []string, args []any) {
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if q.Category != "" {
		where = append(where, "category = "+arg(q.Category))
	}
	if q.Source != "" {
		where = append(where, "source_id = "+arg(q.Source))
	}
	if q.Channel != "" {
		where = append(where, "channel = "+arg(q.Channel))
	}
	if q.Host != "" {
		where = append(where, "host = "+arg(q.Host))
	}
	if q.Route != "" {
		// department is the chosen route, else the suggested one; a
		// source's configured route replaces a suggested takedown
		// (store.QueueDepartment).
		var all, this []string
		for src, r := range q.SourceRoutes {
			if r == "" {
				continue
			}
			all = append(all, src)
			if r == q.Route {
				this = append(this, src)
			}
		}
		if len(all) == 0 {
			where = append(where, "department = "+arg(string(q.Route)))
		} else {
			police := arg(string(casework.RoutePoliceReferral))
			where = append(where, fmt.Sprintf(`((department = %s AND NOT (route = '' AND suggested_route <> %s AND source_id = ANY(%s)))
				OR (route = '' AND suggested_route <> %s AND source_id = ANY(%s)))`,
				arg(string(q.Route)), police, arg(all), police, arg(this)))
		}
	}
	if q.ScoreMin != nil {
		where = append(where, "score >= "+arg(*q.ScoreMin))
	}
	if q.ScoreMax != nil {
		where = append(where, "score <= "+arg(*q.ScoreMax))
	}
	if !q.From.IsZero() {
		where = append(where, "first_seen >= "+arg(q.From))
	}
	if !q.To.IsZero() {
		where = append(where, "first_seen < "+arg(q.To))
	}
	if q.FirstSweep != 0 {
		where = append(where, "first_sweep = "+arg(int64(q.FirstSweep)))
	}
	if q.HideMerged {
		where = append(where, "NOT EXISTS (SELECT 1 FROM case_merges m WHERE m.case_id = cases.id)")
	}
	return where, args
}

// queueOrder is the ORDER BY of q, ties by ascending id.
func queueOrder(q *store.CaseQuery) string {
	col := map[string]string{
		store.SortScore: "score", store.SortFirstSeen: "first_seen", store.SortLastSeen: "last_seen",
		store.SortHost: `host COLLATE "C"`, store.SortStatus: `status COLLATE "C"`,
	}[q.Sort]
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	return col + " " + dir + ", id"
}

// QueryCases answers one page of the review queue.
func (b *Backend) QueryCases(q store.CaseQuery) (*store.CasePage, error) {
	if err := q.Check(); err != nil {
		return nil, fmt.Errorf("pgstore: query cases: %w", err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	where, args := queueWhere(&q)
	page := &store.CasePage{Counts: map[casework.CaseStatus]int{}}
	var countSQL string
	if len(where) == 0 {
		countSQL = `SELECT status, sum(n)::bigint FROM case_counts GROUP BY status`
	} else {
		countSQL = `SELECT status, count(*) FROM cases WHERE ` + strings.Join(where, " AND ") + ` GROUP BY status`
	}
	rows, err := b.st.pool.Query(ctx, countSQL, args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: query cases: count: %w", err)
	}
	var (
		st string
		n  int64
	)
	if _, err := pgx.ForEachRow(rows, []any{&st, &n}, func() error {
		if n > 0 {
			page.Counts[casework.CaseStatus(st)] += int(n)
			page.Counts[""] += int(n)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("pgstore: query cases: count: %w", err)
	}
	page.Total = page.Counts[q.Status]
	if page.Total == 0 || q.Offset >= page.Total {
		return page, nil
	}
	sql, args := queueListSQL(&q)
	rows, err = b.st.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: query cases: %w", err)
	}
	page.Cases, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Case, error) { return ScanCase(r) })
	if err != nil {
		return nil, fmt.Errorf("pgstore: query cases: %w", err)
	}
	return page, nil
}

// queueListSQL selects the page of q (checked).
func queueListSQL(q *store.CaseQuery) (string, []any) {
	where, args := queueWhere(q)
	if q.Status != "" {
		args = append(args, string(q.Status))
		where = append(where, fmt.Sprintf("status = $%d", len(args)))
	}
	sql := `SELECT ` + CaseColumns(false) + ` FROM cases`
	if len(where) > 0 {
		sql += ` WHERE ` + strings.Join(where, " AND ")
	}
	args = append(args, q.Limit, q.Offset)
	sql += fmt.Sprintf(` ORDER BY %s LIMIT $%d OFFSET $%d`, queueOrder(q), len(args)-1, len(args))
	return sql, args
}

// distinctSQL lists the distinct non-empty values of an indexed column of
// cases by skipping through its index (one probe per value, not a scan).
func distinctSQL(col string) string {
	return `WITH RECURSIVE t(v) AS (
		(SELECT ` + col + ` FROM cases WHERE ` + col + ` > '' ORDER BY ` + col + ` LIMIT 1)
		UNION ALL
		SELECT (SELECT ` + col + ` FROM cases WHERE ` + col + ` > t.v ORDER BY ` + col + ` LIMIT 1) FROM t WHERE t.v IS NOT NULL
	) SELECT v FROM t WHERE v IS NOT NULL`
}

// QueueFacets lists the categories and sources of the stored cases.
func (b *Backend) QueueFacets() (*store.QueueFacets, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	f := &store.QueueFacets{}
	for _, c := range []struct {
		col string
		out *[]string
	}{{"category", &f.Categories}, {"source_id", &f.Sources}} {
		rows, err := b.st.pool.Query(ctx, distinctSQL(c.col))
		if err != nil {
			return nil, fmt.Errorf("pgstore: queue facets: %w", err)
		}
		vals, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, fmt.Errorf("pgstore: queue facets: %w", err)
		}
		slices.Sort(vals)
		*c.out = vals
	}
	return f, nil
}

// SaveFilter keeps f under its user and name, replacing a filter of the
// same name; store.ErrTooMany when the user has store.MaxSavedFilters
// others.
func (b *Backend) SaveFilter(f store.SavedFilter) error {
	if err := f.Check(); err != nil {
		return fmt.Errorf("pgstore: save filter: %w", err)
	}
	if f.Created.IsZero() {
		f.Created = b.now()
	}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('saved_filters:' || $1, 0))`, f.User); err != nil {
			return err
		}
		var n int
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT count(*), coalesce(bool_or(name = $2), false) FROM saved_filters WHERE username = $1`,
			f.User, f.Name).Scan(&n, &exists); err != nil {
			return err
		}
		if !exists && n >= store.MaxSavedFilters {
			return fmt.Errorf("%w: %d saved filters", store.ErrTooMany, n)
		}
		_, err := tx.Exec(ctx, `INSERT INTO saved_filters (username, name, query, created) VALUES ($1, $2, $3, $4)
			ON CONFLICT (username, name) DO UPDATE SET query = excluded.query, created = excluded.created`,
			f.User, f.Name, f.Query, pgTime(f.Created))
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: save filter: %w", err)
	}
	return nil
}

// SavedFilters lists a user's saved filters by name.
func (b *Backend) SavedFilters(user string) ([]store.SavedFilter, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT username, name, query, created FROM saved_filters
		WHERE username = $1 ORDER BY name COLLATE "C" LIMIT $2`, user, store.MaxSavedFilters*2)
	if err != nil {
		return nil, fmt.Errorf("pgstore: saved filters: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.SavedFilter, error) {
		var f store.SavedFilter
		err := r.Scan(&f.User, &f.Name, &f.Query, &f.Created)
		f.Created = f.Created.UTC()
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: saved filters: %w", err)
	}
	return out, nil
}

// DeleteSavedFilter removes a user's saved filter; store.ErrNotFound when
// there is none of that name.
func (b *Backend) DeleteSavedFilter(user, name string) error {
	ctx, cancel := b.ctx()
	defer cancel()
	tag, err := b.st.pool.Exec(ctx, `DELETE FROM saved_filters WHERE username = $1 AND name = $2`, user, strings.TrimSpace(name))
	if err == nil && tag.RowsAffected() == 0 {
		err = store.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("pgstore: delete saved filter %.64q: %w", name, err)
	}
	return nil
}
