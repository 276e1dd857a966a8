package sweep

// One summary for a sweep many workers share. Each worker counts what it
// fetches in its own Summary (run.stats), as a single-process sweep does,
// and saves it to the store as its part of the sweep (PartStore): when it
// joins, every SaveEvery while it works, and as final when it has nothing
// more of the sweep in hand or leaves. The worker that finds the frontier
// with nothing pending finishes the sweep with the sum of every part
// (Summary.merge) once each part is final or stale; a part that is not
// final and was not saved for a few intervals belongs to a worker that
// was killed (or lost the database), whose counts since its last save
// are lost: at most SaveEvery of its work, and the summary is marked
// Partial then, and only then. A worker whose final part comes after the
// finish merges the parts again into the finished sweep's stats. The
// worker that seeds the sweep saves the seeding's counts (the discovery
// steps, the shared start URLs) as a part of its own, so they reach the
// summary too, and its part keeps the sweep from being finished while it
// still seeds.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/certwatch/certwatch/store"
)

// PartStore keeps each worker's part of a shared sweep's statistics
// (pgstore's Backend). Work uses it when the Store has it; without it a
// worker stores only its own part when it finishes the sweep (Partial).
type PartStore interface {
	// SaveSweepPart saves (inserts or replaces) one part.
	SaveSweepPart(sweepID uint64, p store.SweepPart) error
	// MergeSweepParts hands every part of the sweep to merge, with
	// whether the sweep still runs, in one transaction that keeps other
	// merges out; when merge says to write, a running sweep is finished
	// with the stats and a finished one gets its stats replaced. It
	// returns the sweep's status after.
	MergeSweepParts(sweepID uint64, merge func(running bool, parts []store.SweepPart) (stats json.RawMessage, write bool, err error)) (string, error)
}

// Saving parts.
const (
	// DefaultSaveEvery is how often a worker saves its counts (its part
	// of the sweep's summary): the most of its counts a kill can lose.
	DefaultSaveEvery = 5 * time.Second
	// MinSaveEvery and MaxSaveEvery bound WorkOptions.SaveEvery.
	MinSaveEvery = 50 * time.Millisecond
	MaxSaveEvery = 10 * time.Minute
	// staleSaves: a part not final and not saved for this many of its
	// intervals belongs to a worker that died.
	staleSaves = 3
)

// workerPart is a run's part of the sweep's summary in a PartStore.
type workerPart struct {
	ps    PartStore
	name  string
	every time.Duration
	mu    sync.Mutex // one save at a time
	final bool       // saved final: later saves too, until reopen
	stop  chan struct{}
	done  chan struct{}
	// prev is the summary of the sweep before (Health compares with
	// it), read once.
	prevOnce sync.Once
	prev     *Summary
}

// partName is a part's name: the worker's and a random suffix, so that a
// worker restarted under the same name has a part of its own.
func partName(worker string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return worker + "#" + hex.EncodeToString(b[:])
}

// startPart saves the run's (empty) part before the worker fetches
// anything, so that no other worker finishes the sweep without waiting
// for it, and saves it every o.SaveEvery from then on. It does nothing
// when the Store is not a PartStore.
func (r *run) startPart(o WorkOptions) error {
	ps, ok := r.s.Store.(PartStore)
	if !ok {
		return nil
	}
	p := &workerPart{ps: ps, name: partName(o.Name), every: o.SaveEvery, stop: make(chan struct{}), done: make(chan struct{})}
	if err := p.save(r.sw.ID, r.stats, false); err != nil {
		return err
	}
	r.part = p
	go func() {
		defer close(p.done)
		tick := time.NewTicker(p.every)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
			if err := p.save(r.sw.ID, r.stats, false); err != nil {
				r.s.Log.Warn("worker: counts not saved; trying again", "part", p.name, "err", err)
			}
		}
	}()
	return nil
}

// save saves the part: sum's counts so far; final when the worker has
// nothing more of the sweep in hand (once final, final until reopen).
func (p *workerPart) save(sweepID uint64, sum *Summary, final bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.saveLocked(sweepID, sum, final || p.final)
}

// reopen saves the part not final again, before the worker fetches more
// of the sweep: a worker that was done can get work again while the
// sweep is being seeded (the seeder's part keeps it from being finished
// meanwhile), and no other worker may finish the sweep without its new
// counts.
func (p *workerPart) reopen(sweepID uint64, sum *Summary) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.final {
		return nil
	}
	return p.saveLocked(sweepID, sum, false)
}

// reopenPart reopens the run's part before the worker sweeps the host
// of l; when that fails, it gives the host back (its counts could miss
// the summary).
func (r *run) reopenPart(l HostLease) error {
	if r.part == nil {
		return nil
	}
	err := r.part.reopen(r.sw.ID, r.stats)
	if err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
		defer cancel()
		_ = l.Release(ctx)
	}
	return err
}

func (p *workerPart) saveLocked(sweepID uint64, sum *Summary, final bool) error {
	sum.mu.Lock()
	stats, err := json.Marshal(sum)
	sum.mu.Unlock()
	if err != nil {
		return fmt.Errorf("sweep: save counts: %w", err)
	}
	if err := p.ps.SaveSweepPart(sweepID, store.SweepPart{Part: p.name, Stats: stats, Final: final, StaleAfter: staleSaves * p.every}); err != nil {
		return err
	}
	p.final = final
	return nil
}

