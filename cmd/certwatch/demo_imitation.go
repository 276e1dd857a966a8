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
	} {
		messages[k] = v
	}
}

// printImitationVerdicts shows, for the sample web's imitation sites, the
// verdict against the official reference pages and its reasons (issue 14
// part 2).
func printImitationVerdicts(out io.Writer, l lang, st *store.Store, cs []store.Case) {
	fmt.Fprintln(out, l.msg("demo.verdict.title", testbed.HostOfficial))
	for _, c := range cs {
		if c.Category != testbed.CategoryImitationSite {
			continue
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
		for _, r := range f.Imitation.Verdict {
			fmt.Fprintln(out, "      - "+safe(r))
		}
	}
}
