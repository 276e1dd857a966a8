package store

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
	bolt "go.etcd.io/bbolt"
)

// pngBytes is a stand-in screenshot: the PNG signature and some bytes.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 300)...)

// exportFixture records a case with three snapshots: a plain page whose
// body came gzip-encoded, a rendered page with a screenshot, and a
// truncated body.
func exportFixture(t *testing.T) (*Store, uint64, []Observation) {
	t.Helper()
	s, clock := openTest(t)
	const url = "https://cert.example/query?id=7"
	var obs []Observation
	for i, content := range []string{"假证 v1", "假证 v2 rendered", "假证 v3 truncated"} {
		sweep := startSweep(t, s)
		addFrontier(t, s, sweep, url)
		o := observation(sweep, url, content, clock.Now())
		o.FinalURL = "https://cert.example/query/result?id=7"
		o.RemoteAddr = "[2001:db8::1]:443"
		switch i {
		case 0:
			o.Header = http.Header{
				"Content-Type":      {"text/html; charset=gbk"},
				"Content-Encoding":  {"gzip"},
				"Content-Length":    {"99"},
				"Transfer-Encoding": {"chunked"},
				"Set-Cookie":        {"a=1", "b=2"},
			}
			o.RemoteAddr = "127.0.0.1:8443"
		case 1:
			o.Rendered, o.Screenshot = true, pngBytes
		case 2:
			o.Truncated = true
			o.Body = bytes.Repeat([]byte("x"), 4096)
		}
		if _, err := s.Record(o); err != nil {
			t.Fatal(err)
		}
		obs = append(obs, o)
		clock.Add(24 * time.Hour)
	}
	c, err := s.CaseByKey(CanonicalURL(url))
	if err != nil || c.Snapshots != 3 {
		t.Fatalf("fixture case %+v, %v", c, err)
	}
	return s, c.ID, obs
}

func TestExportEvidence(t *testing.T) {
	s, caseID, obs := exportFixture(t)
	dir := filepath.Join(t.TempDir(), "case")
	m, err := s.ExportEvidence(caseID, dir)
	if err != nil {
		t.Fatal(err)
	}
	snaps, _ := s.Snapshots(caseID)

	t.Run("files", func(t *testing.T) {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := "SHA256SUMS body-1.bin body-2.bin body-3.bin case-1.warc.gz manifest.json snapshot-2.png"
		if strings.Join(names, " ") != want {
			t.Errorf("files %v\nwant  %s", names, want)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "snapshot-2.png")); !bytes.Equal(got, pngBytes) {
			t.Error("screenshot differs")
		}
		for i, sn := range snaps {
			got, _ := os.ReadFile(filepath.Join(dir, "body-"+itoa(sn.ID)+".bin"))
			if !bytes.Equal(got, obs[i].Body) {
				t.Errorf("body-%d.bin differs from what was recorded", sn.ID)
			}
		}
	})

	t.Run("manifest", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"case", "exported_at", "files", "snapshots"} {
			if got[key] == nil {
				t.Errorf("manifest.json lacks %q", key)
			}
		}
		var back Manifest
		json.Unmarshal(data, &back)
		if back.Case.ID != caseID || len(back.Snapshots) != 3 || len(back.Files) != 5 || !back.ExportedAt.Equal(m.ExportedAt) {
			t.Errorf("manifest %+v", back)
		}
		for _, f := range back.Files {
			data, err := os.ReadFile(filepath.Join(dir, f.Name))
			sum := sha256.Sum256(data)
			if err != nil || hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Bytes {
				t.Errorf("manifest entry %+v does not match the file (%v)", f, err)
			}
		}
		for i, ms := range back.Snapshots {
			sn := snaps[i]
			if ms.ID != sn.ID || ms.URL != obs[i].URL || ms.FinalURL != obs[i].FinalURL || !ms.FetchedAt.Equal(obs[i].FetchedAt) ||
				ms.BodySHA256 != sn.BodySHA256 || ms.ScreenshotSHA256 != sn.ScreenshotSHA256 || ms.RemoteAddr != obs[i].RemoteAddr || ms.Status != 200 {
				t.Errorf("manifest snapshot %+v\nstored %+v", ms, sn)
			}
		}
	})

	t.Run("sha256sum", func(t *testing.T) {
		if _, err := exec.LookPath("sha256sum"); err != nil {
			t.Skip("sha256sum not installed")
		}
		cmd := exec.Command("sha256sum", "-c", "--strict", "SHA256SUMS")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sha256sum -c: %v\n%s", err, out)
		}
		if n := strings.Count(string(out), ": OK"); n != 6 {
			t.Errorf("sha256sum checked %d files, want 6:\n%s", n, out)
		}
		// Tampering shows.
		os.WriteFile(filepath.Join(dir, "body-1.bin"), []byte("edited"), 0o644)
		if out, err := cmd.CombinedOutput(); err == nil {
			t.Errorf("sha256sum -c passed a tampered file:\n%s", out)
		}
	})

	t.Run("warc", func(t *testing.T) {
		checkWARC(t, filepath.Join(dir, "case-1.warc.gz"), snaps, obs)
	})

	t.Run("not empty", func(t *testing.T) {
		if _, err := s.ExportEvidence(caseID, dir); err == nil {
			t.Error("export into a non-empty directory succeeded")
		}
	})
	t.Run("no such case", func(t *testing.T) {
		if _, err := s.ExportEvidence(99, t.TempDir()); !errors.Is(err, ErrNotFound) {
			t.Errorf("export of case 99: %v", err)
		}
	})
}

