package imitation

import (
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
)

// Signals: what a reason is about (their names are casework's
// ImitationSignal names).
const (
	SignalTitle    = "title"
	SignalIssuer   = "issuer"
	SignalForm     = "form"
	SignalDOM      = "dom"
	SignalShot     = "screenshot"
	SignalLogo     = "logo"
	SignalICP      = "icp"
	SignalGovHost  = "gov_host"
	SignalResult   = "result"
	SignalSponsor  = "sponsor"
	SignalOfficial = "official_host" // clears: the page is on an official host
	SignalFrames   = "aggregator"    // clears: frames or links the official site, no form of its own
	SignalExplains = "explainer"     // clears: explains how to verify, links the official host
)

// Weights of the signals and the score at which a page that presents
// itself as a query service is an imitation. Fixed here, not tuned on
// any labelled set (see the package's tests for what each one is for).
const (
	wTitle     = 3.0 // × title similarity, when ≥ minTitle
	wIssuer    = 2.0
	wForm      = 3.0 // × share of the official form's fields asked
	wFormOwn   = 1.5 // a form asking identity questions unlike any official one
	wDOM       = 4.0 // × Jaccard of the tag shingles, when ≥ minDOM
	wShot      = 3.0 // screenshot within maxShotDistance
	wLogo      = 1.0
	wNoICP     = 1.0
	wSameICP   = 1.5 // the official site's own number on another host
	wOtherICP  = 0.5
	wGovHost   = 2.0
	wResult    = 1.0
	wAgency    = 1.5 // names a government issuer no reference has
	wSponsor   = 1.5 // a copyright or sponsor line naming a government body
	Threshold  = 5.0
	minTitle   = 0.5
	minDOM     = 0.4
	maxShotDst = 10
	// MaxRefs bounds the references one verdict compares with.
	MaxRefs = 64
)

// Reason is one reason of a verdict.
type Reason struct {
	Signal string  `json:"signal"`
	Text   string  `json:"text"`   // in Chinese, for reviewers
	Weight float64 `json:"weight"` // what it added to the score (0 for a clearance)
}

// Result is a verdict.
type Result struct {
	Imitation bool    `json:"imitation"`
	Score     float64 `json:"score"`
	// Cleared is the signal of the rule that clears the page (an official
	// host, an aggregator, an explainer), "" when none did.
	Cleared string   `json:"cleared,omitempty"`
	Reasons []Reason `json:"reasons"`
	// Reference is the official page the candidate resembles most; nil
	// when none was compared.
	Reference *Reference `json:"-"`
	// Presents: the page presents itself as a query service (a form
	// asking identity questions, a result, or a copied title).
	Presents bool `json:"presents"`
}

// Texts are the reasons' texts.
func (r *Result) Texts() []string {
	out := make([]string, len(r.Reasons))
	for i, x := range r.Reasons {
		out[i] = x.Text
	}
	return out
}

// Candidate is the page judged: its snapshot and, when it was rendered,
// its screenshot's perceptual hash.
type Candidate struct {
	*Snapshot
	Hash    uint64
	HasHash bool
}

// Options are what a verdict knows besides the references.
type Options struct {
	// IsOfficial reports whether a host is official (the rule pack's
	// rules.Imitation.IsOfficialHost); nil: under gov.cn, or a
	// reference's host.
	IsOfficial func(host string) bool
	// Issuers are extra issuer words to look for (the pack's agencies):
	// a page that names one claims a government issuer even when no
	// reference is of that issuer (a copy of a provincial platform).
	Issuers []string
	// Sponsor, when set, finds a copyright or sponsor line naming a
	// government body (the pack's copyright_pattern) in the normalised
	// text.
	Sponsor *regexp.Regexp
}

func (o *Options) official(host string, refs []*Reference) bool {
	if host == "" {
		return false
	}
	if o != nil && o.IsOfficial != nil {
		return o.IsOfficial(host)
	}
	if host == "gov.cn" || strings.HasSuffix(host, ".gov.cn") {
		return true
	}
	for _, r := range refs {
		if r.Host == host || strings.HasSuffix(host, "."+r.Host) {
			return true
		}
	}
	return false
}

