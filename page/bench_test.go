package page

import (
	"strings"
	"testing"
)

// A typical page: a few hundred KB of nested layout, links and a form.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>证书查询</title><script>var x = 1;</script></head><body>`)
	for i := 0; i < 2000; i++ {
		b.WriteString(`<div class="item"><a href="/p/`)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(`.html">特种作业操作证办理</a><p>安全生产考核合格证，<b>快速</b>拿证，联系电话 13800000000。</p></div>`)
	}
	b.WriteString(tableQueryPage)
	b.WriteString(`</body></html>`)
	return []byte(b.String())
}

func BenchmarkFromHTML(b *testing.B) {
	body := benchPage()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := FromHTML("http://a.example/", body, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// Hostile markup of the largest accepted size: deep nesting, no text.
func BenchmarkFromHTMLHostile(b *testing.B) {
	body := []byte(strings.Repeat("<div><a href=x><label><select><option>", MaxBodySize/40))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := FromHTML("http://a.example/", body, ""); err != nil {
			b.Fatal(err)
		}
	}
}
