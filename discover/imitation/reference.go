package imitation

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	_ "image/jpeg" // screenshots may be JPEG

	"github.com/corona10/goimagehash"
	"github.com/nfnt/resize"

	"github.com/certwatch/certwatch/discover/imitation/reference"
	"github.com/certwatch/certwatch/internal/atomicfile"
)

// Bounds of references and screenshots.
const (
	MaxPixels     = 40 << 20 // a screenshot larger than this is not decoded
	MaxShotBytes  = 16 << 20
	MaxThumbBytes = 256 << 10
	thumbWidth    = 480
	// MaxKept bounds the references a sweep keeps (Set.Keep).
	MaxKept = 32
	// MaxStateFile bounds the state file LoadStateFile reads.
	MaxStateFile = 16 << 20
	maxIssuers   = 4
)

// DefaultIssuers are the issuers of the official query sites; a
// reference's Issuer are those its page names (with Options' and the
// pack's agencies).
var DefaultIssuers = []string{
	"中华人民共和国应急管理部", "中华人民共和国住房和城乡建设部", "国家市场监督管理总局", "应急管理部",
	"住房和城乡建设部", "市场监督管理总局", "人力资源和社会保障部", "特种设备安全监察局",
	"住建部", "市场监管总局",
}

// Reference is the snapshot of an official page.
type Reference struct {
	Snapshot
	// Issuer are the issuer's names the page carries, longest first.
	Issuer []string `json:"issuer,omitempty"`
	// Hash is the perceptual hash of the page's screenshot (its first
	// screen), when HasHash.
	Hash    uint64 `json:"hash,omitempty"`
	HasHash bool   `json:"has_hash,omitempty"`
	// Shot is a thumbnail (PNG, at most MaxThumbBytes) of the screenshot,
	// for the case page's comparison.
	Shot []byte `json:"shot,omitempty"`
	// Origin says where it came from: "embedded", "file" or "kept" (a
	// sweep fetched the official page).
	Origin string    `json:"origin"`
	KeptAt time.Time `json:"kept_at,omitzero"`
}

// Kinds are the field kinds of the page's forms, in FieldKinds order.
func (r *Reference) Kinds() []string {
	var ks []string
	for _, f := range r.Forms {
		ks = append(ks, f.Kinds...)
	}
	return sortKinds(ks)
}

// NewReference reads an official page (and its screenshot, nil when it
// was not rendered) into a reference. extra are issuer words besides
// DefaultIssuers.
func NewReference(pageURL string, body, shot []byte, extra []string) (*Reference, error) {
	r := &Reference{Snapshot: *Extract(pageURL, body)}
	if r.Host == "" {
		return nil, fmt.Errorf("imitation: reference %q has no host", pageURL)
	}
	seen := map[string]bool{}
	for _, w := range append(slices.Clone(DefaultIssuers), extra...) {
		if w != "" && !seen[w] && (strings.Contains(r.Text, w) || strings.Contains(r.Title, w)) {
			seen[w] = true
			r.Issuer = append(r.Issuer, w)
		}
	}
	slices.SortStableFunc(r.Issuer, func(a, b string) int { return len(b) - len(a) })
	if len(r.Issuer) > maxIssuers {
		r.Issuer = r.Issuer[:maxIssuers]
	}
	if len(shot) > 0 {
		h, thumb, err := HashImage(shot)
		if err != nil {
			return nil, fmt.Errorf("imitation: reference %s screenshot: %w", pageURL, err)
		}
		r.Hash, r.HasHash, r.Shot = h, true, thumb
	}
	r.Text = "" // the verdict reads the issuer, not the official text
	return r, nil
}

// ErrTooLarge: an image with more than MaxPixels pixels or MaxShotBytes bytes.
var ErrTooLarge = errors.New("imitation: image too large")

