package store

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestGroupCommit queues 15 writes behind one that holds the commit, so
// that they form one group: among them a write that fails after writing
// and one that panics. Each gets its own error; the others are committed
// together, the failed ones leave nothing.
func TestGroupCommit(t *testing.T) {
	s, _ := openTest(t)
	bucket := []byte("group_test")
	hold, held := make(chan struct{}), make(chan struct{})
	put := func(k string) func(*bolt.Tx) error {
		return func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists(bucket)
			if err != nil {
				return err
			}
			return b.Put([]byte(k), []byte("v"))
		}
	}
	var first sync.WaitGroup
	first.Go(func() {
		err := s.batched(func(tx *bolt.Tx) error {
			close(held)
			<-hold // the group behind queues meanwhile
			return put("first")(tx)
		})
		if err != nil {
			t.Error(err)
		}
	})
	<-held
	const n = 15
	errs := make([]error, n)
	var committedIn [n]atomic.Pointer[bolt.Tx]
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = s.batched(func(tx *bolt.Tx) error {
				tx.OnCommit(func() { committedIn[i].Store(tx) })
				if err := put(fmt.Sprint(i))(tx); err != nil {
					return err
				}
				switch i {
				case 4:
					return errors.New("write 4 fails")
				case 9:
					panic("write 9 panics")
				}
				return nil
			})
		})
	}
	for queued := 0; queued < n+1; { // the holder and the n behind it
		s.group.mu.Lock()
		queued = len(s.group.queue)
		s.group.mu.Unlock()
		runtime.Gosched()
	}
	close(hold)
	first.Wait()
	wg.Wait()
	for i := range n {
		switch i {
		case 4:
			if errs[i] == nil || errs[i].Error() != "write 4 fails" {
				t.Errorf("write 4: %v", errs[i])
			}
		case 9:
			if errs[i] == nil || !strings.Contains(errs[i].Error(), "write 9 panics") {
				t.Errorf("write 9: %v", errs[i])
			}
		default:
			if errs[i] != nil {
				t.Errorf("write %d: %v", i, errs[i])
			}
		}
	}
	// The 13 that succeeded were committed together.
	for i := range n {
		if i != 4 && i != 9 && committedIn[i].Load() != committedIn[0].Load() {
			t.Errorf("writes 0 and %d were committed in different transactions", i)
		}
	}
	if committedIn[4].Load() != nil || committedIn[9].Load() != nil {
		t.Errorf("a failed write was committed")
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		for i := range n {
			got := b.Get([]byte(fmt.Sprint(i))) != nil
			if want := i != 4 && i != 9; got != want {
				t.Errorf("key %d stored: %v, want %v", i, got, want)
			}
		}
		if b.Get([]byte("first")) == nil {
			t.Errorf("the first write is missing")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.group.mu.Lock()
	left := len(s.group.queue)
	s.group.mu.Unlock()
	if left != 0 {
		t.Errorf("%d writes left in the queue", left)
	}
}
