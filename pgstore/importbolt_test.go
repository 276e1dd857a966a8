package pgstore_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
)

// district is a bbolt store filled through the store API the way a
// district's serve and sweep fill it.
type district struct {
	path       string
	flagged    []uint64 // case ids
	noticeID   uint64   // the sent and checked notice
	referralID uint64   // the police referral approved by a second person
	checkBody  []byte
}

// fakePNG is a screenshot's bytes (the store does not decode them).
func fakePNG(i int) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n"), fmt.Sprintf("screenshot %d", i)...)
}

// districtObservation is a flagged page of case i.
func districtObservation(sweepID uint64, i int, frontierURL string) store.Observation {
	url := fmt.Sprintf("https://shop%d.example/item/%d", i%7, i)
	text := fmt.Sprintf("出售安全员证 C证 包过 编号%d 联系微信 seller%d", i, i%5)
	sum := sha256.Sum256([]byte(text))
	o := store.Observation{
		SweepID: sweepID, FrontierURL: frontierURL, CaseKey: store.CanonicalURL(url), URL: url, FinalURL: url,
		SourceID: "forum", Title: fmt.Sprintf("办证 %d", i),
		FetchedAt: time.Date(2026, 11, 24, 8, 0, 0, 123456789+i, time.UTC), // nanoseconds: cut to µs in PostgreSQL
		Status:    200, Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "X-I": {fmt.Sprint(i)}},
		Body:       []byte("<html><title>办证</title><body>" + text + "</body></html>"),
		RemoteAddr: "127.0.0.1:8080", Flagged: true, Score: 0.5 + float64(i%50)/100, Category: "fake_certificate",
		Finding:   json.RawMessage(fmt.Sprintf(`{"score":%d,"rules":["cert-sale"],"route":"takedown_cac"}`, i)),
		PageTitle: "办证", Text: text, ContentKey: hex.EncodeToString(sum[:]),
		Contacts: []store.CaseContact{{Kind: "wechat", Value: fmt.Sprintf("seller%d", i%5)}},
	}
	if i%3 == 0 {
		o.Rendered, o.Screenshot = true, fakePNG(i)
	}
	return o
}

