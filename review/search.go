package review

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// Search and pivots: GET /search?q=…&pivot=kind:value&page=N (a page),
// GET /api/search (the same as JSON), and the pivot links of a case page
// (casePivots).

// searchPageSize is how many results a search page shows.
const searchPageSize = 50

// maxSearchPage bounds how deep a search may page.
const maxSearchPage = 200

// maxConcurrentSearches bounds the searches running at once; more wait
// up to searchWait, then get 429.
const (
	maxConcurrentSearches = 8
	searchWait            = 2 * time.Second
)

var searchSlots = make(chan struct{}, maxConcurrentSearches)

// errSearchBusy: too many searches at once.
var errSearchBusy = errors.New("too many searches at once")

// searchView is the search page.
type searchView struct {
	Q         string
	Pivot     *store.Pivot
	PivotName string // the pivot in Chinese, e.g. 联系方式 微信 zs88
	Error     string
	Rows      []caseRow
	Total     int
	Page      int
	Last      int
	Query     url.Values
	Searched  bool
}

// readSearch reads a search from the query string.
func readSearch(q url.Values) (store.SearchQuery, int, error) {
	sq := store.SearchQuery{Text: q.Get("q"), Limit: searchPageSize}
	page, _ := strconv.Atoi(q.Get("page"))
	page = min(max(page, 1), maxSearchPage)
	sq.Offset = (page - 1) * searchPageSize
	if p := q.Get("pivot"); p != "" {
		pv, err := store.ParsePivot(p)
		if err != nil {
			return sq, page, err
		}
		sq.Pivot = &pv
	}
	return sq, page, nil
}

// runSearch runs sq with a slot of searchSlots.
func (s *Server) runSearch(ctx context.Context, sq store.SearchQuery) (*store.SearchResult, error) {
	t := time.NewTimer(searchWait)
	defer t.Stop()
	select {
	case searchSlots <- struct{}{}:
	case <-t.C:
		return nil, errSearchBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-searchSlots }()
	return s.st.Search(sq)
}

// searchMessage says in Chinese why a search was refused.
func searchMessage(err error) string {
	switch {
	case errors.Is(err, store.ErrSearchTooLong):
		return fmt.Sprintf("搜索内容过长：最多 %d 个字。", store.MaxSearchQuery)
	case errors.Is(err, store.ErrSearchNoTerms):
		return "搜索内容中没有可搜索的词：请输入至少两个连续汉字，或字母、数字（如微信号、手机号、域名）。"
	case errors.Is(err, store.ErrSearchEmpty):
		return "请输入搜索内容。"
	case errors.Is(err, errSearchBusy):
		return "当前搜索的人太多，请稍后再试。"
	case errors.Is(err, store.ErrSearchIndexBuilding):
		return "服务刚启动，全文索引正在建立，请稍后再试；按联系方式、网站等关联查看不受影响。"
	case errors.Is(err, store.ErrInvalid):
		return "关联条件无效，请从案件页面上的链接进入。"
	}
	return ""
}

// searchStatus is the HTTP status of a refused search.
func searchStatus(err error) int {
	switch {
	case errors.Is(err, errSearchBusy):
		return http.StatusTooManyRequests
	case errors.Is(err, store.ErrSearchIndexBuilding):
		return http.StatusServiceUnavailable
	}
	return http.StatusBadRequest
}

// pivotName is pivot p in Chinese.
func pivotName(p *store.Pivot) string {
	if p == nil {
		return ""
	}
	name := casework.PivotKind(p.Kind).Name()
	if ct, ok := p.Contact(); ok && p.Kind == store.PivotContact {
		return name + " " + casework.ContactKind(ct.Kind).Name() + " " + ct.Value
	}
	return name + " " + p.Value
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	v := searchView{Q: r.URL.Query().Get("q"), Query: r.URL.Query()}
	sq, page, err := readSearch(r.URL.Query())
	v.Page, v.Pivot, v.PivotName = page, sq.Pivot, pivotName(sq.Pivot)
	status := http.StatusOK
	if err == nil && sq.Pivot == nil && v.Q == "" {
		// The empty form.
		s.render(w, r, status, "search", v)
		return
	}
	var res *store.SearchResult
	if err == nil {
		res, err = s.runSearch(r.Context(), sq)
	}
	if err != nil {
		msg := searchMessage(err)
		if msg == "" {
			s.serverError(w, r, err)
			return
		}
		v.Error, status = msg, searchStatus(err)
		s.render(w, r, status, "search", v)
		return
	}
	v.Searched, v.Total = true, res.Total
	v.Last = min(max(1, (res.Total+searchPageSize-1)/searchPageSize), maxSearchPage)
	rows := make([]caseRow, len(res.Cases))
	for i, c := range res.Cases {
		rows[i] = caseRow{Case: c, SuggestedRoute: s.suggestedRoute(&res.Cases[i])}
	}
	v.Rows = s.decorate(rows)
	s.render(w, r, status, "search", v)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	sq, page, err := readSearch(r.URL.Query())
	var res *store.SearchResult
	if err == nil {
		res, err = s.runSearch(r.Context(), sq)
	}
	if err != nil {
		msg := searchMessage(err)
		if msg == "" {
			s.serverError(w, r, err)
			return
		}
		writeJSON(w, searchStatus(err), map[string]any{"error": msg, "status": searchStatus(err)})
		return
	}
	rows := make([]caseRow, len(res.Cases))
	for i, c := range res.Cases {
		rows[i] = caseRow{Case: c, SuggestedRoute: s.suggestedRoute(&res.Cases[i])}
	}
	rows = s.decorate(rows)
	if !allowed(currentUser(r), permReadNotices) {
		for i := range rows {
			hideNotice(&rows[i].Case)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"q": sq.Text, "pivot": sq.Pivot, "total": res.Total, "page": page,
		"page_size": searchPageSize, "cases": rows})
}

// pivotLinks are a case's pivots with their counts, keyed kind:value, for
// the case page's links.
type pivotLinks map[string]store.PivotCount

// casePivots reads the pivots of case id; a failure leaves the page
// without links (logged), not without the case.
func (s *Server) casePivots(id uint64) pivotLinks {
	pcs, err := s.st.PivotCounts(id)
	if err != nil {
		s.log.Error("pivots of case", "case", id, "err", err)
		return nil
	}
	out := pivotLinks{}
	for _, pc := range pcs {
		out[pc.Pivot.String()] = pc
	}
	return out
}

// Link is the link to the cases sharing kind:value with the case, with
// their count; empty when the case has no such pivot.
func (p pivotLinks) Link(kind, value string) template.HTML {
	pc, ok := p[kind+":"+value]
	if !ok {
		return ""
	}
	return pivotLink(pc)
}

// All are the links of every pivot of kind.
func (p pivotLinks) All(kind string) template.HTML {
	var out template.HTML
	for _, pc := range p {
		if string(pc.Kind) == kind {
			out += pivotLink(pc) + " "
		}
	}
	return out
}

func pivotLink(pc store.PivotCount) template.HTML {
	href := "/search?pivot=" + url.QueryEscape(pc.Pivot.String())
	text := casework.PivotKind(pc.Kind).LinkText() + " (" + strconv.Itoa(pc.Count) + ")"
	if !utf8.ValidString(href) {
		return ""
	}
	return template.HTML(`<a class="pivot nowrap" data-pivot="` + template.HTMLEscapeString(string(pc.Kind)) +
		`" data-count="` + strconv.Itoa(pc.Count) + `" href="` + template.HTMLEscapeString(href) + `">` +
		template.HTMLEscapeString(text) + `</a>`)
}
