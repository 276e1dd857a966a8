package imitation

import (
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Signals of what a page claims about itself (besides the resemblance to
// a reference): where its data comes from, the certificate it verifies,
// the official platform's name, a seller's query box, a host that poses
// as an official one, and an abolished issuer.
const (
	SignalClaim     = "claim"      // claims the official data (数据与官网同步, 数据来源)
	SignalScope     = "scope"      // verifies a government certificate (特种作业操作证)
	SignalPlatform  = "platform"   // carries the official platform's name
	SignalSeller    = "seller"     // a certificate seller's own query box
	SignalHost      = "host"       // a bare IP address, or an official host's label
	SignalOldIssuer = "old_issuer" // names an abolished issuer
	SignalService   = "service"    // clears: another official query service's host
	SignalGovMark   = "gov_mark"   // a government website's marks on another host
	SignalVerdict   = "verdict"    // one certificate's record with a verdict (有效)
	SignalWarning   = "warning"    // a warning against fakes: its quotes are no claims
)

// Weights of the claims.
const (
	wClaim      = 1.5
	wScope      = 1.0
	wPlatform   = 2.0 // as a reference's issuer: the official service's own name
	wSeller     = 1.5
	wHost       = 2.0
	wOldIssuer  = 2.0
	wForeign    = 1.0 // a Chinese certificate's query titled in pinyin or English
	wGovMark    = 2.0
	wVerdict    = 1.0
	wRecordURL  = 1.0
	wSelfCheck  = 1.0
	wOwnerTitle = 1.0
)

// recordKeys are the query parameters that carry a certificate or ID
// number; recordSegment is a path segment that is a certificate number.
var (
	recordKeys    = []string{"sn", "id", "idno", "idcard", "sfz", "sfzh", "zjhm", "zsbh", "zsh", "certno", "cert", "code", "bh", "no"}
	recordSegment = regexp.MustCompile(`^[A-Za-z]{1,4}[0-9]{8,}$`)
)

// govMarks are what only a government website carries: its identifier
// code (网站标识码) and the State Council's error-report and 党政机关
// badges.
var govMarks = []string{"网站标识码", "政府网站找错", "党政机关"}

// warnWords warn against fake sites and certificates: a page without a
// form of its own that uses them quotes a fake's claims, it does not make
// them (news, blogs, police bulletins).
var warnWords = []string{"仿冒网站", "山寨", "骗人", "骗子", "诈骗", "钓鱼网站", "假网站", "假证", "冒充官方", "虚假网站", "李鬼"}

// verdictPattern finds a record's verdict: 状态 有效, 真实有效, or a
// line that is a pass alone (✔ 证书验证通过).
var verdictPattern = regexp.MustCompile(`(^|\n)(证书状态|证件状态|状态)\n?(有效|正常)|真实有效|` + passLine)

// passLine is a short line that is a verification's pass alone (not a
// sentence that mentions one: 显示“验证通过”即为真).
const passLine = `(^|\n)[^\n\p{Han}]{0,3}(证书|证件|信息)?(验证|核验|查验)通过[!！。]?(\n|$)`

// passPattern finds passLine.
var passPattern = regexp.MustCompile(passLine)

// OldIssuers are the names of bodies abolished in 2018 whose duties the
// present issuers took over: no query service runs under them today.
var OldIssuers = []string{"国家安全生产监督管理总局", "国家质量监督检验检疫总局", "国家质检总局", "国家安监总局", "安全生产监督管理总局"}

// Platforms are the names of the official query platforms (besides the
// references' titles).
var Platforms = []string{
	"特种作业操作证及安全生产知识和管理能力考核合格信息查询平台", "全国工程质量安全监管信息平台",
	"全国特种设备公示信息查询平台", "国家安全生产考试",
}

// OtherServices are hosts of official query services outside gov.cn that
// verify other certificates (vocational qualifications, degrees, exams):
// a page there is not an imitation.
var OtherServices = []string{"osta.org.cn", "chsi.com.cn", "neea.edu.cn", "neea.cn", "cpta.com.cn"}

// scopeWords name the certificates the official platforms verify;
// foreignWords are their English and pinyin forms.
var scopeWords = []string{"特种作业", "操作证", "特种设备作业", "特种设备安全管理", "安全生产知识和管理能力", "安全生产考核", "三类人员", "安全员", "作业人员证",
	"电工证", "焊工证", "叉车证", "高处作业证", "登高证", "塔吊证", "司索", "电梯证", "锅炉证", "压力容器证"}

var foreignWords = []struct{ word, zh string }{
	{"special operation", "特种作业"}, {"special operations", "特种作业"}, {"special equipment", "特种设备作业"},
	{"safety production", "安全生产考核"}, {"tezhong zuoye", "特种作业"}, {"tezhongzuoye", "特种作业"},
	{"caozuozheng", "操作证"}, {"tezhong shebei", "特种设备作业"}, {"anquanyuan", "安全员"},
}

// englishIssuers are the issuers' English names.
var englishIssuers = []struct{ word, zh string }{
	{"ministry of emergency management", "应急管理部"},
	{"ministry of housing and urban-rural development", "住房和城乡建设部"},
	{"state administration for market regulation", "国家市场监督管理总局"},
}

// queryWords: a page that verifies (in Chinese, English or pinyin).
var queryWords = []string{"查询", "验证", "核验", "真伪", "chaxun", "yanzheng", "verify", "verification", "query", "check"}

// claimPattern finds a claim that the page's data is the official data.
var claimPattern = regexp.MustCompile(`(数据|官网|官方|数据库)[^\n]{0,16}(同步|联网)|同步[^\n]{0,6}(数据|官网)|(官网|官方)[^\n]{0,8}一致|一致[^\n]{0,4}(官网|官方)|等同官网|数据来源|数据来自|提供数据|官方认证|官方查询入口|官方入口|入口官方|查询官网|官网入口|official data|监制`)

// selfCheckWords: a seller says the certificates it sells can be
// verified on its own site (a school says 官网可查, never 本站可查).
var selfCheckWords = []string{"本站可查", "本网可查", "本站查询", "可在本站查", "包查"}

// sellerWords: a certificate seller's words.
// Words a licensed school also uses (官网可查, 出证) are not among them.
var sellerWords = []string{"包过", "保过", "免考", "不用考试", "无需考试", "人不用到场", "本站可查", "包查", "代办", "加急出证", "直接出证", "保真"}

// hostLabels are the labels of official hosts too common to show an
// imitation.
var hostLabels = map[string]bool{"www": true, "cx": true, "m": true, "gov": true, "cn": true, "com": true, "net": true, "org": true, "edu": true, "h5": true, "wap": true, "person": true}

// claim is the page's claim of official data, "" when none.
func claim(s *Snapshot) string {
	m := claimPattern.FindStringIndex(s.Text)
	if m == nil {
		return ""
	}
	return phrase(s.Text, m[0], m[1])
}

// phrase is the line around text[i:j], at most 40 runes.
func phrase(text string, i, j int) string {
	a := strings.LastIndexByte(text[:i], '\n') + 1
	b := strings.IndexByte(text[j:], '\n')
	if b < 0 {
		b = len(text)
	} else {
		b += j
	}
	line := text[a:b]
	if utf8.RuneCountInString(line) > 40 {
		// Keep the match and what is just around it.
		from, to := max(a, i-30), min(b, j+30)
		for from > a && !utf8.RuneStart(text[from]) {
			from--
		}
		for to < b && !utf8.RuneStart(text[to]) {
			to++
		}
		line = text[from:to]
	}
	return line
}

// referWords send a query elsewhere (请到 cx.mem.gov.cn 查询): a
// sentence with one does not say the page's own form verifies the
// certificate it names (an association's or a school's own lookup that
// refers the government certificate to the official platform).
var referWords = []string{"请到", "请前往", "请访问", "请至", ".gov.cn"}

// referVia send a query elsewhere when the sentence names a platform or a
// site (请登录全国工程质量安全监管信息平台查询, 请在应急管理部平台查询), not
// when it tells how to use the page (请在下方输入证件号码).
var (
	referVia    = []string{"请登录", "请在", "请通过", "应在", "可登录", "须登录", "可在", "可到", "可通过", "需在", "须在"}
	referPlaces = []string{"平台", "官网", "官方网站", "网站"}
)

// disclaimWords deny that the page's lookup covers a certificate (本系统
// 不是特种作业操作证查询, 不包括安全生产考核合格证): the certificate named
// in that sentence is not one the page verifies.
var disclaimWords = []string{"不是", "并非", "不包括", "不包含", "不含", "不提供", "不能查询", "无法查询", "不属于"}

// issuedBy finds a clause that names who issues a certificate (考试合格后由
// 市应急管理局颁发特种作业操作证): the body named there issues the
// certificate, it is not the page.
var issuedBy = regexp.MustCompile(`由[^，\n]{2,24}?(颁发|核发|签发|发放|发证)`)

// selfWords are the page itself (请到本站查询 is the page's own claim).
var selfWords = []string{"本站", "本平台", "本网", "本系统", "本页"}

// refersSentence: the sentence sends a query elsewhere, naming the place
// (请登录全国工程质量安全监管信息平台查询, 请在 cnse.e-cqs.cn 查询; the page's
// own host, self, is not elsewhere) or ending where a link names it (请登录
// <a>cx.mem.gov.cn</a>).
func refersSentence(x, self string) bool {
	if containsAny(x, selfWords) {
		return false
	}
	if containsAny(x, referWords) {
		return true
	}
	if containsAny(x, referVia) {
		if containsAny(x, referPlaces) {
			return true
		}
		for _, h := range hostWord.FindAllString(x, 4) {
			if h != self && !strings.HasSuffix(self, "."+h) && !strings.HasSuffix(h, "."+self) {
				return true
			}
		}
	}
	x = strings.TrimRight(x, "，,：: ")
	return slices.ContainsFunc(referVia, func(v string) bool { return strings.HasSuffix(x, v) }) ||
		slices.ContainsFunc(referWords, func(v string) bool { return strings.HasSuffix(x, v) })
}

// hostWord is a host name written in a sentence (cnse.e-cqs.cn).
var hostWord = regexp.MustCompile(`[a-z0-9-]+(\.[a-z0-9-]+)*\.(cn|com|net|org)\b`)

// sentences splits a raw text after each of ends, in at most maxSentences
// pieces (the last one holds the rest).
func sentences(l, ends string) []string {
	var out []string
	for len(out) < maxSentences-1 {
		i := strings.IndexAny(l, ends)
		if i < 0 {
			break
		}
		_, n := utf8.DecodeRuneInString(l[i:])
		out = append(out, l[:i+n])
		l = l[i+n:]
	}
	if l != "" {
		out = append(out, l)
	}
	return out
}

const maxSentences = 64

// scope is the government certificate the page verifies (named with a
// query word in its title or in one of its own sentences), "" when none.
func scope(s *Snapshot) string {
	lines := append([]string{s.Title}, strings.Split(ownText(s), "\n")...)
	for _, l := range lines {
		if !containsAny(l, queryWords) {
			continue
		}
		for _, w := range scopeWords {
			if strings.Contains(l, w) {
				return w
			}
		}
		for _, f := range foreignWords {
			if strings.Contains(l, f.word) {
				return f.zh
			}
		}
	}
	return ""
}

// platform is the official platform's name the page carries, "" when none.
func platform(s *Snapshot, refs []*Reference) string {
	t := s.Title + "\n" + ownText(s)
	for _, p := range Platforms {
		if strings.Contains(t, p) {
			return p
		}
	}
	for _, r := range refs {
		if utf8.RuneCountInString(r.Title) >= 8 && strings.Contains(t, r.Title) {
			return r.Title
		}
	}
	return ""
}

// sellerSays are the seller's words the page carries (at most 3).
func sellerSays(s *Snapshot) []string {
	var out []string
	t := s.Title + "\n" + s.Text
	for _, w := range sellerWords {
		if strings.Contains(t, w) && len(out) < 3 {
			out = append(out, "“"+w+"”")
		}
	}
	return out
}

// oldIssuer is the abolished issuer the page names, "" when none.
func oldIssuer(s *Snapshot) string {
	for _, w := range OldIssuers {
		if strings.Contains(s.Title, w) || strings.Contains(s.Text, w) {
			return w
		}
	}
	return ""
}

// hostPoses is why the host poses as an official one: a bare IP address,
// or a label of an official host (an embedded or a file reference's: the
// hosts a sweep kept, a province's among them, name places too) in
// another host; "" when neither.
func hostPoses(host string, refs []*Reference) string {
	h := strings.Trim(host, "[]")
	if a, err := netip.ParseAddr(h); err == nil && a.IsValid() {
		return "网址为裸 IP 地址 " + host + "，官方查询网站不用 IP 地址"
	}
	labels := strings.FieldsFunc(host, func(r rune) bool { return r == '.' || r == '-' })
	for _, r := range refs {
		if r.Origin == "kept" {
			continue
		}
		for _, l := range strings.FieldsFunc(r.Host, func(r rune) bool { return r == '.' || r == '-' }) {
			if hostLabels[l] || len(l) < 3 {
				continue
			}
			for _, x := range labels {
				if x == l {
					return "域名含官方网址 " + r.Host + " 的“" + l + "”"
				}
			}
		}
	}
	return ""
}

// otherService reports whether host is one of OtherServices.
func otherService(host string) string {
	for _, h := range OtherServices {
		if host == h || strings.HasSuffix(host, "."+h) {
			return h
		}
	}
	return ""
}

// englishIssuer is the issuer the page names in English, "" when none.
func englishIssuer(s *Snapshot) (en, zh string) {
	t := s.Title + "\n" + s.Text
	for _, e := range englishIssuers {
		if strings.Contains(t, e.word) {
			return e.word, e.zh
		}
	}
	return "", ""
}

// resultLines counts the result words that begin a line of the text (a
// table's cell, a record's label).
func resultLines(text string) int {
	n := 0
	for _, w := range recordWords {
		if strings.HasPrefix(text, w) || strings.Contains(text, "\n"+w) {
			n++
		}
	}
	return n
}

// recordWords label the fields of one certificate's record.
var recordWords = []string{"查询结果", "证件状态", "证书状态", "发证机关", "发证日期", "初次领证日期", "初领日期", "有效期", "应复审日期",
	"作业类别", "操作类别", "作业项目", "准操项目", "操作项目", "人员类型", "持证人", "状态"}

// ownerTitle is the page's title when it presents the page as a
// government body's own query service: it begins with an issuer (the
// pack's agencies among them), after a place's name at most (长沙市应急管理局
// 证书查询, 湖北省安全生产监督管理局证书查询), and names a query; "" otherwise.
// A title that merely mentions a body (警惕冒充应急管理局, 某某学校 应急管理局
// 考试) does not.
func ownerTitle(s *Snapshot, o *Options) string {
	t := s.Title
	if !containsAny(t, queryWords) {
		return ""
	}
	ws := DefaultIssuers
	if o != nil {
		ws = append(slices.Clone(ws), o.Issuers...)
	}
	for _, w := range ws {
		i := strings.Index(t, w)
		if i < 0 {
			continue
		}
		place := t[:i]
		if place == "" {
			return t
		}
		if n := utf8.RuneCountInString(place); n <= 8 && allHan(place) && strings.ContainsAny(lastRune(place), "省市县区州盟旗") {
			return t
		}
	}
	return ""
}

func allHan(t string) bool {
	for _, r := range t {
		if r < 0x4E00 || r > 0x9FFF {
			return false
		}
	}
	return true
}

func lastRune(t string) string {
	r, _ := utf8.DecodeLastRuneInString(t)
	return string(r)
}

// firstOf is the first of ws that t contains, "" when none.
func firstOf(t string, ws []string) string {
	for _, w := range ws {
		if strings.Contains(t, w) {
			return w
		}
	}
	return ""
}

func containsAny(t string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// claimReasons adds the reasons of what a page that presents itself as a
// query service claims: the certificate it verifies, the official data,
// the official platform's name, a seller's words next to its own query
// box, an abolished issuer. It reports whether one of them makes the page
// speak for the official service (the verdict needs one such claim, or a
// resemblance).
func claimReasons(res *Result, s *Snapshot, refs []*Reference, o *Options, ownForm, result bool) bool {
	if !ownForm {
		for _, w := range warnWords {
			if strings.Contains(s.Title, w) || strings.Contains(s.Text, w) {
				res.Reasons = append(res.Reasons, Reason{Signal: SignalWarning, Text: "页面提醒谨防假冒（“" + w + "”），所引说法不计为页面自己的说法"})
				return false
			}
		}
	}
	speaks := false
	add := func(sig string, w float64, text string) {
		res.Reasons = append(res.Reasons, Reason{Signal: sig, Weight: w, Text: text})
	}
	if w := scope(s); w != "" && ownForm {
		add(SignalScope, wScope, "页面自设查询表单查验政府核发的证书（“"+w+"”）")
		speaks = true
		if foreignTitle(s.Title) {
			add(SignalScope, wForeign, "标题用拼音或英文写证书查询：“"+s.Title+"”")
		}
	}
	if c := claim(s); c != "" {
		add(SignalClaim, wClaim, "页面自称官方或与官方数据相同：“"+c+"”")
		speaks = true
	}
	if !hasSignal(res.Reasons, SignalTitle) {
		if p := platform(s, refs); p != "" {
			add(SignalPlatform, wPlatform, "页面使用官方平台名称“"+p+"”")
			speaks = true
		}
	}
	if ownForm {
		if ws := sellerSays(s); len(ws) > 0 {
			add(SignalSeller, wSeller, "售证页面自带查询框："+strings.Join(ws, ""))
			// Its box then verifies the government certificates it
			// sells: the page speaks for the official service.
			if w, c := certNamed(s), firstOf(s.Title+"\n"+s.Text, selfCheckWords); w != "" && c != "" {
				add(SignalSeller, wSelfCheck, "售证页面称所售的政府证书（“"+w+"”）可在本站查询（“"+c+"”）")
				speaks = true
			}
		}
	}
	if result && verdictPattern.MatchString(s.Text) {
		if w := certNamed(s); w != "" {
			add(SignalVerdict, wVerdict, "页面对一张政府核发的证书（“"+w+"”）给出查询结论")
			speaks = true
		}
	}
	if result {
		if k := recordURL(s.URL); k != "" {
			add(SignalVerdict, wRecordURL, "查询结果页的网址直接带证件号码（“"+k+"”），像扫码打开的证书验证页")
		}
	}
	if m := govMark(s); m != "" {
		add(SignalGovMark, wGovMark, "非政府网站带有政府网站的标识“"+m+"”")
		speaks = true
	}
	if t := ownerTitle(s, o); t != "" && (ownForm || result) {
		add(SignalIssuer, wOwnerTitle, "标题以政府机关的名义提供查询：“"+t+"”")
		speaks = true
	}
	if w := oldIssuer(s); w != "" {
		add(SignalOldIssuer, wOldIssuer, "页面自称已撤销的机构“"+w+"”（2018 年机构改革后已不存在）")
		speaks = true
	}
	return speaks
}

// foreignTitle: a title without Chinese characters that names a
// certificate query in pinyin or English (to pass for something else).
func foreignTitle(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if r >= 0x4E00 && r <= 0x9FFF {
			return false
		}
	}
	for _, f := range foreignWords {
		if strings.Contains(t, f.word) {
			return true
		}
	}
	return containsAny(t, []string{"zhengshu", "chaxun", "certificate"})
}

// certNamed is the certificate in scope the page names, "" when none.
func certNamed(s *Snapshot) string {
	for _, w := range scopeWords {
		if strings.Contains(s.Title, w) || strings.Contains(s.Text, w) {
			return w
		}
	}
	return ""
}

// govMark is the government website's mark the page carries (in its text
// or an image's alt text), "" when none.
func govMark(s *Snapshot) string {
	for _, m := range govMarks {
		if strings.Contains(s.Text, m) || slices.ContainsFunc(s.Logos, func(l string) bool { return strings.Contains(l, m) }) {
			return m
		}
	}
	return ""
}

// recordURL is the parameter (or the path segment) of a page's URL that
// carries a certificate or ID number (a result opened from a QR code),
// "" when none.
func recordURL(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same reason every time
	for _, k := range keys {
		v := q.Get(k)
		if !slices.Contains(recordKeys, strings.ToLower(k)) {
			continue
		}
		digits := 0
		for _, r := range v {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if len(v) >= 6 && digits >= 4 {
			return k
		}
	}
	// Any parameter whose value is a certificate number (?c=TS4403…).
	for _, k := range keys {
		if recordSegment.MatchString(q.Get(k)) {
			return k
		}
	}
	if seg := u.Path[strings.LastIndexByte(u.Path, '/')+1:]; recordSegment.MatchString(seg) {
		return seg
	}
	return ""
}

// roster reports whether a text lists several records: two or more lines
// that are a status alone (a table's status column).
func roster(text string) bool {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if l == "有效" || l == "正常" {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}
