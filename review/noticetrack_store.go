package review

import "github.com/certwatch/certwatch/store"

// NoticeTracker is what the notice pages record after sending (issue
// 13): delivery, receipt and reply, escalations, and the reminders read
// for the timeline (store/noticetrack.go).
type NoticeTracker interface {
	NoticeTrack(id uint64) (*store.NoticeTrack, error)
	NoticeTracks(ids []uint64) (map[uint64]store.NoticeTrack, error)
	TrackNotice(id uint64, u store.TrackUpdate) (*store.NoticeTrack, error)
	EscalateNotice(req store.EscalationRequest) (*store.Notice, error)
}

var _ NoticeTracker = (*store.Store)(nil)
