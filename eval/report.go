package eval

import (
	"maps"
	"slices"
)

// Report is the result of Run.
type Report struct {
	Files     []FileCount `json:"files"`
	Selection Selection   `json:"selection"`
	// Skipped counts records left out (not classified) by their split.
	Skipped map[string]int `json:"skipped"`
	// Bad counts pieces of input left out as bad (see Options.OnBad).
	Bad int `json:"bad_input"`
	// Records is how many records were evaluated.
	Records int       `json:"records"`
	Configs []*Config `json:"configs"`
	// Disagreements are the records on which two configurations decided
	// differently (flagged or not, or the category), in input order; only
	// with two or more configurations.
	Disagreements []Item `json:"disagreements,omitempty"`
}

// FileCount says how many records a file held and how many were evaluated.
type FileCount struct {
	Path      string `json:"path"`
	Records   int    `json:"records"`
	Evaluated int    `json:"evaluated"`
}

// Config is one configuration's measures.
type Config struct {
	Name string `json:"name"`
	// Overall: flagged vs not. RightCategory: a positive counts only when
	// flagged with its own category.
	Overall       Measure           `json:"overall"`
	RightCategory Measure           `json:"right_category"`
	Categories    []CategoryMeasure `json:"categories"`
	Kinds         []GroupMeasure    `json:"kinds"`
	Files         []GroupMeasure    `json:"files"`
	// Splits and Genres group the records that carry a split or genre
	// field (the real corpus); records without one are left out of them.
	Splits    []GroupMeasure `json:"splits,omitempty"`
	Genres    []GroupMeasure `json:"genres,omitempty"`
	Confusion Confusion      `json:"confusion"`
	// Channels counts flagged records by the channel that flagged them.
	Channels map[string]int `json:"channels"`
	// Misses are positives not flagged; FalseAlarms negatives flagged;
	// WrongCategory positives flagged with another category.
	// Lists dropped by Keep are absent from JSON.
	Misses        []Item `json:"misses,omitempty"`
	FalseAlarms   []Item `json:"false_alarms,omitempty"`
	WrongCategory []Item `json:"wrong_category,omitempty"`
}

// Measure holds confusion counts and the measures derived from them; a
// measure with a zero denominator is nil.
type Measure struct {
	TP        int      `json:"tp"`
	FP        int      `json:"fp"`
	FN        int      `json:"fn"`
	TN        int      `json:"tn"`
	Precision *float64 `json:"precision"`
	Recall    *float64 `json:"recall"`
	F1        *float64 `json:"f1"`
}

func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

func (m *Measure) derive() {
	m.Precision = ratio(m.TP, m.TP+m.FP)
	m.Recall = ratio(m.TP, m.TP+m.FN)
	m.F1 = ratio(2*m.TP, 2*m.TP+m.FP+m.FN)
	if m.Precision == nil || m.Recall == nil {
		// F1 = 2PR/(P+R) is defined only when both are.
		m.F1 = nil
	}
}

// CategoryMeasure is one category's measures.
type CategoryMeasure struct {
	Category string `json:"category"`
	// Support is the number of gold records of the category; Predicted of
	// records flagged with it.
	Support   int `json:"support"`
	Predicted int `json:"predicted"`
	// Right: the category must be right (one-vs-rest). AnyRecall: gold
	// records of the category flagged with any category; AnyPrecision:
	// records flagged with it that are positives of any category.
	Right        Measure  `json:"right_category"`
	AnyRecall    *float64 `json:"flagged_any_recall"`
	AnyPrecision *float64 `json:"flagged_any_precision"`
}

// GroupMeasure is the flagged-vs-not measure over one group of records (a
// text kind, a file), with how many positives got their own category.
type GroupMeasure struct {
	Group         string   `json:"group"`
	Records       int      `json:"records"`
	Positives     int      `json:"positives"`
	Measure       Measure  `json:"measure"`
	RightCategory int      `json:"right_category"`
	RightRecall   *float64 `json:"right_category_recall"`
}

// Confusion is a gold × predicted count table. Rows are the gold labels
// (the four categories, then negative); columns the predicted categories
// (the four, then any other a pack uses), then NotFlagged.
type Confusion struct {
	Rows  []string `json:"rows"`
	Cols  []string `json:"cols"`
	Cells [][]int  `json:"cells"`
}

// NotFlagged is the confusion column of records nobody flagged.
const NotFlagged = "not_flagged"

// Item is one record in a list: a miss, a false alarm, a wrong category, a
// disagreement.
type Item struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Label  string `json:"label"`
	Kind   string `json:"kind"`
	Split  string `json:"split,omitempty"`
	Text   string `json:"text"` // the start of title and text
	// Verdicts: the configuration's verdict in a configuration's lists;
	// every configuration's, in order, in Disagreements.
	Verdicts []Verdict `json:"verdicts"`
}

func (o *outcome) item(verdicts ...Verdict) Item {
	return Item{ID: o.id, Source: o.source, Label: o.label, Kind: o.kind, Split: o.split, Text: o.snippet, Verdicts: verdicts}
}

