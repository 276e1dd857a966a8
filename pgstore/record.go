package pgstore

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/store"
)

// List bounds of the case side.
const (
	// MaxListCases bounds Cases: a filter without a limit (or with a larger
	// one) that matches more cases fails rather than fill memory; page
	// with Limit.
	MaxListCases = 1_000_000
	// maxPerCase bounds the sightings and snapshots of one case read at a
	// time (one a sweep at most; bbolt has no bound).
	maxPerCase = 100_000
)

// caseKeySum is the unique key of a case key (case keys are URLs written
// by adversaries and may be too long for an index).
func caseKeySum(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return sum[:]
}

// caseHost is the lower-case host name of a case's URL ("" when it has
// none, e.g. a listing key's page that failed to parse).
func caseHost(url string) string {
	h, err := HostKey(url)
	if err != nil {
		return ""
	}
	return h
}

// CaseDepartment is the value of a case's department column, which the
// review queue lists by: the route whose office handles the case, the
// chosen route, else the one its finding suggests. Every writer of a
// case's route or finding sets it.
func CaseDepartment(route, suggested casework.Route) string {
	return string(cmp.Or(route, suggested))
}

// Record stores a flagged page in one transaction: the case (created if
// new), a sighting for (case, sweep) unless there is one, a snapshot when
// the case has none or its content key changed (its body and screenshot
// put in Blobs first), the case's latest state, the contact index, the
// page record, the links followed and the frontier item marked done.
// Recording the same observation again changes nothing but the case's
// latest state. Concurrent Records of one case key, in any number of
// processes, wait for each other (on the case's row, or for a new case on
// an advisory lock of its key); Records of different cases do not, until
// their commits.
func (b *Backend) Record(o store.Observation) (store.RecordResult, error) {
	if err := o.Prepare(b.now()); err != nil {
		return store.RecordResult{}, fmt.Errorf("pgstore: record case %.200s: %w", o.CaseKey, err)
	}
	o.FetchedAt = pgTime(o.FetchedAt)
	r := &recording{o: &o, key: caseKeySum(o.CaseKey)}
	var err error
	if r.follow, err = followBatch(o.SweepID, o.Follow); err != nil {
		return store.RecordResult{}, fmt.Errorf("pgstore: record case %.200s: follow: %w", o.CaseKey, err)
	}
	if o.Finding != nil {
		s, _ := finding.Peek(o.Finding) // an unreadable finding suggests no route, as in bbolt
		r.suggested, r.channel = s.Route, s.Channel
	}
	if o.Header != nil {
		if r.header, err = json.Marshal(o.Header); err != nil {
			return store.RecordResult{}, fmt.Errorf("pgstore: record case %.200s: header: %w", o.CaseKey, err)
		}
	}
	ctx, cancel := b.ctx()
	defer cancel()
	var res store.RecordResult
	for attempt := 0; ; attempt++ {
		err = b.st.retryTx(ctx, func(tx pgx.Tx) error {
			var err error
			res, err = b.recordTx(ctx, tx, r)
			return err
		})
		// A case created by a writer that took no advisory lock: read
		// it on the next run.
		if attempt < 3 && isUniqueViolation(err, "cases_case_key_sha256_key") {
			continue
		}
		break
	}
	if err != nil {
		return store.RecordResult{}, fmt.Errorf("pgstore: record case %.200s: %w", o.CaseKey, err)
	}
	return res, nil
}

// isUniqueViolation reports whether err is PostgreSQL's refusal of a
// duplicate key of constraint.
func isUniqueViolation(err error, constraint string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == constraint
}

// recording is one Record call's observation, prepared.
type recording struct {
	o         *store.Observation
	key       []byte         // caseKeySum of its case key
	follow    *urlBatch      // its links
	suggested casework.Route // read from its finding
	channel   string
	header    []byte // its header as JSON
	blobsPut  bool   // its body and screenshot are in Blobs
}