// HashImage is the perceptual hash (goimagehash's pHash) of a
// screenshot's first screen (its top, at most ¾ of its width high: pages
// of different lengths compare by what a visitor sees first), and a
// PNG thumbnail of that screen. The pixels are bounded before decoding.
func HashImage(data []byte) (uint64, []byte, error) {
	if len(data) > MaxShotBytes {
		return 0, nil, ErrTooLarge
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, nil, fmt.Errorf("imitation: screenshot: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return 0, nil, ErrTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, nil, fmt.Errorf("imitation: screenshot: %w", err)
	}
	b := img.Bounds()
	if h := b.Dx() * 3 / 4; b.Dy() > h && h > 0 {
		if si, ok := img.(interface {
			SubImage(image.Rectangle) image.Image
		}); ok {
			img = si.SubImage(image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+h))
		}
	}
	ph, err := goimagehash.PerceptionHash(img)
	if err != nil {
		return 0, nil, fmt.Errorf("imitation: screenshot hash: %w", err)
	}
	var thumb []byte
	for _, w := range []uint{thumbWidth, thumbWidth / 2} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, resize.Resize(min(w, uint(img.Bounds().Dx())), 0, img, resize.Bilinear)); err != nil {
			return 0, nil, err
		}
		if buf.Len() <= MaxThumbBytes {
			thumb = buf.Bytes()
			break
		}
	}
	return ph.GetHash(), thumb, nil
}

// Set is the references in force: those read from files and those a
// sweep kept, safe for concurrent use.
type Set struct {
	mu   sync.RWMutex
	refs []*Reference
}

// All are the references (at most MaxRefs: files first, then the kept).
func (s *Set) All() []*Reference {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.refs)
}

// Len is the number of references.
func (s *Set) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.refs)
}

// Add adds references, each replacing one of the same URL; past MaxRefs
// the rest are dropped (and counted in the result).
func (s *Set) Add(refs ...*Reference) (dropped int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range refs {
		if i := slices.IndexFunc(s.refs, func(o *Reference) bool { return pageKey(o.URL) == pageKey(r.URL) }); i >= 0 {
			s.refs[i] = r
			continue
		}
		if len(s.refs) >= MaxRefs {
			dropped++
			continue
		}
		s.refs = append(s.refs, r)
	}
	return dropped
}

// Keep adds or refreshes a reference a sweep made of an official page: it
// replaces the reference of the same page (host and path, whatever the
// scheme), one read from a file too (the page as the official site serves
// it now is the better reference). Kept references are at most MaxKept:
// the oldest kept one makes room.
func (s *Set) Keep(r *Reference, now time.Time) bool {
	r.Origin, r.KeptAt = "kept", now
	s.mu.Lock()
	defer s.mu.Unlock()
	key := pageKey(r.URL)
	same := slices.IndexFunc(s.refs, func(o *Reference) bool { return pageKey(o.URL) == key })
	if same >= 0 && s.refs[same].Origin == "kept" {
		s.refs[same] = r
		return true
	}
	if same >= 0 { // a file's reference, replaced by a kept one: the bound below holds too
		s.refs = slices.Delete(s.refs, same, same+1)
	}
	kept, oldest := 0, -1
	for i, o := range s.refs {
		if o.Origin == "kept" {
			kept++
			if oldest < 0 || o.KeptAt.Before(s.refs[oldest].KeptAt) {
				oldest = i
			}
		}
	}
	if kept >= MaxKept && oldest >= 0 {
		s.refs = slices.Delete(s.refs, oldest, oldest+1)
	}
	if len(s.refs) >= MaxRefs {
		return false
	}
	s.refs = append(s.refs, r)
	return true
}

// pageKey is a page's host and path, without the scheme, query or
// fragment.
func pageKey(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	h, p, _ := strings.Cut(u, "/")
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return strings.ToLower(h) + "/" + strings.TrimSuffix(p, "/")
}

// Kept are the references a sweep kept.
func (s *Set) Kept() []*Reference {
	var out []*Reference
	for _, r := range s.All() {
		if r.Origin == "kept" {
			out = append(out, r)
		}
	}
	return out
}

// KeptShot reports whether the set keeps a reference of the page (host
// and path, as Keep matches them) made by a sweep with a screenshot.
func (s *Set) KeptShot(pageURL string) bool {
	key := pageKey(pageURL)
	for _, r := range s.All() {
		if r.Origin == "kept" && r.HasHash && pageKey(r.URL) == key {
			return true
		}
	}
	return false
}

// ForHost is a reference of the host, nil when none.
func (s *Set) ForHost(host string) *Reference {
	for _, r := range s.All() {
		if r.Host == host {
			return r
		}
	}
	return nil
}

