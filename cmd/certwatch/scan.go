package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/internal/bidi"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/rules"
)

type scanOptions struct {
	rulesPath string
	modelPath string
	format    string
	onlyFlag  bool
	workers   int
}

func newScanCmd() *cobra.Command {
	var o scanOptions
	cmd := &cobra.Command{
		Use:   "scan [flags] FILE... | -",
		Short: "Score pages (HTML, text, JSON Lines, WARC, or JSON Lines on stdin) against the rule packs",
		Long: `Score pages against the rule packs and the learned model, and say why.

Detection is the sweeps' (package detect): the rules flag as always; the model
(--model: the embedded default, a model file, or "none" for the rules alone)
flags a page on its own when its probability reaches the bar; each finding says
which channel flagged it ("channel": rules, model, rules+model) and carries the
model's probability and n-grams ("model"). The channel switches of "certwatch
model channel" live in the database and apply to sweeps and the server; use
--model none here to see the rules alone.

Inputs: .html/.htm and .txt files; .jsonl files of {"url": …, "html": …} or
{"url": …, "text": …} records; .warc/.warc.gz files (their response records);
"-" reads JSON Lines from stdin. Bad input (an unreadable file, a broken JSON
line, a malformed WARC record) is reported on stderr with its location, the
rest is still scanned, and the exit status is 1. A page over 32 MiB is scanned
as far as 32 MiB and its output says so ("truncated": true, 已截断).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), o, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.rulesPath, "rules", "", "rule pack file or directory to use instead of the embedded default")
	cmd.Flags().StringVar(&o.modelPath, "model", "default", `learned model file, "default" (the embedded model) or "none" (rules alone)`)
	cmd.Flags().StringVar(&o.format, "format", "", "output format: text or jsonl (default text on a terminal, jsonl otherwise)")
	cmd.Flags().BoolVar(&o.onlyFlag, "flagged", false, "print only flagged pages")
	cmd.Flags().IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "pages scored in parallel")
	return cmd
}

// scanned is one output record.
type scanned struct {
	*matcher.Finding
	Source string            `json:"source"`
	Title  string            `json:"title,omitempty"`
	Meta   map[string]string `json:"meta,omitempty"`
	// Truncated: the input was over page.MaxBodySize and only its first
	// ScannedBytes bytes were scanned (TotalBytes: the whole, 0 when not
	// known); Note says so in words.
	Truncated    bool   `json:"truncated,omitempty"`
	ScannedBytes int    `json:"scanned_bytes,omitempty"`
	TotalBytes   int64  `json:"total_bytes,omitempty"`
	Note         string `json:"note,omitempty"`
	text         string
}

// truncationNote says which bytes of a cut input were scanned.
func truncationNote(c *page.Cut) string {
	whole := "总长未知"
	if c.TotalBytes > 0 {
		whole = fmt.Sprintf("共 %d 字节", c.TotalBytes)
	}
	return fmt.Sprintf("已截断：只扫描了第 0–%d 字节（前 %d 字节，%s），其余内容未扫描 (truncated: bytes 0-%d scanned)",
		c.ScannedBytes-1, c.ScannedBytes, whole, c.ScannedBytes-1)
}

func loadPacks(path string) ([]*rules.Pack, error) {
	if path == "" {
		p, err := rules.Default()
		if err != nil {
			return nil, err
		}
		return []*rules.Pack{p}, nil
	}
	return rules.LoadPath(path)
}

func runScan(ctx context.Context, o scanOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	l := langOfCtx(ctx)
	packs, err := loadPacks(o.rulesPath)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	m, err := matcher.Compile(packs...)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	var model *rank.Model
	if o.modelPath != "none" {
		if model, err = loadModelArg(o.modelPath); err != nil {
			if o.modelPath != "default" {
				return &exitError{code: 1, err: l.errorf("scan.model", o.modelPath, err)}
			}
			// The embedded model no longer loads (another normaliser):
			// the rules alone, said loudly.
			fmt.Fprintln(stderr, l.msg("scan.model.unused", err))
		}
	}
	det := detect.New(m, detect.Options{Model: model})
	format := o.format
	if format == "" {
		format = "jsonl"
		if f, ok := stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
			format = "text"
		}
	}
	if format != "text" && format != "jsonl" {
		return &exitError{code: 2, err: l.errorf("scan.format", format)}
	}
	color := false
	if f, ok := stdout.(*os.File); ok && format == "text" && isatty.IsTerminal(f.Fd()) && os.Getenv("NO_COLOR") == "" {
		color = true
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	stats := scanStats{byCategory: map[string]int{}}

	// Pages are scored by a pool of workers and printed in input order.
	type job struct {
		p   *page.Page
		cut *page.Cut
		res chan *scanned
	}
	workers := max(o.workers, 1)
	jobs := make(chan job, workers*4)
	order := make(chan chan *scanned, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				f := det.Detect(j.p)
				s := &scanned{Finding: f, Source: j.p.Source, Title: j.p.Title, Meta: j.p.Meta, text: j.p.Text}
				if c := j.cut; c != nil {
					s.Truncated, s.ScannedBytes, s.TotalBytes, s.Note = true, c.ScannedBytes, c.TotalBytes, truncationNote(c)
				}
				j.res <- s
			}
		}()
	}
	printed := make(chan error, 1)
	go func() {
		var werr error
		for res := range order {
			s := <-res
			stats.add(s)
			if werr != nil || (o.onlyFlag && !s.Flagged) {
				continue
			}
			if format == "jsonl" {
				werr = enc.Encode(s)
			} else {
				werr = printText(out, l, s, color)
			}
		}
		printed <- werr
	}()

	bad := 0
	var readErr error
	paths, err := expandDirs(args)
	if err != nil {
		bad++
		fmt.Fprintf(stderr, "certwatch: scan: %v\n", err)
	}
	for _, path := range paths {
		readErr = page.Read(ctx, path, stdin, func(it page.Item) error {
			if it.Err != nil {
				bad++
				fmt.Fprintf(stderr, "certwatch: scan: %v\n", it.Err)
				return nil
			}
			res := make(chan *scanned, 1)
			select {
			case order <- res:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- job{p: it.Page, cut: it.Cut, res: res}
			return nil
		})
		if readErr != nil {
			break
		}
	}
	close(jobs)
	close(order)
	wg.Wait()
	if err := <-printed; err != nil {
		return &exitError{code: 1, err: l.errorf("scan.write", err)}
	}
	if format == "text" {
		stats.print(out, l, bad)
	}
	if readErr != nil {
		return &exitError{code: 1, err: fmt.Errorf("scan: %w", readErr)}
	}
	if bad > 0 {
		return &exitError{code: 1, err: errBadInput}
	}
	return nil
}

// inputSuffixes are the files a directory argument contributes.
var inputSuffixes = []string{".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".html", ".htm", ".txt", ".warc", ".warc.gz"}

// expandDirs replaces each directory argument by the input files under it,
// in name order; other arguments are kept as they are.
func expandDirs(args []string) ([]string, error) {
	var out []string
	var errs []error
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.IsDir() {
			out = append(out, a)
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			for _, suf := range inputSuffixes {
				if !d.IsDir() && strings.HasSuffix(strings.ToLower(path), suf) {
					files = append(files, path)
					break
				}
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, errors.Join(errs...)
}

type scanStats struct {
	pages, flagged, truncated int
	byCategory                map[string]int
}

func (s *scanStats) add(sc *scanned) {
	f := sc.Finding
	s.pages++
	if sc.Truncated {
		s.truncated++
	}
	if f.Flagged {
		s.flagged++
		s.byCategory[f.Category]++
	}
}

func (s *scanStats) print(w io.Writer, l lang, bad int) {
	cats := make([]string, 0, len(s.byCategory))
	for c := range s.byCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var parts []string
	for _, c := range cats {
		parts = append(parts, fmt.Sprintf("%s %d", categoryLabel(l, c), s.byCategory[c]))
	}
	fmt.Fprint(w, l.msg("scan.stats", s.pages, s.flagged))
	if len(parts) > 0 {
		fmt.Fprint(w, l.msg("scan.stats.categories", strings.Join(parts, l.msg("list.sep"))))
	}
	if s.truncated > 0 {
		fmt.Fprint(w, l.msg("scan.stats.truncated", s.truncated, page.MaxBodySize>>20))
	}
	if bad > 0 {
		fmt.Fprint(w, l.msg("scan.stats.bad", bad))
	}
	fmt.Fprintln(w)
}

const (
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[1;31m"
	ansiGreen = "\x1b[32m"
	ansiDim   = "\x1b[2m"
	ansiReset = "\x1b[0m"
)

// printText writes one finding as a readable block. Crawled text is
// hostile: control characters are made visible so a page cannot drive the
// terminal.
func printText(w io.Writer, l lang, s *scanned, color bool) error {
	paint := func(code, t string) string {
		if !color {
			return t
		}
		return code + t + ansiReset
	}
	where := safe(s.URL)
	if s.Source != "" && s.Source != s.URL {
		where += "  (" + safe(s.Source) + ")"
	}
	if !s.Flagged {
		_, err := fmt.Fprintf(w, "%s  %-6g %s\n", paint(ansiGreen, l.msg("scan.ok")), s.Score, where)
		if err == nil && s.Note != "" {
			_, err = fmt.Fprintf(w, "  %s\n", s.Note)
		}
		return err
	}
	fmt.Fprintf(w, "%s  %-6g %s %s → %s\n", paint(ansiRed, l.msg("scan.flagged")), s.Score, s.Category, s.CategoryName, s.Route.Name())
	fmt.Fprintf(w, "  %s\n", where)
	if s.Note != "" {
		fmt.Fprintf(w, "  %s\n", s.Note)
	}
	if s.Title != "" {
		fmt.Fprintln(w, l.msg("scan.title", highlight(s.Title, s.Matches, "title", color)))
	}
	for _, r := range s.Reasons {
		fmt.Fprintf(w, "  - %s\n", safe(r))
	}
	for _, line := range matchedLines(s.text, s.Matches, color, 6) {
		fmt.Fprintf(w, "  | %s\n", line)
	}
	if len(s.Contacts) > 0 {
		var cs []string
		for _, c := range s.Contacts {
			kind := c.Kind
			if l == zh {
				kind = casework.ContactKind(c.Kind).Name()
			}
			t := kind + " " + safe(c.Value)
			if c.Text != c.Value {
				t += " (" + safe(c.Text) + ")"
			}
			cs = append(cs, t)
		}
		fmt.Fprintln(w, l.msg("scan.contacts", strings.Join(cs, "; ")))
	}
	if mv := s.Model; mv != nil {
		var grams []string
		for i, g := range mv.NGrams {
			if i == 6 {
				break
			}
			grams = append(grams, "“"+safe(g.Text)+"”")
		}
		fmt.Fprintln(w, l.msg("scan.model.line", s.Channel, mv.Probability, mv.Bar, strings.Join(grams, " ")))
	}
	var ids []string
	for _, r := range s.Rules {
		ids = append(ids, fmt.Sprintf("%s=%g", r.ID, r.Score))
	}
	_, err := fmt.Fprintf(w, "  %s\n\n", paint(ansiDim, l.msg("scan.rules", strings.Join(ids, " "), packOf(s.Finding))))
	return err
}

func packOf(f *matcher.Finding) string {
	if len(f.Rules) == 0 {
		return ""
	}
	return f.Rules[0].Pack
}

// matchedLines returns up to n lines of text that hold a match, each with
// its matches highlighted (bold red on a terminal, «…» otherwise).
func matchedLines(text string, ms []matcher.Match, color bool, n int) []string {
	var out []string
	lineStart := 0
	for lineStart <= len(text) && len(out) < n {
		end := strings.IndexByte(text[lineStart:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += lineStart
		}
		var in []matcher.Match
		for _, m := range ms {
			if m.Field == "text" && m.Start >= lineStart && m.End <= end && m.Kind != "exclusion" {
				in = append(in, matcher.Match{Start: m.Start - lineStart, End: m.End - lineStart, Field: "line"})
			}
		}
		if len(in) > 0 {
			out = append(out, highlight(text[lineStart:end], in, "line", color))
		}
		lineStart = end + 1
	}
	return out
}

func highlight(s string, ms []matcher.Match, field string, color bool) string {
	var spans [][2]int
	for _, m := range ms {
		if m.Field == field && m.Start >= 0 && m.End <= len(s) && m.Start < m.End {
			spans = append(spans, [2]int{m.Start, m.End})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var b strings.Builder
	pos := 0
	for _, sp := range spans {
		if sp[0] < pos {
			continue
		}
		b.WriteString(safe(s[pos:sp[0]]))
		if color {
			b.WriteString(ansiRed + safe(s[sp[0]:sp[1]]) + ansiReset)
		} else {
			b.WriteString("«" + safe(s[sp[0]:sp[1]]) + "»")
		}
		pos = sp[1]
	}
	b.WriteString(safe(s[pos:]))
	return b.String()
}

// safe replaces control characters (ESC sequences in a crawled title
// would otherwise reach the terminal) and invalid UTF-8 with \u escapes,
// and bidirectional controls (U+202E would show what follows reversed)
// with the marker every view uses, ⟨U+202E⟩.
func safe(s string) string { return bidi.ForTerminal(s) }
