package casework

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

// TestNames: every value of every list has a Chinese name of its own,
// and an unknown value shows as itself.
func TestNames(t *testing.T) {
	check := func(kind string, vals []string, name func(string) string, known func(string) bool) {
		t.Run(kind, func(t *testing.T) {
			seen := map[string]string{}
			for _, v := range vals {
				n := name(v)
				if !known(v) {
					t.Errorf("%s %q: not Known", kind, v)
				}
				if n == "" || n == v || !strings.ContainsFunc(n, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
					t.Errorf("%s %q: name %q is not a Chinese name", kind, v, n)
				}
				if other, dup := seen[n]; dup {
					t.Errorf("%s %q and %q share the name %q", kind, v, other, n)
				}
				seen[n] = v
			}
			if name("no_such_value") != "no_such_value" || known("no_such_value") || known("") {
				t.Errorf("%s: an unknown value is %q, known %v", kind, name("no_such_value"), known("no_such_value"))
			}
		})
	}
	check("route", strs(Routes), func(s string) string { return Route(s).Name() }, func(s string) bool { return Route(s).Known() })
	check("role", strs(Roles), func(s string) string { return Role(s).Name() }, func(s string) bool { return Role(s).Known() })
	check("case status", strs(CaseStatuses), func(s string) string { return CaseStatus(s).Name() }, func(s string) bool { return CaseStatus(s).Known() })
	check("action", strs(Actions), func(s string) string { return Action(s).Name() }, func(s string) bool { return Action(s).Known() })
	check("dismiss reason", strs(DismissReasons), func(s string) string { return DismissReason(s).Name() }, func(s string) bool { return DismissReason(s).Known() })
	check("notice state", strs(NoticeStates), func(s string) string { return NoticeState(s).Name() }, func(s string) bool { return NoticeState(s).Known() })
	check("outcome", strs(Outcomes), func(s string) string { return Outcome(s).Name() }, func(s string) bool { return Outcome(s).Known() })
	check("claim op", strs(ClaimOps), func(s string) string { return ClaimOp(s).Name() }, func(s string) bool { return ClaimOp(s).Known() })
	check("delivery channel", strs(DeliveryChannels), func(s string) string { return DeliveryChannel(s).Name() }, func(s string) bool { return DeliveryChannel(s).Known() })
	check("track kind", strs(TrackKinds), func(s string) string { return TrackKind(s).Name() }, func(s string) bool { return TrackKind(s).Known() })
	check("reminder kind", strs(ReminderKinds), func(s string) string { return ReminderKind(s).Name() }, func(s string) bool { return ReminderKind(s).Known() })
	check("escalation", strs(Escalations), func(s string) string { return Escalation(s).Name() }, func(s string) bool { return Escalation(s).Known() })
	check("referral item", strs(ReferralItems), func(s string) string { return ReferralItem(s).Name() }, func(s string) bool { return ReferralItem(s).Known() })
	check("referral state", strs(ReferralStates), func(s string) string { return ReferralState(s).Name() }, func(s string) bool { return ReferralState(s).Known() })

	listedIn := func(vals []string) func(string) bool {
		return func(s string) bool { return slices.Contains(vals, s) }
	}
	check("contact kind", strs(ContactKinds), func(s string) string { return ContactKind(s).Name() }, listedIn(strs(ContactKinds)))
	check("label", strs(Labels), func(s string) string { return Label(s).Name() }, listedIn(strs(Labels)))
	check("fetch outcome", strs(FetchOutcomes), func(s string) string { return FetchOutcome(s).Name() }, listedIn(strs(FetchOutcomes)))
	check("sweep trouble", strs(SweepTroubles), func(s string) string { return SweepTrouble(s).Name() }, listedIn(strs(SweepTroubles)))
	check("source state", strs(SourceStates), func(s string) string { return SourceState(s).Name() }, listedIn(strs(SourceStates)))
	check("audit action", strs(AuditActions), func(s string) string { return AuditAction(s).Name() }, listedIn(strs(AuditActions)))
	check("discovery count", strs(DiscoveryCounts), func(s string) string { return DiscoveryCount(s).Name() }, listedIn(strs(DiscoveryCounts)))
	check("audit object", strs(AuditObjects), func(s string) string { return AuditObject(s).Name() }, listedIn(strs(AuditObjects)))

	// The table holds nothing the lists do not.
	listed := 0
	for _, n := range [][]string{strs(Roles), strs(CaseStatuses), strs(Actions), strs(DismissReasons), strs(NoticeStates), strs(Outcomes),
		strs(ContactKinds), strs(Labels), strs(FetchOutcomes), strs(SweepTroubles), strs(SourceStates), strs(AuditActions), strs(AuditObjects),
		strs(ClaimOps), strs(DeliveryChannels), strs(TrackKinds), strs(ReminderKinds), strs(Escalations), strs(DiscoveryCounts),
		strs(ReferralItems), strs(ReferralStates)} {
		listed += len(n)
	}
	if listed != len(names) {
		t.Errorf("names has %d entries, the lists %d values", len(names), listed)
	}
	// The same string in two vocabularies keeps two names.
	if NoticeRemoved.Name() == OutcomeRemoved.Name() {
		t.Errorf("notice removed and outcome removed share the name %q", NoticeRemoved.Name())
	}
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// TestStoredValues: the strings are what databases, configurations and
// rule packs hold; they never change.
func TestStoredValues(t *testing.T) {
	for _, tt := range []struct {
		got  []string
		want string
	}{
		{strs(Routes), "takedown_cac takedown_samr police_referral"},
		{strs(Roles), "reviewer_cac reviewer_samr analyst approver admin"},
		{strs(CaseStatuses), "open pending_approval confirmed dismissed"},
		{strs(Actions), "confirm dismiss approve reject reopen withdraw"},
		{strs(DismissReasons), "false_positive out_of_scope duplicate"},
		{strs(NoticeStates), "draft approved sent acknowledged overdue removed refused"},
		{strs(Outcomes), "removed live changed blocked relisted failed"},
	} {
		if got := strings.Join(tt.got, " "); got != tt.want {
			t.Errorf("stored values %q, want %q", got, tt.want)
		}
	}
}

func TestRoutes(t *testing.T) {
	tests := []struct {
		r             Route
		name, dept    string
		takedown, two bool
		reviewers     []Role
	}{
		{RouteTakedownCAC, "网信办下架通知", "网信办", true, false, []Role{RoleReviewerCAC}},
		{RouteTakedownSAMR, "市场监管下架通知", "市场监管", true, false, []Role{RoleReviewerSAMR}},
		{RoutePoliceReferral, "移送公安", "公安机关（移送）", false, true, []Role{RoleReviewerCAC, RoleReviewerSAMR}},
		{"takedown_xyz", "takedown_xyz", "", false, false, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.r), func(t *testing.T) {
			if tt.r.Name() != tt.name || tt.r.Department() != tt.dept || tt.r.Takedown() != tt.takedown ||
				tt.r.NeedsApproval() != tt.two || !reflect.DeepEqual(tt.r.Reviewers(), tt.reviewers) {
				t.Errorf("%s: %q %q takedown %v approval %v reviewers %v", tt.r, tt.r.Name(), tt.r.Department(),
					tt.r.Takedown(), tt.r.NeedsApproval(), tt.r.Reviewers())
			}
			for _, role := range Roles {
				if role.MayConfirm(tt.r) != slices.Contains(tt.reviewers, role) {
					t.Errorf("%s may confirm onto %s: %v", role, tt.r, role.MayConfirm(tt.r))
				}
			}
		})
	}
	if got := TakedownRoutes(); !reflect.DeepEqual(got, []Route{RouteTakedownCAC, RouteTakedownSAMR}) {
		t.Errorf("TakedownRoutes = %v", got)
	}
	// Reviewers is a copy.
	RouteTakedownCAC.Reviewers()[0] = RoleAdmin
	if !RoleReviewerCAC.MayConfirm(RouteTakedownCAC) {
		t.Error("changing Reviewers' result changed the vocabulary")
	}
}

