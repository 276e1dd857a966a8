package pgstore

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// Full-text search and pivots (store.SearchQuery): the terms of every
// snapshot in search_terms (migration 00003), written by Record in the
// transaction that writes the case; pivots read the host column, the
// contact index, snapshots' body hashes and the listing id expression
// index.

var _ review.SearchStore = (*Backend)(nil)

// queueSearchTerms adds terms of case id to batch: a term already there
// gains the new fields.
func queueSearchTerms(batch *stmts, id uint64, terms map[string]uint8) {
	if len(terms) == 0 {
		return
	}
	ts := make([]string, 0, len(terms))
	for t := range terms {
		ts = append(ts, t)
	}
	slices.Sort(ts) // one order for every writer
	fs := make([]int16, len(ts))
	for i, t := range ts {
		fs[i] = int16(terms[t])
	}
	batch.exec(`
		INSERT INTO search_terms (term, case_id, fields)
		SELECT t, $3, f FROM unnest($1::text[], $2::smallint[]) AS u(t, f)
		ON CONFLICT (term, case_id) DO UPDATE SET fields = search_terms.fields | excluded.fields
		WHERE search_terms.fields | excluded.fields <> search_terms.fields`, ts, fs, int64(id))
}

// searchTermsOf are the terms Record indexes for an observation: the
// snapshot's with a new one, else its final URL's.
func searchTermsOf(o *store.Observation, newSnapshot bool) map[string]uint8 {
	if !newSnapshot {
		return store.SearchTerms("", "", o.FinalURL)
	}
	return store.SearchTerms(o.Title+"\n"+o.PageTitle, o.Text, o.URL+" "+o.FinalURL)
}

// listingIDExpr is the listing id of a case key (indexed by
// cases_listing_id).
const listingIDExpr = `substring(case_key from '^listing:[^:]*:(.*)$')`

// pivotCond is the SQL condition on cases for pivot p, with its
// arguments numbered from next.
func pivotCond(p store.Pivot, next int) (string, []any) {
	switch p.Kind {
	case store.PivotContact:
		ct, _ := p.Contact()
		return fmt.Sprintf(`id IN (SELECT case_id FROM case_contacts WHERE kind = $%d AND value = $%d)`, next, next+1),
			[]any{ct.Kind, ct.Value}
	case store.PivotHost:
		return fmt.Sprintf(`host = $%d`, next), []any{p.Value}
	case store.PivotListing:
		return fmt.Sprintf(`case_key LIKE 'listing:%%' AND %s = $%d`, listingIDExpr, next), []any{p.Value}
	default: // content
		return fmt.Sprintf(`id IN (SELECT case_id FROM snapshots WHERE body_sha256 = $%d)`, next), []any{p.Value}
	}
}

const relevanceSQL = `sum(CASE WHEN fields & 1 <> 0 THEN 3 ELSE 0 END + CASE WHEN fields & 2 <> 0 THEN 2 ELSE 0 END +
	CASE WHEN fields & 4 <> 0 THEN 1 ELSE 0 END)`

