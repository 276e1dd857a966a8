package pgstore_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// TestPackActivations: activate, refuse the same bytes again, replace,
// deactivate, refuse a second deactivation; the active pack's bytes come
// back checked, the history lists every change without content, and each
// change is audited. The model history behaves the same (one code path),
// apart from the pack's.
func TestPackActivations(t *testing.T) {
	b, other := twoProcesses(t)
	if _, err := b.ActivePack(); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("ActivePack on a new database: %v; want ErrNotFound", err)
	}
	if err := b.DeactivatePack("ann"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("DeactivatePack with none active: %v; want ErrNotFound", err)
	}
	if err := b.ActivatePack("", "a.yaml", []byte("x"), "v1"); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("activation without an actor: %v; want ErrInvalid", err)
	}
	v1, v2 := []byte("name: a\nversion: 1\n"), []byte("name: a\nversion: 2\n")
	if err := b.ActivatePack("ann", "a.yaml", v1, "a@1"); err != nil {
		t.Fatal(err)
	}
	if err := other.ActivatePack("bob", "a.yaml", v1, "a@1"); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("the active bytes again, from another server: %v; want ErrConflict", err)
	}
	if err := other.ActivatePack("bob", "b.yaml", v2, "a@2"); err != nil {
		t.Fatal(err)
	}
	ap, err := b.ActivePack()
	sum := sha256.Sum256(v2)
	if err != nil || string(ap.Content) != string(v2) || ap.Version != "a@2" || ap.By != "bob" || ap.File != "b.yaml" ||
		ap.SHA256 != hex.EncodeToString(sum[:]) || ap.Size != len(v2) || ap.Seq != 2 {
		t.Fatalf("ActivePack = %+v, %v; want bob's a@2, activation 2", ap, err)
	}
	if _, err := b.ActiveModel(); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a pack activation made a model active: %v", err)
	}
	if err := b.DeactivatePack("carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ActivePack(); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("ActivePack after deactivation: %v; want ErrNotFound", err)
	}
	if err := b.DeactivatePack("carol"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second deactivation: %v; want ErrNotFound", err)
	}
	h, err := b.PackHistory()
	if err != nil || len(h) != 3 {
		t.Fatalf("PackHistory = %+v, %v; want 3 entries", h, err)
	}
	for i, want := range []struct {
		by, version string
		off         bool
	}{{"ann", "a@1", false}, {"bob", "a@2", false}, {"carol", "", true}} {
		if h[i].Seq != uint64(i+1) || h[i].By != want.by || h[i].Version != want.version || h[i].Deactivated != want.off || h[i].Content != nil {
			t.Errorf("history[%d] = %+v; want %+v without content", i, h[i], want)
		}
	}
	entries, err := b.AuditEntries(store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range slices.Backward(entries) { // newest first
		actions = append(actions, e.Action+" "+e.Object)
	}
	want := []string{"rules.activate pack:a@1", "rules.activate pack:a@2", "rules.deactivate pack:a@2"}
	if !reflect.DeepEqual(actions, want) {
		t.Fatalf("audit %v; want %v", actions, want)
	}
	if rep, err := b.VerifyAudit(); err != nil || !rep.OK() {
		t.Fatalf("audit chain %+v, %v", rep, err)
	}

	if err := b.ActivateModel("ann", "m.json", []byte(`{"m":1}`), "m@1"); err != nil {
		t.Fatal(err)
	}
	if m, err := other.ActiveModel(); err != nil || m.Version != "m@1" || m.Seq != 1 {
		t.Fatalf("ActiveModel = %+v, %v; want m@1, its history's first", m, err)
	}
	if err := other.DeactivateModel("bob"); err != nil {
		t.Fatal(err)
	}
	if mh, err := b.ModelHistory(); err != nil || len(mh) != 2 || !mh[1].Deactivated {
		t.Fatalf("ModelHistory = %+v, %v", mh, err)
	}
}

// counter is what TestStatusCountsAsBbolt does on both backends.
type counter interface {
	StartSweep(sw *store.Sweep) error
	Record(o store.Observation) (store.RecordResult, error)
	Decide(d store.Decision) (*store.Case, *store.Decision, error)
	MoveNotice(id uint64, m store.NoticeMove) (*store.Notice, error)
	Enqueue(msgs ...store.Message) error
	StatusCounts(now time.Time) (store.StatusCounts, error)
}

// caseWork records five flagged pages, confirms three (two to one
// recipient, one on a route needing approval, left pending), dismisses one, sends one notice and queues
// two messages, on st.
func caseWork(t *testing.T, st counter) {
	t.Helper()
	sw := store.Sweep{ConfigHash: "cfg"}
	if err := st.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for i := range 5 {
		url := fmt.Sprintf("https://forum.example/%d", i)
		body := []byte("<html>出售安全员证 " + url + "</html>")
		sum := sha256.Sum256(body)
		res, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: store.CanonicalURL(url), URL: url, FinalURL: url,
			SourceID: "forum", Title: "办证", FetchedAt: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), Status: 200, Body: body,
			Flagged: true, Score: 0.9, Category: "fake_certificate", ContentKey: hex.EncodeToString(sum[:])})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CaseID)
	}
	police := confirm(ids[2], "carol", "公安乙")
	police.Route = casework.RoutePoliceReferral // pending approval
	var first *store.Case
	for i, d := range []store.Decision{
		confirm(ids[0], "carol", "平台甲"), confirm(ids[1], "carol", "平台甲"), police,
		{CaseID: ids[3], Action: casework.ActionDismiss, By: "carol", Reason: casework.DismissFalsePositive},
	} {
		c, _, err := st.Decide(d)
		if err != nil {
			t.Fatalf("decision %d: %v", i, err)
		}
		if i == 0 {
			first = c
		}
	}
	c := first
	if _, err := st.MoveNotice(c.NoticeID, approveAs("函〔2026〕1号")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveNotice(c.NoticeID, store.NoticeMove{To: casework.NoticeSent, By: "boss"}); err != nil {
		t.Fatal(err)
	}
	msg := store.Message{Kind: "webhook", Target: "https://hook.example/", Payload: json.RawMessage(`{}`)}
	if err := st.Enqueue(msg, msg); err != nil {
		t.Fatal(err)
	}
}

// TestStatusCountsAsBbolt: the same case work on PostgreSQL and on bbolt
// gives the same status counts, before the sent notice's deadline and
// after it (overdue).
func TestStatusCountsAsBbolt(t *testing.T) {
	pg, _ := twoProcesses(t)
	bolt, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	caseWork(t, pg)
	caseWork(t, bolt)
	for _, now := range []time.Time{time.Now(), time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)} {
		want, err := bolt.StatusCounts(now)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pg.StatusCounts(now)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("at %v: PostgreSQL counts %+v; bbolt %+v", now, got, want)
		}
		if got.Cases[casework.CaseConfirmed]+got.Cases[casework.CasePendingApproval] != 3 || got.OutboxPending != 2 {
			t.Errorf("at %v: counts %+v; want 3 confirmed or pending approval, 2 messages pending", now, got)
		}
	}
}
