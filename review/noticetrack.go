package review

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/store"
)

// Notice tracking (issue 13): on a sent notice's page, staff record how
// it was delivered, its receipt (回执) and the platform's reply (平台答复);
// the page shows every event of the notice in one timeline; a notice whose
// listings stay online (仍在线) is escalated with one click to a second
// notice or a referral to the police, drafted for the same approval flow;
// the notice list filters by overdue, awaiting reply and still online.

func init() {
	flashes["tracked"] = "已登记，见下方时间线。"
	flashes["escalated"] = "已生成升级通知草稿，须经审批人签发后发送。"
	funcs["channel"] = nameOf(casework.DeliveryChannel.Name)
	funcs["trackKind"] = nameOf(casework.TrackKind.Name)
	funcs["escalation"] = nameOf(casework.Escalation.Name)
	// The audit details the tracking records (store.TrackAudit,
	// ReminderAudit, EscalationAudit), in Chinese.
	auditKeys["text"] = "内容"
	beijing := func(v string) string {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return v
		}
		return t.In(store.Beijing).Format("2006-01-02 15:04") + "（北京时间）"
	}
	auditPhrases = append(auditPhrases,
		struct {
			re   *regexp.Regexp
			repl func(m []string) string
		}{regexp.MustCompile(`^at (\S+)$`), func(m []string) string { return "时间 " + beijing(m[1]) }},
		struct {
			re   *regexp.Regexp
			repl func(m []string) string
		}{regexp.MustCompile(`^via (\w+)$`), func(m []string) string { return "送达方式：" + casework.DeliveryChannel(m[1]).Name() }},
		struct {
			re   *regexp.Regexp
			repl func(m []string) string
		}{regexp.MustCompile(`^(due_soon|overdue)$`), func(m []string) string { return casework.ReminderKind(m[1]).Name() }},
		struct {
			re   *regexp.Regexp
			repl func(m []string) string
		}{regexp.MustCompile(`^deadline (\S+)$`), func(m []string) string { return "期限 " + beijing(m[1]) }},
		struct {
			re   *regexp.Regexp
			repl func(m []string) string
		}{regexp.MustCompile(`^message (\d+)$`), func(m []string) string { return "站内消息 #" + m[1] }},
		struct {
			re   *regexp.Regexp
			repl func(m []string) string
		}{regexp.MustCompile(`^(\w+) → notice (\d+) \((\d+) listings\)$`), func(m []string) string {
			return fmt.Sprintf("%s：通知 #%s 草稿（%s 条链接）", casework.Escalation(m[1]).Name(), m[2], m[3])
		}},
	)
}

// trackView is the tracking part of a notice's page.
type trackView struct {
	store.NoticeTrack
	Delivery, Receipt, Reply *store.TrackEvent
	// CanTrack: the user may record follow-ups on this notice, and it
	// was sent.
	CanTrack bool
	// Escalate are the escalations the user may start now.
	Escalate []casework.Escalation
	// Links are the notices this one is linked with, for the banner.
	FromRoute casework.Route
	Timeline  []timelineEntry
	Channels  []casework.DeliveryChannel
	Now       string // the default of the time inputs: now in Beijing
	MaxReply  int
}

// timelineEntry is one event on a notice's timeline.
type timelineEntry struct {
	At     time.Time
	Class  string // history, track, check, reminder, escalation
	What   string
	By     string
	Detail string
	Notice uint64 // a linked notice, 0 for none
}

// mayTrack: who records follow-ups and escalates: an approver, or a
// reviewer of the notice's route (as for marking it sent or answered).
func mayTrack(u *store.User, n *store.Notice) bool {
	return u.Has(casework.RoleApprover) || canRoute(u, n.Route)
}

// sentOnce reports whether n has been sent (it may be closed since).
func sentOnce(n *store.Notice) bool {
	return !n.SentAt.IsZero() && n.Status != casework.NoticeDraft && n.Status != casework.NoticeApproved
}

