package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// Status counts for /metrics, kept up to date by the transactions that
// change a case's or a notice's status, so that reading them does not
// decode every case (issue 10: a scrape per second slowed the review
// pages tenfold).
//
//	counts  "built"             → "1" once the counts below match the data
//	        "case\x00" status   → uint64 (big-endian): cases with that status
//	        "notice\x00" status → uint64: notices with that stored status
//	        "outbox\x00pending" → uint64: messages neither sent nor given up
//	        deadlines (bucket)  deadline (Unix ns, big-endian) ‖ notice id → stored status
//	                            of sent and acknowledged notices that have a deadline,
//	                            from which the overdue ones are counted at read time
//
// Every write of a case goes through putCase, every write or deletion of
// a notice through putNotice and deleteNotice, and every write of an
// outbox message through putMessage. The bucket is made, and
// filled by one scan, by the first StatusCounts on a database that lacks
// it (a database from before it existed); until then putCase and friends
// leave it alone.
var (
	bucketCounts   = []byte("counts")
	countsBuilt    = []byte("built")
	countDeadlines = []byte("deadlines")
)

const (
	caseCountPrefix   = "case\x00"
	noticeCountPrefix = "notice\x00"
	outboxPendingKey  = "outbox\x00pending"
)

// statusOnly decodes just what the counts need from a stored case or
// notice.
type statusOnly struct {
	Status   string    `json:"status"`
	Deadline time.Time `json:"deadline"`
}

// countsBucket is the counts bucket when it has been built, else nil.
func countsBucket(tx *bolt.Tx) *bolt.Bucket {
	b := tx.Bucket(bucketCounts)
	if b == nil || b.Get(countsBuilt) == nil {
		return nil
	}
	return b
}

func addCount(b *bolt.Bucket, key string, d int64) error {
	var n int64
	if v := b.Get([]byte(key)); len(v) == 8 {
		n = int64(binary.BigEndian.Uint64(v))
	}
	n += d
	if n < 0 {
		n = 0 // never below zero, whatever happened before
	}
	return b.Put([]byte(key), binary.BigEndian.AppendUint64(nil, uint64(n)))
}

// oldStatus decodes the status (and deadline) of the value at key in b;
// ok is false when there is none.
func oldStatus(b *bolt.Bucket, key []byte) (statusOnly, bool) {
	v := b.Get(key)
	if v == nil {
		return statusOnly{}, false
	}
	var s statusOnly
	if json.Unmarshal(v, &s) != nil {
		return statusOnly{}, false
	}
	return s, true
}

// putCase stores a case and moves the status counts with it.
func putCase(tx *bolt.Tx, c *caseRecord) error {
	b := tx.Bucket(bucketCases)
	key := u64(c.ID)
	queueCaseWritten(tx, c)
	cb := countsBucket(tx)
	if cb == nil {
		return putJSON(b, key, c)
	}
	old, had := oldStatus(b, key)
	if err := putJSON(b, key, c); err != nil {
		return err
	}
	if had && old.Status == string(c.Status) {
		return nil
	}
	if had {
		if err := addCount(cb, caseCountPrefix+old.Status, -1); err != nil {
			return err
		}
	}
	return addCount(cb, caseCountPrefix+string(c.Status), 1)
}

// putMessage stores an outbox message and moves the pending count with it.
func putMessage(tx *bolt.Tx, m *Message) error {
	b := tx.Bucket(bucketOutbox)
	key := u64(m.ID)
	cb := countsBucket(tx)
	if cb == nil {
		return putJSON(b, key, m)
	}
	var old Message
	had, _ := getJSON(b, key, &old)
	if err := putJSON(b, key, m); err != nil {
		return err
	}
	var d int64
	if had && old.pending() {
		d--
	}
	if m.pending() {
		d++
	}
	if d == 0 {
		return nil
	}
	return addCount(cb, outboxPendingKey, d)
}

// pending: neither delivered nor given up.
func (m *Message) pending() bool { return m.Sent.IsZero() && !m.GaveUp }

// putNotice stores a notice and moves the status counts with it.
func putNotice(tx *bolt.Tx, n *Notice) error {
	b := tx.Bucket(bucketNotices)
	key := u64(n.ID)
	old, had := oldStatus(b, key)
	if err := putJSON(b, key, n); err != nil {
		return err
	}
	return moveNoticeCount(tx, n.ID, old, had, statusOnly{Status: string(n.Status), Deadline: n.Deadline}, true)
}

// deleteNotice deletes a notice and takes it out of the counts.
func deleteNotice(tx *bolt.Tx, id uint64) error {
	b := tx.Bucket(bucketNotices)
	old, had := oldStatus(b, u64(id))
	if err := b.Delete(u64(id)); err != nil {
		return err
	}
	return moveNoticeCount(tx, id, old, had, statusOnly{}, false)
}

func moveNoticeCount(tx *bolt.Tx, id uint64, old statusOnly, had bool, now statusOnly, has bool) error {
	cb := countsBucket(tx)
	if cb == nil {
		return nil
	}
	if had {
		if err := addCount(cb, noticeCountPrefix+old.Status, -1); err != nil {
			return err
		}
		if err := cb.Bucket(countDeadlines).Delete(deadlineKey(old.Deadline, id)); err != nil {
			return err
		}
	}
	if !has {
		return nil
	}
	if err := addCount(cb, noticeCountPrefix+now.Status, 1); err != nil {
		return err
	}
	if canBeOverdue(now) {
		return cb.Bucket(countDeadlines).Put(deadlineKey(now.Deadline, id), []byte(now.Status))
	}
	return nil
}

