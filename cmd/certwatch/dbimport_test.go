package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
)

// importSource writes a small district database: a reviewer, a sweep,
// three flagged pages (one with a screenshot), a confirmation. It returns
// the file and the first body's bytes.
func importSource(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "certwatch.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateUser("cli:root", store.User{Name: "alice", Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	sw := &store.Sweep{}
	if err := st.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	var first []byte
	var ids []uint64
	for i := range 3 {
		url := fmt.Sprintf("https://shop.example/item/%d", i)
		body := []byte(fmt.Sprintf("<html>出售安全员证 %d</html>", i))
		o := store.Observation{SweepID: sw.ID, CaseKey: url, URL: url, FetchedAt: time.Now(), Status: 200, Body: body,
			Flagged: true, Score: 0.9, Category: "fake_certificate", Text: "出售安全员证"}
		if i == 0 {
			first, o.Screenshot = body, []byte("\x89PNG screenshot")
		}
		res, err := st.Record(o)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CaseID)
	}
	if _, _, err := st.Decide(store.Decision{CaseID: ids[0], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"}); err != nil {
		t.Fatal(err)
	}
	return path, first
}

func migratedDB(t *testing.T) string {
	t.Helper()
	return pgstoretest.DB(t)
}

func TestDBImport(t *testing.T) {
	src, _ := importSource(t)
	url := migratedDB(t)
	blobs := filepath.Join(t.TempDir(), "blobs")
	code, out, errOut := runCLI(t, "", "--lang", "zh", "db", "import", "--from", src, "--database", url, "--blobs", blobs, "--sample", "-1")
	if code != 0 || !strings.Contains(out, "迁移完成并已校验") || !strings.Contains(errOut, "逐字段比对案件") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	t.Logf("output:\n%s", out)
	for _, want := range []string{"cases                     3            3", "证据文件 4 个", "逐字段比对案件 3 件", "每秒"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "evidence blobs") || strings.Contains(out, "import done") {
		t.Errorf("English in the Chinese output:\n%s", out)
	}
	// Again into the same database: refused, nothing changed.
	code, out, errOut = runCLI(t, "", "--lang", "zh", "db", "import", "--from", src, "--database", url, "--blobs", blobs)
	if code != 1 || !strings.Contains(errOut, "目标数据库已有数据") || !strings.Contains(errOut, "not empty") {
		t.Fatalf("second import: exit %d\n%s%s", code, out, errOut)
	}
}

// TestDBImportTamperedBlobs: a blob store that already holds other bytes
// of the same size under a body's key (a tampered or damaged store) keeps
// them (the blob store skips a blob it has), and verification catches it:
// exit 1, the blob named.
func TestDBImportTamperedBlobs(t *testing.T) {
	src, body := importSource(t)
	url := migratedDB(t)
	dir := t.TempDir()
	sum := sha256.Sum256(body)
	hexSum := hex.EncodeToString(sum[:])
	bad := filepath.Join(dir, filepath.FromSlash(blobstore.Key(hexSum)))
	if err := os.MkdirAll(filepath.Dir(bad), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, bytes.Repeat([]byte("x"), len(body)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "db", "import", "--from", src, "--database", url, "--blobs", dir)
	if code != 1 || !strings.Contains(errOut, "verification failed") || !strings.Contains(out, "problem: blob "+hexSum) {
		t.Fatalf("import over a tampered blob store: exit %d, want 1 naming blob %s\n%s%s", code, hexSum, out, errOut)
	}
}

func TestDBImportBadInput(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no source", []string{"db", "import", "--database", "postgres://x@127.0.0.1:1/x"}, "--from"},
		{"bbolt target", []string{"db", "import", "--from", "a.db", "--database", "b.db"}, "postgres://"},
		{"bad sample", []string{"db", "import", "--from", "a.db", "--database", "postgres://x@127.0.0.1:1/x", "--sample", "0"}, "--sample"},
		{"missing source", []string{"db", "import", "--from", filepath.Join(t.TempDir(), "none.db"), "--database", "postgres://x@127.0.0.1:1/x"}, "none.db"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", c.args...)
			if code == 0 || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, want non-zero naming %q\n%s%s", code, c.want, out, errOut)
			}
		})
	}
}
