package detect

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/certwatch/certwatch/rank"
)

// DefaultCategoryBars are the bars at which the model flags a page alone
// by its likeliest category (Options.CategoryBars) when the caller names
// none: they would replace DefaultBar and DefaultShortBar for their
// categories (GenreBar still raises them). There are none: measured by
// source-grouped cross-validation on the real corpus's train and dev
// splits (tools/cvmodel.py --pool train,dev), never on the test split,
// the best of them (cert_sale 0.9, exam_fraud 0.8, training_fraud 0.8)
// gained on the corpus before round 12 and lost on it after, and lost a
// catch and added a false alarm on v7 with the model trained on round 12;
// see "Per-category bars" in the package comment.
var DefaultCategoryBars = map[string]float64{}

// barFor is the bar for the model's solo vote on a page whose likeliest
// category is category: its category bar when there is one, else the
// short-text bar for a short text no rule touched, else the bar. Never
// below the model's threshold.
func (d *Detector) barFor(category string, untouched bool) (bar float64, short bool) {
	if b, ok := d.catBars[category]; ok {
		return b, untouched
	}
	if untouched {
		return d.shortBar, true
	}
	return d.bar, false
}

// categoryBars checks and copies Options.CategoryBars: nil gives
// DefaultCategoryBars; each bar is raised to the model's threshold.
func categoryBars(in map[string]float64, threshold float64) map[string]float64 {
	if in == nil {
		in = DefaultCategoryBars
	}
	out := make(map[string]float64, len(in))
	for c, b := range in {
		if c == rank.Negative || !slices.Contains(rank.Classes, c) || !(b > 0 && b <= 1) {
			continue // ParseCategoryBars refuses these; a caller's map is trusted no further
		}
		out[c] = max(b, threshold)
	}
	return out
}

// ParseCategoryBars reads category bars as "exam_fraud=0.8,training_fraud=0.7":
// "default" gives DefaultCategoryBars, "none" or "" no category bars (every
// category at the uniform bar). Errors name the item that is wrong.
func ParseCategoryBars(s string) (map[string]float64, error) {
	switch strings.TrimSpace(s) {
	case "default":
		return maps.Clone(DefaultCategoryBars), nil
	case "", "none":
		return map[string]float64{}, nil
	}
	out := map[string]float64{}
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		c, v, ok := strings.Cut(item, "=")
		if !ok {
			return nil, fmt.Errorf("category bar %q: want category=probability", item)
		}
		c = strings.TrimSpace(c)
		if c == rank.Negative || !slices.Contains(rank.Classes, c) {
			return nil, fmt.Errorf("category bar %q: category %q is not one of %s", item, c, strings.Join(rank.Classes[1:], ", "))
		}
		b, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || !(b > 0 && b <= 1) {
			return nil, fmt.Errorf("category bar %q: want a probability in (0, 1]", item)
		}
		if _, dup := out[c]; dup {
			return nil, fmt.Errorf("category bar %q: %s given twice", item, c)
		}
		out[c] = b
	}
	return out, nil
}

// FormatCategoryBars writes bars as ParseCategoryBars reads them, sorted
// by category; "none" when there are none.
func FormatCategoryBars(bars map[string]float64) string {
	if len(bars) == 0 {
		return "none"
	}
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(bars)) {
		parts = append(parts, c+"="+strconv.FormatFloat(bars[c], 'g', -1, 64))
	}
	return strings.Join(parts, ",")
}
