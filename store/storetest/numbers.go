package storetest

import (
	"errors"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// testNumbersUnique: an approval's number is unique per route. A second
// notice of the route approved with a taken number is refused with
// ErrNumberTaken (an ErrConflict) and left as it was; another route may use
// the number; a notice sent back to draft and approved again keeps its own.
func testNumbersUnique(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	notice := func(url, recipient string, route casework.Route) uint64 {
		id := flagCase(t, b, sw, url, "出售安全员证")
		d := confirmTakedown("carol", route)
		d.CaseID, d.Recipient = id, recipient
		return mustDecide(t, b, d).NoticeID
	}
	const number = "函〔2024〕7号"
	first := notice("https://forum.example/n/1", "平台甲", casework.RouteTakedownSAMR)
	second := notice("https://forum.example/n/2", "平台乙", casework.RouteTakedownSAMR)
	other := notice("https://forum.example/n/3", "平台丙", casework.RouteTakedownCAC)
	mustMove(t, b, first, moveTo(casework.NoticeApproved, number))
	head := auditHead(t, b)
	_, err := b.MoveNotice(second, moveTo(casework.NoticeApproved, number))
	if !errors.Is(err, store.ErrNumberTaken) || !errors.Is(err, store.ErrConflict) {
		t.Fatalf("a second approval numbered %s: %v, want ErrNumberTaken (an ErrConflict)", number, err)
	}
	if n := mustNotice(t, b, second); n.Status != casework.NoticeDraft || n.Number != "" {
		t.Errorf("the refused approval left the notice %s numbered %q", n.Status, n.Number)
	}
	if auditHead(t, b) != head {
		t.Error("the refused approval wrote to the audit log")
	}
	mustMove(t, b, second, moveTo(casework.NoticeApproved, "函〔2024〕8号"))
	mustMove(t, b, other, moveTo(casework.NoticeApproved, number)) // another route's series
	mustMove(t, b, first, moveTo(casework.NoticeDraft, ""))
	mustMove(t, b, first, moveTo(casework.NoticeApproved, number)) // its own number again
}
