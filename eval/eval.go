package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/certwatch/certwatch/page"
)

// Options adjust Run.
type Options struct {
	Selection Selection
	// Workers classify pages in parallel (default GOMAXPROCS).
	Workers int
	// Stdin is read for the path "-".
	Stdin io.Reader
	// OnBad is called, one call at a time, for every bad piece of input (an
	// unreadable file, a broken line, a record without a known label); the
	// piece is left out and the run goes on.
	OnBad func(error)
	// SnippetRunes is the length of the text shown beside each listed
	// record (default 100).
	SnippetRunes int
}

// LabelError is a record whose label is missing or unknown.
type LabelError struct {
	Source string // "file.jsonl:12"
	Label  string
}

func (e *LabelError) Error() string {
	if e.Label == "" {
		return fmt.Sprintf("eval: %s: key \"label\": missing (want cert_sale, exam_fraud, training_fraud, imitation_site or negative)", e.Source)
	}
	return fmt.Sprintf("eval: %s: key \"label\": unknown label %q (want cert_sale, exam_fraud, training_fraud, imitation_site or negative)", e.Source, e.Label)
}

// outcome is one evaluated record with every configuration's verdict.
type outcome struct {
	index    int
	id       string
	source   string
	file     string
	label    string
	kind     string
	split    string
	genre    string
	snippet  string
	verdicts []Verdict
}

// Run reads the labelled records in paths (anything page.Read takes),
// classifies the selected ones with every classifier and measures each. It
// returns an error only when ctx is done; bad input goes to OnBad.
func Run(ctx context.Context, paths []string, cs []Classifier, o Options) (*Report, error) {
	if len(cs) == 0 {
		return nil, errors.New("eval: no classifier")
	}
	if len(o.Selection.Splits) == 0 {
		o.Selection, _ = ParseSelection("")
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	snip := o.SnippetRunes
	if snip <= 0 {
		snip = 100
	}
	onBad := o.OnBad
	if onBad == nil {
		onBad = func(error) {}
	}
	rep := &Report{Selection: o.Selection, Skipped: map[string]int{}}
	for _, c := range cs {
		rep.Configs = append(rep.Configs, &Config{Name: c.Name()})
	}

	type job struct {
		p *page.Page
		o *outcome
	}
	jobs := make(chan job, workers*4)
	var (
		mu       sync.Mutex
		outcomes []*outcome
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				for _, c := range cs {
					j.o.verdicts = append(j.o.verdicts, c.Classify(j.p))
				}
				mu.Lock()
				outcomes = append(outcomes, j.o)
				mu.Unlock()
			}
		}()
	}
	var readErr error
	index := 0
	for _, path := range paths {
		fc := FileCount{Path: path}
		readErr = page.Read(ctx, path, o.Stdin, func(it page.Item) error {
			if it.Err != nil {
				rep.Bad++
				onBad(it.Err)
				return nil
			}
			p := it.Page
			fc.Records++
			split := strings.ToLower(strings.TrimSpace(p.Meta["split"]))
			if !o.Selection.Includes(split) {
				// Not classified, not looked at: only counted.
				rep.Skipped[split]++
				return nil
			}
			label, ok := Label(p.Meta["label"])
			if !ok {
				rep.Bad++
				onBad(&LabelError{Source: p.Source, Label: p.Meta["label"]})
				return nil
			}
			fc.Evaluated++
			oc := &outcome{index: index, id: p.Meta["id"], source: p.Source, file: path, label: label,
				kind: Kind(p), split: split, genre: p.Meta["genre"], snippet: snippet(p, snip)}
			if oc.id == "" {
				oc.id = p.Source
			}
			index++
			select {
			case jobs <- job{p: p, o: oc}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		rep.Files = append(rep.Files, fc)
		if readErr != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if readErr != nil {
		return nil, fmt.Errorf("eval: read: %w", readErr)
	}
	slices.SortFunc(outcomes, func(a, b *outcome) int { return a.index - b.index })
	rep.Records = len(outcomes)
	for i, c := range rep.Configs {
		c.measure(outcomes, i)
	}
	if len(cs) > 1 {
		rep.Disagreements = disagreements(outcomes)
	}
	return rep, nil
}

// snippet is the start of the page's title and text on one line.
func snippet(p *page.Page, n int) string {
	s := strings.TrimSpace(p.Text)
	if t := strings.TrimSpace(p.Title); t != "" {
		s = t + " | " + s
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
