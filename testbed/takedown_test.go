package testbed

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestTakeDown takes pages down in every mode, checks what the site
// answers, and restores them.
func TestTakeDown(t *testing.T) {
	w := startWeb(t, Options{SlowDelay: 1})
	c := noRedirects(client(t, w))
	item := urlOf(HostShop, itemPath(600101))
	thread := urlOf(HostBBS, threadPath(1001))
	post := urlOf(HostFenlei, "/post/88001.html")
	gbk := func(s string) string {
		b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		return string(b)
	}
	for _, tc := range []struct {
		name     string
		url      string
		mode     TakedownMode
		status   int
		location string
		has      string // in the body
		hasNot   string // not in the body
	}{
		{"gone404", item, Gone404, 404, "", "该商品已下架", ""},
		{"gone410", thread, Gone410, 410, "", "该帖子已被删除", ""},
		{"shop notice", item, GoneNotice, 200, "", "该商品已下架", "script"},
		{"forum notice", thread, GoneNotice, 200, "", "该帖子已被删除", "证书顾问小王"},
		{"classifieds notice is GBK", post, GoneNotice, 200, "", gbk("该信息已删除"), "charset"},
		{"redirect home", post, RedirectHome, 302, "/", "", ""},
		{"login wall", thread, LoginWall, 302, "/login?from=%2Fthread%2F1001.html", "", ""},
		{"captcha", item, Captcha, 200, "", "验证码", ""},
		{"forbidden", thread, Forbidden, 403, "", "", ""},
		{"rate limited", thread, RateLimited, 429, "", "", ""},
		{"server error", thread, ServerError, 503, "", "", ""},
		{"edited thread", thread, Edited, 200, "", "本回复已由作者修改", "zhengshu-xw888"},
		{"edited classified", post, Edited, 200, "", gbk("办公桌椅"), gbk("免考")},
		{"edited listing keeps the shell", item, Edited, 200, "", "fetch('/api/item/'", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := w.TakeDown(tc.url, tc.mode); err != nil {
				t.Fatal(err)
			}
			r := get(t, c, tc.url)
			if r.status != tc.status || r.header.Get("Location") != tc.location {
				t.Errorf("status %d location %q, want %d %q", r.status, r.header.Get("Location"), tc.status, tc.location)
			}
			if tc.has != "" && !bytes.Contains(r.body, []byte(tc.has)) {
				t.Errorf("body lacks %q:\n%s", tc.has, r.body)
			}
			if tc.hasNot != "" && bytes.Contains(bytes.ToLower(r.body), []byte(tc.hasNot)) {
				t.Errorf("body has %q:\n%s", tc.hasNot, r.body)
			}
			if err := w.Restore(tc.url); err != nil {
				t.Fatal(err)
			}
			if r := get(t, c, tc.url); r.status != 200 {
				t.Errorf("after Restore: status %d", r.status)
			}
		})
	}
}

func TestTakeDownShopAPIAndLoginPage(t *testing.T) {
	w := startWeb(t, Options{SlowDelay: 1})
	c := client(t, w)
	item := urlOf(HostShop, itemPath(600101))
	api := urlOf(HostShop, "/api/item/600101")
	login := urlOf(HostShop, "/login")
	if r := get(t, c, login); r.status != 404 {
		t.Errorf("/login before any login wall: status %d", r.status)
	}
	if err := w.TakeDown(item, Edited); err != nil {
		t.Fatal(err)
	}
	if r := get(t, c, api); r.status != 200 || bytes.Contains(r.body, []byte("免考")) || !bytes.Contains(r.body, []byte("工具收纳包")) {
		t.Errorf("edited API: %d %s", r.status, r.body)
	}
	if err := w.TakeDown(item, Gone404); err != nil {
		t.Fatal(err)
	}
	if r := get(t, c, api); r.status != 404 {
		t.Errorf("API of a removed listing: %d %s", r.status, r.body)
	}
	if err := w.TakeDown(item, LoginWall); err != nil {
		t.Fatal(err)
	}
	r := get(t, c, item) // follows the redirect
	if r.status != 200 || !strings.Contains(string(r.body), "请登录后查看") {
		t.Errorf("login wall: %d %s", r.status, r.body)
	}
	if err := w.Restore(item); err != nil {
		t.Fatal(err)
	}
	if r := get(t, c, api); r.status != 200 || !bytes.Contains(r.body, []byte("免考")) {
		t.Errorf("restored API: %d", r.status)
	}
	if r := get(t, c, login); r.status != 404 {
		t.Errorf("/login after the wall came down: status %d", r.status)
	}
	for _, bad := range []string{"http://nowhere.example/x", "://"} {
		if err := w.TakeDown(bad, Gone404); err == nil {
			t.Errorf("TakeDown(%q) accepted", bad)
		}
	}
	if err := w.TakeDown(item, TakedownMode(99)); err == nil {
		t.Error("an unknown mode was accepted")
	}
	if got := Edited.String(); got != "edited" {
		t.Errorf("Edited.String() = %q", got)
	}
}
