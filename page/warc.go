package page

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"os"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// maxHTTPHeader bounds the HTTP header of a WARC response record.
const maxHTTPHeader = 1 << 20

// warcOptions makes the WARC parser lenient: what it finds wrong with a
// record that can still be read (digests, missing CRs, unknown types) is a
// warning, not a failure; a record counts as bad only when it cannot be
// read or is truncated. The HTTP message in a block is parsed here, more
// leniently than net/http would.
func warcOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithSkipParseBlock(),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrWarn),
	}
}

// warcPos is the position of a record, for messages.
type warcPos struct {
	record int   // 1-based, counting every record
	offset int64 // byte offset in the file (of the gzip member, if gzipped)
	inner  int64 // offset within a gzip member holding several records
}

func (p warcPos) source(name string) string {
	if p.inner > 0 {
		return fmt.Sprintf("%s#record %d (offset %d, +%d in the gzip member)", name, p.record, p.offset, p.inner)
	}
	return fmt.Sprintf("%s#record %d (offset %d)", name, p.record, p.offset)
}

// readWARC reads a WARC file, plain or gzipped (one gzip member per record,
// as usual, or the whole file as one member).
func (r *reader) readWARC(name string, f *os.File) error {
	head := make([]byte, 2)
	if n, _ := f.ReadAt(head, 0); isGzip(head[:n]) {
		return r.readWARCGzip(name, f)
	}
	w := &warcReader{r: r, name: name}
	return w.readStream(f, -1, nil)
}

// warcReader reads the records of one file.
type warcReader struct {
	r      *reader
	name   string
	record int // records seen so far
}

// readStream reads the records of an uncompressed stream. For a gzip member,
// base is the member's file offset and member reports its decompression
// errors; for a plain file base is -1 and member nil. It returns an error
// only from fn or the context: a stream broken beyond repair is reported
// and ends.
func (w *warcReader) readStream(src io.Reader, base int64, member *errRecorder) error {
	rd, err := gowarc.NewWarcFileReaderFromStream(struct{ io.Reader }{src}, 0, warcOptions()...)
	if err != nil {
		return w.r.fail(w.name, fmt.Errorf("open WARC: %w", err))
	}
	defer rd.Close()
	end := int64(0) // where the next record should start; -1 after an error
	for {
		if err := w.r.checkCtx(w.name); err != nil {
			return err
		}
		rec, err := nextRecord(rd)
		if errors.Is(err, errParserPanic) {
			// The parser's state is unknown: give up on this stream.
			w.record++
			return w.r.fail(w.pos(base, max(end, 0)).source(w.name), err)
		}
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil && rec.Size == 0 {
			return nil
		}
		w.record++
		pos := w.pos(base, rec.Offset)
		if err != nil {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			source := pos.source(w.name)
			switch {
			case member != nil && member.err != nil:
				member.reported = true
				return w.r.fail(source, gzipProblem(member.err))
			case errors.Is(err, gowarc.ErrNoRecord):
				if end >= 0 {
					// Say where the unreadable rest starts, not where the
					// search for a record gave up.
					source = w.pos(base, end).source(w.name)
				}
				return w.r.fail(source, fmt.Errorf("no WARC record in the rest of the data: %w", err))
			case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
				return w.r.fail(source, fmt.Errorf("truncated record: %w", err))
			}
			if ferr := w.r.fail(source, fmt.Errorf("malformed record: %w", err)); ferr != nil {
				return ferr
			}
			if rec.Size <= 0 || rec.Offset+rec.Size <= end {
				// No progress: the parser cannot find its feet again.
				return nil
			}
			end = -1
			continue
		}
		if member != nil && member.err != nil {
			// The record parsed, but from a stream that broke under it.
			rec.Close()
			member.reported = true
			return w.r.fail(pos.source(w.name), gzipProblem(member.err))
		}
		if end >= 0 && rec.Offset > end {
			ferr := w.r.fail(pos.source(w.name), fmt.Errorf("%d bytes before this record are not WARC data, skipped", rec.Offset-end))
			if ferr != nil {
				rec.Close()
				return ferr
			}
		}
		end = rec.Offset + rec.Size
		var ferr error
		if problem := recordProblem(rec); problem != nil {
			ferr = w.r.fail(pos.source(w.name), problem)
			// What follows a record with broken framing is likely its
			// rest: do not report it again as unreadable data.
			end = -1
		} else {
			ferr = w.handle(pos, rec)
		}
		rec.Close()
		if ferr != nil {
			return ferr
		}
	}
}

