package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/inforce"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
)

// TestServeFollowsActivationsOnPostgreSQL: a serve process on PostgreSQL
// puts in force what other processes record there (here the CLI: rules
// activate and deactivate, model activate, model channel), at its next
// look; one started with --rules keeps its packs.
func TestServeFollowsActivationsOnPostgreSQL(t *testing.T) {
	dbURL := pgstoretest.DB(t)
	dir := t.TempDir()
	cfgPath := writeFile(t, dir, "pg.yaml", fmt.Sprintf("database: %s\nsources:\n  - {id: u, type: urls, urls: [\"http://a.example/\"]}\n", dbURL))
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	st, err := openDatabase(context.Background(), dbURL, cfg.Blobs, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	holder := func() *inforce.Holder {
		m, packs, terms, err := compilePacks("", nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return inforce.New(inforce.Rules{Packs: packs, Matcher: m, SearchTerms: terms}, st, nil)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	now, pinned := holder(), holder()
	f, err := newActivationFollower(st, now, cfg, "", log)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := newActivationFollower(st, pinned, cfg, "/etc/certwatch/rules", log)
	if err != nil {
		t.Fatal(err)
	}
	look := func() {
		t.Helper()
		for _, f := range []*activationFollower{f, fp} {
			if err := f.run(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	}
	version := func(h *inforce.Holder) string { return h.Packs()[0].Version() }
	start := version(now)
	look()
	if version(now) != start {
		t.Fatalf("the packs changed with nothing activated: %s → %s", start, version(now))
	}

	pack := writeFile(t, dir, "pack.yaml", strings.Replace(readCLI(t, "rules", "dump"), "version:", "version: follow-", 1))
	readCLI(t, "rules", "activate", pack, "--config", cfgPath)
	look()
	if v := version(now); !strings.Contains(v, "@follow-") {
		t.Errorf("after rules activate elsewhere: %s in force, want the activated pack", v)
	}
	if v := version(pinned); v != start {
		t.Errorf("a server started with --rules took the activation: %s", v)
	}

	m := filepath.Join(dir, "m.cwm")
	readCLI(t, "model", "train", "--data", labelledFile(t, dir, "train.jsonl", 1, 10, "train"), "--min-df", "1", "-o", m)
	readCLI(t, "model", "activate", m, "--config", cfgPath)
	readCLI(t, "model", "channel", "exam_fraud", "off", "--config", cfgPath)
	look()
	am, err := st.ActiveModel()
	if err != nil {
		t.Fatal(err)
	}
	if s := now.Detector().Status(); s.Model != am.Version || !slices.Equal(s.Off, []string{"exam_fraud"}) {
		t.Errorf("after model activate and channel off elsewhere: model %q, off %v; want %s and exam_fraud", s.Model, s.Off, am.Version)
	}
	if s := pinned.Detector().Status(); s.Model != am.Version {
		t.Errorf("--rules pins the packs, not the model: model %q", s.Model)
	}

	readCLI(t, "rules", "deactivate", "--config", cfgPath)
	look()
	if v := version(now); v != start {
		t.Errorf("after rules deactivate elsewhere: %s in force, want the configuration's %s", v, start)
	}
}

// readCLI runs a command that must succeed and returns its output.
func readCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
	}
	return out
}
