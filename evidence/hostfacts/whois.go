package hostfacts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

// WHOISFacts is a WHOIS answer (RFC 3912: the query is the domain and
// CRLF over TCP; the answer is whatever the server writes until it
// closes), as received up to the byte bound.
type WHOISFacts struct {
	Server string    `json:"server"`
	Query  string    `json:"query"`
	At     time.Time `json:"at"`
	// Text is the answer as UTF-8 (invalid bytes replaced); SHA256 is
	// of the bytes as received.
	Text   string `json:"text"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
	// Truncated: the server sent more than the bound; the rest was not
	// read.
	Truncated bool `json:"truncated,omitempty"`
}

// whoisServer is the configured server for domain: the longest suffix
// among the configured TLD keys ("com.cn" before "cn"), else "*".
func (c *Collector) whoisServer(domain string) string {
	labels := strings.Split(domain, ".")
	for i := 1; i < len(labels); i++ {
		if s := c.o.WHOIS[strings.Join(labels[i:], ".")]; s != "" {
			return s
		}
	}
	return c.o.WHOIS["*"]
}

// whois asks the configured server about domain.
func (c *Collector) whois(ctx context.Context, r *run, domain string) {
	if domain == "" {
		return
	}
	if net.ParseIP(domain) != nil {
		r.notAsked(PartWHOIS)
		return
	}
	srv := c.whoisServer(domain)
	if srv == "" {
		r.notAsked(PartWHOIS)
		return
	}
	wf, err := c.askWHOIS(ctx, srv, domain)
	if wf != nil {
		r.set(func(f *Facts) { f.WHOIS = wf })
	}
	if err != nil {
		r.fail(PartWHOIS, err)
	}
}

// askWHOIS sends one query and reads the answer, at most MaxWHOIS bytes,
// within PartTimeout. A timeout after some bytes keeps them (with the
// error): a slow server's partial answer is still a record.
func (c *Collector) askWHOIS(ctx context.Context, srv, query string) (*WHOISFacts, error) {
	ctx, cancel := context.WithTimeout(ctx, c.o.PartTimeout)
	defer cancel()
	d := &net.Dialer{Timeout: c.o.PartTimeout}
	conn, err := d.DialContext(ctx, "tcp", srv)
	if err != nil {
		return nil, fmt.Errorf("whois %s: %w", srv, err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if _, err := io.WriteString(conn, query+"\r\n"); err != nil {
		return nil, fmt.Errorf("whois %s: send: %w", srv, err)
	}
	buf, err := io.ReadAll(io.LimitReader(conn, c.o.MaxWHOIS+1))
	wf := &WHOISFacts{Server: srv, Query: query, At: c.o.Now().UTC()}
	if int64(len(buf)) > c.o.MaxWHOIS {
		buf, wf.Truncated, err = buf[:c.o.MaxWHOIS], true, nil
	}
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			err = fmt.Errorf("no complete answer within %s", c.o.PartTimeout)
		}
		err = fmt.Errorf("whois %s: read: %w", srv, err)
		if len(buf) == 0 {
			return nil, err
		}
	}
	sum := sha256.Sum256(buf)
	wf.Text = strings.ToValidUTF8(string(buf), "\uFFFD")
	wf.Bytes = len(buf)
	wf.SHA256 = hex.EncodeToString(sum[:])
	return wf, err
}
