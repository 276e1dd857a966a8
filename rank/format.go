package rank

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

// Format is the format string of model files this program reads and writes.
const Format = "certwatch-model/1"

const formatPrefix = "certwatch-model/"

// MaxModelSize is the largest model file Load accepts; the payload may
// not decompress to more than MaxPayloadSize.
const (
	MaxModelSize   = 64 << 20
	MaxPayloadSize = 256 << 20
	maxHeaderSize  = 1 << 20
)

// payloadMagic starts the decompressed payload.
var payloadMagic = []byte("CWMP\x01")

// Errors a load can fail with (wrapped in a *LoadError).
var (
	ErrNotModel  = errors.New("not a certwatch model file")
	ErrFuture    = errors.New("model format is newer than this program reads")
	ErrCorrupt   = errors.New("model file is corrupt")
	ErrTruncated = errors.New("model file is truncated")
	ErrMismatch  = errors.New("model does not fit this program")
	ErrTooLarge  = errors.New("model file is too large")
)

// LoadError says which model failed to load and why.
type LoadError struct {
	File    string // where it was read from
	Version string // the model's version when the header could be read
	Err     error  // wraps one of the Err* values
}

func (e *LoadError) Error() string {
	v := e.Version
	if v == "" {
		v = "version unknown"
	}
	return fmt.Sprintf("rank: load model %s (%s): %v", e.File, v, e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

// Load reads a model file (see Parse).
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rank: load model: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxModelSize+1))
	if err != nil {
		return nil, fmt.Errorf("rank: load model %s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse reads a model from the bytes of a model file; name is used in
// errors. It checks, in order: size, the header line (JSON, known fields
// only, format), the payload's size and SHA-256, the feature scheme and
// normaliser against this program's, then the payload's structure. Any
// failure is a *LoadError naming the version when known.
func Parse(name string, data []byte) (*Model, error) {
	fail := func(version string, kind error, format string, args ...any) (*Model, error) {
		return nil, &LoadError{File: name, Version: version, Err: fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)}
	}
	if len(data) > MaxModelSize {
		return fail("", ErrTooLarge, "more than %d bytes", MaxModelSize)
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 || nl > maxHeaderSize {
		if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			return fail("", ErrNotModel, "no %s header line", Format)
		}
		return fail("", ErrTruncated, "the header line does not end")
	}
	var h Header
	dec := json.NewDecoder(bytes.NewReader(data[:nl]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		// A newer format may add fields: say so rather than "unknown field".
		var probe struct{ Format string }
		if json.Unmarshal(data[:nl], &probe) == nil && strings.HasPrefix(probe.Format, formatPrefix) && probe.Format != Format {
			return fail("", ErrFuture, "file is %q, this program reads %q: upgrade certwatch", probe.Format, Format)
		}
		return fail("", ErrNotModel, "header: %v", err)
	}
	switch {
	case h.Format == Format:
	case strings.HasPrefix(h.Format, formatPrefix):
		return fail(h.version(), ErrFuture, "file is %q, this program reads %q: upgrade certwatch", h.Format, Format)
	default:
		return fail("", ErrNotModel, "header format %q, want %q", h.Format, Format)
	}
	version := h.version()
	payload := data[nl+1:]
	switch {
	case h.Payload.Encoding != "gzip":
		return fail(version, ErrCorrupt, "payload encoding %q, want \"gzip\"", h.Payload.Encoding)
	case int64(len(payload)) < h.Payload.Size:
		return fail(version, ErrTruncated, "header says %d payload bytes, file has %d", h.Payload.Size, len(payload))
	case int64(len(payload)) > h.Payload.Size:
		return fail(version, ErrCorrupt, "header says %d payload bytes, file has %d", h.Payload.Size, len(payload))
	}
	sum := sha256.Sum256(payload)
	if got := hex.EncodeToString(sum[:]); got != h.Payload.SHA256 {
		return fail(version, ErrCorrupt, "payload SHA-256 is %.12s…, the header says %.12s…", got, h.Payload.SHA256)
	}
	if err := checkFeatures(h); err != nil {
		return fail(version, ErrMismatch, "%v", err)
	}
	m, err := decodePayload(h, payload)
	if err != nil {
		return fail(version, ErrCorrupt, "payload: %v", err)
	}
	m.rawHdr = bytes.Clone(data[:nl])
	return m, nil
}

// checkFeatures compares a header's feature scheme, normaliser and
// classes with this program's.
func checkFeatures(h Header) error {
	f := h.Features
	switch {
	case h.Name == "" || strings.ContainsFunc(h.Name, func(r rune) bool { return r < ' ' || r == '@' || r == '+' }):
		return fmt.Errorf("model name %q is empty or holds control characters, @ or +", h.Name)
	case f.Scheme != FeatureScheme:
		return fmt.Errorf("feature scheme %q, this program computes %q: retrain the model", f.Scheme, FeatureScheme)
	case f.Normaliser != NormaliserFingerprint:
		return fmt.Errorf("trained with normaliser %s, this program's is %s (text normalisation changed): retrain the model", f.Normaliser, NormaliserFingerprint)
	case f.NGramMin < 1 || f.NGramMax < f.NGramMin || f.NGramMax > 8:
		return fmt.Errorf("n-gram range %d–%d is not within 1–8", f.NGramMin, f.NGramMax)
	case f.MaxRunes < 1:
		return fmt.Errorf("max_runes %d", f.MaxRunes)
	case f.Window < 0:
		return fmt.Errorf("window %d", f.Window)
	case h.VocabSize < 1:
		return fmt.Errorf("vocab_size %d", h.VocabSize)
	case !(h.Threshold > 0 && h.Threshold < 1):
		return fmt.Errorf("threshold %v is not in (0, 1)", h.Threshold)
	case len(h.Classes) != len(Classes):
		return fmt.Errorf("classes %v, this program knows %v", h.Classes, Classes)
	}
	for i, c := range h.Classes {
		if c != Classes[i] {
			return fmt.Errorf("classes %v, this program knows %v", h.Classes, Classes)
		}
	}
	return nil
}

// decodePayload reads the gzip'd payload:
//
//	magic "CWMP\x01"
//	uvarint ngram_min, ngram_max, max_runes, window; float64 threshold
//	    (copies of the header's: the version hash covers everything that
//	    changes a prediction)
//	uvarint K (classes), uvarint V (vocabulary)
//	K × (float32 bias, float32 scale)          little endian
//	V × (uvarint length, UTF-8 n-gram)
//	V × K int8 weights, feature-major; weight = q × scale of its class
func decodePayload(h Header, payload []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(zr, MaxPayloadSize+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxPayloadSize {
		return nil, fmt.Errorf("decompresses to more than %d bytes", MaxPayloadSize)
	}
	if !bytes.HasPrefix(raw, payloadMagic) {
		return nil, errors.New("bad magic")
	}
	r := bytes.NewReader(raw[len(payloadMagic):])
	f := h.Features
	var params [4]uint64
	for i := range params {
		if params[i], err = binary.ReadUvarint(r); err != nil {
			return nil, fmt.Errorf("parameters: %w", err)
		}
	}
	var tb [8]byte
	if _, err := io.ReadFull(r, tb[:]); err != nil {
		return nil, fmt.Errorf("threshold: %w", err)
	}
	th := math.Float64frombits(binary.LittleEndian.Uint64(tb[:]))
	if params != [4]uint64{uint64(f.NGramMin), uint64(f.NGramMax), uint64(f.MaxRunes), uint64(f.Window)} || th != h.Threshold {
		return nil, fmt.Errorf("n-grams %d–%d, max_runes %d, window %d, threshold %v; the header says %d–%d, %d, %d, %v",
			params[0], params[1], params[2], params[3], th, f.NGramMin, f.NGramMax, f.MaxRunes, f.Window, h.Threshold)
	}
	k, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("class count: %w", err)
	}
	v, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("vocabulary size: %w", err)
	}
	if int(k) != len(h.Classes) || int(v) != h.VocabSize {
		return nil, fmt.Errorf("%d classes and %d n-grams, the header says %d and %d", k, v, len(h.Classes), h.VocabSize)
	}
	if v*k > uint64(r.Len()) {
		return nil, fmt.Errorf("%d weights announced, %d bytes left", v*k, r.Len())
	}
	bias := make([]float32, k)
	scale := make([]float32, k)
	var buf [8]byte
	for c := range bias {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return nil, fmt.Errorf("class %d: %w", c, err)
		}
		bias[c] = math.Float32frombits(binary.LittleEndian.Uint32(buf[:4]))
		scale[c] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4:]))
		if !finite(bias[c]) || !finite(scale[c]) || scale[c] < 0 {
			return nil, fmt.Errorf("class %d: bias %v, scale %v", c, bias[c], scale[c])
		}
	}
	vocab := make([]string, v)
	index := newGramIndex(int(v))
	for j := range vocab {
		n, err := binary.ReadUvarint(r)
		if err != nil || n == 0 || n > 64 || n > uint64(r.Len()) {
			return nil, fmt.Errorf("n-gram %d: bad length", j)
		}
		b := make([]byte, n)
		_, _ = r.Read(b)
		s := string(b)
		rs := []rune(s)
		if !utf8.ValidString(s) || len(rs) < f.NGramMin || len(rs) > f.NGramMax {
			return nil, fmt.Errorf("n-gram %d (%q) is not a valid %d–%d character n-gram", j, s, f.NGramMin, f.NGramMax)
		}
		if !index.put(hashGram(rs), int32(j)) {
			return nil, fmt.Errorf("n-gram %d (%q) is repeated", j, s)
		}
		vocab[j] = s
	}
	if uint64(r.Len()) != v*k {
		return nil, fmt.Errorf("%d weight bytes, want %d", r.Len(), v*k)
	}
	w := make([]float32, v*k)
	for i := range w {
		q, _ := r.ReadByte()
		w[i] = float32(int8(q)) * scale[i%int(k)]
	}
	m := &Model{header: h, vocab: vocab, index: index, w: w, bias: bias, payload: payload}
	m.neg = slices.Index(h.Classes, Negative)
	return m, nil
}