// TestNext is the case state machine, every status × action × route.
func TestNext(t *testing.T) {
	const (
		notAllowed = "not allowed"
		unknown    = "unknown"
	)
	// want[status][action] is the next status for a takedown route, or an
	// error kind; a confirmation onto a referral goes to pending_approval
	// instead of confirmed.
	want := map[CaseStatus]map[Action]string{
		CaseOpen: {ActionConfirm: "confirmed", ActionDismiss: "dismissed", ActionApprove: notAllowed,
			ActionReject: notAllowed, ActionReopen: notAllowed, ActionWithdraw: notAllowed},
		CasePendingApproval: {ActionConfirm: notAllowed, ActionDismiss: "dismissed", ActionApprove: "confirmed",
			ActionReject: "open", ActionReopen: notAllowed, ActionWithdraw: "open"},
		CaseConfirmed: {ActionConfirm: notAllowed, ActionDismiss: notAllowed, ActionApprove: notAllowed,
			ActionReject: notAllowed, ActionReopen: notAllowed, ActionWithdraw: "open"},
		CaseDismissed: {ActionConfirm: notAllowed, ActionDismiss: notAllowed, ActionApprove: notAllowed,
			ActionReject: notAllowed, ActionReopen: "open", ActionWithdraw: notAllowed},
	}
	outcome := func(to CaseStatus, err error) string {
		switch {
		case errors.Is(err, ErrNotAllowed):
			return notAllowed
		case errors.Is(err, ErrUnknown):
			return unknown
		case err != nil:
			return "error " + err.Error()
		}
		return string(to)
	}
	for _, from := range append(CaseStatuses, "archived") {
		for _, a := range append(Actions, "escalate") {
			for _, r := range append(Routes, "takedown_xyz", "") {
				name := fmt.Sprintf("%s/%s/%s", from, a, r)
				w, ok := want[from][a]
				switch {
				case !a.Known():
					w = unknown
				case !ok:
					w = notAllowed
				case a == ActionConfirm && w == "confirmed" && !r.Known():
					w = unknown
				case a == ActionConfirm && w == "confirmed" && r == RoutePoliceReferral:
					w = "pending_approval"
				}
				to, err := Next(from, a, r)
				if got := outcome(to, err); got != w {
					t.Errorf("%s: %s, want %s", name, got, w)
				}
				if err != nil {
					if to != from {
						t.Errorf("%s: refused, yet the status became %s", name, to)
					}
					if !strings.Contains(err.Error(), string(a)) && !strings.Contains(err.Error(), string(r)) {
						t.Errorf("%s: the refusal %q names neither the action nor the route", name, err)
					}
				}
				if a != ActionConfirm || r == RouteTakedownCAC {
					aerr := Allowed(from, a)
					if (aerr == nil) != (err == nil) && !(a == ActionConfirm && !r.Known()) {
						t.Errorf("%s: Allowed says %v, Next %v", name, aerr, err)
					}
				}
			}
		}
	}
	if got := Allowed(CaseConfirmed, ActionApprove); got == nil || got.Error() != "approve does not apply to a case that is confirmed" {
		t.Errorf("Allowed(confirmed, approve) = %v", got)
	}
	for s, acts := range map[CaseStatus][]Action{
		CaseOpen:            {ActionConfirm, ActionDismiss},
		CasePendingApproval: {ActionDismiss, ActionApprove, ActionReject, ActionWithdraw},
		CaseConfirmed:       {ActionWithdraw},
		CaseDismissed:       {ActionReopen},
		"archived":          nil,
	} {
		if got := ActionsFrom(s); !reflect.DeepEqual(got, acts) {
			t.Errorf("ActionsFrom(%s) = %v, want %v", s, got, acts)
		}
	}
}

