package pgstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// Moving a district's bbolt database into PostgreSQL (issue 12): ImportBolt
// copies every kept record, ids included, in one transaction (a failed
// import leaves the target empty, so it may simply be run again), with the
// evidence bytes put in the blob store first; VerifyImport then compares
// the two before anyone is told the move succeeded.
//
// Kept as they are: sweeps, frontier items (their rows and hosts, done or
// has_pending), pages, cases, sightings, snapshots and their texts, decisions,
// notices with items, history and removal checks, removal-check evidence,
// users, sessions, the audit log (seq, time to the nanosecond, prev, hash;
// audit_head), the outbox, pack and model activations with their content,
// model channels and the contact index. Not moved: the sign-in throttling
// state (failure counts, lockouts, unaudited bursts, known addresses),
// which bbolt keeps under keys no reader lists and which expires within
// minutes; after the move an account's first sign-in from each address is
// "new" again. Drafts: bbolt's notice_drafts index is not listed either;
// the newest draft of each route and recipient becomes the current one,
// which is what Decide keeps.

// Import errors.
var (
	// ErrNotEmpty: the target database already holds data.
	ErrNotEmpty = errors.New("target database is not empty")
	// ErrMismatch: verification found the copy differs from the source.
	ErrMismatch = errors.New("the copy differs from the source")
)

// importChunk is how many cases one COPY round carries.
const importChunk = 500

// ImportOptions configure ImportBolt and VerifyImport.
type ImportOptions struct {
	// Sample is how many cases VerifyImport compares field by field
	// through both backends (default 200; every case when negative).
	Sample int
	// Progress, when set, is told each stage as it starts.
	Progress func(stage string)
}

// TableCount is one table's rows in the source and in the copy.
type TableCount struct {
	Table      string
	Bolt, Post int64
}

// ImportReport is what an import copied and its verification found.
type ImportReport struct {
	Counts    []TableCount
	Blobs     int   // distinct evidence blobs re-read and hashed
	BlobBytes int64 // their bytes
	AuditHead string
	AuditLen  int
	Sampled   int // cases compared field by field
	Problems  []string
	Copy      time.Duration
	BlobPut   time.Duration // of Copy, waiting for the blob store
	Verify    time.Duration
}

// OK reports whether verification found nothing wrong.
func (r *ImportReport) OK() bool { return len(r.Problems) == 0 }

