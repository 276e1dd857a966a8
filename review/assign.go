package review

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// Assignment (issue 13): a reviewer claims a case (认领) and releases it;
// an approver or admin reassigns it (改派) to a reviewer of the department
// its route belongs to; a claim lapses after Serve.ClaimTTL. Two reviewers
// never decide one case at once without seeing it:
//
//   - the case page shows who holds the claim, and a decision on a case
//     someone else holds is refused unless the decider ticks 接管 (a
//     takeover, recorded in the audit log before the decision);
//   - every decide form carries the case's version (caseVersion), and a
//     decision made on a page that no longer shows the case as it is is
//     refused with "案件已被他人更新" and the case as it is now. The store
//     checks the version again inside its transaction (Decision.Allow).
//
// The form, the batch bar and the JSON API all decide through
// Server.decision, which applies both guards.

// errGuard marks a decision refused by a guard (a stale view, someone
// else's claim): a conflict (409) whose page shows the case as it is.
var errGuard = fmt.Errorf("%w: the case changed or is claimed", store.ErrConflict)

func guardRefusal(format string, args ...any) error {
	return &userError{errGuard, fmt.Sprintf(format, args...)}
}

// staleMessage is what a decision made on an outdated page reads.
const staleMessage = "案件已被他人更新，您的操作未执行。下面是案件的当前状态，请核对后重新操作。"

// caseVersion is the stamp of what a decision changes on a case (status,
// who decided and when): a page that carried another stamp showed the case
// before someone else's decision.
func caseVersion(c *store.Case) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s", c.Status, c.DecidedBy, c.DecidedAt.UTC().Format(time.RFC3339Nano), c.Route)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// decideGuard is what a decision request says of the page it was made on.
type decideGuard struct {
	Version  string // caseVersion of the case as shown; "" (API clients that send none): not checked
	Takeover bool   // the decider takes over someone else's claim
}

func formGuard(r *http.Request, versionField string) decideGuard {
	return decideGuard{Version: r.PostFormValue(versionField), Takeover: r.PostFormValue("takeover") == "1"}
}

// claimTTL is how long a claim lasts.
func (s *Server) claimTTL() time.Duration {
	return cmp.Or(s.opts.Serve.ClaimTTL, casework.DefaultClaimTTL)
}