// putBlobs puts the observation's body and screenshot in Blobs.
func (b *Backend) putBlobs(ctx context.Context, r *recording) error {
	if r.blobsPut {
		return nil
	}
	o := r.o
	body := o.Body
	if body == nil {
		body = []byte{}
	}
	if err := b.blobs.Put(ctx, o.BodySHA256, body); err != nil {
		return fmt.Errorf("put body %s: %w", o.BodySHA256, err)
	}
	if o.Screenshot != nil {
		if err := b.blobs.Put(ctx, o.ScreenshotSHA256, o.Screenshot); err != nil {
			return fmt.Errorf("put screenshot %s: %w", o.ScreenshotSHA256, err)
		}
	}
	r.blobsPut = true
	return nil
}

// recordState is what Record reads of an existing case.
type recordState struct {
	id             uint64
	snapshots      int
	latestSnapshot uint64
	contentKey     string
	lastSeen       time.Time
	lastSweep      uint64
	url, sourceID  string
	route          casework.Route
	suggested      casework.Route
	channel        string
}

// readCase reads and locks the case of a case key.
const readCase = `
	SELECT id, snapshots, coalesce(latest_snapshot, 0), content_key, last_seen, coalesce(last_sweep, 0),
	       url, source_id, route, suggested_route, channel
	FROM cases WHERE case_key_sha256 = $1 FOR UPDATE`

// scanCaseState scans readCase; found is false when there is no case.
func scanCaseState(row pgx.Row) (c recordState, found bool, err error) {
	err = row.Scan(&c.id, &c.snapshots, &c.latestSnapshot, &c.contentKey, &c.lastSeen, &c.lastSweep,
		&c.url, &c.sourceID, &c.route, &c.suggested, &c.channel)
	if errors.Is(err, pgx.ErrNoRows) {
		return recordState{}, false, nil
	}
	return c, err == nil, err
}

// caseLockClass is the first key of the advisory locks creators of a case
// take (the second is from the case key's hash).
const caseLockClass = 0x63617365 // "case"

// newSnapshotID is the id of the snapshot inserted last in this session
// (in Record's transaction: its new snapshot).
const newSnapshotID = `currval(pg_get_serial_sequence('snapshots', 'id'))`

// lockCase reads the case of the observation's key and locks it. When
// there is none it takes the key's advisory lock (creators of one key wait
// for each other there), reads again (a creator may have committed
// meanwhile) and otherwise allocates the new case's id: the case row is
// inserted last (see the schema's comment on snapshots).
func lockCase(ctx context.Context, tx pgx.Tx, r *recording) (c recordState, isNew bool, err error) {
	o := r.o
	var found bool
	scanCase := func(br pgx.BatchResults) (err error) {
		c, found, err = scanCaseState(br.QueryRow())
		return err
	}
	var first stmts
	checkSweepIn(&first, o.SweepID)
	first.queue(scanCase, readCase, r.key)
	if err := first.send(ctx, tx); err != nil || found {
		return c, false, err
	}
	var id uint64
	var second stmts
	second.exec(`SELECT pg_advisory_xact_lock($1, $2)`, int32(caseLockClass), int32(binary.BigEndian.Uint32(r.key)))
	second.queue(scanCase, readCase, r.key)
	second.queue(func(br pgx.BatchResults) error { return br.QueryRow().Scan(&id) },
		`SELECT nextval(pg_get_serial_sequence('cases', 'id'))`)
	if err := second.send(ctx, tx); err != nil || found {
		return c, false, err
	}
	return recordState{id: id, sourceID: o.SourceID}, true, nil
}

