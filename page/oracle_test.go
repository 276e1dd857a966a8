package page

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/testbed"
)

// The extraction of issue 12 must not change what FromHTML returns. Two
// checks hold it to that:
//
//   - the oracle: oracle_ref_test.go is the extraction as it was before
//     (extract.go and blocks_html.go of commit d33714b, every top-level name
//     prefixed with "ref"), and every HTML page the repository holds, the
//     pages the sample web serves and a set of tricky snippets must come out
//     of both field by field the same (TestExtractMatchesOracle), as must
//     any input the fuzzer makes up (FuzzExtractMatchesOracle);
//   - the record: testdata/extract-golden.tsv holds, for each of those pages,
//     a digest of its input and a digest of the Page the old extraction made
//     of it (TestExtractGolden). It also covers what the oracle shares with
//     the new code (Decode, reply markers, weights). A page whose input
//     changed since is skipped, so other work on the sample web does not
//     break it; -update-extract-golden writes the record afresh.

var updateExtractGolden = flag.Bool("update-extract-golden", false, "rewrite testdata/extract-golden.tsv from the current extraction")

// oraclePage is one input of the equivalence checks.
type oraclePage struct {
	source      string // for messages and the golden record
	url         string
	body        []byte
	contentType string
}

// refFromHTML is FromHTML with the old extraction.
func refFromHTML(pageURL string, body []byte, contentType string) (*Page, error) {
	if len(body) > MaxBodySize {
		return nil, fmt.Errorf("page: parse %s: body of %d bytes: %w (%d bytes)", describeURL(pageURL), len(body), ErrTooLarge, MaxBodySize)
	}
	text, cs, err := Decode(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("page: parse %s: %w", describeURL(pageURL), err)
	}
	p := refExtract(pageURL, text)
	p.Charset = cs
	return p, nil
}

// diffPages describes the first differences between two Pages, field by
// field and block by block; "" when they are equal.
func diffPages(got, want *Page) string {
	var d []string
	add := func(format string, args ...any) {
		if len(d) < 12 {
			d = append(d, fmt.Sprintf(format, args...))
		}
	}
	if got.URL != want.URL {
		add("URL %q, want %q", got.URL, want.URL)
	}
	if got.Title != want.Title {
		add("Title %q, want %q", got.Title, want.Title)
	}
	if got.Text != want.Text {
		i := 0
		for i < len(got.Text) && i < len(want.Text) && got.Text[i] == want.Text[i] {
			i++
		}
		from := max(0, i-40)
		add("Text differs at byte %d: %q…, want %q…", i, clip(got.Text[from:], 120), clip(want.Text[from:], 120))
	}
	if got.Charset != want.Charset {
		add("Charset %q, want %q", got.Charset, want.Charset)
	}
	if got.Source != want.Source || !reflect.DeepEqual(got.Meta, want.Meta) {
		add("Source/Meta %q %v, want %q %v", got.Source, got.Meta, want.Source, want.Meta)
	}
	if len(got.Links) != len(want.Links) {
		add("%d links, want %d", len(got.Links), len(want.Links))
	}
	for i := 0; i < len(got.Links) && i < len(want.Links); i++ {
		if got.Links[i] != want.Links[i] {
			add("link %d %+v, want %+v", i, got.Links[i], want.Links[i])
		}
	}
	if len(got.Forms) != len(want.Forms) {
		add("%d forms, want %d", len(got.Forms), len(want.Forms))
	}
	for i := 0; i < len(got.Forms) && i < len(want.Forms); i++ {
		if !reflect.DeepEqual(got.Forms[i], want.Forms[i]) {
			add("form %d %+v, want %+v", i, got.Forms[i], want.Forms[i])
		}
	}
	if len(got.Blocks) != len(want.Blocks) {
		add("%d blocks, want %d", len(got.Blocks), len(want.Blocks))
	}
	for i := 0; i < len(got.Blocks) && i < len(want.Blocks); i++ {
		if got.Blocks[i] != want.Blocks[i] {
			g, w := got.Blocks[i], want.Blocks[i]
			g.Text, w.Text = clip(g.Text, 80), clip(w.Text, 80)
			add("block %d %+v, want %+v", i, g, w)
		}
	}
	if len(d) == 0 && !reflect.DeepEqual(exported(got), exported(want)) {
		add("pages differ in a field diffPages does not know")
	}
	return strings.Join(d, "\n")
}