// recordProblem returns why a record the parser returned cannot be trusted:
// it is cut short, or its header lacks what frames it (the parser, told to
// be lenient, returns such records with warnings). Other warnings (digests,
// dates, record IDs) are tolerated.
func recordProblem(rec gowarc.Record) error {
	hdr := rec.WarcRecord.WarcHeader()
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return fmt.Errorf("truncated record: %d of %d bytes", cl.Actual, cl.Expected)
		}
	}
	if !hdr.Has(gowarc.WarcType) {
		return errors.New("truncated or malformed record: no WARC-Type")
	}
	if _, err := hdr.GetInt64(gowarc.ContentLength); err != nil {
		return errors.New("truncated or malformed record: no valid Content-Length")
	}
	return nil
}

// errParserPanic marks a panic in the WARC parser.
var errParserPanic = errors.New("WARC parser failed")

// nextRecord is rd.Next, with a panic in the parser turned into an error
// wrapping errParserPanic: WARC files come from elsewhere, and one bad file
// must not end a scan.
func nextRecord(rd *gowarc.WarcFileReader) (rec gowarc.Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			rec, err = gowarc.Record{}, fmt.Errorf("%w: %v", errParserPanic, p)
		}
	}()
	return rd.Next()
}

func (w *warcReader) pos(base, offset int64) warcPos {
	if base < 0 {
		return warcPos{record: w.record, offset: offset}
	}
	return warcPos{record: w.record, offset: base, inner: offset}
}

// handle turns one sound record into a page, skips it, or reports it.
func (w *warcReader) handle(pos warcPos, rec gowarc.Record) error {
	source := pos.source(w.name)
	wr := rec.WarcRecord
	hdr := wr.WarcHeader()
	var (
		body        []byte
		contentType string
		status      int
	)
	switch wr.Type() {
	case gowarc.Response:
		if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(hdr.Get(gowarc.ContentType))), "application/http") {
			return nil // dns: and other non-HTTP responses
		}
		raw, err := wr.Block().RawBytes()
		if err != nil {
			return w.r.fail(source, fmt.Errorf("read record block: %w", err))
		}
		var h http.Header
		status, h, body, err = parseHTTPResponse(raw)
		if err != nil {
			return w.r.fail(source, fmt.Errorf("malformed HTTP response: %w", err))
		}
		contentType = h.Get("Content-Type")
	case gowarc.Resource:
		raw, err := wr.Block().RawBytes()
		if err != nil {
			return w.r.fail(source, fmt.Errorf("read record block: %w", err))
		}
		if body, err = io.ReadAll(io.LimitReader(raw, MaxBodySize+1)); err != nil {
			return w.r.fail(source, fmt.Errorf("read record block: %w", err))
		}
		contentType = hdr.Get(gowarc.ContentType)
	default:
		return nil
	}

	mediaType := mediaTypeOf(contentType)
	if mediaType == "" {
		mediaType = mediaTypeOf(http.DetectContentType(body))
	}
	isHTML := mediaType == "text/html" || mediaType == "application/xhtml+xml"
	if !isHTML && !strings.HasPrefix(mediaType, "text/") {
		return nil
	}
	// A payload over the limit is scanned as far as the limit (the item
	// says so) rather than refused.
	truncated := len(body) > MaxBodySize
	if truncated {
		body = body[:MaxBodySize]
	}

	target := strings.Trim(strings.TrimSpace(hdr.Get(gowarc.WarcTargetURI)), "<>")
	var p *Page
	if isHTML {
		var err error
		if p, err = FromHTML(target, body, contentType); err != nil {
			return w.r.fail(source, err)
		}
	} else {
		text, cs, err := Decode(body, contentType)
		if err != nil {
			return w.r.fail(source, err)
		}
		p = FromText(target, text)
		p.Charset = cs
	}
	p.Source = source
	p.Meta = map[string]string{"warc-record-id": wr.RecordId()}
	if d := hdr.Get(gowarc.WarcDate); d != "" {
		p.Meta["warc-date"] = d
	}
	if status != 0 {
		p.Meta["http-status"] = strconv.Itoa(status)
	}
	var cut *Cut
	if truncated {
		cut = &Cut{ScannedBytes: MaxBodySize}
	}
	return w.r.page(p, cut)
}

