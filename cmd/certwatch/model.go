package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/eval"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/store"
)

// The model commands: train, test, show, activate, history, deactivate
// the learned second stage (package rank).

func newModelCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "model", Short: "Train, test, inspect and activate the learned model"}
	cmd.AddCommand(newModelTrainCmd(), newModelTestCmd(), newModelShowCmd(), newModelActivateCmd(),
		newModelHistoryCmd(), newModelDeactivateCmd(), newModelChannelCmd())
	return cmd
}

// loadModelArg loads a model file; "default" names the embedded model
// unless a file of that name exists.
func loadModelArg(arg string) (*rank.Model, error) {
	var m *rank.Model
	var err error
	if _, serr := os.Stat(arg); arg == "default" && errors.Is(serr, os.ErrNotExist) {
		m, err = rank.Default()
	} else {
		m, err = rank.Load(arg)
	}
	return m, explainModelError(err)
}

// explainModelError puts a Chinese explanation before a model that does
// not load.
func explainModelError(err error) error {
	var le *rank.LoadError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, rank.ErrMismatch):
		return fmt.Errorf("模型与本程序不匹配（特征或文本归一化已改变），请重新训练：%w", err)
	case errors.Is(err, rank.ErrFuture):
		return fmt.Errorf("模型文件格式比本程序新，请升级 certwatch：%w", err)
	case errors.As(err, &le):
		return fmt.Errorf("模型文件无法使用（损坏、被截断、过大或不是模型文件）：%w", err)
	}
	return err
}

// dataFiles expands a --data list: files as given, directories to their
// *.jsonl files in name order.
func dataFiles(list []string) ([]string, error) {
	var out []string
	for _, p := range list {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		m, err := filepath.Glob(filepath.Join(p, "*.jsonl"))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no .jsonl files in the directory", p)
		}
		slices.Sort(m)
		out = append(out, m...)
	}
	return out, nil
}

