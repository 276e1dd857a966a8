package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/store"
)

type dbOptions struct {
	configPath string
	dbPath     string
	// cmd is the command the flags belong to, named when a command that
	// works on bbolt files only refuses a PostgreSQL database.
	cmd *cobra.Command
}

func (o *dbOptions) flags(cmd *cobra.Command) {
	o.cmd = cmd
	cmd.Flags().StringVar(&o.configPath, "config", "certwatch.yaml", "sweep configuration naming the database")
	cmd.Flags().StringVar(&o.dbPath, "db", "", "database file or postgres:// URL (overrides the configuration)")
}

// guard runs a command's work on the database under store.Guard: a
// database damaged beyond what Open checks makes bbolt panic or fault,
// which becomes a clear error (exit 1) instead of a crash.
func (o *dbOptions) guard(run func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		path, _, err := o.target()
		if err != nil {
			path = "the database"
		}
		var runErr error
		if gerr := store.Guard(path, func() error { runErr = run(cmd, args); return nil }); gerr != nil {
			return &exitError{code: 1, err: explainDBError(gerr)}
		}
		return runErr
	}
}

// explainDBError puts a Chinese explanation before the store's errors that
// a user must act on.
func explainDBError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrDamaged):
		return newMsgError("db.damaged", err)
	case errors.Is(err, store.ErrUnsafeTarget):
		return newMsgError("db.unsafe.target", err)
	case errors.Is(err, store.ErrReplaced):
		return newMsgError("db.replaced", err)
	}
	return err
}

func newCasesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "cases", Short: "List and show cases"}
	var lo dbOptions
	var format, category string
	var limit int
	list := &cobra.Command{
		Use:   "list",
		Short: "List cases, highest score first",
		Args:  cobra.NoArgs,
		RunE: lo.guard(func(cmd *cobra.Command, _ []string) error {
			st, err := lo.open(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			cs, err := st.Cases(store.CaseFilter{Category: category, Limit: limit, WithFindings: format == "json"})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(cs)
			}
			tw := newTable(cmd.OutOrStdout(), false)
			fmt.Fprintln(tw, langOf(cmd).msg("cases.header"))
			for _, c := range cs {
				fmt.Fprintf(tw, "%d\t%g\t%s\t%d\t%d\t%s\t%s\n", c.ID, c.Score, c.Category, c.Sightings, c.Snapshots, beijing.Format(c.LastSeen), safe(c.URL))
			}
			return tw.Flush()
		}),
	}
	lo.flags(list)
	list.Flags().StringVar(&format, "format", "table", "table or json")
	list.Flags().StringVar(&category, "category", "", "only this category")
	list.Flags().IntVar(&limit, "limit", 100, "at most this many cases")

	var so dbOptions
	var showFormat string
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show one case: finding, sightings and snapshots with hashes",
		Args:  cobra.ExactArgs(1),
		RunE: so.guard(func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil {
				return &exitError{code: 2, err: langOf(cmd).errorf("cases.bad.id", "cases show", args[0])}
			}
			st, err := so.open(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			c, err := st.Case(id)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			sightings, err := st.Sightings(id)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			snaps, err := st.Snapshots(id)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			w := cmd.OutOrStdout()
			if showFormat == "json" {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"case": c, "sightings": sightings, "snapshots": snaps})
			}
			l := langOf(cmd)
			category, status := c.Category, string(c.Status)
			if l == zh {
				category, status = rank.CategoryName(c.Category)+"（"+c.Category+"）", c.Status.Name()
			}
			fmt.Fprintln(w, l.msg("case.head", c.ID, category, c.Score, status))
			fmt.Fprint(w, l.msg("case.fields", safe(c.URL), safe(c.Title), c.SourceID, beijing.Format(c.FirstSeen), beijing.Format(c.LastSeen)))
			if len(c.Finding) > 0 {
				f, err := finding.Decode(c.Finding)
				if err != nil {
					fmt.Fprintln(w, l.msg("case.finding.unreadable", err))
				} else {
					for _, r := range f.Reasons {
						fmt.Fprintf(w, "  - %s\n", safe(r))
					}
					for _, ct := range f.Contacts {
						kind := ct.Kind
						if l == zh {
							kind = casework.ContactKind(ct.Kind).Name()
						}
						fmt.Fprintln(w, l.msg("case.contact", kind, safe(ct.Value)))
					}
				}
			}
			fmt.Fprintln(w, l.msg("case.sightings"))
			for _, s := range sightings {
				fmt.Fprintln(w, l.msg("case.sighting", s.SweepID, beijing.Format(s.SeenAt), s.SnapshotID))
			}
			fmt.Fprintln(w, l.msg("case.snapshots"))
			for _, s := range snaps {
				fmt.Fprint(w, l.msg("case.snapshot", s.ID, beijing.Format(s.FetchedAt), s.Status, s.RemoteAddr, s.BodySHA256))
				if s.ScreenshotSHA256 != "" {
					fmt.Fprint(w, l.msg("case.screenshot", s.ScreenshotSHA256))
				}
				if s.Truncated {
					fmt.Fprint(w, l.msg("case.truncated"))
				}
				fmt.Fprintln(w)
			}
			return nil
		}),
	}
	so.flags(show)
	show.Flags().StringVar(&showFormat, "format", "text", "text or json")
	cmd.AddCommand(list, show)
	return cmd
}

func newEvidenceCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "evidence", Short: "Export evidence"}
	var o dbOptions
	export := &cobra.Command{
		Use:   "export CASE DIR",
		Short: "Write a case's evidence as WARC, screenshots and a manifest of SHA-256 hashes (verify with sha256sum -c SHA256SUMS)",
		Args:  cobra.ExactArgs(2),
		RunE: o.guard(func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil {
				return &exitError{code: 2, err: langOf(cmd).errorf("cases.bad.id", "evidence export", args[0])}
			}
			st, err := o.open(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			m, err := st.ExportEvidence(id, args[1])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(cmd.OutOrStdout(), langOf(cmd).msg("evidence.exported", id, args[1], len(m.Files), args[1]))
			return nil
		}),
	}
	o.flags(export)
	cmd.AddCommand(export)
	return cmd
}
