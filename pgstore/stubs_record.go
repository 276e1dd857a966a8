package pgstore

// Stubs for the sweep side: sweeps, the per-sweep frontier, Record and what reads cases, snapshots and contacts, the outbox, Healthy, replaced method by method; this file goes when
// it is empty.

import (
	"encoding/json"
	"github.com/certwatch/certwatch/store"
	"time"
)

func (b *Backend) AddFrontier(p0 uint64, p1 []store.FrontierItem) (int, error) {
	return 0, notYet("AddFrontier")
}

func (b *Backend) Case(p0 uint64) (*store.Case, error) {
	return nil, notYet("Case")
}

func (b *Backend) CaseContacts(p0 uint64) ([]store.CaseContact, error) {
	return nil, notYet("CaseContacts")
}

func (b *Backend) Cases(p0 store.CaseFilter) ([]store.Case, error) {
	return nil, notYet("Cases")
}

func (b *Backend) DueMessages(p0 time.Time, p1 int) ([]store.Message, error) {
	return nil, notYet("DueMessages")
}

func (b *Backend) Enqueue(p0 ...store.Message) error {
	return notYet("Enqueue")
}

func (b *Backend) FinishSweep(p0 uint64, p1 string, p2 json.RawMessage) error {
	return notYet("FinishSweep")
}

func (b *Backend) FrontierCounts(p0 uint64) (int, int, error) {
	return 0, 0, notYet("FrontierCounts")
}

func (b *Backend) Healthy() error {
	return notYet("Healthy")
}

func (b *Backend) LinkedCases(p0 uint64) ([]store.LinkedCase, error) {
	return nil, notYet("LinkedCases")
}

func (b *Backend) MarkDone(p0 uint64, p1 string, p2 string) error {
	return notYet("MarkDone")
}

func (b *Backend) MessageAttempt(p0 uint64, p1 error, p2 time.Time) error {
	return notYet("MessageAttempt")
}

func (b *Backend) Messages(p0 int) ([]store.Message, error) {
	return nil, notYet("Messages")
}

func (b *Backend) PendingFrontier(p0 uint64, p1 int) ([]store.FrontierItem, error) {
	return nil, notYet("PendingFrontier")
}

func (b *Backend) Record(p0 store.Observation) (store.RecordResult, error) {
	return store.RecordResult{}, notYet("Record")
}

func (b *Backend) RecordPageFollow(p0 uint64, p1 string, p2 store.PageRecord, p3 []store.FrontierItem) (int, error) {
	return 0, notYet("RecordPageFollow")
}

func (b *Backend) RunningSweep() (*store.Sweep, error) {
	return nil, notYet("RunningSweep")
}

func (b *Backend) Sightings(p0 uint64) ([]store.Sighting, error) {
	return nil, notYet("Sightings")
}

func (b *Backend) Snapshot(p0 uint64) (*store.Snapshot, error) {
	return nil, notYet("Snapshot")
}

func (b *Backend) SnapshotBody(p0 uint64) ([]byte, error) {
	return nil, notYet("SnapshotBody")
}

func (b *Backend) SnapshotScreenshot(p0 uint64) ([]byte, error) {
	return nil, notYet("SnapshotScreenshot")
}

func (b *Backend) SnapshotText(p0 uint64) (*store.SnapshotText, error) {
	return nil, notYet("SnapshotText")
}

func (b *Backend) Snapshots(p0 uint64) ([]store.Snapshot, error) {
	return nil, notYet("Snapshots")
}

func (b *Backend) StartSweep(p0 *store.Sweep) error {
	return notYet("StartSweep")
}

func (b *Backend) Sweep(p0 uint64) (*store.Sweep, error) {
	return nil, notYet("Sweep")
}

func (b *Backend) Sweeps(p0 int) ([]store.Sweep, error) {
	return nil, notYet("Sweeps")
}
