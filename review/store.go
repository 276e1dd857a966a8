package review

import (
	"time"

	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/tuning"
)

// Store is everything the review server reads and decides, grouped by
// what it serves; *store.Store (bbolt) implements it, and
// store/storetest is the suite a second backend must pass.
type Store interface {
	CaseStore
	NoticeStore
	NoticeTracker
	AccountStore
	AuditLog
	EvidenceStore
	MergeStore
	ClaimStore   // claims and reassignment (assign_store.go)
	CommentStore // comments on cases (assign_store.go)
	QueueStore
	SearchStore
	HostFactsStore  // host facts for referrals (hostfacts_store.go)
	detect.Settings // the detection in force (model channels, active models)
	tuning.Store    // re-scoring stored cases against candidate rules
	SetModelChannel(actor, category string, on bool) error
	Sweeps(limit int) ([]store.Sweep, error)
	Sweep(id uint64) (*store.Sweep, error)
	Messages(limit int) ([]store.Message, error)
	PeriodReport(from, to time.Time, opts store.ReportOptions) (*store.PeriodReport, error)
	// Healthy reports whether the database is the one opened and usable.
	Healthy() error
}

// CaseStore is the case queue and the decisions taken on it.
type CaseStore interface {
	Case(id uint64) (*store.Case, error)
	// CaseFinding is Case with the finding decoded, for the case page
	// (nil when the case has none).
	CaseFinding(id uint64) (*store.Case, *finding.Finding, error)
	Cases(f store.CaseFilter) ([]store.Case, error)
	Decide(d store.Decision) (*store.Case, *store.Decision, error)
	Decisions(caseID uint64) ([]store.Decision, error)
	LinkedCases(caseID uint64) ([]store.LinkedCase, error)
	Sightings(caseID uint64) ([]store.Sighting, error)
}

// NoticeStore is the notices drafted from decisions and moved through
// approval (approver ≠ drafter), sending and removal checks.
type NoticeStore interface {
	Notice(id uint64) (*store.Notice, error)
	Notices(f store.NoticeFilter) ([]store.Notice, error)
	MoveNotice(id uint64, m store.NoticeMove) (*store.Notice, error)
}

// AccountStore is users and sessions, and the sign-in limits.
type AccountStore interface {
	LoginStore
	User(name string) (*store.User, error)
	Users() ([]store.User, error)
	CreateUser(actor string, u store.User) error
	UpdateUser(actor, name string, ch store.UserChange) (*store.User, error)
	CreateSession(sess store.Session) error
	Session(tokenHash string) (*store.Session, error)
	DeleteSession(tokenHash string) error
}

// LoginStore is what the sign-in throttle keeps: failures, lockouts and
// bursts of refused attempts.
type LoginStore interface {
	LoginState(user string, knownSince time.Time, keys ...string) ([]store.LoginAttempts, []string, error)
	RecordLoginFailure(f store.LoginFailure) error
	LoginSucceeded(user, addr string, at time.Time, refused store.RefusedLogins, clear ...string) error
	FlushLoginBursts(now time.Time, all bool, refused map[string]store.RefusedLogins) (time.Time, error)
}

// AuditLog is the hash-chained audit trail.
type AuditLog interface {
	Audit(e store.AuditEntry) (store.AuditEntry, error)
	AuditEntries(f store.AuditFilter) ([]store.AuditEntry, error)
	VerifyAudit() (*store.AuditReport, error)
}

// EvidenceStore is the stored pages of a case and its export.
type EvidenceStore interface {
	Snapshot(id uint64) (*store.Snapshot, error)
	Snapshots(caseID uint64) ([]store.Snapshot, error)
	SnapshotText(id uint64) (*store.SnapshotText, error)
	SnapshotBody(snapshotID uint64) ([]byte, error)
	SnapshotScreenshot(snapshotID uint64) ([]byte, error)
	CheckResponse(id uint64) (*store.CheckEvidence, []byte, error)
	ExportEvidence(caseID uint64, dir string) (*store.Manifest, error)
}

var (
	_ Store      = (*store.Store)(nil)
	_ LoginStore = (*store.Store)(nil)
)
