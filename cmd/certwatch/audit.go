package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/store"
)

func newAuditCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "Check and read the hash-chained audit log"}
	var vo dbOptions
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Walk the audit log's hash chain; exit 1 if an entry was edited or removed",
		Long: `Walk the whole audit log: every entry must decode, follow the one before without a
gap, carry the hash of the one before, and hash to its own recorded hash; the log's
head record must name the last entry. Prints the head hash: keep it elsewhere (a
notebook, a letter) to detect later that entries were cut from the end.`,
		Args: cobra.NoArgs,
		RunE: vo.guard(func(cmd *cobra.Command, _ []string) error {
			st, err := vo.open(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			rep, err := st.VerifyAudit()
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			out, l := cmd.OutOrStdout(), langOf(cmd)
			if rep.OK() {
				fmt.Fprintln(out, l.msg("audit.ok", rep.Entries, rep.HeadSeq, rep.HeadHash))
				return nil
			}
			fmt.Fprintln(out, l.msg("audit.broken", rep.Entries, len(rep.Problems)))
			for _, p := range rep.Problems {
				fmt.Fprintf(out, "  - %s\n", safe(p))
			}
			return &exitError{code: 1, err: l.errorf("audit.tampered")}
		}),
	}
	vo.flags(verify)

	var lo dbOptions
	var limit int
	var actor, action string
	list := &cobra.Command{Use: "list", Short: "Print audit entries, newest first", Args: cobra.NoArgs,
		RunE: lo.guard(func(cmd *cobra.Command, _ []string) error {
			st, err := lo.open(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			es, err := st.AuditEntries(store.AuditFilter{Actor: actor, ActionPrefix: action, Limit: limit})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			tw := newTable(cmd.OutOrStdout(), false)
			l := langOf(cmd)
			fmt.Fprintln(tw, l.msg("audit.header"))
			for _, e := range es {
				action, object := e.Action, e.Object
				if l == zh {
					// The UI's names: "case.confirm" → 确认, "case:42" → 线索 42.
					action = casework.AuditAction(e.Action).Name()
					kind, id, ok := strings.Cut(e.Object, ":")
					if object = casework.AuditObject(kind).Name(); ok {
						object += " " + id
					}
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", e.Seq, beijing.Format(e.At), safe(e.Actor), action, safe(object), safe(e.Detail))
			}
			return tw.Flush()
		})}
	lo.flags(list)
	list.Flags().IntVar(&limit, "limit", 50, "at most this many entries")
	list.Flags().StringVar(&actor, "actor", "", "only this actor")
	list.Flags().StringVar(&action, "action", "", "only actions starting with this")
	cmd.AddCommand(verify, list)
	return cmd
}
