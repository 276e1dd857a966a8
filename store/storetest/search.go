package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// testSearch: full-text search finds cases by any two consecutive Han
// characters, by words and numbers (case- and width-folded) and by URL
// words; terms are ANDed; results rank title hits first, then score and
// last seen; a new snapshot's words are added to the case's; queries are
// bounded; pages and totals agree.
func testSearch(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	at := time.Date(2024, 11, 24, 8, 0, 0, 0, time.UTC)
	record := func(url, title, text string, score float64, seen time.Time) uint64 {
		t.Helper()
		o := observation(sw, url, text)
		o.Title, o.PageTitle, o.Score, o.FetchedAt = title, title, score, seen
		res, err := b.Record(o)
		if err != nil {
			t.Fatalf("Record %s: %v", url, err)
		}
		return res.CaseID
	}
	a := record("https://shop-a.example/item/1", "出售安全员证", "专业办理安全员证书，微信 ZS88", 0.5, at)
	bb := record("https://b.example/x", "电工证", "电工证 快速办理", 0.9, at)
	c := record("https://gov.example/news", "通知", "安全员 培训考试通知", 0.3, at)
	d := record("https://d.example/%E7%84%8A%E5%B7%A5", "页面", "无关内容", 0.3, at.Add(time.Hour))

	search := func(q store.SearchQuery) []uint64 {
		t.Helper()
		res, err := b.Search(q)
		if err != nil {
			t.Fatalf("Search %+v: %v", q, err)
		}
		var ids []uint64
		for _, c := range res.Cases {
			ids = append(ids, c.ID)
		}
		if q.Offset == 0 && (q.Limit == 0 || len(ids) < q.Limit) && res.Total != len(ids) {
			t.Errorf("Search %+v: total %d, %d cases", q, res.Total, len(ids))
		}
		return ids
	}
	for _, tc := range []struct {
		q    string
		want []uint64
	}{
		{"安全员证", []uint64{a}},    // 员证 is not in c
		{"安全员", []uint64{a, c}},  // a has it in its title
		{"办理", []uint64{bb, a}},  // both in the text: by score
		{"快速 办理", []uint64{bb}},  // AND
		{"安全员 电工", nil},          // AND, no case has both
		{"zs88", []uint64{a}},    // lower-cased
		{"ＺＳ８８", []uint64{a}},    // full-width folded
		{"shop", []uint64{a}},    // a host label
		{"焊工", []uint64{d}},      // a percent-encoded path
		{"培训考试", []uint64{c}},    // across word boundaries
		{"「安全员证」！", []uint64{a}}, // punctuation ignored
	} {
		if got := search(store.SearchQuery{Text: tc.q}); !slices.Equal(got, tc.want) {
			t.Errorf("search %q: cases %v, want %v", tc.q, got, tc.want)
		}
	}

	// Paging.
	if got := search(store.SearchQuery{Text: "办理", Limit: 1}); !slices.Equal(got, []uint64{bb}) {
		t.Errorf("first page: %v", got)
	}
	res, err := b.Search(store.SearchQuery{Text: "办理", Limit: 1, Offset: 1})
	if err != nil || len(res.Cases) != 1 || res.Cases[0].ID != a || res.Total != 2 {
		t.Errorf("second page: %+v, %v; want case %d of 2", res, err, a)
	}
	if res.Cases[0].URL != "https://shop-a.example/item/1" || res.Cases[0].Title != "出售安全员证" || res.Cases[0].Finding != nil {
		t.Errorf("result case fields: %+v", res.Cases[0])
	}

	// Last seen breaks a tie of relevance and score.
	e := record("https://e.example/1", "页面", "无关内容 新的", 0.3, at.Add(2*time.Hour))
	if got := search(store.SearchQuery{Text: "无关内容"}); !slices.Equal(got, []uint64{e, d}) {
		t.Errorf("search 无关内容: %v, want the one seen last (%d) first", got, e)
	}

	// A new snapshot adds its words; the old ones still find the case.
	record("https://shop-a.example/item/1", "出售焊工证", "全新内容 焊工证 代考", 0.5, at.Add(3*time.Hour))
	if got := search(store.SearchQuery{Text: "代考"}); !slices.Equal(got, []uint64{a}) {
		t.Errorf("search 代考 after a new snapshot: %v", got)
	}
	if got := search(store.SearchQuery{Text: "安全员证"}); !slices.Equal(got, []uint64{a}) {
		t.Errorf("search 安全员证 after a new snapshot: %v", got)
	}

	for _, bad := range []string{"", "  ", "证", "，。！", strings.Repeat("证书", store.MaxSearchQuery/2+1)} {
		if _, err := b.Search(store.SearchQuery{Text: bad}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("search %q: %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := b.Search(store.SearchQuery{Text: strings.Repeat("证", store.MaxSearchQuery)}); err != nil {
		t.Errorf("search of %d characters: %v", store.MaxSearchQuery, err)
	}
}

// testPivots: the cases sharing a contact, a host, a listing id or a page
// body, counted on a case and listed by a pivot search (alone or with
// text); a case that moves host leaves the old host's list.
func testPivots(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	at := time.Date(2024, 11, 24, 8, 0, 0, 0, time.UTC)
	record := func(key, url, text string, score float64, contacts ...store.CaseContact) uint64 {
		t.Helper()
		o := observation(sw, url, text)
		o.Score, o.Contacts = score, contacts
		if key != "" {
			o.CaseKey = key
		}
		res, err := b.Record(o)
		if err != nil {
			t.Fatalf("Record %s: %v", url, err)
		}
		return res.CaseID
	}
	wx := store.CaseContact{Kind: "wechat", Value: "zs88"}
	phone := store.CaseContact{Kind: "phone", Value: "13900000001"}
	a := record("", "https://shop.example/1", "安全员证 办理", 0.5, wx, phone)
	bb := record("", "https://other.example/2", "电工证 办理", 0.9, wx)
	c := record("", "https://shop.example/3", "电工证 办理", 0.3, store.CaseContact{Kind: "qq", Value: "13900000001"})
	l1 := record("listing:mkt:777", "https://mkt.example/p?id=777", "焊工证", 0.4)
	l2 := record("listing:bazaar:777", "https://bazaar.example/777", "焊工证 加急", 0.6)
	record("listing:mkt:778", "https://mkt.example/p?id=778", "焊工证 其他", 0.4)

	pivotSearch := func(p store.Pivot, text string) []uint64 {
		t.Helper()
		res, err := b.Search(store.SearchQuery{Pivot: &p, Text: text})
		if err != nil {
			t.Fatalf("Search pivot %v %q: %v", p, text, err)
		}
		var ids []uint64
		for _, c := range res.Cases {
			ids = append(ids, c.ID)
		}
		if res.Total != len(ids) {
			t.Errorf("pivot %v: total %d, %d cases", p, res.Total, len(ids))
		}
		return ids
	}
	body := func(id uint64) string {
		t.Helper()
		cs, err := b.Case(id)
		if err != nil {
			t.Fatal(err)
		}
		sn, err := b.Snapshot(cs.LatestSnapshot)
		if err != nil {
			t.Fatal(err)
		}
		return sn.BodySHA256
	}
	for _, tc := range []struct {
		p    store.Pivot
		text string
		want []uint64
	}{
		{store.ContactPivot(wx), "", []uint64{bb, a}}, // by score
		{store.ContactPivot(phone), "", []uint64{a}},  // the QQ number with the same digits is another contact
		{store.ContactPivot(wx), "安全员", []uint64{a}},
		{store.Pivot{Kind: store.PivotHost, Value: "shop.example"}, "", []uint64{a, c}},
		{store.Pivot{Kind: store.PivotHost, Value: "shop.example"}, "电工", []uint64{c}},
		{store.Pivot{Kind: store.PivotListing, Value: "777"}, "", []uint64{l2, l1}},
		{store.Pivot{Kind: store.PivotContent, Value: body(bb)}, "", []uint64{bb, c}}, // same body
		{store.Pivot{Kind: store.PivotHost, Value: "nowhere.example"}, "", nil},
	} {
		if got := pivotSearch(tc.p, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("pivot %v %q: cases %v, want %v", tc.p, tc.text, got, tc.want)
		}
	}

	counts := func(id uint64) map[string]int {
		t.Helper()
		pcs, err := b.PivotCounts(id)
		if err != nil {
			t.Fatalf("PivotCounts %d: %v", id, err)
		}
		m := map[string]int{}
		var order []string
		for _, pc := range pcs {
			m[pc.Pivot.String()] = pc.Count
			order = append(order, string(pc.Kind))
		}
		if !slices.IsSortedFunc(order, func(x, y string) int { return pivotRank(x) - pivotRank(y) }) {
			t.Errorf("pivots of %d in order %v; want contacts, host, listing, content", id, order)
		}
		return m
	}
	want := map[string]int{
		"contact:phone:13900000001": 1, "contact:wechat:zs88": 2, "host:shop.example": 2,
		"content:" + body(a): 1,
	}
	if got := counts(a); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pivots of case %d: %v, want %v", a, got, want)
	}
	if got := counts(l1); got["listing:777"] != 2 || got["host:mkt.example"] != 2 || len(got) != 3 {
		t.Errorf("pivots of listing case %d: %v", l1, got)
	}

	// Case c moves to another host: shop.example keeps a alone.
	o := observation(sw, "https://shop.example/3", "电工证 办理")
	o.FinalURL, o.FetchedAt, o.Score = "https://moved.example/3", at.Add(time.Hour), 0.3
	if _, err := b.Record(o); err != nil {
		t.Fatal(err)
	}
	if got := pivotSearch(store.Pivot{Kind: store.PivotHost, Value: "shop.example"}, ""); !slices.Equal(got, []uint64{a}) {
		t.Errorf("host shop.example after case %d moved: %v", c, got)
	}
	if got := pivotSearch(store.Pivot{Kind: store.PivotHost, Value: "moved.example"}, ""); !slices.Equal(got, []uint64{c}) {
		t.Errorf("host moved.example: %v", got)
	}
	if got := pivotSearch(store.Pivot{Kind: store.PivotHost, Value: "moved.example"}, "moved"); !slices.Equal(got, []uint64{c}) {
		t.Errorf("host moved.example, text moved: %v", got)
	}

	if _, err := b.PivotCounts(l2 + 100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PivotCounts of an unknown case: %v, want ErrNotFound", err)
	}
	for _, bad := range []store.Pivot{
		{Kind: "seller", Value: "x"}, {Kind: store.PivotHost}, {Kind: store.PivotContact, Value: "zs88"},
		{Kind: store.PivotContent, Value: "abc"}, {Kind: store.PivotHost, Value: strings.Repeat("a", 300)},
	} {
		if _, err := b.Search(store.SearchQuery{Pivot: &bad}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("pivot %+v: %v, want ErrInvalid", bad, err)
		}
	}
}

func pivotRank(kind string) int {
	return slices.Index([]string{"contact", "host", "listing", "content"}, kind)
}