// resultWords show a certificate record: a page with three of them presents
// a verification result.
var resultWords = []string{"查询结果", "证件状态", "发证机关", "初次领证日期", "有效期", "应复审日期", "证书状态", "发证日期", "有效期至"}

// explainWords say how to verify.
var explainWords = []string{"查询方法", "查询步骤", "如何查询", "查询指引", "查询指南", "查询流程", "认准网址", "请认准", "官方平台查询", "官方网站查询", "登录官网", "登录官方", "以下官方", "唯一依据", "查询入口"}

// Verdict compares c with the references. It is deterministic and
// renders nothing; it reads at most MaxRefs references.
func Verdict(c Candidate, refs []*Reference, o *Options) Result {
	var res Result
	if c.Snapshot == nil {
		return res
	}
	if len(refs) > MaxRefs {
		refs = refs[:MaxRefs]
	}
	s := c.Snapshot
	if o.official(s.Host, refs) {
		res.Cleared = SignalOfficial
		res.Reasons = append(res.Reasons, Reason{Signal: SignalOfficial, Text: "页面位于官方网址 " + s.Host})
		return res
	}
	if h := otherService(s.Host); h != "" {
		res.Cleared = SignalService
		res.Reasons = append(res.Reasons, Reason{Signal: SignalService, Text: "页面位于其他证书的官方查询服务网址 " + h})
		return res
	}
	// The page's own query form: one that asks at least two identity or
	// certificate questions and does not post to an official host (the
	// real service embedded is not a copy).
	var own *Form
	for i := range s.Forms {
		f := &s.Forms[i]
		if h := hostOfURL(f.Action); h != "" && h != s.Host && o.official(h, refs) {
			continue
		}
		// Two identity questions, one with a captcha, or an ID or
		// certificate number alone on a page that verifies (a mobile or
		// crude box: 输入身份证号即可查询).
		if identityKinds(f.Kinds) >= 2 || (identityKinds(f.Kinds) >= 1 && slices.Contains(f.Kinds, FieldCaptcha)) ||
			((slices.Contains(f.Kinds, FieldIDNumber) || slices.Contains(f.Kinds, FieldCertNo)) && containsAny(s.Title+"\n"+s.Text, queryWords)) {
			if own == nil || len(f.Kinds) > len(own.Kinds) {
				own = f
			}
		}
	}
	results := 0
	for _, w := range resultWords {
		if strings.Contains(s.Text, w) {
			results++
		}
	}
	// A roster (several people's records, each 有效) is not one
	// verification's result: an employer's or a school's list.
	// One record with a pass line alone (✔ 证书验证通过) needs two.
	lines := resultLines(s.Text)
	result := (results >= 3 || lines >= 3 || (max(results, lines) >= 2 && passPattern.MatchString(s.Text))) && !roster(s.Text)
	var officialLinks []string
	for _, h := range append(slices.Clone(s.FrameHosts), s.LinkHosts...) {
		if h != s.Host && o.official(h, refs) && !slices.Contains(officialLinks, h) {
			officialLinks = append(officialLinks, h)
		}
	}

	// The reference it resembles most.
	best, bestScore := -1, -1.0
	var bestReasons []Reason
	var bestTitle, bestDOM float64
	for i, r := range refs {
		rs, ts, dom := compare(c, r, own, o)
		sc := 0.0
		for _, x := range rs {
			sc += x.Weight
		}
		if sc > bestScore {
			best, bestScore, bestReasons, bestTitle, bestDOM = i, sc, rs, ts, dom
		}
	}
	if best >= 0 {
		res.Reference = refs[best]
	}
	// A link named as the official platform or its entrance that leads
	// to a host of no official service presents the page as the way in.
	entText, entHost := entrance(s, refs, o)
	res.Presents = own != nil || result || bestTitle >= 0.8 || entHost != ""

	// Explicit non-imitations: no form of its own and the official site
	// linked or framed; a page that copies the official one closely (its
	// structure, a verification result) is not cleared by a link.
	if own == nil && len(officialLinks) > 0 && !result && bestDOM < 0.6 {
		explains := false
		for _, w := range explainWords {
			if strings.Contains(s.Text, w) {
				explains = true
				break
			}
		}
		frames := slices.ContainsFunc(s.FrameHosts, func(h string) bool { return slices.Contains(officialLinks, h) })
		switch {
		case explains && !frames:
			res.Cleared = SignalExplains
			res.Reasons = append(res.Reasons, Reason{Signal: SignalExplains, Text: "说明查询方法的页面：指向官方网址 " + strings.Join(officialLinks, "、") + "，没有自己的查询表单"})
			return res
		case frames || bestTitle < 0.8:
			res.Cleared = SignalFrames
			res.Reasons = append(res.Reasons, Reason{Signal: SignalFrames, Text: "聚合或导航页面：嵌入或链接官方网站 " + strings.Join(officialLinks, "、") + "，本身没有查询表单"})
			return res
		}
	}

	// An article (a byline with a date) without a form of its own, that
	// copies neither the title nor the structure: what it shows is its
	// story (a fake result quoted, the official form pictured).
	// A reporter's article (or one warning against fakes) that pictures
	// a form is a story about the form.
	if res.Presents && entHost == "" && bestTitle < 0.8 && bestDOM < minDOM {
		if b := article(s, own != nil); b != "" {
			res.Cleared = SignalArticle
			text := "新闻或文章页面（署名与日期“" + b + "”），没有自己的查询表单：所引查询结果或官方名称是报道内容"
			if own != nil {
				text = "新闻报道页面（署名与日期“" + b + "”）：页面上的查询框是报道中的示意，不是页面自己提供的查询服务"
			}
			res.Reasons = append(res.Reasons, Reason{Signal: SignalArticle, Text: text})
			return res
		}
	}

	res.Reasons = append(res.Reasons, bestReasons...)
	if own != nil && (best < 0 || !hasSignal(bestReasons, SignalForm)) {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalForm, Weight: wFormOwn, Text: "查询表单要求填写" + kindNames(own.Kinds)})
	}
	if result {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalResult, Weight: wResult, Text: "页面展示证书查询结果"})
	}
	// An issuer claim opens the verdict when it is a reference's issuer,
	// or an issuer of the certificates in scope (not 人社部's alone).
	issuerGate := hasSignal(res.Reasons, SignalIssuer)
	if !hasSignal(res.Reasons, SignalIssuer) {
		if w := namedIssuer(s, o); w != "" {
			res.Reasons = append(res.Reasons, Reason{Signal: SignalIssuer, Weight: wAgency, Text: "页面自称政府机关“" + w + "”"})
			issuerGate = w != "人力资源和社会保障部"
		} else if en, zh := englishIssuer(s); en != "" {
			res.Reasons = append(res.Reasons, Reason{Signal: SignalIssuer, Weight: wAgency, Text: "页面以英文自称“" + zh + "”（" + en + "）"})
			issuerGate = true
		}
	}
	claims := res.Presents && claimReasons(&res, s, refs, o, own != nil, result)
	if entHost != "" {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalEntrance, Weight: wEntrance, Text: "链接自称官方平台或官网入口（“" + entText + "”），却指向非官方网址 " + entHost})
		claims = true
	}
	if x := selfIssued(s); x != "" && res.Presents && operatorName(s) != "" {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalSelfIssued, Weight: wSelfIssued, Text: "非政府机构“" + operatorName(s) + "”自称颁发政府证书（“" + x + "”），政府证书只由政府部门核发"})
		claims = true
	}
	if res.Presents && !hasSignal(res.Reasons, SignalTitle) && !hasSignal(res.Reasons, SignalPlatform) {
		if n := national(s); n != "" {
			res.Reasons = append(res.Reasons, Reason{Signal: SignalNational, Weight: wNational, Text: "页面自称全国性的政府证书查询系统“" + n + "”，全国查询只由发证机关提供"})
			claims = true
		}
	}
	if o != nil && o.Sponsor != nil {
		if m := o.Sponsor.FindString(s.Text); m != "" {
			res.Reasons = append(res.Reasons, Reason{Signal: SignalSponsor, Weight: wSponsor, Text: "版权或主办信息“" + m + "”"})
		}
	}
	if res.Presents || best >= 0 && bestScore > 0 {
		switch {
		case len(s.ICP) == 0:
			res.Reasons = append(res.Reasons, Reason{Signal: SignalICP, Weight: wNoICP, Text: "页脚无 ICP 备案号"})
		case res.Reference != nil && len(res.Reference.ICP) > 0 && overlaps(s.ICP, res.Reference.ICP):
			res.Reasons = append(res.Reasons, Reason{Signal: SignalICP, Weight: wSameICP, Text: "照搬官方网站的备案号 " + strings.Join(s.ICP, "、")})
		case res.Reference != nil && len(res.Reference.ICP) > 0:
			res.Reasons = append(res.Reasons, Reason{Signal: SignalICP, Weight: wOtherICP, Text: "备案号与官方不同：" + strings.Join(s.ICP, "、")})
		}
	}
	if govInHost(s.Host) {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalGovHost, Weight: wGovHost, Text: "非 gov.cn 域名含 gov：" + s.Host})
	} else if why := hostPoses(s.Host, refs); why != "" && res.Presents {
		res.Reasons = append(res.Reasons, Reason{Signal: SignalHost, Weight: wHost, Text: why})
	}
	if res.Presents {
		operatorReason(&res, s)
	}
	for _, x := range res.Reasons {
		res.Score += x.Weight
	}
	res.Score = float64(int(res.Score*100+0.5)) / 100
	res.Imitation = res.Presents && res.Score >= Threshold && (hasSignal(res.Reasons, SignalTitle) || issuerGate || claims ||
		hasSignal(res.Reasons, SignalDOM) || hasSignal(res.Reasons, SignalShot) || hasSignal(res.Reasons, SignalGovHost) || hasSignal(res.Reasons, SignalHost))
	return res
}

