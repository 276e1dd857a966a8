package page

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// readAll runs Read and returns what it handed to fn.
func readAll(t *testing.T, path string, stdin io.Reader) []Item {
	t.Helper()
	var items []Item
	err := Read(context.Background(), path, stdin, func(it Item) error { items = append(items, it); return nil })
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	for i, it := range items {
		if (it.Page == nil) == (it.Err == nil) {
			t.Fatalf("item %d has both or neither of Page and Err: %+v", i, it)
		}
		if it.Err != nil {
			var ie *InputError
			if !errors.As(it.Err, &ie) {
				t.Errorf("item %d: error %v is not an *InputError", i, it.Err)
			}
		}
	}
	return items
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// want describes an expected Item: a page with this URL, or an error whose
// message contains errPart.
type want struct {
	url     string
	errPart string
}

func checkItems(t *testing.T, got []Item, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for i, it := range got {
			if it.Page != nil {
				t.Logf("item %d: page %q from %s", i, it.Page.URL, it.Page.Source)
			} else {
				t.Logf("item %d: error %v", i, it.Err)
			}
		}
		t.Fatalf("got %d items, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		it := got[i]
		switch {
		case w.errPart != "":
			if it.Err == nil || !strings.Contains(it.Err.Error(), w.errPart) {
				t.Errorf("item %d = %+v, want an error containing %q", i, it, w.errPart)
			}
		case it.Page == nil:
			t.Errorf("item %d: error %v, want page %q", i, it.Err, w.url)
		case it.Page.URL != w.url:
			t.Errorf("item %d: page %q, want %q", i, it.Page.URL, w.url)
		}
	}
}

const jsonlInput = `{"url":"http://a.example/1","html":"<title>一</title><p>甲</p>","label":"positive","id":"a1","score":3,"tags":["x"]}
{"url": "http://a.example/broken", "html": "<p>

{"url":"http://a.example/2","text":"纯文本 证书","id":"a2"}
{"url":"http://a.example/3","note":"neither"}
{"url":"http://a.example/4","html":"<p>网页</p>","text":"文本"}
["not", "an", "object"]
{"url":5,"text":"x"}
{"url":"http://a.example/6","html":"<meta charset=gbk><p>证书</p>"}
`

func TestReadJSONL(t *testing.T) {
	path := writeFile(t, "pages.jsonl", []byte(jsonlInput))
	items := readAll(t, path, nil)
	checkItems(t, items, []want{
		{url: "http://a.example/1"},
		{errPart: "pages.jsonl:2: invalid JSON"},
		{url: "http://a.example/2"},
		{errPart: `pages.jsonl:5: record has neither "html" nor "text"`},
		{url: "http://a.example/4"},
		{errPart: "pages.jsonl:7: record is not a JSON object"},
		{errPart: `pages.jsonl:8: field "url" is not a string`},
		{url: "http://a.example/6"},
	})
	first := items[0].Page
	if first.Title != "一" || first.Text != "甲" || first.Source != path+":1" {
		t.Errorf("first page = %+v", first)
	}
	if first.Meta["label"] != "positive" || first.Meta["id"] != "a1" || first.Meta["score"] != "3" || len(first.Meta) != 3 {
		t.Errorf("Meta = %v", first.Meta)
	}
	if p := items[2].Page; p.Text != "纯文本 证书" || p.Meta["id"] != "a2" || p.Source != path+":4" {
		t.Errorf("text page = %+v", p)
	}
	if p := items[4].Page; p.Text != "网页" {
		t.Errorf("html should win over text: %q", p.Text)
	}
	if p := items[7].Page; p.Text != "证书" || p.Charset != "utf-8" {
		t.Errorf("a JSON string is Unicode whatever its meta says: %+v", p)
	}
}

func TestReadJSONLLongLinesAndGzip(t *testing.T) {
	long := strings.Repeat("证书办理 ", 40000) // ~520 KB, far over bufio.Scanner's default
	input := `{"url":"http://a.example/long","html":"<p>` + long + `</p>"}` + "\r\n" +
		`{"url":"http://a.example/after","text":"后"}`
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"pages.jsonl", []byte(input)},
		{"pages.ndjson.gz", gzipBytes(t, []byte(input))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := readAll(t, writeFile(t, tc.name, tc.data), nil)
			checkItems(t, items, []want{{url: "http://a.example/long"}, {url: "http://a.example/after"}})
			if got := len(items[0].Page.Text); got != len(strings.TrimSpace(long)) {
				t.Errorf("long page text is %d bytes", got)
			}
		})
	}
}

