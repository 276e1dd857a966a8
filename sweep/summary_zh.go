package sweep

import (
	"fmt"
	"io"
	"strings"
)

// PrintChinese writes the summary for people in Chinese, the same lines as
// Print; categoryName names a category (nil: its id).
func (s *Summary) PrintChinese(w io.Writer, categoryName func(string) string) {
	if categoryName == nil {
		categoryName = func(c string) string { return c }
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.Total
	fmt.Fprintf(w, "第 %d 次巡查：尝试抓取 %d 个页面，成功 %d，失败 %d，robots.txt 禁止 %d，被拦截 %d，已截断 %d，浏览器渲染 %d\n",
		s.Sweep, t.Attempted, t.Fetched, sum(t.Failed), t.Robots, t.Blocked, t.Truncated, t.Rendered)
	if t.AutoStatic > 0 || t.RenderFallback > 0 {
		fmt.Fprintf(w, "  按需渲染：%d 页无需渲染，%d 页渲染失败改用静态内容\n", t.AutoStatic, t.RenderFallback)
	}
	if t.Screenshots > 0 || t.ScreenshotsFailed > 0 {
		fmt.Fprintf(w, "  证据截图：成功 %d，失败 %d\n", t.Screenshots, t.ScreenshotsFailed)
	}
	if t.IgnoredRobots > 0 {
		fmt.Fprintf(w, "  按来源设置（ignore_robots）未遵守 robots.txt 的页面：%d\n", t.IgnoredRobots)
	}
	if t.BlockedAddress > 0 {
		fmt.Fprintf(w, "  拒绝了 %d 个请求：禁止访问的内网地址（allow_internal 可对指定主机或网段放行）\n", t.BlockedAddress)
	}
	if len(t.Failed) > 0 {
		var parts []string
		for _, k := range sortedKeys(t.Failed) {
			parts = append(parts, fmt.Sprintf("%s %d", FailureName(k), t.Failed[k]))
		}
		fmt.Fprintf(w, "  失败原因：%s\n", strings.Join(parts, "，"))
	}
	var f []string
	for _, k := range sortedKeys(s.Findings) {
		f = append(f, fmt.Sprintf("%s %d", categoryName(k), s.Findings[k]))
	}
	if len(f) == 0 {
		f = []string{"无"}
	}
	fmt.Fprintf(w, "  发现：%s\n", strings.Join(f, "，"))
	s.printQR(w, true)
	s.printLookalike(w, true)
	s.printSearch(w, true)
	s.printCT(w, true)
	s.printWatch(w, true)
	fmt.Fprintf(w, "  案件：新增 %d，再次发现 %d，内容有变化（新快照）%d\n", s.NewCases, s.SeenAgain, s.NewVersions)
	for _, st := range s.sourcesInOrder() {
		fmt.Fprintf(w, "  来源 %-12s 【%s】", st.Source, st.Label())
		if c := s.BySource[st.Source]; c != nil {
			fmt.Fprintf(w, "：尝试 %d，成功 %d，失败 %d，robots.txt 禁止 %d，被拦截 %d，已截断 %d，渲染 %d，发现 %d",
				c.Attempted, c.Fetched, sum(c.Failed), c.Robots, c.Blocked, c.Truncated, c.Rendered, c.Findings)
		}
		if st.Detail != "" {
			fmt.Fprintf(w, " —— %s", st.Detail)
		}
		fmt.Fprintln(w)
	}
	for _, tr := range s.Trouble {
		fmt.Fprintf(w, "  需要关注 来源 %s【%s】：%s\n", tr.Source, tr.Label(), tr.Detail)
	}
	for _, k := range sortedKeys(s.Capped) {
		fmt.Fprintf(w, "  来源 %s 达到页数上限：%d 个链接未跟进\n", k, s.Capped[k])
	}
}