// compare gives the reasons c resembles r, the title similarity and the
// structure's.
func compare(c Candidate, r *Reference, own *Form, o *Options) (out []Reason, title, dom float64) {
	s := c.Snapshot
	title = dice(s.Title, r.Title)
	if title >= minTitle {
		out = append(out, Reason{Signal: SignalTitle, Weight: round2(wTitle * title), Text: fmt.Sprintf("标题与官方查询网站相似 %.2f", title)})
	}
	mine := ownText(s)
	for _, w := range r.Issuer {
		if strings.Contains(mine, w) || strings.Contains(s.Title, w) {
			out = append(out, Reason{Signal: SignalIssuer, Weight: wIssuer, Text: "页面自称“" + w + "”"})
			break
		}
	}
	if own != nil && len(r.Kinds()) > 0 {
		var common []string
		for _, k := range own.Kinds {
			if slices.Contains(r.Kinds(), k) {
				common = append(common, k)
			}
		}
		if identityKinds(common) >= 2 || (identityKinds(common) >= 1 && len(common) >= 2) {
			share := float64(len(common)) / float64(len(r.Kinds()))
			w := round2(max(wFormOwn, wForm*share))
			text := "查询表单字段与官方相同：" + kindNames(common)
			if len(common) < len(r.Kinds()) || len(own.Kinds) > len(common) {
				text = "查询表单字段与官方相近：" + kindNames(common)
			}
			out = append(out, Reason{Signal: SignalForm, Weight: w, Text: text})
		}
	}
	dom = jaccard(s.Shingles, r.Shingles)
	if dom >= minDOM {
		out = append(out, Reason{Signal: SignalDOM, Weight: round2(wDOM * dom), Text: fmt.Sprintf("页面结构与 %s 相似 %.2f", r.Host, dom)})
	}
	if c.HasHash && r.HasHash {
		if d := bits.OnesCount64(c.Hash ^ r.Hash); d <= maxShotDst {
			out = append(out, Reason{Signal: SignalShot, Weight: wShot, Text: fmt.Sprintf("截图与官方页面相近（感知哈希距离 %d）", d)})
		}
	}
	var logos []string
	for _, l := range s.Logos {
		if slices.Contains(r.Logos, l) && !strings.Contains(l, "验证码") && len(logos) < 3 {
			logos = append(logos, "“"+l+"”")
		}
	}
	if len(logos) > 0 {
		out = append(out, Reason{Signal: SignalLogo, Weight: wLogo, Text: "使用官方网站的标志图片" + strings.Join(logos, "、")})
	}
	return out, title, dom
}

