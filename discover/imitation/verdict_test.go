package imitation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func defaults(t testing.TB) []*Reference {
	t.Helper()
	refs, err := Defaults(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 3 {
		t.Fatalf("%d embedded references, want 3", len(refs))
	}
	return refs
}

func judge(t testing.TB, pageURL, body string, refs []*Reference) Result {
	t.Helper()
	return Verdict(Candidate{Snapshot: Extract(pageURL, []byte(body))}, refs, nil)
}

func readSite(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testbed", "sites", p))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestVerdictSampleWeb(t *testing.T) {
	refs := defaults(t)
	for _, tc := range []struct {
		name, url, file string
		want            bool
	}{
		{"imitation copy", "http://cx-mem-gov.example/", "cx-mem-gov.example/index.html", true},
		{"official guide", "http://yjj.demo.gov.cn/bsfw/zscx.html", "yjj.demo.gov.cn/bsfw/zscx.html", false},
		{"guide on another host", "http://school.example/zscx.html", "yjj.demo.gov.cn/bsfw/zscx.html", false},
		{"news", "http://news.example/2024/10/18-jingfang-tixing.html", "news.example/2024/10/18-jingfang-tixing.html", false},
		{"school", "http://school.example/", "school.example/index.html", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := judge(t, tc.url, readSite(t, tc.file), refs)
			t.Logf("score %.2f cleared %q presents %v: %s", r.Score, r.Cleared, r.Presents, strings.Join(r.Texts(), "; "))
			if r.Imitation != tc.want {
				t.Errorf("imitation = %v, want %v", r.Imitation, tc.want)
			}
		})
	}
}
