package review

import (
	"time"

	"github.com/certwatch/certwatch/store"
)

// ClaimStore is who works on which case (认领, 改派, 接管): claims that
// lapse by themselves, each change in the audit log.
type ClaimStore interface {
	MoveClaim(m store.ClaimMove) (*store.Claim, error)
	// CaseClaim is the claim in force at now; ErrNotFound when none.
	CaseClaim(caseID uint64, now time.Time) (*store.Claim, error)
	Claims(f store.ClaimFilter) ([]store.Claim, error)
}

// CommentStore is the comments on cases (评论), each in the audit log.
type CommentStore interface {
	AddComment(c store.Comment) (*store.Comment, error)
	Comments(caseID uint64) ([]store.Comment, error)
}

var (
	_ ClaimStore   = (*store.Store)(nil)
	_ CommentStore = (*store.Store)(nil)
)
