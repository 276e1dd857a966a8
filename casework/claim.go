package casework

import (
	"slices"
	"time"
)

// ClaimOp is a change to who works on a case: a reviewer claims it (认领)
// and releases it; an approver or admin reassigns it (改派) to a reviewer
// of the department its route belongs to; a reviewer who must decide a
// case someone else holds takes it over (接管), openly.
type ClaimOp string

// Claim changes. Each is recorded in the audit log as "case.<op>".
const (
	ClaimTake     ClaimOp = "claim"
	ClaimRelease  ClaimOp = "release"
	ClaimReassign ClaimOp = "reassign"
	ClaimTakeover ClaimOp = "takeover"
)

// ClaimOps are the claim changes in display order.
var ClaimOps = []ClaimOp{ClaimTake, ClaimRelease, ClaimReassign, ClaimTakeover}

// Known reports whether o is one of ClaimOps.
func (o ClaimOp) Known() bool { return slices.Contains(ClaimOps, o) }

// Name is the change's Chinese name ("认领"), or o itself when unknown.
func (o ClaimOp) Name() string { return nameOr(names[o], o) }

// AuditAction is the audit log's action for the change ("case.claim").
func (o ClaimOp) AuditAction() AuditAction { return AuditAction("case." + string(o)) }

// DefaultClaimTTL is how long a claim lasts when the configuration does
// not say: long enough for a sitting, short enough that a case a reviewer
// walked away from returns to the queue the same morning.
const DefaultClaimTTL = 2 * time.Hour

// MayBeAssigned reports whether a user with roles may be given a case
// whose route (chosen, else suggested) is route: a reviewer of a role
// that may confirm onto it (either department for a referral, or for a
// case without a route).
func MayBeAssigned(roles []Role, route Route) bool {
	for _, r := range roles {
		switch {
		case r != RoleReviewerCAC && r != RoleReviewerSAMR:
		case !route.Known() || r.MayConfirm(route):
			return true
		}
	}
	return false
}
