package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/internal/strictyaml"
)

func TestExampleConfigLoads(t *testing.T) {
	c, err := Load("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 3 || c.Source("market").Listing == nil || c.Source("market").ResultPages != 3 {
		t.Errorf("sources: %+v", c.Sources)
	}
	if c.Limits.PerHostDelay != time.Second || c.Limits.MaxBody != 5<<20 {
		t.Errorf("limits: %+v", c.Limits)
	}
	if !filepath.IsAbs(c.Database) {
		t.Errorf("database %q not resolved against the file", c.Database)
	}
	if got := c.Source("forum").AllowedHosts; len(got) != 1 || got[0] != "bbs.example" {
		t.Errorf("allowed hosts %v", got)
	}
	if c.UserAgent == "" || c.Render.Tabs != 2 {
		t.Errorf("user agent %q, render %+v", c.UserAgent, c.Render)
	}
	if c.Render.Settle != 500*time.Millisecond {
		t.Errorf("settle %v, want the documented 500ms", c.Render.Settle)
	}
	// How these values reach the crawler (zero as none) is tested with
	// the conversion, sweep.CrawlerOptions.
	l := c.Source("market").Listing
	if l.Item == "" || l.Link == "" {
		t.Errorf("listing selectors %+v", l)
	}
}

func TestInvalidConfigs(t *testing.T) {
	want := map[string]string{
		"invalid-unknown-key.yaml":      `invalid-unknown-key.yaml:3: limits.per_host_delai: unknown key "per_host_delai"`,
		"invalid-schedule-spec.yaml":    `invalid-schedule-spec.yaml:3: schedule.sweep: set the time zone with schedule.timezone, not in the spec (five fields such as "0 2 * * *", or @daily, @every 6h; "" for none)`,
		"invalid-schedule-fields.yaml":  `invalid-schedule-fields.yaml:3: schedule.sweep: expected exactly 5 fields, found 4: [0 2 * *] (five fields such as "0 2 * * *", or @daily, @every 6h; "" for none)`,
		"invalid-source-route.yaml":     `invalid-source-route.yaml:3: sources[0].route: unknown route "police" (takedown_cac or takedown_samr)`,
		"invalid-serve-office.yaml":     `invalid-serve-office.yaml:4: serve.offices.takedown_cac.deadlin: unknown key "deadlin"`,
		"invalid-serve-listen.yaml":     `invalid-serve-listen.yaml:3: serve.listen: must be host:port such as 127.0.0.1:8080: address localhost: missing port in address`,
		"invalid-duration.yaml":         `invalid-duration.yaml:3: limits.timeout: must be a duration such as 500ms or 2s in [100ms, 10m0s], got "soon"`,
		"invalid-size.yaml":             `invalid-size.yaml:3: limits.max_body: must be a size such as 512KiB or 5MiB, got "huge"`,
		"invalid-source-type.yaml":      `invalid-source-type.yaml:3: sources[0].type: unknown source type "ftp" (site, search or urls)`,
		"invalid-url.yaml":              `invalid-url.yaml:5: sources[0].start[0]: "ftp://a.example/" is not an http(s) URL`,
		"invalid-template.yaml":         `invalid-template.yaml:3: sources[0].url: url template "http://shop.example/search" lacks {q}`,
		"invalid-duplicate-source.yaml": `invalid-duplicate-source.yaml:4: sources[1].id: duplicate source id "a" (first at line 3)`,
		"invalid-resolve.yaml":          `invalid-resolve.yaml:3: resolve.shop.example: must be ip:port such as 127.0.0.1:8080, got "localhost"`,
		"invalid-selector.yaml":         `invalid-selector.yaml:6: sources[0].listing.item: invalid CSS selector "div["`,
		"invalid-pattern.yaml":          `invalid-pattern.yaml:6: sources[0].include[0]: invalid pattern: error parsing regexp: missing closing )`,
		"invalid-wrong-kind-key.yaml":   `invalid-wrong-kind-key.yaml:7: sources[0].start: a urls source has no "start" (it takes urls, file, max_pages, depth)`,
		"invalid-missing-database.yaml": `invalid-missing-database.yaml:1: database: required key is missing`,
		"invalid-render.yaml":           `invalid-render.yaml:7: sources[1].render: unknown render mode "sometimes" (true, false or auto)`,
		"invalid-render-tabs.yaml":      `invalid-render-tabs.yaml:3: render.tabs: must be a whole number in [1, 32], got "0"`,
		"invalid-allow-internal.yaml":   `invalid-allow-internal.yaml:3: allow_internal[1]: "10.0.0.0/33" is not a network such as 127.0.0.1/32: netip.ParsePrefix("10.0.0.0/33"): prefix length out of range (an IP, a network such as 10.1.0.0/16, a host name or *.domain)`,
	}
	files, _ := filepath.Glob("testdata/invalid-*.yaml")
	if len(files) != len(want) {
		t.Errorf("%d fixtures, %d expectations", len(files), len(want))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			_, err := Load(f)
			var es strictyaml.Errors
			if !errors.As(err, &es) {
				t.Fatalf("want located errors, got %v", err)
			}
			if !strings.Contains(err.Error(), "testdata/"+want[name]) {
				t.Errorf("got:\n%v\nwant a line containing:\n%s", err, "testdata/"+want[name])
			}
		})
	}
}

