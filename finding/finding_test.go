package finding

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/casework"
)

// fixture is one stored finding of testdata.
type fixture struct {
	name    string
	version int
	data    []byte
}

// fixtures are the files of testdata/v*/, each the real bytes of a
// finding as some certwatch stored it (see testdata/README.md).
func fixtures(t *testing.T) []fixture {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "v*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, dir := range dirs {
		v, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(dir), "v"))
		if err != nil {
			t.Fatalf("%s: not a version directory", dir)
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fixture{f, v, data})
		}
	}
	if len(out) < 25 {
		t.Fatalf("%d fixtures; testdata/v1 alone has 25", len(out))
	}
	return out
}

// generic is JSON as encoding/json reads it into interface values.
func generic(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDecodeFixtures: every stored finding of every version decodes,
// with its version, and encodes again to the same members and values
// plus the current version: nothing is lost or altered.
func TestDecodeFixtures(t *testing.T) {
	versions := map[int]int{}
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			f, err := Decode(fx.data)
			if err != nil {
				t.Fatal(err)
			}
			if f.Version != fx.version {
				t.Errorf("Version %d, want %d", f.Version, fx.version)
			}
			versions[f.Version]++
			out, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, []byte(`{"version":`+strconv.Itoa(Version)+`,`)) {
				t.Errorf("encoded finding does not start with its version: %.40s", out)
			}
			want, got := generic(t, fx.data), generic(t, out)
			delete(want, "version")
			delete(got, "version")
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoding and encoding changed the finding:\n got %s\nwant %s", out, fx.data)
			}
			if fx.version == Version && !bytes.Equal(out, fx.data) {
				t.Errorf("a current finding encodes to other bytes:\n got %s\nwant %s", out, fx.data)
			}
			// Peek reads the same as Decode.
			s, err := Peek(fx.data)
			if err != nil || s != (Summary{Version: f.Version, Route: f.Route, Channel: f.Channel}) {
				t.Errorf("Peek = %+v, %v; Decode has version %d, route %q, channel %q", s, err, f.Version, f.Route, f.Channel)
			}
			// Decoding the new bytes gives the same finding at the current version.
			again, err := Decode(out)
			if err != nil {
				t.Fatal(err)
			}
			f.Version = Version
			if !reflect.DeepEqual(again, f) {
				t.Errorf("Decode(Encode(f)) differs from f:\n%+v\n%+v", again, f)
			}
		})
	}
	if versions[1] < 25 {
		t.Errorf("versions decoded: %v", versions)
	}
}