// TestCheckNoticeMove is the notice state machine, every pair.
func TestCheckNoticeMove(t *testing.T) {
	allowed := map[[2]NoticeState]bool{
		{NoticeDraft, NoticeApproved}:       true,
		{NoticeApproved, NoticeSent}:        true,
		{NoticeApproved, NoticeDraft}:       true,
		{NoticeSent, NoticeAcknowledged}:    true,
		{NoticeSent, NoticeRemoved}:         true,
		{NoticeSent, NoticeRefused}:         true,
		{NoticeAcknowledged, NoticeRemoved}: true,
		{NoticeAcknowledged, NoticeRefused}: true,
	}
	states := append(NoticeStates, "lost")
	for _, from := range states {
		var moves []NoticeState
		for _, to := range states {
			err := CheckNoticeMove(from, to)
			name := string(from) + "→" + string(to)
			switch {
			case allowed[[2]NoticeState{from, to}]:
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
				moves = append(moves, to)
			case !from.Known() || !to.Known() || from == NoticeOverdue || to == NoticeOverdue:
				if !errors.Is(err, ErrUnknown) {
					t.Errorf("%s: %v, want ErrUnknown", name, err)
				}
			default:
				if !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), string(to)) && !strings.Contains(err.Error(), "closed") {
					t.Errorf("%s: %v, want ErrNotAllowed saying why", name, err)
				}
			}
		}
		got := NoticeMovesFrom(from)
		slices.Sort(got)
		slices.Sort(moves)
		if !slices.Equal(got, moves) {
			t.Errorf("NoticeMovesFrom(%s) = %v, want %v", from, got, moves)
		}
	}
	if err := CheckNoticeMove(NoticeRemoved, NoticeSent); err == nil || err.Error() != "a notice that is removed is closed" {
		t.Errorf("removed → sent: %v", err)
	}
	if err := CheckNoticeMove(NoticeDraft, NoticeSent); err == nil || err.Error() != "a notice that is draft may become approved, not sent" {
		t.Errorf("draft → sent: %v", err)
	}
	for _, s := range NoticeStates {
		if s.MoveName() == "" {
			t.Errorf("%s: no move name", s)
		}
		if s != NoticeOverdue && len(NoticeMovesFrom(s)) > 0 {
			for _, to := range NoticeMovesFrom(s) {
				if to.MoveName() == to.Name() {
					t.Errorf("%s: a move's target has no button label", to)
				}
			}
		}
	}
	if !NoticeSent.Waiting() || !NoticeAcknowledged.Waiting() || NoticeApproved.Waiting() || NoticeRemoved.Waiting() {
		t.Error("Waiting")
	}
}