// namedIssuer is the longest government issuer (DefaultIssuers and
// Options.Issuers) the page names in its title or text, "" when none.
func namedIssuer(s *Snapshot, o *Options) string {
	best := ""
	own := ownText(s)
	check := func(w string) {
		if len(w) > len(best) && (strings.Contains(s.Title, w) || strings.Contains(own, w)) {
			best = w
		}
	}
	for _, w := range DefaultIssuers {
		check(w)
	}
	if o != nil {
		for _, w := range o.Issuers {
			check(w)
		}
	}
	return best
}

// ownText is the page's own text, one sentence a line (Snapshot.Sent, or
// the text when it has none), without the sentences that send a query
// elsewhere (请到应急管理部平台 cx.mem.gov.cn 查询) and the clauses that
// disclaim a certificate (不是特种作业操作证): a body or a certificate named
// there is not one the page claims to be or to verify.
func ownText(s *Snapshot) string {
	text := s.Sent
	if text == "" {
		text = s.Text
	}
	if !containsAny(text, referWords) && !containsAny(text, referVia) && !containsAny(text, disclaimWords) && !issuedBy.MatchString(text) {
		return text
	}
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if refersSentence(l, s.Host) {
			continue
		}
		// A sentence that says the page itself verifies the certificate
		// (证书由应急管理部统一颁发，可在本站查询) keeps who issues it.
		self := containsAny(l, selfWords)
		n := 0
		for _, c := range strings.Split(l, "，") {
			if c != "" && !containsAny(c, disclaimWords) && (self || !issuedBy.MatchString(c)) {
				if n > 0 {
					b.WriteString("，")
				}
				b.WriteString(c)
				n++
			}
		}
		if n > 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func hasSignal(rs []Reason, sig string) bool {
	return slices.ContainsFunc(rs, func(r Reason) bool { return r.Signal == sig })
}

func identityKinds(ks []string) int {
	n := 0
	for _, k := range ks {
		switch k {
		case FieldName, FieldIDNumber, FieldCertNo:
			n++
		}
	}
	return n
}

func kindNames(ks []string) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = casework.ImitationField(k).Name()
	}
	return strings.Join(names, "、")
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// govInHost: "gov" in a host outside gov.cn (cx-mem-gov.example,
// gov-cx.com, mem.gov.cn.example.com).
func govInHost(host string) bool {
	if host == "gov.cn" || strings.HasSuffix(host, ".gov.cn") {
		return false
	}
	return strings.Contains(host, "gov")
}

