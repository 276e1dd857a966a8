package testbed

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"math/big"
	"net/http"
	"strconv"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// The sites of issue 14's Certificate Transparency discovery: a CT log
// whose third entry is a precertificate for an imitation query site that
// no page links to, no source names and no lookalike permutation
// produces: only the log names it (discover.ct).
const (
	// HostCTLog serves an RFC 6962 log (get-sth, get-entries) of
	// certificates issued when the sample web starts.
	HostCTLog = "ct-log.example"
	// HostCTImitation is an imitation of the 应急管理部 query platform,
	// the same pages as cx-mem-gov.example, on a name the CT rules match
	// (issuer pinyin and a query word) but the lookalike list lacks.
	HostCTImitation = "yingji-zscx.top"
)

// CTLogURL is the demo log's base URL; CTImitationURL the home page of
// the imitation site only the log names.
func CTLogURL() string       { return urlOf(HostCTLog, "") }
func CTImitationURL() string { return urlOf(HostCTImitation, "/") }

// ctLogNames are the names of the log's entries, one certificate each;
// ctLogImitationIndex is the entry of HostCTImitation.
var ctLogNames = [][]string{{"www.example-shop.com", "example-shop.com"}, {"mail.news.example"}, {HostCTImitation}, {"cdn.example.net"}}

const ctLogImitationIndex = 2

var oidCTPoison = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}

// ctLogEpoch is when the sample log's certificates were issued and logged.
var ctLogEpoch = time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)

// ctLogKey is an Ed25519 key derived from name: the sample log's keys and
// certificates (Ed25519 signatures are deterministic) are the same in
// every run, so its tree is the same, and a sweep that saved its position
// in an earlier run of the demo finds the tree it left, not a fork.
func ctLogKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("certwatch sample web CT log: " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

// ctLogSite builds the log: a CA, its certificates (the imitation's a
// precertificate, as logged before issuance), and the log's key.
func (w *Web) ctLogSite() (http.Handler, error) {
	caKey := ctLogKey("ca")
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Sample Web Test CA"},
		NotBefore: ctLogEpoch, NotAfter: ctLogEpoch.Add(10 * 365 * 24 * time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		return nil, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	caCT, err := ctx509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	ts := uint64(ctLogEpoch.UnixMilli())
	var entries []ct.LeafEntry
	for i, names := range ctLogNames {
		pre := i == ctLogImitationIndex
		key := ctLogKey(names[0])
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(int64(100 + i)), Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
			NotBefore: ctLogEpoch, NotAfter: ctLogEpoch.Add(90 * 24 * time.Hour)}
		etype := ct.X509LogEntryType
		if pre {
			tmpl.ExtraExtensions = []pkix.Extension{{Id: oidCTPoison, Critical: true, Value: asn1.NullBytes}}
			etype = ct.PrecertLogEntryType
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
		if err != nil {
			return nil, err
		}
		c, err := ctx509.ParseCertificate(der)
		if err != nil {
			return nil, err
		}
		mtl, err := ct.MerkleTreeLeafFromChain([]*ctx509.Certificate{c, caCT}, etype, ts)
		if err != nil {
			return nil, err
		}
		in, err := cttls.Marshal(*mtl)
		if err != nil {
			return nil, err
		}
		var extra []byte
		if pre {
			extra, err = cttls.Marshal(ct.PrecertChainEntry{PreCertificate: ct.ASN1Cert{Data: der}, CertificateChain: []ct.ASN1Cert{{Data: caDER}}})
		} else {
			extra, err = cttls.Marshal(ct.CertificateChain{Entries: []ct.ASN1Cert{{Data: caDER}}})
		}
		if err != nil {
			return nil, err
		}
		entries = append(entries, ct.LeafEntry{LeafInput: in, ExtraData: extra})
	}
	logKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	root := merkleRoot(entries)
	sth := ct.SignedTreeHead{Version: ct.V1, TreeSize: uint64(len(entries)), Timestamp: ts, SHA256RootHash: root}
	input, err := ct.SerializeSTHSignatureInput(sth)
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(input)
	sig, err := ecdsa.SignASN1(rand.Reader, logKey, digest[:])
	if err != nil {
		return nil, err
	}
	ds, err := cttls.Marshal(cttls.DigitallySigned{Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.SHA256, Signature: cttls.ECDSA}, Signature: sig})
	if err != nil {
		return nil, err
	}
	sthJSON, err := json.Marshal(ct.GetSTHResponse{TreeSize: sth.TreeSize, Timestamp: ts, SHA256RootHash: root[:], TreeHeadSignature: ds})
	if err != nil {
		return nil, err
	}

	s := newSite(allowAll)
	s.page("/", ctHTML, []byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>证书透明度日志（示例）</title></head>`+
		`<body><h1>证书透明度日志（示例）</h1><p>本日志按 RFC 6962 提供 get-sth 和 get-entries 接口，共 `+strconv.Itoa(len(entries))+` 条证书记录。</p></body></html>`))
	s.page("/ct/v1/get-sth", ctJSON, sthJSON)
	s.handle("GET /ct/v1/get-entries", func(rw http.ResponseWriter, r *http.Request) {
		start, err1 := strconv.Atoi(r.FormValue("start"))
		end, err2 := strconv.Atoi(r.FormValue("end"))
		if err1 != nil || err2 != nil || start < 0 || end < start || start >= len(entries) {
			http.Error(rw, "bad range", http.StatusBadRequest)
			return
		}
		end = min(end, len(entries)-1)
		rw.Header().Set("Content-Type", ctJSON)
		_ = json.NewEncoder(rw).Encode(ct.GetEntriesResponse{Entries: entries[start : end+1]})
	})
	return s, nil
}

// merkleRoot is the RFC 6962 Merkle tree hash of the leaves.
func merkleRoot(leaves []ct.LeafEntry) [32]byte {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return sha256.Sum256(append([]byte{0}, leaves[0].LeafInput...))
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	a, b := merkleRoot(leaves[:k]), merkleRoot(leaves[k:])
	return sha256.Sum256(append(append([]byte{1}, a[:]...), b[:]...))
}
