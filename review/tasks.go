package review

// Slow work in the background (issue 13, defect 3): printing a notice or
// report PDF and a removal check run as tasks of a small bounded runner.
// The handler starts a task (or joins the same user's running task of the
// same kind on the same object) and waits a little; a task done by then
// is answered as before, one still running is answered 202 with a
// progress page at /tasks/{id} that refreshes itself and, once the task
// is done, serves its PDF or redirects to where it leads.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Defaults of the task runner.
const (
	// DefaultTaskWait is Options.TaskWait's default: how long a request
	// waits for its task before it answers with the progress page.
	DefaultTaskWait = 3 * time.Second
	// taskRunning is how many tasks run at once (printing is heavy on a
	// 2-core machine; a small pool is right); the others queue.
	taskRunning = 2
	// taskKept bounds the tasks kept (queued, running, or done and not
	// yet expired: the oldest done one makes room for a new one);
	// taskKeptPerUser bounds one user's queued and running tasks.
	taskKept        = 64
	taskKeptPerUser = 8
	// taskKeep is how long a finished task and its result are kept.
	taskKeep = 10 * time.Minute
	// printAttempts is how many times a print that timed out is tried.
	printAttempts = 3
	// maxTaskResult bounds one result (a PDF); maxTaskResults bounds the
	// results held together (the oldest finished tasks go first).
	maxTaskResult  = 32 << 20
	maxTaskResults = 128 << 20
	// taskRefresh is the progress page's refresh interval in seconds.
	taskRefresh = 2
)

// errTaskTooLarge is a result over maxTaskResult.
var errTaskTooLarge = errors.New("task result too large")

// errTasksFull is a task refused because too many are kept.
var errTasksFull = errors.New("too many background tasks")

// taskKind is what a task does.
type taskKind int

const (
	taskNoticePDF taskKind = iota + 1
	taskReportPDF
	taskNoticeCheck
	taskHostFacts // collecting a case's host facts (referral.go)
)

// taskResult is what a finished task leaves for its owner.
type taskResult struct {
	PDF      []byte // a print: the document
	Filename string // a print: the file name offered
	Redirect string // a check: where to go (with the flash)
}

// taskFunc does the work of one attempt, bounded by its own timeout.
type taskFunc func(ctx context.Context) (taskResult, error)

// task is one piece of background work. The fields after mu are guarded
// by the runner's mutex.
type task struct {
	id      string
	key     string
	owner   string
	perm    perm
	kind    taskKind
	label   string // what runs, in Chinese
	retry   string // the URL that starts the same work again
	alt     string // the HTML version of a print ("" for a check)
	tries   int    // how many attempts at most
	created time.Time
	done    chan struct{}

	started  time.Time // zero while queued
	attempt  int
	finished time.Time
	result   taskResult
	err      error
}

// taskRunner runs tasks, at most taskRunning at once, and keeps them
// (and their results) for taskKeep after they finish.
type taskRunner struct {
	mu      sync.Mutex
	byID    map[string]*task
	byKey   map[string]*task // running or queued tasks only
	slots   chan struct{}
	held    int // bytes of results held
	keep    time.Duration
	kept    int
	perUser int
	log     *slog.Logger
}

func newTaskRunner(log *slog.Logger) *taskRunner {
	return &taskRunner{byID: map[string]*task{}, byKey: map[string]*task{}, slots: make(chan struct{}, taskRunning),
		keep: taskKeep, kept: taskKept, perUser: taskKeptPerUser, log: log}
}

// start starts t's work, or returns the same user's task already queued
// or running under t's key. When taskKept tasks are kept, the oldest
// finished one makes room; it refuses (errTasksFull) when all kept tasks
// are unfinished, or when this user has taskKeptPerUser unfinished.
func (tr *taskRunner) start(t *task, work taskFunc) (*task, error) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if old := tr.byKey[t.key]; old != nil {
		return old, nil
	}
	now := time.Now()
	tr.prune(now)
	mine := 0
	var oldest *task
	for _, x := range tr.byID {
		switch {
		case x.finished.IsZero() && x.owner == t.owner:
			mine++
		case !x.finished.IsZero() && (oldest == nil || x.finished.Before(oldest.finished)):
			oldest = x
		}
	}
	if len(tr.byID) >= tr.kept && oldest != nil {
		tr.drop(oldest.id, oldest)
	}
	if len(tr.byID) >= tr.kept || mine >= tr.perUser {
		return nil, errTasksFull
	}
	t.id = randomToken()[:22]
	t.created = now
	t.done = make(chan struct{})
	tr.byID[t.id] = t
	tr.byKey[t.key] = t
	go tr.run(t, work)
	return t, nil
}

// prune drops the finished tasks past their keep time. Called with mu.
func (tr *taskRunner) prune(now time.Time) {
	for id, t := range tr.byID {
		if !t.finished.IsZero() && now.Sub(t.finished) > tr.keep {
			tr.drop(id, t)
		}
	}
}

func (tr *taskRunner) drop(id string, t *task) {
	tr.held -= len(t.result.PDF)
	delete(tr.byID, id)
}

