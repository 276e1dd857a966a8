package review

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// perm is an action a role may take.
type perm int

const (
	permReadCases perm = iota
	permDecide
	permExport
	permReadNotices
	permCheck
	permAudit
	permAccounts
	permReadRules
	permSweeps
	permSweepRun
	permReports
	permTuning
)

// can lists the roles allowed each action. Finer checks (which route a
// reviewer may confirm, who may move a notice) are in canRoute and
// canMoveNotice.
var can = map[perm][]casework.Role{
	permReadCases:   {casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover, casework.RoleAnalyst},
	permDecide:      {casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover},
	permExport:      {casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover},
	permReadNotices: {casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover},
	permCheck:       {casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover},
	permAudit:       {casework.RoleApprover, casework.RoleAdmin},
	permAccounts:    {casework.RoleAdmin},
	permReadRules:   {casework.RoleAnalyst, casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover},
	permSweeps:      {casework.RoleAnalyst, casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover, casework.RoleAdmin},
	permSweepRun:    {casework.RoleApprover, casework.RoleAdmin},
	permReports:     {casework.RoleAnalyst, casework.RoleReviewerCAC, casework.RoleReviewerSAMR, casework.RoleApprover},
	permTuning:      {casework.RoleAnalyst},
}

func allowed(u *store.User, p perm) bool {
	return slices.ContainsFunc(can[p], u.Has)
}

// canRoute: whether u may confirm a case onto route (a role of
// route.Reviewers: referrals may be proposed by either department; an
// approver then approves them).
func canRoute(u *store.User, route casework.Route) bool {
	return slices.ContainsFunc(route.Reviewers(), u.Has)
}

// Cookie names. With Secure cookies the __Host- prefix also pins the
// cookie to this host and path /.
const (
	sessionCookie = "certwatch_session"
	loginCSRF     = "certwatch_login"
)

func (s *Server) secure(r *http.Request) bool { return s.opts.SecureCookies || r.TLS != nil }

