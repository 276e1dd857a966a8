package review

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Checker runs a removal check of a notice's URLs now and records the
// results (the sweep package implements it).
type Checker interface {
	CheckNotice(ctx context.Context, noticeID uint64, by string) (*store.Notice, error)
}

// Options configure a Server.
type Options struct {
	Store Store
	Packs []*rules.Pack // for rule descriptions and legal bases
	Serve config.Serve  // offices, platforms, removal checks, session lifetime
	// SourceRoutes override the rule's suggested takedown route per
	// source id (config Source.Route), e.g. takedown_samr for a marketplace.
	SourceRoutes map[string]casework.Route
	// SweepNow starts a sweep in the background (ErrSweepBusy when one
	// runs) and SweepBusy says whether one runs; nil hides the button.
	SweepNow  func() error
	SweepBusy func() bool
	// Detection describes the detection in force (rules, model, channel
	// switches, a warning when the model does not load); nil: no model
	// section and no banner.
	Detection func() detect.Status
	// ModelChanged is called after an analyst switched a model channel,
	// to take it into the sweeps that start from then on.
	ModelChanged func()
	// InForce, when set, is read for the packs in force instead of Packs
	// (serve's inforce.Holder: an activation changes what every page shows).
	InForce PacksInForce
	Printer notice.Printer
	// PrintTimeout bounds the printing of one notice or report PDF
	// (default DefaultPrintTimeout); past it the page says so in Chinese,
	// with a link to try again (503 with Retry-After), never a 500.
	PrintTimeout time.Duration
	Checker      Checker
	Log          *slog.Logger
	Clock        func() time.Time // default time.Now
	// SecureCookies forces the Secure attribute (set it behind a TLS
	// proxy); it is on by itself for requests that arrive over TLS.
	SecureCookies bool

	// TaskWait is how long a PDF or a removal check is waited for before
	// the answer is a progress page (202, /tasks/{id}; default
	// DefaultTaskWait). The work goes on in the background (tasks.go).
	TaskWait time.Duration

	// HostFacts collects a URL's host facts for a referral (referral.go);
	// nil hides the button that collects them again.
	HostFacts HostFactsCollector
}

// Server is the review UI and API.
type Server struct {
	opts     Options
	st       Store
	log      *slog.Logger
	now      func() time.Time
	views    map[string]*template.Template
	throttle *throttle
	mux      *http.ServeMux
	// approveMu serializes approvals, which number notices.
	approveMu sync.Mutex
	tasks     *taskRunner // background prints and checks (tasks.go)
}

