// Package ctlog polls Certificate Transparency logs (RFC 6962 get-sth and
// get-entries) from a saved position and matches the DNS names of new
// certificates and precertificates against the lookalike rules of the
// official certificate-query hosts.
//
// It uses github.com/google/certificate-transparency-go (Apache-2.0) for the
// HTTP client, the MerkleTreeLeaf/TimestampedEntry decoding and the X.509
// parsing (its x509 fork parses precertificate TBS structures and tolerates
// the non-fatal defects common in logged certificates).
//
// Everything is bounded: entries per poll, entries per request, the number
// of requests, the time per request and the size of each response. Every
// growth of a log's tree since the saved tree head is proved with
// get-sth-consistency, and STH signatures are verified when the log's key is
// configured. A log that returns garbage, truncated leaves, a shrinking
// tree, a forked or rewritten tree, a bad signature or more or fewer entries
// than asked is detected and recorded as a
// typed error (Error, with a Kind) and in Stats; Poll never panics on log
// data and never loops: every request either advances the position or ends
// the poll of that log.
package ctlog

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/client"
	"github.com/google/certificate-transparency-go/jsonclient"
	"github.com/google/certificate-transparency-go/x509"
)

// Kind classifies what went wrong with a log.
type Kind string

// The kinds of error.
const (
	KindHTTP          Kind = "http"           // transport failure or non-200 status
	KindTimeout       Kind = "timeout"        // a request took longer than the per-request timeout
	KindTooLarge      Kind = "too_large"      // a response exceeded the size limit
	KindGarbage       Kind = "garbage"        // a response was not the RFC 6962 JSON
	KindTreeShrank    Kind = "tree_shrank"    // STH tree_size below the saved position or last STH
	KindForkedSTH     Kind = "forked_sth"     // same tree_size as the last STH, different root hash
	KindTooMany       Kind = "too_many"       // get-entries returned more entries than asked
	KindNoProgress    Kind = "no_progress"    // get-entries returned no entry inside the tree
	KindBadLeaf       Kind = "bad_leaf"       // an entry's leaf or certificate could not be parsed
	KindBadSignature  Kind = "bad_signature"  // the STH signature does not verify with the configured key
	KindInconsistent  Kind = "inconsistent"   // the new tree does not extend the last one (consistency proof fails)
	KindRequestBudget Kind = "request_budget" // the poll stopped at the request bound
)

var kindNames = map[Kind]string{
	KindHTTP:          "网络或状态码错误",
	KindTimeout:       "请求超时",
	KindTooLarge:      "响应过大",
	KindGarbage:       "响应格式错误",
	KindTreeShrank:    "日志树规模倒退",
	KindForkedSTH:     "日志树头分叉",
	KindTooMany:       "返回条目多于请求",
	KindNoProgress:    "未返回任何条目",
	KindBadLeaf:       "条目无法解析",
	KindBadSignature:  "树头签名无效",
	KindInconsistent:  "新旧树头不一致（日志改写了历史）",
	KindRequestBudget: "达到请求次数上限",
}

// Label is the Chinese name of the kind, for the sweep health.
func (k Kind) Label() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "其他错误"
}

