// Package imitation judges whether a page imitates an official
// certificate-query site (issue 14 part 2) by comparing it with reference
// snapshots of the official pages: the title and the issuer's wording, the
// query form's fields, the DOM structure, the logos' text, the ICP filing
// number in the footer, a perceptual hash of the rendered screenshot, and
// "gov" in a host outside gov.cn. Besides the resemblance it reads what a
// page that presents itself as a query service claims (signals.go): the
// government certificate it verifies, the official data or entrance, the
// official platform's name, an abolished issuer, a government website's
// marks, a seller's words next to its own query box, a record with a
// verdict, a bare IP address or an official host's label in its host, a
// link that calls itself the official entrance but leads to another host,
// a claim to be the national query system (operator.go). Who runs the page
// counts too: a sentence that sends a certificate's query to another
// platform, or a clause that disclaims a certificate, is not the page's
// own claim; a body that is not a government one (an association, a
// school, a company) naming itself the operator of a lookup of the
// certificates it issues itself lowers the score; a disabled field asks
// nothing (a news article's picture of the official form). A
// script shell is read from its scripts' string literals. Verdict gives a
// yes or no, a score and the reasons in Chinese; a page on an official
// host or another official query service's host, an aggregator that
// frames or links the official site without a form of its own, a page
// that explains how to verify, and an article (a byline with a date)
// without a form of its own are never imitations.
//
// Extract reads a page (HTML bytes, at most MaxBody of them, at most
// MaxNodes elements) into a Snapshot; a Reference is the Snapshot of an
// official page, with its screenshot's hash when one was rendered.
// References come from a directory of saved official pages (LoadDir, the
// embedded Defaults) and from the official pages a sweep fetches (Set.Keep,
// kept in a state directory: SaveDir / LoadStateDir). Verdict renders
// nothing: the screenshot hash is an optional input.
package imitation

import (
	"bytes"
	"hash/fnv"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/certwatch/certwatch/matcher"
)

// Bounds of one page's extraction.
const (
	MaxBody     = 2 << 20 // bytes of HTML read; the rest is ignored
	MaxNodes    = 20000   // elements read; the rest is ignored
	MaxText     = 64 << 10
	maxTail     = 8 << 10 // text kept from the end of a longer page
	MaxLinks    = 500
	MaxLogos    = 32
	MaxForms    = 16
	MaxFields   = 64 // fields of one form
	shingleSize = 3
)

// Field kinds: the questions a certificate-query form asks.
const (
	FieldName     = "name"      // 姓名
	FieldIDNumber = "id_number" // 身份证号 / 证件号码
	FieldCertNo   = "cert_no"   // 证书编号
	FieldCaptcha  = "captcha"   // 验证码
	FieldCertType = "cert_type" // 证件类型
	FieldCompany  = "company"   // 企业名称
)

// fieldKinds, in display order, with the words of a label or the names of
// an input that ask for each. The first matching kind wins, so
// 证件号码 (an ID number) is read before 证书编号.
var fieldKinds = []struct {
	kind  string
	words []string
	names []string
}{
	{FieldCaptcha, []string{"验证码", "校验码", "verification code", "captcha"}, []string{"yzm", "captcha", "vcode", "checkcode", "verifycode", "validcode", "code"}},
	{FieldCertType, []string{"证件类型", "证书类型", "证件种类"}, []string{"zjlx", "zslx", "certtype", "cardtype", "idtype"}},
	{FieldIDNumber, []string{"身份证", "证件号码", "证件号", "公民身份号码", "id number", "id no", "id card", "identity", "shenfenzheng"}, []string{"sfz", "sfzh", "zjhm", "idcard", "idno", "idnumber", "cardno"}},
	{FieldCertNo, []string{"证书编号", "证书号", "证号", "证书号码", "证书编码", "certificate no", "certificate number", "cert no", "zhengshu bianhao", "zhengshubianhao"}, []string{"zsbh", "zsh", "certno", "certnum", "certificate"}},
	{FieldName, []string{"姓名", "名字", "name", "xingming"}, []string{"xm", "name", "realname", "username"}},
	{FieldCompany, []string{"企业名称", "单位名称", "公司名称"}, []string{"qymc", "dwmc", "company"}},
}