func TestReadStdin(t *testing.T) {
	stdin := strings.NewReader("\n{\"url\":\"http://a.example/s\",\"text\":\"标准输入\"}\n{bad\n")
	items := readAll(t, "-", stdin)
	checkItems(t, items, []want{{url: "http://a.example/s"}, {errPart: "stdin:3: invalid JSON"}})
	if items[0].Page.Source != "stdin:2" {
		t.Errorf("Source = %q", items[0].Page.Source)
	}
}

func TestReadFiles(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("安全生产考核合格证书，不用考试，快速拿证。"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"a.html":      []byte("<title>标题</title><p>网页</p>"),
		"b.txt":       gbk,
		"c.dat":       []byte("  <!DOCTYPE html><p>嗅探网页</p>"),
		"d":           []byte("只是文字 <不是标签"),
		"e.unknown":   []byte(`{"url":"http://a.example/e","text":"行"}`),
		"f.htm.gz":    gzipBytes(t, []byte("<p>压缩网页</p>")),
		"g.fragment":  []byte("<span>片段</span>"),
		"unreadable/": nil,
	}
	for name, data := range files {
		if strings.HasSuffix(name, "/") {
			if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, text, charset, title string
	}{
		{"a.html", "网页", "utf-8", "标题"},
		{"b.txt", "安全生产考核合格证书，不用考试，快速拿证。", "gb18030", ""},
		{"c.dat", "嗅探网页", "utf-8", ""},
		{"d", "只是文字 <不是标签", "utf-8", ""},
		{"f.htm.gz", "压缩网页", "utf-8", ""},
		{"g.fragment", "片段", "utf-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			items := readAll(t, path, nil)
			if len(items) != 1 || items[0].Page == nil {
				t.Fatalf("items = %+v", items)
			}
			p := items[0].Page
			abs, _ := filepath.Abs(path)
			if p.URL != "file://"+abs || p.Source != path || p.Text != tt.text || p.Charset != tt.charset || p.Title != tt.title {
				t.Errorf("page = %+v", p)
			}
		})
	}
	t.Run("sniffed JSON Lines", func(t *testing.T) {
		checkItems(t, readAll(t, filepath.Join(dir, "e.unknown"), nil), []want{{url: "http://a.example/e"}})
	})
	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(dir, "missing.html")
		items := readAll(t, path, nil)
		checkItems(t, items, []want{{errPart: path + ": open: no such file"}})
		if !errors.Is(items[0].Err, fs.ErrNotExist) {
			t.Errorf("error %v is not fs.ErrNotExist", items[0].Err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		checkItems(t, readAll(t, filepath.Join(dir, "unreadable"), nil), []want{{errPart: "is a directory"}})
	})
	t.Run("too large is cut at the limit", func(t *testing.T) {
		// The padding is one long comment: cheap to tokenize, even with -race.
		big := writeFile(t, "big.html", []byte("<title>办证</title><!--"+strings.Repeat("x", MaxBodySize)))
		items := readAll(t, big, nil)
		if len(items) != 1 || items[0].Err != nil {
			t.Fatalf("items %+v", items)
		}
		p, cut := items[0].Page, items[0].Cut
		if p.Title != "办证" || cut == nil || cut.ScannedBytes != MaxBodySize || cut.TotalBytes != int64(len("<title>办证</title><!--")+MaxBodySize) {
			t.Errorf("page: title %q cut %+v", p.Title, cut)
		}
	})
}

func TestReadStopsOnCallbackErrorAndCancel(t *testing.T) {
	path := writeFile(t, "pages.jsonl", []byte(jsonlInput))
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), path, nil, func(Item) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("Read = %v after %d items, want the callback's error after 1", err, n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Read(ctx, path, nil, func(Item) error { n++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("Read = %v after %d items, want context.Canceled after 1", err, n)
	}
}

// WARC fixtures, built with the library that reads them.

const (
	gbkPageText  = "特种作业操作证办理，不用考试"
	utf8PageText = "安全生产考核合格证书查询"
)

func buildRecord(t testing.TB, typ gowarc.RecordType, target, contentType, block string) gowarc.WarcRecord {
	t.Helper()
	b := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingDigest(true))
	if target != "" {
		b.AddWarcHeader(gowarc.WarcTargetURI, target)
	}
	b.AddWarcHeader(gowarc.WarcDate, "2025-03-01T08:00:00Z")
	b.AddWarcHeader(gowarc.ContentType, contentType)
	if _, err := b.WriteString(block); err != nil {
		t.Fatal(err)
	}
	rec, _, err := b.Build()
	if err != nil {
		t.Fatalf("build %v record: %v", typ, err)
	}
	return rec
}

