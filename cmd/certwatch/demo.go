//go:build demo

package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// demoAccounts are the accounts the demo creates, one per role, each
// with a password generated for this run (nothing ships with a password).
var demoAccounts = []struct {
	name, display string
	roles         []casework.Role
}{
	{"wangxin", "网信办审核员（演示）", []casework.Role{casework.RoleReviewerCAC}},
	{"shijian", "市场监管审核员（演示）", []casework.Role{casework.RoleReviewerSAMR}},
	{"shenpi", "审批人（演示）", []casework.Role{casework.RoleApprover}},
	{"fenxi", "规则分析员（演示）", []casework.Role{casework.RoleAnalyst}},
	{"guanli", "系统管理员（演示）", []casework.Role{casework.RoleAdmin}},
}

// demoPassword is 16 letters and digits from crypto/rand.
func demoPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func newDemoCmd() *cobra.Command {
	var dir, listen string
	var serve bool
	var takedowns int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Start the sample web on 127.0.0.1, sweep it, then serve the review UI on the findings",
		Long: `Start the sample web (a JavaScript marketplace, a forum, GBK classifieds, an
imitation query site, government and school sites, a news portal, hostile pages)
on 127.0.0.1, write a configuration that reaches it through resolve overrides, run
a sweep with the embedded rules, print the summary and the cases, say for each
page written for issue 11 (offers only the offer grammar, the short-text rule and
decoded contacts catch, and hard negatives) whether the sweep treated it as it
should, create one demo account per
role with a password generated for this run, and serve the review UI until
Ctrl-C. Afterwards the sample marketplace takes some listings down, so a notice
that is sent and checked ("立即复查") shows removals next to live listings.
Nothing leaves this machine. Run it again to see cases "seen again".`,
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
			lg := langOf(cmd)
			fmt.Fprintln(out, lg.msg("demo.web", web.Addr(), len(web.Resolve()), cfgPath, db))
			if err := sweepWith(cmd.Context(), cfg, sweepOptions{configPath: cfgPath, abandon: true}, out, cmd.ErrOrStderr()); err != nil {
				return err
			}
			logins, err := demoSetup(db, web, out, lg)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if !serve {
				fmt.Fprint(out, lg.msg("demo.next", cfgPath))
				return nil
			}
			removed := demoTakedowns(web, takedowns)
			if listen == "" {
				listen = freeListen("127.0.0.1:8080")
			}
			o := serveOptions{configPath: cfgPath, listen: listen, ready: func(url string) {
				fmt.Fprint(out, lg.msg("demo.ui", url))
				for _, l := range logins {
					fmt.Fprintln(out, l)
				}
				fmt.Fprint(out, lg.msg("demo.try", len(removed), strings.Join(removed, " ")))
			}}
			return serveWith(cmd.Context(), cfg, o, out, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "demo-data", "where the demo keeps its configuration and database")
	cmd.Flags().StringVar(&listen, "listen", "", "host:port for the review UI (default 127.0.0.1:8080, or a free port if that is taken)")
	cmd.Flags().BoolVar(&serve, "serve", true, "serve the review UI after the sweep (--serve=false: sweep and exit)")
	cmd.Flags().IntVar(&takedowns, "takedowns", 2, "how many sample marketplace listings are taken down after the sweep")
	return cmd
}

// freeListen returns want if it can be listened on, else a free port on
// the same host.
func freeListen(want string) string {
	ln, err := net.Listen("tcp", want)
	if err == nil {
		ln.Close()
		return want
	}
	host, _, _ := net.SplitHostPort(want)
	return net.JoinHostPort(host, "0")
}

// demoSetup creates (or resets) the demo accounts and prints the cases
// and the issue 11 showcase.
func demoSetup(db string, web *testbed.Web, out io.Writer, l lang) ([]string, error) {
	st, err := store.Open(db, store.Options{})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	cs, err := st.Cases(store.CaseFilter{})
	if err != nil {
		return nil, err
	}
	fmt.Fprint(out, l.msg("demo.cases", len(cs)))
	for i, c := range cs {
		if i == demoCasesShown {
			fmt.Fprintln(out, l.msg("demo.more", len(cs)-i))
			break
		}
		fmt.Fprintln(out, l.msg("demo.case", c.ID, c.Score, c.Category, c.Sightings, safe(c.URL)))
	}
	printShowcase(out, l, web.Showcase(), cs)
	printDiscovered(out, l, st, cs)
	printImitationVerdicts(out, l, st, cs) // demo_imitation.go
	var logins []string
	for _, a := range demoAccounts {
		pw := demoPassword()
		hash, err := review.HashPassword(pw)
		if err != nil {
			return nil, err
		}
		err = st.CreateUser("demo", store.User{Name: a.name, DisplayName: a.display, Roles: a.roles, PasswordHash: hash})
		if errors.Is(err, store.ErrExists) {
			_, err = st.UpdateUser("demo", a.name, store.UserChange{PasswordHash: &hash})
		}
		if err != nil {
			return nil, err
		}
		logins = append(logins, fmt.Sprintf("  %-8s %-18s %s", a.name, pw, a.display))
	}
	return logins, nil
}

// demoCasesShown bounds the case list the demo prints.
const demoCasesShown = 50

// printShowcase says, for each page written for issue 11, whether this
// sweep treated it as it should: the offers only the offer grammar, the
// short-text rule and decoded contacts catch, and the hard negatives.
func printShowcase(out io.Writer, l lang, pages []testbed.Showcase, cs []store.Case) {
	byURL := make(map[string]store.Case, len(cs))
	for _, c := range cs {
		byURL[c.URL] = c
	}
	name := func(cat string) string { return rules.CategoryName(nil, cat) }
	if l == en {
		name = func(cat string) string { return cat }
	}
	fmt.Fprint(out, l.msg("showcase.title"))
	for _, s := range pages {
		want := l.msg("showcase.not.wanted")
		if s.Category != "" {
			want = l.msg("showcase.wanted", name(s.Category))
		}
		got, mark := l.msg("showcase.not.flagged"), "✓"
		c, flagged := byURL[store.CanonicalURL(s.URL)]
		if flagged {
			got = l.msg("showcase.flagged", name(c.Category), c.ID)
		}
		if flagged != (s.Category != "") || flagged && c.Category != s.Category {
			mark = "✗"
		}
		fmt.Fprintln(out, l.msg("showcase.line", mark, want, got, safe(s.URL), s.What))
	}
}

// demoTakedowns takes n flagged marketplace listings down (alternately a
// 404 and a "已下架" page), as if the platform had complied.
func demoTakedowns(web *testbed.Web, n int) []string {
	var done []string
	modes := []testbed.TakedownMode{testbed.GoneNotice, testbed.Gone404}
	var pages []string
	for p := range web.Expected().Flagged {
		pages = append(pages, p)
	}
	slices.Sort(pages)
	for _, p := range pages {
		if len(done) >= n {
			break
		}
		if !strings.Contains(p, "shop.example/item/") {
			continue
		}
		if err := web.TakeDown(p, modes[len(done)%len(modes)]); err == nil {
			done = append(done, p)
		}
	}
	return done
}