// recordTx is Record inside a transaction; it runs again from the start
// when the transaction is retried. After the case is locked, every other
// write goes to the server in one batch, the case's own write last.
func (b *Backend) recordTx(ctx context.Context, tx pgx.Tx, r *recording) (store.RecordResult, error) {
	o := r.o
	c, isNew, err := lockCase(ctx, tx, r)
	if err != nil {
		return store.RecordResult{}, fmt.Errorf("case: %w", err)
	}
	res := store.RecordResult{CaseID: c.id, NewCase: isNew, SnapshotID: c.latestSnapshot}
	res.NewSnapshot = c.snapshots == 0 || c.contentKey != o.ContentKey
	if res.NewSnapshot {
		if err := b.putBlobs(ctx, r); err != nil {
			return res, err
		}
		c.contentKey = o.ContentKey
		c.snapshots++
	}
	// The case shows its latest state; an older observation recorded late
	// (out of order) does not roll it back.
	latest := isNew || !o.FetchedAt.Before(c.lastSeen)
	var newFinding any
	if latest {
		c.lastSeen = o.FetchedAt
		c.url = cmp.Or(o.FinalURL, o.URL, c.url)
		c.sourceID = cmp.Or(o.SourceID, c.sourceID)
		if o.Finding != nil {
			newFinding = []byte(o.Finding)
			c.suggested, c.channel = r.suggested, r.channel
		}
	}
	c.lastSweep = max(c.lastSweep, o.SweepID)

	var batch stmts
	queue, exec := batch.queue, batch.exec

	// The snapshot id the sighting and the case point to: the one inserted
	// now (NULL: newSnapshotID), else the latest.
	var latestArg any = int64(c.latestSnapshot)
	if res.NewSnapshot {
		latestArg = nil
		queue(func(br pgx.BatchResults) error { return br.QueryRow().Scan(&res.SnapshotID) }, `
			INSERT INTO snapshots (case_id, sweep_id, url, final_url, fetched_at, status, header, body_sha256,
			                       body_size, truncated, remote_addr, rendered, screenshot_sha256, title, score,
			                       category, finding, content_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
			RETURNING id`,
			int64(c.id), int64(o.SweepID), o.URL, o.FinalURL, o.FetchedAt, o.Status, r.header, o.BodySHA256,
			len(o.Body), o.Truncated, o.RemoteAddr, o.Rendered, o.ScreenshotSHA256, o.Title, o.Score,
			o.Category, jsonArg(o.Finding), o.ContentKey)
		if o.PageTitle != "" || o.Text != "" {
			exec(`INSERT INTO snapshot_texts (snapshot_id, title, text) VALUES (`+newSnapshotID+`, $1, $2)`,
				o.PageTitle, o.Text)
		}
	}
	if cs := store.IndexedContacts(o.Contacts); len(cs) > 0 {
		kinds, values := make([]string, len(cs)), make([]string, len(cs))
		for i, ct := range cs {
			kinds[i], values[i] = ct.Kind, ct.Value
		}
		exec(`
			INSERT INTO case_contacts (kind, value, case_id)
			SELECT k, v, $3 FROM unnest($1::text[], $2::text[]) AS t(k, v)
			ON CONFLICT DO NOTHING`, kinds, values, int64(c.id))
	}
	queueSearchTerms(&batch, c.id, searchTermsOf(o, res.NewSnapshot))
	page := store.PageRecord{
		URL: cmp.Or(o.URL, o.FrontierURL), FinalURL: o.FinalURL, SweepID: o.SweepID,
		SourceID: o.SourceID, Status: o.Status, FetchedAt: o.FetchedAt,
		BodySHA256: o.BodySHA256, BodySize: len(o.Body), Outcome: o.Outcome,
		Truncated: o.Truncated, Flagged: true, CaseID: c.id,
	}
	if page.URL != "" {
		sql, args := putPageSQL(&page)
		exec(sql, args...)
	}
	r.follow.queue(&batch, &res.Added)
	if o.FrontierURL != "" {
		queueMarkDone(&batch, o.SweepID, o.FrontierURL, o.Outcome)
	}
	var newSightings int
	scanSightings := func(br pgx.BatchResults) error { return br.QueryRow().Scan(&newSightings) }
	const sighting = `WITH s AS (
			INSERT INTO sightings (case_id, sweep_id, seen_at, snapshot_id)
			VALUES ($1, $2, $3, coalesce($4::bigint, ` + newSnapshotID + `))
			ON CONFLICT (case_id, sweep_id) DO NOTHING RETURNING 1
		) `
	if isNew {
		queue(scanSightings, sighting+`
			INSERT INTO cases (id, case_key, case_key_sha256, url, host, source_id, first_seen, last_seen,
			                   first_sweep, last_sweep, category, score, title, sightings, snapshots,
			                   latest_snapshot, content_key, status, department, finding, suggested_route, channel)
			VALUES ($1, $5, $6, $7, $8, $9, $3, $3, $2, $2, $10, $11, $12, (SELECT count(*) FROM s), 1,
			        coalesce($4::bigint, `+newSnapshotID+`), $13, $14, $15, $16, $17, $18)
			RETURNING (SELECT count(*) FROM s)`,
			int64(c.id), int64(o.SweepID), o.FetchedAt, latestArg, o.CaseKey, r.key, c.url, caseHost(c.url),
			c.sourceID, o.Category, o.Score, o.Title, c.contentKey, string(casework.CaseOpen),
			CaseDepartment("", c.suggested), newFinding, string(c.suggested), c.channel)
	} else {
		queue(scanSightings, sighting+`
			UPDATE cases SET sightings = sightings + (SELECT count(*) FROM s), snapshots = $5,
				latest_snapshot = coalesce($4::bigint, `+newSnapshotID+`), content_key = $6,
				last_sweep = $7, last_seen = $8, url = $9, host = $10, source_id = $11,
				suggested_route = $12, channel = $13, department = $14,
				title = CASE WHEN $15 THEN $16 ELSE title END,
				score = CASE WHEN $15 THEN $17 ELSE score END,
				category = CASE WHEN $15 THEN $18 ELSE category END,
				finding = coalesce($19::json, finding)
			WHERE id = $1
			RETURNING (SELECT count(*) FROM s)`,
			int64(c.id), int64(o.SweepID), o.FetchedAt, latestArg, c.snapshots, c.contentKey,
			int64(c.lastSweep), c.lastSeen, c.url, caseHost(c.url), c.sourceID,
			string(c.suggested), c.channel, CaseDepartment(c.route, c.suggested),
			latest, o.Title, o.Score, o.Category, newFinding)
	}
	if err := batch.send(ctx, tx); err != nil {
		return res, err
	}
	res.NewSighting = newSightings == 1
	return res, nil
}

