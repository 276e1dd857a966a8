package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
)

func newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "rules", Short: "Validate, inspect, test and activate rule packs"}
	cmd.AddCommand(newRulesTestCmd(), newRulesActivateCmd(), newRulesHistoryCmd(), newRulesDeactivateCmd())
	cmd.AddCommand(&cobra.Command{
		Use:   "check [PATH...]",
		Short: "Validate rule packs (files or directories) and print a summary; with no PATH, the embedded default",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				p, err := rules.Default()
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				return checkPacks(cmd.OutOrStdout(), langOf(cmd), []*rules.Pack{p})
			}
			bad := false
			var all []*rules.Pack
			for _, path := range args {
				packs, err := rules.LoadPath(path)
				if err != nil {
					fmt.Fprintln(cmd.ErrOrStderr(), err)
					bad = true
					continue
				}
				all = append(all, packs...)
			}
			if bad {
				return &exitError{code: 1, err: errBadInput}
			}
			return checkPacks(cmd.OutOrStdout(), langOf(cmd), all)
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "dump",
		Short: "Print the embedded default pack, to start a pack of your own",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(rules.DefaultSource())
			return err
		},
	})
	return cmd
}

// checkPacks compiles the packs together (so terms that normalize to
// nothing and ids duplicated across packs are caught) and prints a summary.
func checkPacks(w io.Writer, l lang, packs []*rules.Pack) error {
	if _, err := matcher.Compile(packs...); err != nil {
		return &exitError{code: 1, err: err}
	}
	tw := newTable(w, false)
	for _, p := range packs {
		fmt.Fprintln(tw, l.msg("config.ok", p.File))
		fmt.Fprintln(tw, l.msg("pack.version", p.Version(), p.Issuer))
		fmt.Fprintln(tw, l.msg("pack.threshold", p.Threshold, p.Window))
		byCat := map[string][]string{}
		terms, groups, near := 0, 0, 0
		for _, r := range p.Rules {
			byCat[r.Category] = append(byCat[r.Category], r.ID)
			terms += len(r.Terms)
			groups += len(r.Groups)
			near += len(r.Near)
		}
		cats := make([]string, 0, len(byCat))
		for c := range byCat {
			cats = append(cats, c)
		}
		sort.Strings(cats)
		fmt.Fprintln(tw, l.msg("pack.rules", len(p.Rules), terms, groups, near, len(p.Exclusions)))
		if len(p.Families) > 0 {
			fams := make([]string, 0, len(p.Families))
			for name := range p.Families {
				if !strings.Contains(name, ".") {
					fams = append(fams, name)
				}
			}
			sort.Strings(fams)
			fmt.Fprintln(tw, l.msg("pack.families", len(fams), len(p.Families)-len(fams), strings.Join(fams, ", ")))
		}
		if cb := p.ContactBonus; cb.Weight != 0 {
			fmt.Fprintln(tw, l.msg("pack.contact.bonus", cb.Weight, cb.Window))
		}
		if st := p.ShortText; st != nil {
			fmt.Fprintln(tw, l.msg("pack.short.texts", st.MaxChars, st.Threshold, strings.Join(st.Corroborators, ", ")))
		}
		if len(p.Genres) > 0 {
			gs := make([]string, len(p.Genres))
			for i, g := range p.Genres {
				gs[i] = fmt.Sprintf("%s ×%g", g.ID, g.Factor)
			}
			fmt.Fprintln(tw, l.msg("pack.genres", len(gs), strings.Join(gs, ", ")))
		}
		for _, c := range cats {
			fmt.Fprintf(tw, "  %s\t%s: %s\n", c, p.CategoryName(c), strings.Join(byCat[c], ", "))
		}
		if im := p.Imitation; im != nil {
			var hosts []string
			for _, s := range im.Sites {
				hosts = append(hosts, s.Hosts...)
			}
			fmt.Fprintln(tw, l.msg("pack.official", strings.Join(hosts, ", "), strings.Join(im.OfficialSuffixes, ", ")))
		}
		if len(p.SearchTerms) > 0 {
			fmt.Fprintln(tw, l.msg("pack.search.terms", len(p.SearchTerms)))
		}
	}
	return tw.Flush()
}
