// Package casework is the vocabulary of case work, the one place that
// names it: the routes a confirmed case takes (takedown notices through
// 网信办 or 市场监管, a referral to the police), the roles of the staff
// who decide, a case's statuses and the decisions that move it, the
// reasons for dismissing one, a notice's states and the outcomes of a
// removal check. Every value has its Chinese display name in one table
// (names.go), and the two state machines — a case's (Next) and a notice's
// (CheckNoticeMove) — say what may follow what, and why not.
//
// The values are the strings stored in databases and written in
// configuration and rule packs; they never change. Packages that store,
// show or check case work use these types instead of strings of their
// own.
package casework

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Route is what happens to a confirmed case: the notice it joins. A rule
// suggests one; a reviewer chooses one when confirming.
type Route string

// Routes.
const (
	// RouteTakedownCAC: a takedown request through 网信办 to a website or
	// platform.
	RouteTakedownCAC Route = "takedown_cac"
	// RouteTakedownSAMR: a takedown request through 市场监管 to an online
	// marketplace.
	RouteTakedownSAMR Route = "takedown_samr"
	// RoutePoliceReferral: a referral to the police (线索移送); it needs a
	// second person's approval.
	RoutePoliceReferral Route = "police_referral"
)

// Routes are the routes in the order forms and reports show them.
var Routes = []Route{RouteTakedownCAC, RouteTakedownSAMR, RoutePoliceReferral}

// Known reports whether r is one of Routes.
func (r Route) Known() bool { _, ok := routeInfo[r]; return ok }

// Name is the route's Chinese name ("网信办下架通知"), or r itself when
// unknown.
func (r Route) Name() string { return nameOr(routeInfo[r].name, r) }

// Department is the office that acts on the route's cases, as messages
// and reports name it ("网信办"); "" when r is unknown.
func (r Route) Department() string { return routeInfo[r].department }

// Takedown reports whether r asks a site or platform to take content
// down (the routes a source may suggest for its pages).
func (r Route) Takedown() bool { return routeInfo[r].takedown }

// NeedsApproval reports whether a confirmation onto r waits for a second
// person (an approver) before it joins a notice: a referral to the
// police.
func (r Route) NeedsApproval() bool { return r == RoutePoliceReferral }

// Reviewers are the roles that may confirm a case onto r. A referral may
// be proposed by either department; an approver then approves it.
func (r Route) Reviewers() []Role { return slices.Clone(routeInfo[r].reviewers) }

// TakedownRoutes are the routes for which Takedown holds, in order.
func TakedownRoutes() []Route {
	var out []Route
	for _, r := range Routes {
		if r.Takedown() {
			out = append(out, r)
		}
	}
	return out
}

// Role is what an account may do.
type Role string

// Roles. An account has one or more.
const (
	RoleReviewerCAC  Role = "reviewer_cac"  // reviewer for 网信办
	RoleReviewerSAMR Role = "reviewer_samr" // reviewer for 市场监管
	RoleAnalyst      Role = "analyst"       // rules and statistics
	RoleApprover     Role = "approver"      // signs off referrals and notices
	RoleAdmin        Role = "admin"         // accounts
)

// Roles are the roles in display order.
var Roles = []Role{RoleReviewerCAC, RoleReviewerSAMR, RoleAnalyst, RoleApprover, RoleAdmin}

// Known reports whether r is one of Roles.
func (r Role) Known() bool { return slices.Contains(Roles, r) }

// Name is the role's Chinese name, or r itself when unknown.
func (r Role) Name() string { return nameOr(names[r], r) }

// MayConfirm reports whether role r may confirm a case onto route.
func (r Role) MayConfirm(route Route) bool { return slices.Contains(routeInfo[route].reviewers, r) }