func finite(f float32) bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }

// quantized is a model's weights as stored.
type quantized struct {
	params    [4]uint64 // ngram_min, ngram_max, max_runes, window
	threshold float64
	vocab     []string
	q         []int8 // feature-major
	scale     []float32
	bias      []float32
}

// encodePayload is decodePayload's inverse; gzip at the best compression
// with no name or time, so equal weights give equal bytes.
func encodePayload(qm *quantized) ([]byte, error) {
	var raw bytes.Buffer
	raw.Write(payloadMagic)
	for _, p := range qm.params {
		raw.Write(binary.AppendUvarint(nil, p))
	}
	raw.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(qm.threshold)))
	raw.Write(binary.AppendUvarint(nil, uint64(len(qm.bias))))
	raw.Write(binary.AppendUvarint(nil, uint64(len(qm.vocab))))
	for c := range qm.bias {
		raw.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(qm.bias[c])))
		raw.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(qm.scale[c])))
	}
	for _, s := range qm.vocab {
		raw.Write(binary.AppendUvarint(nil, uint64(len(s))))
		raw.WriteString(s)
	}
	for _, q := range qm.q {
		raw.WriteByte(byte(q))
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// WriteTo writes the model file: the header as one JSON line, then the
// payload. A loaded model writes the bytes it was read from.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	hdr := m.rawHdr
	if hdr == nil {
		var err error
		if hdr, err = json.Marshal(m.header); err != nil {
			return 0, fmt.Errorf("rank: write model: %w", err)
		}
	}
	bw := bufio.NewWriter(w)
	n1, _ := bw.Write(hdr)
	n2, _ := bw.Write([]byte{'\n'})
	n3, _ := bw.Write(m.payload)
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("rank: write model: %w", err)
	}
	return int64(n1 + n2 + n3), nil
}

// Bytes returns the model file's bytes.
func (m *Model) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Save writes the model file to path (through a temporary file renamed
// into place).
func (m *Model) Save(path string) error {
	data, err := m.Bytes()
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("rank: save model: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rank: save model: %w", err)
	}
	return nil
}