// measure fills c from the outcomes' i-th verdicts.
func (c *Config) measure(outs []*outcome, i int) {
	c.Channels = map[string]int{}
	cats := map[string]*CategoryMeasure{}
	var catOrder []string
	catOf := func(name string) *CategoryMeasure {
		if cm, ok := cats[name]; ok {
			return cm
		}
		cm := &CategoryMeasure{Category: name}
		cats[name] = cm
		catOrder = append(catOrder, name)
		return cm
	}
	for _, name := range Categories {
		catOf(name)
	}
	kinds := map[string]*GroupMeasure{}
	files := map[string]*GroupMeasure{}
	var fileOrder []string
	splits := map[string]*GroupMeasure{}
	genres := map[string]*GroupMeasure{}
	group := func(m map[string]*GroupMeasure, name string) *GroupMeasure {
		g, ok := m[name]
		if !ok {
			g = &GroupMeasure{Group: name}
			m[name] = g
		}
		return g
	}
	for _, k := range Kinds {
		kinds[k] = &GroupMeasure{Group: k}
	}
	cells := map[[2]string]int{}
	for _, o := range outs {
		v := o.verdicts[i]
		positive := o.label != Negative
		right := positive && v.Flagged && v.Category == o.label
		addBinary(&c.Overall, positive, v.Flagged)
		switch {
		case right:
			c.RightCategory.TP++
		case positive && v.Flagged:
			c.RightCategory.FP++
			c.RightCategory.FN++
		default:
			addBinary(&c.RightCategory, positive, v.Flagged)
		}
		if v.Flagged {
			c.Channels[v.Channel]++
			catOf(v.Category).Predicted++
		}
		if positive {
			catOf(o.label).Support++
		}
		g, ok := files[o.file]
		if !ok {
			g = &GroupMeasure{Group: o.file}
			files[o.file] = g
			fileOrder = append(fileOrder, o.file)
		}
		k, ok := kinds[o.kind]
		if !ok {
			k = &GroupMeasure{Group: o.kind}
			kinds[o.kind] = k
		}
		gms := []*GroupMeasure{g, k}
		if o.split != "" {
			gms = append(gms, group(splits, o.split))
		}
		if o.genre != "" {
			gms = append(gms, group(genres, o.genre))
		}
		for _, gm := range gms {
			gm.Records++
			addBinary(&gm.Measure, positive, v.Flagged)
			if positive {
				gm.Positives++
			}
			if right {
				gm.RightCategory++
			}
		}
		col := NotFlagged
		if v.Flagged {
			col = v.Category
		}
		cells[[2]string{o.label, col}]++
		switch {
		case positive && !v.Flagged:
			c.Misses = append(c.Misses, o.item(v))
		case !positive && v.Flagged:
			c.FalseAlarms = append(c.FalseAlarms, o.item(v))
		case positive && !right:
			c.WrongCategory = append(c.WrongCategory, o.item(v))
		}
	}
	// Per category, from the confusion cells.
	for _, name := range catOrder {
		cm := cats[name]
		gold, anyFlagged, predPositive := 0, 0, 0
		for key, n := range cells {
			goldL, col := key[0], key[1]
			if goldL == name {
				gold += n
				if col != NotFlagged {
					anyFlagged += n
				}
			}
			if col == name && goldL != Negative {
				predPositive += n
			}
		}
		cm.Right.TP = cells[[2]string{name, name}]
		cm.Right.FN = gold - cm.Right.TP
		cm.Right.FP = cm.Predicted - cm.Right.TP
		cm.Right.TN = len(outs) - cm.Right.TP - cm.Right.FN - cm.Right.FP
		cm.Right.derive()
		cm.AnyRecall = ratio(anyFlagged, gold)
		cm.AnyPrecision = ratio(predPositive, cm.Predicted)
		c.Categories = append(c.Categories, *cm)
	}
	c.Overall.derive()
	c.RightCategory.TN = c.Overall.TN
	c.RightCategory.derive()
	for _, k := range Kinds {
		if gm := kinds[k]; gm.Records > 0 {
			c.Kinds = append(c.Kinds, gm.finish())
		}
	}
	for _, f := range fileOrder {
		c.Files = append(c.Files, files[f].finish())
	}
	for _, name := range KnownSplits {
		if gm, ok := splits[name]; ok {
			c.Splits = append(c.Splits, gm.finish())
		}
	}
	for _, name := range slices.Sorted(maps.Keys(genres)) {
		c.Genres = append(c.Genres, genres[name].finish())
	}
	c.Confusion = confusion(cells, catOrder)
}

func (g *GroupMeasure) finish() GroupMeasure {
	g.Measure.derive()
	g.RightRecall = ratio(g.RightCategory, g.Positives)
	return *g
}

func addBinary(m *Measure, gold, predicted bool) {
	switch {
	case gold && predicted:
		m.TP++
	case gold:
		m.FN++
	case predicted:
		m.FP++
	default:
		m.TN++
	}
}

func confusion(cells map[[2]string]int, cats []string) Confusion {
	c := Confusion{Rows: append(slices.Clone(Categories), Negative)}
	c.Cols = append(slices.Clone(cats), NotFlagged)
	for _, r := range c.Rows {
		row := make([]int, len(c.Cols))
		for j, col := range c.Cols {
			row[j] = cells[[2]string{r, col}]
		}
		c.Cells = append(c.Cells, row)
	}
	return c
}

// disagreements lists the outcomes on which the configurations differ.
func disagreements(outs []*outcome) []Item {
	var d []Item
	for _, o := range outs {
		first := o.verdicts[0]
		for _, v := range o.verdicts[1:] {
			if v.Flagged != first.Flagged || v.Category != first.Category {
				d = append(d, o.item(o.verdicts...))
				break
			}
		}
	}
	return d
}
