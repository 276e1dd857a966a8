package pgstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/certwatch/certwatch/store"
)

// defaultSample is how many cases VerifyImport compares field by field
// when ImportOptions.Sample is 0.
const defaultSample = 200

// VerifyImport compares the copy under dst with src before an import is
// reported done: the rows of every table against the bbolt counts, every
// evidence blob the copy names re-read from the blob store and hashed, the
// audit chain verified on both sides to the same head, and a sample of
// cases (spread evenly over the ids) read through both backends' Case,
// Sightings, Snapshots, SnapshotText, SnapshotBody and Decisions and
// compared field by field (times to PostgreSQL's microsecond). It returns
// the report, and an error wrapping ErrMismatch when anything differs.
func VerifyImport(ctx context.Context, src *store.Store, dst *Backend, opts ImportOptions) (*ImportReport, error) {
	start := time.Now()
	r := &ImportReport{}
	v := &verifier{src: src, dst: dst, r: r, opts: opts}
	for _, step := range []struct {
		name string
		fn   func(context.Context) error
	}{
		{"verify counts", v.counts}, {"verify blobs", v.blobs}, {"verify audit", v.audit}, {"verify cases", v.sample},
		{"verify merges", v.merges},
	} {
		if opts.Progress != nil {
			opts.Progress(step.name)
		}
		if err := step.fn(ctx); err != nil {
			return r, fmt.Errorf("pgstore: verify import: %s: %w", step.name, err)
		}
	}
	r.Verify = time.Since(start)
	if !r.OK() {
		return r, fmt.Errorf("pgstore: verify import: %w: %d problems, the first: %s", ErrMismatch, len(r.Problems), r.Problems[0])
	}
	return r, nil
}

type verifier struct {
	src  *store.Store
	dst  *Backend
	r    *ImportReport
	opts ImportOptions
	ids  []uint64 // the source's case ids, ascending
}

// counts compares each table's rows with what bbolt holds.
func (v *verifier) counts(ctx context.Context) error {
	stats, err := v.src.Stats()
	if err != nil {
		return err
	}
	want := map[string]int64{}
	for table, bucket := range map[string]string{"sweeps": "sweeps", "frontier": "frontier", "pages": "pages",
		"cases": "cases", "sightings": "sightings", "snapshots": "snapshots", "snapshot_texts": "texts",
		"decisions": "decisions", "notices": "notices", "check_evidence": "check_evidence", "users": "users",
		"sessions": "sessions", "audit": "audit", "outbox": "outbox"} {
		want[table] = int64(stats[bucket])
	}
	// bbolt's own indexes must agree with the buckets they index.
	for _, pair := range [][2]string{{"cases", "case_keys"}, {"snapshots", "case_snapshots"}, {"snapshots", "bodies"},
		{"check_evidence", "check_bodies"}} {
		if stats[pair[0]] != stats[pair[1]] {
			v.r.problem("bbolt: %d %s but %d %s", stats[pair[0]], pair[0], stats[pair[1]], pair[1])
		}
	}
	notices, err := v.src.Notices(store.NoticeFilter{})
	if err != nil {
		return err
	}
	for _, n := range notices {
		want["notice_items"] += int64(len(n.Items))
		want["notice_events"] += int64(len(n.History))
		for _, it := range n.Items {
			want["item_checks"] += int64(len(it.Checks))
		}
	}
	packs, err := v.src.PackHistory()
	if err != nil {
		return err
	}
	models, err := v.src.ModelHistory()
	if err != nil {
		return err
	}
	want["activations"] = int64(len(packs) + len(models))
	chans, err := v.src.ModelChannels()
	if err != nil {
		return err
	}
	want["model_channels"] = int64(len(chans))
	if err := assignCounts(v.src, want); err != nil {
		return err
	}
	if err := hostFactsCounts(v.src, want); err != nil {
		return err
	}
	cases, err := v.src.Cases(store.CaseFilter{})
	if err != nil {
		return err
	}
	for _, c := range cases {
		v.ids = append(v.ids, c.ID)
		cs, err := v.src.CaseContacts(c.ID)
		if err != nil {
			return err
		}
		want["case_contacts"] += int64(len(cs))
		wc, err := v.src.WatchChecks(c.ID, store.MaxWatchChecks)
		if err != nil {
			return err
		}
		want["watch_checks"] += int64(len(wc))
	}
	slices.Sort(v.ids)
	for _, table := range dataTables {
		var got int64
		if err := v.dst.st.pool.QueryRow(ctx, `SELECT count(*) FROM `+table).Scan(&got); err != nil {
			return fmt.Errorf("count %s: %w", table, err)
		}
		v.r.Counts = append(v.r.Counts, TableCount{Table: table, Bolt: want[table], Post: got})
		if got != want[table] {
			v.r.problem("table %s: %d rows, bbolt has %d", table, got, want[table])
		}
	}
	return nil
}

