package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/discover/ctlog"
	"github.com/certwatch/certwatch/discover/lookalike"
	"github.com/certwatch/certwatch/rules"
)

type ctlogOptions struct {
	logs      []string
	keys      []string
	statePath string
	head      bool
	max       int64
	batch     int64
	timeout   time.Duration
	maxBytes  int64
	allow     []string
	jsonOut   bool
}

func init() {
	// The Chinese help lives beside the command, not in help_zh.go.
	helpZH["certwatch ctlog"] = helpText{"从证书透明度（CT）日志中查找仿冒官方查询网址的新域名", `从保存的位置起轮询配置的证书透明度日志（RFC 6962 的 get-sth 与 get-entries），
读取新证书和预证书中的域名（SAN 与 CN），按仿冒规则与官方查询网址比对：仿冒域名候选
（与 lookalike 命令相同的生成规则）、嵌入官方网址的域名（如 cx.mem.gov.cn.example.com）、
同时含主管部门词与查询词的域名（如 yingji-zhengshu-chaxun.top）。
不给 HOST 时使用内置规则包中的官方查询网址。每次轮询的条目数、单次请求的时间和响应大小
都有上限；每次树规模增长都用 get-sth-consistency 证明新树延续旧树，给出 --key 时校验树头
签名。日志返回乱码、截断的条目、树规模倒退、改写历史或返回条目数不符时会记录错误类型并
继续其他日志。用 --state FILE 保存每个日志的位置和最近的树头（JSON）。`}
	for k, v := range map[string]string{
		"certwatch ctlog --log":           "CT 日志地址（可重复，例如 https://ct.example/logs/2026/）",
		"certwatch ctlog --key":           "与 --log 一一对应的日志公钥（base64 DER），给出时校验树头签名",
		"certwatch ctlog --state":         "JSON 状态文件：从保存的位置继续，结束后写回",
		"certwatch ctlog --start-at-head": "首次轮询（无保存位置）时从日志当前末尾开始，而不是从 0 开始",
		"certwatch ctlog --max-entries":   "每个日志每次轮询最多读取的条目数（至多 1000000）",
		"certwatch ctlog --batch":         "每次 get-entries 请求的条目数（至多 1024）",
		"certwatch ctlog --timeout":       "单次 HTTP 请求的超时",
		"certwatch ctlog --max-bytes":     "单个响应的最大字节数",
		"certwatch ctlog --allow":         "从不报告的注册域名（合法的聚合站点，可重复）",
		"certwatch ctlog --json":          "输出 JSON 而不是文本",
	} {
		flagZH[k] = v
	}
}

func newCTLogCmd() *cobra.Command {
	var o ctlogOptions
	cmd := &cobra.Command{
		Use:   "ctlog --log URL... [--state FILE] [HOST...]",
		Short: "Find lookalike names of official query hosts in Certificate Transparency logs",
		Long: `Poll the configured Certificate Transparency logs (RFC 6962 get-sth and
get-entries) from the saved position, read the DNS names (SAN and CN) of new
certificates and precertificates, and match them against the lookalike rules
of the official query hosts: generated lookalike candidates (as the lookalike
command), names that embed an official host (cx.mem.gov.cn.example.com), and
names holding an issuer word with a query word (yingji-zhengshu-chaxun.top).
Without HOST, the official query hosts of the built-in rule pack are used.
Entries per poll, time per request and response size are bounded; every
growth of a tree is proved with get-sth-consistency, and tree head signatures
are verified with --key. A log that returns garbage, truncated entries, a
shrinking or rewritten tree or the wrong number of entries is recorded with
the kind of error and the other logs go on. With
--state FILE the position and last tree head of each log are kept (JSON).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCTLog(cmd.Context(), cmd.OutOrStdout(), args, o)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.logs, "log", nil, "CT log URL (repeatable)")
	f.StringSliceVar(&o.keys, "key", nil, "log public key (base64 DER), in the order of --log; verifies tree head signatures")
	f.StringVar(&o.statePath, "state", "", "JSON state file: continue from the saved positions, then save")
	f.BoolVar(&o.head, "start-at-head", false, "on the first poll of a log start at its current end instead of 0")
	f.Int64Var(&o.max, "max-entries", 10000, "entries read per log per poll (at most 1000000)")
	f.Int64Var(&o.batch, "batch", 256, "entries per get-entries request (at most 1024)")
	f.DurationVar(&o.timeout, "timeout", 20*time.Second, "timeout of one HTTP request")
	f.Int64Var(&o.maxBytes, "max-bytes", 16<<20, "largest response accepted, in bytes")
	f.StringSliceVar(&o.allow, "allow", nil, "registrable domains never reported (legitimate aggregators)")
	f.BoolVar(&o.jsonOut, "json", false, "print JSON instead of text")
	return cmd
}

func runCTLog(ctx context.Context, out io.Writer, hosts []string, o ctlogOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if len(o.logs) == 0 {
		return &exitError{code: 2, err: errors.New("ctlog: 至少需要一个 --log")}
	}
	if len(o.keys) > len(o.logs) {
		return &exitError{code: 2, err: errors.New("ctlog: --key 多于 --log")}
	}
	if len(hosts) == 0 {
		p, err := rules.Default()
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		if p.Imitation != nil {
			for _, s := range p.Imitation.Sites {
				hosts = append(hosts, s.Hosts...)
			}
		}
	}
	m, err := ctlog.NewMatcher(hosts, lookalike.Options{}, o.allow)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	p := &ctlog.Poller{Matcher: m, UserAgent: "certwatch-ctlog",
		Limits: ctlog.Limits{MaxEntriesPerPoll: o.max, BatchSize: o.batch, RequestTimeout: o.timeout, MaxResponseBytes: o.maxBytes}}
	for i, u := range o.logs {
		l := ctlog.Log{URL: u, StartAtHead: o.head}
		if i < len(o.keys) {
			l.PublicKey = o.keys[i]
		}
		p.Logs = append(p.Logs, l)
	}
	st := ctlog.NewState()
	if o.statePath != "" {
		if st, err = ctlog.LoadStateFile(o.statePath); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	start := time.Now()
	res, err := p.Poll(ctx, st)
	if err != nil && !errors.Is(err, context.Canceled) {
		return &exitError{code: 2, err: err}
	}
	if o.statePath != "" {
		if err := ctlog.SaveStateFile(o.statePath, st); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	if o.jsonOut {
		return json.NewEncoder(out).Encode(res)
	}
	for _, s := range res.Stats {
		fmt.Fprintf(out, "日志 %s：树规模 %d，读取条目 %d–%d（%d 条：证书 %d，预证书 %d，无法解析 %d），域名 %d 个，疑似仿冒 %d 个\n",
			s.Log, s.TreeSize, s.From, s.To, s.Entries, s.Certs, s.Precerts, s.BadLeaves, s.Names, s.Matches)
		for k, n := range s.Errors {
			if k != ctlog.KindBadLeaf {
				fmt.Fprintf(out, "  错误：%s（%d 次）\n", k.Label(), n)
			}
		}
	}
	fmt.Fprintf(out, "用时 %s\n", time.Since(start).Round(time.Millisecond))
	for _, mt := range res.Matches {
		fmt.Fprintf(out, "%s\t%d\t%s\n", mt.Name, mt.Index, mt.Reason())
	}
	if len(res.Errors) > 0 {
		return &exitError{code: 1, err: fmt.Errorf("ctlog: %d 个日志轮询出错", len(res.Errors))}
	}
	return nil
}