// exported is a copy of the Page.
func exported(p *Page) Page {
	return *p
}

func clip(s string, n int) string {
	if len(s) > n {
		s = s[:n]
		for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 {
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
	}
	return s
}

// repoPages reads every HTML page the repository holds: the HTML files of
// page/testdata, testdata and testbed/sites, and the "html" field of every
// JSON Lines record under testdata and testbed/testdata.
func repoPages(t testing.TB) []oraclePage {
	t.Helper()
	var pages []oraclePage
	for _, root := range []string{"testdata", "../testdata", "../testbed"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			switch ext := strings.ToLower(filepath.Ext(path)); ext {
			case ".html", ".htm":
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				u := "http://files.example/" + filepath.ToSlash(path)
				if rel, ok := strings.CutPrefix(filepath.ToSlash(path), "../testbed/sites/"); ok {
					u = "http://" + rel
				}
				pages = append(pages, oraclePage{source: filepath.ToSlash(path), url: u, body: b})
			case ".jsonl":
				recs, err := jsonlHTML(path)
				if err != nil {
					return err
				}
				pages = append(pages, recs...)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("read %s: %v", root, err)
		}
	}
	return pages
}

func jsonlHTML(path string) ([]oraclePage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pages []oraclePage
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, MaxBodySize)
	for line := 1; sc.Scan(); line++ {
		var r struct {
			URL  string `json:"url"`
			HTML string `json:"html"`
		}
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.HTML == "" {
			continue
		}
		pages = append(pages, oraclePage{source: fmt.Sprintf("%s:%d", filepath.ToSlash(path), line), url: r.URL, body: []byte(r.HTML),
			contentType: "text/html; charset=utf-8"})
	}
	return pages, sc.Err()
}

