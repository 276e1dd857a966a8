// Package ctlogtest runs a Certificate Transparency log on 127.0.0.1 that
// speaks RFC 6962 get-sth and get-entries, with entries built from
// certificates and precertificates issued in the test, and switches that
// make it lie or answer garbage. It is for tests and benchmarks only.
package ctlogtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// CA issues certificates and precertificates for the test log.
type CA struct {
	key    *ecdsa.PrivateKey
	cert   *x509.Certificate
	der    []byte
	ctCert *ctx509.Certificate
	serial int64
}

// NewCA makes a CA with an ECDSA P-256 key.
func NewCA(t testing.TB) *CA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Test CT CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	ctc, err := ctx509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &CA{key: key, cert: c, der: der, ctCert: ctc, serial: 100}
}

var oidCTPoison = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}

// Issue returns a DER certificate (or precertificate, with the RFC 6962
// poison extension) for the names; the first name is also the CN.
func (ca *CA) Issue(t testing.TB, precert bool, names ...string) []byte {
	t.Helper()
	ca.serial++
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(ca.serial),
		Subject:      pkix.Name{CommonName: names[0]},
		DNSNames:     names,
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	if precert {
		tmpl.ExtraExtensions = []pkix.Extension{{Id: oidCTPoison, Critical: true, Value: asn1.NullBytes}}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// Leaf builds the RFC 6962 get-entries item for a certificate issued by ca.
func (ca *CA) Leaf(t testing.TB, precert bool, der []byte, ts uint64) ct.LeafEntry {
	t.Helper()
	c, err := ctx509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	etype := ct.X509LogEntryType
	if precert {
		etype = ct.PrecertLogEntryType
	}
	mtl, err := ct.MerkleTreeLeafFromChain([]*ctx509.Certificate{c, ca.ctCert}, etype, ts)
	if err != nil {
		t.Fatal(err)
	}
	in, err := cttls.Marshal(*mtl)
	if err != nil {
		t.Fatal(err)
	}
	var extra []byte
	if precert {
		extra, err = cttls.Marshal(ct.PrecertChainEntry{PreCertificate: ct.ASN1Cert{Data: der}, CertificateChain: []ct.ASN1Cert{{Data: ca.der}}})
	} else {
		extra, err = cttls.Marshal(ct.CertificateChain{Entries: []ct.ASN1Cert{{Data: ca.der}}})
	}
	if err != nil {
		t.Fatal(err)
	}
	return ct.LeafEntry{LeafInput: in, ExtraData: extra}
}

// Log is a CT log on 127.0.0.1 speaking RFC 6962 get-sth and
// get-entries, with switches that make it lie or send garbage.
type Log struct {
	srv *httptest.Server
	key *ecdsa.PrivateKey

	mu       sync.Mutex
	Entries  []ct.LeafEntry // the log's entries; tree_size is len(Entries) unless STHSize is set
	MaxBatch int            // entries per get-entries answer (0: no cap)
	Requests int            // requests served

	// Misbehaviour.
	STHSize        *uint64 // claimed tree_size instead of len(entries)
	STHRoot        []byte  // claimed root hash instead of the real one
	GarbageSTH     bool    // answer get-sth with broken JSON
	GarbageEntries bool    // answer get-entries with broken JSON and base64
	ExtraEntries   int     // append this many duplicate entries to each answer
	EmptyEntries   bool    // answer get-entries with no entries
	HugeEntries    bool    // answer get-entries with a 4 MiB body
	Status         int     // non-zero: answer get-entries with this status
	Delay          time.Duration
}

// NewLog starts a log; it is closed when the test ends.
func NewLog(t testing.TB) *Log {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	l := &Log{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("/ct/v1/get-sth", l.getSTH)
	mux.HandleFunc("/ct/v1/get-entries", l.getEntries)
	mux.HandleFunc("/ct/v1/get-sth-consistency", l.getConsistency)
	l.srv = httptest.NewServer(mux)
	t.Cleanup(l.srv.Close)
	return l
}

// URL is the log's base URL.
func (l *Log) URL() string { return l.srv.URL }

// PublicKey is the log key as base64 DER, as in log lists.
func (l *Log) PublicKey(t testing.TB) string {
	der, err := x509.MarshalPKIXPublicKey(&l.key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

// Add appends entries.
func (l *Log) Add(es ...ct.LeafEntry) {
	l.mu.Lock()
	l.Entries = append(l.Entries, es...)
	l.mu.Unlock()
}

// Set changes the log under its lock.
func (l *Log) Set(f func(l *Log)) {
	l.mu.Lock()
	f(l)
	l.mu.Unlock()
}

// RootHash is the RFC 6962 Merkle tree hash of the leaves.
func RootHash(leaves []ct.LeafEntry) [32]byte { return mth(leaves) }

// ConsistencyProof is the RFC 6962 (section 2.1.2) proof that the tree of
// the first m leaves is a prefix of the tree of all leaves.
func ConsistencyProof(leaves []ct.LeafEntry, m int) [][]byte {
	if m <= 0 || m >= len(leaves) {
		return nil
	}
	return subproof(m, leaves, true)
}

func subproof(m int, d []ct.LeafEntry, b bool) [][]byte {
	n := len(d)
	if m == n {
		if b {
			return nil
		}
		h := mth(d)
		return [][]byte{h[:]}
	}
	k := 1
	for k*2 < n {
		k *= 2
	}
	if m <= k {
		h := mth(d[k:])
		return append(subproof(m, d[:k], b), h[:])
	}
	h := mth(d[:k])
	return append(subproof(m-k, d[k:], false), h[:])
}

// mth is the RFC 6962 Merkle tree hash of the leaves.
func mth(leaves []ct.LeafEntry) [32]byte {
	if len(leaves) == 0 {
		return sha256.Sum256(nil)
	}
	if len(leaves) == 1 {
		return sha256.Sum256(append([]byte{0}, leaves[0].LeafInput...))
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	a, b := mth(leaves[:k]), mth(leaves[k:])
	return sha256.Sum256(append(append([]byte{1}, a[:]...), b[:]...))
}

func (l *Log) getSTH(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Requests++
	if l.GarbageSTH {
		w.Write([]byte(`{"tree_size": "lots", <html>`))
		return
	}
	size := uint64(len(l.Entries))
	if l.STHSize != nil {
		size = *l.STHSize
	}
	root := mth(l.Entries[:min(size, uint64(len(l.Entries)))])
	if l.STHRoot != nil {
		copy(root[:], l.STHRoot)
	}
	sth := ct.SignedTreeHead{Version: ct.V1, TreeSize: size, Timestamp: uint64(time.Now().UnixMilli()), SHA256RootHash: root}
	input, err := ct.SerializeSTHSignatureInput(sth)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	digest := sha256.Sum256(input)
	sig, err := ecdsa.SignASN1(rand.Reader, l.key, digest[:])
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	ds, err := cttls.Marshal(cttls.DigitallySigned{
		Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.SHA256, Signature: cttls.ECDSA},
		Signature: sig,
	})
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	json.NewEncoder(w).Encode(ct.GetSTHResponse{TreeSize: size, Timestamp: sth.Timestamp, SHA256RootHash: root[:], TreeHeadSignature: ds})
}

func (l *Log) getEntries(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.Requests++
	delay := l.Delay
	l.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	start, err1 := strconv.ParseInt(r.FormValue("start"), 10, 64)
	end, err2 := strconv.ParseInt(r.FormValue("end"), 10, 64)
	if err1 != nil || err2 != nil || start < 0 || end < start || start >= int64(len(l.Entries)) {
		http.Error(w, "bad range", http.StatusBadRequest)
		return
	}
	switch {
	case l.Status != 0:
		http.Error(w, "log unavailable", l.Status)
		return
	case l.GarbageEntries:
		w.Write([]byte(`{"entries": [{"leaf_input": "!!!not base64!!!"`))
		return
	case l.HugeEntries:
		w.Write([]byte(`{"entries": [{"leaf_input": "`))
		chunk := make([]byte, 1<<16)
		for i := range chunk {
			chunk[i] = 'A'
		}
		for range 64 { // 4 MiB
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		w.Write([]byte(`"}]}`))
		return
	}
	end = min(end, int64(len(l.Entries))-1)
	if l.MaxBatch > 0 {
		end = min(end, start+int64(l.MaxBatch)-1)
	}
	resp := ct.GetEntriesResponse{}
	if !l.EmptyEntries {
		resp.Entries = append(resp.Entries, l.Entries[start:end+1]...)
		for range l.ExtraEntries {
			resp.Entries = append(resp.Entries, l.Entries[start])
		}
	}
	json.NewEncoder(w).Encode(resp)
}

// AddCert issues a certificate (or precertificate) for the names with ca
// and appends its entry, stamped now.
func (l *Log) AddCert(t testing.TB, ca *CA, precert bool, names ...string) {
	t.Helper()
	l.Add(ca.Leaf(t, precert, ca.Issue(t, precert, names...), uint64(time.Now().UnixMilli())))
}

func (l *Log) getConsistency(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Requests++
	first, err1 := strconv.ParseUint(r.FormValue("first"), 10, 64)
	second, err2 := strconv.ParseUint(r.FormValue("second"), 10, 64)
	if err1 != nil || err2 != nil || first > second || second > uint64(len(l.Entries)) {
		http.Error(w, "bad range", http.StatusBadRequest)
		return
	}
	json.NewEncoder(w).Encode(ct.GetSTHConsistencyResponse{Consistency: ConsistencyProof(l.Entries[:second], int(first))})
}
