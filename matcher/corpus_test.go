package matcher

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

type labelled struct {
	p     *page.Page
	label string
}

func loadCorpus(t *testing.T, glob string) []labelled {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files at %s", glob)
	}
	var out []labelled
	for _, f := range files {
		err := page.Read(context.Background(), f, nil, func(it page.Item) error {
			if it.Err != nil {
				t.Errorf("corpus: %v", it.Err)
				return nil
			}
			out = append(out, labelled{p: it.Page, label: it.Page.Meta["label"]})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestCorpus scores the labelled corpus (testdata/corpus, written from
// domain.md: every category, every evasion, every kind of page that must
// not be flagged) and fails below precision or recall 0.95, printing every
// miss with its reasons.
func TestCorpus(t *testing.T) {
	pages := loadCorpus(t, "../testdata/corpus/*.jsonl")
	if len(pages) < 150 {
		t.Fatalf("corpus has %d pages, want at least 150", len(pages))
	}
	precision, recall := score(t, defaultMatcher(t), pages)
	if precision < 0.95 || recall < 0.95 {
		t.Errorf("precision %.3f recall %.3f: both must be at least 0.95", precision, recall)
	}
}

// TestUnseenHeldOut measures the held-out sets in testdata/unseen, each
// written by someone who never saw the rules: v4 (long, messy pages) and
// v5 (long pages with shared sidebar and footer filler) were measured
// first and then used to choose the default pack's near_lines exclusions;
// v6 (written by hand) was measured before and after that choice and has
// not been used for tuning since. The floors sit a little below the
// measured figures: they catch a collapse, they are not targets. The
// README reports the figures.
func TestUnseenHeldOut(t *testing.T) {
	m := defaultMatcher(t)
	for _, tc := range []struct {
		file                    string
		minPrecision, minRecall float64
	}{
		{"pages-v4.jsonl", 0.85, 0.75},
		{"pages-v5.jsonl", 0.80, 0.45},
		{"pages-v6.jsonl", 0.70, 0.55},
	} {
		t.Run(tc.file, func(t *testing.T) {
			precision, recall := score(t, m, loadCorpus(t, "../testdata/unseen/"+tc.file))
			if precision < tc.minPrecision || recall < tc.minRecall {
				t.Errorf("%s: precision %.3f recall %.3f fell below the floors %.2f / %.2f", tc.file, precision, recall, tc.minPrecision, tc.minRecall)
			}
		})
	}
}

// score runs the matcher over labelled pages, logs the confusion counts,
// per-label results and every miss, and returns precision and recall.
func score(t *testing.T, m *Matcher, pages []labelled) (precision, recall float64) {
	t.Helper()
	var tp, fp, fn, tn, catOK int
	var misses []string
	perLabel := map[string][2]int{}
	for _, lp := range pages {
		f := m.Match(lp.p)
		positive := lp.label != "clean"
		c := perLabel[lp.label]
		c[1]++
		switch {
		case positive && f.Flagged:
			tp++
			c[0]++
			if f.Category == lp.label {
				catOK++
			}
		case positive:
			fn++
			misses = append(misses, fmt.Sprintf("MISSED  %s [%s/%s] score %.2f\n    %s", lp.p.Meta["id"], lp.label, lp.p.Meta["kind"], f.Score, strings.Join(f.Reasons, "\n    ")))
		case f.Flagged:
			fp++
			misses = append(misses, fmt.Sprintf("FALSE+  %s [%s] score %.2f\n    %s", lp.p.Meta["id"], lp.p.Meta["kind"], f.Score, strings.Join(f.Reasons, "\n    ")))
		default:
			tn++
			c[0]++
		}
		perLabel[lp.label] = c
	}
	precision = float64(tp) / float64(max(tp+fp, 1))
	recall = float64(tp) / float64(max(tp+fn, 1))
	labels := make([]string, 0, len(perLabel))
	for l := range perLabel {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		t.Logf("%-15s %3d/%3d right", l, perLabel[l][0], perLabel[l][1])
	}
	t.Logf("pages %d: tp %d fp %d fn %d tn %d; precision %.3f recall %.3f; category right on %d/%d flagged positives",
		len(pages), tp, fp, fn, tn, precision, recall, catOK, tp)
	for _, s := range misses {
		t.Log(s)
	}
	return precision, recall
}
