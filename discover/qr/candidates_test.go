package qr

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/certwatch/certwatch/rules"
)

func officialFromPack(t *testing.T) []string {
	t.Helper()
	p, err := rules.LoadFile(filepath.Join("..", "..", "rules", "default.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	off := OfficialHosts(p)
	for _, h := range []string{"cx.mem.gov.cn", "zlaq.mohurd.gov.cn", "cnse.e-cqs.cn", "gov.cn"} {
		if !slices.Contains(off, h) {
			t.Fatalf("OfficialHosts(default pack) = %q lacks %s", off, h)
		}
	}
	return off
}

func TestCandidatesClassify(t *testing.T) {
	off := officialFromPack(t)
	for _, tc := range []struct {
		payload          string
		host             string // "" when not an address
		official, strong bool
	}{
		{"https://cx.mem.gov.cn/", "cx.mem.gov.cn", true, false},
		{"http://CNSE.e-cqs.cn/query?x=1", "cnse.e-cqs.cn", true, false},
		{"http://www.ah.gov.cn/zscx", "www.ah.gov.cn", true, false},
		{"http://cx-mem-gov.top/index.html", "cx-mem-gov.top", false, true},
		{"http://tzzy.example.com/query/cert.php?id=1", "tzzy.example.com", false, true},
		{"http://mem.gov.cn.zs123.com/%E8%AF%81%E4%B9%A6%E6%9F%A5%E8%AF%A2", "mem.gov.cn.zs123.com", false, true},
		{"扫码官网可查 http://zs-yjglb.cn/a", "zs-yjglb.cn", false, true},
		{"zscx-cnse.com/x", "zscx-cnse.com", false, true},
		{"http://shop.example.com/item/88", "shop.example.com", false, false},
		{"http://证书.中国/abc", "xn--1jqs90m.xn--fiqs8s", false, false},
		{"weixin://dl/chat?abc", "", false, false},
		{"tel:13800000000", "", false, false},
		{"加微信 abc123 办证", "", false, false},
		{"ftp://cx-mem.top/", "", false, false},
		{"http://user:pw@cx-mem.top/", "", false, false},
		{"localhost", "", false, false},
	} {
		got := Candidates([]string{tc.payload}, off)
		if tc.host == "" {
			if len(got) != 0 {
				t.Errorf("%q gave candidates %+v; want none", tc.payload, got)
			}
			continue
		}
		if len(got) != 1 {
			t.Errorf("%q gave %d candidates; want 1", tc.payload, len(got))
			continue
		}
		c := got[0]
		if c.Host != tc.host || c.Official != tc.official || c.Strong != tc.strong || c.Reason == "" {
			t.Errorf("%q = host %q official %v strong %v (%s); want %q %v %v", tc.payload, c.Host, c.Official, c.Strong, c.Reason, tc.host, tc.official, tc.strong)
		}
	}
}

func TestCandidatesNearText(t *testing.T) {
	off := officialFromPack(t)
	plain := "http://shop.example.com/item/88"
	if c := Candidates([]string{plain}, off); len(c) != 1 || c[0].Strong {
		t.Fatalf("plain shop address = %+v; want one weak candidate", c)
	}
	c := CandidatesNear([]string{plain, plain}, off, "特种作业操作证，扫码官网可查，包过")
	if len(c) != 1 || !c[0].Strong || !c[0].Claims {
		t.Fatalf("with surrounding text = %+v; want one strong candidate", c)
	}
	if c := CandidatesNear([]string{"https://cx.mem.gov.cn/"}, off, "官网可查"); len(c) != 1 || c[0].Strong {
		t.Fatalf("official host with claim text = %+v; want not strong", c)
	}
	// the seller's WeChat code beside "官网可查" is a contact, not a query site
	c = CandidatesNear([]string{"https://u.wechat.com/EAbc-xyz", "http://weixin.qq.com/r/abcDEF"}, off, "加微信 扫码官网可查")
	if len(c) != 2 || c[0].Strong || c[1].Strong || !c[0].Contact || !c[1].Contact {
		t.Fatalf("WeChat contact codes = %+v; want contacts, not strong", c)
	}
}
