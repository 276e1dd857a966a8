package review_test

import (
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// TestCasePageWatchChecks: the re-checks a sweep recorded for a known
// imitation site are listed on its case page, newest first, in Chinese;
// a case without any shows no such table.
func TestCasePageWatchChecks(t *testing.T) {
	e := htNew(t)
	a := e.htRecord(htPage{URL: "http://cx-mem-zscx.top/", Category: "imitation_site", Title: "特种作业操作证查询平台", Text: "证件号码 姓名 验证码"}).CaseID
	b := e.htRecord(htPage{URL: "http://other.example/", Title: "出售证书", Text: "免考拿证"}).CaseID
	for i, c := range []store.WatchCheck{
		{State: store.WatchOnline, Status: 200, Detail: "仍是仿冒查询页面，内容与上次相同"},
		{State: store.WatchGone, Status: 404, Detail: "返回 404，页面已删除"},
	} {
		c.CaseID, c.SweepID, c.URL, c.At = a, e.sweep, "http://cx-mem-zscx.top/", htStart.Add(time.Duration(i)*time.Hour)
		if err := e.st.RecordWatchCheck(c); err != nil {
			t.Fatal(err)
		}
	}
	cl := e.htLogin("cac")
	doc := cl.htDoc("/cases/"+htID(a), 200)
	rows := htTexts(doc, "#watch-checks tbody tr")
	if len(rows) != 2 || !strings.Contains(rows[0], "已下线或不再仿冒") || !strings.Contains(rows[0], "404") || !strings.Contains(rows[0], "返回 404，页面已删除") ||
		!strings.Contains(rows[1], "仍在线且内容未变") {
		t.Errorf("re-check rows: %q", rows)
	}
	if h := doc.Find("#watch-checks").Prev().Text(); !strings.Contains(h, "仿冒网站复查") {
		t.Errorf("heading: %q", h)
	}
	if doc := cl.htDoc("/cases/"+htID(b), 200); doc.Find("#watch-checks").Length() != 0 {
		t.Errorf("a case without re-checks shows the table")
	}
}
