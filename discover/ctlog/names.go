package ctlog

import (
	"encoding/base64"
	"fmt"
	"strings"

	ct "github.com/google/certificate-transparency-go"

	"github.com/certwatch/certwatch/discover/lookalike"
)

// entry is the part of a parsed log entry the matcher needs.
type entry struct {
	precert   bool
	timestamp uint64
	dns       []string
	cn        string
	serial    string
	issuer    string
}

// parseEntry decodes the MerkleTreeLeaf and the (pre)certificate of one
// get-entries item. Non-fatal X.509 defects are tolerated; anything the
// library rejects, or a panic inside it, is an error.
func parseEntry(idx int64, le *ct.LeafEntry) (e entry, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("entry %d: parser panic: %v", idx, r)
		}
	}()
	le2, err := ct.LogEntryFromLeaf(idx, le)
	if le2 == nil {
		if err == nil {
			err = fmt.Errorf("entry %d: empty", idx)
		}
		return entry{}, err
	}
	e.timestamp = le2.Leaf.TimestampedEntry.Timestamp
	switch {
	case le2.X509Cert != nil:
		c := le2.X509Cert
		e.dns, e.cn, e.issuer = c.DNSNames, c.Subject.CommonName, c.Issuer.CommonName
		if c.SerialNumber != nil {
			e.serial = c.SerialNumber.Text(16)
		}
	case le2.Precert != nil && le2.Precert.TBSCertificate != nil:
		c := le2.Precert.TBSCertificate
		e.precert = true
		e.dns, e.cn, e.issuer = c.DNSNames, c.Subject.CommonName, c.Issuer.CommonName
		if c.SerialNumber != nil {
			e.serial = c.SerialNumber.Text(16)
		}
	default:
		return entry{}, fmt.Errorf("entry %d: no certificate", idx)
	}
	return e, nil
}

// names returns the distinct valid DNS names of the entry (SANs, then the
// subject CN when it is a host name), lower case, wildcard label removed,
// at most max.
func (e entry) names(max int) []string {
	out := make([]string, 0, len(e.dns)+1)
	seen := make(map[string]bool, len(e.dns)+1)
	add := func(s string) {
		if len(out) >= max {
			return
		}
		if n, ok := NormalizeName(s); ok && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, d := range e.dns {
		add(d)
	}
	add(e.cn)
	return out
}

// NormalizeName turns a certificate name into the form the matcher takes:
// lower case, no trailing dot, a leading "*." removed; ok is false for
// anything that is not a valid ASCII host name (IP addresses, free-text CNs).
func NormalizeName(s string) (string, bool) {
	if len(s) > 255 {
		return "", false
	}
	s = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".")
	s = strings.TrimPrefix(s, "*.")
	if !lookalike.ValidName(s) {
		return "", false
	}
	return s, true
}

func decodeKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "-----BEGIN PUBLIC KEY-----")
	s = strings.TrimSuffix(s, "-----END PUBLIC KEY-----")
	s = strings.Join(strings.Fields(s), "")
	return base64.StdEncoding.DecodeString(s)
}