// CaseColumns are the columns ScanCase reads, in its order; without
// withFinding the finding (several KB) is not read (its route and channel
// are columns of their own).
func CaseColumns(withFinding bool) string {
	f := "NULL::json"
	if withFinding {
		f = "finding"
	}
	return `id, case_key, url, source_id, first_seen, last_seen, coalesce(last_sweep, 0), category, score,
		title, sightings, snapshots, coalesce(latest_snapshot, 0), status, ` + f + `, coalesce(first_sweep, 0),
		suggested_route, channel, route, recipient, dismiss_reason, confirmed_by, approved_by, decided_by,
		decided_at, coalesce(notice_id, 0), removal, removal_detail, removal_at`
}

// ScanCase reads a case selected with CaseColumns.
func ScanCase(row pgx.Row) (store.Case, error) {
	var (
		c                   store.Case
		findingJSON         []byte
		decidedAt, removeAt *time.Time
	)
	err := row.Scan(&c.ID, &c.Key, &c.URL, &c.SourceID, &c.FirstSeen, &c.LastSeen, &c.LastSweep, &c.Category, &c.Score,
		&c.Title, &c.Sightings, &c.Snapshots, &c.LatestSnapshot, &c.Status, &findingJSON, &c.FirstSweep,
		&c.SuggestedRoute, &c.Channel, &c.Route, &c.Recipient, &c.DismissReason, &c.ConfirmedBy, &c.ApprovedBy, &c.DecidedBy,
		&decidedAt, &c.NoticeID, &c.Removal, &c.RemovalDetail, &removeAt)
	if err != nil {
		return store.Case{}, err
	}
	c.FirstSeen, c.LastSeen = c.FirstSeen.UTC(), c.LastSeen.UTC()
	c.DecidedAt, c.RemovalAt = utcOrZero(decidedAt), utcOrZero(removeAt)
	if findingJSON != nil {
		c.Finding = json.RawMessage(findingJSON)
	}
	return c, nil
}

// Case returns one case.
func (b *Backend) Case(id uint64) (*store.Case, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	c, err := ScanCase(b.st.pool.QueryRow(ctx, `SELECT `+CaseColumns(true)+` FROM cases WHERE id = $1`, int64(id)))
	if err != nil {
		return nil, fmt.Errorf("pgstore: case %d: %w", id, notFound(err))
	}
	return &c, nil
}