func hostOfURL(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	h := u[i+3:]
	if j := strings.IndexAny(h, "/?#"); j >= 0 {
		h = h[:j]
	}
	if j := strings.LastIndexByte(h, '@'); j >= 0 {
		h = h[j+1:]
	}
	if j := strings.LastIndexByte(h, ':'); j >= 0 && !strings.Contains(h[j:], "]") {
		h = h[:j]
	}
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// dice is the Dice coefficient of the character bigrams of a and b, 1
// when one contains the other and the shorter has at least six
// characters.
func dice(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if min(na, nb) >= 6 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return 1
	}
	if na < 2 || nb < 2 {
		return 0
	}
	na, nb = min(na, maxBigrams+1), min(nb, maxBigrams+1)
	ga, gb := bigramSet(a), bigramSet(b)
	common := 0
	for g, n := range ga {
		common += min(n, gb[g])
	}
	return round2(2 * float64(common) / float64(na-1+nb-1))
}

// maxBigrams bounds the characters of a title compared.
const maxBigrams = 200

func bigramSet(s string) map[[2]rune]int {
	m := map[[2]rune]int{}
	var prev rune
	first := true
	n := 0
	for _, r := range s {
		if !first {
			m[[2]rune{prev, r}]++
		}
		prev, first = r, false
		if n++; n > maxBigrams {
			break
		}
	}
	return m
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