// Error is a problem with one log.
type Error struct {
	Log  string
	Kind Kind
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("ctlog: %s: %s: %v", e.Log, e.Kind, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// ErrResponseTooLarge is returned (wrapped) when a response exceeds Limits.MaxResponseBytes.
var ErrResponseTooLarge = errors.New("response exceeds size limit")

// Limits bound a poll. The zero value uses the defaults.
type Limits struct {
	MaxEntriesPerPoll int64         // entries fetched per log per Poll (default 10,000, at most 1,000,000)
	BatchSize         int64         // entries asked per get-entries request (default 256, at most 1,024)
	MaxRequests       int           // get-entries requests per log per Poll (default 2×entries/batch+4)
	RequestTimeout    time.Duration // per HTTP request (default 20 s)
	MaxResponseBytes  int64         // per response body (default 16 MiB)
	MaxNamesPerCert   int           // DNS names read from one certificate (default 1,000)
	MaxMatches        int           // matches kept per Poll (default 10,000)
}

func (l Limits) norm() Limits {
	if l.MaxEntriesPerPoll <= 0 {
		l.MaxEntriesPerPoll = 10000
	}
	l.MaxEntriesPerPoll = min(l.MaxEntriesPerPoll, 1000000)
	if l.BatchSize <= 0 {
		l.BatchSize = 256
	}
	l.BatchSize = min(l.BatchSize, 1024)
	if l.MaxRequests <= 0 {
		l.MaxRequests = int(2*(l.MaxEntriesPerPoll/l.BatchSize) + 4)
	}
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = 20 * time.Second
	}
	if l.MaxResponseBytes <= 0 {
		l.MaxResponseBytes = 16 << 20
	}
	if l.MaxNamesPerCert <= 0 {
		l.MaxNamesPerCert = 1000
	}
	if l.MaxMatches <= 0 {
		l.MaxMatches = 10000
	}
	return l
}

// Log is one configured CT log.
type Log struct {
	URL string `json:"url" yaml:"url"` // base URL; /ct/v1/... is appended
	// PublicKey is the log's public key, DER base64 as published in log
	// lists; when set, every STH signature is verified.
	PublicKey string `json:"public_key,omitempty" yaml:"public_key"`
	// StartAtHead: on the first poll (no saved position) start at the current
	// tree size instead of index 0.
	StartAtHead bool `json:"start_at_head,omitempty" yaml:"start_at_head"`
	// SkipConsistency: do not ask for get-sth-consistency between the last
	// and the new tree head (by default every growth is proved).
	SkipConsistency bool `json:"skip_consistency,omitempty" yaml:"skip_consistency"`
}

// STH is the part of a signed tree head kept in the state.
type STH struct {
	TreeSize  uint64 `json:"tree_size"`
	Timestamp uint64 `json:"timestamp"`
	RootHash  []byte `json:"sha256_root_hash"`
}

// LogState is the saved position in one log.
type LogState struct {
	NextIndex uint64 `json:"next_index"`
	LastSTH   *STH   `json:"last_sth,omitempty"`
}

// State is the saved position per log URL. It is plain JSON.
type State struct {
	Logs map[string]*LogState `json:"logs"`
}

// NewState returns an empty state.
func NewState() *State { return &State{Logs: map[string]*LogState{}} }

// LoadState decodes a state saved with Save; empty data gives an empty state.
func LoadState(data []byte) (*State, error) {
	s := NewState()
	if len(bytes.TrimSpace(data)) == 0 {
		return s, nil
	}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("ctlog: state: %w", err)
	}
	if s.Logs == nil {
		s.Logs = map[string]*LogState{}
	}
	for k, v := range s.Logs {
		if v == nil {
			delete(s.Logs, k)
		}
	}
	return s, nil
}

// Save encodes the state as JSON.
func (s *State) Save() ([]byte, error) { return json.MarshalIndent(s, "", "  ") }

// LogStats counts what one poll of one log did.
type LogStats struct {
	Log        string       `json:"log"`
	TreeSize   uint64       `json:"tree_size"`
	From       uint64       `json:"from"` // first index asked
	To         uint64       `json:"to"`   // next index after the poll
	Requests   int          `json:"requests"`
	Entries    int          `json:"entries"`     // entries received and accepted
	Certs      int          `json:"certs"`       // X.509 entries parsed
	Precerts   int          `json:"precerts"`    // precertificate entries parsed
	BadLeaves  int          `json:"bad_leaves"`  // entries skipped as unparseable
	ShortReads int          `json:"short_reads"` // get-entries answers with fewer entries than asked
	Names      int          `json:"names"`       // DNS names examined
	Matches    int          `json:"matches"`
	Errors     map[Kind]int `json:"errors,omitempty"`
	Err        string       `json:"error,omitempty"` // the error that ended the poll, if any
}

func (s *LogStats) count(k Kind) {
	if s.Errors == nil {
		s.Errors = map[Kind]int{}
	}
	s.Errors[k]++
}

// Result is the outcome of one Poll.
type Result struct {
	Matches []Match    `json:"matches"`
	Stats   []LogStats `json:"stats"`
	Errors  []*Error   `json:"-"`
}

// Poller polls a set of logs.
type Poller struct {
	Logs    []Log
	Matcher *Matcher
	Limits  Limits
	// HTTPClient is used for requests (its Timeout is replaced by
	// Limits.RequestTimeout); nil means a new client with default transport.
	HTTPClient *http.Client
	// UserAgent is sent with every request.
	UserAgent string
}

// limitTransport caps every response body.
type limitTransport struct {
	base http.RoundTripper
	max  int64
}

func (t limitTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.max {
		resp.Body.Close()
		return nil, fmt.Errorf("%w: content-length %d > %d", ErrResponseTooLarge, resp.ContentLength, t.max)
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.max}
	return resp, nil
}

type limitedBody struct {
	rc   io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One more byte tells "exactly at the limit" from "over it".
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, ErrResponseTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

func (p *Poller) httpClient(lim Limits) *http.Client {
	base := http.DefaultTransport
	if p.HTTPClient != nil && p.HTTPClient.Transport != nil {
		base = p.HTTPClient.Transport
	}
	return &http.Client{
		Transport: limitTransport{base: base, max: lim.MaxResponseBytes},
		Timeout:   lim.RequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a log does not redirect
		},
	}
}

