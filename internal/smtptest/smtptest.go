// Package smtptest is a real SMTP server on 127.0.0.1 for tests: it
// accepts every message (no authentication, no TLS) and keeps it.
package smtptest

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Mail is one message the server accepted.
type Mail struct {
	Rcpt    string
	Subject string // decoded
	Body    string // the text body, transfer encoding undone
	Data    string // the message as received
}

// Box is the server and what it received.
type Box struct {
	Port int
	mu   sync.Mutex
	got  []Mail
}

// Start serves SMTP on a free loopback port until the test ends.
func Start(t testing.TB) *Box {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	box := &Box{Port: ln.Addr().(*net.TCPAddr).Port}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return box
}

// Wait returns the first message, failing the test when none arrives
// within 10 s.
func (b *Box) Wait(t testing.TB) Mail {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		b.mu.Lock()
		if len(b.got) > 0 {
			m := b.got[0]
			b.mu.Unlock()
			return m
		}
		b.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("no mail arrived")
	return Mail{}
}

// NewSession implements smtp.Backend.
func (b *Box) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{box: b}, nil }

type session struct {
	box  *Box
	rcpt string
}

func (s *session) Reset()                                    {}
func (s *session) Logout() error                             { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.rcpt = to; return nil }
func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := Mail{Rcpt: s.rcpt, Data: string(data)}
	if msg, err := netmail.ReadMessage(strings.NewReader(m.Data)); err == nil {
		m.Subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		var body io.Reader = msg.Body
		switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
		case "quoted-printable":
			body = quotedprintable.NewReader(body)
		case "base64":
			body = base64.NewDecoder(base64.StdEncoding, body)
		}
		if b, err := io.ReadAll(body); err == nil {
			m.Body = string(b)
		}
	}
	s.box.mu.Lock()
	s.box.got = append(s.box.got, m)
	s.box.mu.Unlock()
	return nil
}
