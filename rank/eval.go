package rank

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/certwatch/certwatch/rules"
)

// Scores are precision, recall and F1 of one class (or of "any offer").
type Scores struct {
	Class     string   `json:"class"`
	Support   int      `json:"support"` // labelled examples of the class
	TP        int      `json:"tp"`
	FP        int      `json:"fp"`
	FN        int      `json:"fn"`
	Precision *float64 `json:"precision"` // nil when nothing was predicted
	Recall    *float64 `json:"recall"`    // nil when there is no example
	F1        *float64 `json:"f1"`
}

// Evaluation is a model's result on labelled examples.
type Evaluation struct {
	Model    string   `json:"model"`
	Examples int      `json:"examples"`
	Classes  []Scores `json:"classes"` // the positive classes
	// Any treats every positive class as one: was an offer flagged at all?
	Any Scores `json:"any"`
}

// Evaluate predicts every example and counts, per positive class, true
// and false positives and misses; a text predicted with the wrong
// positive class is a miss of its class and a false positive of the
// other, and a hit for Any.
func Evaluate(m *Model, examples []Example, workers int) *Evaluation {
	pred := make([]string, len(examples))
	parallel(max(workers, 1), len(examples), func(i int) { pred[i] = m.Predict(examples[i].Text).Category })
	ev := &Evaluation{Model: m.Version(), Examples: len(examples), Any: Scores{Class: "any"}}
	idx := map[string]int{}
	for _, c := range Classes[1:] {
		idx[c] = len(ev.Classes)
		ev.Classes = append(ev.Classes, Scores{Class: c})
	}
	for i, ex := range examples {
		got, want := pred[i], ex.Label
		if want != Negative {
			ev.Classes[idx[want]].Support++
			ev.Any.Support++
		}
		switch {
		case got == want && want != Negative:
			ev.Classes[idx[want]].TP++
		case got != want:
			if want != Negative {
				ev.Classes[idx[want]].FN++
			}
			if got != Negative {
				ev.Classes[idx[got]].FP++
			}
		}
		switch {
		case got != Negative && want != Negative:
			ev.Any.TP++
		case got != Negative:
			ev.Any.FP++
		case want != Negative:
			ev.Any.FN++
		}
	}
	for i := range ev.Classes {
		ev.Classes[i].finish()
	}
	ev.Any.finish()
	return ev
}

func (s *Scores) finish() {
	ratio := func(a, b int) *float64 {
		if b == 0 {
			return nil
		}
		v := float64(a) / float64(b)
		return &v
	}
	s.Precision = ratio(s.TP, s.TP+s.FP)
	s.Recall = ratio(s.TP, s.TP+s.FN)
	if s.Precision != nil && s.Recall != nil && *s.Precision+*s.Recall > 0 {
		f := 2 * *s.Precision * *s.Recall / (*s.Precision + *s.Recall)
		s.F1 = &f
	}
}

// Print writes the evaluation as a table (bilingual headings); against,
// when not nil, adds its figures in columns beside.
func (ev *Evaluation) Print(w io.Writer, against *Evaluation) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := "类别 class\t样本 n\t查准 P\t查全 R\tF1\tTP/FP/FN"
	if against != nil {
		head += "\t对比 P\t对比 R\t对比 F1\t对比 TP/FP/FN"
	}
	fmt.Fprintln(tw, head)
	rows := append(append([]Scores{}, ev.Classes...), ev.Any)
	var other []Scores
	if against != nil {
		other = append(append([]Scores{}, against.Classes...), against.Any)
	}
	for i, s := range rows {
		name := CategoryName(s.Class) + " " + s.Class
		line := fmt.Sprintf("%s\t%d\t%s\t%s\t%s\t%d/%d/%d", name, s.Support, num(s.Precision), num(s.Recall), num(s.F1), s.TP, s.FP, s.FN)
		if other != nil {
			o := other[i]
			line += fmt.Sprintf("\t%s\t%s\t%s\t%d/%d/%d", num(o.Precision), num(o.Recall), num(o.F1), o.TP, o.FP, o.FN)
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

// CategoryName is a class's Chinese name: the default pack's name of a
// category (rules.CategoryName), and names for the two classes only the
// model has.
func CategoryName(class string) string {
	switch class {
	case "any":
		return "任一违规"
	case Negative:
		return "无违规"
	}
	return rules.CategoryName(nil, class)
}

func num(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%.3f", *p)
}
