package review_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/matcher"
)

// TestCasePageContactKinds: Telegram handles and unscored possible
// contacts (issue 11) are named in Chinese on the case page, never by the
// matcher's identifiers.
func TestCasePageContactKinds(t *testing.T) {
	e := htNew(t)
	text := "电工证免考包过，联系 Telegram @zheng_bot，或 幺三八 零零幺三 八零零零"
	tg := htContact(t, "text", text, "@zheng_bot", matcher.ContactTelegram, "@zheng_bot")
	possible := htContact(t, "text", text, "幺三八 零零幺三 八零零零", matcher.ContactPhone, "13800138000")
	possible.Possible = true
	r := e.htRecord(htPage{URL: "http://bbs.example/t/1", Title: "电工证", Text: text, Score: 9,
		Contacts: []matcher.Contact{tg, possible}})
	doc := e.htLogin("cac").htDoc(fmt.Sprintf("/cases/%d", r.CaseID), http.StatusOK)
	got := doc.Find("#contacts").Text()
	for _, want := range []string{"Telegram（电报/飞机）：@zheng_bot", "手机号（可能的联系方式，未计分）：13800138000", "原文 幺三八 零零幺三 八零零零"} {
		if !strings.Contains(got, want) {
			t.Errorf("contacts %q lack %q", got, want)
		}
	}
	if strings.Contains(got, "telegram：") {
		t.Errorf("contacts %q show the raw kind", got)
	}
}
