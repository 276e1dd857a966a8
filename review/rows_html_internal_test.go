package review

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"
	"testing"
)

// oldQueueRows is templates/queue.html's row and layout.html's caseCells
// as they were before the rows were written in Go (rows_html.go), kept
// here to check that rowHTML writes the same bytes.
const oldQueueRows = `{{$qs := triageQuery .Query}}{{$can := .Can}}{{range .Rows}}
<tr data-case="{{.ID}}">
  {{if $can.decide}}<td><input type="checkbox" name="case" value="{{.ID}}" class="pick"><input type="hidden" name="version-{{.ID}}" value="{{caseVersion .Case}}"></td>{{end}}
  <td><a href="/cases/{{.ID}}{{$qs}}" class="case-link">#{{.ID}}</a>{{if .New}} <span class="tag new">新</span>{{end}}</td>
  <td class="num">{{score .Score}}</td>
  <td class="title"><a href="/cases/{{.ID}}{{$qs}}">{{short .Title 60}}</a><div class="url">{{short .URL 90}}</div>
  {{with .Group}}<div class="groups">
    {{with .Merged}}<details class="group merged-group"><summary><span class="tag group-badge" title="已合并到本案的重复案件">已合并 <b class="group-count">{{len .}}</b> 件</span></summary>
    <ul>{{range .}}<li><a href="/cases/{{.ID}}">#{{.ID}}</a> {{short .Title 40}}（{{caseStatus .Status}}）</li>{{end}}</ul></details>{{end}}
    {{with .Linked}}<details class="group linked-group"><summary><span class="tag group-badge" title="共用同一个人联系方式的其他案件">同一卖家 <b class="group-count">{{len .}}</b> 件</span></summary>
    <ul>{{range .}}<li><a href="/cases/{{.ID}}{{$qs}}">#{{.ID}}</a> {{short .Title 40}}（{{caseStatus .Status}}{{if .Primary}}，已合并到 #{{.Primary}}{{end}}）</li>{{end}}</ul></details>{{end}}
  </div>{{end}}</td>
  {{template "oldCaseCells" .}}
</tr>
{{end}}{{define "oldCaseCells"}}
  <td>{{.CategoryName}}{{if eq .Channel "model"}} <span class="tag" title="仅由学习模型标记">模型</span>{{end}}</td>
  <td>{{.SourceID}}</td>
  <td>{{route .SuggestedRoute}}</td>
  <td><span class="status s-{{.Status}}">{{caseStatus .Status}}</span>{{with .Removal}}<div class="small">{{outcome .}}</div>{{end}}</td>
  <td>{{date .FirstSeen}}</td>
  <td>{{date .LastSeen}}</td>
{{end}}`

// TestQueueRowsHTMLAsTemplate: the rows written in Go are byte for byte
// what the template wrote, on awkward data (markup, quotes, plus signs,
// NUL, bidirectional controls, long titles, groups, removal outcomes, the
// zero time, with and without the right to decide, with a triage query).
func TestQueueRowsHTMLAsTemplate(t *testing.T) {
	old := template.Must(template.New("old").Funcs(funcs).Parse(oldQueueRows))
	rows := awkwardRows()
	for _, decide := range []bool{true, false} {
		for _, q := range []url.Values{{}, {"status": {"open"}, "sort": {"score"}, "host": {"a&b+c'd\"<>"}, "category": {"证书 类"}}} {
			var want bytes.Buffer
			if err := old.Execute(&want, map[string]any{"Query": q, "Can": map[string]bool{"decide": decide}, "Rows": rows}); err != nil {
				t.Fatal(err)
			}
			qs, err := escapedTriageQuery(q)
			if err != nil {
				t.Fatal(err)
			}
			rowsHTML(rows, decide, qs)
			var got strings.Builder
			for _, r := range rows {
				got.WriteString(string(r.HTML))
			}
			if got.String() != want.String() {
				w, g := want.String(), got.String()
				i := 0
				for i < min(len(w), len(g)) && w[i] == g[i] {
					i++
				}
				t.Fatalf("decide %v, query %v: differs at byte %d:\nwant %.300q\ngot  %.300q", decide, q, i, w[i:], g[i:])
			}
		}
	}
}
