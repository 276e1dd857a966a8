package imitation

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Signals of who runs a page and what it says it is (development set 3:
// legitimate pages that look like query services, imitations that only
// point at one).
const (
	// SignalOperator lowers the score: a body that is not a government
	// one (an association, a school, a company) names itself as the
	// page's operator and says its lookup covers the certificates it
	// issues itself.
	SignalOperator = "operator"
	// SignalEntrance: a link that calls itself the official platform or
	// its entrance leads to a host that is not official (an SEO page's
	// 官网入口 to a form of its own).
	SignalEntrance = "entrance"
	// SignalNational: the page calls itself the national query system of
	// a government certificate; only the issuer runs one.
	SignalNational = "national"
	// SignalSelfIssued: a body that is not a government one says it
	// issues a government certificate itself (本协会颁发的特种作业操作证).
	SignalSelfIssued = "self_issued"
	// SignalArticle clears: a news article or a blog post (a byline with
	// a date) without a form of its own; what it quotes (a result, the
	// official platform's name) is its story, not its service.
	SignalArticle = "article"
)

// Weights of who runs the page.
const (
	wOperator   = -2.0
	wEntrance   = 2.0
	wNational   = 1.0
	wSelfIssued = 1.5
)

// operatorSuffixes end the names of bodies that are not government ones
// and issue certificates of their own; govSuffixes end a government
// body's (a school of a bureau is a school).
var (
	operatorSuffixes = []string{"协会", "学会", "商会", "研究会", "联合会", "学校", "学院", "大学", "培训中心", "研究院", "研究所",
		"有限公司", "公司", "集团", "医院", "驾校"}
	govWords = []string{"人民政府", "人民共和国", "政府", "管理局", "监督局", "监管局", "管理厅", "建设厅", "委员会", "管理部", "建设部", "总局", "应急管理"}
)

// sponsorLine finds an operator named in a sponsor line (主办：某某协会).
var sponsorLine = regexp.MustCompile(`(主办单位|主办|版权所有|运营单位|运营)[:：\s]*([^\s\n:：,，。|｜]{4,30})`)

// ownIssued finds a sentence saying the page's lookup covers what its
// operator issues (本系统查询本校颁发的培训证书, 本中心出具的培训合格证明).
var ownIssued = regexp.MustCompile(`本(校|学校|中心|协会|学会|商会|会|院|所|公司|单位|机构|企业|集团)[^。；;！!\n]{0,30}?(颁发|出具|核发|签发|发放|认证|培训)`)

// operatorName is a non-government body the page names as its operator:
// a piece of its title, its sponsor line, or a logo's text; "" when none.
func operatorName(s *Snapshot) string {
	pieces := slices.Clone(s.TitleParts)
	for _, m := range sponsorLine.FindAllStringSubmatch(s.Text, 4) {
		pieces = append(pieces, m[2])
	}
	// A logo's text names the operator too (<img alt="某某协会">).
	pieces = append(pieces, s.Logos...)
	for _, p := range pieces {
		p = strings.TrimSpace(p)
		n := utf8.RuneCountInString(p)
		if n < 4 || n > 30 || containsAny(p, govWords) || containsAny(p, queryWords) {
			continue
		}
		for _, x := range operatorSuffixes {
			if strings.HasSuffix(p, x) {
				return p
			}
		}
	}
	return ""
}

// staffPattern finds a page about the operator's own people (本公司持证
// 人员, 特种作业人员持证上岗公示): an employer's roster.
var staffPattern = regexp.MustCompile(`本(公司|单位|集团|企业|项目部|项目|厂)[^\n]{0,16}(人员|员工|职工)|(持证|在岗|上岗|特种作业)人员[^\n]{0,6}(名单|公示|一览|花名册|台账)|员工[^\n]{0,6}(证书|持证)`)

// operatorReason adds SignalOperator when a non-government operator names
// itself and its lookup covers its own certificates or its own people.
// Its own certificates: the page's own sentences verify no government
// certificate (scope) and say the operator issues what it looks up. Its
// own people: a roster of several records, or words of its staff; the
// government certificates and their issuers named there are the staff's.
// Neither when the page claims official data, names a government issuer
// as itself (outside a roster), or copies the official page (title,
// structure, screenshot).
func operatorReason(res *Result, s *Snapshot) {
	list := roster(s.Text)
	for _, sig := range []string{SignalTitle, SignalDOM, SignalShot, SignalIssuer, SignalClaim, SignalPlatform, SignalSeller,
		SignalOldIssuer, SignalGovMark, SignalSponsor, SignalGovHost, SignalHost, SignalEntrance, SignalNational, SignalSelfIssued} {
		if hasSignal(res.Reasons, sig) && !(list && sig == SignalIssuer) {
			return
		}
	}
	if claim(s) != "" {
		return
	}
	op := operatorName(s)
	if op == "" {
		return
	}
	own := ownText(s)
	if m := ownIssued.FindStringIndex(own); m != nil && scope(s) == "" {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalOperator, Weight: wOperator,
			Text: "页面由非政府机构“" + op + "”运营，只查询本机构自己颁发的证书或培训记录（“" + phrase(own, m[0], m[1]) + "”）"})
		return
	}
	if list {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalOperator, Weight: wOperator,
			Text: "页面由非政府机构“" + op + "”运营，列出多人的持证记录（本单位人员名单），不是一次证书查询的结果"})
		return
	}
	// Without a roster, a title that offers a government certificate's
	// query (特种作业操作证查询 - 某某公司) is a query service, whoever runs it.
	if containsAny(s.Title, queryWords) && firstOf(s.Title, scopeWords) != "" {
		return
	}
	if m := staffPattern.FindStringIndex(own); m != nil {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalOperator, Weight: wOperator,
			Text: "页面由非政府机构“" + op + "”运营，查询的是本单位人员的持证情况（“" + phrase(own, m[0], m[1]) + "”）"})
	}
}

