package sweep

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/internal/bidi"
	"github.com/certwatch/certwatch/store"
)

// Digest is what the offices hear after each sweep: new cases by category
// and route, the sources in trouble, and the sweep's totals.
type Digest struct {
	Sweep      uint64         `json:"sweep"`
	StartedAt  time.Time      `json:"started_at"`
	FinishedAt time.Time      `json:"finished_at"`
	Totals     Counts         `json:"totals"`
	NewCases   int            `json:"new_cases"`
	ByCategory map[string]int `json:"by_category"`
	ByRoute    map[string]int `json:"by_route"`
	Cases      []DigestCase   `json:"cases"` // the new cases, highest score first (at most 100)
	Trouble    []Trouble      `json:"trouble"`
	// Sources is the state of every configured source (Summary.Sources;
	// empty for sweeps recorded before states were).
	Sources   []SourceState `json:"sources"`
	OpenCases int           `json:"open_cases"` // waiting for review, all sweeps
	UI        string        `json:"ui,omitempty"`
}

// DigestCase is one new case in a digest.
type DigestCase struct {
	ID       uint64         `json:"id"`
	URL      string         `json:"url"`
	Title    string         `json:"title"`
	Category string         `json:"category"`
	Route    casework.Route `json:"route"`
	Score    float64        `json:"score"`
}

const maxDigestCases = 100

// BuildDigest reads the digest of a finished sweep from the store: its
// summary (stats) and the cases it found first.
func BuildDigest(st DigestStore, sweepID uint64, ui string) (*Digest, error) {
	sw, err := st.Sweep(sweepID)
	if err != nil {
		return nil, err
	}
	d := &Digest{Sweep: sw.ID, StartedAt: sw.StartedAt, FinishedAt: sw.FinishedAt, ByCategory: map[string]int{},
		ByRoute: map[string]int{}, Trouble: []Trouble{}, Sources: []SourceState{}, Cases: []DigestCase{}, UI: ui}
	if len(sw.Stats) > 0 {
		var sum Summary
		if err := json.Unmarshal(sw.Stats, &sum); err != nil {
			return nil, fmt.Errorf("sweep: digest: stats of sweep %d: %w", sw.ID, err)
		}
		d.Totals = sum.Total
		if sum.Trouble != nil {
			d.Trouble = sum.Trouble
		}
		d.Sources = sum.Sources
	}
	cases, err := st.Cases(store.CaseFilter{})
	if err != nil {
		return nil, err
	}
	for _, c := range cases {
		if c.Status.Undecided() {
			d.OpenCases++
		}
		if c.FirstSweep != sw.ID {
			continue
		}
		route := cmp.Or(c.Route, c.SuggestedRoute)
		d.NewCases++
		d.ByCategory[c.Category]++
		d.ByRoute[string(route)]++
		if len(d.Cases) < maxDigestCases {
			d.Cases = append(d.Cases, DigestCase{ID: c.ID, URL: bidi.Neutralize(c.URL), Title: bidi.Neutralize(c.Title), Category: c.Category, Route: route, Score: c.Score})
		}
	}
	return d, nil
}

// Text is the digest for people (the e-mail body), in Chinese.
func (d *Digest) Text(categoryName func(string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "certwatch 巡查 #%d 完成（%s）\n\n", d.Sweep, beijing.Minute(d.FinishedAt))
	t := d.Totals
	fmt.Fprintf(&b, "抓取：尝试 %d，成功 %d，失败 %d，robots.txt 禁止 %d，被拦截 %d\n", t.Attempted, t.Fetched, sum(t.Failed), t.Robots, t.Blocked)
	fmt.Fprintf(&b, "新发现线索：%d 条；待审核线索共 %d 条\n", d.NewCases, d.OpenCases)
	for _, k := range sortedKeys(d.ByCategory) {
		fmt.Fprintf(&b, "  %s：%d\n", categoryName(k), d.ByCategory[k])
	}
	if len(d.ByRoute) > 0 {
		b.WriteString("按建议处置路径：\n")
		for _, k := range sortedKeys(d.ByRoute) {
			name := casework.Route(k).Name()
			fmt.Fprintf(&b, "  %s：%d\n", cmp.Or(name, k, "未定"), d.ByRoute[k])
		}
	}
	if len(d.Trouble) > 0 {
		b.WriteString("\n需要关注的来源（“没有发现”不等于“已检查且干净”）：\n")
		for _, tr := range d.Trouble {
			fmt.Fprintf(&b, "  %s【%s】%s\n", tr.Source, tr.Label(), tr.Detail)
		}
	}
	if len(d.Sources) > 0 {
		b.WriteString("\n各来源状态：\n")
		for _, st := range d.Sources {
			fmt.Fprintf(&b, "  %s【%s】", st.Source, st.Label())
			if st.Detail != "" {
				b.WriteString(st.Detail)
			}
			b.WriteString("\n")
		}
	}
	if len(d.Cases) > 0 {
		b.WriteString("\n新线索（按得分）：\n")
		for _, c := range d.Cases {
			fmt.Fprintf(&b, "  #%d %.0f分 %s %s\n", c.ID, c.Score, clip(oneLine(c.Title), 60), c.URL)
		}
	}
	if d.UI != "" {
		fmt.Fprintf(&b, "\n审核界面：%s/cases?new=1\n", d.UI)
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }), " ")
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Notifier queues digests for the configured webhooks and mailboxes and
// delivers them, retrying failures with a doubling delay. Nothing it does
// is fatal: failures are logged and kept in the outbox.
type Notifier struct {
	Store        Outbox
	Config       config.Notify
	Log          *slog.Logger
	Client       *http.Client // default: 30 s timeout
	CategoryName func(string) string
}