// nopLogger silences jsonclient's retry logging.
type nopLogger struct{}

func (nopLogger) Printf(string, ...interface{}) {}

// Poll polls every log once from the positions in st, updates st, and
// returns the matches and per-log stats. An error of one log does not stop
// the others; the returned error is non-nil only for a cancelled context or
// a bad configuration.
func (p *Poller) Poll(ctx context.Context, st *State) (*Result, error) {
	if p.Matcher == nil {
		return nil, errors.New("ctlog: no matcher")
	}
	if st.Logs == nil {
		st.Logs = map[string]*LogState{}
	}
	lim := p.Limits.norm()
	hc := p.httpClient(lim)
	res := &Result{}
	for _, l := range p.Logs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		url := strings.TrimRight(l.URL, "/")
		var verifier *ct.SignatureVerifier
		if l.PublicKey != "" {
			der, err := decodeKey(l.PublicKey)
			if err != nil {
				return res, fmt.Errorf("ctlog: %s: public key: %w", url, err)
			}
			pk, err := x509.ParsePKIXPublicKey(der)
			if err != nil {
				return res, fmt.Errorf("ctlog: %s: public key: %w", url, err)
			}
			if verifier, err = ct.NewSignatureVerifier(pk); err != nil {
				return res, fmt.Errorf("ctlog: %s: public key: %w", url, err)
			}
		}
		lc, err := client.New(url, hc, jsonclient.Options{Logger: nopLogger{}, UserAgent: p.UserAgent})
		if err != nil {
			return res, fmt.Errorf("ctlog: %s: %w", url, err)
		}
		ls := st.Logs[url]
		if ls == nil {
			ls = &LogState{}
		}
		stats, matches, perr := p.pollLog(ctx, lc, verifier, url, l, ls, lim, lim.MaxMatches-len(res.Matches))
		st.Logs[url] = ls
		res.Matches = append(res.Matches, matches...)
		if perr != nil {
			stats.Err = perr.Error()
			res.Errors = append(res.Errors, perr)
		}
		res.Stats = append(res.Stats, stats)
	}
	return res, ctx.Err()
}

