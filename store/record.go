package store

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	bolt "go.etcd.io/bbolt"
)

// Observation is one flagged page as a sweep saw it: the evidence as
// fetched and the matcher's finding.
type Observation struct {
	SweepID uint64
	// FrontierURL is the frontier item this completes; it is marked done in
	// the same transaction. Empty for observations outside a frontier.
	FrontierURL string
	// Outcome is the crawler's outcome for the frontier item (default
	// "ok").
	Outcome string
	// CaseKey identifies the case: the canonical URL, or
	// "listing:<source>:<id>" when the source has listing ids.
	CaseKey       string
	URL, FinalURL string
	SourceID      string
	Title         string
	FetchedAt     time.Time // default: the store's clock
	Status        int
	Header        http.Header
	Body          []byte // raw bytes as fetched
	// BodySHA256 is the hex SHA-256 of Body; computed when empty, and
	// Record fails when it does not match.
	BodySHA256 string
	Truncated  bool
	RemoteAddr string // ip:port
	Rendered   bool
	Screenshot []byte // PNG or nil
	// ScreenshotSHA256 is checked and computed like BodySHA256.
	ScreenshotSHA256 string
	// Flagged is informational: Record is for flagged pages (RecordPage
	// for the rest) and stores its page record as flagged.
	Flagged  bool
	Score    float64
	Category string
	Finding  json.RawMessage // the finding, encoded by finding.Encode
	// PageTitle and Text are what the matcher read (the finding's match
	// offsets point into them); kept with a new snapshot.
	PageTitle, Text string
	// ContentKey is what "changed content" means for this case (e.g. the
	// SHA-256 of the normalized text): a new snapshot is kept when it
	// differs from the latest snapshot's. Default: BodySHA256.
	ContentKey string
	// Contacts are the finding's personal contacts, added to the contact
	// index that links cases of the same seller (see CaseContact).
	Contacts []CaseContact
	// Follow are the frontier items the page leads to (its links), added
	// to the sweep's frontier in the same transaction as AddFrontier
	// would: a crash never leaves the item done without them.
	Follow []FrontierItem
}

// RecordResult says what Record added.
type RecordResult struct {
	CaseID      uint64
	NewCase     bool
	NewSnapshot bool
	NewSighting bool
	SnapshotID  uint64 // the case's latest snapshot after the call
	// Added counts the items of Observation.Follow the frontier took.
	Added int
}