// TestAllowInternalErrors: every bad allow_internal entry is reported at
// its index with the same words the crawler uses, and good entries pass.
func TestAllowInternalErrors(t *testing.T) {
	_, err := Load("testdata/invalid-allow-internal.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`invalid-allow-internal.yaml:3: allow_internal[1]: "10.0.0.0/33" is not a network`,
		`invalid-allow-internal.yaml:3: allow_internal[2]: "bad host!" is neither an IP address, a network nor a host name (an IP, a network such as 10.1.0.0/16, a host name or *.domain)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("got:\n%v\nwant a line containing:\n%s", err, want)
		}
	}
	if strings.Contains(err.Error(), "allow_internal[0]") {
		t.Errorf("127.0.0.1 is a valid entry, got %v", err)
	}
	data := "database: x.db\nallow_internal: [127.0.0.1, \"10.1.0.0/16\", \"[::1]\", shop.example, \"*.lab.example\"]\nsources:\n  - {id: a, type: urls, urls: [\"http://a.example/\"]}\n"
	if _, err := Parse("ok.yaml", []byte(data)); err != nil {
		t.Errorf("valid entries refused: %v", err)
	}
}

// TestRenderModes: a source's render key takes the YAML booleans and the
// word auto; anything else names file, line and key.
func TestRenderModes(t *testing.T) {
	for _, tc := range []struct {
		value        string
		render, auto bool
		err          string
	}{
		{value: "true", render: true},
		{value: "false"},
		{value: "auto", auto: true},
		{value: `"auto"`, auto: true},
		{value: "", err: ""}, // the key absent: never render
		{value: "Auto", err: `render.yaml:6: sources[0].render: unknown render mode "Auto" (true, false or auto)`},
		{value: "1", err: `render.yaml:6: sources[0].render: must be true, false or auto, got "1"`},
		{value: "[auto]", err: `render.yaml:6: sources[0].render: must be true, false or auto, got a list`},
	} {
		t.Run(tc.value, func(t *testing.T) {
			data := "database: x.db\nsources:\n  - id: a\n    type: urls\n    urls: [\"http://a.example/\"]\n"
			if tc.value != "" {
				data += "    render: " + tc.value + "\n"
			}
			c, err := Parse("render.yaml", []byte(data))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := c.Sources[0]; s.Render != tc.render || s.RenderAuto != tc.auto {
				t.Errorf("render %v auto %v, want %v %v", s.Render, s.RenderAuto, tc.render, tc.auto)
			}
		})
	}
}

func TestDatabaseURLAndBlobs(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := Load(write("database: postgres://cw@db.example:5432/certwatch\nsources: [{id: a, type: urls, urls: [\"http://a.example/\"]}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Database != "postgres://cw@db.example:5432/certwatch" {
		t.Errorf("Database = %q: a URL must not be resolved as a path", c.Database)
	}
	if c.Blobs != filepath.Join(dir, "blobs") {
		t.Errorf("Blobs = %q, want the default directory beside the file", c.Blobs)
	}
	if c.Schedule.BackupDir != filepath.Join(dir, "backups") {
		t.Errorf("BackupDir = %q, want it beside the file", c.Schedule.BackupDir)
	}
	c, err = Load(write("database: postgresql://cw@db/certwatch\nblobs: s3://evidence?endpoint=http://127.0.0.1:9000\nsources: [{id: a, type: urls, urls: [\"http://a.example/\"]}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Blobs != "s3://evidence?endpoint=http://127.0.0.1:9000" {
		t.Errorf("Blobs = %q", c.Blobs)
	}
	for body, want := range map[string]string{
		"database: mysql://cw@db/certwatch\nsources: [{id: a, type: urls, urls: [\"http://a.example/\"]}]\n":            "mysql:// is not a database",
		"database: pg://x\nsources: [{id: a, type: urls, urls: [\"http://a.example/\"]}]\n":                             "c.yaml:1: database: pg:// is not a database",
		"database: postgres://db/cw\nblobs: ftp://x/y\nsources: [{id: a, type: urls, urls: [\"http://a.example/\"]}]\n": "ftp:// is not a blob store",
		"database: certwatch.db\nblobs: evidence\nsources: [{id: a, type: urls, urls: [\"http://a.example/\"]}]\n":      "blobs: only a PostgreSQL database",
	} {
		_, err := Load(write(body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want it to mention %q", body, err, want)
		}
	}
}