// sampleWebPages fetches the pages the sample web serves (testbed, on
// 127.0.0.1): every page Expected names and every page linked from them on
// the same hosts, up to a bound, except the hostile pages that stall, loop
// or stream without end (their bounds are tested in crawler).
func sampleWebPages(t testing.TB) []oraclePage {
	t.Helper()
	web, err := testbed.Start(testbed.Options{BigSitePages: 40, SlowDelay: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	client := &http.Client{
		Timeout: 20 * time.Second,
		Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, web.Addr())
		}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	hosts := map[string]bool{}
	var queue []string
	for _, h := range web.Hosts() {
		hosts[h] = true
		queue = append(queue, "http://"+h+"/")
	}
	exp := web.Expected()
	for u := range exp.Flagged {
		queue = append(queue, u)
	}
	queue = append(queue, exp.NotFlagged...)
	queue = append(queue, exp.RobotsDenied...)
	sort.Strings(queue[len(web.Hosts()):])
	skip := map[string]bool{"/slow": true, "/huge": true, "/loop": true, "/bomb": true}
	seen := map[string]bool{}
	var pages []oraclePage
	const maxPages = 600
	for len(queue) > 0 && len(pages) < maxPages {
		raw := queue[0]
		queue = queue[1:]
		u, err := url.Parse(raw)
		// The sample web serves plain HTTP only (yjj.demo.gov.cn links to
		// https://cx.mem.gov.cn/, which the sample web also serves).
		if err != nil || !hosts[u.Host] || u.Scheme != "http" || (u.Host == testbed.HostHostile && skip[u.Path]) {
			continue
		}
		u.Fragment = ""
		raw = u.String()
		if seen[raw] {
			continue
		}
		seen[raw] = true
		resp, err := client.Get(raw)
		if err != nil {
			t.Fatalf("fetch %s: %v", raw, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodySize+1))
		resp.Body.Close()
		if err != nil {
			t.Fatalf("read %s: %v", raw, err)
		}
		ct := resp.Header.Get("Content-Type")
		if resp.StatusCode != http.StatusOK || !strings.Contains(ct, "html") {
			continue
		}
		pages = append(pages, oraclePage{source: raw, url: raw, body: body, contentType: ct})
		p, err := FromHTML(raw, body, ct)
		if err != nil {
			continue
		}
		for _, l := range p.Links {
			queue = append(queue, l.URL)
		}
	}
	if len(pages) < 50 {
		t.Fatalf("only %d pages fetched from the sample web", len(pages))
	}
	return pages
}

// trickyPages are snippets at the edges of the tokenizer and the block
// heuristics: the fuzz seeds, the benchmark pages, unclosed and raw-text
// elements, entities, NUL bytes, comments and doctypes.
func trickyPages() []oraclePage {
	snippets := []string{
		tableQueryPage,
		`<title>办证<script>x</script></title><form><table><tr><td>证件号码<td><input name=a>`,
		`<base href="//b.example/"><a href=" x ">y<img alt=z></a><select><option>甲`,
		"<p>\xff\xfe\xb0\xec<textarea>a</textarea><template><p>x</template>",
		strings.Repeat("<div><b>", 300) + "深",
		`<p <b>>甲</i></p></p></div><a href="x>乙<td>丙</tr></table></form></select>`,
		`<title>办证<script>alert(1)</script></title><p>正文</p>`,
		`<title>甲</title><title>乙</title>`,
		`<a href="/x?a=1&amp;b=2&copy=3&lang=zh&not;x">&lt;甲&gt;&nbsp;&amp&copy2&#x4e2d;&#20013;&#0;&#x110000;&#128;</a>`,
		"<p>a\x00b<script>\x00</script><textarea>c\x00&amp;d</textarea><title>t\x00&amp;</title>",
		"<p>a\r\nb\rc</p><a href='x\r\ny' title=\"t\r\n\">\r\n</a>",
		`<!DOCTYPE html><!-- c --><!--> x<!---> y<!-- a --!> z<!-- b --!x --> w<?xml x?></ a></><p>t</p>`,
		`<script><!--<script>x</script>--></script>甲<script><!-- </script> 乙`,
		`<style>p{}</style ><noscript><p>no</p></noscript><iframe><p>i</p></iframe><xmp><b>x</b></xmp>`,
		`<div class="post" id=p1>楼主 发表于 2024</div><div class="post" id=p2>2楼 回复：</div><div class=item><span class=price>¥1</span></div><div class=item><span class=title>x</span></div>`,
		`<p a=/>x</p><p a="x"/>y<br/><div/>z<svg><g/><title>s</title></svg><img src=x alt="图 片" title=t/>`,
		`<form action=/q method=post><label for=n>姓名</label><input id=n name=n><label>证号<input name=c></label><select name=s><optgroup><option label=L>甲<option>乙</select><button>查询</button></form><input name=orphan aria-label=孤>`,
		`<meta name=description content="  描述 文字 "><meta name="Description" content=second><p>正文`,
		`<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl><table><tr><td>1<td>2<tr><th>3</table>`,
		`<div class="nav menu"><a href=/1>首页</a><a href=/2>新闻</a></div><div class=content side>正文很长</div><footer>版权所有 ICP备</footer>`,
		`<plaintext><p>everything</p>`,
		`<a href=x>unclosed <b>tag`,
		`text <`, `text </`, `text </x`, `<!`, `<!-`, `<!DOC`, `<!DOCTYPE`, `<a href="x`, `<a href=x `, `<p>a<`, `<<p>>`,
		`<DIV CLASS="Post" ID=X><A HREF=/y>Y</A></DIV>`,
		`<div class=a class=post id=x id=y role=main role=nav>q</div><a href=1 href=2>l</a>`,
		`<p a=1 a=/>x</p><p b b=/>y</p>`,
		`<textarea name=t>a &lt; b</textarea><xmp>&lt;</xmp><title>&amp;</title>`,
		`<scr` + "\x00" + `ipt>x</script><ti` + "\x00" + `tle>t</title>`,
		"<div\x00 class=\"nav\">x</div><a hr\x00ef=x>y</a>",
		strings.Repeat("<p>", 40000) + "p",
		strings.Repeat("</div>", 1000) + "x",
		`<script>a</SCRIPT >b</script><style>c</STYLE/>d`,
		`<script><!--<script></script x></script>e`,
		`<script><!--<script>--></script>f`,
		`<script><!-- -- -></script>g`,
		`<img alt=" 甲 " title=乙><img title=" 丙 "><area href=/a alt=区><area href=/b title=域>`,
		`<a title=提示 href=/t><img alt=" "></a><a href=/u><img alt=图></a>`,
		`<input type=image alt=搜索><input type=hidden name=h value=v><button type=RESET> 清 空 </button>`,
	}
	var pages []oraclePage
	for i, s := range snippets {
		pages = append(pages, oraclePage{source: fmt.Sprintf("snippet %d", i), url: "http://a.example/d/p.html", body: []byte(s)})
	}
	pages = append(pages, oraclePage{source: "benchPage", url: "http://a.example/", body: benchPage()})
	pages = append(pages, oraclePage{source: "hostile 1MiB", url: "http://a.example/",
		body: []byte(strings.Repeat("<div><a href=x><label><select><option>", (1<<20)/40))})
	return pages
}

// allOraclePages is every input of the equivalence checks.
func allOraclePages(t testing.TB) []oraclePage {
	pages := repoPages(t)
	pages = append(pages, sampleWebPages(t)...)
	return append(pages, trickyPages()...)
}

func TestExtractMatchesOracle(t *testing.T) {
	pages := allOraclePages(t)
	fromRepo := 0
	for _, p := range pages {
		if !strings.HasPrefix(p.source, "http") && !strings.HasPrefix(p.source, "snippet") {
			fromRepo++
		}
		got, gerr := FromHTML(p.url, p.body, p.contentType)
		want, werr := refFromHTML(p.url, p.body, p.contentType)
		if (gerr == nil) != (werr == nil) {
			t.Errorf("%s: error %v, want %v", p.source, gerr, werr)
			continue
		}
		if gerr != nil {
			continue
		}
		if d := diffPages(got, want); d != "" {
			t.Errorf("%s: the extraction changed:\n%s", p.source, d)
		}
	}
	if fromRepo < 300 {
		t.Errorf("only %d pages of the repository read", fromRepo)
	}
	t.Logf("%d pages compared (%d from the repository's files)", len(pages), fromRepo)
}

// digest is a short hex SHA-256.
func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:12])
}

