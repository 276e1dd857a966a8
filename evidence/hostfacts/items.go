package hostfacts

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// Item is one entry of a referral's list of materials about the host, in
// the words people read: Key names it (casework.ReferralItem, whose Name
// is the label), Lines are its content.
type Item struct {
	Key   casework.ReferralItem
	State casework.ReferralState
	Lines []string
	// Problem is why the part failed, when it did.
	Problem string
	// Text is a long verbatim text (the WHOIS answer), shown apart.
	Text string
}

// Label is the item's Chinese name.
func (it Item) Label() string { return it.Key.Name() }

// HostItems are the referral items the facts cover, in the order a
// referral lists them. f may be nil (nothing collected): every item is
// then missing.
func HostItems(f *Facts) []Item {
	keys := []casework.ReferralItem{casework.ReferralAddresses, casework.ReferralCertificate, casework.ReferralCT,
		casework.ReferralHeaders, casework.ReferralWHOIS, casework.ReferralProvider}
	out := make([]Item, 0, len(keys))
	for _, k := range keys {
		it := Item{Key: k, State: casework.ReferralMissing}
		if f != nil {
			fill(f, &it)
		}
		out = append(out, it)
	}
	return out
}

func fill(f *Facts, it *Item) {
	problem := func(part string) {
		var ps []string
		for _, p := range f.Problems {
			if p.Part == part {
				ps = append(ps, p.Err)
			}
		}
		it.Problem = clip(strings.Join(ps, "; "), 600)
		if slices.Contains(f.NotAsked, part) {
			it.State = casework.ReferralNotConfigured
		}
	}
	present := func() { it.State = casework.ReferralPresent }
	switch it.Key {
	case casework.ReferralAddresses:
		problem(PartDNS)
		for _, a := range f.Addresses {
			line := a.IP + "（" + sourceName(a.Source) + "）"
			if len(a.PTR) > 0 {
				line += "，反向解析 " + strings.Join(a.PTR, "、")
			} else {
				line += "，无反向解析记录"
			}
			it.Lines = append(it.Lines, line)
		}
		if len(f.CNAMEs) > 0 {
			it.Lines = append(it.Lines, "别名（CNAME）："+f.Host+" → "+strings.Join(f.CNAMEs, " → "))
		}
		if len(f.Addresses) > 0 {
			present()
		}
		if ptr := problemsOf(f, PartPTR); ptr != "" {
			it.Lines = append(it.Lines, "反向解析未获得的："+ptr)
		}
	case casework.ReferralCertificate:
		problem(PartTLS)
		if f.TLS == nil || len(f.TLS.Chain) == 0 {
			return
		}
		present()
		t := f.TLS
		c := t.Chain[0]
		it.Lines = append(it.Lines,
			"主体："+c.Subject,
			"签发者："+c.Issuer,
			"证书包含的域名（SAN）："+orNone(strings.Join(append(slices.Clone(c.DNSNames), c.IPAddresses...), "、")),
			"有效期："+stamp(c.NotBefore)+" 至 "+stamp(c.NotAfter),
			"序列号："+c.Serial,
			"SHA-256 指纹："+c.SHA256,
			fmt.Sprintf("连接：%s，%s，%s", t.Addr, t.Version, t.CipherSuite))
		switch {
		case t.Verified:
			it.Lines = append(it.Lines, "证书链校验：通过（系统根证书）")
		case c.SelfSigned:
			it.Lines = append(it.Lines, "证书链校验：未通过（自签名证书）")
		default:
			it.Lines = append(it.Lines, "证书链校验：未通过（"+t.VerifyErr+"）")
		}
		for i, ic := range t.Chain[1:] {
			it.Lines = append(it.Lines, fmt.Sprintf("证书链第 %d 张：%s（签发者 %s，SHA-256 %s）", i+2, ic.Subject, ic.Issuer, ic.SHA256))
		}
	case casework.ReferralCT:
		problem(PartTLS)
		if f.TLS == nil {
			return
		}
		for _, s := range f.TLS.SCTs {
			src := "握手时提供"
			if s.Source == "cert" {
				src = "嵌入证书"
			}
			it.Lines = append(it.Lines, fmt.Sprintf("SCT v%d（%s）：日志 ID %s，时间 %s", s.Version, src, s.LogID, stamp(s.Timestamp)))
		}
		if f.TLS.SCTErr != "" {
			it.Problem = f.TLS.SCTErr
		}
		if len(f.TLS.SCTs) > 0 {
			present()
		} else {
			it.Lines = append(it.Lines, "证书未带证书透明度记录（SCT）")
		}
	case casework.ReferralHeaders:
		problem(PartHTTP)
		h := f.HTTP
		if h == nil {
			return
		}
		present()
		it.Lines = append(it.Lines, fmt.Sprintf("%s %s → %d（%s，连接 %s）", h.Method, f.URL, h.Status, h.Proto, h.Addr))
		var rest []string
		for k := range h.Header {
			if !slices.Contains(NotableHeaders, k) {
				rest = append(rest, k)
			}
		}
		slices.Sort(rest)
		for _, k := range append(slices.Clone(NotableHeaders), rest...) {
			for _, v := range h.Header[http.CanonicalHeaderKey(k)] {
				it.Lines = append(it.Lines, k+": "+v)
			}
		}
		if h.Cut {
			it.Lines = append(it.Lines, fmt.Sprintf("（响应头过多或过长，只保留前 %d 项）", MaxHeaders))
		}
	case casework.ReferralWHOIS:
		problem(PartWHOIS)
		w := f.WHOIS
		if w == nil {
			return
		}
		present()
		line := fmt.Sprintf("查询 %s（服务器 %s，%s），%d 字节，SHA-256 %s", w.Query, w.Server, stamp(w.At), w.Bytes, w.SHA256)
		if w.Truncated {
			line += "；应答过长，只保留前 " + fmt.Sprint(w.Bytes) + " 字节"
		}
		it.Lines = append(it.Lines, line)
		it.Text = w.Text
	case casework.ReferralProvider:
		problem(PartIPDB)
		if f.IPDB == nil {
			return
		}
		for _, a := range f.Addresses {
			p := a.Provider
			if p == nil {
				it.Lines = append(it.Lines, a.IP+"：IP 库中无记录")
				continue
			}
			line := a.IP + "：" + orNone(p.Name())
			if p.ASN != 0 {
				line += fmt.Sprintf("（AS%d", p.ASN)
				if p.ASOrg != "" && p.ASOrg != p.Name() {
					line += " " + p.ASOrg
				}
				line += "）"
			}
			if p.Country != "" {
				line += "，国家/地区 " + p.Country
			}
			if p.Network != "" {
				line += "，网段 " + p.Network
			}
			it.Lines = append(it.Lines, line)
			present()
		}
		it.Lines = append(it.Lines, fmt.Sprintf("IP 库：%s（生成于 %s）", f.IPDB.Type, stamp(f.IPDB.Built)))
	}
}

func problemsOf(f *Facts, part string) string {
	var ps []string
	for _, p := range f.Problems {
		if p.Part == part {
			ps = append(ps, p.Err)
		}
	}
	return clip(strings.Join(ps, "; "), 600)
}

func sourceName(s string) string {
	switch s {
	case "dns":
		return "DNS 解析"
	case "resolve":
		return "配置的解析覆盖"
	case "literal":
		return "网址中的 IP"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

// stamp is t in Beijing time, to the second.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(beijing).Format("2006-01-02 15:04:05") + "（北京时间）"
}

var beijing = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*60*60)
}()