// leavePart ends the run's part when the worker leaves the sweep: the
// periodic saves stop, the part is saved final (its counts are complete:
// the pages in hand were finished), and, when the sweep was finished
// meanwhile, the parts are merged again so the summary has them.
func (r *run) leavePart() {
	p := r.part
	if p == nil {
		return
	}
	close(p.stop)
	<-p.done
	var err error
	for try := range 2 { // a store call is bounded by the store's own timeout
		if err = p.save(r.sw.ID, r.stats, true); err == nil {
			break
		}
		time.Sleep(time.Duration(try+1) * 200 * time.Millisecond)
	}
	if err != nil {
		r.s.Log.Warn("worker: final counts not saved; the summary misses them (partial)", "part", p.name, "err", err)
		return
	}
	if _, err := r.mergeParts(false); err != nil {
		r.s.Log.Warn("worker: cannot merge the sweep's counts", "part", p.name, "err", err)
	}
}

// mergeParts merges every part of the sweep into its summary. With
// finish, a running sweep is finished when every part is final or stale
// (a live worker still counting is waited for: it finishes the sweep
// itself when it is done); without, only a finished sweep's summary is
// rewritten. It returns the sweep's status after.
func (r *run) mergeParts(finish bool) (string, error) {
	cfg := r.s.Config
	p := r.part
	p.prevOnce.Do(func() {
		if prev, err := r.s.previousSummary(r.sw.ID); err == nil {
			p.prev = prev
		}
	})
	prev := p.prev
	return p.ps.MergeSweepParts(r.sw.ID, func(running bool, parts []store.SweepPart) (json.RawMessage, bool, error) {
		if running && !finish {
			return nil, false, nil
		}
		merged := newSummary(r.sw.ID)
		for _, p := range parts {
			if !p.Final && !p.Stale && running {
				return nil, false, nil // a live worker still counts
			}
			var sum Summary
			if err := json.Unmarshal(p.Stats, &sum); err != nil {
				r.s.Log.Warn("worker: a part of the sweep's counts cannot be read; left out", "part", p.Part, "err", err)
				merged.Partial = true
				continue
			}
			merged.Partial = merged.Partial || !p.Final
			merged.merge(&sum)
		}
		merged.Trouble = Health(cfg, merged, prev)
		merged.finish(cfg)
		stats, err := json.Marshal(merged)
		return stats, err == nil, err
	})
}

// seedPart is the part of the worker that seeds a sweep (StartShared):
// saved, not final, before the frontier has anything to fetch, and kept
// fresh while the seeding steps run, so no worker finishes the sweep
// before the seeding is done; then saved final with the seeding's counts.
type seedPart struct {
	r *run
}

// startSeedPart starts the seeder's part; nil when the Store is not a
// PartStore or the part cannot be saved (the seeding's counts are then
// only in the log).
func (s *Sweeper) startSeedPart(sw *store.Sweep) *seedPart {
	r := &run{s: s, sw: sw, stats: newSummary(sw.ID)}
	if err := r.startPart(WorkOptions{Name: "seed", SaveEvery: DefaultSaveEvery}); err != nil {
		s.Log.Warn("sweep: the seeding's counts cannot be saved; they are in the log only", "sweep", sw.ID, "err", err)
	}
	if r.part == nil {
		return nil
	}
	return &seedPart{r: r}
}

// end saves the seeding's counts as the seeder's final part.
func (sp *seedPart) end(shared map[string][]string, l *LookalikeStats, ct *CTStats, w *WatchStats) {
	if sp == nil {
		return
	}
	st := sp.r.stats
	st.mu.Lock()
	st.shareSeeds(shared)
	st.Lookalike, st.CT, st.Watch = l, ct, w
	st.mu.Unlock()
	sp.r.leavePart()
}

// merge adds o's counts to s: every number is summed, maps merged key by
// key, lists appended, the first non-empty text kept and flags or-ed,
// field by field through every exported field (so a count added to the
// summary later is merged without a change here). The fields set when a
// sweep finishes are cleared (finish sets them again).
func (s *Summary) merge(o *Summary) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.Sweep
	mergeValue(reflect.ValueOf(s).Elem(), reflect.ValueOf(o).Elem())
	s.Sweep = id
	if s.Watch != nil && len(s.Watch.Results) > maxWatchResults {
		s.Watch.Results = s.Watch.Results[:maxWatchResults]
	}
	s.Trouble, s.FailureNames, s.Sources, s.Discovery = nil, nil, nil, nil
}

func mergeValue(dst, src reflect.Value) {
	switch dst.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		dst.SetInt(dst.Int() + src.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		dst.SetUint(dst.Uint() + src.Uint())
	case reflect.Float32, reflect.Float64:
		dst.SetFloat(dst.Float() + src.Float())
	case reflect.Bool:
		dst.SetBool(dst.Bool() || src.Bool())
	case reflect.String:
		if dst.String() == "" {
			dst.SetString(src.String())
		}
	case reflect.Struct:
		t := dst.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				mergeValue(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		mergeValue(dst.Elem(), src.Elem())
	case reflect.Map:
		if src.Len() == 0 {
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMap(dst.Type()))
		}
		it := src.MapRange()
		for it.Next() {
			v := reflect.New(dst.Type().Elem()).Elem()
			if cur := dst.MapIndex(it.Key()); cur.IsValid() {
				v.Set(cur)
			}
			mergeValue(v, it.Value())
			dst.SetMapIndex(it.Key(), v)
		}
	case reflect.Slice:
		if src.Len() > 0 {
			dst.Set(reflect.AppendSlice(dst, src))
		}
	}
}
