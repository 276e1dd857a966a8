package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/eval"
	"github.com/certwatch/certwatch/matcher"
)

type evalOptions struct {
	rulesPath string
	modelPath string
	bar       float64
	short     int
	shortBar  float64
	catBars   string
	against   string
	split     string
	format    string
	show      string
	workers   int
}

func newEvalCmd() *cobra.Command {
	var o evalOptions
	cmd := &cobra.Command{
		Use:   "eval FILE.jsonl... [--rules PACK] [--model MODEL] [--against PACK2|model:MODEL2] [--split train,dev|test]",
		Short: "Measure detection on labelled JSON Lines: precision, recall and F1 per category and text kind, confusion, misses and false alarms",
		Long: `Classify labelled records and measure the result.

Records are JSON Lines of {"url", "html"} or {"url", "text"} with a "label"
(cert_sale, exam_fraud, training_fraud, imitation_site; negative, clean, none
or clean_* mean negative) and optionally "id", "kind" (page, post, listing,
short, or a hint such as forum-thread) and "split" (train, dev, test). A record
without a label or with an unknown one is reported on stderr (file:line, key
"label") and left out; the exit status is then 1.

Splits: records without a split field are always evaluated; records with one
only when their split is selected: train and dev by default, the test split
only with --split test (it is kept for the final report).

Configurations: A is --rules (default: the embedded pack), with --model if
given ("default" is the embedded model), combined exactly as sweeps combine them
(package detect: the rules flag as always; the model flags alone at probability
0.85 or more (--bar) on a page some rule scored, and at 0.85 or more (--short-bar)
on a text of at most 300 characters (--short; -1: never) that no rule touched
but that holds a word of the rule packs; bars by the model's likeliest
category (--category-bars, e.g. exam_fraud=0.8, none by default) replace
both; it never unflags).
--against adds configuration B, A with one thing swapped: a rule pack
(a .yaml file or a directory, or rules:PATH) replaces the rules, model:PATH
replaces the model. Both are measured on the same records, side by side, with
the records on which they disagree.

Output: tables in the chosen language (--format text) or one JSON document (--format json).
--show picks the record lists, in both formats: misses, false-alarms,
wrong-category, disagreements, all (default) or none. On the test split use
--show none: aggregate figures only, no record.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEval(cmd, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.rulesPath, "rules", "", "rule pack file or directory (default: the embedded default pack)")
	f.StringVar(&o.modelPath, "model", "", "learned model file combined with the rules")
	f.Float64Var(&o.bar, "bar", detect.DefaultBar, "probability at which the model flags a page alone (to choose the bar; sweeps use the default)")
	f.IntVar(&o.short, "short", detect.DefaultShort, "the model also judges texts of at most this many characters that no rule touched (-1: never; to measure, sweeps use the default)")
	f.Float64Var(&o.shortBar, "short-bar", detect.DefaultShortBar, "probability at which the model flags alone a short text no rule touched (never below --bar)")
	f.StringVar(&o.catBars, "category-bars", "default", "bars by the model's likeliest category, e.g. exam_fraud=0.8,training_fraud=0.7 (default: the sweeps', none at present; none when only --bar or --short-bar is given)")
	f.StringVar(&o.against, "against", "", "second configuration: a rule pack (file, directory or rules:PATH) or model:PATH")
	f.StringVar(&o.split, "split", "", "splits to evaluate, comma-separated: train, dev, test (default train,dev; test only when named)")
	f.StringVar(&o.format, "format", "text", "text or json")
	f.StringVar(&o.show, "show", "all", "record lists to print: misses, false-alarms, wrong-category, disagreements, all, none")
	f.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "records classified in parallel")
	return cmd
}

func runEval(cmd *cobra.Command, o evalOptions, args []string) error {
	if o.format != "text" && o.format != "json" {
		return &exitError{code: 2, err: fmt.Errorf("eval: unknown format %q (text or json)", o.format)}
	}
	show, err := eval.ParseShow(o.show)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	sel, err := eval.ParseSelection(o.split)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if o.bar <= 0 || o.bar > 1 {
		return &exitError{code: 2, err: fmt.Errorf("eval: --bar %v: want a probability in (0, 1]", o.bar)}
	}
	if o.short < -1 || o.short == 0 {
		return &exitError{code: 2, err: fmt.Errorf("eval: --short %d: want a number of characters, or -1 for none", o.short)}
	}
	if o.shortBar <= 0 || o.shortBar > 1 {
		return &exitError{code: 2, err: fmt.Errorf("eval: --short-bar %v: want a probability in (0, 1]", o.shortBar)}
	}
	fl := cmd.Flags()
	if !fl.Changed("category-bars") && (fl.Changed("bar") || fl.Changed("short-bar")) {
		o.catBars = "none" // one bar measured for every category
	}
	catBars, err := detect.ParseCategoryBars(o.catBars)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("eval: --category-bars: %w", err)}
	}
	a, err := evalConfig(o.rulesPath, o.modelPath, o.bar, o.short, o.shortBar, catBars)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	cs := []eval.Classifier{a}
	if o.against != "" {
		rulesPath, modelPath := o.rulesPath, o.modelPath
		switch kind, path := againstKind(o.against); kind {
		case "model":
			modelPath = path
		default:
			rulesPath = path
		}
		b, err := evalConfig(rulesPath, modelPath, o.bar, o.short, o.shortBar, catBars)
		if err != nil {
			return &exitError{code: 1, err: fmt.Errorf("--against: %w", err)}
		}
		cs = append(cs, b)
	}
	paths, err := expandDirs(args)
	stderr := cmd.ErrOrStderr()
	bad := 0
	if err != nil {
		bad++
		fmt.Fprintf(stderr, "certwatch: eval: %v\n", err)
	}
	rep, err := eval.Run(cmd.Context(), paths, cs, eval.Options{
		Selection: sel, Workers: o.workers, Stdin: cmd.InOrStdin(),
		OnBad: func(err error) { fmt.Fprintf(stderr, "certwatch: eval: %v\n", err) },
	})
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	bad += rep.Bad
	rep.Keep(show)
	w := cmd.OutOrStdout()
	if o.format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(rep)
	} else {
		err = rep.WriteTextIn(w, show, evalLang(langOf(cmd)))
	}
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("eval: write output: %w", err)}
	}
	if rep.Records == 0 {
		return &exitError{code: 1, err: errors.New("eval: no labelled record was evaluated (评测记录为 0)")}
	}
	if bad > 0 {
		return &exitError{code: 1, err: errBadInput}
	}
	return nil
}

// againstKind tells a rule pack from a model in --against: an explicit
// rules: or model: prefix, else a directory or a .yaml/.yml file is a pack
// and anything else a model.
func againstKind(s string) (kind, path string) {
	if p, ok := strings.CutPrefix(s, "model:"); ok {
		return "model", p
	}
	if p, ok := strings.CutPrefix(s, "rules:"); ok {
		return "rules", p
	}
	if st, err := os.Stat(s); err == nil && st.IsDir() {
		return "rules", s
	}
	switch strings.ToLower(filepath.Ext(s)) {
	case ".yaml", ".yml":
		return "rules", s
	}
	return "model", s
}

// evalConfig builds one configuration: the rules, combined with a model
// when one is named ("default" is the embedded model), decided by the
// detector sweeps use (package detect).
func evalConfig(rulesPath, modelPath string, bar float64, short int, shortBar float64, catBars map[string]float64) (eval.Classifier, error) {
	packs, err := loadPacks(rulesPath)
	if err != nil {
		return nil, err
	}
	m, err := matcher.Compile(packs...)
	if err != nil {
		return nil, fmt.Errorf("eval: compile rules: %w", err)
	}
	if modelPath == "" {
		return detect.New(m, detect.Options{}), nil
	}
	model, err := loadModelArg(modelPath)
	if err != nil {
		return nil, fmt.Errorf("eval: --model %s: %w", modelPath, err)
	}
	return detect.New(m, detect.Options{Model: model, Bar: bar, Short: short, ShortBar: shortBar, CategoryBars: catBars}), nil
}