// Entry is one line of a references.jsonl (and of an evaluation's
// labels.jsonl): a saved page's file and the address it was saved from.
type Entry struct {
	File       string `json:"file"`
	URL        string `json:"url"`
	Screenshot string `json:"screenshot,omitempty"`
	Label      string `json:"label,omitempty"`
	Kind       string `json:"kind,omitempty"`
	// Note is the labeller's free-text reason for the label (kept in
	// labelled sets such as testdata/imitation/blind; not read).
	Note string `json:"note,omitempty"`
}

// ReadEntries reads a JSON-lines file of entries (at most max lines of at
// most 64 KiB each).
func ReadEntries(r io.Reader, max int) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if len(out) >= max {
			return nil, fmt.Errorf("line %d: more than %d entries", line, max)
		}
		var e Entry
		dec := json.NewDecoder(strings.NewReader(t))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if e.File == "" || e.URL == "" {
			return nil, fmt.Errorf("line %d: needs file and url", line)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// LoadFS reads the references of dir in fsys: dir/references.jsonl names
// each page's file and address (a file is relative to dir's parent, as in
// an evaluation directory, "reference/cx.html", or to dir itself), and
// optionally its screenshot.
func LoadFS(fsys fs.FS, dir, origin string, extra []string) ([]*Reference, error) {
	f, err := fsys.Open(path.Join(dir, "references.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("imitation: references: %w", err)
	}
	defer f.Close()
	entries, err := ReadEntries(f, MaxRefs)
	if err != nil {
		return nil, fmt.Errorf("imitation: %s/references.jsonl: %w", dir, err)
	}
	read := func(name string, max int64) ([]byte, error) {
		for _, p := range []string{path.Join(path.Dir(dir), name), path.Join(dir, name), path.Join(dir, path.Base(name))} {
			g, err := fsys.Open(p)
			if err != nil {
				continue
			}
			b, err := io.ReadAll(io.LimitReader(g, max+1))
			g.Close()
			if err != nil {
				return nil, err
			}
			if int64(len(b)) > max {
				return nil, fmt.Errorf("%s is larger than %d bytes", name, max)
			}
			return b, nil
		}
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	var out []*Reference
	for _, e := range entries {
		body, err := read(e.File, MaxBody)
		if err != nil {
			return nil, fmt.Errorf("imitation: reference: %w", err)
		}
		var shot []byte
		if e.Screenshot != "" {
			if shot, err = read(e.Screenshot, MaxShotBytes); err != nil {
				return nil, fmt.Errorf("imitation: reference: %w", err)
			}
		}
		r, err := NewReference(e.URL, body, shot, extra)
		if err != nil {
			return nil, err
		}
		r.Origin = origin
		out = append(out, r)
	}
	return out, nil
}

// LoadDir reads the references of a directory on disk (LoadFS).
func LoadDir(dir string, extra []string) ([]*Reference, error) {
	return LoadFS(os.DirFS(path.Dir(dir)), path.Base(dir), "file", extra)
}

// Defaults are the embedded references (package reference): saved
// official query pages, as the sample web serves them.
func Defaults(extra []string) ([]*Reference, error) {
	return LoadFS(reference.FS, ".", "embedded", extra)
}

// DefaultPage is the embedded saved page of an official host, nil when
// there is none (the sample web serves these).
func DefaultPage(host string) []byte { return reference.Page(host) }

// stateFile is the format of the kept references' file.
type stateFile struct {
	Version    int          `json:"version"`
	References []*Reference `json:"references"`
}

// LoadStateFile reads the kept references saved by SaveStateFile; a
// missing file is none.
func LoadStateFile(p string) ([]*Reference, error) {
	data, err := atomicfile.ReadFile(p, MaxStateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("imitation: %w", err)
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("imitation: %s: %w", p, err)
	}
	if st.Version != 1 {
		return nil, fmt.Errorf("imitation: %s: unknown version %d", p, st.Version)
	}
	out := st.References
	if len(out) > MaxKept {
		out = out[:MaxKept]
	}
	for _, r := range out {
		r.Origin = "kept"
	}
	return out, nil
}

// SaveStateFile writes the kept references (through a temporary file and a
// rename).
func SaveStateFile(p string, kept []*Reference) error {
	data, err := json.Marshal(stateFile{Version: 1, References: kept})
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(p, data, 0o644)
}