func (s *Server) cookieName(r *http.Request, base string) string {
	if s.secure(r) {
		return "__Host-" + base
	}
	return base
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	c := &http.Cookie{
		Name: s.cookieName(r, name), Value: value, Path: "/",
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteStrictMode,
	}
	if maxAge > 0 {
		c.MaxAge = int(maxAge / time.Second)
	} else {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

type ctxKey int

const (
	ctxUser ctxKey = iota
	ctxSession
)

func currentUser(r *http.Request) *store.User {
	u, _ := r.Context().Value(ctxUser).(*store.User)
	return u
}

func currentSession(r *http.Request) *store.Session {
	sess, _ := r.Context().Value(ctxSession).(*store.Session)
	return sess
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// user is the session → CSRF → handler chain: it loads the session and
// its account (a disabled account is signed out), and refuses a
// state-changing request whose CSRF token or Origin is wrong.
func (s *Server) user(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(s.cookieName(r, sessionCookie))
		var sess *store.Session
		var u *store.User
		if err == nil && c.Value != "" && len(c.Value) < 128 {
			sess, err = s.st.Session(tokenHash(c.Value))
			if err == nil {
				u, err = s.st.User(sess.User)
				if err == nil && u.Disabled {
					err = errForbidden
				}
			}
		} else {
			err = store.ErrNotFound
		}
		if err != nil {
			if !errors.Is(err, store.ErrNotFound) && !errors.Is(err, errForbidden) {
				s.log.Error("load session", "err", err)
			}
			if isAPI(r) || r.Method != http.MethodGet {
				s.fail(w, r, http.StatusUnauthorized, "请先登录")
				return
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if !safeMethod(r.Method) {
			if err := s.checkCSRF(r, sess.CSRF); err != nil {
				s.log.Warn("refused request without a valid CSRF token", "user", u.Name, "path", r.URL.Path, "reason", err)
				s.fail(w, r, http.StatusForbidden, "请求校验失败（CSRF），请刷新页面后重试")
				return
			}
		}
		ctx := context.WithValue(context.WithValue(r.Context(), ctxUser, u), ctxSession, sess)
		h(w, r.WithContext(ctx))
	}
}

// can is user plus a role check.
func (s *Server) can(p perm, h http.HandlerFunc) http.HandlerFunc {
	return s.user(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(currentUser(r), p) {
			s.fail(w, r, http.StatusForbidden, "您的角色无权访问此页面或执行此操作")
			return
		}
		h(w, r)
	})
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// checkCSRF compares the request's token (form field csrf, or header
// X-CSRF-Token) with want in constant time, and refuses a request whose
// Origin names another site.
func (s *Server) checkCSRF(r *http.Request, want string) error {
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		ou, err := url.Parse(o)
		if err != nil || ou.Host != r.Host {
			return fmt.Errorf("origin %q is not this site", o)
		}
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return errors.New("cross-site request")
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	if want == "" || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errors.New("missing or wrong token")
	}
	return nil
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.throttle.flush(false) // bursts that closed go to the audit log
	tok := randomToken()
	s.setCookie(w, r, loginCSRF, tok, 30*time.Minute)
	s.render(w, r, http.StatusOK, "login", map[string]any{"CSRF": tok, "Next": safeNext(r.URL.Query().Get("next"))})
}

// safeNext keeps a post-login redirect on this site. Browsers drop tabs
// and newlines from a Location and read a backslash as a slash, so
// "/\t/evil.example" would leave the site: such characters are refused
// anywhere in next.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	return next
}

// maxSignInName bounds the name a sign-in attempt is recorded under
// (account names are at most 64 bytes).
const maxSignInName = 100

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(s.cookieName(r, loginCSRF))
	if err != nil || s.checkCSRF(r, c.Value) != nil {
		s.fail(w, r, http.StatusForbidden, "请求校验失败（CSRF），请刷新登录页后重试")
		return
	}
	name := strings.TrimSpace(r.PostFormValue("user"))
	if len(name) > maxSignInName { // no account has such a name; it goes into keys and the audit log
		name = strings.ToValidUTF8(name[:maxSignInName], "")
	}
	password := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	ip := clientIP(r)
	again := func(status int, msg string) {
		tok := randomToken()
		s.setCookie(w, r, loginCSRF, tok, 30*time.Minute)
		s.render(w, r, status, "login", map[string]any{"CSRF": tok, "Next": next, "Error": msg, "User": name})
	}
	// The attempt is counted before its hash runs (see throttle.go).
	att, wait, err := s.throttle.begin(name, ip)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if wait > 0 {
		retryAfter(w, wait)
		again(http.StatusTooManyRequests, fmt.Sprintf("登录失败次数过多，请 %d 分钟后再试。", int(wait.Minutes())+1))
		return
	}
	u, err := s.st.User(name)
	hash := ""
	if err == nil {
		hash = u.PasswordHash
	}
	ok, verr := s.verifyPassword(r.Context(), hash, password)
	if errors.Is(verr, errBusy) || r.Context().Err() != nil {
		att.cancel()
		w.Header().Set("Retry-After", "2")
		again(http.StatusServiceUnavailable, "登录请求过多，请稍后再试。")
		return
	}
	if verr != nil && err == nil {
		s.log.Error("verify password", "user", name, "err", verr)
	}
	if err != nil || !ok || u.Disabled {
		reason := "wrong password"
		switch {
		case err != nil:
			reason = "no such user"
		case u.Disabled:
			reason = "account disabled"
		}
		if err := att.failed(reason); err != nil {
			s.log.Error("record failed sign-in", "user", name, "err", err)
		}
		again(http.StatusUnauthorized, "用户名或密码错误，或账户已停用。")
		return
	}
	if err := att.succeeded(); err != nil {
		s.log.Error("record sign-in", "user", name, "err", err)
	}
	tok := randomToken()
	now := s.now().UTC()
	sess := store.Session{TokenHash: tokenHash(tok), User: u.Name, CSRF: randomToken(), Created: now,
		Expires: now.Add(s.opts.Serve.SessionTTL), Addr: ip}
	if err := s.st.CreateSession(sess); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.audit(r, u.Name, "login", "user:"+u.Name, "from "+ip)
	s.setCookie(w, r, loginCSRF, "", 0)
	s.setCookie(w, r, sessionCookie, tok, s.opts.Serve.SessionTTL)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.st.DeleteSession(currentSession(r).TokenHash); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.audit(r, currentUser(r).Name, "logout", "user:"+currentUser(r).Name, "")
	s.setCookie(w, r, sessionCookie, "", 0)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// audit writes an entry that goes with no other change; a failure is
// logged, not shown (the action itself already happened or was refused).
func (s *Server) audit(r *http.Request, actor, action, object, detail string) {
	if _, err := s.st.Audit(store.AuditEntry{Actor: actor, Action: action, Object: object, Detail: detail}); err != nil {
		s.log.Error("audit", "action", action, "err", err)
	}
}
