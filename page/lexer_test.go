package page

import (
	"bytes"
	"github.com/certwatch/certwatch/internal/racemode"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// lexerToken is what the extractor can learn of one token, from either
// tokenizer.
type lexerToken struct {
	typ   html.TokenType
	raw   string // the token's bytes in the input
	text  string // a text token's text
	name  string // a tag's name
	attrs []html.Attribute
}

// referenceTokens tokenizes doc with golang.org/x/net/html.
func referenceTokens(doc string) []lexerToken {
	var out []lexerToken
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		t := lexerToken{typ: tt, raw: string(z.Raw())}
		switch tt {
		case html.TextToken:
			t.text = string(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, more := z.TagName()
			t.name = string(name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				t.attrs = append(t.attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
		}
		out = append(out, t)
	}
}

// lexerTokens tokenizes doc with the lexer; attributes are every
// attribute it sees, duplicates dropped as the tokenizer drops them.
func lexerTokens(doc string) []lexerToken {
	var out []lexerToken
	z := &lexer{s: doc}
	var attrs []html.Attribute
	z.allAttrs = func(ks, ke, vs, ve int, quote byte) {
		key := string(bytes.ReplaceAll(lowerASCII([]byte(doc[ks:ke])), []byte{0}, []byte("\uFFFD")))
		for _, a := range attrs {
			if a.Key == key {
				return
			}
		}
		attrs = append(attrs, html.Attribute{Key: key, Val: z.attrValue(vs, ve, quote)})
	}
	for {
		attrs = nil
		tt := z.next()
		if tt == tokError {
			return out
		}
		t := lexerToken{typ: html.TokenType(tt), raw: doc[z.rawStart:z.pos]}
		switch tt {
		case tokText:
			t.text = z.text()
		case tokStartTag, tokSelfClosingTag, tokEndTag:
			name := doc[z.dataStart:z.dataEnd]
			t.name = string(lowerASCII(bytes.ReplaceAll([]byte(name), []byte{0}, []byte("\uFFFD"))))
			t.attrs = attrs
		}
		out = append(out, t)
	}
}

func lowerASCII(b []byte) []byte {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

// checkLexer compares the lexer with the tokenizer on doc, and each known
// attribute's lookup with the tokenizer's first occurrence.
func checkLexer(t *testing.T, doc string) {
	t.Helper()
	want := referenceTokens(doc)
	got := lexerTokens(doc)
	for i := 0; i < len(want) || i < len(got); i++ {
		if i >= len(got) || i >= len(want) {
			t.Fatalf("on %q: %d tokens, want %d (first extra %v)", doc, len(got), len(want), append(got[min(i, len(got)):], want[min(i, len(want)):]...)[0])
		}
		g, w := got[i], want[i]
		if g.typ != w.typ || g.raw != w.raw || g.text != w.text || g.name != w.name || !equalAttrs(g.attrs, w.attrs) {
			t.Fatalf("on %q, token %d:\n got %+v\nwant %+v", doc, i, g, w)
		}
	}
	// Known keys through attr().
	z := &lexer{s: doc}
	i := 0
	for tt := z.next(); tt != tokError; tt = z.next() {
		w := want[i]
		i++
		if tt != tokStartTag && tt != tokSelfClosingTag {
			continue
		}
		for k := attrKey(0); k < numAttrKeys; k++ {
			gv, gok := z.attr(k)
			var wv string
			wok := false
			for _, a := range w.attrs {
				if a.Key == attrKeyNames[k] {
					wv, wok = a.Val, true
					break
				}
			}
			if gv != wv || gok != wok {
				t.Fatalf("on %q, token %d: attr %s = %q %v, want %q %v", doc, i-1, attrKeyNames[k], gv, gok, wv, wok)
			}
		}
	}
}

func equalAttrs(a, b []html.Attribute) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var lexerSeeds = []string{
	"", "<", "a<", "<a", "<a>", "</", "</>", "</a", "</a>", "</ a>", "<!", "<!-", "<!--", "<!-->", "<!--->", "<!---->",
	"<!-- a --!>b", "<!-- a --!", "<!-- a --!x -->c", "<!--a--", "<!DOCTYPE", "<!doctype html>", "<!DOCTYPE", "<!DOC", "<!x>y", "<?x>y", "<?",
	"<a b>", "<a b=>", "<a b= >", "<a b=c>", "<a b='c'>", `<a b="c">`, `<a b="c`, "<a b=c", "<a =b>", "<a ==b>", "<a b==c>",
	"<a/>", "<a />", "<a b/>", "<a b=/>", "<a b=c/>", "<a b='c'/>", "<a b=1 b=/>", "<a b=1 B=/>", "<a b c=/>", "<a/b/c>",
	"<A HREF=X>", "<a hr\x00ef=x>", "<a\x00b>", "<a b=\"x\r\ny\rz\x00\">",
	"<p>a\r\nb\rc\r\r\nd</p>", "a&amp;b&lt&gt;&nbsp&copy2&#x4e2d;&#20013;&#0;&#x110000;&#128;&notin;&notit;&ampx",
	`<a href="/x?a=1&amp;b=2&copy=3&lang=zh&not;x&notin;&notit&ampx&amp">`, "<a href=&amp=>", "<a href='&#x41'>",
	"<script>a</script>b", "<script>a</SCRIPT >b", "<script>a</scripty></script>", "<script><!--<script>x</script>--></script>c",
	"<script><!--<script></script x></script>e", "<script><!-- -- -></script>g", "<script><!--<script>", "<script></scr", "<script></script",
	"<script/>x</script>y", "<script></script>", "<script>\x00\r\n</script>",
	"<style>a</style>b", "<style>a</STYLE/>d", "<textarea>a &lt; b\x00</textarea>", "<title>&amp;\r\n</title>", "<title></title>",
	"<xmp>&lt;</xmp>", "<noscript><p>x</p></noscript>", "<iframe><p>i</iframe >", "<noembed>a</noembed", "<noframes>",
	"<plaintext><p>everything</p>", "<plaintext>", "<scr\x00ipt>x</script>", "<TITLE>a</title>", "<Script>a</sCrIpT>",
	"a < b > c", "a <1 b", "<<p>>", "<p <b>>x", "<p\t\n\f\rclass=a\tid=b>",
	"text </x", "<a b='c'd='e'>", "<a b=\"c\"d>", "<a b c d>", "<img alt=\"a\" ALT='b'>",
}

func TestLexerMatchesTokenizer(t *testing.T) {
	if racemode.Enabled {
		t.Skip("single-goroutine comparison over large inputs: make test runs it without -race (NORACE_TESTS)")
	}
	for _, doc := range lexerSeeds {
		checkLexer(t, doc)
	}
	for _, p := range trickyPages() {
		checkLexer(t, strings.ToValidUTF8(string(p.body), "\uFFFD"))
	}
	// A value longer than the unescaper keeps its buffers for, then short
	// ones again.
	checkLexer(t, `<a href="`+strings.Repeat("&amp;x\r\n", 20000)+`">a</a><a href='&lt;&copy=1'>b</a><a title=&quot;>c</a>`)
	files, _ := filepath.Glob("testdata/*/*.html")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkLexer(t, string(b))
	}
}

func FuzzLexerMatchesTokenizer(f *testing.F) {
	for _, doc := range lexerSeeds {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		checkLexer(t, doc)
	})
}

// referencePrescanMeta is prescanMeta as it was, on the tokenizer of
// golang.org/x/net/html.
func referencePrescanMeta(body []byte) *encodingChoice {
	if len(body) > prescanLen {
		body = body[:prescanLen]
	}
	if !bytes.Contains(bytes.ToLower(body), []byte("charset")) {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var declared, httpEquiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					declared = string(v)
				case "http-equiv":
					httpEquiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if declared == "" && strings.EqualFold(strings.TrimSpace(httpEquiv), "content-type") {
				declared = charsetParam(content)
			}
			if declared != "" {
				if choice := lookupLabel(declared); choice != nil {
					return choice
				}
			}
		}
	}
}

func checkPrescan(t *testing.T, body []byte) {
	t.Helper()
	got, want := prescanMeta(body), referencePrescanMeta(body)
	if (got == nil) != (want == nil) || (got != nil && (got.name != want.name || (got.enc == nil) != (want.enc == nil))) {
		t.Fatalf("prescanMeta(%q) = %+v, want %+v", body, got, want)
	}
}

var prescanSeeds = []string{
	`<meta charset=gbk>`, `<META CHARSET="Big5">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`,
	`<meta content="text/html; charset=utf-8" http-equiv=content-type>`, `<meta charset=nope><meta charset=gbk>`,
	`<title><meta charset=gbk></title><meta charset=big5>`, `<script>"<meta charset=gbk>"</script>`, `<!-- <meta charset=gbk> -->`,
	"<meta chars\x00et=gbk>", `<meta charset="utf-16le">`, `<meta charset=gbk charset=big5>`, `<p>CHARSET</p>`, "<meta charset=\xb0\xec>",
	strings.Repeat("x", 1020) + `<meta charset=gbk>`, `<meta http-equiv=Content-Type content='charset="big5"'>`, `<meta charset=&#103;bk>`,
}

func TestPrescanMatchesTokenizer(t *testing.T) {
	for _, s := range prescanSeeds {
		checkPrescan(t, []byte(s))
	}
	files, _ := filepath.Glob("testdata/*/*.html")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkPrescan(t, b)
	}
}

func FuzzPrescanMatchesTokenizer(f *testing.F) {
	for _, s := range prescanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkPrescan(t, body)
	})
}
