// Package hostfactstest has the local servers and files the tests of
// host facts use: a WHOIS server on 127.0.0.1 (RFC 3912) and a
// MaxMind-format IP database written with github.com/maxmind/mmdbwriter
// (Apache-2.0). Only tests and the sample web (package testbed) import it.
package hostfactstest

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// WHOISServer starts a WHOIS server on 127.0.0.1 (StartWHOIS), stopped
// when the test ends, and returns its host:port.
func WHOISServer(t testing.TB, answer func(query string, w io.Writer)) string {
	t.Helper()
	addr, stop, err := StartWHOIS(answer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return addr
}

// StartWHOIS starts a WHOIS server on 127.0.0.1 and returns its host:port
// and the function that stops it (and waits for its connections): each
// connection's query (CRLF trimmed, at most 512 bytes read) is handed to
// answer, which writes the answer before the connection is closed. A nil
// answer never answers (until stopped).
func StartWHOIS(answer func(query string, w io.Writer)) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
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
				_ = c.SetDeadline(time.Now().Add(time.Minute))
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
	var once sync.Once
	stop := func() {
		once.Do(func() {
			close(done)
			ln.Close()
			wg.Wait()
		})
	}
	return ln.Addr().String(), stop, nil
}

// Provider is the record MMDB writes for a network.
type Provider struct {
	Network string // CIDR
	ASN     uint32
	ASOrg   string
	ISP     string
	Country string
}

// MMDB writes an IP database of the given networks (WriteMMDB) in a
// temporary directory and returns its path.
func MMDB(t testing.TB, nets ...Provider) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ip.mmdb")
	if err := WriteMMDB(path, nets...); err != nil {
		t.Fatal(err)
	}
	return path
}

// WriteMMDB writes an IP database of the given networks (reserved
// networks such as 127.0.0.0/8 included) to path, of database type
// "Test-ASN-ISP" (the sample web's demo uses it too).
func WriteMMDB(path string, nets ...Provider) error {
	tree, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: "Test-ASN-ISP", IncludeReservedNetworks: true, RecordSize: 24})
	if err != nil {
		return err
	}
	for _, p := range nets {
		_, nw, err := net.ParseCIDR(p.Network)
		if err != nil {
			return err
		}
		if err := tree.Insert(nw, mmdbtype.Map{
			"autonomous_system_number":       mmdbtype.Uint32(p.ASN),
			"autonomous_system_organization": mmdbtype.String(p.ASOrg),
			"isp":                            mmdbtype.String(p.ISP),
			"country":                        mmdbtype.Map{"iso_code": mmdbtype.String(p.Country)},
		}); err != nil {
			return err
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := tree.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