// blobs re-reads every evidence blob the copy names and hashes it.
func (v *verifier) blobs(ctx context.Context) error {
	rows, err := v.dst.st.pool.Query(ctx, `
		SELECT body_sha256 FROM snapshots UNION SELECT screenshot_sha256 FROM snapshots WHERE screenshot_sha256 <> ''
		UNION SELECT body_sha256 FROM check_evidence ORDER BY 1`)
	if err != nil {
		return err
	}
	var sums []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		sums = append(sums, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, sum := range sums {
		data, err := v.dst.blobs.Get(ctx, sum)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			v.r.problem("blob %s: %v", sum, err)
			continue
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum {
			v.r.problem("blob %s: its bytes hash to %x", sum, got)
			continue
		}
		v.r.Blobs++
		v.r.BlobBytes += int64(len(data))
	}
	return nil
}

// audit verifies the chain on both sides and compares their heads.
func (v *verifier) audit(context.Context) error {
	b, err := v.src.VerifyAudit()
	if err != nil {
		return err
	}
	p, err := v.dst.VerifyAudit()
	if err != nil {
		return err
	}
	if !b.OK() {
		v.r.problem("bbolt audit chain: %v", b.Problems)
	}
	if !p.OK() {
		v.r.problem("PostgreSQL audit chain: %v", p.Problems)
	}
	if b.HeadHash != p.HeadHash || b.HeadSeq != p.HeadSeq || b.Entries != p.Entries {
		v.r.problem("audit head: PostgreSQL %d entries to #%d %s, bbolt %d to #%d %s",
			p.Entries, p.HeadSeq, p.HeadHash, b.Entries, b.HeadSeq, b.HeadHash)
	}
	v.r.AuditHead, v.r.AuditLen = p.HeadHash, p.Entries
	return nil
}

// sample compares cases through both backends.
func (v *verifier) sample(ctx context.Context) error {
	n := v.opts.Sample
	if n == 0 {
		n = defaultSample
	}
	if n < 0 || n > len(v.ids) {
		n = len(v.ids)
	}
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		id := v.ids[i*len(v.ids)/n]
		if err := v.compareCase(id); err != nil {
			return fmt.Errorf("case %d: %w", id, err)
		}
		v.r.Sampled++
	}
	return nil
}

