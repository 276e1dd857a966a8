package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/browser"
	"github.com/certwatch/certwatch/discover/imitation"
	"github.com/certwatch/certwatch/rules"
)

func init() {
	for k, v := range map[string]struct{ zh, en string }{
		"imitation.eval.summary": {"共 %d 个页面、%d 个官方参考页面：精确率 %.3f，召回率 %.3f（TP %d，FP %d，FN %d，TN %d）",
			"%d pages, %d official reference pages: precision %.3f, recall %.3f (TP %d, FP %d, FN %d, TN %d)"},
		"imitation.eval.time":        {"比对用时 %s（平均每页 %s），总用时 %s，渲染 %d 页", "verdicts took %s (%s a page), %s in all, %d pages rendered"},
		"imitation.eval.kinds":       {"\n按类型：\n标注\t类型\t页面数\t判对", "\nby kind:\nLABEL\tKIND\tPAGES\tCORRECT"},
		"imitation.eval.misses":      {"\n漏报（标注为仿冒，判为非仿冒）：%d", "\nmisses (labelled imitation, judged not): %d"},
		"imitation.eval.alarms":      {"\n误报（标注为合法，判为仿冒）：%d", "\nfalse alarms (labelled legitimate, judged imitation): %d"},
		"imitation.eval.page":        {"  %s（%s，类型 %s，得分 %.2f）", "  %s (%s, kind %s, score %.2f)"},
		"imitation.eval.noreason":    {"    （没有理由）", "    (no reasons)"},
		"imitation.eval.render":      {"    渲染失败：%s", "    not rendered: %s"},
		"imitation.label.imitation":  {"仿冒", "imitation"},
		"imitation.label.legitimate": {"合法", "legitimate"},
	} {
		messages[k] = v
	}
}

func newImitationCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "imitation",
		Short: "Imitation query sites: evaluate the verdict against official reference pages",
	}
	var render, jsonOut bool
	var chromium string
	eval := &cobra.Command{
		Use:   "eval DIR [--render]",
		Short: "Measure the imitation verdict on labelled pages: precision, recall, per-kind counts, misses and false alarms",
		Long: `Judge every page DIR/labels.jsonl lists ({"file":"pages/x.html","url":"https://host/path",
"label":"imitation"|"legitimate","kind":"..."}) against the official reference pages of
DIR/reference (references.jsonl: {"file":"reference/cx.html","url":"https://cx.mem.gov.cn/"}),
and print precision, recall, the counts per kind and each miss and false alarm with its reasons.
With --render each page and reference is rendered in Chromium (served from DIR by a server on
127.0.0.1; every other host is unreachable) to add the perceptual hash of its screenshot.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImitationEval(cmd.Context(), cmd.OutOrStdout(), langOf(cmd), args[0], render, chromium, jsonOut)
		},
	}
	f := eval.Flags()
	f.BoolVar(&render, "render", false, "render each page in Chromium to compare screenshots")
	f.StringVar(&chromium, "chromium", "", "Chromium's path (default: chromium on PATH)")
	f.BoolVar(&jsonOut, "json", false, "print JSON instead of text")
	cmd.AddCommand(eval)
	return cmd
}

func runImitationEval(ctx context.Context, out io.Writer, l lang, dir string, render bool, chromium string, jsonOut bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	p, err := rules.Default()
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	o := imitation.EvalOptions{}
	if p.Imitation != nil {
		o.IsOfficial, o.Issuers, o.Sponsor = p.Imitation.IsOfficialHost, p.Imitation.Agencies, p.Imitation.CopyrightPattern
	}
	if render {
		r, stop, err := dirRenderer(dir, chromium)
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		defer stop()
		o.Render = r
	}
	rep, err := imitation.Evaluate(ctx, dir, o)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if jsonOut {
		return json.NewEncoder(out).Encode(rep)
	}
	per := time.Duration(0)
	if rep.Pages > 0 {
		per = rep.VerdictTime / time.Duration(rep.Pages)
	}
	fmt.Fprintln(out, l.msg("imitation.eval.summary", rep.Pages, rep.References, rep.Precision, rep.Recall, rep.TP, rep.FP, rep.FN, rep.TN))
	fmt.Fprintln(out, l.msg("imitation.eval.time", rep.VerdictTime.Round(time.Microsecond), per.Round(time.Microsecond), rep.TotalTime.Round(time.Millisecond), rep.Rendered))
	fmt.Fprintln(out, l.msg("imitation.eval.kinds"))
	for _, k := range rep.Kinds {
		label := l.msg("imitation.label.legitimate")
		if k.Label == imitation.LabelImitation {
			label = l.msg("imitation.label.imitation")
		}
		fmt.Fprintf(out, "%s\t%s\t%d\t%d\n", label, k.Kind, k.Pages, k.Correct)
	}
	list := func(head string, os []imitation.Outcome) {
		fmt.Fprintln(out, head)
		for _, x := range os {
			fmt.Fprintln(out, l.msg("imitation.eval.page", x.File, x.URL, x.Kind, x.Result.Score))
			if len(x.Result.Reasons) == 0 {
				fmt.Fprintln(out, l.msg("imitation.eval.noreason"))
			}
			for _, r := range x.Result.Reasons {
				fmt.Fprintf(out, "    - %s (%+.2f)\n", r.Text, r.Weight)
			}
			if x.RenderErr != "" {
				fmt.Fprintln(out, l.msg("imitation.eval.render", x.RenderErr))
			}
		}
	}
	list(l.msg("imitation.eval.misses", len(rep.Misses)), rep.Misses)
	list(l.msg("imitation.eval.alarms", len(rep.FalseAlarms)), rep.FalseAlarms)
	return nil
}

// dirRenderer serves dir on 127.0.0.1 and renders its files in Chromium,
// which reaches no other host.
func dirRenderer(dir, chromium string) (imitation.Renderer, func(), error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	fsrv := http.FileServerFS(os.DirFS(abs))
	srv := &http.Server{Handler: fsrv, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	pool, err := browser.New(browser.Options{Chromium: chromium, Tabs: 1, Network: func() ([]chromedp.ExecAllocatorOption, error) {
		return []chromedp.ExecAllocatorOption{chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")}, nil
	}})
	if err != nil {
		_ = srv.Close()
		return nil, nil, err
	}
	base := "http://" + ln.Addr().String() + "/"
	r := func(ctx context.Context, file string) ([]byte, error) {
		var png []byte
		err := pool.Tab(ctx, 20*time.Second, func(tab context.Context) error {
			if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 960)); err != nil {
				return err
			}
			if err := chromedp.Do(tab, chromedp.Navigate(base+strings.TrimPrefix(filepath.ToSlash(file), "/"))); err != nil {
				return err
			}
			var err error
			png, err = chromedp.Run(tab, chromedp.CaptureScreenshot())
			return err
		})
		return png, err
	}
	stop := func() {
		_ = pool.Close()
		_ = srv.Close()
	}
	return r, stop, nil
}
