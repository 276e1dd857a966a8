package store

import (
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// maxGroup bounds the writes committed in one transaction.
const maxGroup = 256

// commitGroup is a group commit: concurrent writes queue, and the write at
// the front of the queue commits it, itself and those behind it (at most
// maxGroup), in one transaction, while the writes that arrive meanwhile
// queue for the next. A lone write commits at once; under load a
// transaction takes all the writes that came during the previous commit,
// so the group grows with the commit's latency, with no timer.
//
// It replaces bbolt's Batch, which commits what arrived within a fixed
// delay after the first call (MaxBatchDelay): on a sweep that is a few
// pages per commit whatever the load (2,000 local pages took 364 commits
// with 32 writers), each commit rewriting the B+tree pages that its
// writes touch and syncing twice.
type commitGroup struct {
	mu    sync.Mutex
	cond  *sync.Cond // signalled when writes finish
	queue []*groupWrite
}

type groupWrite struct {
	fn   func(*bolt.Tx) error
	err  error
	done bool
}

// grouped runs fn in a write transaction it may share with concurrent
// callers; fn may run more than once (when another write of its group
// fails, the others run again without it) and must be idempotent.
func (s *Store) grouped(fn func(*bolt.Tx) error) error {
	g := &s.group
	w := &groupWrite{fn: fn}
	g.mu.Lock()
	if g.cond == nil {
		g.cond = sync.NewCond(&g.mu)
	}
	g.queue = append(g.queue, w)
	for !w.done && g.queue[0] != w {
		g.cond.Wait()
	}
	if w.done {
		g.mu.Unlock()
		return w.err
	}
	// w leads: it commits the writes queued so far.
	n := min(len(g.queue), maxGroup)
	group := make([]*groupWrite, n)
	copy(group, g.queue)
	g.mu.Unlock()

	s.commitWrites(group)

	g.mu.Lock()
	for _, gw := range group {
		gw.done = true
	}
	g.queue = append(g.queue[:0], g.queue[n:]...)
	g.cond.Broadcast() // the finished return, the new front leads
	g.mu.Unlock()
	return w.err
}

// commitWrites commits writes in one transaction and sets their errors,
// all the identity error when the database file was replaced (no write of
// the group is committed then). A
// write whose function fails is run again alone, in a transaction of its
// own, to get its own error; the others are committed again without it.
func (s *Store) commitWrites(writes []*groupWrite) {
	// Checked for the group, just before its commit (see checkIdentity).
	if err := s.checkIdentity(); err != nil {
		for _, w := range writes {
			w.err = err
		}
		return
	}
	for len(writes) > 0 {
		failed := -1
		err := s.db.Update(func(tx *bolt.Tx) error {
			for i, w := range writes {
				if err := callSafely(w.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed < 0 { // committed, or the commit itself failed
			for _, w := range writes {
				w.err = err
			}
			return
		}
		w := writes[failed]
		w.err = s.db.Update(func(tx *bolt.Tx) error { return callSafely(w.fn, tx) })
		rest := make([]*groupWrite, 0, len(writes)-1)
		writes = append(append(rest, writes[:failed]...), writes[failed+1:]...)
	}
}

// callSafely runs fn, turning a panic into an error (bbolt's Batch did the
// same: one write's panic must not take down the others').
func callSafely(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in a write: %v", p)
		}
	}()
	return fn(tx)
}
