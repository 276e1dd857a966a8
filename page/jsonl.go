package page

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// MaxLineSize is the longest JSON Lines record Read accepts. It leaves room
// for a MaxBodySize page whose markup is escaped in JSON; longer lines are
// reported and skipped.
const MaxLineSize = 2 * MaxBodySize

// readJSONL reads JSON Lines from src, gzipped or not; name is used in
// sources ("pages.jsonl:12").
func (r *reader) readJSONL(name string, src io.Reader) error {
	br := bufio.NewReaderSize(src, 64<<10)
	if head, _ := br.Peek(2); isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.fail(name, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		source := name + ":" + strconv.Itoa(lineNo)
		if err := r.checkCtx(source); err != nil {
			return err
		}
		line, tooLong, readErr := readLine(br, buf[:0], MaxLineSize)
		buf = line
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			return r.fail(source, fmt.Errorf("read: %w", readErr))
		}
		if tooLong {
			if err := r.fail(source, fmt.Errorf("line longer than %d bytes, skipped", MaxLineSize)); err != nil {
				return err
			}
		} else if err := r.jsonRecord(source, line, lineNo == 1); err != nil {
			return err
		}
		if readErr != nil {
			return nil
		}
	}
}

// readLine reads one line into buf (without its end of line). A line over
// max bytes is consumed but not kept: tooLong is set instead.
func readLine(br *bufio.Reader, buf []byte, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max+2 { // +2: the "\r\n" trimmed below
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if !tooLong && len(buf) > max {
			tooLong, buf = true, buf[:0]
		}
		return buf, tooLong, err
	}
}

// jsonRecord turns one JSON Lines record into a page or an error Item.
func (r *reader) jsonRecord(source string, line []byte, first bool) error {
	if first {
		line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil
	}
	p, cut, err := parseRecord(line)
	if err != nil {
		return r.fail(source, err)
	}
	p.Source = source
	return r.page(p, cut)
}

// parseRecord parses {"url": ..., "html": ...} or {"url": ..., "text": ...}.
// An html field over MaxBodySize is read as far as the limit (cut says so).
func parseRecord(line []byte) (*Page, *Cut, error) {
	if line[0] != '{' {
		return nil, nil, errors.New("record is not a JSON object")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return nil, nil, fmt.Errorf("invalid JSON: %w", err)
	}
	var pageURL, html, text string
	var meta map[string]string
	for k, raw := range fields {
		switch k {
		case "url", "html", "text":
			var s *string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, nil, fmt.Errorf("field %q is not a string", k)
			}
			if s == nil {
				continue
			}
			switch k {
			case "url":
				pageURL = *s
			case "html":
				html = *s
			case "text":
				text = *s
			}
		default:
			if v, ok := metaValue(raw); ok {
				if meta == nil {
					meta = map[string]string{}
				}
				meta[k] = v
			}
		}
	}
	var p *Page
	var cut *Cut
	switch {
	case html != "":
		// Markup over the limit is scanned as far as the limit, cut at a
		// character boundary.
		total := len(html)
		if total > MaxBodySize {
			cut := MaxBodySize
			for cut > 0 && !utf8.RuneStart(html[cut]) {
				cut--
			}
			html = html[:cut]
		}
		// The markup is already Unicode: whatever its <meta> says, the
		// bytes handed on are UTF-8.
		var err error
		if p, err = FromHTML(pageURL, []byte(html), "text/html; charset=utf-8"); err != nil {
			return nil, nil, err
		}
		if total > len(html) {
			cut = &Cut{ScannedBytes: len(html), TotalBytes: int64(total)}
		}
	case text != "":
		p = FromText(pageURL, text)
	default:
		return nil, nil, errors.New(`record has neither "html" nor "text"`)
	}
	p.Meta = meta
	return p, cut, nil
}

// metaValue returns a JSON string's value, or a number's or boolean's
// literal; objects, arrays and null have none.
func metaValue(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case c == 't' || c == 'f' || c == '-' || (c >= '0' && c <= '9'):
		return string(raw), true
	}
	return "", false
}