// TestDecodeV1Content: what the fixtures hold, read through the struct
// (a member renamed or retyped would decode as empty and pass the
// round trip above).
func TestDecodeV1Content(t *testing.T) {
	read := func(name string) *Finding {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("testdata", "v1", name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	imit := read("01-cx-mem-gov-example.json")
	if !imit.Flagged || imit.Category != "imitation_site" || imit.Route != casework.RoutePoliceReferral ||
		imit.Imitation == nil || imit.Imitation.Host != "cx.mem.gov.cn" || imit.Imitation.Similarity <= 0 ||
		imit.Channel != ChannelBoth || imit.Model == nil || len(imit.Model.NGrams) == 0 || imit.Model.Version == "" {
		t.Errorf("imitation site: %+v", imit)
	}
	if len(imit.Rules) == 0 || imit.Rules[0].Route != casework.RoutePoliceReferral || !imit.Rules[0].Fired ||
		imit.Rules[0].Pack == "" || len(imit.Matches) == 0 || len(imit.Reasons) == 0 {
		t.Errorf("imitation site rules: %+v", imit.Rules)
	}
	offer := read("07-fenlei-example-post-88008-html.json")
	if len(offer.Contacts) != 2 || offer.Contacts[0].Value == "" || offer.Contacts[0].Text == "" || offer.Route != casework.RouteTakedownCAC {
		t.Errorf("offer with two contacts: %+v", offer.Contacts)
	}
	if len(offer.Rules) == 0 || offer.Rules[0].Block != "main body" || len(offer.Rules[0].Groups) == 0 || len(offer.Rules[0].Near) != 3 {
		t.Errorf("offer rules: %+v", offer.Rules)
	}
	news := read("15-news-example-2024-10-15-banzheng-diaocha-html.json")
	if news.Flagged || news.Genre != "news" || news.GenreName == "" || news.Channel != "" || news.Route != "" {
		t.Errorf("news: flagged %v genre %q %q channel %q route %q", news.Flagged, news.Genre, news.GenreName, news.Channel, news.Route)
	}
	rulesOnly := read("21-fenlei-example-rules-only-1.json")
	if rulesOnly.Channel != ChannelRules || rulesOnly.Model != nil || !rulesOnly.Flagged {
		t.Errorf("rules only: %+v", rulesOnly)
	}
	modelOnly := read("23-bbs-example-thread-model-only.json")
	if modelOnly.Channel != ChannelModel || modelOnly.Model == nil || !modelOnly.Model.Flagged {
		t.Errorf("model only: %+v", modelOnly)
	}
	for _, name := range []string{"24-premodel-offer.json", "25-premodel-referral.json"} {
		f := read(name)
		if !f.Flagged || f.Channel != "" || f.Model != nil || f.Genre != "" || f.Route != casework.RouteTakedownCAC || len(f.Rules) == 0 || f.Rules[0].Block != "" {
			t.Errorf("%s, from before the learned stage: %+v", name, f)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name, data string
		newer      bool
		want       string
	}{
		{"newer", `{"version":3,"url":"u","flagged":true,"rules":{"a":"changed shape"}}`, true, "version 3; this certwatch reads versions 1 to 2"},
		{"much newer", `{"url":"u","version":99}`, true, "version 99"},
		{"version string", `{"version":"2","url":"u"}`, false, `version "2" is not a whole number`},
		{"version float", `{"version":2.5}`, false, "version 2.5 is not a whole number"},
		{"explicit 1", `{"version":1,"url":"u"}`, false, "version 1 is not a stored format"},
		{"zero", `{"version":0}`, false, "version 0 is not a stored format"},
		{"null", `null`, false, "null is not a finding"},
		{"array", `[{"url":"u"}]`, false, "cannot unmarshal array"},
		{"truncated", `{"url":"u","rules":[`, false, "unexpected end of JSON input"},
		{"empty", ``, false, "unexpected end of JSON input"},
		{"wrong type", `{"url":"u","score":"high"}`, false, "decode version 1: json: cannot unmarshal string"},
		{"route not a string", `{"version":2,"route":12}`, false, "decode version 2: json: cannot unmarshal number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Decode([]byte(tt.data))
			if err == nil {
				t.Fatalf("Decode = %+v, want an error", f)
			}
			if errors.Is(err, ErrNewer) != tt.newer || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "finding: decode") {
				t.Errorf("Decode: %v; want ErrNewer %v and %q", err, tt.newer, tt.want)
			}
		})
	}
}

func TestDecodeVersions(t *testing.T) {
	for _, tt := range []struct {
		data string
		want int
	}{
		{`{"url":"u"}`, 1},
		{`{"version":2,"url":"u"}`, 2},
		{` { "url" : "u" , "version" : 2 } `, 2},
		{`{}`, 1},
	} {
		f, err := Decode([]byte(tt.data))
		if err != nil || f.Version != tt.want || (tt.data != `{}` && f.URL != "u") {
			t.Errorf("Decode(%s) = %+v, %v; want version %d", tt.data, f, err, tt.want)
		}
	}
}

func TestEncode(t *testing.T) {
	f := &Finding{URL: "http://x.example/", Flagged: true, Score: 7.5, Category: "cert_sale", Route: casework.RouteTakedownSAMR,
		Rules: []RuleHit{{ID: "r1", Route: casework.RouteTakedownSAMR, Fired: true}}, Matches: []Match{}, Contacts: []Contact{},
		Reasons: []string{"理由"}, Channel: ChannelRules}
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"version":2,"url":"http://x.example/","flagged":true,"score":7.5,"category":"cert_sale","route":"takedown_samr",` +
		`"rules":[{"id":"r1","category":"","pack":"","route":"takedown_samr","score":0,"threshold":0,"fired":true}],` +
		`"matches":[],"contacts":[],"reasons":["理由"],"channel":"rules"}`
	if string(out) != want {
		t.Errorf("Encode =\n%s\nwant\n%s", out, want)
	}
	if f.Version != 0 {
		t.Errorf("Encode changed its argument: version %d", f.Version)
	}
	// A fresh finding shows no version in plain JSON (scan's output).
	plain, _ := json.Marshal(f)
	if bytes.Contains(plain, []byte(`"version"`)) {
		t.Errorf("plain JSON of a fresh finding: %s", plain)
	}
	if _, err := Encode(nil); err == nil {
		t.Error("Encode(nil): no error")
	}
}

func TestPeek(t *testing.T) {
	tests := []struct {
		name, data string
		want       Summary
		err        string
	}{
		{"v1", `{"url":"u","route":"police_referral","rules":[{"route":"takedown_cac"}],"channel":"model"}`, Summary{1, casework.RoutePoliceReferral, ChannelModel}, ""},
		{"v2", `{"version":2,"route":"takedown_samr"}`, Summary{2, casework.RouteTakedownSAMR, ""}, ""},
		{"nested only", `{"x":{"route":"police_referral","channel":"model"},"matches":[]}`, Summary{Version: 1}, ""},
		{"escaped", `{"reasons":["\"route\":\"police_referral\"","a\\"],"route":"takedown_cac"}`, Summary{1, casework.RouteTakedownCAC, ""}, ""},
		{"route not a string", `{"route":12,"channel":"rules"}`, Summary{1, "", ChannelRules}, ""},
		{"newer", `{"version":3,"route":"takedown_cac"}`, Summary{1, casework.RouteTakedownCAC, ""}, "newer"},
		{"bad version", `{"version":"x","route":"takedown_cac"}`, Summary{1, casework.RouteTakedownCAC, ""}, "not a number"},
		{"array", `[{"route":"police_referral"}]`, Summary{Version: 1}, "not a JSON object"},
		{"null", `null`, Summary{Version: 1}, "not a JSON object"},
		{"cut", `{"route":"takedown_samr","channel":"mo`, Summary{1, casework.RouteTakedownSAMR, ""}, "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Peek([]byte(tt.data))
			if got != tt.want {
				t.Errorf("Peek = %+v, want %+v", got, tt.want)
			}
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Peek error %v, want %q", err, tt.err)
			}
		})
	}
	if _, err := Peek([]byte(`{"version":9}`)); !errors.Is(err, ErrNewer) {
		t.Errorf("Peek of a newer version: %v", err)
	}
}

func TestChannelName(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Channels {
		n := ChannelName(c)
		if n == c || seen[n] {
			t.Errorf("channel %q: name %q", c, n)
		}
		seen[n] = true
	}
	if ChannelName("") != "" || ChannelName("x") != "x" {
		t.Error("unknown channels show as themselves")
	}
}

// FuzzDecode: no input panics Decode or Peek, and whatever Decode
// accepts encodes and decodes again to the same finding.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"url":"u","route":"takedown_cac"}`, `{"version":2,"rules":[{"id":"a"}]}`, `{"version":3}`, `null`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Peek(data)
		fd, err := Decode(data)
		if err != nil {
			return
		}
		out, err := Encode(fd)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Decode(out)
		if err != nil {
			t.Fatalf("Decode(Encode(%s)): %v", data, err)
		}
		fd.Version = Version
		if !reflect.DeepEqual(again, fd) {
			t.Errorf("round trip of %s changed the finding", data)
		}
	})
}