// compareCase reads one case through both backends; differences are
// problems, read failures errors.
func (v *verifier) compareCase(id uint64) error {
	bc, err := v.src.Case(id)
	if err != nil {
		return err
	}
	pc, err := v.dst.Case(id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			v.r.problem("case %d: missing in PostgreSQL", id)
			return nil
		}
		return err
	}
	normCase(bc)
	same(v.r, fmt.Sprintf("case %d", id), *bc, *pc)

	bs, err := v.src.Sightings(id)
	if err != nil {
		return err
	}
	ps, err := v.dst.Sightings(id)
	if err != nil {
		return err
	}
	for i := range bs {
		bs[i].SeenAt = norm(bs[i].SeenAt)
	}
	same(v.r, fmt.Sprintf("case %d sightings", id), bs, ps)

	bd, err := v.src.Decisions(id)
	if err != nil {
		return err
	}
	pd, err := v.dst.Decisions(id)
	if err != nil {
		return err
	}
	for i := range bd {
		bd[i].At = norm(bd[i].At)
	}
	same(v.r, fmt.Sprintf("case %d decisions", id), bd, pd)

	bn, err := v.src.Snapshots(id)
	if err != nil {
		return err
	}
	pn, err := v.dst.Snapshots(id)
	if err != nil {
		return err
	}
	for i := range bn {
		bn[i].FetchedAt = norm(bn[i].FetchedAt)
	}
	same(v.r, fmt.Sprintf("case %d snapshots", id), bn, pn)
	for _, sn := range bn {
		if err := v.compareSnapshot(sn.ID); err != nil {
			return fmt.Errorf("snapshot %d: %w", sn.ID, err)
		}
	}
	return nil
}

// compareSnapshot compares a snapshot's text and bytes through both
// backends.
func (v *verifier) compareSnapshot(id uint64) error {
	bt, berr := v.src.SnapshotText(id)
	pt, perr := v.dst.SnapshotText(id)
	switch {
	case errors.Is(berr, store.ErrNotFound) && errors.Is(perr, store.ErrNotFound):
	case berr != nil:
		return berr
	case perr != nil && !errors.Is(perr, store.ErrNotFound):
		return perr
	default:
		same(v.r, fmt.Sprintf("snapshot %d text", id), bt, pt)
	}
	for _, get := range []struct {
		what       string
		bolt, post func(uint64) ([]byte, error)
	}{
		{"body", v.src.SnapshotBody, v.dst.SnapshotBody},
		{"screenshot", v.src.SnapshotScreenshot, v.dst.SnapshotScreenshot},
	} {
		b, berr := get.bolt(id)
		p, perr := get.post(id)
		if (berr == nil) != (perr == nil) || !bytes.Equal(b, p) {
			v.r.problem("snapshot %d %s: bbolt %d bytes (%v), PostgreSQL %d bytes (%v)", id, get.what, len(b), berr, len(p), perr)
		}
	}
	return nil
}

// norm is a bbolt time as PostgreSQL keeps it: UTC, to the microsecond.
func norm(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return pgTime(t)
}

func normCase(c *store.Case) {
	c.FirstSeen, c.LastSeen = norm(c.FirstSeen), norm(c.LastSeen)
	c.DecidedAt, c.RemovalAt = norm(c.DecidedAt), norm(c.RemovalAt)
}

// same records a problem when a (bbolt) and b (PostgreSQL) differ, naming
// the first field that differs.
func same(r *ImportReport, what string, a, b any) {
	if reflect.DeepEqual(a, b) {
		return
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() == reflect.Slice && va.Len() == 0 && vb.Len() == 0 {
		return // nil and empty lists
	}
	r.problem("%s differs: %s", what, firstDiff(reflect.ValueOf(a), reflect.ValueOf(b), ""))
}

// firstDiff names the first differing field of two values of one type.
func firstDiff(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			break
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if !a.Type().Field(i).IsExported() {
				continue
			}
			if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
				return firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: bbolt has %d, PostgreSQL %d", path, a.Len(), b.Len())
		}
		if a.Type().Elem().Kind() != reflect.Uint8 {
			for i := range a.Len() {
				if !reflect.DeepEqual(a.Index(i).Interface(), b.Index(i).Interface()) {
					return firstDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
				}
			}
		}
	}
	sa, sb := fmt.Sprint(a), fmt.Sprint(b)
	return fmt.Sprintf("%s: bbolt %.200s, PostgreSQL %.200s", path, sa, sb)
}
