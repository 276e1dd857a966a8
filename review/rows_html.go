package review

import (
	"bytes"
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// The queue's rows written in Go. Even with every value worked out
// beforehand (rowCells), html/template called an escaper through
// reflection for each value printed, about twenty a row: rendering 200
// rows was most of a cached queue request's processor time. rowHTML
// writes the same bytes as the template did (queue_render_internal_test
// compares them on awkward data): every value is escaped as html/template
// escapes it in text and quoted attributes (htmlEscape), and the one URL
// part (the triage query) is escaped once a page by html/template itself
// (escapedTriageQuery).

// htmlEscape escapes s as html/template does a string in text or a quoted
// attribute (its htmlEscaper and attrEscaper: NUL, ", &, ', +, < and >).
func htmlEscape(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(repl)
		start = i + 1
	}
	b.WriteString(s[start:])
}

// triageProbe is a link as the queue writes one, to have html/template
// escape the triage query in a URL attribute.
var triageProbe = template.Must(template.New("probe").Funcs(template.FuncMap{"triageQuery": triageQuery}).Parse(`<a href="/cases/1{{triageQuery .}}">`))

// escapedTriageQuery is triageQuery(q) as html/template writes it after a
// case's path in an href.
func escapedTriageQuery(q url.Values) (string, error) {
	var buf bytes.Buffer
	if err := triageProbe.Execute(&buf, q); err != nil {
		return "", err
	}
	s := strings.TrimPrefix(buf.String(), `<a href="/cases/1`)
	return strings.TrimSuffix(s, `">`), nil
}

// rowsHTML writes each row's HTML (row.HTML) for a user who may decide or
// not, with the page's escaped triage query.
func rowsHTML(rows []caseRow, decide bool, qs string) {
	var b strings.Builder
	for i := range rows {
		b.Reset()
		rows[i].writeHTML(&b, decide, qs)
		rows[i].HTML = template.HTML(b.String())
	}
}

// writeHTML writes the row as templates/queue.html's row did.
func (row *caseRow) writeHTML(b *strings.Builder, decide bool, qs string) {
	c := &row.C
	b.WriteString("\n<tr data-case=\"")
	b.WriteString(c.ID)
	b.WriteString("\">\n  ")
	if decide {
		b.WriteString(`<td><input type="checkbox" name="case" value="`)
		b.WriteString(c.ID)
		b.WriteString(`" class="pick"><input type="hidden" name="version-`)
		b.WriteString(c.ID)
		b.WriteString(`" value="`)
		htmlEscape(b, c.Version)
		b.WriteString(`"></td>`)
	}
	b.WriteString("\n  <td><a href=\"/cases/")
	b.WriteString(c.ID)
	b.WriteString(qs)
	b.WriteString(`" class="case-link">#`)
	b.WriteString(c.ID)
	b.WriteString("</a>")
	if row.New {
		b.WriteString(` <span class="tag new">新</span>`)
	}
	b.WriteString("</td>\n  <td class=\"num\">")
	htmlEscape(b, c.Score)
	b.WriteString("</td>\n  <td class=\"title\"><a href=\"/cases/")
	b.WriteString(c.ID)
	b.WriteString(qs)
	b.WriteString(`">`)
	htmlEscape(b, c.Title)
	b.WriteString(`</a><div class="url">`)
	htmlEscape(b, c.URL)
	b.WriteString("</div>\n  ")
	if g := row.Group; g != nil {
		b.WriteString("<div class=\"groups\">\n    ")
		if len(g.Merged) > 0 {
			b.WriteString(`<details class="group merged-group"><summary><span class="tag group-badge" title="已合并到本案的重复案件">已合并 <b class="group-count">`)
			b.WriteString(strconv.Itoa(len(g.Merged)))
			b.WriteString("</b> 件</span></summary>\n    <ul>")
			for _, m := range g.Merged {
				id := strconv.FormatUint(m.ID, 10)
				b.WriteString(`<li><a href="/cases/`)
				b.WriteString(id)
				b.WriteString(`">#`)
				b.WriteString(id)
				b.WriteString("</a> ")
				htmlEscape(b, shortText(m.Title, 40))
				b.WriteString("（")
				htmlEscape(b, m.Status.Name())
				b.WriteString("）</li>")
			}
			b.WriteString("</ul></details>")
		}
		b.WriteString("\n    ")
		if len(g.Linked) > 0 {
			b.WriteString(`<details class="group linked-group"><summary><span class="tag group-badge" title="共用同一个人联系方式的其他案件">同一卖家 <b class="group-count">`)
			b.WriteString(strconv.Itoa(len(g.Linked)))
			b.WriteString("</b> 件</span></summary>\n    <ul>")
			for _, m := range g.Linked {
				id := strconv.FormatUint(m.ID, 10)
				b.WriteString(`<li><a href="/cases/`)
				b.WriteString(id)
				b.WriteString(qs)
				b.WriteString(`">#`)
				b.WriteString(id)
				b.WriteString("</a> ")
				htmlEscape(b, shortText(m.Title, 40))
				b.WriteString("（")
				htmlEscape(b, m.Status.Name())
				if m.Primary != 0 {
					b.WriteString("，已合并到 #")
					b.WriteString(strconv.FormatUint(m.Primary, 10))
				}
				b.WriteString("）</li>")
			}
			b.WriteString("</ul></details>")
		}
		b.WriteString("\n  </div>")
	}
	b.WriteString("</td>\n  \n  <td>")
	// caseCells (templates/layout.html)
	htmlEscape(b, c.CategoryName)
	if c.Model {
		b.WriteString(` <span class="tag" title="仅由学习模型标记">模型</span>`)
	}
	b.WriteString("</td>\n  <td>")
	htmlEscape(b, c.Source)
	b.WriteString("</td>\n  <td>")
	htmlEscape(b, c.Route)
	b.WriteString("</td>\n  <td><span class=\"status s-")
	htmlEscape(b, c.Status)
	b.WriteString(`">`)
	htmlEscape(b, c.StatusName)
	b.WriteString("</span>")
	if c.HasRemoval {
		b.WriteString(`<div class="small">`)
		htmlEscape(b, c.Outcome)
		b.WriteString("</div>")
	}
	b.WriteString("</td>\n  <td>")
	b.WriteString(string(c.First))
	b.WriteString("</td>\n  <td>")
	b.WriteString(string(c.Last))
	b.WriteString("</td>\n\n</tr>\n")
}
