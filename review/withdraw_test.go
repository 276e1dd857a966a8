package review_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/certwatch/certwatch/casework"
)

// TestWithdrawConfirmation: a reviewer takes back a confirmation while
// the notice is a draft; once it is signed off the form is gone and the
// store refuses.
func TestWithdrawConfirmation(t *testing.T) {
	e := htNew(t)
	a := e.htSimple("https://w.example/a", casework.RouteTakedownCAC)
	b := e.htSimple("https://w.example/b", casework.RouteTakedownCAC)
	c := e.htLogin("cac")
	for _, id := range []uint64{a, b} {
		resp, body := c.htPost("/cases/"+htID(id)+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
		htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	}
	if c.htDoc("/cases/"+htID(a), http.StatusOK).Find("#withdraw-form").Length() != 1 {
		t.Fatal("no withdraw form on a confirmed case in a draft notice")
	}
	resp, body := c.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"withdraw"}})
	htExpect(t, "withdraw without a reason", resp, body, http.StatusBadRequest, "")
	resp, body = c.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"withdraw"}, "note": {"点错了"}})
	htExpect(t, "withdraw", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=withdrawn")
	if got := e.htCase(a); got.Status != casework.CaseOpen || got.NoticeID != 0 {
		t.Errorf("after withdraw: status %s, notice %d", got.Status, got.NoticeID)
	}
	nb := e.htCase(b).NoticeID
	n, err := e.st.Notice(nb)
	if err != nil || len(n.Items) != 1 || n.Items[0].CaseID != b {
		t.Fatalf("draft after withdraw: %+v %v", n, err)
	}
	ap := e.htLogin("approver")
	resp, body = ap.htPost("/notices/"+htID(nb)+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "sign off", resp, body, http.StatusSeeOther, "")
	if c.htDoc("/cases/"+htID(b), http.StatusOK).Find("#withdraw-form").Length() != 0 {
		t.Error("withdraw offered on a case whose notice is signed off")
	}
	resp, body = c.htPost("/cases/"+htID(b)+"/decide", url.Values{"action": {"withdraw"}, "note": {"晚了"}})
	htExpect(t, "withdraw after sign-off", resp, body, http.StatusConflict, "")
}
