package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

type serveOptions struct {
	configPath string
	rulesPath  string
	listen     string
	// ready, when set, is told the UI's address once it listens (demo
	// and tests).
	ready func(url string)
	// clock and checkEvery are for tests.
	checkEvery time.Duration
}

func newServeCmd() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve --config FILE",
		Short: "Serve the review UI and API, and run the removal checks of sent notices",
		Long: `Serve the staff review UI and its JSON API on the configured address (serve.listen,
or --listen), owning the database: while it runs, other certwatch commands that
would change the database are refused with the UI's address. Sent notices are
checked for removal on the configured schedule (serve.removal_checks). Accounts
are created with "certwatch user add" (there is no default account).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(o.configPath)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			return serveWith(cmd.Context(), cfg, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.configPath, "config", "certwatch.yaml", "configuration (database, crawling limits for removal checks, serve section)")
	cmd.Flags().StringVar(&o.rulesPath, "rules", "", "rule pack file or directory (default: the configuration's rules, else the embedded pack)")
	cmd.Flags().StringVar(&o.listen, "listen", "", "host:port to listen on (overrides serve.listen)")
	return cmd
}

// serveWith runs the server until ctx ends.
func serveWith(ctx context.Context, cfg *config.Config, o serveOptions, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer st.Close()
	active, err := activeRules(st)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	m, packs, terms, err := compilePacks(o.rulesPath, active, cfg)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	cr, err := crawler.New(cfg.CrawlerOptions())
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer cr.Close()
	sw := &sweep.Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: cr, Log: log, SearchTerms: terms}
	checker := &sweep.RemovalChecker{Store: st, Sweeper: sw, Log: log}
	srv, err := review.New(review.Options{
		Store: st, Packs: packs, Serve: cfg.Serve, Printer: cr, Checker: checker, Log: log,
		SecureCookies: cfg.Serve.TLSCert != "", SourceRoutes: sourceRoutes(cfg),
	})
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	var _ notice.Printer = cr

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
	if err := st.AnnounceURL(url); err != nil {
		log.Warn("could not record the UI address in the lock file", "err", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // removal checks and PDFs answer within a request
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	bg, stopBG := context.WithCancel(ctx)
	defer stopBG()
	every := o.checkEvery
	if every <= 0 {
		every = time.Minute
	}
	go checker.Loop(bg, every, time.Now)
	go pruneSessions(bg, st, log)

	errc := make(chan error, 1)
	go func() {
		if cfg.Serve.TLSCert != "" {
			errc <- hs.ServeTLS(ln, cfg.Serve.TLSCert, cfg.Serve.TLSKey)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	fmt.Fprintf(stdout, "certwatch: review UI on %s (database %s); stop with Ctrl-C\n", url, cfg.Database)
	if o.ready != nil {
		o.ready(url)
	}
	select {
	case err := <-errc:
		return &exitError{code: 1, err: fmt.Errorf("serve: %w", err)}
	case <-ctx.Done():
	}
	stopBG()
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return &exitError{code: 1, err: fmt.Errorf("serve: shut down: %w", err)}
	}
	fmt.Fprintln(stdout, "certwatch: review UI stopped")
	return nil
}

func pruneSessions(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := st.PruneSessions(); err != nil {
			log.Error("prune sessions", "err", err)
		} else if n > 0 {
			log.Info("pruned expired sessions", "n", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sourceRoutes are the sources' suggested takedown routes.
func sourceRoutes(cfg *config.Config) map[string]string {
	m := map[string]string{}
	for _, s := range cfg.Sources {
		if s.Route != "" {
			m[s.ID] = s.Route
		}
	}
	return m
}
