package notice

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// TestReferralHostFactsAnnex: a referral lists the host facts in a
// second annex (announced below the first), each site's lines escaped
// and bounded; takedown notices ignore them; without facts there is no
// second annex.
func TestReferralHostFactsAnnex(t *testing.T) {
	long := make([]string, maxFactLines+7)
	for i := range long {
		long[i] = fmt.Sprintf("Set-Cookie: s%d=1", i)
	}
	facts := []HostFacts{{
		CaseID: 7, URL: "http://cx-mem-gov.example/query", CollectedAt: time.Date(2026, 11, 25, 2, 3, 4, 0, time.UTC), SHA256: hashA,
		Items: []FactItem{
			{Label: "IP 地址及反向解析", Lines: []string{"203.0.113.7（DNS 解析），反向解析 vps-17.hosting.example"}},
			{Label: "服务器响应头", Lines: append([]string{"Server: " + hostile}, long...)},
			{Label: "域名 WHOIS 信息", Lines: []string{"未配置"}},
		},
	}}
	d := sample(casework.RoutePoliceReferral)
	d.HostFacts = facts
	doc, raw := render(t, d)
	assertInert(t, doc, raw)
	annex := doc.Find("#annex-facts")
	if annex.Length() != 1 || !strings.Contains(text(doc, "#annex-note-facts"), "附件2：网站技术信息（共1个网站）") {
		t.Fatalf("no second annex, or not announced: %q", text(doc, "#body"))
	}
	tbl := annex.Find("table.facts")
	if tbl.AttrOr("data-case", "") != "7" || !strings.Contains(tbl.Find("th").Text(), "http://cx-mem-gov.example/query") {
		t.Errorf("annex heading %q", tbl.Find("th").Text())
	}
	body := tbl.Text()
	for _, w := range []string{"2026年11月25日 10:03:04", strings.ToLower(hashA[:16]), "203.0.113.7", "Server: " + hostile, "未配置", "另有8行从略"} {
		if !strings.Contains(body, w) {
			t.Errorf("annex lacks %q:\n%s", w, body)
		}
	}
	if n := tbl.Find("tr.fact").Eq(1).Find("td.lines span").Length(); n != maxFactLines+1 {
		t.Errorf("header lines shown: %d, want %d and the note", n, maxFactLines)
	}

	d = sample(casework.RouteTakedownCAC)
	d.HostFacts = facts
	if doc, _ := render(t, d); doc.Find("#annex-facts, #annex-note-facts").Length() != 0 {
		t.Error("a takedown notice shows host facts")
	}
	if doc, _ := render(t, sample(casework.RoutePoliceReferral)); doc.Find("#annex-facts, #annex-note-facts").Length() != 0 {
		t.Error("a referral without facts has a second annex")
	}
}