// canBeOverdue mirrors Notice.State: a sent or acknowledged notice with a
// deadline is overdue once the deadline passes.
func canBeOverdue(s statusOnly) bool {
	return casework.NoticeState(s.Status).Waiting() && !s.Deadline.IsZero()
}

func deadlineKey(t time.Time, id uint64) []byte {
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(t.UnixNano()))
	return binary.BigEndian.AppendUint64(k, id)
}

// StatusCounts are the numbers of cases by status and of notices by state
// (overdue computed from the deadline at Now, as Notice.State does).
type StatusCounts struct {
	Cases         map[casework.CaseStatus]int
	Notices       map[casework.NoticeState]int
	OutboxPending int // messages neither delivered nor given up
}

// StatusCounts reads the status counts; it decodes no case or notice. On
// a database without them it builds them once (read-only: it counts by a
// scan instead).
func (s *Store) StatusCounts(now time.Time) (StatusCounts, error) {
	sc, built, err := s.readCounts(now)
	if err == nil && !built {
		if s.readOnly {
			sc, err = s.scanCounts(now)
		} else if err = s.update(buildCounts); err == nil {
			sc, _, err = s.readCounts(now)
		}
	}
	if err != nil {
		return StatusCounts{}, fmt.Errorf("store: status counts: %w", err)
	}
	return sc, nil
}

func newStatusCounts() StatusCounts {
	sc := StatusCounts{Cases: map[casework.CaseStatus]int{}, Notices: map[casework.NoticeState]int{}}
	for _, st := range casework.CaseStatuses {
		sc.Cases[st] = 0
	}
	for _, st := range casework.NoticeStates {
		sc.Notices[st] = 0
	}
	return sc
}

func (s *Store) readCounts(now time.Time) (StatusCounts, bool, error) {
	sc := newStatusCounts()
	built := false
	err := s.db.View(func(tx *bolt.Tx) error {
		cb := countsBucket(tx)
		if cb == nil {
			return nil
		}
		built = true
		if v := cb.Get([]byte(outboxPendingKey)); len(v) == 8 {
			sc.OutboxPending = int(binary.BigEndian.Uint64(v))
		}
		c := cb.Cursor()
		for _, p := range []string{caseCountPrefix, noticeCountPrefix} {
			for k, v := c.Seek([]byte(p)); k != nil && bytes.HasPrefix(k, []byte(p)); k, v = c.Next() {
				if len(v) != 8 {
					continue
				}
				n := int(binary.BigEndian.Uint64(v))
				if p == caseCountPrefix {
					sc.Cases[casework.CaseStatus(k[len(p):])] = n
				} else {
					sc.Notices[casework.NoticeState(k[len(p):])] = n
				}
			}
		}
		// Overdue: sent or acknowledged notices whose deadline is before
		// now; the index is sorted by deadline, so this reads only those.
		dc := cb.Bucket(countDeadlines).Cursor()
		limit := uint64(now.UnixNano())
		for k, v := dc.First(); k != nil && binary.BigEndian.Uint64(k[:8]) < limit; k, v = dc.Next() {
			sc.Notices[casework.NoticeState(v)]--
			sc.Notices[casework.NoticeOverdue]++
		}
		return nil
	})
	return sc, built, err
}

// buildCounts fills the counts bucket from the cases and notices.
func buildCounts(tx *bolt.Tx) error {
	if countsBucket(tx) != nil {
		return nil // built meanwhile
	}
	if tx.Bucket(bucketCounts) != nil {
		if err := tx.DeleteBucket(bucketCounts); err != nil {
			return err
		}
	}
	cb, err := tx.CreateBucket(bucketCounts)
	if err != nil {
		return err
	}
	dl, err := cb.CreateBucket(countDeadlines)
	if err != nil {
		return err
	}
	n := map[string]int64{}
	err = tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		var s statusOnly
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("decode case %d: %w", binaryID(k), err)
		}
		n[caseCountPrefix+s.Status]++
		return nil
	})
	if err != nil {
		return err
	}
	err = tx.Bucket(bucketNotices).ForEach(func(k, v []byte) error {
		var s statusOnly
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("decode notice %d: %w", binaryID(k), err)
		}
		n[noticeCountPrefix+s.Status]++
		if canBeOverdue(s) {
			return dl.Put(deadlineKey(s.Deadline, binaryID(k)), []byte(s.Status))
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
		var m Message
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("decode message %d: %w", binaryID(k), err)
		}
		if m.pending() {
			n[outboxPendingKey]++
		}
		return nil
	})
	if err != nil {
		return err
	}
	for k, d := range n {
		if err := addCount(cb, k, d); err != nil {
			return err
		}
	}
	return cb.Put(countsBuilt, []byte("1"))
}

// scanCounts counts by reading every case and notice (a read-only store
// whose counts were never built).
func (s *Store) scanCounts(now time.Time) (StatusCounts, error) {
	sc := newStatusCounts()
	err := s.db.View(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			var st statusOnly
			if err := json.Unmarshal(v, &st); err != nil {
				return fmt.Errorf("decode case %d: %w", binaryID(k), err)
			}
			sc.Cases[casework.CaseStatus(st.Status)]++
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketNotices).ForEach(func(k, v []byte) error {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return fmt.Errorf("decode notice %d: %w", binaryID(k), err)
			}
			sc.Notices[n.State(now)]++
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			var m Message
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("decode message %d: %w", binaryID(k), err)
			}
			if m.pending() {
				sc.OutboxPending++
			}
			return nil
		})
	})
	return sc, err
}
