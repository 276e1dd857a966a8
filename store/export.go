package store

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Manifest describes an evidence export: every file with its SHA-256, and
// the snapshots the WARC file holds. It is written as manifest.json.
type Manifest struct {
	Case       Case               `json:"case"`
	ExportedAt time.Time          `json:"exported_at"`
	Files      []ManifestFile     `json:"files"`
	Snapshots  []ManifestSnapshot `json:"snapshots"`
	// HostFacts are the host facts records kept for the case, each
	// exported as hostfacts-<id>.json (hostfacts.go).
	HostFacts []ManifestHostFacts `json:"host_facts,omitempty"`
}

// ManifestFile is one exported file.
type ManifestFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// ManifestSnapshot is one snapshot in an export.
type ManifestSnapshot struct {
	ID               uint64    `json:"id"`
	URL              string    `json:"url"`
	FinalURL         string    `json:"final_url"`
	FetchedAt        time.Time `json:"fetched_at"`
	BodySHA256       string    `json:"body_sha256"`
	ScreenshotSHA256 string    `json:"screenshot_sha256,omitempty"`
	RemoteAddr       string    `json:"remote_addr"`
	Status           int       `json:"status"`
}

// File names in an export.
const (
	manifestName = "manifest.json"
	sumsName     = "SHA256SUMS"
)

// ExportEvidence writes a case's evidence into dir (created if needed; it
// must be empty) so that a third party can verify it with standard tools:
//
//   - case-<id>.warc.gz: WARC 1.1, one gzip member per record: a warcinfo
//     record; then per snapshot a response record whose block is the HTTP
//     response rebuilt from the stored status, headers and body
//     (WARC-Target-URI is the final URL, WARC-Date the fetch time,
//     WARC-IP-Address the remote IP, SHA-1 block and payload digests in
//     base32, WARC-Truncated: length for truncated bodies), a resource
//     record with the screenshot if there is one, and a metadata record
//     linking it all (requested URL, SHA-256 hashes, file names, and any
//     change made to the HTTP header, see below);
//   - body-<id>.bin: each snapshot's raw body; snapshot-<id>.png: each
//     screenshot;
//   - manifest.json: see Manifest;
//   - SHA256SUMS: every other file, in `sha256sum -c` format.
//
// The crawler stores bodies after transfer and content decoding, so the
// rebuilt HTTP header omits Transfer-Encoding and Content-Encoding and
// states the stored body's Content-Length; the metadata record lists the
// original values. A snapshot without an HTTP status (none was observed)
// becomes a resource record instead of a response. Bodies and screenshots
// are checked against their stored SHA-256 before anything is written.
func (s *Store) ExportEvidence(caseID uint64, dir string) (*Manifest, error) {
	m, err := WriteEvidence(s, caseID, dir, s.now())
	if err != nil {
		return nil, fmt.Errorf("store: export evidence of case %d: %w", caseID, err)
	}
	return m, nil
}

// EvidenceSource is what an evidence export reads: a backend's case, its
// snapshots and their bytes.
type EvidenceSource interface {
	Case(id uint64) (*Case, error)
	Snapshots(caseID uint64) ([]Snapshot, error)
	SnapshotBody(snapshotID uint64) ([]byte, error)
	SnapshotScreenshot(snapshotID uint64) ([]byte, error)
}