// ParseRoles reads a comma-separated list of roles (spaces around names
// are ignored, repeats dropped); at least one is required.
func ParseRoles(s string) ([]Role, error) {
	var out []Role
	for _, f := range strings.Split(s, ",") {
		r := Role(strings.TrimSpace(f))
		if r == "" {
			continue
		}
		if !r.Known() {
			return nil, fmt.Errorf("unknown role %q (one of %s)", r, Join(Roles))
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no role given (one or more of %s)", Join(Roles))
	}
	return out, nil
}

// CaseStatus is where a case stands in review.
type CaseStatus string

// Case statuses. A case starts open; a reviewer confirms it with a route
// or dismisses it with a reason. A confirmed referral to the police waits
// for a second person (an approver) before it joins a notice.
const (
	CaseOpen            CaseStatus = "open"
	CasePendingApproval CaseStatus = "pending_approval"
	CaseConfirmed       CaseStatus = "confirmed"
	CaseDismissed       CaseStatus = "dismissed"
)

// CaseStatuses are the statuses in display order.
var CaseStatuses = []CaseStatus{CaseOpen, CasePendingApproval, CaseConfirmed, CaseDismissed}

// Known reports whether s is one of CaseStatuses.
func (s CaseStatus) Known() bool { return slices.Contains(CaseStatuses, s) }

// Name is the status's Chinese name, or s itself when unknown.
func (s CaseStatus) Name() string { return nameOr(names[s], s) }

// Undecided reports whether a case in status s still waits for someone:
// open, or a referral pending approval.
func (s CaseStatus) Undecided() bool { return s == CaseOpen || s == CasePendingApproval }

// Action is a decision on a case.
type Action string

// Actions (see Next for what each does).
const (
	ActionConfirm = Action("confirm") // open → confirmed, or → pending_approval for a referral
	ActionDismiss = Action("dismiss") // open or pending_approval → dismissed
	ActionApprove = Action("approve") // pending_approval → confirmed (a second person)
	ActionReject  = Action("reject")  // pending_approval → open
	ActionReopen  = Action("reopen")  // dismissed → open
	// ActionWithdraw takes a confirmation back: confirmed (while its
	// notice is still a draft) or pending_approval → open, and the case
	// leaves the draft notice.
	ActionWithdraw = Action("withdraw")
)

// Actions are the actions in display order.
var Actions = []Action{ActionConfirm, ActionDismiss, ActionApprove, ActionReject, ActionReopen, ActionWithdraw}

// Known reports whether a is one of Actions.
func (a Action) Known() bool { return slices.Contains(Actions, a) }

// Name is the action's Chinese name, or a itself when unknown.
func (a Action) Name() string { return nameOr(names[a], a) }

// DismissReason says why a case was dismissed.
type DismissReason string

// Dismissal reasons.
const (
	DismissFalsePositive DismissReason = "false_positive"
	DismissOutOfScope    DismissReason = "out_of_scope"
	DismissDuplicate     DismissReason = "duplicate"
)

// DismissReasons are the reasons in the order a form offers them. There
// is no default: a reviewer must choose one, because each reason means
// something different to rule tuning (only a false positive is a negative
// example).
var DismissReasons = []DismissReason{DismissFalsePositive, DismissOutOfScope, DismissDuplicate}

// Known reports whether r is one of DismissReasons.
func (r DismissReason) Known() bool { return slices.Contains(DismissReasons, r) }

// Name is the reason's Chinese name, or r itself when unknown.
func (r DismissReason) Name() string { return nameOr(names[r], r) }

// NoticeState is where a notice stands.
type NoticeState string

// Notice states. Overdue is never stored: a notice is overdue when its
// deadline passed while it waits for the recipient (see Overdue).
const (
	NoticeDraft        NoticeState = "draft"
	NoticeApproved     NoticeState = "approved"
	NoticeSent         NoticeState = "sent"
	NoticeAcknowledged NoticeState = "acknowledged"
	NoticeRemoved      NoticeState = "removed"
	NoticeRefused      NoticeState = "refused"
	NoticeOverdue      NoticeState = "overdue"
)

// NoticeStates are the states in the order lists and filters show them.
var NoticeStates = []NoticeState{NoticeDraft, NoticeApproved, NoticeSent, NoticeAcknowledged, NoticeOverdue, NoticeRemoved, NoticeRefused}

// Known reports whether s is one of NoticeStates.
func (s NoticeState) Known() bool { return slices.Contains(NoticeStates, s) }

// Name is the state's Chinese name, or s itself when unknown.
func (s NoticeState) Name() string { return nameOr(names[s], s) }

// MoveName is the label of the button that moves a notice to s
// ("签发" for approved), or its Name when s is not a move's target.
func (s NoticeState) MoveName() string { return nameOr(moveNames[s], s.Name()) }

// Waiting reports whether a notice in state s waits for its recipient to
// act (sent or acknowledged): removal checks run, and it may be overdue.
func (s NoticeState) Waiting() bool { return s == NoticeSent || s == NoticeAcknowledged }

// Outcome is the result of one removal check of one listed URL.
type Outcome string

// Removal-check outcomes (the sweep package decides them).
const (
	OutcomeRemoved  Outcome = "removed"
	OutcomeLive     Outcome = "live"
	OutcomeChanged  Outcome = "changed"
	OutcomeBlocked  Outcome = "blocked"
	OutcomeRelisted Outcome = "relisted"
	OutcomeFailed   Outcome = "failed"
)

// Outcomes are the outcomes in display order.
var Outcomes = []Outcome{OutcomeRemoved, OutcomeLive, OutcomeChanged, OutcomeBlocked, OutcomeRelisted, OutcomeFailed}

// Known reports whether o is one of Outcomes.
func (o Outcome) Known() bool { return slices.Contains(Outcomes, o) }

// Name is the outcome's Chinese name, or o itself when unknown.
func (o Outcome) Name() string { return nameOr(names[o], o) }

// Gone reports whether the listed URL no longer shows the content:
// removed, or removed and relisted elsewhere.
func (o Outcome) Gone() bool { return o == OutcomeRemoved || o == OutcomeRelisted }

// Errors of the state machines. A refusal wraps one of them and says why
// in words for logs and tests; callers map them to their own errors
// (a conflict, a bad request).
var (
	// ErrNotAllowed: the case or notice is not in a state that allows
	// the change.
	ErrNotAllowed = errors.New("not allowed")
	// ErrUnknown: the action, route or state is not part of the
	// vocabulary.
	ErrUnknown = errors.New("unknown")
)

// refusal is an error that reads as its reason and matches its kind.
type refusal struct {
	kind error
	why  string
}

func (e *refusal) Error() string { return e.why }
func (e *refusal) Unwrap() error { return e.kind }

func refuse(kind error, format string, args ...any) error {
	return &refusal{kind, fmt.Sprintf(format, args...)}
}

// caseMoves is the case state machine: from each status, the status each
// action leads to. A confirmation's target depends on its route (see
// Next) and is given here for a takedown.
var caseMoves = map[CaseStatus]map[Action]CaseStatus{
	CaseOpen: {
		ActionConfirm: CaseConfirmed,
		ActionDismiss: CaseDismissed,
	},
	CasePendingApproval: {
		ActionApprove:  CaseConfirmed,
		ActionReject:   CaseOpen,
		ActionDismiss:  CaseDismissed,
		ActionWithdraw: CaseOpen,
	},
	CaseConfirmed: {
		ActionWithdraw: CaseOpen,
	},
	CaseDismissed: {
		ActionReopen: CaseOpen,
	},
}

// Allowed says whether action a applies to a case in status from; the
// error wraps ErrUnknown for an action outside the vocabulary and
// ErrNotAllowed when the status does not allow it. A confirmation also
// needs a known route (Next checks it); withdrawing a confirmation also
// needs its notice to be a draft still, which the store checks.
func Allowed(from CaseStatus, a Action) error {
	if !a.Known() {
		return refuse(ErrUnknown, "unknown action %q", a)
	}
	if _, ok := caseMoves[from][a]; !ok {
		return refuse(ErrNotAllowed, "%s does not apply to a case that is %s", a, from)
	}
	return nil
}

// Next is the status a case in status from takes when action a is
// applied; route is the route a confirmation chooses (ignored by other
// actions). A confirmation onto a route that needs approval waits for it
// (pending_approval). The error says why the action does not apply (see
// Allowed) or that the route is unknown (ErrUnknown).
func Next(from CaseStatus, a Action, route Route) (CaseStatus, error) {
	if err := Allowed(from, a); err != nil {
		return from, err
	}
	if a == ActionConfirm {
		if !route.Known() {
			return from, refuse(ErrUnknown, "unknown route %q", route)
		}
		if route.NeedsApproval() {
			return CasePendingApproval, nil
		}
	}
	return caseMoves[from][a], nil
}

// ActionsFrom are the actions that apply to a case in status s, in the
// order of Actions.
func ActionsFrom(s CaseStatus) []Action {
	var out []Action
	for _, a := range Actions {
		if _, ok := caseMoves[s][a]; ok {
			out = append(out, a)
		}
	}
	return out
}

// noticeMoves is the notice state machine: state → states it may move
// to. Draft → approved (signed off, numbered) → sent → acknowledged →
// removed | refused; an approved notice may go back to draft, and a sent
// one may close without an acknowledgement.
var noticeMoves = map[NoticeState][]NoticeState{
	NoticeDraft:        {NoticeApproved},
	NoticeApproved:     {NoticeSent, NoticeDraft},
	NoticeSent:         {NoticeAcknowledged, NoticeRemoved, NoticeRefused},
	NoticeAcknowledged: {NoticeRemoved, NoticeRefused},
}

// NoticeMovesFrom are the states a notice in state s may move to, in the
// order buttons show them.
func NoticeMovesFrom(s NoticeState) []NoticeState { return slices.Clone(noticeMoves[s]) }

// CheckNoticeMove says whether a notice may move from one state to
// another: nil, or an error wrapping ErrUnknown (a state outside the
// vocabulary, or overdue, which is computed and never a target) or
// ErrNotAllowed.
func CheckNoticeMove(from, to NoticeState) error {
	switch {
	case !to.Known() || to == NoticeOverdue:
		return refuse(ErrUnknown, "%q is not a state a notice moves to", to)
	case !from.Known() || from == NoticeOverdue:
		return refuse(ErrUnknown, "%q is not a stored notice state", from)
	case !slices.Contains(noticeMoves[from], to):
		if len(noticeMoves[from]) == 0 {
			return refuse(ErrNotAllowed, "a notice that is %s is closed", from)
		}
		return refuse(ErrNotAllowed, "a notice that is %s may become %s, not %s", from, Join(noticeMoves[from]), to)
	}
	return nil
}

// Join joins values with ", " (for messages that list the allowed ones).
func Join[T ~string](vs []T) string {
	ss := make([]string, len(vs))
	for i, v := range vs {
		ss[i] = string(v)
	}
	return strings.Join(ss, ", ")
}

func nameOr[T ~string](name string, v T) string {
	if name != "" {
		return name
	}
	return string(v)
}