// displayKinds are the field kinds in display order.
var displayKinds = []string{FieldName, FieldIDNumber, FieldCertNo, FieldCertType, FieldCompany, FieldCaptcha}

// FieldKinds are the field kinds in display order.
func FieldKinds() []string { return slices.Clone(displayKinds) }

// Form is one form of a page: where it posts and which questions it asks.
type Form struct {
	Action string   `json:"action"` // absolute URL ("" when it cannot be resolved)
	Kinds  []string `json:"kinds"`  // field kinds, in FieldKinds order
	// Fields are the normalised labels and input names, "label|name|type".
	Fields []string `json:"fields,omitempty"`
}

// Anchor is a link of a page: the host it leads to and its normalised
// text.
type Anchor struct {
	Host string `json:"host"`
	Text string `json:"text"`
}

// maxAnchorText bounds the text kept of one link.
const maxAnchorText = 80

// Snapshot is what the verdict reads of one page.
type Snapshot struct {
	URL   string `json:"url"`
	Host  string `json:"host"`
	Title string `json:"title"` // normalised
	// Text is the normalised visible text (at most MaxText bytes).
	Text  string `json:"-"`
	Forms []Form `json:"forms,omitempty"`
	// Shingles are the sorted hashes of the page's tag sequences (each
	// element with its depth, shingleSize in document order).
	Shingles []uint64 `json:"shingles,omitempty"`
	ICP      []string `json:"icp,omitempty"`   // ICP filing numbers (京ICP备…号)
	Logos    []string `json:"logos,omitempty"` // alt/title texts of images (not captchas), spaces collapsed
	// LinkHosts and FrameHosts are the hosts the page links to and frames.
	LinkHosts  []string `json:"link_hosts,omitempty"`
	FrameHosts []string `json:"frame_hosts,omitempty"`
	// Sent is the normalised visible text one sentence a line (a text
	// split after 。；！？), its clauses joined by "，" (at most MaxText
	// bytes): what a sentence refers elsewhere or disclaims is read in it.
	Sent string `json:"-"`
	// TitleParts are the pieces of the title between its separators
	// (证书查询 - 某某协会), normalised.
	TitleParts []string `json:"-"`
	// Anchors are the links that leave the page with their text (at most
	// MaxLinks, each text at most maxAnchorText runes): what a link
	// calls the place it leads to (官方查询入口 → a host of its own).
	Anchors   []Anchor `json:"anchors,omitempty"`
	Nodes     int      `json:"nodes"`
	Truncated bool     `json:"truncated,omitempty"`
}

// icpPattern finds an ICP filing number in the raw text (before
// normalisation drops the hyphen of 号-1).
var icpPattern = regexp.MustCompile(`[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s*(?i:icp|ＩＣＰ)\s*[备证]\s*[0-9０-９]{4,12}\s*号(?:\s*[-－—]\s*[0-9０-９]{1,3})?`)

// Extract reads a page into a Snapshot. It never fails: bytes that are not
// HTML give a snapshot of text.
func Extract(pageURL string, body []byte) *Snapshot {
	return extract(pageURL, body, true)
}

