package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/tuning"
)

// activeRules loads the pack activated in the database ("certwatch rules
// activate"): none (an empty list) when no pack is active. A stored pack
// that no longer loads is an error, not a silent fallback.
func activeRules(st interface {
	ActivePack() (*store.ActivatedPack, error)
}) ([]*rules.Pack, error) {
	ap, err := st.ActivePack()
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p, err := parseActive(ap)
	if err != nil {
		return nil, err
	}
	return []*rules.Pack{p}, nil
}

func parseActive(ap *store.ActivatedPack) (*rules.Pack, error) {
	p, err := rules.Parse(activeFile(ap), ap.Content)
	if err != nil {
		return nil, fmt.Errorf("the rule pack activated by %s at %s no longer loads (activate another, or deactivate it): %w",
			ap.By, beijing.Format(ap.At), err)
	}
	return p, nil
}

// activeFile is the name an activated pack carries in errors and on the
// rules page: where it came from and the activation's number.
func activeFile(ap *store.ActivatedPack) string {
	return fmt.Sprintf("%s (activated #%d)", ap.File, ap.Seq)
}

// tuneOptions are the flags of rules test and rules activate.
type tuneOptions struct {
	db       dbOptions
	against  string
	pages    []string
	format   string
	limit    int
	maxCases int
}

func (o *tuneOptions) flags(cmd *cobra.Command, test bool) {
	o.db.flags(cmd)
	if test {
		cmd.Flags().StringVar(&o.against, "against", "", "compare with this pack file or directory instead of the current packs")
		cmd.Flags().StringVar(&o.format, "format", "text", "text or json")
	}
	cmd.Flags().StringArrayVar(&o.pages, "pages", nil, "also score these pages (anything `certwatch scan` reads: HTML, text, JSON Lines with an optional label field, WARC); repeatable")
	cmd.Flags().IntVar(&o.limit, "limit", 50, "list at most this many added and dropped cases each (0: all); the counts stay exact")
	cmd.Flags().IntVar(&o.maxCases, "max-cases", 0, "re-score only the newest this many cases (0: all)")
}

// openWithConfig opens the database named by --db or the configuration. The
// configuration is read (for its rules) unless only --db was given.
func (o *dbOptions) openWithConfig(cmd *cobra.Command, readOnly bool) (*openedBackend, *config.Config, error) {
	var cfg *config.Config
	if o.dbPath == "" || cmd.Flags().Changed("config") {
		c, err := config.Load(o.configPath)
		if err != nil {
			return nil, nil, err
		}
		cfg = c
	}
	o.cmd = cmd
	path, blobs, err := o.target()
	if err != nil {
		return nil, nil, err
	}
	st, err := openDatabase(cmd.Context(), path, blobs, readOnly)
	if err != nil {
		return nil, nil, err
	}
	return st, cfg, nil
}

// currentPacks are the packs in force, chosen as sweeps choose them
// (compilePacks, without a --rules flag), and where they come from.
func currentPacks(l lang, st Backend, cfg *config.Config, against string) ([]*rules.Pack, string, error) {
	if against != "" {
		ps, err := rules.LoadPath(against)
		return ps, l.msg("tune.from.against", against), err
	}
	ap, err := st.ActivePack()
	switch {
	case err == nil:
		p, err := parseActive(ap)
		return []*rules.Pack{p}, l.msg("tune.from.active", ap.Seq, ap.By, beijing.Format(ap.At), ap.File), err
	case !errors.Is(err, store.ErrNotFound):
		return nil, "", err
	case cfg != nil && len(cfg.Rules) > 0:
		var packs []*rules.Pack
		for _, path := range cfg.Rules {
			ps, err := rules.LoadPath(path)
			if err != nil {
				return nil, "", err
			}
			packs = append(packs, ps...)
		}
		return packs, l.msg("tune.from.config", cfg.File), rules.CheckSet(packs)
	}
	p, err := rules.Default()
	return []*rules.Pack{p}, l.msg("tune.from.default"), err
}

// compare runs tuning.Compare with a progress bar on a terminal.
func (o *tuneOptions) compare(cmd *cobra.Command, st Backend, current, candidate []*rules.Pack) (*tuning.Report, error) {
	opts := tuning.Options{Pages: o.pages, Limit: o.limit, MaxCases: o.maxCases, Stdin: cmd.InOrStdin()}
	stderr := cmd.ErrOrStderr()
	if f, ok := stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		b := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("re-scoring"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		opts.Progress = func(done, total int) {
			b.ChangeMax(total)
			_ = b.Set(done)
		}
		defer b.Finish()
	}
	// Both sides decide as sweeps would: their rules with the model in
	// force and its channels (a model that does not load: rules alone,
	// said on stderr).
	opts.Detect = func(m *matcher.Matcher) func(*page.Page) *matcher.Finding {
		d := detect.InForce(m, st)
		if s := d.Status(); s.Error != "" {
			fmt.Fprintln(stderr, langOf(cmd).msg("tune.model.warning", s.Warning, s.Error))
		}
		return d.Detect
	}
	return tuning.Compare(cmd.Context(), st, current, candidate, opts)
}

