package crawler

import (
	"container/heap"
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxQueued bounds the requests Run takes from its input before they can
// start, so a large frontier stays in its store rather than in memory. It
// is large so that requests for many hosts are in view at once: a queue
// that only held requests for one slow host would crawl at that host's
// pace.
const maxQueued = 20000

// pruneEvery is how often idle hosts are forgotten.
const pruneEvery = time.Minute

// job is one request on its way through the scheduler; it goes back to
// its host's queue for a retry.
type job struct {
	ctx     context.Context
	req     Request
	u       *url.URL
	host    string
	attempt int       // attempts made so far
	readyAt time.Time // not before (retry back-off)
	deliver func(*Result)

	// RenderAuto: render is set when the static fetch (static) showed
	// that the page needs the browser; renderFrom is the attempt count
	// then (the render's retries count from there).
	render     bool
	static     *Result
	renderFrom int

	// prevNext and myNext let an unused start be given back (refund).
	prevNext, myNext time.Time
}

// hostState is the politeness state of one host name.
type hostState struct {
	name      string
	queue     []*job
	head      int
	inflight  int
	nextStart time.Time     // no request may start before
	delay     time.Duration // between starts: PerHostDelay or Crawl-delay
	index     int           // in scheduler.ready, -1 when not there
}

func (h *hostState) len() int { return len(h.queue) - h.head }

func (h *hostState) front() *job { return h.queue[h.head] }

func (h *hostState) pop() *job {
	j := h.queue[h.head]
	h.queue[h.head] = nil
	h.head++
	if h.head == len(h.queue) {
		h.queue, h.head = h.queue[:0], 0
	} else if h.head > 64 && h.head*2 > len(h.queue) {
		n := copy(h.queue, h.queue[h.head:])
		clear(h.queue[n:])
		h.queue, h.head = h.queue[:n], 0
	}
	return j
}

func (h *hostState) push(j *job, front bool) {
	switch {
	case !front:
		h.queue = append(h.queue, j)
	case h.head > 0:
		h.head--
		h.queue[h.head] = j
	default:
		h.queue = append([]*job{j}, h.queue...)
	}
}

// readyTime is when the host's next queued job may start.
func (h *hostState) readyTime() time.Time {
	t := h.nextStart
	if r := h.front().readyAt; r.After(t) {
		t = r
	}
	return t
}

// hostHeap orders hosts that could start a job by when they may.
type hostHeap []*hostState

func (q hostHeap) Len() int           { return len(q) }
func (q hostHeap) Less(i, j int) bool { return q[i].readyTime().Before(q[j].readyTime()) }
func (q hostHeap) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *hostHeap) Push(x any) {
	h := x.(*hostState)
	h.index = len(*q)
	*q = append(*q, h)
}
func (q *hostHeap) Pop() any {
	old := *q
	h := old[len(old)-1]
	old[len(old)-1] = nil
	h.index = -1
	*q = old[:len(old)-1]
	return h
}

// scheduler starts jobs: at most parallel at once, at most perHost per
// host, and one host's starts at least its delay apart. Each host has a
// queue; a heap of hosts keyed by their next possible start picks the next
// job, so waiting requests cost memory, not goroutines. A goroutine exists
// per running job only.
type scheduler struct {
	parallel int
	perHost  int
	delay    time.Duration
	run      func(*job, *hostState) // runs a started job; must call hostDone and globalDone

	mu        sync.Mutex
	hosts     map[string]*hostState
	ready     hostHeap
	running   int
	queued    int
	closed    bool
	room      chan struct{} // closed and replaced when queued drops below maxQueued
	lastPrune time.Time
	wake      chan struct{}

	// Started jobs go to runners, goroutines kept while loop runs (at
	// most parallel, started as needed): a goroutine per job paid for
	// growing its stack through the HTTP client and colly every time.
	starts  chan startedJob
	runners int // under mu
}

// startedJob is a job dispatch started, for a runner.
type startedJob struct {
	j *job
	h *hostState
}

func newScheduler(parallel, perHost int, delay time.Duration, run func(*job, *hostState)) *scheduler {
	return &scheduler{
		parallel: parallel, perHost: perHost, delay: delay, run: run,
		hosts: make(map[string]*hostState),
		room:  make(chan struct{}),
		wake:  make(chan struct{}, 1),
		// Never full: no more jobs run at once than parallel.
		starts: make(chan startedJob, max(parallel, 1)),
	}
}