// New parses the views and builds the routes.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("review: no store")
	}
	if w, ok := opts.Store.(interface{ WarmSearch() error }); ok {
		go w.WarmSearch() // search.go: the first search need not wait for the index
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.PrintTimeout <= 0 {
		opts.PrintTimeout = DefaultPrintTimeout
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Serve.Offices == nil {
		opts.Serve = config.DefaultServe()
	}
	if opts.Serve.SessionTTL <= 0 {
		opts.Serve.SessionTTL = 12 * time.Hour
	}
	s := &Server{opts: opts, st: opts.Store, log: opts.Log, now: opts.Clock, throttle: newThrottle(opts.Store, opts.Clock, opts.Log)}
	if opts.TaskWait <= 0 {
		s.opts.TaskWait = DefaultTaskWait
	}
	s.tasks = newTaskRunner(opts.Log)
	views, err := parseViews()
	if err != nil {
		return nil, err
	}
	s.views = views
	s.routes()
	s.warmQueue()
	return s, nil
}

// PacksInForce is where a running server's packs in force are read (an
// inforce.Holder, which activations change).
type PacksInForce interface{ Packs() []*rules.Pack }

// packs are the packs the UI reads rule descriptions, legal bases and
// categories from: InForce's when set, else Packs.
func (s *Server) packs() []*rules.Pack {
	if s.opts.InForce != nil {
		return s.opts.InForce.Packs()
	}
	return s.opts.Packs
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	limit := bodyLimit(r)
	if r.ContentLength > limit {
		s.tooLarge(w, r, limit)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	// A form is read here, before the session and CSRF checks look for
	// its token, so that a body over the limit is answered 413 rather than
	// taken for a request without a token (403).
	if !safeMethod(r.Method) && isFormBody(r) {
		var err error
		if strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "multipart/") {
			err = r.ParseMultipartForm(limit) // in memory: the body is bounded
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			if isMaxBytes(err) {
				s.tooLarge(w, r, limit)
				return
			}
			s.fail(w, r, http.StatusBadRequest, "请求无效：表单无法解析。")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// Request bodies are bounded by route class: sign-in forms are tiny, a
// candidate rule pack (up to maxCandidatePack of YAML, which form encoding
// may triple) is the one large form, and every other form or JSON body
// carries a few fields and a note of at most 2,000 characters.
const (
	maxLoginBody   = 16 << 10
	maxPackBody    = 4 << 20
	maxRequestBody = 256 << 10
)

func bodyLimit(r *http.Request) int64 {
	switch r.URL.Path {
	case "/login":
		return maxLoginBody
	case "/rules/test":
		return maxPackBody
	}
	return maxRequestBody
}

func isFormBody(r *http.Request) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	return strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data")
}

func isMaxBytes(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// tooLarge answers 413 for a body over limit, as a page or as JSON.
func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request, limit int64) {
	s.log.Warn("refused request body over the limit", "method", r.Method, "path", r.URL.Path,
		"content_length", r.ContentLength, "limit", limit)
	// The rest of the body is not read: the connection is closed after
	// the answer rather than drained.
	w.Header().Set("Connection", "close")
	s.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("请求内容过大：此操作最多接受 %s，请缩短内容后重试。", sizeText(limit)))
}

// sizeText writes a byte count the way the UI does ("256 KB", "4 MB").
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	m.HandleFunc("GET /static/", s.staticFile(static))
	m.HandleFunc("GET /login", s.loginPage)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.user(s.logout))
	m.HandleFunc("GET /{$}", s.user(s.home))

	m.HandleFunc("GET /cases", s.can(permReadCases, s.queue))
	m.HandleFunc("POST /cases/decide", s.can(permDecide, s.batchDecide))
	m.HandleFunc("POST /cases/filters", s.can(permReadCases, s.saveFilter))
	m.HandleFunc("POST /cases/filters/delete", s.can(permReadCases, s.deleteFilter))
	m.HandleFunc("GET /api/cases/filters", s.can(permReadCases, s.apiSavedFilters))
	m.HandleFunc("GET /cases/{id}", s.can(permReadCases, s.casePage))
	m.HandleFunc("POST /cases/{id}/decide", s.can(permDecide, s.decide))
	m.HandleFunc("GET /cases/{id}/snapshots/{sid}/screenshot", s.can(permReadCases, s.screenshot))
	m.HandleFunc("GET /cases/{id}/snapshots/{sid}/body", s.can(permExport, s.rawBody))
	m.HandleFunc("GET /cases/{id}/imitation/reference.png", s.can(permReadCases, s.referenceScreenshot)) // imitation_compare.go
	m.HandleFunc("POST /cases/{id}/export", s.can(permExport, s.exportEvidence))
	m.HandleFunc("GET /cases/{id}/next", s.can(permReadCases, s.nextPage))
	m.HandleFunc("POST /cases/{id}/merge", s.can(permDecide, s.mergeCases))
	m.HandleFunc("POST /cases/{id}/unmerge", s.can(permDecide, s.unmergeCase))

	m.HandleFunc("GET /notices", s.can(permReadNotices, s.noticeList))
	m.HandleFunc("GET /notices/{id}", s.can(permReadNotices, s.noticePage))
	m.HandleFunc("GET /notices/{id}/document", s.can(permReadNotices, s.noticeDocument))
	m.HandleFunc("GET /notices/{id}/pdf", s.can(permReadNotices, s.noticePDF))
	m.HandleFunc("POST /notices/{id}/move", s.can(permReadNotices, s.moveNotice))
	m.HandleFunc("POST /notices/{id}/check", s.can(permCheck, s.checkNotice))
	m.HandleFunc("GET /notices/{id}/checks/{eid}", s.can(permExport, s.checkResponse))
	m.HandleFunc("POST /notices/{id}/track", s.can(permReadNotices, s.trackNotice))
	m.HandleFunc("POST /notices/{id}/escalate", s.can(permReadNotices, s.escalateNotice))

	m.HandleFunc("GET /audit", s.can(permAudit, s.auditPage))
	m.HandleFunc("POST /audit/verify", s.can(permAudit, s.auditVerify))
	m.HandleFunc("GET /users", s.can(permAccounts, s.userList))
	m.HandleFunc("POST /users", s.can(permAccounts, s.userAdd))
	m.HandleFunc("POST /users/{name}", s.can(permAccounts, s.userChange))
	m.HandleFunc("GET /account", s.user(s.accountPage))
	m.HandleFunc("POST /account/password", s.user(s.ownPassword))
	m.HandleFunc("GET /rules", s.can(permReadRules, s.rulesPage))
	m.HandleFunc("POST /rules/model-channel", s.can(permTuning, s.modelChannel))
	m.HandleFunc("GET /reports", s.can(permReports, s.reportsPage))
	m.HandleFunc("GET /reports/xlsx", s.can(permReports, s.reportXLSX))
	m.HandleFunc("GET /reports/html", s.can(permReports, s.reportHTML))
	m.HandleFunc("GET /reports/pdf", s.can(permReports, s.reportPDF))
	m.HandleFunc("GET /rules/test", s.can(permTuning, s.tuningPage))
	m.HandleFunc("POST /rules/test", s.can(permTuning, s.tuningRun))
	m.HandleFunc("GET /sweeps", s.can(permSweeps, s.sweepList))
	m.HandleFunc("GET /sweeps/{id}", s.can(permSweeps, s.sweepPage))
	m.HandleFunc("POST /sweeps/run", s.can(permSweepRun, s.sweepNow))

	m.HandleFunc("GET /api/me", s.user(s.apiMe))
	m.HandleFunc("GET /api/cases", s.can(permReadCases, s.apiCases))
	m.HandleFunc("GET /api/cases/{id}", s.can(permReadCases, s.apiCase))
	m.HandleFunc("POST /api/cases/{id}/decide", s.can(permDecide, s.apiDecide))
	m.HandleFunc("GET /api/notices", s.can(permReadNotices, s.apiNotices))
	m.HandleFunc("GET /api/notices/{id}", s.can(permReadNotices, s.apiNotice))
	m.HandleFunc("GET /api/notices/{id}/track", s.can(permReadNotices, s.apiNoticeTrack))
	m.HandleFunc("GET /api/audit/verify", s.can(permAudit, s.apiAuditVerify))
	// Issue 13: role-aware landing (home), dashboard, charts, audit export.
	m.HandleFunc("GET /dashboard", s.user(s.dashboard))
	m.HandleFunc("GET /dashboard/online", s.can(permReadNotices, s.dashboardOnline))
	m.HandleFunc("GET /dashboard/charts", s.can(permReports, s.chartsPage))
	m.HandleFunc("GET /audit/export", s.can(permAudit, s.auditExport))
	// Assignment, comments and snapshot diffs (issue 13: assign.go, diff.go).
	m.HandleFunc("GET /cases/mine", s.can(permDecide, s.mine))
	m.HandleFunc("POST /cases/{id}/claim", s.user(s.claim))
	m.HandleFunc("POST /cases/{id}/comments", s.can(permReadCases, s.addComment))
	m.HandleFunc("POST /cases/{id}/hostfacts", s.can(permExport, s.collectHostFacts)) // referral.go
	m.HandleFunc("GET /cases/{id}/diff", s.can(permReadCases, s.diffPage))
	m.HandleFunc("GET /search", s.can(permReadCases, s.searchPage))
	m.HandleFunc("GET /api/search", s.can(permReadCases, s.apiSearch))
	m.HandleFunc("GET /tasks/{id}", s.user(s.taskPage)) // tasks.go: background prints and checks
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		// A database file replaced, moved or deleted under the server makes
		// it refuse writes: say so to the load balancer and the operator.
		if err := s.opts.Store.Healthy(); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "数据库异常，已停止写入 (database problem, writes refused): %v\n", err)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	s.mux = m
}

