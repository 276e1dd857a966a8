package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/discover/lookalike"
)

type lookalikeOptions struct {
	max         int
	words       []string
	anchors     []string
	resolve     bool
	server      string
	qps         float64
	concurrency int
	timeout     time.Duration
	ns          bool
	statePath   string
	jsonOut     bool
}

func newLookalikeCmd() *cobra.Command {
	var o lookalikeOptions
	cmd := &cobra.Command{
		Use:   "lookalike HOST... [--resolve --dns ADDR --qps N] [--state FILE]",
		Short: "List lookalike domains of official query hosts; with --resolve keep the registered ones",
		Long: `Generate lookalike domains of official certificate-query hosts (omission,
insertion, repetition, keyboard replacement, transposition, homoglyphs and
IDN, hyphenation, joined labels, added words, TLD swaps, imitation gov.cn
suffixes, subdomain tricks) and print them per technique.

With --resolve, each candidate is looked up (A/AAAA, NS with --ns) through
the DNS server --dns (host:port; empty: the first server of /etc/resolv.conf)
at most --qps queries per second and --concurrency at a time, and only the
registered ones are printed. Timeouts are counted apart and are not taken
as unregistered. With --state FILE, the state is read first, only the names
due for a check are resolved, and the state is written back (JSON).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLookalike(cmd.Context(), cmd.OutOrStdout(), args, o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.max, "max", lookalike.DefaultMaxCandidates, "candidates per host (at most 50000)")
	f.StringSliceVar(&o.words, "word", nil, "extra words to add (e.g. the pinyin of the issuer)")
	f.StringSliceVar(&o.anchors, "anchor", nil, "extra domains for subdomain tricks (HOST.<anchor>)")
	f.BoolVar(&o.resolve, "resolve", false, "resolve the candidates and keep the registered ones")
	f.StringVar(&o.server, "dns", "", "DNS server host:port (default: first nameserver of /etc/resolv.conf)")
	f.Float64Var(&o.qps, "qps", 20, "DNS queries per second (at most 1000)")
	f.IntVar(&o.concurrency, "concurrency", 8, "DNS queries in flight (at most 64)")
	f.DurationVar(&o.timeout, "timeout", 2*time.Second, "timeout of one DNS query (at most 30s)")
	f.BoolVar(&o.ns, "ns", false, "also query NS records of registered names")
	f.StringVar(&o.statePath, "state", "", "JSON state file: resolve only names due, then save")
	f.BoolVar(&o.jsonOut, "json", false, "print JSON instead of text")
	return cmd
}

func runLookalike(ctx context.Context, out io.Writer, hosts []string, o lookalikeOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	cands, err := lookalike.GenerateAll(hosts, lookalike.Options{MaxCandidates: o.max, Words: o.words, Anchors: o.anchors})
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if !o.resolve {
		if o.jsonOut {
			return json.NewEncoder(out).Encode(cands)
		}
		counts := lookalike.CountByTechnique(cands)
		fmt.Fprintf(out, "共生成 %d 个仿冒候选域名：\n", len(cands))
		for _, t := range lookalike.Techniques {
			if counts[t] > 0 {
				fmt.Fprintf(out, "  %s：%d\n", t.Label(), counts[t])
			}
		}
		for _, c := range cands {
			fmt.Fprintf(out, "%s\t%s\t%s\n", c.Host, c.Technique.Label(), c.Official)
		}
		return nil
	}

	client, err := lookalike.NewClient(o.server, o.timeout)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	now := time.Now().UTC()
	state := lookalike.NewState(lookalike.Schedule{})
	if o.statePath != "" {
		if state, err = loadLookalikeState(o.statePath); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	state.Add(cands)
	due := state.Due(now, 0)
	res, st, err := lookalike.Resolve(ctx, due, client, lookalike.Limits{
		QPS: o.qps, Concurrency: o.concurrency, NS: o.ns,
	}, func() time.Time { return time.Now().UTC() })
	if err != nil && !errors.Is(err, context.Canceled) {
		return &exitError{code: 1, err: err}
	}
	state.Record(res)
	if o.statePath != "" {
		if err := saveLookalikeState(o.statePath, state); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	kept := lookalike.Keep(res)
	if o.jsonOut {
		return json.NewEncoder(out).Encode(struct {
			Registered []lookalike.Result `json:"registered"`
			Stats      lookalike.Stats    `json:"stats"`
		}{kept, st})
	}
	fmt.Fprintf(out, "检查 %d 个域名（%d 次查询，用时 %s）：已注册 %d，未注册 %d，超时 %d，失败 %d\n",
		st.Names, st.Queries, st.Elapsed.Round(time.Millisecond), st.Registered, st.Unregistered, st.Timeouts, st.Failed)
	for _, r := range kept {
		reason := r.Reason()
		if r.Wildcard {
			reason += "；其主域名对任意子域均有解析（泛解析）"
		}
		fmt.Fprintf(out, "%s\t%s\t%s\n", r.Host, strings.Join(append(append([]string{}, r.Addrs...), r.NS...), ","), reason)
	}
	return nil
}

// loadLookalikeState and saveLookalikeState: the lookalike package's
// state file.
func loadLookalikeState(path string) (*lookalike.State, error) {
	return lookalike.LoadStateFile(path, lookalike.Schedule{})
}

func saveLookalikeState(path string, st *lookalike.State) error {
	return lookalike.SaveStateFile(path, st)
}