// heldClaim is the claim in force on a case, nil when none.
func (s *Server) heldClaim(caseID uint64) (*store.Claim, error) {
	cl, err := s.st.CaseClaim(caseID, s.now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return cl, err
}

// guard applies the two guards to decision d on case c by u (see the
// package comment above). It runs last in Server.decision, after every
// other check passed: a takeover is recorded only for a decision that is
// otherwise allowed.
func (s *Server) guard(u *store.User, c *store.Case, d *store.Decision, g decideGuard) error {
	if g.Version != "" && g.Version != caseVersion(c) {
		return guardRefusal(staleMessage)
	}
	cl, err := s.heldClaim(c.ID)
	if err != nil {
		return err
	}
	if cl != nil && cl.Holder != u.Name {
		if !g.Takeover {
			return guardRefusal("该案件已由 %s 认领（至 %s，北京时间），您的操作未执行。如确需由您处理，请在案件页面勾选“接管”后再提交，接管将记入审计日志。",
				cl.Holder, cl.Until.In(store.Beijing).Format("2006-01-02 15:04"))
		}
		now := s.now()
		if _, err := s.st.MoveClaim(store.ClaimMove{CaseID: c.ID, Op: store.ClaimTakeover, By: u.Name, At: now, Until: now.Add(s.claimTTL())}); err != nil {
			return err
		}
	}
	if g.Version != "" {
		allow := d.Allow
		d.Allow = func(cur *store.Case) error {
			if caseVersion(cur) != g.Version {
				return guardRefusal(staleMessage)
			}
			if allow != nil {
				return allow(cur)
			}
			return nil
		}
	}
	return nil
}

// decided releases the decider's claim once their decision is recorded:
// the case is done with, or waits for someone else (an approver).
func (s *Server) decided(u *store.User, caseID uint64) {
	cl, err := s.heldClaim(caseID)
	if err != nil || cl == nil || cl.Holder != u.Name {
		return
	}
	if _, err := s.st.MoveClaim(store.ClaimMove{CaseID: caseID, Op: store.ClaimRelease, By: u.Name, At: s.now()}); err != nil {
		s.log.Warn("release the claim after a decision", "case", caseID, "user", u.Name, "err", err)
	}
}

// assignView is what the case page shows of claims and comments.
type assignView struct {
	Claim          *store.Claim
	Mine           bool // the claim is the current user's
	ClaimedByOther bool
	CanClaim       bool // the user may claim, release or take over
	CanReassign    bool
	Assignees      []string // who the case may be reassigned to
	Version        string
	Comments       []store.Comment
	CanComment     bool
	MaxComment     int
	CanDiff        bool // two snapshots or more
	// Problem is a refusal shown above the forms (a stale page, someone
	// else's claim), with the case as it is now below it.
	Problem string
}

// mayReassign: approvers and admins give cases to reviewers.
func mayReassign(u *store.User) bool {
	return u.Has(casework.RoleApprover) || u.Has(casework.RoleAdmin)
}

func (s *Server) assignView(u *store.User, c *store.Case, snapshots int) (*assignView, error) {
	v := &assignView{Version: caseVersion(c), CanClaim: allowed(u, permDecide), CanReassign: mayReassign(u),
		CanComment: allowed(u, permReadCases), MaxComment: store.MaxCommentRunes, CanDiff: snapshots >= 2}
	var err error
	if v.Claim, err = s.heldClaim(c.ID); err != nil {
		return nil, err
	}
	if v.Claim != nil {
		v.Mine = v.Claim.Holder == u.Name
		v.ClaimedByOther = !v.Mine
	}
	if v.Comments, err = s.st.Comments(c.ID); err != nil {
		return nil, err
	}
	if v.CanReassign {
		if v.Assignees, err = s.assignees(c); err != nil {
			return nil, err
		}
		if v.Claim != nil { // reassigning to the holder changes nothing
			v.Assignees = slices.DeleteFunc(v.Assignees, func(n string) bool { return n == v.Claim.Holder })
		}
	}
	return v, nil
}

// assignees are the enabled reviewers a case may be given: of a role that
// may confirm onto its route (chosen, else suggested).
func (s *Server) assignees(c *store.Case) ([]string, error) {
	users, err := s.st.Users()
	if err != nil {
		return nil, err
	}
	route := cmp.Or(c.Route, s.suggestedRoute(c))
	var out []string
	for _, u := range users {
		if !u.Disabled && casework.MayBeAssigned(u.Roles, route) {
			out = append(out, u.Name)
		}
	}
	slices.Sort(out)
	return out, nil
}

var claimFlash = map[casework.ClaimOp]string{
	casework.ClaimTake: "claimed", casework.ClaimRelease: "released",
	casework.ClaimReassign: "reassigned", casework.ClaimTakeover: "takenover",
}

// claim changes a case's claim: op claim, release or takeover by the user
// (who may decide), reassign to another reviewer by an approver or admin.
func (s *Server) claim(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	u := currentUser(r)
	op := casework.ClaimOp(r.PostFormValue("op"))
	switch {
	case !op.Known():
		s.fail(w, r, http.StatusBadRequest, "未知的认领操作，未作任何处理。")
		return
	case op == casework.ClaimReassign && !mayReassign(u):
		s.fail(w, r, http.StatusForbidden, "您的角色无权改派案件：只有审批人或系统管理员可以改派。")
		return
	case op != casework.ClaimReassign && !allowed(u, permDecide):
		s.fail(w, r, http.StatusForbidden, "您的角色无权认领案件：只有审核员和审批人可以认领、释放或接管。")
		return
	}
	c, err := s.st.Case(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	now := s.now()
	m := store.ClaimMove{CaseID: id, Op: op, By: u.Name, At: now, Until: now.Add(s.claimTTL())}
	if op == casework.ClaimReassign {
		m.To = strings.TrimSpace(r.PostFormValue("to"))
		names, err := s.assignees(c)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !slices.Contains(names, m.To) {
			route := cmp.Or(c.Route, s.suggestedRoute(c))
			s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("不能改派给“%s”：只能改派给%s的在用审核员账户。", m.To,
				cmp.Or(route.Department(), "网信办或市场监管")))
			return
		}
	}
	if _, err := s.st.MoveClaim(m); err != nil {
		if errors.Is(err, store.ErrConflict) {
			s.claimConflict(w, r, id, op)
			return
		}
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/cases/%d", id), claimFlash[op])
}

// claimConflict shows the case as it is after a claim change was refused
// (someone else claimed it first, or the user's claim had lapsed).
func (s *Server) claimConflict(w http.ResponseWriter, r *http.Request, id uint64, op casework.ClaimOp) {
	msg := "认领未成功：该案件已被他人认领。"
	if op == casework.ClaimRelease {
		msg = "释放未成功：您当前没有认领该案件（认领可能已过期或已被改派）。"
	}
	s.renderCaseProblem(w, r, id, msg)
}

// renderCaseProblem answers 409 with the case page as it is now and msg
// above its forms.
func (s *Server) renderCaseProblem(w http.ResponseWriter, r *http.Request, id uint64, msg string) {
	v, err := s.loadCaseView(r, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v.Assign.Problem = msg
	s.render(w, r, http.StatusConflict, "case", v)
}

// maxMine bounds the "my cases" page.
const maxMine = 200

// mineRow is one claimed case.
type mineRow struct {
	store.Claim
	Case         *store.Case
	CategoryName string
}

type mineView struct {
	Rows  []mineRow
	All   bool // an approver's view of everyone's claims
	More  bool // more than maxMine
	TTL   string
	Count int
}

// mine lists the cases the user holds (我的案件); an approver may list
// everyone's (?all=1).
func (s *Server) mine(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	v := mineView{All: r.URL.Query().Get("all") == "1" && mayReassign(u), TTL: casework.Duration(s.claimTTL())}
	f := store.ClaimFilter{Holder: u.Name, Now: s.now(), Limit: maxMine + 1}
	if v.All {
		f.Holder = ""
	}
	claims, err := s.st.Claims(f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(claims) > maxMine {
		claims, v.More = claims[:maxMine], true
	}
	for _, cl := range claims {
		c, err := s.st.Case(cl.CaseID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Rows = append(v.Rows, mineRow{Claim: cl, Case: c, CategoryName: s.categoryName(c.Category)})
	}
	v.Count = len(v.Rows)
	s.render(w, r, http.StatusOK, "mine", v)
}

// addComment adds a comment to a case.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	switch {
	case text == "":
		s.fail(w, r, http.StatusBadRequest, "评论内容不能为空。")
		return
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		s.fail(w, r, http.StatusBadRequest, "评论含有无效字符。")
		return
	case utf8.RuneCountInString(text) > store.MaxCommentRunes:
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("评论不能超过 %d 字。", store.MaxCommentRunes))
		return
	}
	if _, err := s.st.AddComment(store.Comment{CaseID: id, By: currentUser(r).Name, Text: text}); err != nil {
		if errors.Is(err, store.ErrInvalid) {
			s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("评论未保存：每个案件最多 %d 条评论。", store.MaxCommentsPerCase))
			return
		}
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/cases/%d", id), "commented")
}

// apiGuardRefusal answers a guarded API decision with 409, the reason and
// the case as it is now (with its version and claim), for the client to
// show before trying again.
func (s *Server) apiGuardRefusal(w http.ResponseWriter, id uint64, err error) {
	out := map[string]any{"error": userMessage(err), "status": http.StatusConflict}
	if c, cerr := s.st.Case(id); cerr == nil {
		out["case"], out["version"] = c, caseVersion(c)
		if cl, cerr := s.heldClaim(id); cerr == nil {
			out["claim"] = cl
		}
	}
	writeJSON(w, http.StatusConflict, out)
}

// The views' functions of this file, added to funcs before New parses
// the views: caseVersion stamps a queue row for the batch bar's guard.
func init() {
	funcs["caseVersion"] = func(c store.Case) string { return caseVersion(&c) }
}