// CaseFinding returns one case with its finding decoded (finding.Decode),
// for the case page (see store.(*Store).CaseFinding). The suggested route
// and channel are the case's columns, written from the finding when it
// was recorded. The finding is nil when the case has none; a finding that
// does not decode is an error.
func (b *Backend) CaseFinding(id uint64) (*store.Case, *finding.Finding, error) {
	c, err := b.Case(id)
	if err != nil {
		return nil, nil, err
	}
	if len(c.Finding) == 0 {
		return c, nil, nil
	}
	f, err := finding.Decode(c.Finding)
	if err != nil {
		return nil, nil, fmt.Errorf("case %d: %w", id, err)
	}
	return c, f, nil
}

// Cases lists the cases that pass f, highest score first, then by id. A
// filter without a limit that matches more than MaxListCases cases fails.
func (b *Backend) Cases(f store.CaseFilter) ([]store.Case, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var (
		where []string
		args  []any
	)
	if f.Category != "" {
		args = append(args, f.Category)
		where = append(where, fmt.Sprintf("category = $%d", len(args)))
	}
	if f.SinceSweep > 0 {
		args = append(args, int64(f.SinceSweep))
		where = append(where, fmt.Sprintf("last_sweep >= $%d", len(args)))
	}
	limit := f.Limit
	capped := limit <= 0 || limit > MaxListCases
	if capped {
		limit = MaxListCases + 1
	}
	args = append(args, limit)
	q := `SELECT ` + CaseColumns(f.WithFindings) + ` FROM cases`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(` ORDER BY score DESC, id LIMIT $%d`, len(args))
	rows, err := b.st.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: list cases: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Case, error) { return ScanCase(r) })
	if err != nil {
		return nil, fmt.Errorf("pgstore: list cases: %w", err)
	}
	if capped && len(out) > MaxListCases {
		return nil, fmt.Errorf("pgstore: list cases: more than %d match; give a limit", MaxListCases)
	}
	return out, nil
}

// checkCase fails with store.ErrNotFound when there is no such case.
func checkCase(ctx context.Context, tx pgx.Tx, caseID uint64) error {
	var ok bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM cases WHERE id = $1)`, int64(caseID)).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return store.ErrNotFound
	}
	return nil
}

// readOnly runs fn in a read-only transaction (one snapshot of the data).
func (b *Backend) readOnly(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, b.st.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, fn)
}

// Sightings lists a case's sightings, oldest sweep first.
func (b *Backend) Sightings(caseID uint64) ([]store.Sighting, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var out []store.Sighting
	err := b.readOnly(ctx, func(tx pgx.Tx) error {
		if err := checkCase(ctx, tx, caseID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
			SELECT case_id, sweep_id, seen_at, coalesce(snapshot_id, 0) FROM sightings
			WHERE case_id = $1 ORDER BY sweep_id LIMIT $2`, int64(caseID), maxPerCase)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Sighting, error) {
			var sg store.Sighting
			err := r.Scan(&sg.CaseID, &sg.SweepID, &sg.SeenAt, &sg.SnapshotID)
			sg.SeenAt = sg.SeenAt.UTC()
			return sg, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: sightings of case %d: %w", caseID, err)
	}
	return out, nil
}

const snapshotColumns = `id, case_id, coalesce(sweep_id, 0), url, final_url, fetched_at, status, header, body_sha256,
	body_size, truncated, remote_addr, rendered, screenshot_sha256, title, score, category, finding, content_key`

func scanSnapshot(row pgx.Row) (store.Snapshot, error) {
	var (
		sn            store.Snapshot
		header, found []byte
	)
	err := row.Scan(&sn.ID, &sn.CaseID, &sn.SweepID, &sn.URL, &sn.FinalURL, &sn.FetchedAt, &sn.Status, &header,
		&sn.BodySHA256, &sn.BodySize, &sn.Truncated, &sn.RemoteAddr, &sn.Rendered, &sn.ScreenshotSHA256,
		&sn.Title, &sn.Score, &sn.Category, &found, &sn.ContentKey)
	if err != nil {
		return store.Snapshot{}, err
	}
	sn.FetchedAt = sn.FetchedAt.UTC()
	if header != nil {
		var h http.Header
		if err := json.Unmarshal(header, &h); err != nil {
			return store.Snapshot{}, fmt.Errorf("snapshot %d header: %w", sn.ID, err)
		}
		sn.Header = h
	}
	if found != nil {
		sn.Finding = json.RawMessage(found)
	}
	return sn, nil
}