// WriteEvidence writes the export ExportEvidence describes from any
// backend, dated now.
func WriteEvidence(s EvidenceSource, caseID uint64, dir string, now time.Time) (_ *Manifest, err error) {
	c, err := s.Case(caseID)
	if err != nil {
		return nil, err
	}
	snaps, err := s.Snapshots(caseID)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if entries, err := os.ReadDir(dir); err != nil {
		return nil, err
	} else if len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty", dir)
	}

	// What was written is removed again on failure: a partial export must
	// not pass for evidence.
	defer func() {
		if err != nil {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}()

	m := &Manifest{Case: *c, ExportedAt: now}
	warcName := fmt.Sprintf("case-%d.warc.gz", caseID)
	ww, err := newWARCWriter(filepath.Join(dir, warcName))
	if err != nil {
		return nil, err
	}
	defer ww.abort()
	if err := ww.writeInfo(warcName, c, m.ExportedAt); err != nil {
		return nil, fmt.Errorf("%s: %w", warcName, err)
	}
	for _, sn := range snaps {
		body, err := s.SnapshotBody(sn.ID)
		if err != nil {
			return nil, err
		}
		if err := verifyHash(body, sn.BodySHA256); err != nil {
			return nil, fmt.Errorf("body of snapshot %d: %w", sn.ID, err)
		}
		bodyName := fmt.Sprintf("body-%d.bin", sn.ID)
		f, err := writeFile(dir, bodyName, body)
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, f)

		var shot []byte
		shotName := ""
		if sn.ScreenshotSHA256 != "" {
			if shot, err = s.SnapshotScreenshot(sn.ID); err != nil {
				return nil, err
			}
			if err := verifyHash(shot, sn.ScreenshotSHA256); err != nil {
				return nil, fmt.Errorf("screenshot of snapshot %d: %w", sn.ID, err)
			}
			shotName = fmt.Sprintf("snapshot-%d.png", sn.ID)
			f, err := writeFile(dir, shotName, shot)
			if err != nil {
				return nil, err
			}
			m.Files = append(m.Files, f)
		}
		if err := ww.writeSnapshot(&sn, body, bodyName, shot, shotName); err != nil {
			return nil, fmt.Errorf("%s: snapshot %d: %w", warcName, sn.ID, err)
		}
		m.Snapshots = append(m.Snapshots, ManifestSnapshot{
			ID: sn.ID, URL: sn.URL, FinalURL: sn.FinalURL, FetchedAt: sn.FetchedAt,
			BodySHA256: sn.BodySHA256, ScreenshotSHA256: sn.ScreenshotSHA256,
			RemoteAddr: sn.RemoteAddr, Status: sn.Status,
		})
	}
	wf, err := ww.close(warcName)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", warcName, err)
	}
	m.Files = append(m.Files, wf)
	if err := writeHostFacts(s, caseID, dir, m); err != nil {
		return nil, err
	}
	slices.SortFunc(m.Files, func(a, b ManifestFile) int { return strings.Compare(a.Name, b.Name) })

	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	mf, err := writeFile(dir, manifestName, append(data, '\n'))
	if err != nil {
		return nil, err
	}
	var sums strings.Builder
	for _, f := range append(slices.Clone(m.Files), mf) {
		fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Name)
	}
	if _, err := writeFile(dir, sumsName, []byte(sums.String())); err != nil {
		return nil, err
	}
	return m, nil
}

// verifyHash checks data against a stored hex SHA-256.
func verifyHash(data []byte, want string) error {
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); !strings.EqualFold(got, want) {
		return fmt.Errorf("stored SHA-256 %s, content has %s: the database is damaged", want, got)
	}
	return nil
}

// writeFile creates dir/name (which must not exist), writes data, syncs it.
func writeFile(dir, name string, data []byte) (ManifestFile, error) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return ManifestFile{}, err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return ManifestFile{}, fmt.Errorf("write %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	return ManifestFile{Name: name, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(data))}, nil
}

// warcWriter writes a gzipped WARC file, one gzip member per record (so
// readers can seek to records), hashing what it writes.
type warcWriter struct {
	f      *os.File
	sha    hash.Hash
	n      int64
	marsh  gowarc.Marshaler
	infoID string
	closed bool
}

// warcRecordOptions make gowarc compute SHA-1 digests (base32, as WARC
// tools expect) for every record built.
var warcRecordOptions = []gowarc.WarcRecordOption{
	gowarc.WithDefaultDigestAlgorithm("sha1"),
	gowarc.WithAddMissingDigest(true),
	gowarc.WithSpecViolationPolicy(gowarc.ErrFail),
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail),
}

func newWARCWriter(path string) (*warcWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &warcWriter{f: f, sha: sha256.New(), marsh: gowarc.NewMarshaler()}, nil
}