func pageDigest(t testing.TB, p *Page) string {
	b, err := json.Marshal(exported(p))
	if err != nil {
		t.Fatal(err)
	}
	return digest(b)
}

const extractGoldenFile = "testdata/extract-golden.tsv"

func TestExtractGolden(t *testing.T) {
	pages := allOraclePages(t)
	if *updateExtractGolden {
		var b bytes.Buffer
		b.WriteString("# input digest\toutput digest\tsource (see oracle_test.go; go test -run TestExtractGolden -update-extract-golden rewrites it)\n")
		seen := map[string]bool{}
		for _, p := range pages {
			got, err := FromHTML(p.url, p.body, p.contentType)
			if err != nil {
				continue
			}
			in := digest([]byte(p.url + "\x00" + p.contentType + "\x00" + string(p.body)))
			if seen[in] {
				continue
			}
			seen[in] = true
			fmt.Fprintf(&b, "%s\t%s\t%s\n", in, pageDigest(t, got), p.source)
		}
		if err := os.WriteFile(extractGoldenFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(extractGoldenFile)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", extractGoldenFile, i+1, len(f))
		}
		want[f[0]] = f[1]
	}
	checked := 0
	for _, p := range pages {
		in := digest([]byte(p.url + "\x00" + p.contentType + "\x00" + string(p.body)))
		w, ok := want[in]
		if !ok {
			continue // a page added or changed since the record
		}
		got, err := FromHTML(p.url, p.body, p.contentType)
		if err != nil {
			t.Errorf("%s: %v", p.source, err)
			continue
		}
		if g := pageDigest(t, got); g != w {
			t.Errorf("%s: output digest %s, recorded %s: the extraction changed", p.source, g, w)
		}
		checked++
	}
	if checked < len(want)/2 {
		t.Errorf("only %d of %d recorded pages found: is the record stale?", checked, len(want))
	}
	t.Logf("%d pages checked against the record", checked)
}

// FuzzExtractMatchesOracle: whatever the document, the extraction gives
// the Page the old one gave.
func FuzzExtractMatchesOracle(f *testing.F) {
	for _, p := range trickyPages() {
		if len(p.body) < 4096 {
			f.Add(string(p.body))
		}
	}
	for _, name := range []string{"forum.html", "market.html", "news.html", "qa.html", "results.html", "notice.html"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "blocks", name)); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, doc string) {
		doc = strings.ToValidUTF8(doc, "\uFFFD") // as Decode leaves it
		got := extract("http://a.example/d/p.html", doc)
		want := refExtract("http://a.example/d/p.html", doc)
		if d := diffPages(got, want); d != "" {
			t.Fatalf("the extraction changed on %q:\n%s", doc, d)
		}
	})
}