// extract reads a page; with scripts, the inline scripts of a script
// shell are read too (addScript).
func extract(pageURL string, body []byte, scripts bool) *Snapshot {
	s := &Snapshot{URL: pageURL}
	base, err := url.Parse(pageURL)
	if err == nil {
		s.Host = strings.TrimSuffix(strings.ToLower(base.Hostname()), ".")
	}
	if len(body) > MaxBody {
		body, s.Truncated = body[:MaxBody], true
	}
	resolve := func(ref string) string {
		ref = strings.TrimSpace(ref)
		if base == nil || ref == "" {
			return ""
		}
		u, err := base.Parse(ref)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return ""
		}
		return u.String()
	}
	hostOf := func(ref string) string {
		u, err := url.Parse(resolve(ref))
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	}

	z := html.NewTokenizer(bytes.NewReader(body))
	var (
		text, title strings.Builder
		stack       []atom.Atom
		seq         []string // the tag sequence, for the shingles
		skip        int      // inside script/style
		inTitle     bool
		form        *Form
		lastText    string // the last text seen inside a form (a row's label)
		labelFor    = map[string]string{}
		inLabel     string // the for= of the label being read
		labelText   strings.Builder
		pending     []pendingField  // fields whose label may come from <label for>
		script      strings.Builder // inline scripts' text (bounded)
		inScript    bool
		links       = map[string]bool{}
		frames      = map[string]bool{}
		logos       = map[string]bool{}
		anchor      *Anchor // the link being read
		anchorText  strings.Builder
	)
	// The text past MaxText: its last maxTail bytes are kept too, since
	// the footer (the ICP number, the sponsor) ends a page.
	var tail []string
	tailLen := 0
	var sent strings.Builder
	addText := func(t string) {
		if sent.Len() < MaxText {
			addSentences(&sent, t)
		}
		if text.Len() < MaxText {
			text.WriteString(t)
			text.WriteByte('\n')
			return
		}
		tail = append(tail, t)
		tailLen += len(t)
		for tailLen > maxTail && len(tail) > 1 {
			tailLen -= len(tail[0])
			tail = tail[1:]
		}
	}
	endForm := func() {
		if form == nil {
			return
		}
		for _, p := range pending {
			label := p.label
			if l := labelFor[p.id]; l != "" && p.id != "" {
				label = l
			}
			addField(form, label, p)
		}
		pending = nil
		if len(s.Forms) < MaxForms {
			form.Kinds = sortKinds(form.Kinds)
			s.Forms = append(s.Forms, *form)
		}
		form = nil
	}