// selfIssued is a sentence in which a body that is not a government one
// says it issues a government certificate itself (本协会颁发的特种作业操作证):
// only the government issues those. "" when none.
func selfIssued(s *Snapshot) string {
	own := ownText(s)
	for _, m := range ownIssued.FindAllStringIndex(own, 8) {
		x := phrase(own, m[0], m[1])
		if strings.Contains(x, "培训") && !strings.Contains(own[m[0]:m[1]], "颁发") && !strings.Contains(own[m[0]:m[1]], "核发") {
			continue // 本中心培训的学员…: training, not issuing
		}
		if w := firstOf(x, scopeWords); w != "" {
			return x
		}
	}
	return ""
}

// entranceWords call a link the official site or its entrance.
var entranceWords = []string{"官网入口", "官方入口", "官方查询入口", "查询官网", "进入官网", "官方网站查询", "官网查询"}

// entrance is the first link that calls itself the official platform (or
// its entrance) and leads to a host that is neither official nor another
// official service: its text and host, "" when none.
func entrance(s *Snapshot, refs []*Reference, o *Options) (text, host string) {
	if containsAny(s.Title+"\n"+s.Text, warnWords) {
		return "", "" // a warning quotes a fake's link
	}
	for _, a := range s.Anchors {
		if o.official(a.Host, refs) || otherService(a.Host) != "" {
			continue
		}
		named := containsAny(a.Text, entranceWords) || containsAny(a.Text, Platforms)
		for _, r := range refs {
			named = named || utf8.RuneCountInString(r.Title) >= 8 && strings.Contains(a.Text, r.Title)
		}
		if named {
			return a.Text, a.Host
		}
	}
	return "", ""
}

// nationalPattern finds a page naming itself a national query system.
var nationalPattern = regexp.MustCompile(`全国[^\n。，,；]{0,16}?(查询系统|查询平台|查询中心|查询网|信息系统|信息平台|查询服务平台)`)

// national is the national query system of a government certificate the
// page calls itself (in its title or its own sentences), "" when none.
func national(s *Snapshot) string {
	for _, t := range []string{s.Title, ownText(s)} {
		for _, m := range nationalPattern.FindAllString(t, 8) {
			if firstOf(m, scopeWords) != "" {
				return m
			}
		}
	}
	return ""
}

// bylinePattern finds an article's byline: a date and a reporter, an
// author, an editor or a source on one line (2025-03-18 来源：新华网).
var (
	bylineDate = regexp.MustCompile(`20[0-9]{2}\s*[-年/.]\s*[0-9]{1,2}\s*[-月/.]\s*[0-9]{1,2}`)
	bylineWho  = regexp.MustCompile(`记者|通讯员|作者|来源|责任编辑|编辑`)
)

// reporter finds a journalist in a byline: a page no query service is.
var reporter = regexp.MustCompile(`记者|通讯员`)

// article is the byline that shows the page to be an article, "" when
// none: any byline when the page has no form of its own; with a form
// (pictured in a story, its fields not disabled), a reporter's byline, or
// a byline on a page that warns against fakes.
//
// Without a reporter, a byline that names a government body as its source
// (来源：应急管理部) on a page with a record's verdict (状态 有效) is a
// fake result dressed as a notice, not an article.
func article(s *Snapshot, ownForm bool) string {
	b := byline(s)
	if b == "" || reporter.MatchString(b) {
		return b
	}
	if ownForm {
		if containsAny(s.Title+"\n"+s.Text, warnWords) {
			return b
		}
		return ""
	}
	if verdictPattern.MatchString(s.Text) && (containsAny(b, govWords) || containsAny(b, DefaultIssuers)) {
		return ""
	}
	return b
}

// byline is the page's byline, "" when none: a line (at most 60 runes)
// with a date and a reporter, author, editor or source, that does not
// speak of data (数据来源：应急管理部 is a fake result's claim).
func byline(s *Snapshot) string {
	for _, l := range strings.Split(s.Text, "\n") {
		if utf8.RuneCountInString(l) > 60 || strings.Contains(l, "数据") {
			continue
		}
		if bylineDate.MatchString(l) && bylineWho.MatchString(l) {
			return l
		}
	}
	return ""
}
