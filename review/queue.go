package review

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// The queue read through the store's queue index (issue 13): the store
// filters, sorts, counts and pages, so a request never decodes every case.

// queuePageSizes are the page sizes the queue offers; any size from 1 to
// store.MaxQueuePageSize is accepted.
var queuePageSizes = []int{20, 50, 100, 200}

// queueOrder is the queue's order, page size and the filters the store
// added (host, score range), read from the query string.
type queueOrder struct {
	Sort               string // store.QueueSorts
	Desc               bool
	Size               int
	Host               string
	ScoreMin, ScoreMax string // as typed
	Err                string // what is wrong with the parameters, in Chinese
}

func readQueueOrder(q url.Values) queueOrder {
	o := queueOrder{Sort: q.Get("sort"), Desc: q.Get("order") != "asc", Size: pageSize,
		Host: strings.TrimSpace(q.Get("host")), ScoreMin: strings.TrimSpace(q.Get("min")), ScoreMax: strings.TrimSpace(q.Get("max"))}
	if o.Sort == "" {
		o.Sort = store.SortScore
	}
	var bad []string
	if !slices.Contains(store.QueueSorts, o.Sort) {
		bad = append(bad, "排序方式无效")
		o.Sort = store.SortScore
	}
	if v := q.Get("order"); v != "" && v != "asc" && v != "desc" {
		bad = append(bad, "排序方向无效（升序或降序）")
	}
	if v := q.Get("size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > store.MaxQueuePageSize {
			bad = append(bad, fmt.Sprintf("每页条数须在 1 到 %d 之间", store.MaxQueuePageSize))
		} else {
			o.Size = n
		}
	}
	if len(o.Host) > store.MaxQueueText {
		bad = append(bad, "网站名称过长")
	}
	for _, s := range []string{o.ScoreMin, o.ScoreMax} {
		if s == "" {
			continue
		}
		if f, err := strconv.ParseFloat(s, 64); err != nil || math.IsNaN(f) || math.IsInf(f, 0) || len(s) > 32 {
			bad = append(bad, "得分范围须为数字")
			break
		}
	}
	if len(bad) > 0 {
		o.Err = strings.Join(bad, "；") + "。"
	}
	return o
}

// pageSizes are the page sizes to offer: queuePageSizes and size.
func pageSizes(size int) []int {
	if slices.Contains(queuePageSizes, size) {
		return queuePageSizes
	}
	out := append([]int{size}, queuePageSizes...)
	slices.Sort(out)
	return out
}

// sortChoices are the orders as a form offers them.
func sortChoices() []choice {
	out := make([]choice, len(store.QueueSorts))
	for i, s := range store.QueueSorts {
		out[i] = choice{s, casework.QueueSort(s).Name()}
	}
	return out
}

// caseQuery is the store query of a queue filter, for page page.
func (s *Server) caseQuery(f queueFilter, latest uint64, page int) store.CaseQuery {
	q := store.CaseQuery{Status: f.Status, Category: f.Category, Source: f.Source, Channel: f.Channel,
		Route: f.Route, SourceRoutes: s.opts.SourceRoutes, Host: strings.ToLower(strings.TrimSuffix(f.Order.Host, ".")),
		Sort: f.Order.Sort, Desc: f.Order.Desc, Limit: f.Order.Size, Offset: (page - 1) * f.Order.Size,
		HideMerged: true} // merged duplicates are decided through their primary
	if from, err := time.ParseInLocation("2006-01-02", f.From, store.Beijing); err == nil {
		q.From = from
	}
	if to, err := time.ParseInLocation("2006-01-02", f.To, store.Beijing); err == nil {
		q.To = to.AddDate(0, 0, 1)
	}
	if v, err := strconv.ParseFloat(f.Order.ScoreMin, 64); err == nil {
		q.ScoreMin = &v
	}
	if v, err := strconv.ParseFloat(f.Order.ScoreMax, 64); err == nil {
		q.ScoreMax = &v
	}
	if f.New {
		q.FirstSweep = latest
		if latest == 0 {
			q.FirstSweep = math.MaxUint64 // no sweep yet: nothing is new
		}
	}
	if q.Offset > store.MaxQueueOffset {
		q.Offset = store.MaxQueueOffset
	}
	return q
}