func (w *warcWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.sha.Write(p[:n])
	w.n += int64(n)
	return n, err
}

// write builds a record and appends it as one gzip member; it returns the
// record's id.
func (w *warcWriter) write(rb gowarc.WarcRecordBuilder) (string, error) {
	if w.infoID != "" {
		rb.AddWarcHeader(gowarc.WarcWarcinfoID, "<"+w.infoID+">")
	}
	rec, validation, err := rb.Build()
	if err == nil && len(validation) > 0 {
		err = errors.Join(validation...)
	}
	if err != nil {
		if rec != nil {
			rec.Close()
		}
		return "", fmt.Errorf("build record: %w", err)
	}
	defer rec.Close()
	gz := gzip.NewWriter(w)
	if _, _, err := w.marsh.Marshal(gz, rec, 0); err != nil {
		return "", fmt.Errorf("write record: %w", err)
	}
	if err := gz.Close(); err != nil {
		return "", fmt.Errorf("write record: %w", err)
	}
	return rec.WarcHeader().GetId(gowarc.WarcRecordID), nil
}

func (w *warcWriter) writeInfo(fileName string, c *Case, at time.Time) error {
	rb := gowarc.NewRecordBuilder(gowarc.Warcinfo, warcRecordOptions...)
	rb.AddWarcHeaderTime(gowarc.WarcDate, at)
	rb.AddWarcHeader(gowarc.WarcFilename, fileName)
	rb.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	writeFields(rb, [][2]string{
		{"software", "certwatch"},
		{"format", "WARC File Format 1.1"},
		{"conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"},
		{"description", fmt.Sprintf("evidence of certwatch case %d (%s), exported %s", c.ID, c.Key, at.Format(time.RFC3339))},
	})
	id, err := w.write(rb)
	w.infoID = id
	return err
}

// writeSnapshot writes the response (or resource), screenshot and
// metadata records of one snapshot.
func (w *warcWriter) writeSnapshot(sn *Snapshot, body []byte, bodyName string, shot []byte, shotName string) error {
	target := sn.FinalURL
	if target == "" {
		target = sn.URL
	}
	target = oneLine(target)
	ip := remoteIP(sn.RemoteAddr)

	var rb gowarc.WarcRecordBuilder
	var changes [][2]string
	if sn.Status > 0 {
		rb = gowarc.NewRecordBuilder(gowarc.Response, warcRecordOptions...)
		rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		var head string
		head, changes = httpHead(sn.Status, sn.Header, len(body))
		rb.WriteString(head)
	} else {
		rb = gowarc.NewRecordBuilder(gowarc.Resource, warcRecordOptions...)
		ct := oneLine(sn.Header.Get("Content-Type"))
		if ct == "" {
			ct = "application/octet-stream"
		}
		rb.AddWarcHeader(gowarc.ContentType, ct)
	}
	rb.AddWarcHeader(gowarc.WarcTargetURI, target)
	rb.AddWarcHeaderTime(gowarc.WarcDate, sn.FetchedAt)
	if ip != "" {
		rb.AddWarcHeader(gowarc.WarcIPAddress, ip)
	}
	if sn.Truncated {
		rb.AddWarcHeader(gowarc.WarcTruncated, "length")
	}
	if _, err := rb.Write(body); err != nil {
		return err
	}
	respID, err := w.write(rb)
	if err != nil {
		return err
	}

	shotID := ""
	if shot != nil {
		rb := gowarc.NewRecordBuilder(gowarc.Resource, warcRecordOptions...)
		rb.AddWarcHeader(gowarc.WarcTargetURI, fmt.Sprintf("urn:certwatch:snapshot:%d:screenshot", sn.ID))
		rb.AddWarcHeaderTime(gowarc.WarcDate, sn.FetchedAt)
		rb.AddWarcHeader(gowarc.ContentType, "image/png")
		rb.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+respID+">")
		if _, err := rb.Write(shot); err != nil {
			return err
		}
		if shotID, err = w.write(rb); err != nil {
			return err
		}
	}

	fields := [][2]string{
		{"certwatch-case", strconv.FormatUint(sn.CaseID, 10)},
		{"certwatch-snapshot", strconv.FormatUint(sn.ID, 10)},
		{"certwatch-sweep", strconv.FormatUint(sn.SweepID, 10)},
		{"requested-url", sn.URL},
		{"final-url", target},
		{"fetched-at", sn.FetchedAt.UTC().Format(time.RFC3339Nano)},
		{"remote-addr", sn.RemoteAddr},
		{"body-file", bodyName},
		{"body-sha256", sn.BodySHA256},
		{"body-bytes", strconv.Itoa(len(body))},
		{"truncated", strconv.FormatBool(sn.Truncated)},
		{"rendered", strconv.FormatBool(sn.Rendered)},
		{"score", strconv.FormatFloat(sn.Score, 'f', -1, 64)},
		{"category", sn.Category},
	}
	if shot != nil {
		fields = append(fields,
			[2]string{"screenshot-file", shotName},
			[2]string{"screenshot-sha256", sn.ScreenshotSHA256},
			[2]string{"screenshot-record", "<" + shotID + ">"},
		)
	}
	fields = append(fields, changes...)
	rb = gowarc.NewRecordBuilder(gowarc.Metadata, warcRecordOptions...)
	rb.AddWarcHeader(gowarc.WarcTargetURI, target)
	rb.AddWarcHeaderTime(gowarc.WarcDate, sn.FetchedAt)
	rb.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	rb.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+respID+">")
	writeFields(rb, fields)
	_, err = w.write(rb)
	return err
}

