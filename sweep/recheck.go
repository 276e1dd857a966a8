package sweep

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
)

// RecheckItem is one noticed URL to check again.
type RecheckItem struct {
	CaseID uint64
	URL    string
	// SourceID is the source the case came from: its render and robots
	// settings apply, as in a sweep ("" for none: a static fetch that
	// obeys robots.txt).
	SourceID string
	// ContentKey is the content key of the snapshot the notice named.
	ContentKey string
	// Contacts are the decoded contact values of the noticed finding
	// (13812345678, antu-zheng88); the result says which are still there.
	Contacts []string
}

// The verdict of a removal check is a casework.Outcome. Recheck never
// returns casework.OutcomeRelisted: that the same seller or text appeared
// elsewhere takes the database, so the caller decides it (with
// RecheckResult.Contacts). casework.OutcomeBlocked covers a login wall,
// captcha, 401/403/429 or robots.txt keeping the checker out;
// casework.OutcomeFailed a check that could not tell (timeout, 5xx,
// network): check again next round.

// RecheckResult is the verdict on one RecheckItem, with the response as
// fetched so the caller can keep it as evidence of the check.
type RecheckResult struct {
	CaseID   uint64           `json:"case_id"`
	URL      string           `json:"url"`
	FinalURL string           `json:"final_url,omitempty"` // after redirects
	Outcome  casework.Outcome `json:"outcome"`
	Status   int              `json:"status,omitempty"` // HTTP status; 0 without a response
	// Detail is one short Chinese sentence for the review UI, such as
	// "返回 404，页面已删除" or "内容仍匹配规则（得分 14），与通知时相同".
	Detail string `json:"detail"`
	// Marker is the removal marker that decided the outcome, as the rule
	// pack writes it ("" when none did).
	Marker string `json:"marker,omitempty"`
	// Error is the fetch error (English, for logs); "" when a response was
	// classified.
	Error     string    `json:"error,omitempty"`
	CheckedAt time.Time `json:"checked_at"` // when the response came; zero when the check never ran

	// The re-fetched page as the matcher saw it (status 200 pages only).
	Title      string           `json:"title,omitempty"`
	Flagged    bool             `json:"flagged"`
	Score      float64          `json:"score"`
	Category   string           `json:"category,omitempty"`
	Finding    *matcher.Finding `json:"finding,omitempty"`
	ContentKey string           `json:"content_key,omitempty"`
	// SameContent: ContentKey equals the noticed snapshot's.
	SameContent bool `json:"same_content"`
	// Contacts are the decoded contacts the matcher found on the page
	// (only on pages with a candidate term: an empty page has none); the
	// caller uses them to decide casework.OutcomeRelisted.
	Contacts []string `json:"contacts,omitempty"`
	// KeptContacts are the item's contacts still on the page.
	KeptContacts []string `json:"kept_contacts,omitempty"`

	// Evidence of the check, as fetched (see crawler.Result): kept in
	// memory for every item, at most the crawler's MaxBody each, so the
	// caller checks a bounded batch at a time and stores these.
	Header           http.Header `json:"-"`
	Body             []byte      `json:"-"`
	BodySHA256       string      `json:"body_sha256,omitempty"`
	Truncated        bool        `json:"truncated,omitempty"`
	RemoteAddr       string      `json:"remote_addr,omitempty"`
	Rendered         bool        `json:"rendered,omitempty"`
	Screenshot       []byte      `json:"-"`
	ScreenshotSHA256 string      `json:"screenshot_sha256,omitempty"`
}

// interstitialMaxRunes bounds the normalized title and text of a page on
// which a blocked marker counts: login walls, captchas and rate-limit pages
// are short, while long pages mention 登录 or 验证码 in their navigation.
const interstitialMaxRunes = 3000

// loginHints are the words of a login page's host or path: a redirect to
// one, from a URL that was not one, is a login wall.
var loginHints = []string{"login", "logon", "signin", "sign-in", "sign_in", "passport"}

