package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

func newDemoCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Start the sample web on 127.0.0.1, sweep it with the embedded rules and list the cases",
		Long: `Start the sample web (a JavaScript marketplace, a forum, GBK classifieds, an
imitation query site, government and school sites, hostile pages) on 127.0.0.1,
write a configuration that reaches it through resolve overrides, run a sweep with
the embedded rules, and print the summary and the cases. Nothing leaves this
machine. Run it again to see cases "seen again".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return &exitError{code: 1, err: err}
			}
			web, err := testbed.Start(testbed.Options{})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer web.Close()
			db, _ := filepath.Abs(filepath.Join(dir, "certwatch.db"))
			cfgPath := filepath.Join(dir, "demo.yaml")
			if err := os.WriteFile(cfgPath, web.Config(db), 0o644); err != nil {
				return &exitError{code: 1, err: err}
			}
			cfg, err := config.Load(cfgPath)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintf(out, "sample web on %s (%d hosts); configuration %s; database %s\n", web.Addr(), len(web.Resolve()), cfgPath, db)
			if err := sweepWith(cmd.Context(), cfg, sweepOptions{configPath: cfgPath, abandon: true}, out, cmd.ErrOrStderr()); err != nil {
				return err
			}
			st, err := store.Open(db, store.Options{ReadOnly: true})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			cs, err := st.Cases(store.CaseFilter{Limit: 50})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintf(out, "\n%d cases:\n", len(cs))
			for _, c := range cs {
				fmt.Fprintf(out, "  %3d  %-6g %-15s seen %d×  %s\n", c.ID, c.Score, c.Category, c.Sightings, safe(c.URL))
			}
			fmt.Fprintf(out, "\nNext: certwatch cases show ID --config %s\n      certwatch evidence export ID DIR --config %s\n", cfgPath, cfgPath)
			fmt.Fprintln(out, "The review UI comes with issue 4.")
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "demo-data", "where the demo keeps its configuration and database")
	return cmd
}