// testRecords are: warcinfo, an HTML response in GBK, a request, an image
// response, a chunked UTF-8 HTML response, a text/plain resource.
func testRecords(t testing.TB) []gowarc.WarcRecord {
	gbkHTML, err := simplifiedchinese.GBK.NewEncoder().String("<title>办证</title><p>" + gbkPageText + "</p>")
	if err != nil {
		t.Fatal(err)
	}
	chunked := "<p>" + utf8PageText + "</p>"
	chunkedBody := strconv.FormatInt(int64(len(chunked[:10])), 16) + "\r\n" + chunked[:10] + "\r\n" +
		strconv.FormatInt(int64(len(chunked[10:])), 16) + "\r\n" + chunked[10:] + "\r\n0\r\n\r\n"
	return []gowarc.WarcRecord{
		buildRecord(t, gowarc.Warcinfo, "", "application/warc-fields", "software: certwatch-test\r\nformat: WARC File Format 1.1\r\n"),
		buildRecord(t, gowarc.Response, "http://fake.example/gbk.html", "application/http;msgtype=response",
			"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\nContent-Length: "+itoa(len(gbkHTML))+"\r\n\r\n"+gbkHTML),
		buildRecord(t, gowarc.Request, "http://fake.example/chunked.html", "application/http;msgtype=request",
			"GET /chunked.html HTTP/1.1\r\nHost: fake.example\r\n\r\n"),
		buildRecord(t, gowarc.Response, "http://fake.example/logo.png", "application/http;msgtype=response",
			"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n"),
		buildRecord(t, gowarc.Response, "http://fake.example/chunked.html", "application/http;msgtype=response",
			"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nBad header line\r\n\r\n"+chunkedBody),
		buildRecord(t, gowarc.Resource, "http://fake.example/note.txt", "text/plain; charset=utf-8", "资源记录"),
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// marshalRecords writes records as a WARC file: each record its own gzip
// member when gz, plain otherwise. It returns the file and where each record
// starts in it.
func marshalRecords(t testing.TB, recs []gowarc.WarcRecord, gz bool) ([]byte, []int) {
	t.Helper()
	var out bytes.Buffer
	var offsets []int
	m := gowarc.NewMarshaler()
	for _, rec := range recs {
		offsets = append(offsets, out.Len())
		if !gz {
			if _, _, err := m.Marshal(&out, rec, 0); err != nil {
				t.Fatal(err)
			}
			continue
		}
		zw := gzip.NewWriter(&out)
		if _, _, err := m.Marshal(zw, rec, 0); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes(), offsets
}

var wantWARCPages = []want{
	{url: "http://fake.example/gbk.html"},
	{url: "http://fake.example/chunked.html"},
	{url: "http://fake.example/note.txt"},
}

func checkWARCPages(t *testing.T, items []Item, name string, offsets []int) {
	t.Helper()
	checkItems(t, items, wantWARCPages)
	gbkPage, chunkedPage, notePage := items[0].Page, items[1].Page, items[2].Page
	if gbkPage.Title != "办证" || gbkPage.Text != gbkPageText || gbkPage.Charset != "gbk" {
		t.Errorf("GBK page = %+v", gbkPage)
	}
	if want := name + "#record 2 (offset " + itoa(offsets[1]) + ")"; gbkPage.Source != want {
		t.Errorf("Source = %q, want %q", gbkPage.Source, want)
	}
	if gbkPage.Meta["http-status"] != "200" || gbkPage.Meta["warc-date"] == "" || gbkPage.Meta["warc-record-id"] == "" {
		t.Errorf("Meta = %v", gbkPage.Meta)
	}
	if chunkedPage.Text != utf8PageText || chunkedPage.Meta["http-status"] != "404" {
		t.Errorf("chunked page = %+v", chunkedPage)
	}
	if want := name + "#record 5 (offset " + itoa(offsets[4]) + ")"; chunkedPage.Source != want {
		t.Errorf("Source = %q, want %q", chunkedPage.Source, want)
	}
	if notePage.Text != "资源记录" || notePage.Title != "" {
		t.Errorf("resource page = %+v", notePage)
	}
}

func TestReadWARC(t *testing.T) {
	for _, gz := range []bool{true, false} {
		name := "crawl.warc"
		if gz {
			name += ".gz"
		}
		t.Run(name, func(t *testing.T) {
			data, offsets := marshalRecords(t, testRecords(t), gz)
			path := writeFile(t, name, data)
			checkWARCPages(t, readAll(t, path, nil), path, offsets)
		})
	}
	t.Run("whole file gzipped", func(t *testing.T) {
		data, _ := marshalRecords(t, testRecords(t), false)
		path := writeFile(t, "whole.warc.gz", gzipBytes(t, data))
		items := readAll(t, path, nil)
		checkItems(t, items, wantWARCPages)
		if src := items[1].Page.Source; !strings.Contains(src, "#record 5 (offset 0, +") {
			t.Errorf("Source = %q", src)
		}
	})
	t.Run("sniffed without extension", func(t *testing.T) {
		data, _ := marshalRecords(t, testRecords(t), true)
		checkItems(t, readAll(t, writeFile(t, "crawl-data", data), nil), wantWARCPages)
	})
}

func TestReadBrokenWARC(t *testing.T) {
	recs := testRecords(t)

	t.Run("garbled record in a plain file", func(t *testing.T) {
		data, offsets := marshalRecords(t, recs, false)
		// Garble the start of record 2 (the GBK page): the reader skips to
		// the next record, says so, and goes on.
		copy(data[offsets[1]:], "XXXX/1.1")
		path := writeFile(t, "garbled.warc", data)
		checkItems(t, readAll(t, path, nil), []want{
			{errPart: path + "#record 2 (offset " + itoa(offsets[2]) + "): " + itoa(offsets[2]-offsets[1]) + " bytes before this record are not WARC data"},
			{url: "http://fake.example/chunked.html"},
			{url: "http://fake.example/note.txt"},
		})
	})
	t.Run("malformed header", func(t *testing.T) {
		data, offsets := marshalRecords(t, recs, false)
		// A Content-Length that is not a number.
		i := bytes.Index(data[offsets[1]:], []byte("Content-Length: ")) + offsets[1]
		copy(data[i:], "Content-Length: x")
		path := writeFile(t, "badlength.warc", data)
		items := readAll(t, path, nil)
		if len(items) == 0 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "#record 2 (offset "+itoa(offsets[1])+")") {
			t.Fatalf("items = %+v", items)
		}
		if last := items[len(items)-1]; last.Page == nil || last.Page.URL != "http://fake.example/note.txt" {
			t.Errorf("reading did not go on: last item %+v", last)
		}
	})
	t.Run("truncated plain file", func(t *testing.T) {
		data, offsets := marshalRecords(t, recs, false)
		path := writeFile(t, "truncated.warc", data[:len(data)-5])
		items := readAll(t, path, nil)
		checkItems(t, items, []want{
			{url: "http://fake.example/gbk.html"},
			{url: "http://fake.example/chunked.html"},
			{errPart: path + "#record 6 (offset " + itoa(offsets[5]) + "): truncated record"},
		})
	})
	t.Run("truncated gzip file", func(t *testing.T) {
		data, offsets := marshalRecords(t, recs, true)
		path := writeFile(t, "truncated.warc.gz", data[:offsets[5]+20])
		checkItems(t, readAll(t, path, nil), []want{
			{url: "http://fake.example/gbk.html"},
			{url: "http://fake.example/chunked.html"},
			{errPart: path + "#record 6 (offset " + itoa(offsets[5]) + "): truncated gzip member"},
		})
	})
	t.Run("corrupt gzip member", func(t *testing.T) {
		data, offsets := marshalRecords(t, recs, true)
		// Overwrite compressed bytes in the middle of member 2.
		mid := (offsets[1] + offsets[2]) / 2
		for i := mid; i < mid+16; i++ {
			data[i] ^= 0x5A
		}
		path := writeFile(t, "corrupt.warc.gz", data)
		checkItems(t, readAll(t, path, nil), []want{
			{errPart: path + "#record 2 (offset " + itoa(offsets[1]) + "): "},
			{url: "http://fake.example/chunked.html"},
			{url: "http://fake.example/note.txt"},
		})
	})
	t.Run("garbage between gzip members", func(t *testing.T) {
		data, offsets := marshalRecords(t, recs, true)
		garbage := []byte("not gzip at all")
		data = append(data[:offsets[3]:offsets[3]], append(garbage, data[offsets[3]:]...)...)
		path := writeFile(t, "garbage.warc.gz", data)
		checkItems(t, readAll(t, path, nil), []want{
			{url: "http://fake.example/gbk.html"},
			{errPart: path + "#record 4 (offset " + itoa(offsets[3]) + "): not a gzip member"},
			{url: "http://fake.example/chunked.html"},
			{url: "http://fake.example/note.txt"},
		})
	})
	t.Run("cut in a record header", func(t *testing.T) {
		data, offsets := marshalRecords(t, recs, false)
		path := writeFile(t, "cut.warc", data[:offsets[3]+30])
		checkItems(t, readAll(t, path, nil), []want{
			{url: "http://fake.example/gbk.html"},
			{errPart: path + "#record 4 (offset " + itoa(offsets[3]) + "): truncated or malformed record"},
		})
	})
	t.Run("not a WARC file", func(t *testing.T) {
		path := writeFile(t, "junk.warc", []byte("this is not a WARC file at all"))
		checkItems(t, readAll(t, path, nil), []want{{errPart: path + "#record 1 (offset 0): no WARC record"}})
	})
}
