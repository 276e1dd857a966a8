package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/config"
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
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "%s\tOK\n", c.File)
			fmt.Fprintf(tw, "  database\t%s\n", c.Database)
			fmt.Fprintf(tw, "  limits\tdelay %v/host, %d per host, %d in all, timeout %v, body ≤ %d B, %d retries\n",
				c.Limits.PerHostDelay, c.Limits.PerHostParallel, c.Limits.Parallel, c.Limits.Timeout, c.Limits.MaxBody, c.Limits.Retries)
			if len(c.Resolve) > 0 {
				fmt.Fprintf(tw, "  resolve\t%d hosts (resolve_only %v)\n", len(c.Resolve), c.ResolveOnly)
			}
			for _, s := range c.Sources {
				var what string
				switch s.Kind {
				case config.KindSite:
					what = fmt.Sprintf("%s depth %d, ≤ %d pages", strings.Join(s.Start, " "), s.Depth, s.MaxPages)
				case config.KindSearch:
					what = fmt.Sprintf("%s × %d result pages", s.URL, s.ResultPages)
				case config.KindURLs:
					what = fmt.Sprintf("%d urls %s", len(s.URLs), s.URLFile)
				}
				flags := ""
				if s.Render {
					flags += " [render]"
				}
				if s.IgnoreRobots {
					flags += " [ignores robots.txt]"
				}
				fmt.Fprintf(tw, "  %s\t%s: %s%s\n", s.ID, s.Kind, what, flags)
			}
			return tw.Flush()
		},
	})
	return cmd
}