func itoa(v uint64) string { return strconv.FormatUint(v, 10) }

// checkWARC reads the export with gowarc, validating syntax, spec and
// digests strictly, and compares it with what was recorded.
func checkWARC(t *testing.T, path string, snaps []Snapshot, obs []Observation) {
	t.Helper()
	rd, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var types []string
	var infoID string
	snap := -1
	for rec, err := range rd.Records() {
		if err != nil {
			t.Fatalf("record %d: %v", len(types)+1, err)
		}
		wr := rec.WarcRecord
		if len(rec.Validation) > 0 {
			t.Errorf("record %d: %v", len(types)+1, rec.Validation)
		}
		types = append(types, wr.Type().String())
		h := wr.WarcHeader()
		if wr.Version().String() != "WARC/1.1" {
			t.Errorf("version %s", wr.Version())
		}
		if wr.Type() != gowarc.Warcinfo && h.GetId(gowarc.WarcWarcinfoID) != infoID {
			t.Errorf("%s record does not refer to the warcinfo record", wr.Type())
		}
		switch wr.Type() {
		case gowarc.Warcinfo:
			infoID = h.GetId(gowarc.WarcRecordID)
			if h.Get(gowarc.WarcFilename) != "case-1.warc.gz" {
				t.Errorf("WARC-Filename %q", h.Get(gowarc.WarcFilename))
			}
		case gowarc.Response:
			snap++
			sn, o := snaps[snap], obs[snap]
			if got := h.Get(gowarc.WarcTargetURI); got != o.FinalURL {
				t.Errorf("WARC-Target-URI %q, want %q", got, o.FinalURL)
			}
			if got, _ := h.GetTime(gowarc.WarcDate); !got.Equal(o.FetchedAt) {
				t.Errorf("WARC-Date %v, want %v", got, o.FetchedAt)
			}
			wantIP := map[int]string{0: "127.0.0.1", 1: "2001:db8::1", 2: "2001:db8::1"}[snap]
			if got := h.Get(gowarc.WarcIPAddress); got != wantIP {
				t.Errorf("WARC-IP-Address %q, want %q", got, wantIP)
			}
			if (h.Get(gowarc.WarcTruncated) == "length") != o.Truncated {
				t.Errorf("snapshot %d: WARC-Truncated %q", sn.ID, h.Get(gowarc.WarcTruncated))
			}
			for _, f := range []string{gowarc.WarcBlockDigest, gowarc.WarcPayloadDigest} {
				if !strings.HasPrefix(h.Get(f), "sha1:") || len(h.Get(f)) != len("sha1:")+32 {
					t.Errorf("%s = %q, want sha1 base32", f, h.Get(f))
				}
			}
			// Independently of gowarc: the payload digest is SHA-1 of the
			// body as recorded, base32.
			sha := sha1.Sum(o.Body)
			if want := "sha1:" + base32.StdEncoding.EncodeToString(sha[:]); h.Get(gowarc.WarcPayloadDigest) != want {
				t.Errorf("WARC-Payload-Digest %s, want %s", h.Get(gowarc.WarcPayloadDigest), want)
			}
			if _, err := wr.ValidateDigest(); err != nil {
				t.Errorf("snapshot %d: digest: %v", sn.ID, err)
			}
			block, ok := wr.Block().(gowarc.HttpResponseBlock)
			if !ok {
				t.Fatalf("response block is %T", wr.Block())
			}
			if block.HttpStatusCode() != 200 {
				t.Errorf("status %d", block.HttpStatusCode())
			}
			hh := block.HttpHeader()
			if snap == 0 {
				if hh.Get("Content-Encoding") != "" || hh.Get("Transfer-Encoding") != "" || len(hh.Values("Set-Cookie")) != 2 {
					t.Errorf("rebuilt header %v", hh)
				}
			}
			if hh.Get("Content-Length") != itoa(uint64(len(o.Body))) {
				t.Errorf("Content-Length %q, body %d bytes", hh.Get("Content-Length"), len(o.Body))
			}
			r, err := block.PayloadBytes()
			if err != nil {
				t.Fatal(err)
			}
			payload, _ := io.ReadAll(r)
			sum := sha256.Sum256(payload)
			if hex.EncodeToString(sum[:]) != sn.BodySHA256 || !bytes.Equal(payload, o.Body) {
				t.Errorf("snapshot %d: WARC payload does not match the recorded body", sn.ID)
			}
		case gowarc.Resource:
			if h.Get(gowarc.ContentType) != "image/png" {
				t.Errorf("resource %s", h.Get(gowarc.ContentType))
			}
			r, _ := wr.Block().RawBytes()
			data, _ := io.ReadAll(r)
			if !bytes.Equal(data, pngBytes) {
				t.Error("screenshot record differs")
			}
		case gowarc.Metadata:
			r, _ := wr.Block().RawBytes()
			data, _ := io.ReadAll(r)
			text := string(data)
			sn := snaps[snap]
			if !strings.Contains(text, "body-sha256: "+sn.BodySHA256) || !strings.Contains(text, "requested-url: "+obs[snap].URL) {
				t.Errorf("metadata of snapshot %d:\n%s", sn.ID, text)
			}
			if sn.ScreenshotSHA256 != "" && !strings.Contains(text, "screenshot-file: snapshot-"+itoa(sn.ID)+".png") {
				t.Errorf("metadata does not link the screenshot:\n%s", text)
			}
			if snap == 0 && (!strings.Contains(text, "http-header-removed: Content-Encoding: gzip") ||
				!strings.Contains(text, "http-header-replaced: Content-Length: 99")) {
				t.Errorf("metadata does not list header changes:\n%s", text)
			}
		}
		rec.Close()
	}
	want := "warcinfo response metadata response resource metadata response metadata"
	if strings.Join(types, " ") != want {
		t.Errorf("records %v\nwant    %s", types, want)
	}
}

func TestExportRemovesPartialOutput(t *testing.T) {
	s, caseID, _ := exportFixture(t)
	// Damage a stored body: the export must refuse and leave nothing.
	snaps, _ := s.Snapshots(caseID)
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketBodies).Put(u64(snaps[1].ID), []byte("tampered"))
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := s.ExportEvidence(caseID, dir); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("export of a damaged snapshot: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed export left %d files", len(entries))
	}
}
