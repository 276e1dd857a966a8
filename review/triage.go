package review

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/certwatch/certwatch/casework"
)

// Keyboard triage: the queue and the case page carry the queue's filter
// in their links (the case page's own query string is the queue's), so
// "next" and "confirm and next" walk the same filter in the same order.
// The keys themselves are static/triage.js; every decision still goes
// through the case page's forms (POST with the CSRF token), and each key
// has a button that works without script.

// queueKeys are the query keys of the queue's filter (readQueueFilter);
// nothing else is carried from page to page.
var queueKeys = []string{"category", "source", "route", "status", "channel", "from", "to", "new", "sort", "order", "q"}

// maxQueueQuery bounds the filter carried in links and forms.
const maxQueueQuery = 2000

// queueQuery is the queue's filter in q, cleaned: known keys only, one
// value each, bounded.
func queueQuery(q url.Values) url.Values {
	out := url.Values{}
	n := 0
	for _, k := range queueKeys {
		if vs, ok := q[k]; ok && len(vs) > 0 && vs[0] != "" {
			v := vs[0]
			if n += len(k) + len(v); n > maxQueueQuery {
				break
			}
			out.Set(k, v)
		}
	}
	return out
}

// queueQueryOf reads the filter a form carries in its field "queue" (an
// encoded query string).
func queueQueryOf(r *http.Request) url.Values {
	raw := r.PostFormValue("queue")
	if len(raw) > maxQueueQuery {
		return url.Values{}
	}
	q, err := url.ParseQuery(strings.TrimPrefix(raw, "?"))
	if err != nil {
		return url.Values{}
	}
	return queueQuery(q)
}

// triageView is what the case page needs for keyboard triage.
type triageView struct {
	// Query is the queue's filter as a query string with its "?" ("" for
	// the default queue).
	Query template.URL
	// Reasons are the dismissal reasons with their keys (1, 2, ...).
	Reasons []reasonKey
}

type reasonKey struct {
	Key string
	choice
}

func newTriageView(q url.Values) triageView {
	v := triageView{Query: triageQuery(q)}
	for i, c := range reasonChoices() {
		if i < 9 {
			v.Reasons = append(v.Reasons, reasonKey{fmt.Sprint(i + 1), c})
		}
	}
	return v
}

// nextCase is the pending case after id in the queue under the filter q
// (status aside: the next one still to decide), wrapping round to the
// start; 0 when no other case is pending.
func (s *Server) nextCase(q url.Values, id uint64) (uint64, error) {
	f := readQueueFilter(q)
	f.Status = ""
	rows, _, _, _, err := s.filterCases(f)
	if err != nil {
		return 0, err
	}
	at := -1
	for i, row := range rows {
		if row.ID == id {
			at = i
			break
		}
	}
	for i := 1; i <= len(rows); i++ {
		row := rows[(at+i+len(rows))%len(rows)]
		if row.ID != id && row.Status == casework.CaseOpen {
			return row.ID, nil
		}
	}
	return 0, nil
}

// nextPage answers GET /cases/{id}/next?<queue filter>: the next pending
// case in that queue, or the queue itself when none is left.
func (s *Server) nextPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if _, err := s.st.Case(id); err != nil {
		s.failErr(w, r, err)
		return
	}
	q := queueQuery(r.URL.Query())
	s.toNext(w, r, id, q, "")
}

// toNext redirects to the pending case after id under q, with flash (a
// decision's code, or "" when none was taken): "<flash>next" on the next
// case, "alldone" on the queue when no case is left.
func (s *Server) toNext(w http.ResponseWriter, r *http.Request, id uint64, q url.Values, flash string) {
	next, err := s.nextCase(q, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if next == 0 {
		redirect(w, r, "/cases"+string(triageQuery(q)), "alldone")
		return
	}
	if flash != "" {
		flash += "next"
	}
	redirect(w, r, fmt.Sprintf("/cases/%d%s", next, triageQuery(q)), flash)
}

// afterDecide answers a decision taken on the case page: the next pending
// case when the form asked for it (next=1, "确认并下一条"), else the case
// again, keeping the queue's filter either way.
func (s *Server) afterDecide(w http.ResponseWriter, r *http.Request, id uint64, flash string) {
	q := queueQueryOf(r)
	if r.PostFormValue("next") == "1" {
		s.toNext(w, r, id, q, flash)
		return
	}
	redirect(w, r, fmt.Sprintf("/cases/%d%s", id, triageQuery(q)), flash)
}

// triageQuery is the queue's filter carried in a link: "?" and the
// cleaned query, or "" for the default queue.
func triageQuery(q url.Values) template.URL {
	if enc := queueQuery(q).Encode(); enc != "" {
		return template.URL("?" + enc)
	}
	return ""
}

func init() {
	funcs["triageQuery"] = triageQuery
	for code, msg := range map[string]string{
		"confirmednext": "上一条已确认，已加入通知草稿。以下是下一条待审核案件。",
		"pendingnext":   "上一条已提交移送，等待审批人审批。以下是下一条待审核案件。",
		"dismissednext": "上一条已排除。以下是下一条待审核案件。",
		"approvednext":  "上一条已审批通过。以下是下一条待审核案件。",
		"rejectednext":  "上一条已退回。以下是下一条待审核案件。",
		"reopenednext":  "上一条已重新打开。以下是下一条待审核案件。",
		"withdrawnnext": "上一条已撤回确认。以下是下一条待审核案件。",
		"alldone":       "当前筛选条件下已没有其他待审核案件。",
		"merged":        "已合并：所选案件已并入本案，不再单独出现在队列中。",
		"unmerged":      "已取消合并：该案件重新单独出现在队列中。",
	} {
		flashes[code] = msg
	}
}
