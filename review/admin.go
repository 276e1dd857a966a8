package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.roleHome(w, r) // each role's own to-do (dashboard.go)
}

const auditPageSize = 100

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a, err := readAuditQuery(q) // auditview.go: user, action, object, date range
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	f := a.Filter
	f.Limit = auditPageSize
	entries, err := s.st.AuditEntries(f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var next uint64
	if len(entries) == auditPageSize {
		next = entries[len(entries)-1].Seq
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		rows[i] = s.auditRowOf(e)
	}
	s.render(w, r, http.StatusOK, "audit", map[string]any{"Entries": rows, "Filter": f, "Next": next, "Query": q,
		"Actions": auditActionOptions(f.ActionPrefix), "From": a.From, "To": a.To, "Users": s.auditUsers()})
}

// auditActionOption is a choice of the audit page's action filter (a
// prefix of the recorded actions).
type auditActionOption struct{ Value, Name string }

// auditActionOptions are the action filter's choices: groups, then every
// action by its Chinese name, then the current filter if it is neither.
func auditActionOptions(current string) []auditActionOption {
	opts := []auditActionOption{{"case.", "全部线索决定"}, {"notice.", "全部通知操作"}, {"login", "登录与登录失败"},
		{"user.", "全部用户管理"}, {"evidence.", "全部证据下载与导出"}, {"rules.", "全部规则操作"}, {"model.", "全部学习模型操作"}}
	for _, a := range casework.AuditActions {
		opts = append(opts, auditActionOption{string(a), a.Name()})
	}
	if current != "" && !slices.ContainsFunc(opts, func(o auditActionOption) bool { return o.Value == current }) {
		opts = append(opts, auditActionOption{current, "其他（按输入筛选）"})
	}
	return opts
}

func (s *Server) auditVerify(w http.ResponseWriter, r *http.Request) {
	rep, err := s.st.VerifyAudit()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.audit(r, currentUser(r).Name, "audit.verify", "audit", fmt.Sprintf("%d entries, %d problems", rep.Entries, len(rep.Problems)))
	s.render(w, r, http.StatusOK, "auditverify", rep)
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request) {
	users, err := s.st.Users()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", map[string]any{"Users": users, "Roles": casework.Roles})
}

// rolesFromForm reads the ticked role boxes.
func rolesFromForm(r *http.Request) ([]casework.Role, error) {
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	return casework.ParseRoles(strings.Join(r.PostForm["role"], ","))
}

