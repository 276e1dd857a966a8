package ctlog

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

// testCA issues certificates and precertificates for the test log.
type testCA struct {
	key    *ecdsa.PrivateKey
	cert   *x509.Certificate
	der    []byte
	ctCert *ctx509.Certificate
	serial int64
}

func newTestCA(t testing.TB) *testCA {
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
	return &testCA{key: key, cert: c, der: der, ctCert: ctc, serial: 100}
}

var oidCTPoison = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}

// issue returns a DER certificate (or precertificate, with the RFC 6962
// poison extension) for the names; the first name is also the CN.
func (ca *testCA) issue(t testing.TB, precert bool, names ...string) []byte {
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

// leaf builds the RFC 6962 get-entries item for a certificate issued by ca.
func (ca *testCA) leaf(t testing.TB, precert bool, der []byte, ts uint64) ct.LeafEntry {
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

// testLog is a CT log on 127.0.0.1 speaking RFC 6962 get-sth and
// get-entries, with switches that make it lie or send garbage.
type testLog struct {
	srv *httptest.Server
	key *ecdsa.PrivateKey

	mu       sync.Mutex
	entries  []ct.LeafEntry
	maxBatch int // entries per get-entries answer (0: no cap)
	requests int

	// Misbehaviour.
	sthSize      *uint64 // claimed tree_size instead of len(entries)
	sthRoot      []byte  // claimed root hash instead of the real one
	garbageSTH   bool
	garbageEnts  bool
	extraEntries int // append this many duplicate entries to each answer
	emptyEntries bool
	hugeEntries  bool
	status       int // non-zero: answer get-entries with this status
	delay        time.Duration
}

func newTestLog(t testing.TB) *testLog {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	l := &testLog{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("/ct/v1/get-sth", l.getSTH)
	mux.HandleFunc("/ct/v1/get-entries", l.getEntries)
	l.srv = httptest.NewServer(mux)
	t.Cleanup(l.srv.Close)
	return l
}

func (l *testLog) url() string { return l.srv.URL }

// publicKey is the log key as base64 DER, as in log lists.
func (l *testLog) publicKey(t testing.TB) string {
	der, err := x509.MarshalPKIXPublicKey(&l.key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

func (l *testLog) add(es ...ct.LeafEntry) {
	l.mu.Lock()
	l.entries = append(l.entries, es...)
	l.mu.Unlock()
}

func (l *testLog) set(f func(l *testLog)) {
	l.mu.Lock()
	f(l)
	l.mu.Unlock()
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

func (l *testLog) getSTH(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests++
	if l.garbageSTH {
		w.Write([]byte(`{"tree_size": "lots", <html>`))
		return
	}
	size := uint64(len(l.entries))
	if l.sthSize != nil {
		size = *l.sthSize
	}
	root := mth(l.entries[:min(int(size), len(l.entries))])
	if l.sthRoot != nil {
		copy(root[:], l.sthRoot)
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

func (l *testLog) getEntries(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.requests++
	delay := l.delay
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
	if err1 != nil || err2 != nil || start < 0 || end < start || start >= int64(len(l.entries)) {
		http.Error(w, "bad range", http.StatusBadRequest)
		return
	}
	switch {
	case l.status != 0:
		http.Error(w, "log unavailable", l.status)
		return
	case l.garbageEnts:
		w.Write([]byte(`{"entries": [{"leaf_input": "!!!not base64!!!"`))
		return
	case l.hugeEntries:
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
	end = min(end, int64(len(l.entries))-1)
	if l.maxBatch > 0 {
		end = min(end, start+int64(l.maxBatch)-1)
	}
	resp := ct.GetEntriesResponse{}
	if !l.emptyEntries {
		resp.Entries = append(resp.Entries, l.entries[start:end+1]...)
		for range l.extraEntries {
			resp.Entries = append(resp.Entries, l.entries[start])
		}
	}
	json.NewEncoder(w).Encode(resp)
}
