package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgsweep"
	"github.com/certwatch/certwatch/sweep"
)

type workerOptions struct {
	configPath string
	rulesPath  string
	database   string
	blobs      string
	name       string
	hosts      int
	lease      time.Duration
	seed       bool
	once       bool
	logFormat  string
}

func newWorkerCmd() *cobra.Command {
	var o workerOptions
	cmd := &cobra.Command{
		Use:   "worker --config FILE --database postgres://USER@HOST:PORT/DB",
		Short: "Sweep together with other workers from the shared PostgreSQL frontier",
		Long: `Sweep worker: any number of worker processes, on any number of machines, sweep together
from the shared frontier in one PostgreSQL database. The frontier is leased per host: one
worker at a time fetches a host, so its delay and robots.txt hold across all workers. A
worker joins the running sweep; with --seed it starts one (seeding the configured sources)
when none is running. The worker that finds the sweep's frontier all done finishes the
sweep. On SIGTERM or Ctrl-C a worker finishes the pages in hand, gives its hosts back and
exits; the hosts of a worker killed outright (kill -9) pass to other workers when its
leases run out, and no page it recorded is recorded twice.
The database URL may also come from $CERTWATCH_DATABASE; run "certwatch db migrate" first.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWorker(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	host, _ := os.Hostname()
	f := cmd.Flags()
	f.StringVar(&o.configPath, "config", "certwatch.yaml", "sweep configuration (see config.example.yaml)")
	f.StringVar(&o.rulesPath, "rules", "", "rule pack file or directory (default: the configuration's rules, else the embedded pack)")
	f.StringVar(&o.database, "database", "", "PostgreSQL URL (default $"+envDatabase+")")
	f.StringVar(&o.blobs, "blobs", "", "evidence blob store, a directory or an s3:// URL, shared by all workers and servers (default: the configuration's blobs)")
	f.StringVar(&o.name, "name", fmt.Sprintf("%s-%d", host, os.Getpid()), "worker name, unique among live workers")
	f.IntVar(&o.hosts, "hosts", sweep.DefaultWorkHosts, "hosts fetched at once")
	f.DurationVar(&o.lease, "lease", sweep.DefaultLeaseTTL, "host lease time (how long a killed worker's hosts stay idle)")
	f.BoolVar(&o.seed, "seed", false, "start a sweep when none is running")
	f.BoolVar(&o.once, "once", false, "exit when the sweep it joined is finished")
	f.StringVar(&o.logFormat, "log-format", "", "text or json logs on stderr")
	return cmd
}

func runWorker(ctx context.Context, o workerOptions, stdout, stderr io.Writer) error {
	if o.database != "" && !pgstore.IsURL(o.database) {
		return &exitError{code: 2, err: newMsgError("worker.not.pg")}
	}
	// The configuration may name the database and the blob store (as for
	// serve and sweep); the flags and $CERTWATCH_DATABASE come first.
	cfg, cfgErr := config.Load(o.configPath)
	if o.database == "" && os.Getenv(envDatabase) == "" && cfgErr == nil && config.IsDatabaseURL(cfg.Database) {
		o.database = cfg.Database
	}
	dbURL, err := pgURL(o.database)
	if err != nil {
		return err
	}
	if o.blobs == "" && cfgErr == nil {
		o.blobs = cfg.Blobs // blobs:, default "blobs" beside a PostgreSQL configuration
	}
	if o.blobs == "" {
		return &exitError{code: 2, err: newMsgError("worker.no.blobs")}
	}
	switch {
	case o.hosts < 1 || o.hosts > sweep.MaxWorkHosts:
		return &exitError{code: 2, err: newMsgError("worker.bad.hosts", sweep.MaxWorkHosts)}
	case o.lease < sweep.MinLeaseTTL || o.lease > sweep.MaxLeaseTTL:
		return &exitError{code: 2, err: newMsgError("worker.bad.lease", sweep.MinLeaseTTL, sweep.MaxLeaseTTL)}
	case o.name == "" || len(o.name) > 128:
		return &exitError{code: 2, err: newMsgError("worker.bad.name")}
	}
	log, err := newLogger(stderr, o.logFormat)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if cfgErr != nil {
		return &exitError{code: 1, err: cfgErr}
	}
	blobs, err := blobstore.Open(ctx, o.blobs, blobstore.Options{})
	if err != nil {
		return &exitError{code: 1, err: newMsgError("worker.blobs", err)}
	}
	defer blobs.Close()
	cr, err := crawler.New(sweep.WorkerCrawlerOptions(cfg))
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer cr.Close()
	if _, err := checkBrowser(ctx, cfg, cr.Browser()); err != nil {
		return &exitError{code: 1, err: newMsgError("worker.not.started", err)}
	}
	st, err := pgstore.Open(ctx, dbURL, pgstore.Options{MaxConns: min(pgstore.MaxMaxConns, max(pgstore.DefaultMaxConns, o.hosts+4))})
	if err != nil {
		return &exitError{code: 1, err: explainPGError(err)}
	}
	b := pgstore.NewBackend(st, blobs)
	defer b.Close()
	m, terms, err := loadMatcher(o.rulesPath, nil, cfg)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	d := detect.InForce(m, b)
	if s := d.Status(); s.Error != "" {
		log.Warn("learned model not in use: detection by the rules alone", "err", s.Error)
	}
	sw := &sweep.Sweeper{Config: cfg, Store: b, Detector: d, Matcher: m, Fetcher: cr, Log: log, SearchTerms: terms}
	sum, err := sw.Work(ctx, pgsweep.Frontier{Store: st}, sweep.WorkOptions{
		Name: o.name, Hosts: o.hosts, LeaseTTL: o.lease, Seed: o.seed, Once: o.once,
	})
	if sum != nil {
		fmt.Fprintln(stdout, langOfCtx(ctx).msg("worker.part", sum.Sweep))
		printSummary(stdout, langOfCtx(ctx), sum)
	}
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, langOfCtx(ctx).msg("worker.stopped"))
		return nil
	case errors.Is(err, sweep.ErrNoSweep):
		return &exitError{code: 1, err: newMsgError("worker.no.sweep", err)}
	}
	return &exitError{code: 1, err: err}
}