func (s *Server) userAdd(w http.ResponseWriter, r *http.Request) {
	roles, err := rolesFromForm(r)
	if err != nil {
		s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	password := r.PostFormValue("password")
	if err := CheckPasswordPolicy(name, password); err != nil {
		s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	hash, err := s.hashPassword(r.Context(), password)
	if errors.Is(err, errBusy) {
		s.busy(w, r, "请求过多，请稍后再试。")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	u := store.User{Name: name, DisplayName: strings.TrimSpace(r.PostFormValue("display_name")), Roles: roles, PasswordHash: hash}
	if err := s.st.CreateUser(currentUser(r).Name, u); err != nil {
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, "/users", "user")
}

// userChange sets an account's roles, enables or disables it, or sets a
// new password (an administrator's reset).
func (s *Server) userChange(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	me := currentUser(r)
	var ch store.UserChange
	switch r.PostFormValue("op") {
	case "roles":
		roles, err := rolesFromForm(r)
		if err != nil {
			s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
			return
		}
		if name == me.Name && !containsRole(roles, casework.RoleAdmin) {
			s.fail(w, r, http.StatusBadRequest, "不能取消自己的管理员角色。")
			return
		}
		ch.Roles = roles
	case "disable", "enable":
		if name == me.Name {
			s.fail(w, r, http.StatusBadRequest, "不能停用自己的账户。")
			return
		}
		v := r.PostFormValue("op") == "disable"
		ch.Disabled = &v
	case "password":
		password := r.PostFormValue("password")
		if err := CheckPasswordPolicy(name, password); err != nil {
			s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
			return
		}
		hash, err := s.hashPassword(r.Context(), password)
		if errors.Is(err, errBusy) {
			s.busy(w, r, "请求过多，请稍后再试。")
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		ch.PasswordHash = &hash
	default:
		s.fail(w, r, http.StatusBadRequest, "未知操作。")
		return
	}
	if _, err := s.st.UpdateUser(me.Name, name, ch); err != nil {
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, "/users", "user")
}

func containsRole(rs []casework.Role, r casework.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account", nil)
}

// ownPassword changes the signed-in user's password; it needs the
// current one, and ends every session of the account (this one too).
func (s *Server) ownPassword(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	// Guesses of the current password are throttled like sign-ins, or a
	// stolen session could try passwords without limit.
	att, wait, err := s.throttle.begin(u.Name, clientIP(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if wait > 0 {
		retryAfter(w, wait)
		s.fail(w, r, http.StatusTooManyRequests, fmt.Sprintf("密码错误次数过多，请 %d 分钟后再试。", int(wait.Minutes())+1))
		return
	}
	ok, err := s.verifyPassword(r.Context(), u.PasswordHash, r.PostFormValue("current"))
	if errors.Is(err, errBusy) || r.Context().Err() != nil {
		att.cancel()
		s.busy(w, r, "请求过多，请稍后再试。")
		return
	}
	if err != nil || !ok {
		if err := att.failed("wrong current password"); err != nil {
			s.log.Error("record failed password check", "user", u.Name, "err", err)
		}
		s.fail(w, r, http.StatusForbidden, "当前密码不正确。")
		return
	}
	if err := att.succeeded(); err != nil {
		s.log.Error("record password check", "user", u.Name, "err", err)
	}
	password := r.PostFormValue("password")
	if password != r.PostFormValue("again") {
		s.fail(w, r, http.StatusBadRequest, "两次输入的新密码不一致。")
		return
	}
	if err := CheckPasswordPolicy(u.Name, password); err != nil {
		s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	hash, err := s.hashPassword(r.Context(), password)
	if errors.Is(err, errBusy) {
		s.busy(w, r, "请求过多，请稍后再试。")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if _, err := s.st.UpdateUser(u.Name, u.Name, store.UserChange{PasswordHash: &hash}); err != nil {
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, "/login", "password")
}

func (s *Server) rulesPage(w http.ResponseWriter, r *http.Request) {
	mv, err := s.loadModelView()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "rules", map[string]any{"Packs": s.packs(), "Model": mv})
}

// JSON API. It answers what the pages show, for scripts and other
// systems, with the same sign-in, roles and CSRF token (header
// X-CSRF-Token, from GET /api/me).

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	writeJSON(w, http.StatusOK, map[string]any{"user": u.Name, "display_name": u.DisplayName, "roles": u.Roles,
		"csrf_token": currentSession(r).CSRF})
}

func (s *Server) apiCases(w http.ResponseWriter, r *http.Request) {
	f := readQueueFilter(r.URL.Query())
	if f.Order.Err != "" {
		s.fail(w, r, http.StatusBadRequest, f.Order.Err)
		return
	}
	release, ok := s.queueSlot(w, r) // gate.go
	if !ok {
		return
	}
	defer release()
	p, _, latest, err := s.queryQueue(f, f.Page, false)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	page := s.queueRows(p.Cases, latest)
	if !allowed(currentUser(r), permReadNotices) {
		for i := range page {
			hideNotice(&page[i].Case)
		}
	}
	if page == nil {
		page = []caseRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": p.Total, "page": f.Page, "page_size": f.Order.Size,
		"sort": f.Order.Sort, "order": map[bool]string{true: "desc", false: "asc"}[f.Order.Desc],
		"counts": p.Counts, "latest_sweep": latest, "cases": page})
}

func (s *Server) apiCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v, err := s.loadCaseView(r, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"case": v.Case, "finding": v.Finding, "snapshots": v.Snapshots,
		"sightings": v.Sightings, "decisions": v.Decisions, "notice": v.Notice,
		"version": v.Assign.Version, "claim": v.Assign.Claim, "comments": v.Assign.Comments})
}

func (s *Server) apiDecide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var in struct {
		Action          casework.Action
		Route           casework.Route
		Reason          casework.DismissReason
		Recipient, Note string
		// Version is the case's version as the client last read it
		// (GET /api/cases/{id}); a decision on an older one is refused.
		Version  string
		Takeover bool // take over someone else's claim
	}
	if err := decodeJSON(r, &in); err != nil {
		s.failErr(w, r, err)
		return
	}
	c, err := s.st.Case(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	d, err := s.decision(r, c, in.Action, in.Route, in.Recipient, in.Reason, in.Note, decideGuard{Version: in.Version, Takeover: in.Takeover})
	var dec *store.Decision
	if err == nil {
		c, dec, err = s.st.Decide(d)
	}
	if errors.Is(err, errGuard) {
		s.apiGuardRefusal(w, id, err)
		return
	}
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.decided(currentUser(r), id)
	writeJSON(w, http.StatusOK, map[string]any{"case": c, "decision": dec})
}

func (s *Server) apiNotices(w http.ResponseWriter, r *http.Request) {
	ns, err := s.st.Notices(store.NoticeFilter{Status: casework.NoticeState(r.URL.Query().Get("status")),
		Route: casework.Route(r.URL.Query().Get("route")), Now: s.now()})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows := make([]noticeRow, len(ns))
	for i, n := range ns {
		rows[i] = noticeRowOf(n, s.now())
	}
	writeJSON(w, http.StatusOK, map[string]any{"notices": rows})
}

func (s *Server) apiNotice(w http.ResponseWriter, r *http.Request) {
	n, ok := s.pathNotice(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, noticeRowOf(*n, s.now()))
}

func (s *Server) apiAuditVerify(w http.ResponseWriter, r *http.Request) {
	rep, err := s.st.VerifyAudit()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": rep.OK(), "entries": rep.Entries, "head_seq": rep.HeadSeq,
		"head_hash": rep.HeadHash, "problems": rep.Problems})
}

func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("%w: Content-Type must be application/json", errBadRequest)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// One JSON value and nothing after it but white space: trailing
		// data would otherwise be ignored, and a second object taken for
		// part of the request.
		var extra json.RawMessage
		if err = dec.Decode(&extra); errors.Is(err, io.EOF) {
			return nil
		} else if err == nil {
			err = errors.New("JSON 值之后还有多余内容 (trailing data after the JSON value)")
		} else if !isMaxBytes(err) {
			err = fmt.Errorf("JSON 值之后还有多余内容 (trailing data after the JSON value): %v", err)
		}
	}
	if isMaxBytes(err) {
		return fmt.Errorf("%w: %v", errTooLarge, err)
	}
	return fmt.Errorf("%w: %v", errBadRequest, err)
}