// close finishes the file and returns its manifest entry.
func (w *warcWriter) close(name string) (ManifestFile, error) {
	w.closed = true
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return ManifestFile{}, err
	}
	return ManifestFile{Name: name, SHA256: hex.EncodeToString(w.sha.Sum(nil)), Bytes: w.n}, nil
}

// abort closes the file after a failure.
func (w *warcWriter) abort() {
	if !w.closed {
		w.f.Close()
	}
}

// framingHeaders describe how the body travelled, not what it is; the
// stored body is decoded, so they no longer apply to it.
var framingHeaders = []string{"Transfer-Encoding", "Content-Encoding"}

// httpHead rebuilds the status line and header of a response for a body of
// bodyLen bytes as stored. It returns the changes made to the stored
// header as metadata fields.
func httpHead(status int, h http.Header, bodyLen int) (string, [][2]string) {
	var b strings.Builder
	text := http.StatusText(status)
	if text == "" {
		text = "Status " + strconv.Itoa(status)
	}
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, text)
	var changes [][2]string
	sawLength := false
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		name := http.CanonicalHeaderKey(k)
		switch {
		case slices.Contains(framingHeaders, name):
			for _, v := range h[k] {
				changes = append(changes, [2]string{"http-header-removed", name + ": " + v})
			}
			continue
		case name == "Content-Length":
			// The stored body's length is written below.
			sawLength = true
			for _, v := range h[k] {
				if v != strconv.Itoa(bodyLen) {
					changes = append(changes, [2]string{"http-header-replaced", name + ": " + v})
				}
			}
			continue
		}
		for _, v := range h[k] {
			fmt.Fprintf(&b, "%s: %s\r\n", oneLine(k), oneLine(v))
		}
	}
	if !sawLength {
		changes = append(changes, [2]string{"http-header-added", "Content-Length: " + strconv.Itoa(bodyLen)})
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", bodyLen)
	return b.String(), changes
}

// writeFields writes an application/warc-fields block.
func writeFields(rb gowarc.WarcRecordBuilder, fields [][2]string) {
	for _, f := range fields {
		if f[1] == "" {
			continue
		}
		rb.WriteString(f[0] + ": " + oneLine(f[1]) + "\r\n")
	}
}

// oneLine keeps a header value on one line: crawled data is hostile.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == 0 {
			return ' '
		}
		return r
	}, s)
}

// remoteIP is the IP of an ip:port (or a bare IP), "" if none.
func remoteIP(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		addr = host
	}
	if ip := net.ParseIP(addr); ip != nil {
		return ip.String()
	}
	return ""
}