func newRulesTestCmd() *cobra.Command {
	var o tuneOptions
	cmd := &cobra.Command{
		Use:   "test PACK [--config FILE | --db FILE]",
		Short: "Re-score the stored cases with a candidate pack and compare it with the current one against reviewers' decisions",
		Long: `Re-score every stored case (the snapshot its reviewer saw, or the latest for open
cases) with the candidate pack (a file or directory) and with the current packs (the
pack active in the database, else the configuration's rules, else the embedded
default; --against names others). Prints the cases the candidate would add and
drop, and per rule its hits and precision over reviewed cases. Both sides decide as
sweeps do: their rules with the learned model in force and its channel switches
("certwatch model channel"; switch a category off to see its rules alone).

Labels come from decisions: confirmed (or awaiting approval) is positive, dismissed
as a false positive is negative; dismissed as out of scope or a duplicate says
nothing about the rules and open cases are unlabelled: both count as hits but not
in precision. Precision is TP/(TP+FP) over labelled hits, "—" when there are none.

Only pages some pack once flagged are stored, so this cannot find new pages the
candidate would flag: only a sweep can. --pages adds pages of your own (a WARC
export, a labelled JSON Lines corpus). Changes nothing; see "rules activate".`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.format != "text" && o.format != "json" {
				return &exitError{code: 2, err: fmt.Errorf("rules test: unknown format %q (text or json)", o.format)}
			}
			candidate, err := rules.LoadPath(args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			st, cfg, err := o.db.openWithConfig(cmd, true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			current, source, err := currentPacks(langOf(cmd), st, cfg, o.against)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			rep, err := o.compare(cmd, st, current, candidate)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if o.format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			return printTuning(cmd.OutOrStdout(), langOf(cmd), rep, source)
		},
	}
	o.flags(cmd, true)
	return cmd
}

func newRulesActivateCmd() *cobra.Command {
	var o tuneOptions
	cmd := &cobra.Command{
		Use:   "activate PACK --config FILE",
		Short: "Make a pack file the one sweeps and the review server use, after showing what it changes",
		Long: `Check that the pack file loads, compare it with the current packs as "rules test"
does and print the comparison, then record the activation in the database: the
pack's bytes, its version, who and when, and an audit entry. Sweeps and the review
server started afterwards use it (a --rules flag still overrides it); every
finding records the version of the pack that produced it. The active pack
replaces the configuration's rules as a whole: to use several packs, merge them
into one file. While "certwatch serve" runs, the server records the activation
and switches its rules for sweeps and removal checks that start afterwards (the
comparison is then not printed: the server holds the database; its 规则试算
page shows it). "rules history" lists activations; "rules deactivate" goes back to
the configuration's rules.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, data, err := readActivationFile("rules activate", args[0], rules.MaxPackSize)
			if err != nil {
				return err
			}
			candidate, err := rules.Parse(path, data)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			st, cfg, err := o.db.openWithConfig(cmd, false)
			if errors.Is(err, store.ErrLocked) {
				// certwatch serve owns the database: it records the
				// activation and switches its rules at once.
				url, token, ok := o.db.server(err)
				if !ok {
					return &exitError{code: 1, err: err}
				}
				var res struct{ Version string }
				in := map[string]any{"actor": cliActor(), "file": path, "content": data}
				if err := callServer(url, token, "POST", "/control/activate", in, &res); err != nil {
					return &exitError{code: 1, err: err}
				}
				fmt.Fprint(cmd.OutOrStdout(), langOf(cmd).msg("rules.activated.server", res.Version, url))
				return nil
			}
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			if ap, err := st.ActivePack(); err == nil && ap.Version == candidate.Version() && string(ap.Content) == string(data) {
				return &exitError{code: 1, err: langOf(cmd).errorf("rules.already.active",
					candidate.Version(), ap.Seq, ap.By, beijing.Format(ap.At))}
			}
			current, source, err := currentPacks(langOf(cmd), st, cfg, "")
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			rep, err := o.compare(cmd, st, current, []*rules.Pack{candidate})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			w := cmd.OutOrStdout()
			if err := printTuning(w, langOf(cmd), rep, source); err != nil {
				return err
			}
			if err := st.ActivatePack(cliActor(), path, data, candidate.Version()); err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprint(w, langOf(cmd).msg("rules.activated", candidate.Version(), packVersions(rep.Current)))
			st.noteInForce(cmd)
			return nil
		},
	}
	o.flags(cmd, false)
	return cmd
}

func newRulesHistoryCmd() *cobra.Command {
	return newHistoryCmd("List the pack activations recorded in the database, oldest first",
		Backend.PackHistory,
		func(l lang) string { return l.msg("rules.history.none") })
}

func newRulesDeactivateCmd() *cobra.Command {
	var o dbOptions
	cmd := &cobra.Command{
		Use:   "deactivate",
		Short: "End the current activation: sweeps go back to the configuration's rules (or the embedded default)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := o.open(false)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			if err := st.DeactivatePack(cliActor()); err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(cmd.OutOrStdout(), langOf(cmd).msg("rules.deactivated"))
			st.noteInForce(cmd)
			return nil
		},
	}
	o.flags(cmd)
	return cmd
}

func packVersions(ps []tuning.PackInfo) string {
	var v []string
	for _, p := range ps {
		v = append(v, p.Version)
	}
	return strings.Join(v, ", ")
}

// printTuning writes a comparison for people.
func printTuning(w io.Writer, lg lang, rep *tuning.Report, currentSource string) error {
	packs := func(ps []tuning.PackInfo) string {
		var s []string
		for _, p := range ps {
			s = append(s, fmt.Sprintf("%s (%s)", safe(p.Version), safe(p.File)))
		}
		return strings.Join(s, ", ")
	}
	fmt.Fprintln(w, lg.msg("tune.candidate", packs(rep.Candidate)))
	fmt.Fprintln(w, lg.msg("tune.current", packs(rep.Current), safe(currentSource)))
	fmt.Fprint(w, lg.msg("tune.rescored", rep.Cases, rep.StoredCases))
	if rep.Pages > 0 {
		fmt.Fprint(w, lg.msg("tune.pages", rep.Pages))
	}
	fmt.Fprint(w, lg.msg("tune.elapsed", rep.Elapsed.Round(time.Millisecond)))
	if rep.Cut > 0 {
		fmt.Fprint(w, lg.msg("tune.cut", rep.Cut, tuning.DefaultMaxText))
	}
	fmt.Fprintln(w)
	if rep.SkippedCount > 0 {
		fmt.Fprintln(w, lg.msg("tune.skipped", rep.SkippedCount))
		for _, s := range rep.Skipped {
			what := s.Source
			if s.CaseID != 0 {
				what = lg.msg("tune.case", s.CaseID)
			}
			fmt.Fprintf(w, "             %s: %s\n", safe(what), safe(s.Reason))
		}
	}
	l := rep.Labels
	fmt.Fprintln(w, lg.msg("tune.labels", l[tuning.Positive], l[tuning.Negative], l[tuning.Excluded], l[tuning.Unlabelled]))

	cur, cand := rep.Totals.Current, rep.Totals.Candidate
	tw := newTable(w, false)
	fmt.Fprintln(tw, lg.msg("tune.totals.header"))
	fmt.Fprintln(tw, lg.msg("tune.flagged", cur.Hits, cand.Hits))
	fmt.Fprintln(tw, lg.msg("tune.positives", cur.Positive, l[tuning.Positive],
		cand.Positive, l[tuning.Positive], percentOrDash(cur.Recall), percentOrDash(cand.Recall)))
	fmt.Fprintln(tw, lg.msg("tune.negatives", cur.Negative, l[tuning.Negative], cand.Negative, l[tuning.Negative]))
	fmt.Fprintln(tw, lg.msg("tune.precision", percentOrDash(cur.Precision), percentOrDash(cand.Precision)))
	if err := tw.Flush(); err != nil {
		return err
	}

	changes := func(title string, cs []tuning.Change, n int) {
		fmt.Fprintf(w, "\n%s%s%d\n", title, lg.msg("colon"), n)
		if n == 0 {
			return
		}
		tw := newTable(w, false)
		fmt.Fprintln(tw, lg.msg("tune.changes.header"))
		for _, c := range cs {
			id := fmt.Sprint(c.CaseID)
			if c.CaseID == 0 {
				id = c.Source
			}
			rs := c.After.Rules
			if len(rs) == 0 {
				rs = c.Before.Rules
			}
			label, status := string(c.Label), string(c.Status)
			if lg == zh {
				label, status = casework.Label(c.Label).Name(), c.Status.Name()
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%g → %g\t%s\t%s\t%s\n", safe(id), label, status, c.Before.Score, c.After.Score,
				strings.Join(rs, ","), safe(c.URL), safe(clipRunes(c.Title, 40)))
		}
		tw.Flush()
		if len(cs) < n {
			fmt.Fprintln(w, lg.msg("tune.more", n-len(cs)))
		}
	}
	changes(lg.msg("tune.added"), rep.Added, rep.AddedCount)
	changes(lg.msg("tune.dropped"), rep.Dropped, rep.DroppedCount)

	fmt.Fprint(w, lg.msg("tune.rules.title"))
	tw = newTable(w, false)
	fmt.Fprintln(tw, lg.msg("tune.rules.header"))
	added, removed := lg.msg("tune.rule.new"), lg.msg("tune.rule.removed")
	side := func(c *tuning.Counts, absent string) string {
		switch {
		case c == nil && absent == added:
			return absent + "\t\t\t"
		case c == nil:
			return absent
		}
		return fmt.Sprintf("%d\t%d\t%d\t%s", c.Hits, c.Positive, c.Negative, percentOrDash(c.Precision))
	}
	for _, r := range rep.Rules {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t→\t%s\n", safe(r.ID), r.Category, side(r.Current, added), side(r.Candidate, removed))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, lg.msg("tune.note"))
	return nil
}

func percentOrDash(f *float64) string {
	if f == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", *f*100)
}

// clipRunes shortens s to n characters.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