// trackView builds the tracking part of notice n's page for user u.
func (s *Server) trackView(n *store.Notice, u *store.User) (*trackView, error) {
	tr, err := s.st.NoticeTrack(n.ID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	v := &trackView{NoticeTrack: *tr, Delivery: tr.Latest(casework.TrackDelivery), Receipt: tr.Latest(casework.TrackReceipt),
		Reply: tr.Latest(casework.TrackReply), CanTrack: mayTrack(u, n) && sentOnce(n),
		Channels: casework.DeliveryChannels, Now: now.In(store.Beijing).Format("2006-01-02T15:04"), MaxReply: store.MaxReplyText}
	if mayTrack(u, n) {
		for _, k := range casework.Escalations {
			if _, err := store.CheckEscalation(n, tr, store.EscalationRequest{From: n.ID, Kind: k, By: u.Name}, now); err == nil {
				v.Escalate = append(v.Escalate, k)
			}
		}
	}
	if tr.From != 0 {
		if from, err := s.st.Notice(tr.From); err == nil {
			v.FromRoute = from.Route
		}
	}
	v.Timeline = timeline(n, tr)
	return v, nil
}

// timeline is every event of a notice in time order: its states
// (drafted, approved, sent, …), the follow-ups recorded, each removal
// check of each listing, the reminders sent and the escalations.
func timeline(n *store.Notice, tr *store.NoticeTrack) []timelineEntry {
	var out []timelineEntry
	for i, ev := range n.History {
		what := ev.To.Name()
		switch {
		case ev.To == casework.NoticeDraft && i == 0:
			what = "起草"
			if tr.From != 0 {
				what = "起草（" + tr.FromKind.Name() + "）"
			}
		case ev.To == casework.NoticeDraft:
			what = "撤回为草稿"
		case ev.To == casework.NoticeApproved:
			what = "签发"
		}
		e := timelineEntry{At: ev.At, Class: "history", What: what, By: ev.By, Detail: ev.Note}
		if i == 0 && tr.From != 0 {
			e.Notice = tr.From
		}
		out = append(out, e)
	}
	for _, ev := range tr.Events {
		e := timelineEntry{At: ev.At, Class: "track t-" + string(ev.Kind), What: ev.Kind.Name(), By: ev.By, Detail: ev.Text}
		if ev.Kind == casework.TrackDelivery {
			e.Detail = "送达方式：" + ev.Channel.Name()
		}
		out = append(out, e)
	}
	for _, it := range n.Items {
		for _, ch := range it.Checks {
			round := "手动复查"
			if ch.Round > 0 {
				round = fmt.Sprintf("第 %d 轮复查", ch.Round)
			}
			detail := fmt.Sprintf("案件 #%d：%s", it.CaseID, ch.Outcome.Name())
			if ch.Status != 0 {
				detail += fmt.Sprintf("（HTTP %d）", ch.Status)
			}
			out = append(out, timelineEntry{At: ch.At, Class: "check o-" + string(ch.Outcome), What: round, By: "系统", Detail: detail})
		}
	}
	for _, r := range tr.Reminders {
		out = append(out, timelineEntry{At: r.At, Class: "reminder", What: r.Kind.Name(), By: "系统",
			Detail: "期限 " + r.Deadline.In(store.Beijing).Format("2006-01-02 15:04") + "（北京时间），已发站内提醒"})
	}
	for _, l := range tr.Escalations {
		out = append(out, timelineEntry{At: l.At, Class: "escalation", What: "升级：" + l.Kind.Name(), By: l.By,
			Detail: "已生成草稿，须经审批人签发", Notice: l.To})
	}
	slices.SortStableFunc(out, func(a, b timelineEntry) int { return a.At.Compare(b.At) })
	for i := range out {
		if out[i].By == "system" {
			out[i].By = "系统"
		}
	}
	return out
}

// parseWhen reads a time entered on a form in Beijing time:
// "2026-03-10T10:00" (datetime-local), with seconds, or a date alone.
func parseWhen(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, v, store.Beijing); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// pathNotice is the notice the request's path names ({id}); when it
// cannot be read the error page is written and ok is false.
func (s *Server) pathNotice(w http.ResponseWriter, r *http.Request) (n *store.Notice, ok bool) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return nil, false
	}
	if n, err = s.st.Notice(id); err != nil {
		s.failErr(w, r, err)
		return nil, false
	}
	return n, true
}

