// Package hostfactstest has the local servers and files the tests of
// host facts use: a WHOIS server on 127.0.0.1 (RFC 3912) and a
// MaxMind-format IP database written with github.com/maxmind/mmdbwriter
// (Apache-2.0). Only tests import it.
package hostfactstest

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// WHOISServer starts a WHOIS server on 127.0.0.1 and returns its
// host:port: each connection's query (CRLF trimmed) is handed to answer,
// which writes the answer before the connection is closed. A nil answer
// never answers (until the test ends).
func WHOISServer(t testing.TB, answer func(query string, w io.Writer)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				buf := make([]byte, 512)
				n, _ := c.Read(buf)
				q := strings.TrimSpace(string(buf[:n]))
				if answer == nil {
					<-done
					return
				}
				answer(q, c)
			}()
		}
	}()
	return ln.Addr().String()
}

// Provider is the record MMDB writes for a network.
type Provider struct {
	Network string // CIDR
	ASN     uint32
	ASOrg   string
	ISP     string
	Country string
}

// MMDB writes an IP database of the given networks (reserved networks
// such as 127.0.0.0/8 included) in a temporary directory and returns its
// path. Its database type is "Test-ASN-ISP".
func MMDB(t testing.TB, nets ...Provider) string {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: "Test-ASN-ISP", IncludeReservedNetworks: true, RecordSize: 24})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range nets {
		_, nw, err := net.ParseCIDR(p.Network)
		if err != nil {
			t.Fatal(err)
		}
		if err := tree.Insert(nw, mmdbtype.Map{
			"autonomous_system_number":       mmdbtype.Uint32(p.ASN),
			"autonomous_system_organization": mmdbtype.String(p.ASOrg),
			"isp":                            mmdbtype.String(p.ISP),
			"country":                        mmdbtype.Map{"iso_code": mmdbtype.String(p.Country)},
		}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "ip.mmdb")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tree.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