func (p *Poller) pollLog(ctx context.Context, lc *client.LogClient, verifier *ct.SignatureVerifier, url string, cfg Log, ls *LogState, lim Limits, matchRoom int) (stats LogStats, matches []Match, perr *Error) {
	stats = LogStats{Log: url, From: ls.NextIndex, To: ls.NextIndex}
	defer func() { stats.Matches = len(matches) }()
	fail := func(k Kind, err error) (LogStats, []Match, *Error) {
		stats.count(k)
		return stats, nil, &Error{Log: url, Kind: k, Err: err}
	}
	sth, err := lc.GetSTH(ctx)
	stats.Requests++
	if err != nil {
		return fail(classify(err), fmt.Errorf("get-sth: %w", err))
	}
	if verifier != nil {
		if err := verifier.VerifySTHSignature(*sth); err != nil {
			return fail(KindBadSignature, fmt.Errorf("get-sth: %w", err))
		}
	}
	stats.TreeSize = sth.TreeSize
	if sth.TreeSize > math.MaxInt64/2 {
		return fail(KindGarbage, fmt.Errorf("get-sth: tree_size %d is not believable", sth.TreeSize))
	}
	if ls.LastSTH != nil {
		if sth.TreeSize < ls.LastSTH.TreeSize {
			return fail(KindTreeShrank, fmt.Errorf("tree_size %d < last tree_size %d", sth.TreeSize, ls.LastSTH.TreeSize))
		}
		if sth.TreeSize == ls.LastSTH.TreeSize && !bytes.Equal(sth.SHA256RootHash[:], ls.LastSTH.RootHash) {
			return fail(KindForkedSTH, fmt.Errorf("tree_size %d: root hash changed", sth.TreeSize))
		}
	}
	if ls.LastSTH != nil && ls.LastSTH.TreeSize > 0 && sth.TreeSize > ls.LastSTH.TreeSize && !cfg.SkipConsistency {
		stats.Requests++
		proof, err := lc.GetSTHConsistency(ctx, ls.LastSTH.TreeSize, sth.TreeSize)
		if err != nil {
			return fail(classify(err), fmt.Errorf("get-sth-consistency: %w", err))
		}
		if err := verifyConsistency(ls.LastSTH.TreeSize, sth.TreeSize, ls.LastSTH.RootHash, sth.SHA256RootHash[:], proof); err != nil {
			return fail(KindInconsistent, fmt.Errorf("tree %d → %d: %w", ls.LastSTH.TreeSize, sth.TreeSize, err))
		}
	}
	if sth.TreeSize < ls.NextIndex {
		return fail(KindTreeShrank, fmt.Errorf("tree_size %d < saved position %d", sth.TreeSize, ls.NextIndex))
	}
	if ls.LastSTH == nil && ls.NextIndex == 0 && cfg.StartAtHead {
		ls.NextIndex = sth.TreeSize
		stats.From, stats.To = ls.NextIndex, ls.NextIndex
	}
	ls.LastSTH = &STH{TreeSize: sth.TreeSize, Timestamp: sth.Timestamp, RootHash: append([]byte(nil), sth.SHA256RootHash[:]...)}

	end := min(sth.TreeSize, ls.NextIndex+uint64(lim.MaxEntriesPerPoll))
	entryRequests := 0
	for ls.NextIndex < end {
		if err := ctx.Err(); err != nil {
			stats.To = ls.NextIndex
			return stats, matches, &Error{Log: url, Kind: KindTimeout, Err: err}
		}
		if entryRequests >= lim.MaxRequests {
			stats.To = ls.NextIndex
			stats.count(KindRequestBudget)
			return stats, matches, &Error{Log: url, Kind: KindRequestBudget, Err: fmt.Errorf("%d requests", stats.Requests)}
		}
		start := ls.NextIndex
		last := min(end, start+uint64(lim.BatchSize)) - 1
		asked := int(last - start + 1)
		stats.Requests++
		entryRequests++
		resp, err := lc.GetRawEntries(ctx, int64(start), int64(last))
		if err != nil {
			stats.To = ls.NextIndex
			k := classify(err)
			stats.count(k)
			return stats, matches, &Error{Log: url, Kind: k, Err: fmt.Errorf("get-entries %d-%d: %w", start, last, err)}
		}
		n := len(resp.Entries)
		switch {
		case n > asked:
			stats.To = ls.NextIndex
			stats.count(KindTooMany)
			return stats, matches, &Error{Log: url, Kind: KindTooMany, Err: fmt.Errorf("get-entries %d-%d: asked %d, got %d", start, last, asked, n)}
		case n == 0:
			stats.To = ls.NextIndex
			stats.count(KindNoProgress)
			return stats, matches, &Error{Log: url, Kind: KindNoProgress, Err: fmt.Errorf("get-entries %d-%d: no entries below tree_size %d", start, last, sth.TreeSize)}
		case n < asked:
			stats.ShortReads++ // RFC 6962 lets a log cap a batch; go on from where it stopped
		}
		for i := range resp.Entries {
			idx := start + uint64(i)
			ms := p.processEntry(idx, &resp.Entries[i], url, lim, &stats)
			if room := matchRoom - len(matches); room > 0 {
				matches = append(matches, ms[:min(len(ms), room)]...)
			}
		}
		stats.Entries += n
		ls.NextIndex = start + uint64(n)
		stats.To = ls.NextIndex
	}
	return stats, matches, nil
}

// processEntry decodes one leaf and matches its names. A leaf that cannot be
// parsed is counted and skipped: it is the log's data and will not change.
func (p *Poller) processEntry(idx uint64, le *ct.LeafEntry, url string, lim Limits, stats *LogStats) []Match {
	e, err := parseEntry(int64(idx), le)
	if err != nil {
		stats.BadLeaves++
		stats.count(KindBadLeaf)
		return nil
	}
	if e.precert {
		stats.Precerts++
	} else {
		stats.Certs++
	}
	names := e.names(lim.MaxNamesPerCert)
	stats.Names += len(names)
	var out []Match
	for _, n := range names {
		m, ok := p.Matcher.Match(n)
		if !ok {
			continue
		}
		m.Log, m.Index, m.Precert, m.Timestamp = url, idx, e.precert, int64(e.timestamp)
		m.Serial, m.Issuer = e.serial, e.issuer
		out = append(out, m)
	}
	return out
}

// classify maps a client error to a Kind.
func classify(err error) Kind {
	var re jsonclient.RspError
	if errors.As(err, &re) && re.Err != nil {
		// RspError does not unwrap: look inside it.
		if k := classifyTransport(re.Err); k != "" {
			return k
		}
		if re.StatusCode == http.StatusOK {
			return KindGarbage // a 200 answer that did not decode
		}
		return KindHTTP
	}
	if k := classifyTransport(err); k != "" {
		return k
	}
	return KindHTTP
}

func classifyTransport(err error) Kind {
	var ne interface{ Timeout() bool }
	switch {
	case errors.Is(err, ErrResponseTooLarge):
		return KindTooLarge
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return KindTimeout
	}
	return ""
}
