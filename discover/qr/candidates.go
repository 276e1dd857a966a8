package qr

import (
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/idna"

	"github.com/certwatch/certwatch/rules"
)

// Candidate is one address read from a QR code.
type Candidate struct {
	Payload  string // the QR text it came from
	URL      string // absolute http(s) URL (a bare host name gets http://)
	Host     string // lower-case ASCII host (IDN in punycode)
	Official bool   // the host is an official query host or under an official suffix
	// Claims is true when the address or the surrounding text presents it
	// as a place to query or verify certificates.
	Claims bool
	// Strong is a non-official host that claims verification: the QR
	// points buyers at a likely imitation query site.
	Strong bool
	// Contact is a messaging or payment code (WeChat, QQ, Alipay): the
	// seller's contact, kept as evidence, never a query site.
	Contact bool
	Reason  string // why, in Chinese, for the reviewer
	// Image is the address of the image the code was read from (set by
	// Follower.Scan).
	Image string

	// Filled by Follower.FollowAll.
	FinalURL  string
	FinalHost string
	Chain     []string // every URL visited, the first being URL
	FollowErr string
}

// OfficialHosts lists the official query hosts and suffixes of a rule
// pack's imitation section (cx.mem.gov.cn, ..., gov.cn), the list
// Candidates takes.
func OfficialHosts(p *rules.Pack) []string {
	if p == nil || p.Imitation == nil {
		return nil
	}
	var out []string
	for _, s := range p.Imitation.Sites {
		out = append(out, s.Hosts...)
	}
	return append(out, p.Imitation.OfficialSuffixes...)
}

// isOfficial reports whether host is one of official or lies under one.
func isOfficial(host string, official []string) bool {
	for _, o := range official {
		o = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(o)), ".")
		if o != "" && (host == o || strings.HasSuffix(host, "."+o)) {
			return true
		}
	}
	return false
}

// contactHosts are the hosts of messaging and payment QR codes, which
// offers carry as the seller's contact (exact or subdomains).
var contactHosts = []string{"weixin.qq.com", "wechat.com", "qm.qq.com", "wpa.qq.com", "qr.alipay.com", "alipay.com", "wxp.qq.com"}

// claimTerms are the Chinese words that present an address as a
// certificate query or verification service.
var claimTerms = []string{"查询", "验证", "官网可查", "可查", "核验", "真伪", "查验", "验真"}

// claimTokens are the ASCII words (whole tokens of the host, path or
// query) that do the same.
var claimTokens = map[string]bool{
	"cx": true, "query": true, "verify": true, "check": true, "chaxun": true, "yanzheng": true,
	"zscx": true, "zhengshu": true, "cert": true, "certificate": true, "heyan": true, "zhenwei": true,
}

var tokenSplit = regexp.MustCompile(`[^a-z0-9]+`)

// claim returns the first claim found in u or text, or "".
func claim(u *url.URL, text string) string {
	for _, t := range claimTerms {
		if strings.Contains(text, t) {
			return "说明文字含“" + t + "”"
		}
	}
	path := u.EscapedPath()
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	q := u.RawQuery
	if v, err := url.QueryUnescape(q); err == nil {
		q = v
	}
	for _, t := range claimTerms {
		if strings.Contains(path, t) || strings.Contains(q, t) {
			return "网址含“" + t + "”"
		}
	}
	for _, part := range []string{u.Hostname(), path, q} {
		for _, tok := range tokenSplit.Split(strings.ToLower(part), -1) {
			if claimTokens[tok] {
				return "网址含“" + tok + "”"
			}
		}
	}
	return ""
}

// urlInText finds http(s) addresses inside a longer payload.
var urlInText = regexp.MustCompile(`(?i)https?://[^\s"'<>，。；、（）]+`)

// parseAddress turns a QR payload into an absolute http(s) URL: the whole
// payload when it is one, the first http(s) address inside it, or a bare
// host name (with an optional path). Other payloads (plain text, phone
// numbers, app schemes) give nil.
func parseAddress(payload string) *url.URL {
	s := strings.TrimSpace(payload)
	if m := urlInText.FindString(s); m != "" {
		s = m
	} else if strings.ContainsAny(s, " \t\r\n") || strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "mailto:") || strings.HasPrefix(strings.ToLower(s), "tel:") {
		return nil
	} else {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return nil
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if a, err := netip.ParseAddr(host); err == nil {
		host = a.String()
	} else {
		ascii, err := idna.Lookup.ToASCII(host)
		if err != nil || !strings.Contains(ascii, ".") {
			return nil
		}
		host = ascii
	}
	if p := u.Port(); p != "" {
		u.Host = net.JoinHostPort(host, p)
	} else if strings.Contains(host, ":") {
		u.Host = "[" + host + "]"
	} else {
		u.Host = host
	}
	u.Fragment = ""
	return u
}

// Candidates classifies decoded QR payloads: those that are addresses
// (URLs or bare host names) become candidates, marked official when the
// host is one of official (exact or a subdomain; see OfficialHosts), and
// Strong when a non-official host claims verification in its address.
// Payloads that are not addresses are skipped; duplicates are merged.
func Candidates(urls []string, official []string) []Candidate {
	return CandidatesNear(urls, official, "")
}

// CandidatesNear is Candidates with the text around the image (the offer
// or listing text), which also counts as a claim of verification ("扫码
// 官网可查").
func CandidatesNear(payloads []string, official []string, text string) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	for _, p := range payloads {
		u := parseAddress(p)
		if u == nil || seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		c := Candidate{Payload: p, URL: u.String(), Host: strings.Trim(u.Hostname(), "[]")}
		c.Official = isOfficial(c.Host, official)
		c.Contact = !c.Official && isOfficial(c.Host, contactHosts)
		why := claim(u, p+" "+text)
		c.Claims = why != ""
		switch {
		case c.Official:
			c.Reason = "二维码指向官方网站 " + c.Host
		case c.Contact:
			c.Reason = "二维码是微信、QQ 或支付宝的联系方式（" + c.Host + "），不是查询网址"
		case c.Claims:
			c.Strong = true
			c.Reason = "二维码指向非官方网站 " + c.Host + "，却声称可查询或验证证书（" + why + "），疑似假冒查询网站"
		default:
			c.Reason = "二维码指向非官方网站 " + c.Host
		}
		out = append(out, c)
	}
	return out
}