func (tr *taskRunner) run(t *task, work taskFunc) {
	tr.slots <- struct{}{}
	defer func() { <-tr.slots }()
	tr.mu.Lock()
	t.started = time.Now()
	tr.mu.Unlock()
	res, err := tr.attempts(t, work)
	if err == nil && len(res.PDF) > maxTaskResult {
		res, err = taskResult{}, errTaskTooLarge
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if n := len(res.PDF); n > 0 {
		// Make room: the oldest finished tasks' results go first.
		var old []*task
		for _, x := range tr.byID {
			if !x.finished.IsZero() && len(x.result.PDF) > 0 {
				old = append(old, x)
			}
		}
		sort.Slice(old, func(i, j int) bool { return old[i].finished.Before(old[j].finished) })
		for _, x := range old {
			if tr.held+n <= maxTaskResults {
				break
			}
			tr.drop(x.id, x)
		}
		tr.held += n
	}
	t.result, t.err, t.finished = res, err, time.Now()
	delete(tr.byKey, t.key)
	close(t.done)
}

// attempts runs work up to t.tries times while it times out.
func (tr *taskRunner) attempts(t *task, work taskFunc) (res taskResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("background task panicked: %v", p)
		}
	}()
	for k := 1; k <= max(t.tries, 1); k++ {
		tr.mu.Lock()
		t.attempt = k
		tr.mu.Unlock()
		res, err = work(context.Background())
		if err == nil || !errors.Is(err, context.DeadlineExceeded) {
			return res, err
		}
		tr.log.Warn("background task timed out", "kind", t.kind, "owner", t.owner, "attempt", k, "attempts", t.tries)
	}
	return res, err
}

// get returns the task id if it is owner's (nil otherwise: another
// user's task is as unknown as a task that never was).
func (tr *taskRunner) get(id, owner string) *task {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.prune(time.Now())
	if t := tr.byID[id]; t != nil && t.owner == owner {
		return t
	}
	return nil
}

// taskState is a snapshot of a task for the progress page.
type taskState struct {
	ID, Label, Alt, Retry string
	Queued                bool
	Elapsed               int // seconds since it was asked for
	Attempt, Tries        int
	Print                 bool
	Refresh               int
}

func (tr *taskRunner) state(t *task) taskState {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return taskState{ID: t.id, Label: t.label, Alt: t.alt, Retry: t.retry, Queued: t.started.IsZero(),
		Elapsed: int(time.Since(t.created) / time.Second), Attempt: t.attempt, Tries: t.tries,
		Print: t.kind == taskNoticePDF || t.kind == taskReportPDF, Refresh: taskRefresh}
}

// outcome reports whether t is done, with its result.
func (tr *taskRunner) outcome(t *task) (taskResult, error, bool) {
	select {
	case <-t.done:
	default:
		return taskResult{}, nil, false
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return t.result, t.err, true
}

// runTask starts (or joins) a task for the request's user and answers:
// the result when it is done within Options.TaskWait, else 202 with the
// progress page.
func (s *Server) runTask(w http.ResponseWriter, r *http.Request, t *task, work taskFunc) {
	u := currentUser(r)
	t.owner = u.Name
	t.key = fmt.Sprintf("%s\x00%d\x00%s", u.Name, t.kind, t.key)
	t, err := s.tasks.start(t, work)
	if err != nil {
		w.Header().Set("Retry-After", "60")
		s.render(w, r, http.StatusTooManyRequests, "error", map[string]any{"Status": http.StatusTooManyRequests, "Title": "后台任务过多",
			"Message": fmt.Sprintf("后台任务过多：每人最多同时进行 %d 个、全站最多保留 %d 个后台任务，请等已开始的任务完成后再试。", taskKeptPerUser, taskKept)})
		return
	}
	timer := time.NewTimer(s.opts.TaskWait)
	defer timer.Stop()
	select {
	case <-t.done:
	case <-timer.C:
	case <-r.Context().Done():
		return // the reader went away; the task goes on
	}
	s.answerTask(w, r, t)
}

// taskPage is GET /tasks/{id}: the progress page, or the result.
func (s *Server) taskPage(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	t := s.tasks.get(r.PathValue("id"), u.Name)
	if t == nil || !allowed(u, t.perm) {
		s.fail(w, r, http.StatusNotFound, "未找到该后台任务（任务结果保留 10 分钟，可能已过期），请重新操作。")
		return
	}
	s.answerTask(w, r, t)
}

// answerTask answers with t's result when it is done, else with the
// progress page (202).
func (s *Server) answerTask(w http.ResponseWriter, r *http.Request, t *task) {
	res, err, done := s.tasks.outcome(t)
	if !done {
		st := s.tasks.state(t)
		w.Header().Set("Location", "/tasks/"+t.id)
		s.render(w, r, http.StatusAccepted, "task", st)
		return
	}
	switch {
	case err == nil && res.Redirect != "":
		http.Redirect(w, r, res.Redirect, http.StatusSeeOther)
	case err == nil:
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s"`, res.Filename))
		_, _ = w.Write(res.PDF)
	case errors.Is(err, errTaskTooLarge):
		s.fail(w, r, http.StatusInternalServerError, "生成的 PDF 过大，无法保存，请改用 HTML 版本打印。")
	case t.kind == taskNoticeCheck || t.kind == taskHostFacts:
		if errors.Is(err, context.DeadlineExceeded) {
			w.Header().Set("Retry-After", "60")
			s.fail(w, r, http.StatusServiceUnavailable, "复查超时：被复查的网站长时间没有响应，请稍后重试。")
			return
		}
		s.failErr(w, r, err)
	default:
		s.printFailed(w, r, err, t.retry, t.alt, t.tries)
	}
}
