//go:build demo

package main

import (
	"fmt"
	"io"

	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

func init() {
	for k, v := range map[string]struct{ zh, en string }{
		"demo.verdict.title": {"\n仿冒判定（与示例网站的官方页面 %s 比对）：", "\nimitation verdict (compared with the sample web's official page %s):"},
		"demo.verdict.case":  {"  案件 %d  %s：%s，比对得分 %.2f", "  case %d  %s: %s, comparison score %.2f"},
		"demo.verdict.yes":   {"仿冒", "imitation"},
		"demo.verdict.no":    {"未达到仿冒判定", "below the imitation verdict"},
		"demo.verdict.none":  {"  案件 %d  %s：没有比对结果", "  case %d  %s: not compared"},
		"demo.verdict.shots": {"      截图：本案页面%s，官方页面%s", "      screenshots: this page %s, the official page %s"},
		"demo.shot.yes":      {"有", "yes"},
		"demo.shot.no":       {"无", "none"},
		"demo.verdict.sum": {"  %d 个仿冒网站案件中，%d 个有页面截图，%d 个有官方页面截图（案件页并排显示两者；静态抓取的仿冒网站也由浏览器截图）",
			"  %d imitation cases: %d with the page's screenshot, %d with the official page's (shown side by side on the case page; imitation sites fetched statically are screenshotted too)"},
	} {
		messages[k] = v
	}
}

// printImitationVerdicts shows, for the sample web's imitation sites, the
// verdict against the official reference pages and its reasons (issue 14
// part 2), whether the case has the page's screenshot and the official
// page's (issue 13 defect 5), and how many of them do.
func printImitationVerdicts(out io.Writer, l lang, st *store.Store, cs []store.Case) {
	fmt.Fprintln(out, l.msg("demo.verdict.title", testbed.HostOfficial))
	n, pageShots, refShots := 0, 0, 0
	defer func() { fmt.Fprintln(out, l.msg("demo.verdict.sum", n, pageShots, refShots)) }()
	for _, c := range cs {
		if c.Category != testbed.CategoryImitationSite {
			continue
		}
		n++
		page := false
		if snaps, err := st.Snapshots(c.ID); err == nil && len(snaps) > 0 {
			page = snaps[len(snaps)-1].ScreenshotSHA256 != ""
		}
		if page {
			pageShots++
		}
		var f *finding.Finding
		full, err := st.Case(c.ID) // a listing leaves the finding out
		if err == nil {
			f, err = finding.Decode(full.Finding)
		}
		if err != nil || f.Imitation == nil || len(f.Imitation.Verdict) == 0 {
			fmt.Fprintln(out, l.msg("demo.verdict.none", c.ID, safe(c.URL)))
			continue
		}
		yes := l.msg("demo.verdict.no")
		if f.Imitation.VerdictImitation {
			yes = l.msg("demo.verdict.yes")
		}
		fmt.Fprintln(out, l.msg("demo.verdict.case", c.ID, safe(c.URL), yes, f.Imitation.VerdictScore))
		ref := len(f.Imitation.ReferenceShot) > 0
		if ref {
			refShots++
		}
		fmt.Fprintln(out, l.msg("demo.verdict.shots", hasShot(l, page), hasShot(l, ref)))
		for _, r := range f.Imitation.Verdict {
			fmt.Fprintln(out, "      - "+safe(r))
		}
	}
}

func hasShot(l lang, b bool) string {
	if b {
		return l.msg("demo.shot.yes")
	}
	return l.msg("demo.shot.no")
}