// Queue puts a digest in the outbox for every configured target.
func (n *Notifier) Queue(d *Digest) error {
	payload, err := json.Marshal(d)
	if err != nil {
		return err
	}
	var msgs []store.Message
	for _, w := range n.Config.Webhooks {
		msgs = append(msgs, store.Message{Kind: "webhook", Target: w.URL, Payload: payload})
	}
	if e := n.Config.Email; e != nil {
		subject := fmt.Sprintf("certwatch 巡查 #%d：新线索 %d 条", d.Sweep, d.NewCases)
		if len(d.Trouble) > 0 {
			subject += fmt.Sprintf("，%d 个来源需要关注", len(d.Trouble))
		}
		msgs = append(msgs, store.Message{Kind: "email", Target: strings.Join(e.To, ", "), Subject: subject, Payload: payload})
	}
	if len(msgs) == 0 {
		return nil
	}
	return n.Store.Enqueue(msgs...)
}

// Deliver sends every due message once and records the attempts.
func (n *Notifier) Deliver(ctx context.Context, now time.Time) (sent, failed int, err error) {
	msgs, err := n.Store.DueMessages(now, 100)
	if err != nil {
		return 0, 0, err
	}
	retry := cmp.Or(n.Config.RetryAfter, time.Minute)
	maxAttempts := cmp.Or(n.Config.MaxAttempts, 10)
	for _, m := range msgs {
		if ctx.Err() != nil {
			return sent, failed, ctx.Err()
		}
		derr := n.send(ctx, m)
		var next time.Time
		if derr != nil {
			failed++
			if m.Attempts+1 < maxAttempts {
				next = now.Add(retry << min(m.Attempts, 16))
			}
			n.log().Warn("digest delivery failed", "message", m.ID, "kind", m.Kind, "target", m.Target,
				"attempt", m.Attempts+1, "next", next, "err", derr)
		} else {
			sent++
		}
		if err := n.Store.MessageAttempt(m.ID, derr, next); err != nil {
			return sent, failed, err
		}
	}
	return sent, failed, nil
}

func (n *Notifier) log() *slog.Logger {
	if n.Log == nil {
		return slog.Default()
	}
	return n.Log
}

func (n *Notifier) send(ctx context.Context, m store.Message) error {
	switch m.Kind {
	case "webhook":
		return n.post(ctx, m)
	case "email":
		return n.mail(ctx, m)
	}
	return fmt.Errorf("unknown message kind %q", m.Kind)
}

func (n *Notifier) post(ctx context.Context, m store.Message) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.Target, bytes.NewReader(m.Payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "certwatch-digest/1.0")
	for _, w := range n.Config.Webhooks {
		if w.URL == m.Target {
			for k, v := range w.Headers {
				req.Header.Set(k, v)
			}
		}
	}
	c := n.Client
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}

func (n *Notifier) mail(ctx context.Context, m store.Message) error {
	e := n.Config.Email
	if e == nil {
		return errors.New("e-mail is no longer configured")
	}
	var d Digest
	if err := json.Unmarshal(m.Payload, &d); err != nil {
		return err
	}
	msg := mail.NewMsg()
	if err := msg.From(e.From); err != nil {
		return err
	}
	if err := msg.To(e.To...); err != nil {
		return err
	}
	msg.Subject(m.Subject)
	name := n.CategoryName
	if name == nil {
		name = func(s string) string { return s }
	}
	msg.SetBodyString(mail.TypeTextPlain, d.Text(name))
	opts := []mail.Option{mail.WithPort(e.Port), mail.WithTimeout(30 * time.Second)}
	switch e.TLS {
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case "opportunistic":
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if e.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(e.Username), mail.WithPassword(e.Password()))
	}
	c, err := mail.NewClient(e.Host, opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}
