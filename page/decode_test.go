package page

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite the encoded fixtures in testdata/charset")

// The fixtures' text, before encoding. Each fixture file in testdata/charset
// is one of these, encoded; TestCharsetFixtures checks that the committed
// bytes are exactly that (and rewrites them with -update).
const (
	simplifiedBody = `<body><h1>特种作业操作证办理</h1>
<p>低价办理特种作业操作证、高处作业证、电工证、焊工证，不用考试，包过，可上网查询。</p>
<p>安全生产考核合格证书，主要负责人、安全管理人员，快速拿证。联系电话：13800000000，微信同号。</p>
</body></html>`
	simplifiedTitle = "特种作业操作证办理_安全生产考核合格证"

	traditionalBody = `<body><h1>特種作業操作證辦理</h1>
<p>低價辦理特種作業操作證、高處作業證、電工證，不用考試，可上網查詢。</p>
<p>安全生產考核合格證書，主要負責人與安全管理人員，快速拿證。聯繫電話：0912000000，這個價格在國內是最低的。</p>
</body></html>`
	traditionalTitle = "特種作業操作證辦理"

	// gb18030Extra has characters outside GBK: GB18030 four-byte
	// sequences.
	gb18030Extra = "生僻字：䶮𠮷"
)

type charsetFixture struct {
	file    string
	enc     encoding.Encoding // nil: UTF-8
	bom     bool
	content string
}

func charsetFixtures() []charsetFixture {
	doc := func(head, title, body string) string {
		return "<!DOCTYPE html>\n<html><head>" + head + "<title>" + title + "</title></head>\n" + body + "\n"
	}
	return []charsetFixture{
		{file: "gbk-header.html", enc: simplifiedchinese.GBK,
			content: doc("", simplifiedTitle, simplifiedBody)},
		{file: "gbk-meta.html", enc: simplifiedchinese.GBK,
			content: doc(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, simplifiedTitle, simplifiedBody)},
		{file: "gbk-none.html", enc: simplifiedchinese.GBK,
			content: doc("", simplifiedTitle, simplifiedBody)},
		{file: "gb18030.html", enc: simplifiedchinese.GB18030,
			content: doc(`<meta charset="gb18030">`, simplifiedTitle+gb18030Extra, simplifiedBody)},
		{file: "big5-meta.html", enc: traditionalchinese.Big5,
			content: doc(`<meta charset="big5">`, traditionalTitle, traditionalBody)},
		{file: "big5-none.html", enc: traditionalchinese.Big5,
			content: doc("", traditionalTitle, traditionalBody)},
		// UTF-16 without a byte order mark, which only the zero bytes
		// give away.
		{file: "utf16le-none.html", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
			content: doc("", simplifiedTitle, simplifiedBody)},
		{file: "utf16be-none.html", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
			content: doc("", simplifiedTitle, simplifiedBody)},
		{file: "utf8-bom.html", bom: true,
			// The BOM outranks this wrong declaration.
			content: doc(`<meta charset="gbk">`, simplifiedTitle, simplifiedBody)},
	}
}

func (f charsetFixture) encode(t *testing.T) []byte {
	t.Helper()
	if f.enc == nil {
		b := []byte(f.content)
		if f.bom {
			b = append([]byte{0xEF, 0xBB, 0xBF}, b...)
		}
		return b
	}
	b, err := f.enc.NewEncoder().Bytes([]byte(f.content))
	if err != nil {
		t.Fatalf("encode %s: %v", f.file, err)
	}
	return b
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "charset", name))
	if err != nil {
		t.Fatalf("fixture: %v (run go test -run TestCharsetFixtures -update)", err)
	}
	return b
}

