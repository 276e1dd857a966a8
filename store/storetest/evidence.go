package storetest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/store"
)

// testEvidence: a rendered page's screenshot is read back byte for byte
// (ErrNotFound for a page not rendered), and an export writes every body
// and screenshot, a manifest naming the case and its snapshots, and
// SHA256SUMS matching the files; it refuses a non-empty directory and a
// missing case.
func testEvidence(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	const url = "https://cert.example/query?id=7"
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 300)...)
	plain := observation(sw, url, "假证 v1")
	if _, err := b.Record(plain); err != nil {
		t.Fatal(err)
	}
	rendered := observation(sw, url, "假证 v2 rendered")
	rendered.Rendered, rendered.Screenshot = true, png
	res, err := b.Record(rendered)
	if err != nil {
		t.Fatal(err)
	}
	snaps, err := b.Snapshots(res.CaseID)
	if err != nil || len(snaps) != 2 {
		t.Fatalf("Snapshots = %+v, %v; want 2", snaps, err)
	}
	for _, sn := range snaps {
		shot, err := b.SnapshotScreenshot(sn.ID)
		if sn.ID == res.SnapshotID {
			if err != nil || !bytes.Equal(shot, png) {
				t.Errorf("SnapshotScreenshot(%d) = %d bytes, %v; want the recorded PNG", sn.ID, len(shot), err)
			}
		} else if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SnapshotScreenshot of a page not rendered: %d bytes, %v; want ErrNotFound", len(shot), err)
		}
	}

	dir := filepath.Join(t.TempDir(), "case")
	m, err := b.ExportEvidence(res.CaseID, dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Case.ID != res.CaseID || len(m.Snapshots) != 2 || m.ExportedAt.IsZero() {
		t.Errorf("manifest %+v", m)
	}
	files := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	bodies := map[string]string{"假证 v1": "", "假证 v2 rendered": ""}
	var pngs int
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".png"):
			pngs++
			if !bytes.Equal(data, png) {
				t.Errorf("%s differs from the screenshot", name)
			}
		case strings.HasPrefix(name, "body-"):
			for content := range bodies {
				if bytes.Contains(data, []byte(content+"</body>")) {
					bodies[content] = name
				}
			}
		}
	}
	if pngs != 1 || bodies["假证 v1"] == "" || bodies["假证 v2 rendered"] == "" {
		t.Errorf("exported files %v: want both bodies and one screenshot", slices.Sorted(maps.Keys(files)))
	}
	var back store.Manifest
	if err := json.Unmarshal(files["manifest.json"], &back); err != nil || back.Case.ID != res.CaseID || len(back.Snapshots) != 2 {
		t.Errorf("manifest.json = %+v, %v", back, err)
	}
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(files["SHA256SUMS"]))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q", sc.Text())
		}
		sums[name] = sum
	}
	if len(sums) != len(files)-1 {
		t.Errorf("SHA256SUMS lists %d files, want every other file (%d)", len(sums), len(files)-1)
	}
	for name, data := range files {
		if name == "SHA256SUMS" {
			continue
		}
		h := sha256.Sum256(data)
		if sums[name] != hex.EncodeToString(h[:]) {
			t.Errorf("SHA256SUMS says %s for %s, file hashes to %x", sums[name], name, h)
		}
	}
	if _, err := b.ExportEvidence(res.CaseID, dir); err == nil {
		t.Error("ExportEvidence into a non-empty directory succeeded")
	}
	if _, err := b.ExportEvidence(res.CaseID+100, filepath.Join(t.TempDir(), "none")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ExportEvidence of a missing case: %v, want ErrNotFound", err)
	}
}
