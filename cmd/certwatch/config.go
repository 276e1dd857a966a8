package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/browser"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/sweep"
)

func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Validate the sweep configuration"}
	cmd.AddCommand(&cobra.Command{
		Use:   "check FILE",
		Short: "Validate a configuration file and print its sources",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := config.Load(args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			chk, err := checkBrowser(cmd.Context(), c, nil)
			if err != nil {
				return &exitError{code: 1, err: fmt.Errorf("%s: %w", c.File, err)}
			}
			tw, l := newTable(cmd.OutOrStdout(), false), langOf(cmd)
			fmt.Fprintln(tw, l.msg("config.ok", c.File))
			if chk != nil {
				fmt.Fprintln(tw, l.msg("config.browser", chk.Path, chk.Version))
				for _, w := range chk.Warnings {
					fmt.Fprintln(tw, l.msg("config.warning", w))
				}
			}
			fmt.Fprintln(tw, l.msg("config.database", c.Database))
			fmt.Fprintln(tw, l.msg("config.limits",
				c.Limits.PerHostDelay, c.Limits.PerHostParallel, c.Limits.Parallel, c.Limits.Timeout, c.Limits.MaxBody, c.Limits.Retries))
			if len(c.Resolve) > 0 {
				fmt.Fprintln(tw, l.msg("config.resolve", len(c.Resolve), c.ResolveOnly))
			}
			if len(c.AllowInternal) > 0 {
				fmt.Fprintln(tw, l.msg("config.allow.internal", strings.Join(c.AllowInternal, ", ")))
			}
			for _, s := range c.Sources {
				var what string
				switch s.Kind {
				case config.KindSite:
					what = l.msg("config.site", strings.Join(s.Start, " "), s.Depth, s.MaxPages)
				case config.KindSearch:
					what = l.msg("config.search", s.URL, s.ResultPages) + searchTermsNote(l, s)
				case config.KindURLs:
					what = l.msg("config.urls", len(s.URLs), s.URLFile)
				}
				flags := ""
				if s.Render {
					flags += l.msg("config.render")
				}
				if s.RenderAuto {
					flags += l.msg("config.render.auto")
				}
				if s.IgnoreRobots {
					flags += l.msg("config.ignore.robots")
				}
				fmt.Fprintf(tw, "  %s\t%s: %s%s\n", s.ID, s.Kind, what, flags)
			}
			return tw.Flush()
		},
	})
	return cmd
}

// checkBrowser checks the browser when a source of c renders, always or
// when needed (nil, nil when none does): a configuration whose rendered
// pages would all fail must be refused up front, not swept into
// render_failed. With pool, the check uses its warm browser (and leaves it
// running for the sweep); without, it starts a browser for the check.
func checkBrowser(ctx context.Context, c *config.Config, pool *browser.Pool) (*browser.CheckResult, error) {
	var renders []string
	for _, s := range c.Sources {
		if s.Render || s.RenderAuto {
			renders = append(renders, s.ID)
		}
	}
	if len(renders) == 0 {
		return nil, nil
	}
	var chk *browser.CheckResult
	var err error
	if pool != nil {
		chk, err = pool.Check(ctx)
	} else {
		chk, err = browser.Check(ctx, sweep.CrawlerOptions(c).BrowserOptions())
	}
	if err != nil {
		l := langOfCtx(ctx)
		return nil, l.errorf("browser.unusable", strings.Join(renders, l.msg("list.sep")), err)
	}
	return chk, nil
}

// searchTermsNote says what a search source searches for: its own terms,
// the official query sites' names and titles (official_sites), or the
// rule packs' search terms.
func searchTermsNote(l lang, s *config.Source) string {
	note := ""
	if len(s.Terms) > 0 {
		note += l.msg("config.search.terms", len(s.Terms))
	}
	if s.OfficialSiteTerms {
		note += l.msg("config.search.sites")
	}
	if note == "" {
		note = l.msg("config.search.rules")
	}
	return note
}