// Case is one suspicious URL or listing followed across sweeps.
type Case struct {
	ID        uint64    `json:"id"`
	Key       string    `json:"key"`
	URL       string    `json:"url"` // as last seen
	SourceID  string    `json:"source_id,omitempty"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	LastSweep uint64    `json:"last_sweep"` // the latest sweep that saw it
	Category  string    `json:"category,omitempty"`
	Score     float64   `json:"score"`
	Title     string    `json:"title,omitempty"`
	Sightings int       `json:"sightings"`
	Snapshots int       `json:"snapshots"`
	// LatestSnapshot is the id of the newest snapshot.
	LatestSnapshot uint64              `json:"latest_snapshot"`
	Status         casework.CaseStatus `json:"status"`
	Finding        json.RawMessage     `json:"finding,omitempty"`     // encoded (see package finding)
	FirstSweep     uint64              `json:"first_sweep,omitempty"` // the sweep that found it
	// SuggestedRoute is the route the finding suggests (read from it, not
	// stored apart).
	SuggestedRoute casework.Route `json:"-"`
	// Channel is the detection channel that flagged the finding (rules,
	// model, rules+model; "" for findings from before the learned stage),
	// read from the finding like SuggestedRoute.
	Channel string `json:"-"`

	// Review (see Decide).
	Route         casework.Route         `json:"route,omitempty"`     // chosen when confirmed
	Recipient     string                 `json:"recipient,omitempty"` // who the notice goes to
	DismissReason casework.DismissReason `json:"dismiss_reason,omitempty"`
	ConfirmedBy   string                 `json:"confirmed_by,omitempty"`
	ApprovedBy    string                 `json:"approved_by,omitempty"` // referrals: the second person
	DecidedBy     string                 `json:"decided_by,omitempty"`
	DecidedAt     time.Time              `json:"decided_at,omitempty"`
	NoticeID      uint64                 `json:"notice_id,omitempty"`
	// Latest removal check after a notice.
	Removal       casework.Outcome `json:"removal,omitempty"`
	RemovalDetail string           `json:"removal_detail,omitempty"`
	RemovalAt     time.Time        `json:"removal_at,omitempty"`
}

// caseRecord is a case as stored.
type caseRecord struct {
	Case
	ContentKey string `json:"content_key"` // of the latest snapshot
}

// Sighting says a sweep saw a case; at most one per case and sweep.
type Sighting struct {
	CaseID     uint64    `json:"case_id"`
	SweepID    uint64    `json:"sweep_id"`
	SeenAt     time.Time `json:"seen_at"`
	SnapshotID uint64    `json:"snapshot_id"` // the case's latest snapshot when seen
}

// Snapshot is one version of a case's page kept as evidence. The body and
// screenshot are read with SnapshotBody and SnapshotScreenshot.
type Snapshot struct {
	ID               uint64          `json:"id"`
	CaseID           uint64          `json:"case_id"`
	SweepID          uint64          `json:"sweep_id"`
	URL              string          `json:"url"`
	FinalURL         string          `json:"final_url,omitempty"`
	FetchedAt        time.Time       `json:"fetched_at"`
	Status           int             `json:"status"`
	Header           http.Header     `json:"header,omitempty"`
	BodySHA256       string          `json:"body_sha256"`
	BodySize         int             `json:"body_size"`
	Truncated        bool            `json:"truncated,omitempty"`
	RemoteAddr       string          `json:"remote_addr,omitempty"`
	Rendered         bool            `json:"rendered,omitempty"`
	ScreenshotSHA256 string          `json:"screenshot_sha256,omitempty"`
	Title            string          `json:"title,omitempty"`
	Score            float64         `json:"score"`
	Category         string          `json:"category,omitempty"`
	Finding          json.RawMessage `json:"finding,omitempty"`
	ContentKey       string          `json:"content_key"`
}

// PageRecord is the latest fetch of a URL, flagged or not.
type PageRecord struct {
	URL        string    `json:"url"`
	FinalURL   string    `json:"final_url,omitempty"`
	SweepID    uint64    `json:"sweep_id"`
	SourceID   string    `json:"source_id,omitempty"`
	Status     int       `json:"status"`
	FetchedAt  time.Time `json:"fetched_at"`
	BodySHA256 string    `json:"body_sha256,omitempty"`
	BodySize   int       `json:"body_size"`
	Outcome    string    `json:"outcome"`
	Truncated  bool      `json:"truncated,omitempty"`
	Flagged    bool      `json:"flagged,omitempty"`
	CaseID     uint64    `json:"case_id,omitempty"` // when flagged
}

// DefaultOutcome is the frontier outcome of a recorded page.
const DefaultOutcome = "ok"

// Record stores a flagged page in one transaction: the case (created if
// new), a sighting for (case, sweep) unless there is one, a snapshot when
// the case has none or its content key changed, the case's latest state,
// the page record, and the frontier item marked done. Recording the same
// observation again changes nothing but the case's latest state.
func (s *Store) Record(o Observation) (RecordResult, error) {
	if err := CheckFrontierItems(o.Follow); err != nil {
		return RecordResult{}, fmt.Errorf("store: record case %s: follow: %w", o.CaseKey, err)
	}
	if err := o.Prepare(s.now()); err != nil {
		return RecordResult{}, fmt.Errorf("store: record case %s: %w", o.CaseKey, err)
	}
	var res RecordResult
	err := s.batched(func(tx *bolt.Tx) error {
		var err error
		res, err = record(tx, &o) // runs afresh if Batch retries it
		return err
	})
	if err != nil {
		return RecordResult{}, fmt.Errorf("store: record case %s: %w", o.CaseKey, err)
	}
	s.terms.recorded(res, &o)
	return res, nil
}

// Prepare validates o and fills in its defaults and hashes as Record does
// before its transaction (every backend's Record calls it): the body's and
// screenshot's SHA-256 computed or checked, the content key, the outcome,
// and FetchedAt (now when zero) in UTC.
func (o *Observation) Prepare(now time.Time) error {
	if o.CaseKey == "" {
		return fmt.Errorf("no case key")
	}
	if o.SweepID == 0 {
		return fmt.Errorf("no sweep id")
	}
	if o.Finding != nil && !json.Valid(o.Finding) {
		return fmt.Errorf("finding is not valid JSON")
	}
	var err error
	if o.BodySHA256, err = checkHash("body", o.Body, o.BodySHA256); err != nil {
		return err
	}
	if o.Screenshot != nil {
		if o.ScreenshotSHA256, err = checkHash("screenshot", o.Screenshot, o.ScreenshotSHA256); err != nil {
			return err
		}
	} else {
		o.ScreenshotSHA256 = ""
	}
	if o.ContentKey == "" {
		o.ContentKey = o.BodySHA256
	}
	if o.Outcome == "" {
		o.Outcome = DefaultOutcome
	}
	if o.FetchedAt.IsZero() {
		o.FetchedAt = now
	}
	o.FetchedAt = o.FetchedAt.UTC()
	return nil
}

// checkHash returns the hex SHA-256 of data, failing when want is given
// and differs: evidence must not carry a hash that is not its own.
func checkHash(what string, data []byte, want string) (string, error) {
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	if want != "" && !strings.EqualFold(want, got) {
		return "", fmt.Errorf("%s SHA-256 %s does not match the %s (%s)", what, want, what, got)
	}
	return got, nil
}

// record is Record inside a transaction. It must be idempotent: with
// Batch, bbolt may roll back and run it again.
func record(tx *bolt.Tx, o *Observation) (RecordResult, error) {
	var res RecordResult
	if tx.Bucket(bucketSweeps).Get(u64(o.SweepID)) == nil {
		return res, fmt.Errorf("sweep %d: %w", o.SweepID, ErrNotFound)
	}
	cases, keys := tx.Bucket(bucketCases), tx.Bucket(bucketCaseKeys)
	ck := stringKey(o.CaseKey)

	var c caseRecord
	if id := keys.Get(ck); id != nil {
		ok, err := getJSON(cases, id, &c)
		if err != nil {
			return res, err
		}
		if !ok {
			return res, fmt.Errorf("case %d: %w (index is inconsistent)", binary.BigEndian.Uint64(id), ErrNotFound)
		}
	} else {
		id, err := cases.NextSequence()
		if err != nil {
			return res, err
		}
		c = caseRecord{Case: Case{
			ID: id, Key: o.CaseKey, SourceID: o.SourceID,
			FirstSeen: o.FetchedAt, Status: casework.CaseOpen, FirstSweep: o.SweepID,
		}}
		if err := keys.Put(ck, u64(id)); err != nil {
			return res, err
		}
		res.NewCase = true
	}
	res.CaseID = c.ID

	if c.Snapshots == 0 || c.ContentKey != o.ContentKey {
		id, err := putSnapshot(tx, c.ID, o)
		if err != nil {
			return res, err
		}
		c.LatestSnapshot, c.ContentKey = id, o.ContentKey
		c.Snapshots++
		res.NewSnapshot = true
	}
	res.SnapshotID = c.LatestSnapshot

	sightings := tx.Bucket(bucketSightings)
	sk := pairKey(c.ID, o.SweepID)
	if sightings.Get(sk) == nil {
		sg := Sighting{CaseID: c.ID, SweepID: o.SweepID, SeenAt: o.FetchedAt, SnapshotID: c.LatestSnapshot}
		if err := putJSON(sightings, sk, &sg); err != nil {
			return res, err
		}
		c.Sightings++
		res.NewSighting = true
	}

	// The case shows its latest state; an older observation recorded late
	// (out of order) does not roll it back.
	oldURL := c.URL
	if !o.FetchedAt.Before(c.LastSeen) {
		c.LastSeen = o.FetchedAt
		c.URL = cmp.Or(o.FinalURL, o.URL, c.URL)
		c.Title, c.Score, c.Category = o.Title, o.Score, o.Category
		if o.Finding != nil {
			c.Finding = o.Finding
		}
		if o.SourceID != "" {
			c.SourceID = o.SourceID
		}
	}
	c.LastSweep = max(c.LastSweep, o.SweepID)
	if err := putCase(tx, &c); err != nil {
		return res, err
	}
	if err := indexContacts(tx, c.ID, o.Contacts); err != nil {
		return res, err
	}
	if err := indexPivots(tx, &c, oldURL, o, res.NewSnapshot); err != nil {
		return res, err
	}

	page := PageRecord{
		URL: cmp.Or(o.URL, o.FrontierURL), FinalURL: o.FinalURL, SweepID: o.SweepID,
		SourceID: o.SourceID, Status: o.Status, FetchedAt: o.FetchedAt,
		BodySHA256: o.BodySHA256, BodySize: len(o.Body), Outcome: o.Outcome,
		Truncated: o.Truncated, Flagged: true, CaseID: c.ID,
	}
	if page.URL != "" {
		if err := putJSON(tx.Bucket(bucketPages), stringKey(CanonicalURL(page.URL)), &page); err != nil {
			return res, err
		}
	}
	if len(o.Follow) > 0 {
		added, err := addFollowTx(tx, o.SweepID, o.Follow)
		if err != nil {
			return res, err
		}
		res.Added = added
	}
	if o.FrontierURL != "" {
		if err := markDone(tx, o.SweepID, o.FrontierURL, o.Outcome); err != nil {
			return res, err
		}
	}
	return res, nil
}

// putSnapshot stores a new snapshot of case caseID with its body and
// screenshot.
func putSnapshot(tx *bolt.Tx, caseID uint64, o *Observation) (uint64, error) {
	snaps := tx.Bucket(bucketSnapshots)
	snaps.FillPercent = 1.0 // append-only
	id, err := snaps.NextSequence()
	if err != nil {
		return 0, err
	}
	sn := Snapshot{
		ID: id, CaseID: caseID, SweepID: o.SweepID, URL: o.URL, FinalURL: o.FinalURL,
		FetchedAt: o.FetchedAt, Status: o.Status, Header: o.Header,
		BodySHA256: o.BodySHA256, BodySize: len(o.Body), Truncated: o.Truncated,
		RemoteAddr: o.RemoteAddr, Rendered: o.Rendered, ScreenshotSHA256: o.ScreenshotSHA256,
		Title: o.Title, Score: o.Score, Category: o.Category, Finding: o.Finding,
		ContentKey: o.ContentKey,
	}
	key := u64(id)
	if err := putJSON(snaps, key, &sn); err != nil {
		return 0, err
	}
	bodies := tx.Bucket(bucketBodies)
	bodies.FillPercent = 1.0
	// bbolt holds on to the value until commit, which happens before
	// Record returns: no copy is needed.
	if err := bodies.Put(key, nonNil(o.Body)); err != nil {
		return 0, err
	}
	if o.Screenshot != nil {
		shots := tx.Bucket(bucketScreenshots)
		shots.FillPercent = 1.0
		if err := shots.Put(key, o.Screenshot); err != nil {
			return 0, err
		}
	}
	if o.PageTitle != "" || o.Text != "" {
		texts := tx.Bucket(bucketTexts)
		texts.FillPercent = 1.0
		if err := putJSON(texts, key, &SnapshotText{Title: o.PageTitle, Text: o.Text}); err != nil {
			return 0, err
		}
	}
	if err := tx.Bucket(bucketCaseSnapshots).Put(pairKey(caseID, id), nil); err != nil {
		return 0, err
	}
	return id, nil
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// RecordPage stores the latest fetch of a page that was not flagged and
// marks its frontier item done with p.Outcome (default "ok"), in one
// transaction. p.SweepID is set to sweepID; p.URL defaults to frontierURL.
func (s *Store) RecordPage(sweepID uint64, frontierURL string, p PageRecord) error {
	_, err := s.RecordPageFollow(sweepID, frontierURL, p, nil)
	return err
}

// RecordPageFollow is RecordPage that also adds the frontier items the
// page leads to (as AddFrontier, in the same transaction, so a crash
// never leaves the item done without them) and returns how many the
// frontier took. Concurrent calls share commits (see Throughput).
func (s *Store) RecordPageFollow(sweepID uint64, frontierURL string, p PageRecord, follow []FrontierItem) (added int, err error) {
	p.SweepID = sweepID
	p.URL = cmp.Or(p.URL, frontierURL)
	p.Outcome = cmp.Or(p.Outcome, DefaultOutcome)
	if p.FetchedAt.IsZero() {
		p.FetchedAt = s.now()
	}
	p.FetchedAt = p.FetchedAt.UTC()
	if p.URL == "" {
		return 0, fmt.Errorf("store: record page in sweep %d: no URL", sweepID)
	}
	if err := CheckFrontierItems(follow); err != nil {
		return 0, fmt.Errorf("store: record page %s in sweep %d: follow: %w", p.URL, sweepID, err)
	}
	err = s.batched(func(tx *bolt.Tx) error {
		added = 0 // Batch may run this again
		if tx.Bucket(bucketSweeps).Get(u64(sweepID)) == nil {
			return fmt.Errorf("sweep %d: %w", sweepID, ErrNotFound)
		}
		if err := putJSON(tx.Bucket(bucketPages), stringKey(CanonicalURL(p.URL)), &p); err != nil {
			return err
		}
		if len(follow) > 0 {
			var err error
			if added, err = addFollowTx(tx, sweepID, follow); err != nil {
				return err
			}
		}
		if frontierURL == "" {
			return nil
		}
		return markDone(tx, sweepID, frontierURL, p.Outcome)
	})
	if err != nil {
		return 0, fmt.Errorf("store: record page %s in sweep %d: %w", p.URL, sweepID, err)
	}
	return added, nil
}

// Page returns the latest fetch of a URL (found by CanonicalURL).
func (s *Store) Page(url string) (*PageRecord, error) {
	var p PageRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketPages), stringKey(CanonicalURL(url)), &p)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: page %s: %w", url, err)
	}
	return &p, nil
}

// CaseFilter selects cases.
type CaseFilter struct {
	Category   string // "" for all
	SinceSweep uint64 // only cases seen in this sweep or later; 0 for all
	Limit      int    // <= 0 for all
	// WithFindings fills in Case.Finding. Without it a listing skips the
	// findings (several KB each) without decoding them: the review queue
	// over 20,000 cases went from 2 s to well under 1 s that way.
	WithFindings bool
}

// Cases lists the cases that pass f, highest score first, then by id.
func (s *Store) Cases(f CaseFilter) ([]Case, error) {
	var out []Case
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			c, err := decodeCaseRecord(v, f.WithFindings)
			if err != nil {
				return fmt.Errorf("decode case %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if (f.Category == "" || c.Category == f.Category) && c.LastSweep >= f.SinceSweep {
				out = append(out, c.Case)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: list cases: %w", err)
	}
	slices.SortFunc(out, func(a, b Case) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// Case returns one case.
func (s *Store) Case(id uint64) (*Case, error) {
	var c caseRecord
	err := s.viewCase(id, func(v []byte) (err error) {
		c, err = decodeCaseRecord(v, true)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: case %d: %w", id, err)
	}
	return &c.Case, nil
}

// CaseFinding returns one case with its finding decoded (finding.Decode),
// for the case page: the case is read and its finding decoded once, and
// the suggested route and channel come from the decoded finding instead
// of a second reading (finding.Peek, see Case). The finding is nil when
// the case has none; a finding that does not decode is an error.
func (s *Store) CaseFinding(id uint64) (*Case, *finding.Finding, error) {
	var c caseRecord
	err := s.viewCase(id, func(v []byte) error { return json.Unmarshal(v, &c) })
	if err != nil {
		return nil, nil, fmt.Errorf("store: case %d: %w", id, err)
	}
	if len(c.Finding) == 0 {
		return &c.Case, nil, nil
	}
	f, err := finding.Decode(c.Finding)
	if err != nil {
		return nil, nil, fmt.Errorf("case %d: %w", id, err)
	}
	c.SuggestedRoute, c.Channel = f.Route, f.Channel
	return &c.Case, f, nil
}

// viewCase calls fn with the stored bytes of case id (valid only during
// the call), or returns ErrNotFound.
func (s *Store) viewCase(id uint64, fn func(v []byte) error) error {
	s.boundMapped()
	return s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketCases).Get(u64(id))
		if v == nil {
			return ErrNotFound
		}
		return fn(v)
	})
}

// decodeCaseRecord decodes a stored case. Without withFinding, the
// finding is stepped over by the scanner of report.go (no decoding, no
// copy) and only its suggested route is read.
func decodeCaseRecord(v []byte, withFinding bool) (caseRecord, error) {
	var c caseRecord
	if withFinding {
		err := json.Unmarshal(v, &c)
		c.SuggestedRoute, c.Channel = findingRouteChannel(c.Finding)
		return c, err
	}
	var finding []byte
	jsonMembers(v, func(key, val []byte) bool {
		if string(key) == "finding" {
			finding = val
			return false
		}
		return true
	})
	if finding == nil {
		err := json.Unmarshal(v, &c)
		c.Finding = nil
		return c, err
	}
	// finding is a slice of v: cut it out, leaving null in its place.
	off := cap(v) - cap(finding)
	rest := make([]byte, 0, len(v)-len(finding)+4)
	rest = append(append(append(rest, v[:off]...), "null"...), v[off+len(finding):]...)
	err := json.Unmarshal(rest, &c)
	c.Finding = nil
	c.SuggestedRoute, c.Channel = findingRouteChannel(finding)
	return c, err
}

// findingRouteChannel reads the route and channel of a stored finding
// without decoding the rest (finding.Peek). A finding it cannot read
// suggests no route; the case page, which decodes it, says why.
func findingRouteChannel(raw []byte) (casework.Route, string) {
	s, _ := finding.Peek(raw)
	return s.Route, s.Channel
}

// CaseByKey returns the case with this case key.
func (s *Store) CaseByKey(key string) (*Case, error) {
	var c caseRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketCaseKeys).Get(stringKey(key))
		if id == nil {
			return ErrNotFound
		}
		v := tx.Bucket(bucketCases).Get(id)
		if v == nil {
			return ErrNotFound
		}
		var err error
		c, err = decodeCaseRecord(v, true)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: case %s: %w", key, err)
	}
	return &c.Case, nil
}

// Sightings lists a case's sightings, oldest sweep first.
func (s *Store) Sightings(caseID uint64) ([]Sighting, error) {
	var out []Sighting
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(caseID)) == nil {
			return ErrNotFound
		}
		prefix := u64(caseID)
		c := tx.Bucket(bucketSightings).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var sg Sighting
			if err := json.Unmarshal(v, &sg); err != nil {
				return fmt.Errorf("decode sighting %x: %w", k, err)
			}
			out = append(out, sg)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: sightings of case %d: %w", caseID, err)
	}
	return out, nil
}

// Snapshots lists a case's snapshots, oldest first.
func (s *Store) Snapshots(caseID uint64) ([]Snapshot, error) {
	var out []Snapshot
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(caseID)) == nil {
			return ErrNotFound
		}
		snaps := tx.Bucket(bucketSnapshots)
		prefix := u64(caseID)
		c := tx.Bucket(bucketCaseSnapshots).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var sn Snapshot
			ok, err := getJSON(snaps, k[8:], &sn)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("snapshot %d: %w (index is inconsistent)", binary.BigEndian.Uint64(k[8:]), ErrNotFound)
			}
			out = append(out, sn)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: snapshots of case %d: %w", caseID, err)
	}
	return out, nil
}

// Snapshot returns one snapshot's metadata.
func (s *Store) Snapshot(id uint64) (*Snapshot, error) {
	var sn Snapshot
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketSnapshots), u64(id), &sn)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: snapshot %d: %w", id, err)
	}
	return &sn, nil
}

// SnapshotBody returns a snapshot's raw body, as fetched.
func (s *Store) SnapshotBody(snapshotID uint64) ([]byte, error) {
	b, err := s.blob(bucketBodies, snapshotID)
	if err != nil {
		return nil, fmt.Errorf("store: body of snapshot %d: %w", snapshotID, err)
	}
	return b, nil
}

// SnapshotScreenshot returns a snapshot's PNG screenshot; ErrNotFound when
// the page was not rendered.
func (s *Store) SnapshotScreenshot(snapshotID uint64) ([]byte, error) {
	b, err := s.blob(bucketScreenshots, snapshotID)
	if err != nil {
		return nil, fmt.Errorf("store: screenshot of snapshot %d: %w", snapshotID, err)
	}
	return b, nil
}

// blob copies a value out of its transaction.
func (s *Store) blob(bucket []byte, id uint64) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucket).Get(u64(id))
		if v == nil {
			return ErrNotFound
		}
		out = bytes.Clone(v) // v lives only as long as the transaction
		return nil
	})
	return out, err
}
