package store

import (
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/certwatch/certwatch/casework"
)

// TestQueueIndexSeesWriteCommittedDuringBuild: a case written by a
// transaction that began before the queue index was first built, and
// committed after the build's scan had taken its snapshot, is in the
// index (the hook is registered because the index exists from Open).
func TestQueueIndexSeesWriteCommittedDuringBuild(t *testing.T) {
	s, _ := openTest(t)
	written, built := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.db.Update(func(tx *bolt.Tx) error {
			c := &caseRecord{Case: Case{ID: 7, URL: "http://a.example/x", Category: "cert_sale", Score: 9,
				Status: casework.CaseOpen, FirstSeen: time.Unix(1, 0), LastSeen: time.Unix(1, 0)}}
			if err := putCase(tx, c); err != nil {
				return err
			}
			close(written)
			<-built // the index build scans while this write is open
			return nil
		})
	}()
	<-written
	idx := s.queueIndex()
	if err := idx.ensure(s.db); err != nil {
		t.Fatal(err)
	}
	idx.mu.RLock()
	_, early := idx.pos[7]
	idx.mu.RUnlock()
	if early {
		t.Fatal("the build saw an uncommitted write: the test does not test the race")
	}
	close(built)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	idx.mu.RLock()
	_, ok := idx.pos[7]
	idx.mu.RUnlock()
	if !ok {
		t.Fatal("case 7, committed after the index build began, is missing from the queue index")
	}
}
