package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
)

// blockedStatus: answers that mean "you may not look", not "not here".
func blockedStatus(status int) bool {
	return status == 401 || status == 403 || status == 407 || status == 429
}

// wall reports whether a fetched page is a login wall, captcha or
// rate-limit page: a removal.blocked marker of the rule packs in its
// title, or in a text of at most wallMaxRunes. The bound is tighter than
// the removal check's: a sweep meets ordinary pages with a 验证码 field
// (query forms) or 请先登录 in their navigation.
func (ms markerSet) wall(p *page.Page) bool {
	if len(ms.blocked) == 0 || p == nil {
		return false
	}
	pn := matcher.PageNormalized(p) // the matcher's, when it has read the page
	if _, ok := findMarker(ms.blocked, pn.Title()); ok && strings.TrimSpace(p.Title) != "" {
		return true
	}
	norm := pn.Body()
	if utf8.RuneCountInString(norm) > wallMaxRunes {
		return false
	}
	_, ok := findMarker(ms.blocked, norm)
	return ok
}

// wallMaxRunes bounds the text of a page counted as a wall by its text.
const wallMaxRunes = 120

// Trouble kinds.
const (
	TroubleNotChecked    = "not_checked"    // nothing attempted
	TroubleNothingLoaded = "nothing_loaded" // attempted, nothing fetched
	TroubleMostlyBlocked = "mostly_blocked" // most pages were walls, 401/403/429 or robots refusals
	TroubleMostlyFailed  = "mostly_failed"  // most attempts failed (timeouts, errors, render failures)
	TroubleWentQuiet     = "went_quiet"     // findings last time, none now
	TroubleShrank        = "shrank"         // far fewer pages fetched than last time
	// TroubleBlockedAddress: pages of the source led to internal
	// addresses (redirects, refreshes, scripts, subresources), which were
	// refused: a hostile page probing the networks certwatch runs in, or
	// a host that needs allow_internal.
	TroubleBlockedAddress = "blocked_address"
	// TroubleRenderFailed: pages that needed the browser could not be
	// rendered (render: auto kept their static fetch, whose script-built
	// content is missing), or flagged pages got no evidence screenshot.
	TroubleRenderFailed = "render_failed"
)

// TroubleNames are the kinds' Chinese names, for the UI and the digest.
var TroubleNames = map[string]string{
	TroubleNotChecked:    "未检查",
	TroubleNothingLoaded: "全部抓取失败",
	TroubleMostlyBlocked: "大部分被拦截",
	TroubleMostlyFailed:  "大部分抓取失败",
	TroubleWentQuiet:     "突然没有发现",
	TroubleShrank:        "抓取量骤减",

	TroubleBlockedAddress: "禁止访问的内网地址",
	TroubleRenderFailed:   "浏览器渲染失败",
}

// FailureNames are the Chinese names of the failure reasons in
// Counts.Failed (crawler outcomes), for the UI and the digest.
var FailureNames = map[string]string{
	"http_error":      "HTTP 错误",
	"timeout":         "超时",
	"network":         "网络错误",
	"redirect_limit":  "重定向过多",
	"render_failed":   "渲染失败",
	"not_html":        "非网页内容",
	"blocked_address": "禁止访问的内网地址",
}

// Trouble is a source that needs a look after a sweep, so that "no
// findings" is never mistaken for "checked and clean".
type Trouble struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Name   string `json:"name"`   // the kind's Chinese name (TroubleNames)
	Detail string `json:"detail"` // Chinese, one sentence
}

// Label is the trouble's Chinese name (also for summaries stored before
// Name was).
func (t Trouble) Label() string {
	if t.Name != "" {
		return t.Name
	}
	return TroubleNames[t.Kind]
}

// Health lists the sources in trouble in sum, comparing with the previous
// finished sweep's summary when there is one (prev may be nil). The
// thresholds: more than half of the attempts blocked (walls, 401/403/429,
// robots.txt) or failed; no finding where the previous sweep had at least
// two; fewer than a third of the previous sweep's fetched pages (when
// that was at least ten). A resumed sweep's counts cover only the part
// after the resume, so the comparisons with the previous sweep are
// skipped for it.
func Health(cfg *config.Config, sum *Summary, prev *Summary) []Trouble {
	var out []Trouble
	add := func(src, kind, format string, args ...any) {
		out = append(out, Trouble{Source: src, Kind: kind, Name: TroubleNames[kind], Detail: fmt.Sprintf(format, args...)})
	}
	for _, src := range cfg.Sources {
		c := sum.BySource[src.ID]
		if c == nil || c.Attempted == 0 {
			if !sum.Resumed && !slices.Contains(sum.SharedSeeds, src.ID) {
				add(src.ID, TroubleNotChecked, "本次巡查没有抓取该来源的任何页面")
			}
			continue
		}
		failed := 0
		for _, n := range c.Failed {
			failed += n
		}
		if c.BlockedAddress > 0 {
			add(src.ID, TroubleBlockedAddress, "%d 个请求指向内网或保留地址（本机、局域网、链路本地等），已拒绝且未发送：网页可能在探测内部网络；如确需访问，请在配置 allow_internal 中列出该主机或网段", c.BlockedAddress)
		}
		if c.RenderFallback > 0 || c.ScreenshotsFailed > 0 {
			add(src.ID, TroubleRenderFailed, "%d 个需要浏览器渲染的页面渲染失败（已改用静态抓取的内容，脚本生成的内容可能漏检），%d 个发现页面未能截取证据截图：请检查浏览器（certwatch config check）",
				c.RenderFallback, c.ScreenshotsFailed)
		}
		walls := c.Blocked + c.Robots
		switch {
		case c.Fetched == 0:
			add(src.ID, TroubleNothingLoaded, "尝试 %d 个页面，一个也没有抓取成功（失败 %d，被拦截 %d）", c.Attempted, failed, walls)
			continue
		case 2*walls > c.Attempted:
			add(src.ID, TroubleMostlyBlocked, "%d 个页面中 %d 个被拦截（登录、验证码、401/403/429 或 robots.txt），发现结果不可靠", c.Attempted, walls)
		case 2*failed > c.Attempted:
			add(src.ID, TroubleMostlyFailed, "%d 个页面中 %d 个抓取失败", c.Attempted, failed)
		}
		if prev == nil || sum.Resumed || prev.Resumed {
			continue
		}
		pc := prev.BySource[src.ID]
		if pc == nil {
			continue
		}
		if pc.Findings >= 2 && c.Findings == 0 {
			add(src.ID, TroubleWentQuiet, "上次巡查有 %d 条发现，本次为 0：可能网站改版、屏蔽了爬虫或规则失效，请人工核查", pc.Findings)
		}
		if pc.Fetched >= 10 && 3*c.Fetched < pc.Fetched {
			add(src.ID, TroubleShrank, "抓取到的页面从上次的 %d 个降到 %d 个", pc.Fetched, c.Fetched)
		}
	}
	return out
}

// previousSummary is the summary of the latest finished sweep before id.
func (s *Sweeper) previousSummary(id uint64) (*Summary, error) {
	sws, err := s.Store.Sweeps(0)
	if err != nil {
		return nil, err
	}
	for _, sw := range sws {
		if sw.ID >= id || sw.Status != store.SweepFinished || len(sw.Stats) == 0 {
			continue
		}
		var sum Summary
		if err := json.Unmarshal(sw.Stats, &sum); err != nil {
			return nil, fmt.Errorf("sweep %d stats: %w", sw.ID, err)
		}
		return &sum, nil
	}
	return nil, errors.New("no earlier finished sweep")
}