func newModelTrainCmd() *cobra.Command {
	var (
		db          dbOptions
		data        []string
		splits      []string
		fromStore   bool
		dev         string
		out         string
		ngram       string
		created     string
		windowRound bool
		o           rank.Options
	)
	cmd := &cobra.Command{
		Use:   "train --data F.jsonl[,F2|DIR] [--from-store --config C] -o MODEL",
		Short: "Fit a model to labelled texts and reviewers' decisions",
		Long: `Read labelled JSON Lines ("label": cert_sale, exam_fraud, training_fraud,
imitation_site, or clean/clean_*/negative; directories mean their *.jsonl files),
and with --from-store the reviewers' decisions in the database (confirmed = an
example of the case's category, dismissed as a false positive = negative, other
dismissals left out). Records with a "split" field are used only when their split
is one of --split (default train); the test split is never read. The model is
written to -o; --dev F reports its figures on F's dev split (or all of F when it has
no splits). The same data and options give the same model payload.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			if out == "" {
				return &exitError{code: 2, err: errors.New("model train: -o MODEL is required")}
			}
			if len(data) == 0 && !fromStore {
				return &exitError{code: 2, err: errors.New("model train: give --data files and/or --from-store")}
			}
			if slices.Contains(splits, rank.TestSplit) {
				return &exitError{code: 2, err: errors.New("model train: the test split is for reporting only, never for training")}
			}
			lo, hi, ok := parseRange(ngram)
			if !ok {
				return &exitError{code: 2, err: fmt.Errorf("model train: --ngram %q: want MIN-MAX, e.g. 1-3", ngram)}
			}
			o.NGramMin, o.NGramMax = lo, hi
			o.SkipWindowRound = !windowRound
			if created != "" {
				t, err := time.Parse(time.RFC3339, created)
				if err != nil {
					return &exitError{code: 2, err: fmt.Errorf("model train: --created: %w", err)}
				}
				o.Created = t
			}
			files, err := dataFiles(data)
			if err != nil {
				return &exitError{code: 1, err: fmt.Errorf("model train: %w", err)}
			}
			start := time.Now()
			var examples []rank.Example
			bad := 0
			for _, f := range files {
				ex, problems, err := rank.ReadExamples(cmd.Context(), f, splits...)
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				for _, p := range problems {
					fmt.Fprintf(cmd.ErrOrStderr(), "certwatch: %v\n", p)
				}
				bad += len(problems)
				examples = append(examples, ex...)
			}
			if fromStore {
				st, err := db.open(true)
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				ex, sum, err := rank.FromStore(cmd.Context(), st)
				st.Close()
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				examples = append(examples, ex...)
				fmt.Fprint(w, langOf(cmd).msg("train.store", sum.Cases, len(ex), sum.Open, sum.Excluded, sum.NoText))
				if len(sum.Uncovered) > 0 {
					fmt.Fprint(w, langOf(cmd).msg("train.uncovered", sum.Uncovered))
				}
				fmt.Fprintln(w)
			}
			m, err := rank.Train(cmd.Context(), examples, o)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			took := time.Since(start)
			if err := m.Save(out); err != nil {
				return &exitError{code: 1, err: err}
			}
			h := m.Header()
			printCounts(w, langOf(cmd), h.TrainedOn)
			fi, _ := os.Stat(out)
			var size int64
			if fi != nil {
				size = fi.Size()
			}
			fmt.Fprint(w, langOf(cmd).msg("train.model", safe(m.Version()), h.Features.NGramMin, h.Features.NGramMax, h.VocabSize, out, size, took.Seconds()))
			if dev != "" {
				fmt.Fprint(w, langOf(cmd).msg("train.dev", dev))
				n, err := measure(cmd, w, dev, "dev", "text", m)
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				bad += n
			}
			if bad > 0 {
				return &exitError{code: 1, err: errBadInput}
			}
			return nil
		},
	}
	f := cmd.Flags()
	db.flags(cmd)
	f.StringSliceVar(&data, "data", nil, "labelled JSON Lines files or directories (comma-separated or repeated)")
	f.StringSliceVar(&splits, "split", []string{"train"}, `splits used from records that have a "split" field`)
	f.BoolVar(&fromStore, "from-store", false, "add reviewers' decisions from the database (--config/--db)")
	f.StringVar(&dev, "dev", "", "report figures on this file's dev split")
	f.StringVarP(&out, "output", "o", "", "model file to write")
	f.StringVar(&o.Name, "name", "certwatch-rank", "model name (first part of its version)")
	f.StringVar(&o.Description, "description", "", "free text kept in the header")
	f.StringVar(&created, "created", "", "creation time to record, RFC 3339 (default now)")
	f.Uint64Var(&o.Seed, "seed", 1, "random seed (shuffling)")
	f.IntVar(&o.Epochs, "epochs", 25, "passes over the data")
	f.StringVar(&ngram, "ngram", "1-3", "character n-gram range")
	f.IntVar(&o.Window, "window", 300, "runes per window for long texts (-1: whole texts only)")
	f.Float64Var(&o.Threshold, "threshold", 0.5, "1 − P(negative) at which a text is an offer")
	f.Float64Var(&o.L2, "l2", 1e-6, "L2 penalty")
	f.IntVar(&o.MaxVocab, "max-vocab", 200000, "most n-grams kept")
	f.IntVar(&o.MinDF, "min-df", 2, "texts an n-gram must occur in")
	f.IntVar(&o.MinSites, "min-sites", 0, "sites an n-gram must occur on (0: no such condition)")
	f.BoolVar(&windowRound, "window-round", true, "train again with long texts also as windows (see package rank)")
	f.Float64Var(&o.NegWindowWeight, "neg-window-weight", 0, "weight of a negative window (0: 1/windows)")
	f.IntVar(&o.Workers, "workers", 0, "goroutines (default: number of CPUs)")
	return cmd
}

func parseRange(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, false
	}
	lo, err1 := strconv.Atoi(a)
	hi, err2 := strconv.Atoi(b)
	return lo, hi, err1 == nil && err2 == nil && lo >= 1 && hi >= lo && hi <= 8
}

// printCounts writes the training data per source and class.
func printCounts(w io.Writer, l lang, t rank.TrainingSummary) {
	tw := newTable(w, true)
	fmt.Fprint(tw, l.msg("train.source")+"\t")
	for _, c := range rank.Classes {
		fmt.Fprintf(tw, "%s\t", categoryLabel(l, c))
	}
	fmt.Fprintln(tw, l.msg("train.total")+"\t")
	row := func(name string, counts map[string]int) {
		fmt.Fprintf(tw, "%s\t", safe(name))
		n := 0
		for _, c := range rank.Classes {
			fmt.Fprintf(tw, "%d\t", counts[c])
			n += counts[c]
		}
		fmt.Fprintf(tw, "%d\t\n", n)
	}
	for _, s := range t.Sources {
		row(s.Name, s.Counts)
	}
	row("合计 total", t.Counts)
	tw.Flush()
}

func newModelTestCmd() *cobra.Command {
	var against string
	var splits []string
	var format string
	cmd := &cobra.Command{
		Use:   "test MODEL FILE.jsonl [--against MODEL2]",
		Short: "Precision, recall and F1 of a model alone on labelled texts",
		Long: `Measure the model alone (no rules) on the labelled records of FILE, with the
measures of "certwatch eval" (precision, recall and F1 overall, per category, per
text kind and per split). Records with a "split" field count only when their split
is one of --split (default dev; the test split only when named, for a final
report). MODEL "default" is the embedded model. --against adds a second model's
figures beside. "certwatch eval --model MODEL" measures the model combined with
the rules, as sweeps use it.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &exitError{code: 2, err: fmt.Errorf("model test: unknown format %q (text or json)", format)}
			}
			m, err := loadModelArg(args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			cs := []eval.Classifier{m}
			if against != "" {
				m2, err := loadModelArg(against)
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				cs = append(cs, m2)
			}
			w := cmd.OutOrStdout()
			bad, err := measure(cmd, w, args[1], strings.Join(splits, ","), format, cs...)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if bad > 0 {
				return &exitError{code: 1, err: errBadInput}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&against, "against", "", "a second model to compare with")
	cmd.Flags().StringSliceVar(&splits, "split", []string{"dev"}, `splits used from records that have a "split" field`)
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

// measure evaluates classifiers on the selected splits of file with
// package eval (the path "certwatch eval" takes) and writes the aggregate
// figures, no record: text tables or one JSON document. It returns how
// many records were bad input (reported on stderr).
func measure(cmd *cobra.Command, w io.Writer, file, splits, format string, cs ...eval.Classifier) (int, error) {
	sel, err := eval.ParseSelection(splits)
	if err != nil {
		return 0, err
	}
	stderr := cmd.ErrOrStderr()
	rep, err := eval.Run(cmd.Context(), []string{file}, cs, eval.Options{Selection: sel, Stdin: cmd.InOrStdin(),
		OnBad: func(err error) { fmt.Fprintf(stderr, "certwatch: %v\n", err) }})
	if err != nil {
		return 0, err
	}
	rep.Keep(nil)
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(rep)
	} else {
		err = rep.WriteTextIn(w, nil, evalLang(langOf(cmd)))
	}
	if err == nil && rep.Records == 0 {
		err = fmt.Errorf("%s: no labelled record of the selected splits (%s) was evaluated (评测记录为 0)", file, strings.Join(sel.Splits, ","))
	}
	return rep.Bad, err
}

func newModelShowCmd() *cobra.Command {
	var top int
	var format string
	cmd := &cobra.Command{
		Use:   "show MODEL",
		Short: "Print a model's header and its strongest n-grams per category",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := loadModelArg(args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			h := m.Header()
			w := cmd.OutOrStdout()
			if format == "json" {
				tops := map[string][]rank.Contribution{}
				for _, c := range h.Classes {
					tops[c] = m.TopNGrams(c, top)
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"version": m.Version(), "header": h, "top": tops})
			}
			l := langOf(cmd)
			fmt.Fprintln(w, l.msg("model.show.version", safe(m.Version())))
			fmt.Fprintln(w, l.msg("model.show.format", h.Format))
			fmt.Fprintln(w, l.msg("model.show.created", beijing.Format(h.Created)))
			if h.Description != "" {
				fmt.Fprintln(w, l.msg("model.show.description", safe(h.Description)))
			}
			fmt.Fprintln(w, l.msg("model.show.features",
				h.Features.Scheme, h.Features.NGramMin, h.Features.NGramMax, h.Features.Window, h.Features.MaxRunes, h.Features.Normaliser))
			fmt.Fprintln(w, l.msg("model.show.vocabulary", h.VocabSize))
			fmt.Fprintln(w, l.msg("model.show.threshold", h.Threshold))
			s := h.TrainedOn.Settings
			fmt.Fprintln(w, l.msg("model.show.training", s.Seed, s.Epochs, s.BatchSize, s.LearningRate, s.L2, s.MinDF, s.MaxVocab))
			fmt.Fprintln(w, l.msg("model.show.payload", h.Payload.Encoding, h.Payload.Size, h.Payload.SHA256))
			fmt.Fprintln(w)
			printCounts(w, l, h.TrainedOn)
			for _, c := range h.Classes {
				fmt.Fprintf(w, "\n%s:", categoryLabel(l, c))
				for i, t := range m.TopNGrams(c, top) {
					if i%8 == 0 {
						fmt.Fprint(w, "\n ")
					}
					fmt.Fprintf(w, " %s(%.2f)", strconv.Quote(t.NGram)[1:len(strconv.Quote(t.NGram))-1], t.Weight)
				}
				fmt.Fprintln(w)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&top, "top", 24, "n-grams per category")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func newModelActivateCmd() *cobra.Command {
	var db dbOptions
	cmd := &cobra.Command{
		Use:   "activate MODEL --config FILE",
		Short: "Make a model file the one the review server and sweeps use",
		Long: `Check that the model file loads, then record the activation in the database:
its bytes, version, who and when, and an audit entry (model.activate). While
"certwatch serve" runs, the server records it. "model history" lists activations;
"model deactivate" goes back to the embedded default model.`,
		Args: cobra.ExactArgs(1),
		RunE: db.guard(func(cmd *cobra.Command, args []string) error {
			path, data, err := readActivationFile("model activate", args[0], rank.MaxModelSize)
			if err != nil {
				return err
			}
			m, err := rank.Parse(path, data)
			if err != nil {
				return &exitError{code: 1, err: explainModelError(err)}
			}
			w := cmd.OutOrStdout()
			st, err := db.open(false)
			if errors.Is(err, store.ErrLocked) {
				url, token, ok := db.server(err)
				if !ok {
					return &exitError{code: 1, err: err}
				}
				var res struct{ Version string }
				in := map[string]any{"actor": cliActor(), "file": path, "content": data}
				if err := callServer(url, token, "POST", "/control/model/activate", in, &res); err != nil {
					return &exitError{code: 1, err: err}
				}
				fmt.Fprintln(w, langOf(cmd).msg("model.activated.server", safe(res.Version), url))
				return nil
			}
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			prev := langOf(cmd).msg("model.embedded")
			if am, err := st.ActiveModel(); err == nil {
				prev = am.Version
			}
			if err := st.ActivateModel(cliActor(), path, data, m.Version()); err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(w, langOf(cmd).msg("model.activated", safe(m.Version()), safe(prev)))
			st.noteInForce(cmd)
			return nil
		}),
	}
	db.flags(cmd)
	return cmd
}

func newModelHistoryCmd() *cobra.Command {
	return newHistoryCmd("List the model activations recorded in the database, oldest first",
		Backend.ModelHistory,
		func(l lang) string { return l.msg("model.history.none") })
}

func newModelDeactivateCmd() *cobra.Command {
	var db dbOptions
	cmd := &cobra.Command{
		Use:   "deactivate",
		Short: "End the current model activation: back to the embedded default model",
		Args:  cobra.NoArgs,
		RunE: db.guard(func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			st, err := db.open(false)
			if errors.Is(err, store.ErrLocked) {
				url, token, ok := db.server(err)
				if !ok {
					return &exitError{code: 1, err: err}
				}
				in := map[string]any{"actor": cliActor()}
				if err := callServer(url, token, "POST", "/control/model/deactivate", in, nil); err != nil {
					return &exitError{code: 1, err: err}
				}
				fmt.Fprintln(w, langOf(cmd).msg("model.deactivated.server", url))
				return nil
			}
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			if err := st.DeactivateModel(cliActor()); err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(w, langOf(cmd).msg("model.deactivated"))
			st.noteInForce(cmd)
			return nil
		}),
	}
	db.flags(cmd)
	return cmd
}

func newModelChannelCmd() *cobra.Command {
	var db dbOptions
	cmd := &cobra.Command{
		Use:   "channel [CATEGORY|all on|off] --config FILE",
		Short: "Switch the learned model's channel per category, or list the switches",
		Long: `The learned model flags a page on its own (without the rules) only for categories
whose model channel is on; every channel is on until switched off. With no
arguments, list the categories and their channels. "all" switches every category
the model knows. Each switch is recorded in the database with an audit entry
(model.channel); sweeps and removal checks that start afterwards use it. While
"certwatch serve" runs, the server records it.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 2 {
				return langOf(cmd).errorf("channel.args")
			}
			if len(args) == 2 && args[1] != "on" && args[1] != "off" {
				return langOf(cmd).errorf("channel.on.off", args[1])
			}
			return nil
		},
		RunE: db.guard(func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			if len(args) == 0 {
				st, err := db.open(true)
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				defer st.Close()
				return printChannels(w, langOf(cmd), st)
			}
			cats := []string{args[0]}
			if args[0] == "all" {
				cats = rank.Classes[1:]
			} else if !slices.Contains(rank.Classes[1:], args[0]) {
				return &exitError{code: 2, err: langOf(cmd).errorf("channel.unknown", args[0], strings.Join(rank.Classes[1:], ", "))}
			}
			on, l := args[1] == "on", langOf(cmd)
			switched := l.msg("channel.off")
			if on {
				switched = l.msg("channel.on")
			}
			st, err := db.open(false)
			if errors.Is(err, store.ErrLocked) {
				url, token, ok := db.server(err)
				if !ok {
					return &exitError{code: 1, err: err}
				}
				for _, c := range cats {
					in := map[string]any{"actor": cliActor(), "category": c, "on": on}
					if err := callServer(url, token, "POST", "/control/model/channel", in, nil); err != nil {
						if len(cats) > 1 && strings.Contains(err.Error(), "already") {
							continue
						}
						return &exitError{code: 1, err: err}
					}
					fmt.Fprintln(w, l.msg("channel.switched.server", switched, categoryLabel(l, c), url))
				}
				return nil
			}
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			for _, c := range cats {
				if err := st.SetModelChannel(cliActor(), c, on); err != nil {
					if len(cats) > 1 && errors.Is(err, store.ErrConflict) {
						continue
					}
					return &exitError{code: 1, err: err}
				}
				fmt.Fprintln(w, l.msg("channel.switched", switched, categoryLabel(l, c)))
			}
			st.noteInForce(cmd)
			return nil
		}),
	}
	db.flags(cmd)
	return cmd
}

// printChannels lists the model's categories with their channels.
func printChannels(w io.Writer, l lang, st Backend) error {
	chs, err := st.ModelChannels()
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	tw := newTable(w, false)
	fmt.Fprintln(tw, l.msg("channel.header"))
	for _, c := range rank.Classes[1:] {
		state, by := l.msg("channel.on"), l.msg("channel.default")
		if i := slices.IndexFunc(chs, func(ch store.ModelChannel) bool { return ch.Category == c }); i >= 0 {
			if !chs[i].On {
				state = l.msg("channel.off")
			}
			by = chs[i].By + " " + beijing.Format(chs[i].At)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", categoryLabel(l, c), state, safe(by))
	}
	return tw.Flush()
}