// Search returns the cases that match q, best first (see
// store.SearchResult).
func (b *Backend) Search(q store.SearchQuery) (*store.SearchResult, error) {
	terms, err := q.Prepare()
	if err != nil {
		return nil, fmt.Errorf("pgstore: search: %w", err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	var (
		sql  string
		args []any
		cond = "true"
	)
	if len(terms) > 0 {
		args = []any{terms, len(terms)}
	}
	if q.Pivot != nil {
		var pa []any
		cond, pa = pivotCond(*q.Pivot, len(args)+1)
		args = append(args, pa...)
	}
	args = append(args, q.Limit, q.Offset)
	page := fmt.Sprintf(`LIMIT $%d OFFSET $%d`, len(args)-1, len(args))
	if len(terms) > 0 {
		sql = `WITH m AS (
				SELECT case_id, ` + relevanceSQL + ` AS rel FROM search_terms
				WHERE term = ANY($1) GROUP BY case_id HAVING count(*) = $2
			)
			SELECT ` + CaseColumns(false) + `, count(*) OVER ()
			FROM m JOIN cases ON cases.id = m.case_id WHERE ` + cond + `
			ORDER BY rel DESC, score DESC, last_seen DESC, id DESC ` + page
	} else {
		sql = `SELECT ` + CaseColumns(false) + `, count(*) OVER () FROM cases WHERE ` + cond + `
			ORDER BY score DESC, last_seen DESC, id DESC ` + page
	}
	rows, err := b.st.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: search %.100q: %w", q.Text, err)
	}
	defer rows.Close()
	res := &store.SearchResult{}
	for rows.Next() {
		c, total, err := scanCaseCounted(rows)
		if err != nil {
			return nil, fmt.Errorf("pgstore: search %.100q: %w", q.Text, err)
		}
		res.Cases, res.Total = append(res.Cases, c), total
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: search %.100q: %w", q.Text, err)
	}
	if len(res.Cases) == 0 && q.Offset > 0 {
		// Past the end: count alone.
		q.Offset, q.Limit = 0, 1
		all, err := b.Search(q)
		if err != nil {
			return nil, err
		}
		res.Total = all.Total
	}
	return res, nil
}

// scanCaseCounted reads a case selected with CaseColumns(false) followed
// by a count (ScanCase's columns, one more).
func scanCaseCounted(rows pgx.Rows) (store.Case, int, error) {
	var (
		c                   store.Case
		findingJSON         []byte
		decidedAt, removeAt *time.Time
		total               int64
	)
	err := rows.Scan(&c.ID, &c.Key, &c.URL, &c.SourceID, &c.FirstSeen, &c.LastSeen, &c.LastSweep, &c.Category, &c.Score,
		&c.Title, &c.Sightings, &c.Snapshots, &c.LatestSnapshot, &c.Status, &findingJSON, &c.FirstSweep,
		&c.SuggestedRoute, &c.Channel, &c.Route, &c.Recipient, &c.DismissReason, &c.ConfirmedBy, &c.ApprovedBy, &c.DecidedBy,
		&decidedAt, &c.NoticeID, &c.Removal, &c.RemovalDetail, &removeAt, &total)
	if err != nil {
		return store.Case{}, 0, err
	}
	c.FirstSeen, c.LastSeen = c.FirstSeen.UTC(), c.LastSeen.UTC()
	c.DecidedAt, c.RemovalAt = utcOrZero(decidedAt), utcOrZero(removeAt)
	return c, int(total), nil
}

// PivotCounts lists the pivots of a case (its contacts, host, listing id
// and latest body hash) with how many cases share each.
func (b *Backend) PivotCounts(caseID uint64) ([]store.PivotCount, error) {
	c, err := b.Case(caseID)
	if err != nil {
		return nil, fmt.Errorf("pgstore: pivots of case %d: %w", caseID, err)
	}
	contacts, err := b.CaseContacts(caseID)
	if err != nil {
		return nil, err
	}
	ctx, cancel := b.ctx()
	defer cancel()
	var body string
	if c.LatestSnapshot != 0 {
		err := b.st.pool.QueryRow(ctx, `SELECT body_sha256 FROM snapshots WHERE id = $1`, int64(c.LatestSnapshot)).Scan(&body)
		if err != nil {
			return nil, fmt.Errorf("pgstore: pivots of case %d: %w", caseID, err)
		}
	}
	var out []store.PivotCount
	for _, p := range store.CasePivots(c, contacts, strings.ToLower(body)) {
		cond, args := pivotCond(p, 1)
		var n int64
		if err := b.st.pool.QueryRow(ctx, `SELECT count(*) FROM cases WHERE `+cond, args...).Scan(&n); err != nil {
			return nil, fmt.Errorf("pgstore: pivots of case %d: %w", caseID, err)
		}
		out = append(out, store.PivotCount{Pivot: p, Count: int(n)})
	}
	return out, nil
}
