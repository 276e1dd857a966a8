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
	"sync"
	"sync/atomic"
	"time"

	"github.com/certwatch/certwatch/config"
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
	Store *store.Store
	Packs []*rules.Pack // for rule descriptions and legal bases
	Serve config.Serve  // offices, platforms, removal checks, session lifetime
	// SourceRoutes override the rule's suggested takedown route per
	// source id (config Source.Route), e.g. takedown_samr for a marketplace.
	SourceRoutes map[string]string
	// SweepNow starts a sweep in the background (ErrSweepBusy when one
	// runs) and SweepBusy says whether one runs; nil hides the button.
	SweepNow  func() error
	SweepBusy func() bool
	Printer   notice.Printer
	Checker   Checker
	Log       *slog.Logger
	Clock     func() time.Time // default time.Now
	// SecureCookies forces the Secure attribute (set it behind a TLS
	// proxy); it is on by itself for requests that arrive over TLS.
	SecureCookies bool
}

// Server is the review UI and API.
type Server struct {
	opts     Options
	st       *store.Store
	log      *slog.Logger
	now      func() time.Time
	views    map[string]*template.Template
	throttle *throttle
	mux      *http.ServeMux
	// approveMu serializes approvals, which number notices.
	approveMu sync.Mutex
	// packsNow are the packs in force (SetPacks swaps them).
	packsNow atomic.Pointer[[]*rules.Pack]
}

// New parses the views and builds the routes.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("review: no store")
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
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
	views, err := parseViews()
	if err != nil {
		return nil, err
	}
	s.views = views
	packs := opts.Packs
	s.packsNow.Store(&packs)
	s.routes()
	return s, nil
}

// SetPacks replaces the packs the UI reads rule descriptions, legal bases
// and categories from (a pack activated while the server runs).
func (s *Server) SetPacks(packs []*rules.Pack) { s.packsNow.Store(&packs) }

func (s *Server) packs() []*rules.Pack { return *s.packsNow.Load() }

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
	s.mux.ServeHTTP(w, r)
}

// maxRequestBody bounds every request body (forms and JSON are small).
const maxRequestBody = 1 << 20

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	m.HandleFunc("GET /login", s.loginPage)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.user(s.logout))
	m.HandleFunc("GET /{$}", s.user(s.home))

	m.HandleFunc("GET /cases", s.can(permReadCases, s.queue))
	m.HandleFunc("POST /cases/decide", s.can(permDecide, s.batchDecide))
	m.HandleFunc("GET /cases/{id}", s.can(permReadCases, s.casePage))
	m.HandleFunc("POST /cases/{id}/decide", s.can(permDecide, s.decide))
	m.HandleFunc("GET /cases/{id}/snapshots/{sid}/screenshot", s.can(permReadCases, s.screenshot))
	m.HandleFunc("GET /cases/{id}/snapshots/{sid}/body", s.can(permExport, s.rawBody))
	m.HandleFunc("POST /cases/{id}/export", s.can(permExport, s.exportEvidence))

	m.HandleFunc("GET /notices", s.can(permReadNotices, s.noticeList))
	m.HandleFunc("GET /notices/{id}", s.can(permReadNotices, s.noticePage))
	m.HandleFunc("GET /notices/{id}/document", s.can(permReadNotices, s.noticeDocument))
	m.HandleFunc("GET /notices/{id}/pdf", s.can(permReadNotices, s.noticePDF))
	m.HandleFunc("POST /notices/{id}/move", s.can(permReadNotices, s.moveNotice))
	m.HandleFunc("POST /notices/{id}/check", s.can(permCheck, s.checkNotice))
	m.HandleFunc("GET /notices/{id}/checks/{eid}", s.can(permExport, s.checkResponse))

	m.HandleFunc("GET /audit", s.can(permAudit, s.auditPage))
	m.HandleFunc("POST /audit/verify", s.can(permAudit, s.auditVerify))
	m.HandleFunc("GET /users", s.can(permAccounts, s.userList))
	m.HandleFunc("POST /users", s.can(permAccounts, s.userAdd))
	m.HandleFunc("POST /users/{name}", s.can(permAccounts, s.userChange))
	m.HandleFunc("GET /account", s.user(s.accountPage))
	m.HandleFunc("POST /account/password", s.user(s.ownPassword))
	m.HandleFunc("GET /rules", s.can(permReadRules, s.rulesPage))
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
	m.HandleFunc("GET /api/audit/verify", s.can(permAudit, s.apiAuditVerify))
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	s.mux = m
}

// cacheStatic lets browsers keep the embedded assets for a day.
func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
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
	}
	return http.StatusInternalServerError
}

var (
	errForbidden  = errors.New("forbidden")
	errBadRequest = errors.New("bad request")
)

// statusMessages are the Chinese words for an error page's status.
var statusMessages = map[int]string{
	http.StatusBadRequest:          "请求无效",
	http.StatusForbidden:           "没有权限执行此操作",
	http.StatusNotFound:            "未找到",
	http.StatusConflict:            "状态已变化，操作未执行（可能已有他人处理）",
	http.StatusTooManyRequests:     "尝试次数过多，请稍后再试",
	http.StatusServiceUnavailable:  "服务暂不可用",
	http.StatusInternalServerError: "服务器内部错误",
}
