package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
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
// (query forms) or 请先登录 in their navigation. pn is p's title and text
// as the matcher normalised them (detect.Result's Norm).
func (ms markerSet) wall(p *page.Page, pn *matcher.PageNorm) bool {
	if len(ms.blocked) == 0 || p == nil {
		return false
	}
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
	TroubleMostlyBlocked = "mostly_blocked" // most pages were walls or 401/403/429
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
	// TroubleRobots: robots.txt refused most pages (never requested). It
	// is not "blocked": the site said no to crawlers in general, and the
	// source's ignore_robots decides.
	TroubleRobots = "robots_refused"
	// TroubleMostlyUnchecked: walls and robots.txt refusals together,
	// neither alone, were most pages.
	TroubleMostlyUnchecked = "mostly_unchecked"
	// TroubleLookalikeFailed: the lookalike step (discover.lookalike)
	// failed, or most names it resolved timed out or failed: registered
	// lookalikes may have been missed. Its source is LookalikeSource.
	TroubleLookalikeFailed = "lookalike_failed"
)

// TroubleName is a trouble kind's Chinese name (casework's table), for
// the UI and the digest.
func TroubleName(kind string) string { return casework.SweepTrouble(kind).Name() }

// FailureName is the Chinese name of a failure reason in Counts.Failed
// (a crawler outcome; casework's table), for the UI and the digest.
func FailureName(reason string) string { return casework.FetchOutcome(reason).Name() }

// Trouble is a source that needs a look after a sweep, so that "no
// findings" is never mistaken for "checked and clean".
type Trouble struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Name   string `json:"name"`   // the kind's Chinese name (TroubleName)
	Detail string `json:"detail"` // Chinese, one sentence
}

// Label is the trouble's Chinese name (also for summaries stored before
// Name was).
func (t Trouble) Label() string {
	if t.Name != "" {
		return t.Name
	}
	return TroubleName(t.Kind)
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
		out = append(out, Trouble{Source: src, Kind: kind, Name: TroubleName(kind), Detail: fmt.Sprintf(format, args...)})
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
		switch {
		case 2*c.Robots > c.Attempted:
			add(src.ID, TroubleRobots, "%d 个页面中 %d 个被网站的 robots.txt 禁止抓取（未访问），成功抓取 %d 个：如确需检查，可为该来源设置 ignore_robots",
				c.Attempted, c.Robots, c.Fetched)
		case c.Fetched == 0:
			add(src.ID, TroubleNothingLoaded, "尝试 %d 个页面，一个也没有抓取成功（失败 %d，被拦截 %d，robots.txt 禁止 %d）", c.Attempted, failed, c.Blocked, c.Robots)
		case 2*c.Blocked > c.Attempted:
			add(src.ID, TroubleMostlyBlocked, "%d 个页面中 %d 个被拦截（登录、验证码或 401/403/429），发现结果不可靠", c.Attempted, c.Blocked)
		case 2*(c.Blocked+c.Robots) > c.Attempted:
			add(src.ID, TroubleMostlyUnchecked, "%d 个页面中 %d 个被拦截（登录、验证码或 401/403/429），%d 个被 robots.txt 禁止抓取，合计过半，发现结果不可靠",
				c.Attempted, c.Blocked, c.Robots)
		case 2*failed > c.Attempted:
			add(src.ID, TroubleMostlyFailed, "%d 个页面中 %d 个抓取失败", c.Attempted, failed)
		}
		if c.Fetched == 0 {
			continue // nothing to compare with the previous sweep
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
	if l := sum.Lookalike; l != nil && (l.Err != "" || 2*(l.Timeouts+l.Failed) > l.Names) {
		add(LookalikeSource, TroubleLookalikeFailed, "仿冒域名核查：%d 个域名中 %d 个解析超时、%d 个解析失败%s：已注册的仿冒域名可能漏检，请检查 discover.lookalike 的 resolver 设置",
			l.Names, l.Timeouts, l.Failed, lookalikeErrDetail(l.Err))
	}
	out = append(out, searchTroubles(cfg, sum)...)
	ctHealth(sum, add)
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