// staticFile serves one embedded asset, cached by browsers for a day.
// Only files are served: a directory (/static/ itself, or any folder
// under it) is 404, never a listing.
func (s *Server) staticFile(files fs.FS) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		st, err := fs.Stat(files, name)
		if name == "" || strings.HasSuffix(name, "/") || !fs.ValidPath(name) || err != nil || !st.Mode().IsRegular() {
			s.fail(w, r, http.StatusNotFound, "未找到该文件。")
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.ServeFileFS(w, r, files, name)
	}
}

// securityHeaders go on every response. Scripts and styles come only from
// /static; nothing may frame the UI; crawled links get no referrer.
func securityHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

// httpStatus is the one table that maps errors to HTTP statuses.
func httpStatus(err error) int {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, store.ErrConflict), errors.Is(err, store.ErrExists):
		return http.StatusConflict
	case errors.Is(err, store.ErrSecondPerson), errors.Is(err, errForbidden):
		return http.StatusForbidden
	case errors.Is(err, store.ErrInvalid), errors.Is(err, errBadRequest):
		return http.StatusBadRequest
	case errors.Is(err, store.ErrLocked):
		return http.StatusServiceUnavailable
	case errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

var (
	errForbidden  = errors.New("forbidden")
	errBadRequest = errors.New("bad request")
	errTooLarge   = errors.New("request body too large")
)

// statusMessages are the Chinese words for an error page's status.
var statusMessages = map[int]string{
	http.StatusBadRequest:            "请求无效",
	http.StatusForbidden:             "没有权限执行此操作",
	http.StatusNotFound:              "未找到",
	http.StatusRequestEntityTooLarge: "请求内容过大",
	http.StatusConflict:              "状态已变化，操作未执行（可能已有他人处理）",
	http.StatusTooManyRequests:       "尝试次数过多，请稍后再试",
	http.StatusServiceUnavailable:    "服务暂不可用",
	http.StatusInternalServerError:   "服务器内部错误",
}