// Snapshots lists a case's snapshots, oldest first.
func (b *Backend) Snapshots(caseID uint64) ([]store.Snapshot, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var out []store.Snapshot
	err := b.readOnly(ctx, func(tx pgx.Tx) error {
		if err := checkCase(ctx, tx, caseID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+snapshotColumns+` FROM snapshots WHERE case_id = $1 ORDER BY id LIMIT $2`,
			int64(caseID), maxPerCase)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Snapshot, error) { return scanSnapshot(r) })
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: snapshots of case %d: %w", caseID, err)
	}
	return out, nil
}

// Snapshot returns one snapshot's metadata.
func (b *Backend) Snapshot(id uint64) (*store.Snapshot, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	sn, err := scanSnapshot(b.st.pool.QueryRow(ctx, `SELECT `+snapshotColumns+` FROM snapshots WHERE id = $1`, int64(id)))
	if err != nil {
		return nil, fmt.Errorf("pgstore: snapshot %d: %w", id, notFound(err))
	}
	return &sn, nil
}

// SnapshotText returns what the matcher read for a snapshot;
// store.ErrNotFound when it kept none.
func (b *Backend) SnapshotText(id uint64) (*store.SnapshotText, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var t store.SnapshotText
	err := b.st.pool.QueryRow(ctx, `SELECT title, text FROM snapshot_texts WHERE snapshot_id = $1`, int64(id)).Scan(&t.Title, &t.Text)
	if err != nil {
		return nil, fmt.Errorf("pgstore: text of snapshot %d: %w", id, notFound(err))
	}
	return &t, nil
}

// ErrBlobMissing: a row names evidence bytes the blob store does not have
// (or has with another hash): the evidence is lost or damaged, not merely
// absent.
var ErrBlobMissing = errors.New("evidence bytes missing from the blob store")

// blob reads the bytes under sum and checks them against it.
func (b *Backend) blob(ctx context.Context, sum string) ([]byte, error) {
	data, err := b.blobs.Get(ctx, sum)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrBlobMissing, sum)
	}
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", sum, err)
	}
	got := sha256.Sum256(data)
	if hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("%w: %s holds bytes that hash to %x", ErrBlobMissing, sum, got)
	}
	return data, nil
}

// snapshotBlob reads the bytes of a snapshot named by column (body_sha256
// or screenshot_sha256); store.ErrNotFound when there is no such snapshot
// or it names none.
func (b *Backend) snapshotBlob(id uint64, column string) ([]byte, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var sum string
	if err := b.st.pool.QueryRow(ctx, `SELECT `+column+` FROM snapshots WHERE id = $1`, int64(id)).Scan(&sum); err != nil {
		return nil, notFound(err)
	}
	if sum == "" {
		return nil, store.ErrNotFound
	}
	return b.blob(ctx, sum)
}

// SnapshotBody returns a snapshot's raw body, as fetched.
func (b *Backend) SnapshotBody(snapshotID uint64) ([]byte, error) {
	data, err := b.snapshotBlob(snapshotID, "body_sha256")
	if err != nil {
		return nil, fmt.Errorf("pgstore: body of snapshot %d: %w", snapshotID, err)
	}
	return data, nil
}

// SnapshotScreenshot returns a snapshot's PNG screenshot;
// store.ErrNotFound when the page was not rendered.
func (b *Backend) SnapshotScreenshot(snapshotID uint64) ([]byte, error) {
	data, err := b.snapshotBlob(snapshotID, "screenshot_sha256")
	if err != nil {
		return nil, fmt.Errorf("pgstore: screenshot of snapshot %d: %w", snapshotID, err)
	}
	return data, nil
}
