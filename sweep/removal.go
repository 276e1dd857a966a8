package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// RemovalChecker runs the removal checks of sent notices: it fetches each
// listed URL again (Sweeper.Recheck), decides "relisted" from the
// database (another case, first seen after the notice was sent, sharing
// a contact or the content), and records the outcomes on the notice and
// its cases (store.RecordChecks).
type RemovalChecker struct {
	Store   NoticeStore
	Sweeper *Sweeper
	Log     *slog.Logger
}

// checkBatch bounds how many URLs are fetched (and held in memory) at once.
const checkBatch = 32

// CheckNotice checks a notice's URLs now. round is the scheduled round it
// completes (1-based) or 0 for a check run by hand.
func (rc *RemovalChecker) CheckNotice(ctx context.Context, id uint64, by string) (*store.Notice, error) {
	return rc.check(ctx, id, 0, by)
}

func (rc *RemovalChecker) check(ctx context.Context, id uint64, round int, by string) (*store.Notice, error) {
	n, err := rc.Store.Notice(id)
	if err != nil {
		return nil, err
	}
	var checks []store.ItemCheck
	for lo := 0; lo < len(n.Items); lo += checkBatch {
		batch := n.Items[lo:min(lo+checkBatch, len(n.Items))]
		items := make([]RecheckItem, 0, len(batch))
		for _, it := range batch {
			ri := RecheckItem{CaseID: it.CaseID, URL: it.URL}
			if c, err := rc.Store.Case(it.CaseID); err == nil {
				ri.SourceID = c.SourceID
				ri.Contacts = findingContacts(c.Finding)
			}
			if sn, err := rc.Store.Snapshot(it.SnapshotID); err == nil {
				ri.ContentKey = sn.ContentKey
			}
			items = append(items, ri)
		}
		results, err := rc.Sweeper.Recheck(ctx, items)
		if err != nil {
			return nil, fmt.Errorf("sweep: removal check of notice %d: %w", id, err)
		}
		for i, res := range results {
			ch := store.ItemCheck{CaseID: res.CaseID, At: res.CheckedAt, Outcome: res.Outcome, Status: res.Status,
				FinalURL: res.FinalURL, Detail: res.Detail, BodySHA256: res.BodySHA256,
				URL: res.URL, Header: res.Header, Body: res.Body, Truncated: res.Truncated}
			if res.Outcome == casework.OutcomeRemoved || res.Outcome == casework.OutcomeChanged {
				key := items[i].ContentKey
				cs, err := rc.Store.CaseContacts(res.CaseID)
				if err != nil {
					return nil, err
				}
				if len(cs) == 0 {
					// A case recorded before the contact index: its
					// finding's personal contacts.
					if c, err := rc.Store.Case(res.CaseID); err == nil {
						cs = personalContacts(c.Finding)
					}
				}
				other, err := rc.Store.Relisted(res.CaseID, cs, key, n.SentAt)
				if err != nil {
					return nil, err
				}
				if other != 0 {
					ch.Outcome, ch.RelistedCase = casework.OutcomeRelisted, other
					ch.Detail = fmt.Sprintf("%s；同一卖家或内容在案件 #%d 重新出现", res.Detail, other)
				}
			}
			checks = append(checks, ch)
		}
	}
	n, err = rc.Store.RecordChecks(id, round, by, checks)
	if err != nil {
		return nil, err
	}
	if rc.Log != nil {
		rc.Log.Info("removal check", "notice", id, "round", round, "urls", len(checks), "status", n.Status)
	}
	return n, nil
}

// RunDue runs every scheduled check that is due now, one notice after
// another, and returns how many notices it checked. A notice whose check
// fails is logged and tried again on the next call.
func (rc *RemovalChecker) RunDue(ctx context.Context, now time.Time) (int, error) {
	due, err := rc.Store.DueNotices(now)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, n := range due {
		if ctx.Err() != nil {
			return done, ctx.Err()
		}
		if _, err := rc.check(ctx, n.ID, n.ChecksDone+1, "system"); err != nil {
			if rc.Log != nil {
				rc.Log.Error("scheduled removal check failed", "notice", n.ID, "err", err)
			}
			continue
		}
		done++
	}
	return done, nil
}

// findingContacts reads the decoded contact values of a stored finding
// (none when it does not decode).
func findingContacts(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	f, err := finding.Decode(raw)
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range f.Contacts {
		out = append(out, c.Value)
	}
	return out
}

// personalContacts reads the personal contacts (phone, WeChat, QQ,
// Telegram; not the unscored possible ones) of a stored finding, kind and
// value, for cases recorded before the contact index.
func personalContacts(raw json.RawMessage) []store.CaseContact {
	if len(raw) == 0 {
		return nil
	}
	f, err := finding.Decode(raw)
	if err != nil {
		return nil
	}
	var out []store.CaseContact
	for _, c := range f.Contacts {
		switch c.Kind {
		case matcher.ContactPhone, matcher.ContactWeChat, matcher.ContactQQ, matcher.ContactTelegram:
			if !c.Possible && c.Value != "" {
				out = append(out, store.CaseContact{Kind: c.Kind, Value: c.Value})
			}
		}
	}
	return out
}