loop:
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			break loop
		case html.TextToken:
			if skip > 0 {
				if inScript && scripts && script.Len() < maxScript {
					t := z.Text()
					script.Write(t[:min(len(t), maxScript-script.Len())])
					script.WriteByte('\n')
				}
				continue
			}
			t := strings.TrimSpace(string(z.Text()))
			if t == "" {
				continue
			}
			if inTitle {
				title.WriteString(t)
				continue
			}
			addText(t)
			// The last text seen is the label of the next field, inside
			// a form or not (a field outside a form is labelled by the
			// text just before it, the first one too).
			lastText = t
			if inLabel != "" || labelText.Len() > 0 {
				labelText.WriteString(t)
			}
			if anchor != nil && anchorText.Len() < 4*maxAnchorText {
				anchorText.WriteString(t)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			if s.Nodes >= MaxNodes {
				s.Truncated = true
				break loop
			}
			s.Nodes++
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if len(attrs) < 32 {
					attrs[string(k)] = string(v)
				}
			}
			tag := string(name)
			if a != 0 {
				tag = a.String()
			}
			seq = append(seq, tag+"@"+itoa(min(len(stack), 30)))
			void := tt == html.SelfClosingTagToken || isVoid(a)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if !void {
					skip++
				}
				inScript = a == atom.Script && attrs["src"] == "" && !void
			case atom.Title:
				inTitle = !void
			case atom.A:
				if h := hostOf(attrs["href"]); h != "" && len(links) < MaxLinks {
					links[h] = true
				}
				anchor = nil
				if h := hostOf(attrs["href"]); h != "" && h != s.Host && len(s.Anchors) < MaxLinks && !void {
					anchor = &Anchor{Host: h}
					anchorText.Reset()
				}
			case atom.Iframe, atom.Frame:
				if h := hostOf(attrs["src"]); h != "" && len(frames) < MaxLinks {
					frames[h] = true
				}
			case atom.Img:
				captcha := strings.Contains(attrs["alt"]+attrs["title"], "验证码") || strings.Contains(attrs["title"], "刷新") ||
					strings.Contains(strings.ToLower(attrs["src"]), "captcha")
				if captcha && form != nil {
					addKind(form, FieldCaptcha)
				}
				for _, k := range []string{"alt", "title"} {
					if t := strings.Join(strings.Fields(attrs[k]), " "); !captcha && t != "" && len([]rune(t)) <= 40 && len(logos) < MaxLogos {
						logos[t] = true
					}
				}
			case atom.Form:
				endForm()
				form = &Form{Action: resolve(attrs["action"])}
				if strings.TrimSpace(attrs["action"]) == "" {
					form.Action = resolve(pageURL)
				}
				lastText = ""
			case atom.Label:
				inLabel = attrs["for"]
				if inLabel == "" {
					inLabel = "-"
				}
				labelText.Reset()
			case atom.Input, atom.Select, atom.Textarea:
				typ := strings.ToLower(attrs["type"])
				if a == atom.Select {
					typ = "select"
				}
				_, disabled := attrs["disabled"]
				switch {
				case disabled:
					// A disabled field asks nothing: a picture of a form
					// (a news article's 示意), not a form.
				case typ == "hidden", typ == "submit", typ == "button", typ == "image", typ == "reset", typ == "checkbox", typ == "radio", typ == "file":
				default:
					if form == nil {
						// A field outside a form (scripted search boxes):
						// read it as a form of its own that posts here.
						form = &Form{Action: resolve(pageURL)}
					}
					p := pendingField{id: attrs["id"], name: attrs["name"], typ: typ, placeholder: attrs["placeholder"], label: lastText}
					if inLabel != "" && inLabel != "-" {
						p.id = inLabel
					}
					if inLabel == "-" {
						p.label = labelText.String()
					}
					if len(pending) < MaxFields {
						pending = append(pending, p)
					}
				}
			}
			if !void {
				stack = append(stack, a)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if skip > 0 {
					skip--
				}
				inScript = false
			case atom.Title:
				inTitle = false
			case atom.A:
				if anchor != nil {
					t := []rune(matcher.NormalizeString(anchorText.String()))
					if len(t) > maxAnchorText {
						t = t[:maxAnchorText]
					}
					if len(t) > 0 {
						anchor.Text = string(t)
						s.Anchors = append(s.Anchors, *anchor)
					}
					anchor = nil
				}
			case atom.Form:
				endForm()
			case atom.Label:
				if inLabel != "" && inLabel != "-" {
					labelFor[inLabel] = labelText.String()
				}
				inLabel = ""
				labelText.Reset()
			}
			// Pop to the matching element (browsers close what is open).
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == a {
					stack = stack[:i]
					break
				}
			}
		}
	}
	endForm()
	s.Title = normTitle(title.String())
	s.TitleParts = titleParts(title.String())
	s.Sent = sent.String()
	if len(tail) > 0 && tailLen <= maxTail {
		text.WriteString(strings.Join(tail, "\n"))
	}
	s.Text = matcher.NormalizeString(text.String())
	s.Shingles = shingles(seq)
	s.LinkHosts = sortedSet(links)
	s.FrameHosts = sortedSet(frames)
	s.Logos = sortedSet(logos)
	icp := map[string]bool{}
	for _, m := range icpPattern.FindAllString(text.String(), 8) {
		icp[normICP(m)] = true
	}
	s.ICP = sortedSet(icp)
	if scripts {
		addScript(s, pageURL, script.String(), utf8.RuneCountInString(s.Text))
	}
	return s
}

