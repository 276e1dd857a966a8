package main

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/store"
)

// retentionStore is what retention needs of a database: the frontiers and
// page records of old sweeps deleted, or counted for a dry run.
type retentionStore interface {
	PruneFrontiers(finishedBefore time.Time) (int, error)
	PrunePages(finishedBefore time.Time) (int, error)
	RetentionCounts(finishedBefore time.Time) (store.RetentionCounts, error)
}

// maxKeepDays bounds --keep-days as the configuration bounds
// schedule.frontier_keep_days.
const maxKeepDays = 3650

// pruneCut is the cut for keepDays days of sweeps before now.
func pruneCut(now time.Time, keepDays int) time.Time {
	return now.Add(-time.Duration(keepDays) * 24 * time.Hour)
}

// pruneOld deletes the frontiers and page records of the sweeps finished
// before cut (each in bounded batches: see the stores), returning how
// many sweeps lost their frontier and how many page records went.
func pruneOld(st retentionStore, cut time.Time) (sweeps, pages int, err error) {
	sweeps, err = st.PruneFrontiers(cut)
	if err != nil {
		return sweeps, 0, err
	}
	pages, err = st.PrunePages(cut)
	return sweeps, pages, err
}

// runPruneJob is the serve schedule's prune job: keep days from the
// configuration, what went logged.
func runPruneJob(st retentionStore, keepDays int, log *slog.Logger) error {
	sweeps, pages, err := pruneOld(st, pruneCut(time.Now(), keepDays))
	if sweeps > 0 || pages > 0 {
		log.Info("frontiers and page records of old sweeps deleted", "sweeps", sweeps, "pages", pages, "finished_before_days", keepDays)
	}
	return err
}

func newPruneCmd() *cobra.Command {
	var o dbOptions
	var keepDays int
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "prune --config FILE [--keep-days N] [--dry-run]",
		Short: "Delete the frontiers and page records of sweeps finished more than the keep window ago",
		Long: `Delete what sweeps leave behind that nobody reads once they are old: the frontier
(every URL a sweep queued, with its outcome) and the page records (the latest fetch
of each URL) of the sweeps finished or interrupted more than --keep-days days ago
(default: the configuration's schedule.frontier_keep_days, 30). Cases, snapshots,
sightings, decisions, notices, the audit log and the sweeps with their summaries
stay (period reports count an old sweep's pages from its summary), and so does the
page record of every flagged page; a running sweep is never touched. Deletes in
batches of at most 10,000 rows, on bbolt and PostgreSQL alike. --dry-run prints what
would be deleted and changes nothing. "certwatch serve" runs the same prune on its
schedule (schedule.prune, default 04:15 daily).`,
		Args: cobra.NoArgs,
		RunE: o.guard(func(cmd *cobra.Command, _ []string) error {
			l := langOf(cmd)
			if !cmd.Flags().Changed("keep-days") {
				keepDays = config.DefaultSchedule().FrontierKeepDays
				if o.dbPath == "" || cmd.Flags().Changed("config") {
					cfg, err := config.Load(o.configPath)
					if err != nil {
						return &exitError{code: 1, err: err}
					}
					keepDays = cfg.Schedule.FrontierKeepDays
				}
			}
			if keepDays < 1 || keepDays > maxKeepDays {
				return &exitError{code: 2, err: l.errorf("prune.keep.days", keepDays, maxKeepDays)}
			}
			st, err := o.open(dryRun)
			if errors.Is(err, store.ErrLocked) {
				return &exitError{code: 1, err: newMsgError("prune.locked", err)}
			}
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			cut := pruneCut(time.Now(), keepDays)
			c, err := st.RetentionCounts(cut)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			out := cmd.OutOrStdout()
			if dryRun {
				fmt.Fprintln(out, l.msg("prune.dry", keepDays, beijing.Minute(cut), c.FrontierSweeps, c.FrontierURLs, c.Pages))
				return nil
			}
			sweeps, pages, err := pruneOld(st, cut)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			// The URLs counted before deleting: a sweep that finished
			// meanwhile is old only at the next run.
			urls := c.FrontierURLs
			if sweeps < c.FrontierSweeps {
				urls = -1
			}
			if urls >= 0 {
				fmt.Fprintln(out, l.msg("prune.done", keepDays, beijing.Minute(cut), sweeps, urls, pages))
			} else {
				fmt.Fprintln(out, l.msg("prune.done.partial", keepDays, beijing.Minute(cut), sweeps, pages))
			}
			fmt.Fprintln(out, l.msg("prune.kept"))
			return nil
		}),
	}
	o.flags(cmd)
	cmd.Flags().IntVar(&keepDays, "keep-days", 0, "keep the sweeps of this many days (default: the configuration's schedule.frontier_keep_days)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "only count what would be deleted")
	return cmd
}