// Recheck fetches every item's URL again, through the Sweeper's Fetcher and
// so with the sweep's politeness (robots.txt, per-host delay and
// parallelism, retries), and classifies each. It needs Matcher and Fetcher;
// Config only to look up item sources, Store not at all.
//
// The results are in item order, one per item. Items with the same URL
// share one fetch (with the first such item's source settings). At most Batch requests (default 64) are handed to the
// fetcher at once, and at most Handlers results (default 4) are scored at
// once. When ctx ends first, Recheck returns ctx's error together with the
// results: checks that finished are complete; the others are
// casework.OutcomeFailed, with a zero CheckedAt and Detail "检查被中断".
//
// Classification, in this order:
//
//	no response:
//	  DNS: the name does not exist (NXDOMAIN)        → removed
//	  robots.txt now disallows the URL               → blocked
//	  timeout, refused, reset, other network errors,
//	  too many redirects, browser failure            → failed
//	  (a host the resolve overrides refuse, with resolve_only, is failed:
//	  that is our configuration, not the site)
//	a status other than 2xx (after redirects):
//	  404, 410, 451                                  → removed
//	  401, 403, 407, 429                             → blocked
//	  5xx and any other status                       → failed
//	2xx but not a page (an image, a PDF …)           → changed
//	2xx page:
//	  the rules flag it                              → live (whatever markers it shows:
//	                                                   the offer is still public)
//	  same content key as the noticed snapshot       → live (only the rules changed)
//	  a removal.gone marker in title or text         → removed
//	  redirected to a login/passport/signin URL      → blocked
//	  redirected to the site's front page            → removed
//	  a removal.blocked marker on a short page       → blocked
//	  otherwise                                      → changed
//
// Markers are the removal sections of the Matcher's packs, normalized like
// terms and looked for in the normalized title and text.
func (s *Sweeper) Recheck(ctx context.Context, items []RecheckItem) ([]RecheckResult, error) {
	d := s.detector()
	if d == nil || s.Fetcher == nil {
		return nil, errors.New("sweep: recheck: the Sweeper needs a Detector (or a Matcher) and a Fetcher")
	}
	results := make([]RecheckResult, len(items))
	byURL := map[string][]int{}
	var reqs []crawler.Request
	for i, it := range items {
		results[i] = RecheckResult{CaseID: it.CaseID, URL: it.URL, Outcome: casework.OutcomeFailed, Detail: "检查被中断"}
		if _, dup := byURL[it.URL]; !dup {
			reqs = append(reqs, s.recheckRequest(it))
		}
		byURL[it.URL] = append(byURL[it.URL], i)
	}
	if len(reqs) == 0 {
		return results, ctx.Err()
	}
	log := s.Log
	if log == nil {
		log = slog.Default()
	}
	markers := removalMarkers(d.Matcher())
	inFlight := s.Batch
	if inFlight <= 0 {
		inFlight = 64
	}
	workers := s.Handlers
	if workers <= 0 {
		workers = 4
	}

	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan crawler.Request)
	out := make(chan *crawler.Result)
	go s.Fetcher.Run(fctx, in, out)
	slots := make(chan struct{}, inFlight)
	go func() {
		defer close(in)
		for _, r := range reqs {
			select {
			case slots <- struct{}{}:
			case <-fctx.Done():
				return
			}
			select {
			case in <- r:
			case <-fctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	busy := make(chan struct{}, workers)
	for res := range out {
		select {
		case <-slots:
		default: // a fetcher answering more than it was asked: ignore the count
		}
		idx := byURL[res.Request.URL]
		if len(idx) == 0 || (ctx.Err() != nil && res.Outcome == crawler.OutcomeTimeout) {
			continue // unknown, or cut short by the caller: stays "interrupted"
		}
		busy <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-busy }()
			for _, i := range idx {
				results[i] = classify(items[i], res, d, markers)
				log.Info("recheck", "case", items[i].CaseID, "url", items[i].URL,
					"outcome", results[i].Outcome, "status", results[i].Status)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return results, fmt.Errorf("sweep: recheck: %w", err)
	}
	return results, nil
}

// recheckRequest is the request for an item, with its source's settings.
func (s *Sweeper) recheckRequest(it RecheckItem) crawler.Request {
	req := crawler.Request{URL: it.URL, SourceID: it.SourceID}
	if s.Config != nil && it.SourceID != "" {
		if src := s.Config.Source(it.SourceID); src != nil {
			req.Render = src.Render
			req.RenderAuto = src.RenderAuto
			// A recheck is evidence: rendered, it keeps images and
			// takes the screenshot (see crawler.Request.Evidence).
			req.Evidence = true
			req.IgnoreRobots = src.IgnoreRobots
		}
	}
	return req
}

// marker is a removal marker as the pack writes it and normalized.
type marker struct{ text, norm string }

type markerSet struct{ gone, blocked []marker }

// removalMarkers collects the removal markers of every pack of m.
func removalMarkers(m *matcher.Matcher) markerSet {
	var ms markerSet
	add := func(dst *[]marker, list []string) {
		for _, t := range list {
			n := matcher.NormalizeString(t)
			if n == "" || slices.ContainsFunc(*dst, func(x marker) bool { return x.norm == n }) {
				continue
			}
			*dst = append(*dst, marker{text: t, norm: n})
		}
	}
	for _, p := range m.Packs() {
		add(&ms.gone, p.Removal.Gone)
		add(&ms.blocked, p.Removal.Blocked)
	}
	return ms
}

func findMarker(ms []marker, normText string) (marker, bool) {
	for _, mk := range ms {
		if strings.Contains(normText, mk.norm) {
			return mk, true
		}
	}
	return marker{}, false
}

// classify decides one item from its fetch (see Recheck for the table).
func classify(it RecheckItem, res *crawler.Result, d *detect.Detector, ms markerSet) RecheckResult {
	r := RecheckResult{
		CaseID: it.CaseID, URL: it.URL, FinalURL: res.FinalURL, Status: res.Status, CheckedAt: res.FetchedAt,
		Header: res.Header, Body: res.Body, BodySHA256: res.BodySHA256, Truncated: res.Truncated,
		RemoteAddr: res.RemoteAddr, Rendered: res.Rendered, Screenshot: res.Screenshot, ScreenshotSHA256: res.ScreenshotSHA,
	}
	if res.Err != nil {
		r.Error = res.Err.Error()
	}
	set := func(o casework.Outcome, detail string) RecheckResult {
		r.Outcome, r.Detail = o, detail
		return r
	}
	code := strconv.Itoa(res.Status)
	switch res.Outcome {
	case crawler.OutcomeOK:
		if res.Page == nil {
			return set(casework.OutcomeFailed, "未取得页面内容，下轮重查")
		}
		return classifyPage(r, it, res.Page, d, ms)
	case crawler.OutcomeHTTPError:
		switch {
		case res.Status == http.StatusNotFound:
			return set(casework.OutcomeRemoved, "返回 404，页面已删除")
		case res.Status == http.StatusGone:
			return set(casework.OutcomeRemoved, "返回 410，页面已永久删除")
		case res.Status == http.StatusUnavailableForLegalReasons:
			return set(casework.OutcomeRemoved, "返回 451，页面因法律原因已屏蔽")
		case res.Status == http.StatusUnauthorized || res.Status == http.StatusProxyAuthRequired:
			return set(casework.OutcomeBlocked, "返回 "+code+"，需要登录才能查看")
		case res.Status == http.StatusForbidden:
			return set(casework.OutcomeBlocked, "返回 403，网站拒绝访问")
		case res.Status == http.StatusTooManyRequests:
			return set(casework.OutcomeBlocked, "返回 429，访问过于频繁被限制")
		case res.Status >= 500:
			return set(casework.OutcomeFailed, "返回 "+code+"，网站暂时出错，下轮重查")
		}
		return set(casework.OutcomeFailed, "返回 "+code+"，无法判断，下轮重查")
	case crawler.OutcomeNetwork:
		var dnsErr *net.DNSError
		switch {
		case errors.As(res.Err, &dnsErr) && dnsErr.IsNotFound:
			return set(casework.OutcomeRemoved, "域名已无法解析，网站已关闭")
		case errors.Is(res.Err, crawler.ErrHostNotResolvable):
			return set(casework.OutcomeFailed, "该网站不在解析白名单内，未访问")
		case errors.Is(res.Err, crawler.ErrBadURL):
			return set(casework.OutcomeFailed, "网址无效，无法访问")
		}
		return set(casework.OutcomeFailed, "无法连接网站，下轮重查")
	case crawler.OutcomeBlockedAddress:
		return set(casework.OutcomeFailed, "网址或其跳转指向禁止访问的内网地址，未访问（如确需访问，请在配置 allow_internal 中列出）")
	case crawler.OutcomeTimeout:
		return set(casework.OutcomeFailed, "访问超时，下轮重查")
	case crawler.OutcomeRobots:
		return set(casework.OutcomeBlocked, "robots.txt 禁止抓取此页")
	case crawler.OutcomeTooManyRedirs:
		return set(casework.OutcomeFailed, "重定向次数过多，下轮重查")
	case crawler.OutcomeRenderFailed:
		return set(casework.OutcomeFailed, "浏览器渲染失败，下轮重查")
	case crawler.OutcomeNotHTML:
		if res.Status >= 200 && res.Status < 300 && errors.Is(res.Err, crawler.ErrNotPage) {
			mt := strings.TrimSpace(strings.SplitN(res.Header.Get("Content-Type"), ";", 2)[0])
			if mt == "" {
				mt = "未知类型"
			}
			return set(casework.OutcomeChanged, "页面已换成非网页内容（"+mt+"）")
		}
		return set(casework.OutcomeFailed, "内容无法解码，下轮重查")
	}
	return set(casework.OutcomeFailed, "检查失败，下轮重查")
}

// classifyPage decides a 2xx page.
func classifyPage(r RecheckResult, it RecheckItem, p *page.Page, det *detect.Detector, ms markerSet) RecheckResult {
	dr := det.Examine(p)
	f := dr.Finding
	r.Title = p.Title
	r.Flagged, r.Score, r.Finding = f.Flagged, f.Score, f
	if f.Flagged {
		r.Category = f.Category
	}
	r.ContentKey = dr.ContentKey()
	r.SameContent = it.ContentKey != "" && r.ContentKey == it.ContentKey
	norm := dr.Norm.Text
	for _, c := range f.Contacts {
		if !slices.Contains(r.Contacts, c.Value) {
			r.Contacts = append(r.Contacts, c.Value)
		}
	}
	var squeezed string
	for _, c := range it.Contacts {
		sc := squeeze(c)
		if sc == "" {
			continue
		}
		if squeezed == "" {
			squeezed = squeeze(norm)
		}
		if slices.Contains(r.Contacts, c) || strings.Contains(squeezed, sc) {
			r.KeptContacts = append(r.KeptContacts, c)
		}
	}
	score := strconv.FormatFloat(f.Score, 'f', -1, 64)
	// still says what flags the page now: the rules (with their score) or
	// the model alone (with its probability).
	still := "内容仍匹配规则（得分 " + score + "）"
	if f.Channel == matcher.ChannelModel && f.Model != nil {
		still = "内容仍被模型判为违规（概率 " + strconv.FormatFloat(f.Model.Probability, 'f', 2, 64) + "，规则得分 " + score + "）"
	}
	gone, isGone := findMarker(ms.gone, norm)
	set := func(o casework.Outcome, detail string) RecheckResult {
		r.Outcome, r.Detail = o, detail
		return r
	}
	if f.Flagged || r.SameContent {
		var d string
		switch {
		case !f.Flagged:
			d = "内容与通知时相同（按当前规则得分 " + score + "）"
		case r.SameContent:
			d = still + "，与通知时相同"
		case it.ContentKey != "":
			d = still + "，内容有改动"
		default:
			d = still
		}
		if isGone {
			d += "；页面虽显示“" + gone.text + "”，内容仍可见"
		}
		return set(casework.OutcomeLive, d)
	}
	if isGone {
		r.Marker = gone.text
		return set(casework.OutcomeRemoved, "页面显示“"+gone.text+"”")
	}
	if loginRedirect(it.URL, r.FinalURL) {
		return set(casework.OutcomeBlocked, "跳转到登录页，需要登录才能查看")
	}
	if homeRedirect(it.URL, r.FinalURL) {
		return set(casework.OutcomeRemoved, "已跳转到网站首页，原页面已不存在")
	}
	if utf8.RuneCountInString(norm) <= interstitialMaxRunes {
		if mk, ok := findMarker(ms.blocked, norm); ok {
			r.Marker = mk.text
			return set(casework.OutcomeBlocked, "页面显示“"+mk.text+"”，无法查看内容")
		}
	}
	d := "内容已修改，不再匹配规则（得分 " + score + "）"
	if len(r.KeptContacts) > 0 {
		d += "，但仍留有原联系方式 " + strings.Join(r.KeptContacts, "、")
	}
	return set(casework.OutcomeChanged, d)
}

// squeeze keeps only the letters and digits of normalized s, so that a
// contact written as 139 0013 9000 or antu-zheng88 is found as decoded.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, matcher.NormalizeString(s))
}

// loginRedirect reports whether a fetch of orig ended on a login page's
// URL (by its host or path) although orig was not one.
func loginRedirect(orig, final string) bool {
	isLogin := func(raw string) bool {
		u, err := url.Parse(raw)
		if err != nil {
			return false
		}
		s := strings.ToLower(u.Hostname() + u.EscapedPath())
		for _, h := range loginHints {
			if strings.Contains(s, h) {
				return true
			}
		}
		return false
	}
	return final != "" && final != orig && isLogin(final) && !isLogin(orig)
}

// homeRedirect reports whether a fetch of orig, a page below the front
// page, was redirected to the front page of the same site.
func homeRedirect(orig, final string) bool {
	o, err1 := url.Parse(orig)
	f, err2 := url.Parse(final)
	if err1 != nil || err2 != nil || final == "" {
		return false
	}
	root := func(u *url.URL) bool { return (u.Path == "" || u.Path == "/") && u.RawQuery == "" }
	site := func(u *url.URL) string { return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") }
	return !root(o) && root(f) && site(o) == site(f)
}