// addSentences writes the text t to b one normalised sentence a line,
// its clauses joined by "，".
func addSentences(b *strings.Builder, t string) {
	for _, x := range sentences(t, rawSentenceEnds) {
		n := 0
		for _, c := range sentences(x, rawClauseEnds) {
			if c = matcher.NormalizeString(c); c != "" {
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
}

// Where the sentences and the clauses of a raw text end.
const (
	rawSentenceEnds = "。；;！!？?\n"
	rawClauseEnds   = "，,"
)

// titleSeparators split a title into the page's name and its operator's
// (证书查询 - 江苏省建筑行业协会, 学员证书查询_某某学校).
var titleSeparators = []string{" - ", "-", "_", "|", "｜", "·", "—", "–", " ", "　", ":", "："}

// titleParts are the normalised pieces of a raw title between its
// separators (at most 16).
func titleParts(t string) []string {
	parts := []string{t}
	for _, sep := range titleSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	var out []string
	for _, p := range parts {
		if i := strings.IndexAny(p, "（("); i > 0 {
			p = p[:i] // 某某培训中心（宁波）
		}
		if p = normTitle(p); p != "" && len(out) < 16 {
			out = append(out, p)
		}
	}
	return out
}

func normTitle(t string) string { return matcher.NormalizeString(strings.TrimSpace(t)) }

// resolveSelf is the page's URL when it is an http(s) one, "" otherwise.
func resolveSelf(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}

type pendingField struct{ id, name, typ, placeholder, label string }

func addField(f *Form, label string, p pendingField) {
	label = matcher.NormalizeString(strings.TrimSpace(label))
	if len([]rune(label)) > 20 {
		label = string([]rune(label)[len([]rune(label))-20:]) // the words just before the field
	}
	ph := matcher.NormalizeString(p.placeholder)
	name := strings.ToLower(p.name)
	kind := ""
	for _, k := range fieldKinds {
		for _, w := range k.words {
			if strings.Contains(label, w) {
				kind = k.kind
				break
			}
		}
		if kind != "" {
			break
		}
	}
	if kind == "" { // the placeholder, then the input's name
		for _, k := range fieldKinds {
			for _, w := range k.words {
				if strings.Contains(ph, w) {
					kind = k.kind
					break
				}
			}
			if kind != "" {
				break
			}
		}
	}
	if kind == "" {
		for _, k := range fieldKinds {
			if slices.Contains(k.names, name) || slices.Contains(k.names, strings.ToLower(p.id)) {
				kind = k.kind
				break
			}
		}
	}
	if kind != "" {
		addKind(f, kind)
	}
	if len(f.Fields) < MaxFields {
		f.Fields = append(f.Fields, label+"|"+name+"|"+p.typ)
	}
}

func addKind(f *Form, kind string) {
	if !slices.Contains(f.Kinds, kind) {
		f.Kinds = append(f.Kinds, kind)
	}
}

func sortKinds(ks []string) []string {
	var out []string
	for _, k := range displayKinds {
		if slices.Contains(ks, k) {
			out = append(out, k)
		}
	}
	return out
}

func normICP(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' {
			return -1
		}
		return r
	}, s)
	return strings.ToUpper(strings.NewReplacer("ＩＣＰ", "ICP", "－", "-", "—", "-").Replace(s))
}

// shingles hashes each run of shingleSize consecutive tags (FNV-64a) and
// returns the distinct hashes, sorted.
func shingles(seq []string) []uint64 {
	if len(seq) < shingleSize {
		if len(seq) == 0 {
			return nil
		}
		seq = append(seq, make([]string, shingleSize-len(seq))...)
	}
	out := make([]uint64, 0, len(seq))
	for i := 0; i+shingleSize <= len(seq); i++ {
		h := fnv.New64a()
		for _, t := range seq[i : i+shingleSize] {
			h.Write([]byte(t))
			h.Write([]byte{0})
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard is |a∩b| / |a∪b| of two sorted sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
