package page

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Item is one result of Read: a page, or a bad piece of input.
type Item struct {
	Page *Page // nil when Err != nil
	// Err is a bad piece of input, an *InputError that says where it is.
	Err error
	// Cut is set when the input was longer than MaxBodySize and only its
	// start was read into Page.
	Cut *Cut
}

// Cut describes an input read only as far as MaxBodySize.
type Cut struct {
	// ScannedBytes is how many bytes of the input were read (from its
	// start); TotalBytes is the input's whole size when known (a plain
	// file, a JSON Lines html field), 0 otherwise (a gzipped file, a WARC
	// payload).
	ScannedBytes int
	TotalBytes   int64
}

// InputError is a piece of input that could not be read: a file that cannot
// be opened, a broken JSON line, a malformed WARC record.
type InputError struct {
	// Source is where: "pages.jsonl:12", "crawl.warc.gz#record 3 (offset
	// 1234)", "stdin:5", or the path for a whole file. It has the form of
	// Page.Source.
	Source string
	Err    error
}

func (e *InputError) Error() string { return "page: " + e.Source + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Read reads one input of `certwatch scan` and calls fn, in order, for every
// page and every bad piece of it. path is one of:
//
//   - "-": JSON Lines on stdin (gzipped or not), sources "stdin:LINE";
//   - *.jsonl, *.ndjson (optionally .gz): JSON Lines, one record a line,
//     {"url": "...", "html": "..."} or {"url": "...", "text": "..."}; html
//     wins when both are present; other string, number and boolean fields
//     go to Page.Meta; blank lines are skipped; lines may be up to
//     MaxLineSize long;
//   - *.warc, *.warc.gz: WARC files, see below;
//   - *.html, *.htm, *.xhtml: an HTML file; *.txt: a text file (both may be
//     gzipped); their Page.URL is "file://" + the absolute path and their
//     charset is found as by Decode;
//   - anything else is sniffed: a WARC file, JSON Lines if it starts with
//     "{", HTML if it looks like markup, text otherwise.
//
// In a WARC file, "response" records holding an HTTP response whose
// Content-Type is text/html, application/xhtml+xml or another text/* type
// become pages (URL from WARC-Target-URI, charset from the HTTP
// Content-Type), and so do "resource" records of those types; chunked
// transfer coding is removed. Other records (warcinfo, request, metadata,
// revisit, responses of other types) are skipped silently. A malformed or
// truncated record is reported with its number and byte offset (for a gzip
// member holding several records, also the offset within the member) and
// reading goes on with the next record when one can be found.
//
// An HTML or text file, a WARC payload or a JSON Lines record's html over
// MaxBodySize is read as far as MaxBodySize, and its Item says so (Cut).
//
// Read keeps going after bad pieces: a broken JSON line, a record with
// neither html nor text, a malformed WARC record are reported as an Item
// with an *InputError and skipped; a file that cannot be read at all is one
// such Item. Read returns an error only when fn returns one (that error,
// unwrapped) or ctx is done.
func Read(ctx context.Context, path string, stdin io.Reader, fn func(Item) error) error {
	r := &reader{ctx: ctx, fn: fn}
	if err := r.checkCtx(path); err != nil {
		return err
	}
	if path == "-" {
		if stdin == nil {
			return r.fail("stdin", errors.New("no standard input"))
		}
		return r.readJSONL("stdin", stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return r.fail(path, fmt.Errorf("open: %w", pathErrCause(err)))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return r.fail(path, fmt.Errorf("stat: %w", pathErrCause(err)))
	}
	if info.IsDir() {
		return r.fail(path, errors.New("is a directory, not a file"))
	}
	kind := kindByName(path)
	if kind == kindUnknown {
		if kind, err = sniffKind(f, info.Size()); err != nil {
			return r.fail(path, fmt.Errorf("read: %w", pathErrCause(err)))
		}
	}
	switch kind {
	case kindWARC:
		return r.readWARC(path, f)
	case kindJSONL:
		return r.readJSONL(path, f)
	default:
		return r.readDocument(path, f, kind)
	}
}

// reader carries what every input format needs: the context and the
// callback.
type reader struct {
	ctx context.Context
	fn  func(Item) error
}

func (r *reader) checkCtx(name string) error {
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("page: read %s: %w", name, err)
	}
	return nil
}

// page hands a page to fn, with cut when only the input's start was read.
func (r *reader) page(p *Page, cut *Cut) error {
	if err := r.checkCtx(p.Source); err != nil {
		return err
	}
	return r.fn(Item{Page: p, Cut: cut})
}

// fail hands a bad piece of input to fn.
func (r *reader) fail(source string, err error) error {
	if cerr := r.checkCtx(source); cerr != nil {
		return cerr
	}
	return r.fn(Item{Err: &InputError{Source: source, Err: err}})
}

// pathErrCause drops the operation and path from an *fs.PathError: the
// InputError says where already.
func pathErrCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

type inputKind int

const (
	kindUnknown inputKind = iota
	kindHTML
	kindText
	kindJSONL
	kindWARC
)

func kindByName(path string) inputKind {
	name := strings.TrimSuffix(strings.ToLower(filepath.Base(path)), ".gz")
	switch filepath.Ext(name) {
	case ".warc":
		return kindWARC
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".html", ".htm", ".xhtml", ".shtml":
		return kindHTML
	case ".txt", ".text":
		return kindText
	}
	return kindUnknown
}

// sniffKind decides what an input without a telling name holds, from its
// first bytes (decompressed if it is gzipped). It does not move f's offset.
func sniffKind(f *os.File, size int64) (inputKind, error) {
	head := make([]byte, 1024)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return kindUnknown, err
	}
	head = head[:n]
	if isGzip(head) {
		zr, err := gzip.NewReader(io.NewSectionReader(f, 0, size))
		if err != nil {
			return kindUnknown, fmt.Errorf("gzip: %w", err)
		}
		head = make([]byte, 1024)
		n, err := io.ReadFull(zr, head)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return kindUnknown, fmt.Errorf("gzip: %w", err)
		}
		head = head[:n]
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("WARC/")):
		return kindWARC, nil
	case bytes.HasPrefix(trimmed, []byte("{")):
		return kindJSONL, nil
	case looksLikeHTML(trimmed):
		return kindHTML, nil
	}
	return kindText, nil
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// looksLikeHTML reports whether the start of a document looks like markup:
// a recognised HTML start, or a start tag followed by an end tag or an
// element that is never closed.
func looksLikeHTML(head []byte) bool {
	if strings.HasPrefix(http.DetectContentType(head), "text/html") {
		return true
	}
	lower := bytes.ToLower(head)
	for _, marker := range []string{"<!doctype html", "<html", "<head", "<body", "<meta ", "<br", "<img ", "<input "} {
		if bytes.Contains(lower, []byte(marker)) {
			return true
		}
	}
	i := bytes.Index(lower, []byte("</"))
	return i >= 0 && i+2 < len(lower) && lower[i+2] >= 'a' && lower[i+2] <= 'z' && bytes.IndexByte(lower[:i], '<') >= 0
}