// hostKey is what politeness is counted by: the host name.
func hostKey(u *url.URL) string {
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

func (s *scheduler) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// loop dispatches jobs until ctx ends.
func (s *scheduler) loop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	// The runners finish the jobs already started, then end.
	defer close(s.starts)
	for {
		if wait := s.dispatch(); wait > 0 {
			timer.Reset(wait)
		}
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-s.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// dispatch starts every job that may start now and returns how long until
// the next one may (0: wait for a signal).
func (s *scheduler) dispatch() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if now.Sub(s.lastPrune) > pruneEvery {
		s.prune(now)
	}
	for s.running < s.parallel && len(s.ready) > 0 {
		h := s.ready[0]
		if t := h.readyTime(); t.After(now) {
			return t.Sub(now)
		}
		j := h.pop()
		s.dequeued(1)
		h.inflight++
		s.running++
		j.prevNext = h.nextStart
		h.nextStart = now.Add(h.delay)
		j.myNext = h.nextStart
		s.fix(h)
		if s.runners < s.running {
			s.runners++
			go func() {
				for st := range s.starts {
					s.run(st.j, st.h)
				}
			}()
		}
		s.starts <- startedJob{j, h}
	}
	return 0
}

// fix puts h in, moves it within, or takes it out of the ready heap.
func (s *scheduler) fix(h *hostState) {
	eligible := h.len() > 0 && h.inflight < s.perHost
	switch {
	case eligible && h.index < 0:
		heap.Push(&s.ready, h)
	case eligible:
		heap.Fix(&s.ready, h.index)
	case h.index >= 0:
		heap.Remove(&s.ready, h.index)
	}
}

func (s *scheduler) dequeued(n int) {
	full := s.queued >= maxQueued
	s.queued -= n
	if full && s.queued < maxQueued {
		close(s.room)
		s.room = make(chan struct{})
	}
}

// prune forgets hosts with nothing queued or running whose delay has
// passed: their state no longer constrains anything.
func (s *scheduler) prune(now time.Time) {
	s.lastPrune = now
	for name, h := range s.hosts {
		if h.len() == 0 && h.inflight == 0 && !h.nextStart.After(now) {
			delete(s.hosts, name)
		}
	}
}

// add queues a job (at the front of its host's queue for a retry). It
// fails, queueing nothing, when the scheduler is closed or the job's
// context has ended.
func (s *scheduler) add(j *job, front bool) error {
	s.mu.Lock()
	defer s.signal()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if err := j.ctx.Err(); err != nil {
		return err
	}
	h := s.hosts[j.host]
	if h == nil {
		h = &hostState{name: j.host, delay: s.delay, index: -1}
		s.hosts[j.host] = h
	}
	h.push(j, front)
	s.queued++
	s.fix(h)
	return nil
}

// waitRoom blocks while maxQueued jobs are queued.
func (s *scheduler) waitRoom(ctx context.Context) error {
	for {
		s.mu.Lock()
		if s.queued < maxQueued || s.closed {
			s.mu.Unlock()
			return nil
		}
		room := s.room
		s.mu.Unlock()
		select {
		case <-room:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// remove takes the queued jobs for which drop is true out of the queues.
func (s *scheduler) remove(drop func(*job) bool) []*job {
	s.mu.Lock()
	defer s.signal()
	defer s.mu.Unlock()
	var out []*job
	for _, h := range s.hosts {
		if h.len() == 0 {
			continue
		}
		kept := h.queue[h.head:h.head]
		for _, j := range h.queue[h.head:] {
			if drop(j) {
				out = append(out, j)
			} else {
				kept = append(kept, j)
			}
		}
		clear(h.queue[h.head+len(kept):])
		h.queue = h.queue[:h.head+len(kept)]
		if h.len() == 0 {
			h.queue, h.head = h.queue[:0], 0
		}
		s.fix(h)
	}
	s.dequeued(len(out))
	return out
}

// removeJob takes one job out of its queue; false if it was not queued.
func (s *scheduler) removeJob(target *job) bool {
	return len(s.remove(func(j *job) bool { return j == target })) == 1
}

// close refuses new jobs and returns the queued ones.
func (s *scheduler) close() []*job {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return s.remove(func(*job) bool { return true })
}

// hostDone ends a job's hold on its host.
func (s *scheduler) hostDone(h *hostState) {
	s.mu.Lock()
	h.inflight--
	s.fix(h)
	s.mu.Unlock()
	s.signal()
}

// globalDone ends a job's hold on the crawl's parallelism; it comes after
// the result is delivered, so a slow reader of results slows the crawl
// instead of piling up goroutines.
func (s *scheduler) globalDone() {
	s.mu.Lock()
	s.running--
	s.mu.Unlock()
	s.signal()
}

// reserve books the host's next start for a job that already holds the
// host (its first start went to robots.txt) and returns when it is.
func (s *scheduler) reserve(h *hostState) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := time.Now()
	if h.nextStart.After(t) {
		t = h.nextStart
	}
	h.nextStart = t.Add(h.delay)
	s.fix(h)
	return t
}

// reserveHost books the next start of the host named name for a request
// made outside the queue (Crawler.Evidence) and returns when it may start.
func (s *scheduler) reserveHost(name string) time.Time {
	s.mu.Lock()
	h := s.hosts[name]
	if h == nil {
		h = &hostState{name: name, delay: s.delay, index: -1}
		s.hosts[name] = h
	}
	s.mu.Unlock()
	return s.reserve(h)
}

// started records that a job holding h sends a request now: the host's
// next start is at least its delay from now, however late the job got
// from its dispatch to the request.
func (s *scheduler) started(h *hostState) {
	s.mu.Lock()
	if t := time.Now().Add(h.delay); t.After(h.nextStart) {
		h.nextStart = t
		s.fix(h)
	}
	s.mu.Unlock()
}

// refund gives back a start the job did not use (robots.txt refused the
// URL), unless another start was booked after it.
func (s *scheduler) refund(j *job, h *hostState) {
	s.mu.Lock()
	if h.nextStart.Equal(j.myNext) {
		h.nextStart = j.prevNext
		s.fix(h)
	}
	s.mu.Unlock()
	s.signal()
}

// setDelay raises a host's delay to a robots.txt Crawl-delay.
func (s *scheduler) setDelay(h *hostState, d time.Duration) {
	s.mu.Lock()
	if d > h.delay {
		h.nextStart = h.nextStart.Add(d - h.delay)
		h.delay = d
		s.fix(h)
	}
	s.mu.Unlock()
}

// sleepUntil waits until t or until ctx ends.
func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