// queryQueue asks the store for page page of the queue; with clamp, a page
// past the last one is the last one. It returns the page number answered.
func (s *Server) queryQueue(f queueFilter, page int, clamp bool) (*store.CasePage, int, uint64, error) {
	var latest uint64
	if sw, err := s.st.Sweeps(1); err == nil && len(sw) > 0 {
		latest = sw[0].ID
	}
	p, err := s.st.QueryCases(s.caseQuery(f, latest, page))
	if err != nil {
		return nil, 0, 0, err
	}
	if last := max(1, (p.Total+f.Order.Size-1)/f.Order.Size); clamp && page > last {
		page = last
		if p, err = s.st.QueryCases(s.caseQuery(f, latest, page)); err != nil {
			return nil, 0, 0, err
		}
	}
	return p, page, latest, nil
}

// warmQueue has the store build its queue index in the background (the
// embedded store scans every case once, seconds at 100,000 cases), so the
// first reviewer to open the queue does not wait for it.
func (s *Server) warmQueue() {
	go func() {
		if _, err := s.st.QueueFacets(); err != nil {
			s.log.Warn("queue index not built in advance", "err", err)
		}
	}()
}

// queueRows are the queue's lines for the cases of a page.
func (s *Server) queueRows(cases []store.Case, latest uint64) []caseRow {
	rows := make([]caseRow, len(cases))
	for i := range cases {
		c := &cases[i]
		rows[i] = caseRow{Case: *c, SuggestedRoute: s.suggestedRoute(c), New: latest > 0 && c.FirstSweep == latest}
	}
	return s.decorate(rows)
}

// savedQuery is the query string a saved filter keeps: the queue's
// parameters without the page and the flash.
func savedQuery(q url.Values) string {
	v := url.Values{}
	for k, vs := range q {
		switch k {
		case "page", "ok", "csrf":
			continue
		}
		v[k] = vs
	}
	return v.Encode()
}

func init() {
	flashes["filtersaved"] = "筛选条件已保存。"
	flashes["filterdeleted"] = "已删除保存的筛选条件。"
	// savedFilterQuery is a saved filter's query for a link: parsed and
	// encoded again, so only a well-formed query string reaches the page.
	funcs["savedFilterQuery"] = func(raw string) template.URL {
		q, _ := url.ParseQuery(raw)
		return template.URL(q.Encode())
	}
}

// saveFilter keeps the posted query under the posted name for the user.
func (s *Server) saveFilter(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	q, err := url.ParseQuery(strings.TrimPrefix(r.PostFormValue("query"), "?"))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "筛选条件无效。")
		return
	}
	f := store.SavedFilter{User: currentUser(r).Name, Name: r.PostFormValue("name"), Query: savedQuery(q)}
	if err := s.st.SaveFilter(f); err != nil {
		switch {
		case errors.Is(err, store.ErrTooMany):
			s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("每位用户最多保存 %d 个筛选条件，请先删除不用的。", store.MaxSavedFilters))
		case errors.Is(err, store.ErrInvalid):
			s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("请填写名称（不超过 %d 个字），筛选条件不超过 %d 字节。",
				store.MaxSavedFilterName, store.MaxSavedFilterQuery))
		default:
			s.failErr(w, r, err)
		}
		return
	}
	redirect(w, r, "/cases?"+f.Query, "filtersaved")
}

// deleteFilter removes one of the user's saved filters.
func (s *Server) deleteFilter(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	if err := s.st.DeleteSavedFilter(currentUser(r).Name, r.PostFormValue("name")); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			s.fail(w, r, http.StatusNotFound, "没有这个保存的筛选条件。")
			return
		}
		s.failErr(w, r, err)
		return
	}
	back := "/cases"
	if q := r.PostFormValue("back"); strings.HasPrefix(q, "?") {
		back += q
	}
	redirect(w, r, back, "filterdeleted")
}

// apiSavedFilters lists the user's saved filters.
func (s *Server) apiSavedFilters(w http.ResponseWriter, r *http.Request) {
	l, err := s.st.SavedFilters(currentUser(r).Name)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := make([]map[string]any, len(l))
	for i, f := range l {
		out[i] = map[string]any{"name": f.Name, "query": f.Query, "created": f.Created}
	}
	writeJSON(w, http.StatusOK, map[string]any{"filters": out})
}