func TestParseRoles(t *testing.T) {
	tests := []struct {
		in      string
		want    []Role
		wantErr string
	}{
		{"admin", []Role{RoleAdmin}, ""},
		{" reviewer_cac , approver,reviewer_cac ", []Role{RoleReviewerCAC, RoleApprover}, ""},
		{"", nil, "no role given (one or more of reviewer_cac, reviewer_samr, analyst, approver, admin)"},
		{" , ", nil, "no role given"},
		{"admin,root", nil, `unknown role "root" (one of reviewer_cac, reviewer_samr, analyst, approver, admin)`},
	}
	for _, tt := range tests {
		got, err := ParseRoles(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("ParseRoles(%q) = %v, %v; want error %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseRoles(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestPredicates(t *testing.T) {
	for _, s := range CaseStatuses {
		if s.Undecided() != (s == CaseOpen || s == CasePendingApproval) {
			t.Errorf("%s.Undecided() = %v", s, s.Undecided())
		}
	}
	for _, o := range Outcomes {
		if o.Gone() != (o == OutcomeRemoved || o == OutcomeRelisted) {
			t.Errorf("%s.Gone() = %v", o, o.Gone())
		}
	}
}

// TestDuration: durations for people, rounded, in Chinese.
func TestDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{1703831211 * time.Nanosecond, "1.7 秒"},
		{350 * time.Millisecond, "0.3 秒"},
		{0, "0.0 秒"},
		{-time.Second, "0 秒"},
		{12*time.Second + 600*time.Millisecond, "13 秒"},
		{3*time.Minute + 5*time.Second + 200*time.Millisecond, "3 分 5 秒"},
		{2*time.Hour + 7*time.Minute + 20*time.Second, "2 小时 7 分"},
	} {
		if got := Duration(tc.d); got != tc.want {
			t.Errorf("Duration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestMayBeAssigned(t *testing.T) {
	for _, tc := range []struct {
		roles []Role
		route Route
		want  bool
	}{
		{[]Role{RoleReviewerCAC}, RouteTakedownCAC, true},
		{[]Role{RoleReviewerCAC}, RouteTakedownSAMR, false},
		{[]Role{RoleReviewerSAMR}, RoutePoliceReferral, true},
		{[]Role{RoleReviewerSAMR}, "", true},
		{[]Role{RoleApprover, RoleAdmin}, RouteTakedownCAC, false},
		{[]Role{RoleAnalyst}, "", false},
		{[]Role{RoleAnalyst, RoleReviewerSAMR}, RouteTakedownSAMR, true},
	} {
		if got := MayBeAssigned(tc.roles, tc.route); got != tc.want {
			t.Errorf("MayBeAssigned(%v, %q) = %v, want %v", tc.roles, tc.route, got, tc.want)
		}
	}
}
