package page

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzFromHTML(f *testing.F) {
	f.Add("http://a.example/", []byte(tableQueryPage), "text/html; charset=utf-8")
	f.Add("", []byte(`<title>办证<script>x</script></title><form><table><tr><td>证件号码<td><input name=a>`), "")
	f.Add("http://a.example/d/", []byte(`<base href="//b.example/"><a href=" x ">y<img alt=z></a><select><option>甲`), "text/html; charset=GB-18030")
	f.Add("%zz", []byte("<p>\xff\xfe\xb0\xec<textarea>a</textarea><template><p>x</template>"), "text/html; charset=big5")
	f.Add("", []byte(strings.Repeat("<div><b>", 300)+"深"), "")
	for _, fx := range []string{"gbk-none.html", "big5-none.html", "gb18030.html", "utf8-bom.html"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "charset", fx)); err == nil {
			f.Add("http://a.example/", b, "")
		}
	}
	f.Fuzz(func(t *testing.T, url string, body []byte, contentType string) {
		p, err := FromHTML(url, body, contentType)
		if err != nil {
			t.Fatalf("FromHTML failed on a %d-byte body: %v", len(body), err)
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) {
			t.Fatalf("invalid UTF-8: Text %q Title %q", p.Text, p.Title)
		}
		checkBlocks(t, p)
		if strings.Contains(p.Text, "\n\n") || strings.HasPrefix(p.Text, "\n") || strings.HasSuffix(p.Text, "\n") {
			t.Fatalf("empty line in Text %q", p.Text)
		}
		for _, form := range p.Forms {
			for _, field := range form.Fields {
				for _, s := range append([]string{field.Label, field.Value, field.Placeholder}, field.Options...) {
					if !utf8.ValidString(s) {
						t.Fatalf("invalid UTF-8 in field %+v", field)
					}
				}
			}
		}
		for _, l := range p.Links {
			if !utf8.ValidString(l.Text) {
				t.Fatalf("invalid UTF-8 in link %+v", l)
			}
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("<meta charset=gbk>\xb0\xec"), "")
	f.Add([]byte("\xef\xbb\xbfabc"), "text/html; charset=big5")
	f.Add([]byte("\xff\xfea\x00"), "")
	f.Add([]byte("caf\xe9"), "text/html; charset=\"x-gbk")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		text, cs, err := Decode(body, contentType)
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		if !utf8.ValidString(text) || cs == "" {
			t.Fatalf("Decode = %q, %q", text, cs)
		}
	})
}

// FuzzReadWARC feeds mutated WARC files to Read: whatever the bytes, it
// returns no error of its own and every item is a page or an InputError.
func FuzzReadWARC(f *testing.F) {
	plain, _ := marshalRecords(f, testRecords(f), false)
	gz, _ := marshalRecords(f, testRecords(f), true)
	f.Add(plain, false)
	f.Add(gz, false)
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 5\r\n\r\nHTTP/"), false)
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, gzipped bool) {
		name := "f.warc"
		if gzipped {
			data = gzipBytes(t, data)
			name += ".gz"
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n := 0
		err := Read(context.Background(), path, nil, func(it Item) error {
			n++
			if n > len(data)+10 {
				return errors.New("more items than bytes")
			}
			if (it.Page == nil) == (it.Err == nil) {
				t.Fatalf("item %+v", it)
			}
			if it.Page != nil && !utf8.ValidString(it.Page.Text) {
				t.Fatalf("invalid UTF-8 in %q", it.Page.Text)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
	})
}