func (r *ImportReport) problem(format string, args ...any) {
	if len(r.Problems) < 100 {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// dataTables are the tables an import fills, checked empty before it.
var dataTables = []string{"sweeps", "frontier", "pages", "cases", "snapshots", "snapshot_texts", "sightings",
	"decisions", "notices", "notice_items", "notice_events", "check_evidence", "item_checks", "users",
	"sessions", "audit", "outbox", "activations", "model_channels", "case_contacts",
	"case_claims", "case_comments", "host_facts", "watch_checks"}

// identities are the identity columns whose sequences move past the
// copied ids.
var identities = [][2]string{{"sweeps", "id"}, {"frontier", "id"}, {"cases", "id"}, {"snapshots", "id"},
	{"decisions", "seq"}, {"notices", "id"}, {"check_evidence", "id"}, {"item_checks", "id"}, {"outbox", "id"},
	{"case_comments", "id"}, {"host_facts", "id"}}

// ImportBolt copies src, a bbolt store opened read-only, into the empty
// database under dst, and the evidence bytes into dst's blob store. It
// refuses a database that holds any data (ErrNotEmpty). It does not
// verify: call VerifyImport before reporting success.
func ImportBolt(ctx context.Context, src *store.Store, dst *Backend, opts ImportOptions) (*ImportReport, error) {
	start := time.Now()
	if err := checkEmpty(ctx, dst.st); err != nil {
		return nil, err
	}
	im := &importer{src: src, dst: dst, opts: opts}
	err := pgx.BeginFunc(ctx, dst.st.pool, func(tx pgx.Tx) error {
		im.tx = tx
		for _, step := range []struct {
			name string
			fn   func(context.Context) error
		}{
			{"sweeps", im.sweeps}, {"notices", im.notices}, {"cases", im.cases}, {"merges", im.merges},
			{"notice items", im.noticeItems}, {"pages", im.pages}, {"frontier", im.frontier},
			{"accounts", im.accounts}, {"audit", im.audit}, {"outbox", im.outbox},
			{"activations", im.activations}, {"claims and comments", im.assign}, {"notice tracking", im.noticeTracking},
			{"host facts", im.hostFacts}, {"watch checks", im.watchChecks}, {"sequences", im.sequences},
		} {
			im.stage(step.name)
			if err := step.fn(ctx); err != nil {
				return fmt.Errorf("%s: %w", step.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: import: %w", err)
	}
	return &ImportReport{Copy: time.Since(start), BlobPut: im.putTime}, nil
}

// checkEmpty refuses a database with rows in any table an import fills.
func checkEmpty(ctx context.Context, st *Store) error {
	for _, t := range dataTables {
		var any bool
		if err := st.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+t+`)`).Scan(&any); err != nil {
			return fmt.Errorf("pgstore: import: check %s: %w", t, err)
		}
		if any {
			return fmt.Errorf("pgstore: import into %s: %w (table %s has rows)", st.url, ErrNotEmpty, t)
		}
	}
	return nil
}

// importer holds one import's transaction and what later steps need.
type importer struct {
	src        *store.Store
	dst        *Backend
	opts       ImportOptions
	tx         pgx.Tx
	noticeList []store.Notice
	pending    []pendingBlob // blobs to put before the rows naming them
	pendingLen int           // their bytes
	putTime    time.Duration // spent in flushBlobs
}

// pendingBlob is an evidence blob read from the source, its sum checked.
type pendingBlob struct {
	what, sum string
	data      []byte
}

// Bounds of the blobs read ahead and put at once: a directory blob store
// syncs every file, so puts run in parallel.
const (
	importBlobBytes = 64 << 20
	importBlobCount = 1024
	importPutters   = 16
)

func (im *importer) stage(name string) {
	if im.opts.Progress != nil {
		im.opts.Progress(name)
	}
}

// copyRows sends rows to table's columns with COPY.
func (im *importer) copyRows(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := im.tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("copy %d rows into %s: %w", len(rows), table, err)
	}
	return nil
}

// ts is a nullable timestamp argument: NULL for the zero time.
func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// id0 is a nullable id argument: NULL for 0.
func id0(id uint64) any {
	if id == 0 {
		return nil
	}
	return int64(id)
}

func headerJSON(h map[string][]string) (any, error) {
	if h == nil {
		return nil, nil
	}
	b, err := json.Marshal(h)
	return b, err
}

func (im *importer) sweeps(ctx context.Context) error {
	sws, err := im.src.Sweeps(0)
	if err != nil {
		return err
	}
	slices.Reverse(sws) // oldest first
	rows := make([][]any, 0, len(sws))
	for _, sw := range sws {
		rows = append(rows, []any{int64(sw.ID), sw.StartedAt.UTC(), ts(sw.FinishedAt), sw.Status, sw.ConfigHash,
			nonNilStrings(sw.Packs), jsonArg(sw.Stats)})
	}
	return im.copyRows(ctx, "sweeps", []string{"id", "started_at", "finished_at", "status", "config_hash", "packs", "stats"}, rows)
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// notices copies the notices themselves (their items follow the cases).
func (im *importer) notices(ctx context.Context) error {
	ns, err := im.src.Notices(store.NoticeFilter{})
	if err != nil {
		return err
	}
	slices.SortFunc(ns, func(a, b store.Notice) int { return cmpU64(a.ID, b.ID) })
	im.noticeList = ns
	// The newest draft of a route and recipient is the current one.
	current := map[[2]string]uint64{}
	for _, n := range ns {
		if n.Status == casework.NoticeDraft {
			current[[2]string{string(n.Route), n.Recipient}] = n.ID
		}
	}
	rows := make([][]any, 0, len(ns))
	for _, n := range ns {
		due := make([]time.Time, len(n.CheckDue))
		for i, t := range n.CheckDue {
			due[i] = t.UTC()
		}
		isCurrent := n.Status == casework.NoticeDraft && current[[2]string{string(n.Route), n.Recipient}] == n.ID
		rows = append(rows, []any{int64(n.ID), string(n.Route), n.Recipient, string(n.Status), n.Number, n.Created.UTC(),
			ts(n.IssuedAt), ts(n.Deadline), ts(n.SentAt), ts(n.AckAt), ts(n.ClosedAt), n.ApprovedBy, due,
			n.ChecksDone, isCurrent})
	}
	return im.copyRows(ctx, "notices", []string{"id", "route", "recipient", "status", "number", "created", "issued_at",
		"deadline", "sent_at", "ack_at", "closed_at", "approved_by", "check_due", "checks_done", "current_draft"}, rows)
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// putBlob checks data against the sum the source recorded and queues it
// for the blob store; it puts the queue when it is full. flushBlobs puts
// the rest: callers flush before they send rows naming the blobs.
func (im *importer) putBlob(ctx context.Context, what, sum string, data []byte) error {
	got := sha256.Sum256(data)
	if hex.EncodeToString(got[:]) != sum {
		return fmt.Errorf("%s: the source's bytes hash to %x, its record says %s (the bbolt file is damaged)", what, got, sum)
	}
	im.pending = append(im.pending, pendingBlob{what: what, sum: sum, data: data})
	im.pendingLen += len(data)
	if im.pendingLen >= importBlobBytes || len(im.pending) >= importBlobCount {
		return im.flushBlobs(ctx)
	}
	return nil
}

// flushBlobs puts the queued blobs, importPutters at a time, and returns
// the first error.
func (im *importer) flushBlobs(ctx context.Context) error {
	defer func(start time.Time) { im.putTime += time.Since(start) }(time.Now())
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		next  = make(chan pendingBlob)
	)
	for range min(importPutters, len(im.pending)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if err := im.dst.blobs.Put(ctx, p.sum, p.data); err != nil {
					once.Do(func() { first = fmt.Errorf("%s: put blob %s: %w", p.what, p.sum, err); cancel() })
				}
			}
		}()
	}
	for _, p := range im.pending {
		if ctx.Err() != nil {
			break
		}
		next <- p
	}
	close(next)
	wg.Wait()
	im.pending, im.pendingLen = im.pending[:0], 0
	if first == nil && ctx.Err() != nil {
		return fmt.Errorf("put blobs: %w", ctx.Err())
	}
	return first
}

// caseRows are one chunk's rows, by table.
type caseRows struct {
	cases, snapshots, texts, sightings, decisions, contacts [][]any
	terms                                                   [][]any // search_terms (search_pg.go)
}

// cases copies cases with their snapshots (bytes to the blob store),
// texts, sightings, decisions and contacts, importChunk cases at a time.
func (im *importer) cases(ctx context.Context) error {
	list, err := im.src.Cases(store.CaseFilter{})
	if err != nil {
		return err
	}
	ids := make([]uint64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	slices.Sort(ids)
	for len(ids) > 0 {
		n := min(importChunk, len(ids))
		var r caseRows
		for _, id := range ids[:n] {
			if err := im.caseRows(ctx, id, &r); err != nil {
				return fmt.Errorf("case %d: %w", id, err)
			}
		}
		ids = ids[n:]
		if err := im.flushBlobs(ctx); err != nil {
			return err
		}
		for _, t := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"snapshots", []string{"id", "case_id", "sweep_id", "url", "final_url", "fetched_at", "status", "header",
				"body_sha256", "body_size", "truncated", "remote_addr", "rendered", "screenshot_sha256", "title", "score",
				"category", "finding", "content_key"}, r.snapshots},
			{"cases", []string{"id", "case_key", "case_key_sha256", "url", "host", "source_id", "first_seen", "last_seen",
				"first_sweep", "last_sweep", "category", "score", "title", "sightings", "snapshots", "latest_snapshot",
				"content_key", "status", "department", "finding", "suggested_route", "channel", "route", "recipient",
				"dismiss_reason", "confirmed_by", "approved_by", "decided_by", "decided_at", "notice_id", "removal",
				"removal_detail", "removal_at"}, r.cases},
			{"snapshot_texts", []string{"snapshot_id", "title", "text"}, r.texts},
			{"sightings", []string{"case_id", "sweep_id", "seen_at", "snapshot_id"}, r.sightings},
			{"decisions", []string{"case_id", "seq", "action", "route", "recipient", "reason", "note", "actor", "at",
				"from_status", "to_status", "notice_id"}, r.decisions},
			{"case_contacts", []string{"kind", "value", "case_id"}, r.contacts},
			{"search_terms", []string{"term", "case_id", "fields"}, r.terms},
		} {
			if err := im.copyRows(ctx, t.table, t.cols, t.rows); err != nil {
				return err
			}
		}
	}
	return nil
}

// caseRows reads one case and everything kept with it into r.
func (im *importer) caseRows(ctx context.Context, id uint64, r *caseRows) error {
	c, err := im.src.Case(id)
	if err != nil {
		return err
	}
	contentKey, err := im.src.CaseContentKey(id)
	if err != nil {
		return err
	}
	snaps, err := im.src.Snapshots(id)
	if err != nil {
		return err
	}
	terms := store.SearchTerms("", "", c.URL)
	for _, sn := range snaps {
		body, err := im.src.SnapshotBody(sn.ID)
		if err != nil {
			return err
		}
		if err := im.putBlob(ctx, fmt.Sprintf("snapshot %d body", sn.ID), sn.BodySHA256, body); err != nil {
			return err
		}
		if sn.ScreenshotSHA256 != "" {
			png, err := im.src.SnapshotScreenshot(sn.ID)
			if err != nil {
				return err
			}
			if err := im.putBlob(ctx, fmt.Sprintf("snapshot %d screenshot", sn.ID), sn.ScreenshotSHA256, png); err != nil {
				return err
			}
		}
		h, err := headerJSON(sn.Header)
		if err != nil {
			return err
		}
		r.snapshots = append(r.snapshots, []any{int64(sn.ID), int64(sn.CaseID), id0(sn.SweepID), sn.URL, sn.FinalURL,
			sn.FetchedAt.UTC(), sn.Status, h, sn.BodySHA256, sn.BodySize, sn.Truncated, sn.RemoteAddr, sn.Rendered,
			sn.ScreenshotSHA256, sn.Title, sn.Score, sn.Category, jsonArg(sn.Finding), sn.ContentKey})
		text, err := im.src.SnapshotText(sn.ID)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return err
		default:
			r.texts = append(r.texts, []any{int64(sn.ID), text.Title, text.Text})
		}
		var st store.SnapshotText
		if text != nil {
			st = *text
		}
		for t, f := range store.SearchTerms(sn.Title+"\n"+st.Title, st.Text, sn.URL+" "+sn.FinalURL) {
			terms[t] |= f
		}
	}
	for t, f := range terms {
		r.terms = append(r.terms, []any{t, int64(c.ID), int16(f)})
	}
	r.cases = append(r.cases, []any{int64(c.ID), c.Key, caseKeySum(c.Key), c.URL, caseHost(c.URL), c.SourceID,
		c.FirstSeen.UTC(), c.LastSeen.UTC(), id0(c.FirstSweep), id0(c.LastSweep), c.Category, c.Score, c.Title,
		c.Sightings, c.Snapshots, id0(c.LatestSnapshot), contentKey, string(c.Status),
		CaseDepartment(c.Route, c.SuggestedRoute), jsonArg(c.Finding), string(c.SuggestedRoute), c.Channel,
		string(c.Route), c.Recipient, string(c.DismissReason), c.ConfirmedBy, c.ApprovedBy, c.DecidedBy,
		ts(c.DecidedAt), id0(c.NoticeID), string(c.Removal), c.RemovalDetail, ts(c.RemovalAt)})
	sights, err := im.src.Sightings(id)
	if err != nil {
		return err
	}
	for _, s := range sights {
		r.sightings = append(r.sightings, []any{int64(s.CaseID), int64(s.SweepID), s.SeenAt.UTC(), id0(s.SnapshotID)})
	}
	decs, err := im.src.Decisions(id)
	if err != nil {
		return err
	}
	for _, d := range decs {
		r.decisions = append(r.decisions, []any{int64(d.CaseID), int64(d.Seq), string(d.Action), string(d.Route),
			d.Recipient, string(d.Reason), d.Note, d.By, d.At.UTC(), string(d.From), string(d.To), id0(d.NoticeID)})
	}
	contacts, err := im.src.CaseContacts(id)
	if err != nil {
		return err
	}
	for _, ct := range contacts {
		r.contacts = append(r.contacts, []any{ct.Kind, ct.Value, int64(id)})
	}
	return nil
}

// noticeItems copies notices' items, history, removal checks and their
// evidence (bodies to the blob store).
func (im *importer) noticeItems(ctx context.Context) error {
	var items, events, checks, evidence [][]any
	for _, n := range im.noticeList {
		for pos, it := range n.Items {
			items = append(items, []any{int64(n.ID), int64(it.CaseID), pos, it.URL, it.Title, it.Category,
				id0(it.SnapshotID), it.BodySHA256, ts(it.CapturedAt), string(it.Outcome), it.OutcomeDetail,
				ts(it.OutcomeAt), id0(it.RelistedCase)})
			for _, ch := range it.Checks {
				if ch.Evidence != 0 {
					row, err := im.checkEvidence(ctx, ch.Evidence)
					if err != nil {
						return err
					}
					evidence = append(evidence, row)
				}
				checks = append(checks, []any{int64(n.ID), int64(ch.CaseID), ch.At.UTC(), ch.Round, string(ch.Outcome),
					ch.Status, ch.FinalURL, ch.Detail, ch.BodySHA256, id0(ch.RelistedCase), id0(ch.Evidence)})
			}
		}
		for seq, e := range n.History {
			events = append(events, []any{int64(n.ID), seq + 1, e.At.UTC(), e.By, string(e.From), string(e.To), e.Note})
		}
	}
	if err := im.flushBlobs(ctx); err != nil {
		return err
	}
	slices.SortFunc(evidence, func(a, b []any) int { return cmpU64(uint64(a[0].(int64)), uint64(b[0].(int64))) })
	evidence = slices.CompactFunc(evidence, func(a, b []any) bool { return a[0] == b[0] })
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"notice_items", []string{"notice_id", "case_id", "position", "url", "title", "category", "snapshot_id",
			"body_sha256", "captured_at", "outcome", "outcome_detail", "outcome_at", "relisted_case"}, items},
		{"notice_events", []string{"notice_id", "seq", "at", "actor", "from_status", "to_status", "note"}, events},
		{"check_evidence", []string{"id", "notice_id", "case_id", "url", "final_url", "fetched_at", "status", "header",
			"body_sha256", "body_size", "truncated", "outcome"}, evidence},
		{"item_checks", []string{"notice_id", "case_id", "at", "round", "outcome", "status", "final_url", "detail",
			"body_sha256", "relisted_case", "evidence_id"}, checks},
	} {
		if err := im.copyRows(ctx, t.table, t.cols, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// checkEvidence reads one removal check's response, puts its body in the
// blob store and returns its row.
func (im *importer) checkEvidence(ctx context.Context, id uint64) ([]any, error) {
	ev, body, err := im.src.CheckResponse(id)
	if err != nil {
		return nil, err
	}
	if err := im.putBlob(ctx, fmt.Sprintf("check evidence %d", id), ev.BodySHA256, body); err != nil {
		return nil, err
	}
	h, err := headerJSON(ev.Header)
	if err != nil {
		return nil, err
	}
	return []any{int64(ev.ID), int64(ev.NoticeID), int64(ev.CaseID), ev.URL, ev.FinalURL, ev.FetchedAt.UTC(),
		ev.Status, h, ev.BodySHA256, ev.BodySize, ev.Truncated, string(ev.Outcome)}, nil
}

func (im *importer) pages(ctx context.Context) error {
	var rows [][]any
	flush := func() error {
		err := im.copyRows(ctx, "pages", []string{"url_sha256", "url", "final_url", "sweep_id", "source_id", "status",
			"fetched_at", "body_sha256", "body_size", "outcome", "truncated", "flagged", "case_id"}, rows)
		rows = rows[:0]
		return err
	}
	err := im.src.EachPage(func(p store.PageRecord) error {
		rows = append(rows, []any{urlKey(p.URL), p.URL, p.FinalURL, id0(p.SweepID), p.SourceID, p.Status,
			p.FetchedAt.UTC(), p.BodySHA256, p.BodySize, p.Outcome, p.Truncated, p.Flagged, id0(p.CaseID)})
		if len(rows) == 5000 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// markDoneBulkSQL marks a sweep's pending frontier items done (arguments:
// sweep id, their urlKeys, their outcomes). Hosts are not written: a
// host's has_pending flag stays set until a claim finds nothing left, as
// when a worker completes URLs.
const markDoneBulkSQL = `
	UPDATE frontier f SET state = 'done', outcome = d.o, done_at = clock_timestamp()
	FROM unnest($2::bytea[], $3::text[]) AS d(k, o)
	WHERE f.sweep_id = $1 AND f.url_sha256 = d.k AND f.state = 'pending'`

// frontier adds every sweep's frontier items through the frontier's own
// writer (hosts and their has_pending flags kept), then marks the done ones.
func (im *importer) frontier(ctx context.Context) error {
	var (
		sweep uint64
		items []store.FrontierItem
	)
	flush := func() error {
		if len(items) == 0 {
			return nil
		}
		batch, err := frontierBatch(sweep, items)
		if err != nil {
			return err
		}
		var st stmts
		var added int
		batch.queue(&st, &added)
		var keys [][]byte
		var outcomes []string
		for _, it := range items {
			if it.State == "done" {
				keys, outcomes = append(keys, urlKey(it.URL)), append(outcomes, it.Outcome)
			}
		}
		if len(keys) > 0 {
			// One statement for the chunk (markDoneSQL per item would
			// update each host's row once per item, and a row updated
			// thousands of times in one transaction slows every update).
			st.exec(markDoneBulkSQL, int64(sweep), keys, outcomes)
		}
		items = items[:0]
		return st.send(ctx, im.tx)
	}
	err := im.src.EachFrontierItem(func(sweepID uint64, it store.FrontierItem) error {
		if sweepID != sweep || len(items) == 1000 {
			if err := flush(); err != nil {
				return err
			}
			sweep = sweepID
		}
		items = append(items, it)
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

func (im *importer) accounts(ctx context.Context) error {
	users, err := im.src.Users()
	if err != nil {
		return err
	}
	var rows [][]any
	for _, u := range users {
		rows = append(rows, []any{u.Name, u.DisplayName, roleStrings(u.Roles), u.PasswordHash, u.Disabled,
			u.Created.UTC(), u.Updated.UTC(), u.PasswordSet.UTC()})
	}
	if err := im.copyRows(ctx, "users", []string{"name", "display_name", "roles", "password_hash", "disabled",
		"created", "updated", "password_set"}, rows); err != nil {
		return err
	}
	rows = nil
	err = im.src.EachSession(func(s store.Session) error {
		rows = append(rows, []any{s.TokenHash, s.User, s.CSRF, s.Created.UTC(), s.Expires.UTC(), s.Addr})
		return nil
	})
	if err != nil {
		return err
	}
	return im.copyRows(ctx, "sessions", []string{"token_hash", "user_name", "csrf", "created", "expires", "addr"}, rows)
}

// audit copies the log exactly: the time to the microsecond in at and the
// nanoseconds beyond it in at_ns, so the hashes still verify; then the
// head.
func (im *importer) audit(ctx context.Context) error {
	entries, err := im.src.AuditEntries(store.AuditFilter{})
	if err != nil {
		return err
	}
	slices.Reverse(entries) // oldest first
	rows := make([][]any, 0, len(entries))
	for _, e := range entries {
		at := e.At.UTC().Truncate(time.Microsecond)
		rows = append(rows, []any{int64(e.Seq), at, int16(e.At.Sub(at).Nanoseconds()), e.Actor, e.Action, e.Object,
			e.Detail, e.Prev, e.Hash})
	}
	if err := im.copyRows(ctx, "audit", []string{"seq", "at", "at_ns", "actor", "action", "object", "detail", "prev",
		"hash"}, rows); err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	last := entries[len(entries)-1]
	_, err = im.tx.Exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2`, int64(last.Seq), last.Hash)
	return err
}

func (im *importer) outbox(ctx context.Context) error {
	msgs, err := im.src.Messages(0)
	if err != nil {
		return err
	}
	slices.Reverse(msgs)
	rows := make([][]any, 0, len(msgs))
	for _, m := range msgs {
		rows = append(rows, []any{int64(m.ID), m.Kind, m.Target, m.Subject, jsonArg(m.Payload), m.Created.UTC(),
			m.Attempts, m.NextAttempt.UTC(), m.LastError, ts(m.Sent), m.GaveUp})
	}
	return im.copyRows(ctx, "outbox", []string{"id", "kind", "target", "subject", "payload", "created", "attempts",
		"next_attempt", "last_error", "sent", "gave_up"}, rows)
}

func (im *importer) activations(ctx context.Context) error {
	var rows [][]any
	for _, k := range []struct {
		kind    string
		list    func() ([]store.Activation, error)
		content func(uint64) ([]byte, error)
	}{
		{"pack", im.src.PackHistory, im.src.PackContent},
		{"model", im.src.ModelHistory, im.src.ModelContent},
	} {
		list, err := k.list()
		if err != nil {
			return err
		}
		for _, a := range list {
			var content []byte
			if !a.Deactivated {
				if content, err = k.content(a.Seq); err != nil {
					return err
				}
				if sum := sha256.Sum256(content); hex.EncodeToString(sum[:]) != a.SHA256 {
					return fmt.Errorf("%s activation %d: content hashes to %x, recorded %s", k.kind, a.Seq, sum, a.SHA256)
				}
			}
			rows = append(rows, []any{k.kind, int64(a.Seq), a.File, a.Version, a.SHA256, a.Size, a.By, a.At.UTC(),
				a.Deactivated, content})
		}
	}
	if err := im.copyRows(ctx, "activations", []string{"kind", "seq", "file", "version", "sha256", "size", "actor",
		"at", "deactivated", "content"}, rows); err != nil {
		return err
	}
	chans, err := im.src.ModelChannels()
	if err != nil {
		return err
	}
	rows = rows[:0]
	for _, ch := range chans {
		rows = append(rows, []any{ch.Category, ch.On, ch.By, ch.At.UTC()})
	}
	return im.copyRows(ctx, "model_channels", []string{"category", "enabled", "actor", "at"}, rows)
}

// sequences moves every identity past the copied ids.
func (im *importer) sequences(ctx context.Context) error {
	for _, t := range identities {
		_, err := im.tx.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'),
			coalesce((SELECT max(%s) FROM %s), 0) + 1, false)`, t[0], t[1], t[1], t[0]))
		if err != nil {
			return fmt.Errorf("sequence of %s.%s: %w", t[0], t[1], err)
		}
	}
	return nil
}

// Redacted names the store's server and database without the password,
// for messages.
func (s *Store) Redacted() string { return s.url }
