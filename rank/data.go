package rank

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/eval"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
)

// LabelClass maps a corpus label to a class, as eval reads labels
// (eval.Label: a category, or "negative"/"clean"/"clean_*"… for negative);
// ok is false for anything else (no label, or an unknown one).
func LabelClass(label string) (class string, ok bool) { return eval.Label(label) }

// TestSplit is the split of the real corpus that is only ever used to
// report: ReadExamples never returns its records.
const TestSplit = "test"

// ReadExamples reads labelled texts from path with page.Read (JSON Lines
// with a "label" field, also HTML, text and WARC files, though those carry
// no label). A record with a "split" field is kept only when the split is
// one of splits (default: "train"); records of the test split are never
// returned, whatever splits says (a final report on them is `certwatch
// model test --split test`, through package eval). Records without a
// split field are all kept. Bad records and records without a usable
// label are returned as problems (with their position), and reading goes
// on.
func ReadExamples(ctx context.Context, path string, splits ...string) (examples []Example, problems []error, err error) {
	if len(splits) == 0 {
		splits = []string{"train"}
	}
	err = readLabelled(ctx, path, true, func(split string) bool {
		return split != TestSplit && slices.Contains(splits, split)
	}, func(ex Example) { examples = append(examples, ex) }, func(e error) { problems = append(problems, e) })
	return examples, problems, err
}

func readLabelled(ctx context.Context, path string, keepUnsplit bool, keepSplit func(string) bool, add func(Example), problem func(error)) error {
	return page.Read(ctx, path, nil, func(it page.Item) error {
		if it.Err != nil {
			problem(it.Err)
			return nil
		}
		p := it.Page
		if split, ok := p.Meta["split"]; ok {
			if !keepSplit(split) {
				return nil
			}
		} else if !keepUnsplit {
			return nil
		}
		class, ok := LabelClass(p.Meta["label"])
		if !ok {
			problem(fmt.Errorf("%s: label %q is not a class (%s, clean)", p.Source, p.Meta["label"], strings.Join(Classes, ", ")))
			return nil
		}
		site := p.Meta["site"]
		if u, err := url.Parse(p.URL); site == "" && err == nil {
			site = u.Hostname()
		}
		add(Example{Text: PageText(p), Label: class, Source: path, Site: site})
		return nil
	})
}

// Decisions is what training reads from the store: the reviewed cases and
// the snapshot each decision was about. *store.Store implements it.
type Decisions interface {
	Cases(store.CaseFilter) ([]store.Case, error)
	Snapshots(caseID uint64) ([]store.Snapshot, error)
	SnapshotText(id uint64) (*store.SnapshotText, error)
	SnapshotBody(id uint64) ([]byte, error)
}

var _ Decisions = (*store.Store)(nil)

// StoreSource is the Source name of examples from reviewers' decisions.
const StoreSource = "store: reviewers' decisions"

// StoreSummary counts what FromStore found.
type StoreSummary struct {
	Cases     int            // stored cases
	Used      map[string]int // examples per class
	Open      int            // never decided: no label
	Excluded  int            // dismissed as out of scope or duplicate: no label
	NoText    int            // decided, but no readable snapshot
	Uncovered map[string]int // confirmed with a category the model has no class for
}

// FromStore turns reviewers' decisions into examples (the labels of
// tuning.CaseLabel and "certwatch rules test"): a confirmed case (or a referral awaiting approval) is
// an example of its category; a case dismissed as a false positive is
// negative; other dismissals and open cases are left out. The text is the
// snapshot the reviewer saw: the latest fetched at or before the decision
// — its stored title and text, else its body read as a page.
func FromStore(ctx context.Context, st Decisions) ([]Example, StoreSummary, error) {
	sum := StoreSummary{Used: map[string]int{}, Uncovered: map[string]int{}}
	cases, err := st.Cases(store.CaseFilter{})
	if err != nil {
		return nil, sum, fmt.Errorf("rank: read decisions: %w", err)
	}
	sum.Cases = len(cases)
	slices.SortFunc(cases, func(a, b store.Case) int { return cmp.Compare(a.ID, b.ID) })
	var out []Example
	for i := range cases {
		if err := ctx.Err(); err != nil {
			return nil, sum, err
		}
		c := &cases[i]
		// The labels of tuning.CaseLabel (not imported: rank stays below
		// the matcher's users).
		var class string
		switch {
		case c.Status == casework.CaseConfirmed || c.Status == casework.CasePendingApproval:
			if !slices.Contains(Classes, c.Category) || c.Category == Negative {
				sum.Uncovered[c.Category]++
				continue
			}
			class = c.Category
		case c.Status == casework.CaseDismissed && c.DismissReason == casework.DismissFalsePositive:
			class = Negative
		case c.Status == casework.CaseDismissed:
			sum.Excluded++
			continue
		default:
			sum.Open++
			continue
		}
		text, err := decidedText(st, c)
		if err != nil {
			return nil, sum, fmt.Errorf("rank: read decisions: case %d: %w", c.ID, err)
		}
		if text == "" {
			sum.NoText++
			continue
		}
		out = append(out, Example{Text: text, Label: class, Source: StoreSource})
		sum.Used[class]++
	}
	return out, sum, nil
}

// decidedText is the text of the snapshot a decision was about; "" when
// none can be read.
func decidedText(st Decisions, c *store.Case) (string, error) {
	snaps, err := st.Snapshots(c.ID)
	if err != nil || len(snaps) == 0 {
		return "", err
	}
	sn := &snaps[len(snaps)-1]
	if !c.DecidedAt.IsZero() {
		sn = &snaps[0]
		for i := range snaps {
			if !snaps[i].FetchedAt.After(c.DecidedAt) {
				sn = &snaps[i]
			}
		}
	}
	txt, err := st.SnapshotText(sn.ID)
	switch {
	case err == nil:
		return txt.Title + "\n" + txt.Text, nil
	case !errors.Is(err, store.ErrNotFound):
		return "", err
	}
	body, err := st.SnapshotBody(sn.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "", nil
	case err != nil:
		return "", err
	}
	if len(body) > page.MaxBodySize {
		body = body[:page.MaxBodySize]
	}
	p, err := page.FromHTML(sn.URL, body, sn.Header.Get("Content-Type"))
	if err != nil {
		return "", nil
	}
	return PageText(p), nil
}