// readDocument reads a whole HTML or text file as one page.
func (r *reader) readDocument(path string, f *os.File, kind inputKind) error {
	var src io.Reader = f
	var total int64 // unknown for a gzipped file
	head := make([]byte, 2)
	if n, _ := f.ReadAt(head, 0); isGzip(head[:n]) {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return r.fail(path, fmt.Errorf("gzip: %w", err))
		}
		src = zr
	} else if st, err := f.Stat(); err == nil {
		total = st.Size()
	}
	body, err := io.ReadAll(io.LimitReader(src, MaxBodySize+1))
	if err != nil {
		return r.fail(path, fmt.Errorf("read: %w", pathErrCause(err)))
	}
	// A document over the limit is scanned as far as the limit, and the
	// item says so (Cut), rather than refused whole: what it offers
	// is usually near the top.
	truncated := len(body) > MaxBodySize
	if truncated {
		body = body[:MaxBodySize]
	}
	var p *Page
	if kind == kindText {
		text, cs, err := Decode(body, "text/plain")
		if err != nil {
			return r.fail(path, err)
		}
		p = FromText(fileURL(path), text)
		p.Charset = cs
	} else {
		if p, err = FromHTML(fileURL(path), body, ""); err != nil {
			return r.fail(path, err)
		}
	}
	p.Source = path
	var cut *Cut
	if truncated {
		cut = &Cut{ScannedBytes: MaxBodySize, TotalBytes: total}
	}
	return r.page(p, cut)
}

// fileURL returns the file: URL of path, or "" when it has no absolute form.
func fileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}
