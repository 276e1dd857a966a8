package allowinternal

import (
	"net/netip"
	"strings"
	"testing"
)

func TestEntry(t *testing.T) {
	for _, tc := range []struct {
		in   string
		net  string
		host string
		err  string
	}{
		{in: "127.0.0.1", net: "127.0.0.1/32"},
		{in: " 10.1.2.3/16 ", net: "10.1.0.0/16"},
		{in: "[::1]", net: "::1/128"},
		{in: "::ffff:192.168.1.5", net: "192.168.1.5/32"},
		{in: "Intranet.Example.", host: "intranet.example"},
		{in: "*.lab.example", host: ".lab.example"},
		{in: "", err: "empty entry"},
		{in: "10.0.0.0/33", err: `"10.0.0.0/33" is not a network such as 127.0.0.1/32`},
		{in: "bad host!", err: `"bad host!" is neither an IP address, a network nor a host name`},
		{in: "*.", err: "is neither"},
		{in: "a..b", err: "is neither"},
		{in: strings.Repeat("a", 64) + ".example", err: "is neither"},
	} {
		pfx, host, err := Entry(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Entry(%q): err %v, want %q", tc.in, err, tc.err)
			}
			if Check(tc.in) == nil {
				t.Errorf("Check(%q) accepted a bad entry", tc.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("Entry(%q): %v", tc.in, err)
			continue
		}
		if tc.net != "" && pfx != netip.MustParsePrefix(tc.net) || tc.net == "" && pfx.IsValid() {
			t.Errorf("Entry(%q) network %v, want %q", tc.in, pfx, tc.net)
		}
		if host != tc.host {
			t.Errorf("Entry(%q) host %q, want %q", tc.in, host, tc.host)
		}
	}
}

func TestHostsAllows(t *testing.T) {
	h := Hosts{}
	for _, e := range []string{"Mock.Example", "*.test.example"} {
		_, host, err := Entry(e)
		if err != nil {
			t.Fatal(err)
		}
		h[host] = true
	}
	for host, want := range map[string]bool{
		"mock.example": true, "MOCK.example.": true, "a.mock.example": false,
		"test.example": false, "a.test.example": true, "b.a.test.example": true,
		"xtest.example": false, "example": false, "": false,
	} {
		if got := h.Allows(host); got != want {
			t.Errorf("Allows(%q) = %v, want %v", host, got, want)
		}
	}
}
