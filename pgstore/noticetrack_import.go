package pgstore

import (
	"context"
	"slices"

	"github.com/certwatch/certwatch/store"
)

// noticeTracking copies the notices' tracking (follow-ups, reminders,
// escalations: store.NoticeTrack) inside ImportBolt, after the notices
// and the outbox its reminders name.
func (im *importer) noticeTracking(ctx context.Context) error {
	ns, err := im.src.Notices(store.NoticeFilter{})
	if err != nil {
		return err
	}
	ids := make([]uint64, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	slices.Sort(ids)
	var events, reminders, links [][]any
	for lo := 0; lo < len(ids); lo += store.MaxNoticeTracks {
		tracks, err := im.src.NoticeTracks(ids[lo:min(lo+store.MaxNoticeTracks, len(ids))])
		if err != nil {
			return err
		}
		for _, id := range ids[lo:min(lo+store.MaxNoticeTracks, len(ids))] {
			t, ok := tracks[id]
			if !ok {
				continue
			}
			for _, ev := range t.Events {
				events = append(events, []any{int64(id), string(ev.Kind), ev.At.UTC(), string(ev.Channel), ev.Text, ev.By, ev.Recorded.UTC()})
			}
			for _, r := range t.Reminders {
				reminders = append(reminders, []any{int64(id), string(r.Kind), r.Deadline.UTC(), r.At.UTC(), id0(r.MessageID)})
			}
			for _, l := range t.Escalations {
				links = append(links, []any{int64(l.From), int64(l.To), string(l.Kind), l.At.UTC(), l.By})
			}
		}
	}
	if err := im.copyRows(ctx, "notice_track_events", []string{"notice_id", "kind", "at", "channel", "text", "actor", "recorded"}, events); err != nil {
		return err
	}
	if err := im.copyRows(ctx, "notice_reminders", []string{"notice_id", "kind", "deadline", "at", "message_id"}, reminders); err != nil {
		return err
	}
	return im.copyRows(ctx, "notice_escalations", []string{"from_notice", "to_notice", "kind", "at", "actor"}, links)
}