// mediaTypeOf returns the lower-case media type of a Content-Type value,
// tolerating malformed parameters.
func mediaTypeOf(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// parseHTTPResponse reads an HTTP response as recorded in a WARC block:
// status line, header, body. It is lenient where recorded traffic is
// messy: header lines without a colon are skipped, Content-Length is not
// trusted (the block's length is), and a body that says it is chunked but
// does not decode as chunks is taken as it is (some crawlers store the
// decoded body and keep the header).
func parseHTTPResponse(raw io.Reader) (status int, h http.Header, body []byte, err error) {
	lr := &io.LimitedReader{R: raw, N: maxHTTPHeader}
	br := bufio.NewReader(lr)
	statusLine, err := br.ReadString('\n')
	if err != nil && statusLine == "" {
		return 0, nil, nil, errors.New("empty block")
	}
	statusLine = strings.TrimRight(statusLine, "\r\n")
	if !strings.HasPrefix(statusLine, "HTTP/") {
		return 0, nil, nil, fmt.Errorf("status line %q does not start with HTTP/", truncateForMessage(statusLine))
	}
	if f := strings.Fields(statusLine); len(f) >= 2 {
		status, _ = strconv.Atoi(f[1])
	}
	h = http.Header{}
	for {
		line, rerr := br.ReadString('\n')
		if rerr != nil && lr.N <= 0 {
			return 0, nil, nil, fmt.Errorf("header longer than %d bytes", maxHTTPHeader)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break // the blank line that ends the header, or the end of a body-less block
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) != "" {
			h.Add(textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k)), strings.TrimSpace(v))
		}
		if rerr != nil {
			break
		}
	}
	// The header is read: let the body through, up to one byte over the
	// limit so that the caller can tell it is too large.
	lr.N += MaxBodySize + 1
	body, err = io.ReadAll(br)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("read body: %w", err)
	}
	if strings.Contains(strings.ToLower(h.Get("Transfer-Encoding")), "chunked") {
		decoded, derr := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body)))
		if derr == nil || (errors.Is(derr, io.ErrUnexpectedEOF) && len(decoded) > 0) {
			body = decoded
		}
	}
	return status, h, body, nil
}

func truncateForMessage(s string) string {
	if len(s) > 60 {
		return strings.ToValidUTF8(s[:60], "") + "..."
	}
	return s
}

// readWARCGzip reads a gzipped WARC file member by member, so that records
// get file offsets, a file gzipped as a whole works too, and a corrupt or
// truncated member costs only the records in it.
func (r *reader) readWARCGzip(name string, f *os.File) error {
	w := &warcReader{r: r, name: name}
	cr := &countingReader{r: f}
	br := bufio.NewReaderSize(cr, 64<<10)
	pos := func() int64 { return cr.n - int64(br.Buffered()) }
	zr := new(gzip.Reader)
	for {
		if err := r.checkCtx(name); err != nil {
			return err
		}
		start := pos()
		if _, err := br.Peek(1); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return r.fail(name, fmt.Errorf("read at offset %d: %w", start, err))
		}
		if err := zr.Reset(br); err != nil {
			w.record++
			source := warcPos{record: w.record, offset: start}.source(name)
			skipped, found := skipToGzipMember(br, 1)
			if ferr := r.fail(source, fmt.Errorf("not a gzip member (%v): %d bytes skipped", err, skipped)); ferr != nil {
				return ferr
			}
			if !found {
				return nil
			}
			continue
		}
		zr.Multistream(false)
		member := &errRecorder{r: zr}
		if err := w.readStream(member, start, member); err != nil {
			return err
		}
		if member.err == nil {
			// Drain what the WARC parser left (after a record it could not
			// parse), which also verifies the member's checksum.
			_, _ = io.Copy(io.Discard, member)
		}
		if member.err == nil {
			continue
		}
		if !member.reported {
			w.record++
			source := warcPos{record: w.record, offset: start}.source(name)
			if ferr := r.fail(source, gzipProblem(member.err)); ferr != nil {
				return ferr
			}
		}
		// The member is corrupt or cut short: look for the next one after
		// its start.
		if _, err := f.Seek(start+1, io.SeekStart); err != nil {
			return r.fail(name, fmt.Errorf("seek: %w", err))
		}
		cr.n = start + 1
		br.Reset(cr)
		if _, found := skipToGzipMember(br, 0); !found {
			return nil
		}
	}
}

func gzipProblem(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated gzip member: %w", err)
	}
	return fmt.Errorf("corrupt gzip member: %w", err)
}

// skipToGzipMember discards at least min bytes and then up to the next gzip
// member header, returning how many bytes it discarded and whether it found
// one.
func skipToGzipMember(br *bufio.Reader, min int) (int64, bool) {
	magic := []byte{0x1f, 0x8b, 0x08}
	n, _ := br.Discard(min)
	skipped := int64(n)
	for {
		buf, err := br.Peek(br.Size())
		if i := bytes.Index(buf, magic); i >= 0 {
			n, _ := br.Discard(i)
			return skipped + int64(n), true
		}
		if err != nil {
			n, _ := br.Discard(len(buf))
			return skipped + int64(n), false
		}
		n, _ := br.Discard(len(buf) - len(magic) + 1)
		skipped += int64(n)
	}
}

// errRecorder remembers the first error other than io.EOF its reader
// returned: a gzip member that is corrupt or cut short, as opposed to a
// malformed WARC record in a sound member.
type errRecorder struct {
	r        io.Reader
	err      error
	reported bool
}

func (e *errRecorder) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && e.err == nil {
		e.err = err
	}
	return n, err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