// buildDistrict makes a bbolt store with n flagged cases (n >= 6) and
// everything a district keeps, and closes it.
func buildDistrict(t testing.TB, n int) *district {
	t.Helper()
	d := &district{path: filepath.Join(t.TempDir(), "certwatch.db")}
	st, err := store.Open(d.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []store.User{
		{Name: "alice", DisplayName: "张三", Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: "h1"},
		{Name: "bob", Roles: []casework.Role{casework.RoleApprover, casework.RoleReviewerCAC}, PasswordHash: "h2"},
		{Name: "root", Roles: []casework.Role{casework.RoleAdmin}, PasswordHash: "h3"},
	} {
		must(st.CreateUser("cli:root", u))
	}
	now := time.Now()
	must(st.CreateSession(store.Session{TokenHash: "tok1", User: "alice", CSRF: "c1", Created: now, Expires: now.Add(time.Hour), Addr: "192.0.2.1"}))
	must(st.ActivatePack("root", "packs/cert.yaml", []byte("name: cert\nrules: []\n"), "cert@1+abc"))
	must(st.ActivatePack("root", "packs/cert.yaml", []byte("name: cert\nrules: [x]\n"), "cert@2+def"))
	must(st.ActivateModel("root", "model.json", []byte(`{"weights":[1,2,3]}`), "m@1+fff"))
	must(st.SetModelChannel("root", "fake_certificate", true))
	must(st.Enqueue(store.Message{Kind: "webhook", Target: "http://127.0.0.1:1/hook", Subject: "日报", Payload: json.RawMessage(`{"new":3}`)}))

	sw := &store.Sweep{ConfigHash: "cfg", Packs: []string{"cert@2+def"}}
	must(st.StartSweep(sw))
	var front []store.FrontierItem
	for i := range n + 2 {
		front = append(front, store.FrontierItem{URL: fmt.Sprintf("https://shop%d.example/list?p=%d", i%7, i), SourceID: "forum", Kind: "page", Depth: 1})
	}
	_, err = st.AddFrontier(sw.ID, front)
	must(err)
	// Recorded from 16 goroutines, as a sweep's handlers do (the group
	// commit shares fsyncs between them).
	d.flagged = make([]uint64, n)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 16 {
				res, err := st.Record(districtObservation(sw.ID, i, front[i].URL))
				if err != nil {
					errs <- err
					return
				}
				d.flagged[i] = res.CaseID
			}
		}()
	}
	wg.Wait()
	close(errs)
	must(<-errs)
	// An unflagged page, and one frontier item left pending.
	must(st.RecordPage(sw.ID, front[n].URL, store.PageRecord{URL: front[n].URL, SweepID: sw.ID, Status: 200, FetchedAt: now, Outcome: "ok"}))
	must(st.FinishSweep(sw.ID, "interrupted", json.RawMessage(`{"pages":42}`)))
	// A second sweep sees case 0 again with changed content: a second
	// snapshot and sighting.
	sw2 := &store.Sweep{ConfigHash: "cfg"}
	must(st.StartSweep(sw2))
	o := districtObservation(sw2.ID, 0, "")
	o.Text += " 新版"
	o.ContentKey, o.FetchedAt = "changed", o.FetchedAt.Add(time.Hour)
	_, err = st.Record(o)
	must(err)
	must(st.FinishSweep(sw2.ID, "finished", nil))

	decide := func(dec store.Decision) *store.Case {
		t.Helper()
		c, _, err := st.Decide(dec)
		must(err)
		return c
	}
	// Two takedowns on one notice, approved, sent and checked.
	for _, id := range d.flagged[1:3] {
		c := decide(store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice", Note: "确认"})
		d.noticeID = c.NoticeID
	}
	_, err = st.MoveNotice(d.noticeID, store.NoticeMove{To: casework.NoticeApproved, By: "bob", Number: "网信函〔2026〕7号", Deadline: now.Add(72 * time.Hour)})
	must(err)
	_, err = st.MoveNotice(d.noticeID, store.NoticeMove{To: casework.NoticeSent, By: "alice", CheckAfter: []time.Duration{time.Hour, 24 * time.Hour}})
	must(err)
	d.checkBody = []byte("<html>页面不存在</html>")
	_, err = st.RecordChecks(d.noticeID, 1, "system", []store.ItemCheck{
		{CaseID: d.flagged[1], Outcome: casework.OutcomeRemoved, Status: 404, URL: "https://shop1.example/item/1", Detail: "HTTP 404", Header: http.Header{"X-Check": {"1"}}, Body: d.checkBody},
		{CaseID: d.flagged[2], Outcome: casework.OutcomeLive, Status: 200, URL: "https://shop2.example/item/2", Body: []byte("<html>出售安全员证 仍在</html>")},
	})
	must(err)
	// A police referral confirmed by alice and approved by bob.
	d.referralID = d.flagged[3]
	decide(store.Decision{CaseID: d.referralID, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "alice"})
	decide(store.Decision{CaseID: d.referralID, Action: casework.ActionApprove, By: "bob"})
	// A dismissal, and a draft notice of its own.
	decide(store.Decision{CaseID: d.flagged[4], Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "alice"})
	decide(store.Decision{CaseID: d.flagged[5], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台乙", By: "alice"})
	// A claim and a comment on an open case.
	_, err = st.MoveClaim(store.ClaimMove{CaseID: d.flagged[0], Op: store.ClaimTake, By: "alice", At: now, Until: now.Add(2 * time.Hour)})
	must(err)
	_, err = st.AddComment(store.Comment{CaseID: d.flagged[0], By: "bob", Text: "卖家在两个平台发布 <b>同一</b> 号码"})
	must(err)
	// Host facts of the referred case, kept byte for byte with their hash.
	_, err = st.AddHostFacts(store.HostFacts{CaseID: d.referralID, URL: "http://cx-mem-gov.example/", CollectedAt: now, By: "sweep",
		Data: []byte("{\"version\": 1, \"host\": \"cx-mem-gov.example\"}")})
	must(err)
	// A re-check of a known site (discover.watch).
	must(st.RecordWatchCheck(store.WatchCheck{CaseID: d.flagged[0], SweepID: 1, URL: "http://x.example/", State: store.WatchGone, Status: 404, Detail: "返回 404，页面已删除"}))
	_, err = st.Audit(store.AuditEntry{Actor: "cli:root", Action: "db.backup", Object: "file:/tmp/x", Detail: "备份"})
	must(err)
	return d
}

// openBolt opens a district's store read-only, as the importer does.
func openBolt(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// importTarget is a migrated database with a directory blob store.
func importTarget(t testing.TB) (*pgstore.Backend, string, string) {
	t.Helper()
	url := pgstoretest.DB(t)
	dir := t.TempDir()
	blobs, err := blobstore.Open(context.Background(), dir, blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { blobs.Close() })
	st, err := pgstore.Open(context.Background(), url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := pgstore.NewBackend(st, blobs)
	t.Cleanup(func() { b.Close() })
	return b, url, dir
}

func importAndVerify(t testing.TB, src *store.Store, dst *pgstore.Backend, opts pgstore.ImportOptions) (*pgstore.ImportReport, error) {
	t.Helper()
	if _, err := pgstore.ImportBolt(context.Background(), src, dst, opts); err != nil {
		t.Fatalf("import: %v", err)
	}
	return pgstore.VerifyImport(context.Background(), src, dst, opts)
}

// pgT is a time as PostgreSQL keeps it.
func pgT(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

func normNotice(n *store.Notice) {
	for _, p := range []*time.Time{&n.Created, &n.IssuedAt, &n.Deadline, &n.SentAt, &n.AckAt, &n.ClosedAt} {
		*p = pgT(*p)
	}
	for i := range n.CheckDue {
		n.CheckDue[i] = pgT(n.CheckDue[i])
	}
	for i := range n.History {
		n.History[i].At = pgT(n.History[i].At)
	}
	for i := range n.Items {
		it := &n.Items[i]
		it.CapturedAt, it.OutcomeAt = pgT(it.CapturedAt), pgT(it.OutcomeAt)
		for j := range it.Checks {
			it.Checks[j].At = pgT(it.Checks[j].At)
		}
	}
}

// TestImportBolt moves a district's store and reads everything back
// through both backends.
func TestImportBolt(t *testing.T) {
	d := buildDistrict(t, 12)
	src := openBolt(t, d.path)
	dst, _, _ := importTarget(t)
	var stages []string
	r, err := importAndVerify(t, src, dst, pgstore.ImportOptions{Sample: -1, Progress: func(s string) { stages = append(stages, s) }})
	if err != nil {
		t.Fatalf("verify: %v\n%v", err, r)
	}
	if r.Sampled != 12 || r.AuditLen == 0 || r.Blobs != 12+4+2 { // 12 bodies (case 0's second snapshot has the same), 4 screenshots, 2 check responses
		t.Errorf("report: %+v", r)
	}
	for _, c := range r.Counts {
		if c.Bolt != c.Post || (c.Post == 0 && c.Table != "model_channels") {
			t.Errorf("table %s: bbolt %d, PostgreSQL %d", c.Table, c.Bolt, c.Post)
		}
	}
	if !slices.Contains(stages, "verify cases") {
		t.Errorf("stages: %v", stages)
	}

	// The conformance-style reads agree beyond the sampled cases.
	ref, err := dst.Case(d.referralID)
	if err != nil || ref.Status != casework.CaseConfirmed || ref.ConfirmedBy != "alice" || ref.ApprovedBy != "bob" || ref.Route != casework.RoutePoliceReferral {
		t.Errorf("the referral in PostgreSQL: %+v, %v", ref, err)
	}
	for _, f := range []store.NoticeFilter{{}, {Status: casework.NoticeSent}, {Route: casework.RoutePoliceReferral}} {
		bn, err := src.Notices(f)
		if err != nil {
			t.Fatal(err)
		}
		pn, err := dst.Notices(f)
		if err != nil {
			t.Fatal(err)
		}
		for i := range bn {
			normNotice(&bn[i])
		}
		if len(bn) == 0 || !reflect.DeepEqual(bn, pn) {
			t.Errorf("notices %+v:\nbbolt      %+v\nPostgreSQL %+v", f, bn, pn)
		}
	}
	bh, err := src.HostFacts(d.referralID)
	if err != nil {
		t.Fatal(err)
	}
	if ph, err := dst.HostFacts(d.referralID); err != nil || len(bh) != 1 || !reflect.DeepEqual(bh, ph) {
		t.Errorf("host facts:\nbbolt      %+v\nPostgreSQL %+v, %v", bh, ph, err)
	}
	n, err := dst.Notice(d.noticeID)
	if err != nil || n.Status != casework.NoticeSent || len(n.Items) != 2 || len(n.Items[0].Checks) != 1 {
		t.Fatalf("the sent notice: %+v, %v", n, err)
	}
	ev, body, err := dst.CheckResponse(n.Items[0].Checks[0].Evidence)
	if err != nil || string(body) != string(d.checkBody) || ev.Header.Get("X-Check") != "1" {
		t.Errorf("check response: %+v %q %v", ev, body, err)
	}
	bu, _ := src.Users()
	pu, err := dst.Users()
	for i := range bu {
		bu[i].Created, bu[i].Updated, bu[i].PasswordSet = pgT(bu[i].Created), pgT(bu[i].Updated), pgT(bu[i].PasswordSet)
	}
	if err != nil || len(bu) != 3 || !reflect.DeepEqual(bu, pu) {
		t.Errorf("users:\n%+v\n%+v %v", bu, pu, err)
	}
	if s, err := dst.Session("tok1"); err != nil || s.User != "alice" || s.Addr != "192.0.2.1" {
		t.Errorf("session: %+v %v", s, err)
	}
	ba, _ := src.AuditEntries(store.AuditFilter{})
	pa, err := dst.AuditEntries(store.AuditFilter{})
	if err != nil || !reflect.DeepEqual(ba, pa) {
		t.Errorf("audit entries differ (%v)", err)
	}
	bm, _ := src.ActiveModel()
	pm, err := dst.ActiveModel()
	if err != nil || string(pm.Content) != string(bm.Content) || pm.Version != "m@1+fff" || pm.Seq != bm.Seq {
		t.Errorf("active model %+v, %v", pm, err)
	}
	var packs int
	var packContent string
	if err := dst.Store().Pool().QueryRow(context.Background(),
		`SELECT count(*), max(convert_from(content, 'UTF8')) FILTER (WHERE version = 'cert@2+def') FROM activations WHERE kind = 'pack'`).Scan(&packs, &packContent); err != nil || packs != 2 || packContent != "name: cert\nrules: [x]\n" {
		t.Errorf("pack activations: %d %q %v", packs, packContent, err)
	}
	if ch, err := dst.ModelChannels(); err != nil || len(ch) != 1 || !ch[0].On {
		t.Errorf("model channels %+v %v", ch, err)
	}
	if msgs, err := dst.Messages(10); err != nil || len(msgs) != 1 || msgs[0].Subject != "日报" {
		t.Errorf("outbox %+v %v", msgs, err)
	}
	// Search finds the imported cases as the source does.
	fc, err := src.Case(d.flagged[0])
	if err != nil {
		t.Fatal(err)
	}
	bs, berr := src.Search(store.SearchQuery{Text: fc.URL})
	ps, perr := dst.Search(store.SearchQuery{Text: fc.URL})
	if berr != nil || perr != nil || ps.Total == 0 || ps.Total != bs.Total || ps.Cases[0].ID != bs.Cases[0].ID {
		t.Errorf("search %q: bbolt %+v %v, PostgreSQL %+v %v", fc.URL, bs, berr, ps, perr)
	}
	if lc, err := dst.LinkedCases(d.flagged[0]); err != nil || len(lc) == 0 {
		t.Errorf("linked cases of case %d: %+v %v", d.flagged[0], lc, err)
	}
	if pending, done, err := dst.FrontierCounts(1); err != nil || pending != 1 || done != 13 {
		t.Errorf("frontier of sweep 1: %d pending, %d done, %v; want 1, 13", pending, done, err)
	}
	var unflagged, rowsPending int
	if err := dst.Store().Pool().QueryRow(context.Background(), `SELECT
		(SELECT count(*) FROM frontier f JOIN hosts h USING (host) WHERE f.state = 'pending' AND NOT h.has_pending),
		(SELECT count(*) FROM frontier WHERE state = 'pending')`).Scan(&unflagged, &rowsPending); err != nil || unflagged != 0 || rowsPending != 1 {
		t.Errorf("%d pending frontier rows on hosts not flagged has_pending, %d pending rows (%v); want 0, 1", unflagged, rowsPending, err)
	}

	// The moved database goes on: the chain continues, new ids follow the
	// copied ones.
	head := r.AuditHead
	e, err := dst.Audit(store.AuditEntry{Actor: "alice", Action: "login"})
	if err != nil || e.Prev != head {
		t.Errorf("first PostgreSQL audit entry %+v, %v; want prev %s", e, err, head)
	}
	if v, err := dst.VerifyAudit(); err != nil || !v.OK() {
		t.Errorf("chain after the move: %+v %v", v, err)
	}
	sw := &store.Sweep{}
	if err := dst.StartSweep(sw); err != nil || sw.ID != 3 {
		t.Errorf("new sweep id %d, %v; want 3", sw.ID, err)
	}
	res, err := dst.Record(districtObservation(sw.ID, 100, ""))
	if err != nil || res.CaseID != uint64(len(d.flagged)+1) {
		t.Errorf("new case %+v, %v; want id %d", res, err, len(d.flagged)+1)
	}
	if _, err := pgstore.ImportBolt(context.Background(), src, dst, pgstore.ImportOptions{}); !errors.Is(err, pgstore.ErrNotEmpty) {
		t.Errorf("a second import: %v, want ErrNotEmpty", err)
	}
}

// TestImportDetectsDamage: a blob changed in the blob store, a row changed
// in the copy and a cut audit tail each fail verification, naming what.
func TestImportDetectsDamage(t *testing.T) {
	d := buildDistrict(t, 8)
	src := openBolt(t, d.path)
	dst, _, dir := importTarget(t)
	if r, err := importAndVerify(t, src, dst, pgstore.ImportOptions{Sample: -1}); err != nil {
		t.Fatalf("clean import: %v %+v", err, r)
	}
	verify := func(want string) {
		t.Helper()
		r, err := pgstore.VerifyImport(context.Background(), src, dst, pgstore.ImportOptions{Sample: -1})
		if !errors.Is(err, pgstore.ErrMismatch) || !strings.Contains(strings.Join(r.Problems, "\n"), want) {
			t.Errorf("verify: %v, problems %q; want ErrMismatch naming %q", err, r.Problems, want)
		}
	}
	// One blob's bytes changed.
	var victim string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && victim == "" {
			victim = p
		}
		return err
	})
	if err != nil || victim == "" {
		t.Fatalf("no blob under %s: %v", dir, err)
	}
	orig, err := os.ReadFile(victim)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(victim, append(orig, 'x'), 0o600); err != nil {
		t.Fatal(err)
	}
	verify("blob " + filepath.Base(victim)[:8])
	if err := os.WriteFile(victim, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	// A case's title changed in the copy.
	exec := func(sql string) {
		t.Helper()
		if _, err := dst.Store().Pool().Exec(context.Background(), sql); err != nil {
			t.Fatal(err)
		}
	}
	exec(`UPDATE cases SET title = title || '改' WHERE id = 3`)
	verify("case 3 differs: .Title")
	exec(`UPDATE cases SET title = replace(title, '改', '') WHERE id = 3`)
	// A decision missing.
	exec(`DELETE FROM decisions WHERE seq = (SELECT max(seq) FROM decisions)`)
	verify("table decisions")
	// The audit tail cut.
	exec(`DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)`)
	verify("audit head: PostgreSQL 18 entries") // 19 in bbolt: 17 before, a claim and a comment
}