// trackNotice records a follow-up (delivery, receipt, reply) on a notice.
func (s *Server) trackNotice(w http.ResponseWriter, r *http.Request) {
	n, ok := s.pathNotice(w, r)
	if !ok {
		return
	}
	id, u := n.ID, currentUser(r)
	if !mayTrack(u, n) {
		s.fail(w, r, http.StatusForbidden, "您的角色无权登记此通知的送达和答复（须为该通知所属部门的审核员或审批人）。")
		return
	}
	up := store.TrackUpdate{Kind: casework.TrackKind(r.PostFormValue("kind")), By: u.Name,
		Channel: casework.DeliveryChannel(r.PostFormValue("channel")), Text: strings.TrimSpace(r.PostFormValue("text"))}
	if up.Kind != casework.TrackDelivery {
		up.Channel = ""
	}
	at, ok := parseWhen(r.PostFormValue("at"))
	up.At = at
	now := s.now()
	var msg string
	switch {
	case !up.Kind.Known():
		msg = "请选择要登记的事项（送达、回执或平台答复）。"
	case !sentOnce(n):
		msg = "通知尚未发送，不能登记送达、回执或答复。"
	case !ok:
		msg = "请填写日期和时间（北京时间），例如 2026-03-10 10:00。"
	case at.After(now.Add(10 * time.Minute)):
		msg = "登记的时间晚于现在，请检查日期。"
	case at.Before(n.SentAt.Add(-24 * time.Hour)):
		msg = "登记的时间早于通知发送时间，请检查日期。"
	case up.Kind == casework.TrackDelivery && !up.Channel.Known():
		msg = "请选择送达方式。"
	case up.Kind == casework.TrackReply && up.Text == "":
		msg = "请填写平台答复的内容。"
	case utf8.RuneCountInString(up.Text) > store.MaxReplyText:
		msg = fmt.Sprintf("内容过长：最多 %d 字。", store.MaxReplyText)
	}
	if msg != "" {
		s.fail(w, r, http.StatusBadRequest, msg)
		return
	}
	if _, err := s.st.TrackNotice(id, up); err != nil {
		if errors.Is(err, store.ErrConflict) {
			s.fail(w, r, http.StatusConflict, fmt.Sprintf("无法登记：通知状态已变化，或登记次数已达上限（%d 次）。请刷新后查看。", store.MaxTrackEvents))
			return
		}
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/notices/%d", id), "tracked")
}

// escalateNotice drafts a second notice or a referral from a notice whose
// listings stay online.
func (s *Server) escalateNotice(w http.ResponseWriter, r *http.Request) {
	n, ok := s.pathNotice(w, r)
	if !ok {
		return
	}
	id, u := n.ID, currentUser(r)
	if !mayTrack(u, n) {
		s.fail(w, r, http.StatusForbidden, "您的角色无权升级此通知（须为该通知所属部门的审核员或审批人）。")
		return
	}
	req := store.EscalationRequest{From: id, Kind: casework.Escalation(r.PostFormValue("kind")), By: u.Name,
		Note: strings.TrimSpace(r.PostFormValue("note"))}
	switch {
	case !req.Kind.Known():
		s.fail(w, r, http.StatusBadRequest, "请选择升级方式：第二次通知或移送公安。")
		return
	case utf8.RuneCountInString(req.Note) > store.MaxEscalationNote:
		s.fail(w, r, http.StatusBadRequest, "备注过长。")
		return
	}
	if req.Kind == casework.EscalateReferral {
		o := s.opts.Serve.Offices[casework.RoutePoliceReferral]
		req.Recipient = "公安机关"
		if o != nil && o.Recipient != "" {
			req.Recipient = o.Recipient
		}
	}
	nn, err := s.st.EscalateNotice(req)
	switch {
	case errors.Is(err, store.ErrConflict):
		s.fail(w, r, http.StatusConflict, "此通知现在不能升级：只有已发送、复查发现仍在线或已逾期（或拒不处置）的通知才能升级，且每种升级只能发起一次。请刷新后查看。")
		return
	case errors.Is(err, store.ErrInvalid):
		s.fail(w, r, http.StatusBadRequest, "此通知不能这样升级（移送函不再发第二次通知，也不再移送）。")
		return
	case err != nil:
		s.failErr(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/notices/%d", nn.ID), "escalated")
}

// Notice list filters by follow-up (?track=…).
const (
	trackOverdue       = "overdue"        // the deadline passed while waiting
	trackAwaitingReply = "awaiting_reply" // sent or acknowledged, no reply recorded
	trackStillOnline   = "still_online"   // a listing was still online at its latest check
)

// trackFilters are the filters in the order the list shows them, with
// their names.
var trackFilters = []struct{ Key, Name string }{
	{trackOverdue, "已逾期"},
	{trackAwaitingReply, "待平台答复"},
	{trackStillOnline, "仍在线"},
}

// trackFilterKnown reports whether f is "" or one of trackFilters.
func trackFilterKnown(f string) bool {
	return f == "" || slices.ContainsFunc(trackFilters, func(x struct{ Key, Name string }) bool { return x.Key == f })
}

// noticeStillOnline reports whether a listing of n was still online at its
// latest check, while n is not closed as removed.
func noticeStillOnline(n *store.Notice) bool {
	return n.Status != casework.NoticeRemoved && slices.ContainsFunc(n.Items, func(it store.NoticeItem) bool { return it.Outcome.StillOnline() })
}

// matchesTrack reports whether row (with its tracking, nil when nothing
// is recorded) passes follow-up filter f.
func matchesTrack(f string, row *noticeRow, tr *store.NoticeTrack) bool {
	switch f {
	case trackOverdue:
		return row.State == casework.NoticeOverdue
	case trackAwaitingReply:
		return row.Status.Waiting() && (tr == nil || !tr.Replied())
	case trackStillOnline:
		return noticeStillOnline(&row.Notice)
	}
	return true
}

// trackCounts counts the rows passing each follow-up filter and returns
// the tracking of rows (for the list's reply column).
func (s *Server) trackCounts(rows []noticeRow) (map[string]int, map[uint64]store.NoticeTrack, error) {
	ids := make([]uint64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if len(ids) > store.MaxNoticeTracks {
		ids = ids[:store.MaxNoticeTracks]
	}
	tracks, err := s.st.NoticeTracks(ids)
	if err != nil {
		return nil, nil, err
	}
	counts := map[string]int{}
	for i := range rows {
		var tr *store.NoticeTrack
		if t, ok := tracks[rows[i].ID]; ok {
			tr = &t
		}
		for _, f := range trackFilters {
			if matchesTrack(f.Key, &rows[i], tr) {
				counts[f.Key]++
			}
		}
	}
	return counts, tracks, nil
}

// filterTrack keeps the rows passing follow-up filter f.
func filterTrack(f string, rows []noticeRow, tracks map[uint64]store.NoticeTrack) []noticeRow {
	if f == "" {
		return rows
	}
	return slices.DeleteFunc(rows, func(r noticeRow) bool {
		var tr *store.NoticeTrack
		if t, ok := tracks[r.ID]; ok {
			tr = &t
		}
		return !matchesTrack(f, &r, tr)
	})
}

// inAppMessages are the newest in-app messages (deadline reminders) for
// the notice list, at most n.
func (s *Server) inAppMessages(n int) []store.Message {
	msgs, err := s.st.Messages(cmp.Or(n*5, 50))
	if err != nil {
		s.log.Error("messages", "err", err)
		return nil
	}
	out := slices.DeleteFunc(msgs, func(m store.Message) bool { return m.Kind != "inapp" })
	return out[:min(len(out), n)]
}

// replyDates are the dates of the latest replies recorded, by notice.
func replyDates(tracks map[uint64]store.NoticeTrack) map[uint64]time.Time {
	out := map[uint64]time.Time{}
	for id, t := range tracks {
		if ev := t.Latest(casework.TrackReply); ev != nil {
			out[id] = ev.At
		}
	}
	return out
}

// digestMessages are the newest n messages of msgs that are digests (to
// webhooks and mailboxes): the sweeps page lists those, not the in-app
// deadline reminders, which the notice list shows.
func digestMessages(msgs []store.Message, n int) []store.Message {
	out := slices.DeleteFunc(msgs, func(m store.Message) bool { return m.Kind == "inapp" })
	return out[:min(len(out), n)]
}

// escalationWording tells, in the letter of a notice drafted by an
// escalation, which notice came first and that its listings were still
// online at the latest check: a first paragraph of the reasons, and the
// title of a second notice (…（第二次通知）).
func (s *Server) escalationWording(n *store.Notice, d *notice.Document) {
	tr, err := s.st.NoticeTrack(n.ID)
	if err != nil || tr.From == 0 {
		return
	}
	from, err := s.st.Notice(tr.From)
	if err != nil || from.SentAt.IsZero() {
		return
	}
	var checked time.Time
	for _, it := range from.Items {
		if it.Outcome.StillOnline() && it.OutcomeAt.After(checked) {
			checked = it.OutcomeAt
		}
	}
	day := func(t time.Time) string { return t.In(store.Beijing).Format("2006年1月2日") }
	first := cmp.Or(from.Number, fmt.Sprintf("第 %d 号通知", from.ID))
	text := fmt.Sprintf("我单位已于%s以%s通知%s对所列链接进行处置。", day(from.SentAt), first, from.Recipient)
	if tr.FromKind == casework.EscalateSecondNotice {
		d.Title = notice.DefaultTitle(d.Kind) + "（第二次通知）"
		text = fmt.Sprintf("我单位已于%s以%s通知你单位对所列链接进行处置。", day(from.SentAt), first)
	}
	if !checked.IsZero() {
		text += fmt.Sprintf("经复查，截至%s，相关链接仍可访问。", day(checked))
	} else if !from.Deadline.IsZero() {
		text += fmt.Sprintf("处置期限%s已过，尚未收到处置结果。", day(from.Deadline))
	}
	d.Reasons = append([]string{text}, d.Reasons...)
}

// apiNoticeTrack answers a notice's tracking as JSON: follow-ups,
// reminders and escalations (store.NoticeTrack).
func (s *Server) apiNoticeTrack(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	tr, err := s.st.NoticeTrack(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, tr)
}
