package sweep

import (
	"encoding/json"
	"time"

	"github.com/certwatch/certwatch/store"
)

// The interfaces below are what this package needs from a database, each
// exactly the methods its user calls; *store.Store (bbolt) implements all
// of them, and store/storetest is the suite a second backend must pass.

// Frontier is a sweep's resumable work list: URLs added once, read back in
// order while pending, marked done when handled. A sweep resumed after a
// crash reads what is still pending; nothing is fetched twice once marked.
type Frontier interface {
	AddFrontier(sweepID uint64, items []store.FrontierItem) (added int, err error)
	PendingFrontier(sweepID uint64, limit int) ([]store.FrontierItem, error)
	MarkDone(sweepID uint64, url, outcome string) error
	FrontierCounts(sweepID uint64) (pending, done int, err error)
	// RecordPageFollow records a fetched page, marks its frontier URL done
	// and adds the links it follows, all or nothing.
	RecordPageFollow(sweepID uint64, frontierURL string, p store.PageRecord, follow []store.FrontierItem) (added int, err error)
}

// Store is what a Sweeper writes and reads: its sweep rows, its frontier
// and the findings it records.
type Store interface {
	Frontier
	StartSweep(sw *store.Sweep) error
	FinishSweep(id uint64, status string, stats json.RawMessage) error
	RunningSweep() (*store.Sweep, error)
	Sweeps(limit int) ([]store.Sweep, error)
	Record(o store.Observation) (store.RecordResult, error)
}

// DigestStore is what BuildDigest reads.
type DigestStore interface {
	Sweep(id uint64) (*store.Sweep, error)
	Cases(f store.CaseFilter) ([]store.Case, error)
}

// Outbox is what a Notifier queues digests in and delivers from.
type Outbox interface {
	Enqueue(msgs ...store.Message) error
	DueMessages(now time.Time, limit int) ([]store.Message, error)
	MessageAttempt(id uint64, err error, next time.Time) error
}

// NoticeStore is what a RemovalChecker reads and records removal checks in.
type NoticeStore interface {
	Notice(id uint64) (*store.Notice, error)
	DueNotices(now time.Time) ([]store.Notice, error)
	Case(id uint64) (*store.Case, error)
	CaseContacts(caseID uint64) ([]store.CaseContact, error)
	Snapshot(id uint64) (*store.Snapshot, error)
	Relisted(caseID uint64, contacts []store.CaseContact, contentKey string, since time.Time) (uint64, error)
	RecordChecks(id uint64, round int, by string, checks []store.ItemCheck) (*store.Notice, error)
}

var (
	_ Store       = (*store.Store)(nil)
	_ DigestStore = (*store.Store)(nil)
	_ Outbox      = (*store.Store)(nil)
	_ NoticeStore = (*store.Store)(nil)
)

// WatchRecorder is where discover.watch records each re-check of a known
// imitation site, for the case page; a Store without it records none.
type WatchRecorder interface {
	RecordWatchCheck(c store.WatchCheck) error
}

var _ WatchRecorder = (*store.Store)(nil)
