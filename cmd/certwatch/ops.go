package main

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

func newBackupCmd() *cobra.Command {
	var o dbOptions
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to FILE and verify it (works while serve runs)",
		Long: `Write a consistent copy of the database to FILE (through a temporary file, so FILE is
either untouched or complete), then open the copy and verify it: bbolt's consistency
check, the schema and the audit log's hash chain. While "certwatch serve" runs, the
server writes the copy (it owns the database), during sweeps too.`,
		Args: cobra.ExactArgs(1),
		RunE: o.guard(func(cmd *cobra.Command, args []string) error {
			dst, err := filepath.Abs(args[0])
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			db, err := o.database()
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			// Refused here before anything is written, whoever would
			// write it; the writer checks again.
			if err := store.CheckBackupTarget(db, dst); err != nil {
				return &exitError{code: 1, err: explainDBError(err)}
			}
			ctx := cmd.Context()
			out := cmd.OutOrStdout()
			st, err := store.Open(db, store.Options{ReadOnly: true})
			switch {
			case err == nil:
				n, berr := st.BackupFileContext(ctx, dst)
				st.Close()
				if berr != nil {
					return &exitError{code: 1, err: explainDBError(berr)}
				}
				fmt.Fprintln(out, langOf(cmd).msg("backup.written", n, dst))
			case errors.Is(err, store.ErrLocked):
				url, token, ok := serverFor(db, err)
				if !ok {
					return &exitError{code: 1, err: err}
				}
				var res struct{ Bytes int64 }
				if err := callServerContext(ctx, url, token, "POST", "/control/backup", map[string]string{"path": dst}, &res); err != nil {
					var se *serverError
					if errors.As(err, &se) && se.status == http.StatusConflict {
						err = fmt.Errorf("%w (%v)", store.ErrUnsafeTarget, err)
					}
					return &exitError{code: 1, err: explainDBError(err)}
				}
				fmt.Fprintln(out, langOf(cmd).msg("backup.by.server", url, res.Bytes, dst))
			default:
				return &exitError{code: 1, err: explainDBError(err)}
			}
			rep, err := store.VerifyFile(dst)
			if err != nil {
				return &exitError{code: 1, err: explainDBError(err)}
			}
			if !rep.OK() {
				for _, p := range rep.Problems {
					fmt.Fprintf(out, "  - %s\n", safe(p))
				}
				return &exitError{code: 1, err: langOf(cmd).errorf("backup.unverified", dst)}
			}
			fmt.Fprintf(out, "verified: %d cases, %d snapshots, audit log %d entries (head %s)\n",
				rep.Buckets["cases"], rep.Buckets["snapshots"], rep.Audit.Entries, rep.Audit.HeadHash)
			return nil
		}),
	}
	o.flags(cmd)
	return cmd
}

func newCompactCmd() *cobra.Command {
	var o dbOptions
	cmd := &cobra.Command{
		Use:   "compact",
		Short: "Rewrite the database into a smaller file (not while serve runs); keeps the original",
		Long: `bbolt files never shrink. compact copies the database into a new file without free
pages and swaps it in, keeping the original as DB.before-compact-TIME (delete it once
the compacted file has served you well). Stop "certwatch serve" first.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := o.database()
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			before, after, kept, err := store.Compact(db, 2*time.Second)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(cmd.OutOrStdout(), langOf(cmd).msg("compact.done", db, before, after, kept))
			return nil
		},
	}
	o.flags(cmd)
	return cmd
}

func newScheduleCmd() *cobra.Command {
	var configPath string
	var n int
	cmd := &cobra.Command{
		Use:   "schedule --config FILE",
		Short: "Show the next runs of the scheduled jobs (and whether a sweep is running)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(configPath)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			s := cfg.Schedule
			next, err := sweep.Upcoming(s.Location, time.Now(), n,
				sweep.Job{Name: "sweep", Spec: s.Sweep}, sweep.Job{Name: "removal_checks", Spec: s.RemovalChecks},
				sweep.Job{Name: "backup", Spec: s.Backup}, sweep.Job{Name: "prune", Spec: s.Prune})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			out := cmd.OutOrStdout()
			fmt.Fprintln(out, langOf(cmd).msg("schedule.zone", s.TimeZone))
			tw := newTable(out, false)
			fmt.Fprintln(tw, langOf(cmd).msg("schedule.header"))
			for _, r := range next {
				spec, runs := r.Spec, ""
				if spec == "" {
					spec, runs = "(off)", "—"
				}
				for i, t := range r.Next {
					if i > 0 {
						runs += ", "
					}
					runs += beijing.Minute(t)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Job, spec, runs)
			}
			tw.Flush()
			if config.IsDatabaseURL(cfg.Database) {
				// Shared by any number of servers: no lock file tells
				// which run; river's leader runs the periodic jobs.
				fmt.Fprintln(out, langOf(cmd).msg("schedule.pg"))
				return nil
			}
			st, err := store.Open(cfg.Database, store.Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond})
			switch {
			case err == nil:
				st.Close()
				fmt.Fprintln(out, langOf(cmd).msg("schedule.no.server"))
			case errors.Is(err, store.ErrLocked):
				if url, token, ok := serverFor(cfg.Database, err); ok {
					var status controlStatus
					if err := callServer(url, token, "GET", "/control/status", nil, &status); err != nil {
						return &exitError{code: 1, err: err}
					}
					fmt.Fprintln(out, langOf(cmd).msg("schedule.server", url, yesNo(langOf(cmd), status.SweepRunning)))
					if status.DatabaseProblem != "" {
						fmt.Fprintln(out, langOf(cmd).msg("schedule.db.problem", status.DatabaseProblem))
					}
				} else {
					fmt.Fprintln(out, langOf(cmd).msg("schedule.db.held", err))
				}
			case errors.Is(err, os.ErrNotExist):
				fmt.Fprintln(out, langOf(cmd).msg("schedule.no.db"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "certwatch.yaml", "configuration (schedule section)")
	cmd.Flags().IntVar(&n, "next", 3, "how many next runs to show per job")
	return cmd
}