func TestCharsetFixtures(t *testing.T) {
	for _, f := range charsetFixtures() {
		t.Run(f.file, func(t *testing.T) {
			want := f.encode(t)
			path := filepath.Join("testdata", "charset", f.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := readFixture(t, f.file)
			if !bytes.Equal(got, want) {
				t.Fatalf("%s differs from its encoded source; run go test -run TestCharsetFixtures -update", path)
			}
			if f.enc != nil && utf8.Valid(got) {
				t.Fatalf("%s is valid UTF-8: it tests no legacy decoding", path)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	fixtures := map[string]charsetFixture{}
	for _, f := range charsetFixtures() {
		fixtures[f.file] = f
	}
	tests := []struct {
		name        string
		file        string
		contentType string
		wantCharset string
	}{
		{"GBK declared in header", "gbk-header.html", "text/html; charset=GBK", "gbk"},
		{"GBK header label gb2312", "gbk-header.html", "text/html; charset=gb2312", "gbk"},
		{"GBK header label x-gbk", "gbk-header.html", "text/html;charset=x-gbk", "gbk"},
		{"GBK header label quoted", "gbk-header.html", `text/html; charset="GB2312"`, "gbk"},
		{"GBK header label cp936", "gbk-header.html", "text/html; charset=cp936", "gbk"},
		{"GBK header with malformed parameters", "gbk-header.html", "text/html; charset=gbk; charset=utf-8;;", "gbk"},
		{"GBK declared in meta", "gbk-meta.html", "", "gbk"},
		{"GBK meta with text/html header without charset", "gbk-meta.html", "text/html", "gbk"},
		{"GBK meta outranks ISO-8859-1 server default", "gbk-meta.html", "text/html; charset=ISO-8859-1", "gbk"},
		{"GBK without declaration is guessed", "gbk-none.html", "", "gb18030"},
		{"GB18030 declared in meta", "gb18030.html", "", "gb18030"},
		{"GB18030 colly label GB-18030", "gb18030.html", "text/html; charset=GB-18030", "gb18030"},
		{"GB18030 label gb_18030", "gb18030.html", "text/html; charset=gb_18030", "gb18030"},
		{"Big5 declared in meta", "big5-meta.html", "", "big5"},
		{"Big5 declared in header", "big5-none.html", "text/html; charset=Big5", "big5"},
		{"Big5 label big-5", "big5-none.html", "text/html; charset=big-5", "big5"},
		{"Big5 without declaration is guessed", "big5-none.html", "", "big5"},
		{"UTF-16LE without BOM is detected", "utf16le-none.html", "", "utf-16le"},
		{"UTF-16LE without BOM, header without charset", "utf16le-none.html", "text/html", "utf-16le"},
		{"UTF-16LE without BOM outranks a wrong UTF-8 header", "utf16le-none.html", "text/html; charset=utf-8", "utf-16le"},
		{"UTF-16LE without BOM outranks a wrong GBK header", "utf16le-none.html", "text/html; charset=gbk", "utf-16le"},
		{"UTF-16BE without BOM is detected", "utf16be-none.html", "", "utf-16be"},
		{"UTF-16BE without BOM, header without charset", "utf16be-none.html", "text/html", "utf-16be"},
		{"UTF-16BE declared as utf-16 (read as LE by default)", "utf16be-none.html", "text/html; charset=utf-16", "utf-16be"},
		{"UTF-8 BOM outranks meta", "utf8-bom.html", "", "utf-8"},
		{"UTF-8 BOM outranks header", "utf8-bom.html", "text/html; charset=gbk", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixtures[tt.file]
			body := readFixture(t, tt.file)
			text, cs, err := Decode(body, tt.contentType)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if cs != tt.wantCharset {
				t.Errorf("charset = %q, want %q", cs, tt.wantCharset)
			}
			if text != f.content {
				t.Errorf("text differs from the source:\n got: %.200q\nwant: %.200q", text, f.content)
			}
		})
	}
}

func TestDecodeWithoutFixtures(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantText    string
		wantCharset string
	}{
		{"ASCII", []byte("<p>hello</p>"), "", "<p>hello</p>", "utf-8"},
		{"empty", nil, "", "", "utf-8"},
		{"UTF-8 undeclared", []byte("<p>证书查询</p>"), "", "<p>证书查询</p>", "utf-8"},
		{"UTF-8 with one bad byte stays UTF-8", []byte("<p>证书查询系统，安全生产考核合格证\xff</p>"), "",
			"<p>证书查询系统，安全生产考核合格证\uFFFD</p>", "utf-8"},
		{"declared UTF-8 with bad bytes", []byte("a\xffb"), "text/html; charset=utf-8", "a\uFFFDb", "utf-8"},
		{"short GBK undeclared", gbk("<title>办证</title>"), "", "<title>办证</title>", "gb18030"},
		{"Latin-1 undeclared", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e"), "", "café crème brûlée", "windows-1252"},
		{"Latin-1 declared", []byte("caf\xe9"), "text/html; charset=iso-8859-1", "café", "windows-1252"},
		{"unknown header label falls through to meta",
			append([]byte(`<meta charset="gbk">`), gbk("证书")...), "text/html; charset=nonsense",
			`<meta charset="gbk">证书`, "gbk"},
		{"replacement label is ignored", gbk("证书查询"), "text/html; charset=hz-gb-2312", "证书查询", "gb18030"},
		{"meta UTF-16 means UTF-8", []byte(`<meta charset="utf-16">证书`), "", `<meta charset="utf-16">证书`, "utf-8"},
		{"UTF-16LE BOM", []byte{0xFF, 0xFE, 'a', 0, 0x41, 0x6D}, "", "a\u6D41", "utf-16le"},
		{"truncated GBK sequence", append(gbk("证书"), 0xB0), "text/html; charset=gbk", "证书\uFFFD", "gbk"},
		{"meta after 1024 bytes is not seen",
			append([]byte(strings.Repeat(" ", 1100)+`<meta charset="big5">`), "plain"...), "",
			strings.Repeat(" ", 1100) + `<meta charset="big5">plain`, "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, cs, err := Decode(tt.body, tt.contentType)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if text != tt.wantText {
				t.Errorf("text = %q, want %q", text, tt.wantText)
			}
			if cs != tt.wantCharset {
				t.Errorf("charset = %q, want %q", cs, tt.wantCharset)
			}
		})
	}
}

func TestLookupLabel(t *testing.T) {
	tests := []struct {
		label string
		want  string // "" for unknown
	}{
		{"utf-8", "utf-8"}, {"UTF8", "utf-8"}, {"utf_8", "utf-8"},
		{"gbk", "gbk"}, {"GBK", "gbk"}, {"x-gbk", "gbk"}, {"gb2312", "gbk"}, {"GB_2312-80", "gbk"},
		{"cp936", "gbk"}, {"windows-936", "gbk"}, {"EUC-CN", "gbk"}, {" 'gb2312' ", "gbk"},
		{"gb18030", "gb18030"}, {"GB-18030", "gb18030"}, {"GB 18030", "gb18030"},
		{"big5", "big5"}, {"BIG-5", "big5"}, {"big5-hkscs", "big5"}, {"cp950", "big5"},
		{"iso-8859-1", "windows-1252"}, {"us-ascii", "windows-1252"}, {"shift_jis", "shift_jis"},
		{"hz-gb-2312", ""}, {"nonsense", ""}, {"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			got := ""
			if c := lookupLabel(tt.label); c != nil {
				got = c.name
			}
			if got != tt.want {
				t.Errorf("lookupLabel(%q) = %q, want %q", tt.label, got, tt.want)
			}
		})
	}
}

func TestFromHTMLDecodes(t *testing.T) {
	p, err := FromHTML("http://example.cn/", readFixture(t, "gbk-none.html"), "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != simplifiedTitle {
		t.Errorf("Title = %q, want %q", p.Title, simplifiedTitle)
	}
	if !strings.Contains(p.Text, "不用考试，包过") {
		t.Errorf("Text lacks the decoded body: %q", p.Text)
	}
	if p.Charset != "gb18030" {
		t.Errorf("Charset = %q", p.Charset)
	}
}

// TestSniffUTF16 checks both ways: UTF-16 without a BOM is found (also a
// mostly Chinese text with little markup, and a body cut in the middle of
// a character), and nothing else is taken for it — the other fixtures,
// binary junk with or without zero bytes, UTF-32, numbers stored as 16-bit
// integers.
func TestSniffUTF16(t *testing.T) {
	le := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	be := func(s string) []byte {
		b, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	chinese := "<p>" + strings.Repeat("低价办理特种作业操作证，不用考试，包过。联系微信 zhengshu88。", 40) + "</p>"
	for _, tc := range []struct {
		name string
		body []byte
		want string
	}{
		{"LE short", le("<p>证书</p>"), "utf-16le"},
		{"BE short", be("<p>证书</p>"), "utf-16be"},
		{"LE mostly Chinese", le(chinese), "utf-16le"},
		{"BE mostly Chinese", be(chinese), "utf-16be"},
		{"LE with 一 (zero low byte)", le("<p>一级建造师证，一年内拿证</p>"), "utf-16le"},
		{"LE cut mid-character", le("<title>办证</title>" + chinese)[:301], "utf-16le"},
		{"LE emoji (surrogate pairs)", le("<p>🙂证书🙂</p>"), "utf-16le"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sniffUTF16(tc.body)
			if c == nil || c.name != tc.want {
				t.Fatalf("sniffUTF16 = %v, want %s", c, tc.want)
			}
			text, cs, err := Decode(tc.body, "")
			if err != nil || cs != tc.want || !strings.Contains(text, "证") {
				t.Errorf("Decode = %.80q, %q, %v", text, cs, err)
			}
		})
	}

	junk := make([]byte, 64<<10)
	seed := uint32(2026)
	for i := range junk {
		seed = seed*1664525 + 1013904223
		junk[i] = byte(seed >> 24)
	}
	sparse := make([]byte, 16<<10) // mostly zeros, like an image's blank rows
	for i := 0; i < len(sparse); i += 7 {
		sparse[i] = junk[i]
	}
	counters := make([]byte, 0, 4000)
	for i := range 2000 {
		counters = append(counters, byte(i), byte(i>>8))
	}
	var u32 []byte
	for _, r := range "<html><p>证书 certificate</p></html>" {
		u32 = append(u32, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	not := []struct {
		name string
		body []byte
	}{
		{"random bytes", junk},
		{"mostly zero bytes", sparse},
		{"16-bit counters", counters},
		{"UTF-32LE", u32},
		{"three bytes", []byte("<p>")},
		{"UTF-8 Chinese", []byte(chinese)},
		{"NUL-padded ASCII", append([]byte("<p>abc</p>"), make([]byte, 100)...)},
	}
	for _, f := range charsetFixtures() {
		if !strings.HasPrefix(f.file, "utf16") {
			not = append(not, struct {
				name string
				body []byte
			}{f.file, readFixture(t, f.file)})
		}
	}
	for _, tc := range not {
		t.Run("not "+tc.name, func(t *testing.T) {
			if c := sniffUTF16(tc.body); c != nil {
				t.Errorf("taken for %s", c.name)
			}
			if _, cs, _ := Decode(tc.body, ""); strings.HasPrefix(cs, "utf-16") {
				t.Errorf("Decode reports %s", cs)
			}
		})
	}
}
