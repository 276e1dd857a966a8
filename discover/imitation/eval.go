package imitation

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// Labels of an evaluation's pages.
const (
	LabelImitation  = "imitation"
	LabelLegitimate = "legitimate"
	// MaxLabels bounds the pages of one evaluation.
	MaxLabels = 10000
)

// Renderer renders a page file of an evaluation directory (its path
// relative to the directory) and returns its screenshot (PNG).
type Renderer func(ctx context.Context, file string) ([]byte, error)

// EvalOptions configure Evaluate.
type EvalOptions struct {
	Options
	// Render, when set, renders every page and reference to add the
	// screenshot's hash to the comparison.
	Render Renderer
}

// Outcome is one page's verdict in an evaluation.
type Outcome struct {
	Entry
	Result Result `json:"result"`
	// RenderErr is why the page could not be rendered ("" when it was,
	// or when nothing was).
	RenderErr string `json:"render_err,omitempty"`
}

// KindCount counts one kind of page.
type KindCount struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Pages   int    `json:"pages"`
	Correct int    `json:"correct"`
}

// Report is an evaluation's result.
type Report struct {
	Pages, References      int
	TP, FP, FN, TN         int
	Precision, Recall      float64
	Kinds                  []KindCount
	Misses, FalseAlarms    []Outcome
	Outcomes               []Outcome
	VerdictTime, TotalTime time.Duration // all verdicts; the whole run
	Rendered               int
}

// Evaluate judges every page that dir/labels.jsonl lists against the
// references of dir/reference (references.jsonl) and counts the verdicts
// against the labels.
func Evaluate(ctx context.Context, dir string, o EvalOptions) (*Report, error) {
	start := time.Now()
	fsys := os.DirFS(dir)
	f, err := fsys.Open("labels.jsonl")
	if err != nil {
		return nil, fmt.Errorf("imitation: evaluation: %w", err)
	}
	entries, err := ReadEntries(f, MaxLabels)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("imitation: %s/labels.jsonl: %w", dir, err)
	}
	for _, e := range entries {
		if !fs.ValidPath(e.File) {
			return nil, fmt.Errorf("imitation: labels.jsonl: %q is not a path inside %s", e.File, dir)
		}
		if e.Label != LabelImitation && e.Label != LabelLegitimate {
			return nil, fmt.Errorf("imitation: labels.jsonl: %s: label %q is neither %q nor %q", e.File, e.Label, LabelImitation, LabelLegitimate)
		}
	}
	refs, err := LoadFS(fsys, "reference", "file", o.Issuers)
	if err != nil {
		return nil, err
	}
	rep := &Report{Pages: len(entries), References: len(refs)}
	if o.Render != nil {
		rf, err := fsys.Open("reference/references.jsonl")
		if err != nil {
			return nil, err
		}
		res, err := ReadEntries(rf, MaxRefs)
		rf.Close()
		if err != nil {
			return nil, err
		}
		for i, e := range res {
			if i < len(refs) && fs.ValidPath(e.File) && !refs[i].HasHash {
				if shot, err := o.Render(ctx, e.File); err == nil {
					if h, thumb, err := HashImage(shot); err == nil {
						refs[i].Hash, refs[i].HasHash, refs[i].Shot = h, true, thumb
					}
				}
			}
		}
	}
	kinds := map[[2]string]*KindCount{}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		body, err := readBounded(fsys, e.File, MaxBody)
		if err != nil {
			return nil, fmt.Errorf("imitation: page %s: %w", e.File, err)
		}
		out := Outcome{Entry: e}
		c := Candidate{}
		if o.Render != nil {
			shot, err := o.Render(ctx, e.File)
			if err == nil {
				var h uint64
				if h, _, err = HashImage(shot); err == nil {
					c.Hash, c.HasHash = h, true
					rep.Rendered++
				}
			}
			if err != nil {
				out.RenderErr = err.Error()
			}
		}
		t0 := time.Now()
		c.Snapshot = Extract(e.URL, body)
		out.Result = Verdict(c, refs, &o.Options)
		rep.VerdictTime += time.Since(t0)
		got := out.Result.Imitation
		want := e.Label == LabelImitation
		switch {
		case got && want:
			rep.TP++
		case got && !want:
			rep.FP++
			rep.FalseAlarms = append(rep.FalseAlarms, out)
		case !got && want:
			rep.FN++
			rep.Misses = append(rep.Misses, out)
		default:
			rep.TN++
		}
		k := [2]string{e.Label, e.Kind}
		if kinds[k] == nil {
			kinds[k] = &KindCount{Kind: e.Kind, Label: e.Label}
		}
		kinds[k].Pages++
		if got == want {
			kinds[k].Correct++
		}
		rep.Outcomes = append(rep.Outcomes, out)
	}
	if rep.TP+rep.FP > 0 {
		rep.Precision = float64(rep.TP) / float64(rep.TP+rep.FP)
	}
	if rep.TP+rep.FN > 0 {
		rep.Recall = float64(rep.TP) / float64(rep.TP+rep.FN)
	}
	for _, k := range kinds {
		rep.Kinds = append(rep.Kinds, *k)
	}
	slices.SortFunc(rep.Kinds, func(a, b KindCount) int {
		return strings.Compare(a.Label+"\x00"+a.Kind, b.Label+"\x00"+b.Kind)
	})
	rep.TotalTime = time.Since(start)
	return rep, nil
}

func readBounded(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(path.Clean(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		b = b[:max] // Extract reads MaxBody bytes of a page, as a sweep does
	}
	return b, nil
}
