package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/inforce"
	jobqueue "github.com/certwatch/certwatch/jobs"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

type serveOptions struct {
	configPath string
	rulesPath  string
	listen     string
	logFormat  string
	// ready, when set, is told the UI's address once it listens (demo
	// and tests).
	ready func(url string)
}

func newServeCmd() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve --config FILE",
		Short: "Serve the review UI and API, and run the schedule (sweeps, removal checks, backups, digests)",
		Long: `Serve the staff review UI and its JSON API on the configured address (serve.listen,
or --listen), owning the database: while it runs, other certwatch commands that
would change the database are refused with the UI's address ("certwatch backup"
and "certwatch schedule" talk to it instead). The schedule (schedule section:
daily sweep, removal checks, backups) runs inside, in Asia/Shanghai time by
default; a sweep stopped by a shutdown is resumed at the next start. After each
sweep the digest goes to the configured webhooks and mailboxes (notify section).
Prometheus metrics are on /metrics. Accounts are created with "certwatch user add"
(there is no default account).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(o.configPath)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			return serveWith(cmd.Context(), cfg, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.configPath, "config", "certwatch.yaml", "configuration (database, crawling, serve, schedule and notify sections)")
	cmd.Flags().StringVar(&o.rulesPath, "rules", "", "rule pack file or directory (default: the configuration's rules, else the embedded pack)")
	cmd.Flags().StringVar(&o.listen, "listen", "", "host:port to listen on (overrides serve.listen)")
	cmd.Flags().StringVar(&o.logFormat, "log-format", "text", "log format on stderr: text or json")
	return cmd
}

func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	switch format {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("unknown log format %q (text or json)", format)
}

// serveWith runs the server until ctx ends.
func serveWith(ctx context.Context, cfg *config.Config, o serveOptions, stdout, stderr io.Writer) error {
	log, err := newLogger(stderr, o.logFormat)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	st, err := openBackend(ctx, cfg, 0)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer st.Close()
	// Memory (issue 13): a soft limit for the collector, and a budget on
	// the database's mapped pages.
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(review.ServeMemoryLimit))
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(review.ServeGCPercent))
	}
	if st.bolt != nil {
		defer st.bolt.BoundMapped(store.ServeMappedBudget, store.ServeMappedPoll)()
	}
	active, err := activeRules(st)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	m, packs, terms, err := compilePacks(o.rulesPath, active, cfg)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	cr, err := crawler.New(sweep.CrawlerOptions(cfg))
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer cr.Close()
	// One warm browser for everything: rendered pages, the sweeps'
	// preflight check, evidence screenshots, notice and report PDFs.
	printer := cr.Browser()
	var _ notice.Printer = printer

	addr := cfg.Serve.Listen
	if o.listen != "" {
		addr = o.listen
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("serve: %w", err)}
	}
	scheme := "http"
	if cfg.Serve.TLSCert != "" {
		scheme = "https"
	}
	url := fmt.Sprintf("%s://%s", scheme, ln.Addr())

	metrics := newMetrics(st)
	// The one place the rules and detection in force are kept: sweeps,
	// removal checks, the UI and digests read them from here, and every
	// activation changes them here.
	now := inforce.New(inforce.Rules{Packs: packs, Matcher: m, SearchTerms: terms}, st, log)
	sw := &sweep.Sweeper{Config: cfg, Store: st, Fetcher: cr, Log: log, InForce: now}
	sw.Preflight = func(ctx context.Context) error { _, err := checkBrowser(ctx, cfg, printer); return err }
	checker := &sweep.RemovalChecker{Store: st, Sweeper: sw, Log: log}
	notifier := &sweep.Notifier{Store: st, Config: cfg.Notify, Log: log, CategoryName: now.CategoryName}
	reminder := &sweep.Reminder{Store: st, Before: cfg.Serve.NoticeReminder, UI: url, Log: log}
	runner := &sweep.Runner{Sweeper: sw, After: func(ctx context.Context, sum *sweep.Summary) {
		metrics.sweepDone(sum)
		if st.pg != nil {
			return // FinishSweep enqueued the digest job
		}
		d, err := sweep.BuildDigest(st, sum.Sweep, url)
		if err == nil {
			err = notifier.Queue(d)
		}
		if err != nil {
			log.Error("digest", "sweep", sum.Sweep, "err", err)
			return
		}
		if _, _, err := notifier.Deliver(ctx, time.Now()); err != nil {
			log.Error("digest delivery", "err", err)
		}
	}}
	jobs := []sweep.Job{
		{Name: "sweep", Spec: cfg.Schedule.Sweep, Run: func(ctx context.Context) error {
			start := time.Now()
			_, err := runner.Sweep(ctx)
			metrics.sweepTook(time.Since(start), err)
			return err
		}},
		{Name: "sessions", Spec: "@every 1h", Run: func(context.Context) error {
			_, err := st.PruneSessions()
			return err
		}},
		{Name: "prune", Spec: cfg.Schedule.Prune, Run: func(context.Context) error {
			return runPruneJob(st, cfg.Schedule.FrontierKeepDays, log) // prune.go
		}},
	}
	// On PostgreSQL the job queue runs removal checks, backups (the audit
	// checkpoint) and deliveries, each once whatever the number of
	// servers; on bbolt this process does, on its schedule.
	var queue *jobqueue.Runner
	if st.pg != nil {
		// Every serve process over the database runs the schedule; the
		// first to claim a sweep's due time runs that sweep.
		host, _ := os.Hostname()
		me := fmt.Sprintf("%s/%d", host, os.Getpid())
		for i, j := range jobs {
			if j.Name == "sweep" || j.Name == "prune" {
				jobs[i].Claim = func(ctx context.Context, slot time.Time) (bool, error) {
					return st.pg.ClaimScheduleSlot(ctx, j.Name, slot, me)
				}
			}
		}
		// Activations other processes record reach this one (follow_pg.go).
		follower, ferr := newActivationFollower(st, now, cfg, o.rulesPath, log)
		if ferr != nil {
			return &exitError{code: 1, err: ferr}
		}
		jobs = append(jobs, sweep.Job{Name: "activations", Spec: followInterval, Run: follower.run})
		queue, err = jobqueue.New(ctx, st.pg.Store(), jobqueue.Options{
			Store: st, Checker: checker, Notifier: notifier, UI: url, Schedule: cfg.Schedule, Log: log,
			Reminder: reminder,
		})
		if err != nil {
			return &exitError{code: 1, err: explainPGError(err)}
		}
	} else {
		// After the sweep, before the sessions: the order the status lists.
		jobs = slices.Insert(jobs, 1,
			sweep.Job{Name: "removal_checks", Spec: cfg.Schedule.RemovalChecks, Run: func(ctx context.Context) error {
				_, err := checker.RunDue(ctx, time.Now())
				return err
			}},
			// Deadline reminders on the removal checks' schedule: each is
			// recorded once, so a run that repeats one sends nothing.
			sweep.Job{Name: "notice_reminders", Spec: cfg.Schedule.RemovalChecks, Run: func(ctx context.Context) error {
				_, err := reminder.Run(ctx, time.Now())
				return err
			}},
			sweep.Job{Name: "backup", Spec: cfg.Schedule.Backup, Run: func(context.Context) error {
				return scheduledBackup(st.bolt, cfg.Schedule, log)
			}},
			sweep.Job{Name: "notify", Spec: "@every 1m", Run: func(ctx context.Context) error {
				_, _, err := notifier.Deliver(ctx, time.Now())
				return err
			}})
	}
	sched, err := sweep.NewScheduler(cfg.Schedule.Location, log, jobs...)
	if err != nil {
		return &exitError{code: 1, err: err}
	}

	bg, stopBG := context.WithCancel(ctx)
	defer stopBG()
	var background sync.WaitGroup // sweeps started outside the schedule
	sweepInBackground := func(why string) {
		background.Add(1)
		go func() {
			defer background.Done()
			if _, err := runner.Sweep(bg); err != nil && bg.Err() == nil && !errors.Is(err, sweep.ErrBusy) {
				log.Error("sweep", "started", why, "err", err)
			}
		}()
	}
	srv, err := review.New(review.Options{
		Store: st, Packs: packs, Serve: cfg.Serve, Printer: printer, Checker: checker, Log: log,
		SecureCookies: cfg.Serve.TLSCert != "", SourceRoutes: sourceRoutes(cfg),
		SweepBusy:    runner.Busy,
		Detection:    func() detect.Status { return now.Detector().Status() },
		ModelChanged: now.ModelChanged,
		InForce:      now,
		HostFacts:    hostFactsCollector(cfg), // hostfacts.go
		SweepNow: func() error {
			if runner.Busy() {
				return review.ErrSweepBusy
			}
			sweepInBackground("from the UI")
			return nil
		},
	})
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	// The control token goes beside the bbolt file, or beside the
	// configuration when the database is a PostgreSQL URL.
	tokenBeside := cfg.Database
	if st.pg != nil {
		tokenBeside = o.configPath
	}
	token, tokenPath, err := writeControlToken(tokenBeside)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer os.Remove(tokenPath)
	ctl := &control{st: st, bolt: st.bolt, runner: runner, token: token, schedule: cfg.Schedule, jobs: jobs, log: log, sweepNow: sweepInBackground,
		modelChanged: now.ModelChanged,
		activate: func(actor, file string, content []byte) (string, error) {
			if o.rulesPath != "" {
				return "", fmt.Errorf("this server was started with --rules %s, which overrides the active pack; restart it without --rules", o.rulesPath)
			}
			p, err := rules.Parse(file, content)
			if err != nil {
				return "", err
			}
			pm, err := matcher.Compile(p)
			if err != nil {
				return "", err
			}
			if ap, err := st.ActivePack(); err == nil && ap.Version == p.Version() {
				return "", fmt.Errorf("%w: %s is already active", store.ErrConflict, p.Version())
			}
			if err := st.ActivatePack(actor, file, content, p.Version()); err != nil {
				return "", err
			}
			pm.Warm()
			now.UseRules(inforce.Rules{Packs: []*rules.Pack{p}, Matcher: pm, SearchTerms: p.SearchTerms})
			return p.Version(), nil
		}}
	mux := http.NewServeMux()
	mux.Handle("/control/", ctl)
	mux.Handle("GET /metrics", metrics.handler())
	mux.Handle("/", srv)
	if st.bolt != nil {
		if err := st.bolt.AnnounceURL(url); err != nil {
			log.Warn("could not record the UI address in the lock file", "err", err)
		}
	}
	hs := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // removal checks and PDFs answer within a request
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	// A sweep a shutdown or a crash left unfinished is resumed now.
	if running, err := st.RunningSweep(); err == nil {
		log.Info("resuming the unfinished sweep", "sweep", running.ID)
		sweepInBackground("to resume an unfinished sweep")
	}
	if queue != nil {
		if err := queue.Start(bg); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	sched.Start()

	errc := make(chan error, 1)
	go func() {
		if cfg.Serve.TLSCert != "" {
			errc <- hs.ServeTLS(ln, cfg.Serve.TLSCert, cfg.Serve.TLSKey)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	fmt.Fprintln(stdout, langOfCtx(ctx).msg("serve.started", url, st.name(cfg)))
	if o.ready != nil {
		o.ready(url)
	}
	var serveErr error
	select {
	case err := <-errc:
		serveErr = fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Shutdown: stop taking requests, then stop the schedule and let a
	// running sweep checkpoint (its frontier is in the database).
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) && serveErr == nil {
		serveErr = fmt.Errorf("serve: shut down: %w", err)
	}
	if queue != nil {
		qctx, qcancel := context.WithTimeout(context.Background(), 30*time.Second)
		if err := queue.Stop(qctx); err != nil {
			log.Error("job queue", "err", err)
		}
		qcancel()
	}
	stopBG()
	sched.Stop(30 * time.Second)
	background.Wait()
	if serveErr != nil {
		return &exitError{code: 1, err: serveErr}
	}
	fmt.Fprintln(stdout, langOfCtx(ctx).msg("serve.stopped"))
	return nil
}

// scheduledBackup writes a backup into the schedule's directory, verifies
// it and keeps the newest BackupKeep.
func scheduledBackup(st *store.Store, s config.Schedule, log *slog.Logger) error {
	path := filepath.Join(s.BackupDir, store.BackupName(time.Now()))
	n, err := st.BackupFile(path)
	if err != nil {
		return err
	}
	rep, err := store.VerifyFile(path)
	if err != nil {
		return err
	}
	if !rep.OK() {
		return fmt.Errorf("backup %s does not verify: %v", path, rep.Problems)
	}
	deleted, err := store.RotateBackups(s.BackupDir, s.BackupKeep)
	log.Info("backup", "path", path, "bytes", n, "deleted_old", len(deleted))
	return err
}

// sourceRoutes are the sources' suggested takedown routes.
func sourceRoutes(cfg *config.Config) map[string]casework.Route {
	m := map[string]casework.Route{}
	for _, s := range cfg.Sources {
		if s.Route != "" {
			m[s.ID] = s.Route
		}
	}
	return m
}
