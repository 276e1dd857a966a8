package hostfacts

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// TLSFacts is what the TLS handshake showed.
type TLSFacts struct {
	Addr        string `json:"addr"` // the "ip:port" the handshake was made with
	Version     string `json:"version"`
	CipherSuite string `json:"cipher_suite"`
	ALPN        string `json:"alpn,omitempty"`
	// Verified: the chain verifies for the host name against the system
	// roots; VerifyErr says why not.
	Verified  bool   `json:"verified"`
	VerifyErr string `json:"verify_err,omitempty"`
	// Chain is the certificates the server sent, leaf first.
	Chain []Cert `json:"chain"`
	// SCTs are the leaf's Certificate Transparency timestamps: those the
	// server sent in the handshake (Source "tls") and those embedded in
	// the certificate (Source "cert").
	SCTs []SCT `json:"scts,omitempty"`
	// SCTErr says why an SCT list could not be read.
	SCTErr string `json:"sct_err,omitempty"`
}

// Cert is one certificate.
type Cert struct {
	Subject      string    `json:"subject"`
	Issuer       string    `json:"issuer"`
	DNSNames     []string  `json:"dns_names,omitempty"`
	IPAddresses  []string  `json:"ip_addresses,omitempty"`
	NotBefore    time.Time `json:"not_before"`
	NotAfter     time.Time `json:"not_after"`
	Serial       string    `json:"serial"` // upper-case hex
	SHA256       string    `json:"sha256"` // fingerprint of the DER, lower-case hex
	SignatureAlg string    `json:"signature_alg"`
	PublicKeyAlg string    `json:"public_key_alg"`
	SelfSigned   bool      `json:"self_signed,omitempty"`
}

// SCT is one signed certificate timestamp.
type SCT struct {
	Source    string    `json:"source"` // "tls" or "cert"
	Version   int       `json:"version"`
	LogID     string    `json:"log_id"` // base64, as CT log lists write it
	LogIDHex  string    `json:"log_id_hex"`
	Timestamp time.Time `json:"timestamp"`
}

// oidSCTList is the embedded SCT list extension (RFC 6962 section 3.3).
var oidSCTList = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}

// tlsFacts makes a TLS handshake with the first target that answers and
// records the chain and SCTs. Verification is recorded, never required:
// a forged site's certificate is evidence whatever it is.
func (c *Collector) tlsFacts(ctx context.Context, r *run, host string, targets []string, terr error) {
	if terr != nil {
		r.fail(PartTLS, terr)
		return
	}
	var errs []error
	for _, t := range targets {
		tf, err := c.handshake(ctx, host, t)
		if err == nil {
			r.set(func(f *Facts) { f.TLS = tf })
			return
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	r.fail(PartTLS, errors.Join(errs...))
}

func (c *Collector) handshake(ctx context.Context, host, target string) (*TLSFacts, error) {
	ctx, cancel := context.WithTimeout(ctx, c.o.PartTimeout)
	defer cancel()
	d := &net.Dialer{Timeout: c.o.PartTimeout}
	raw, err := d.DialContext(ctx, "tcp", target)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	defer raw.Close()
	cfg := &tls.Config{
		ServerName:         sni(host),
		InsecureSkipVerify: true, // verified below, and recorded, not required
		NextProtos:         []string{"h2", "http/1.1"},
	}
	conn := tls.Client(raw, cfg)
	if err := conn.HandshakeContext(ctx); err != nil {
		return nil, fmt.Errorf("%s: handshake: %w", target, err)
	}
	defer conn.Close()
	st := conn.ConnectionState()
	if len(st.PeerCertificates) == 0 {
		return nil, fmt.Errorf("%s: the server sent no certificate", target)
	}
	tf := &TLSFacts{Addr: target, Version: tls.VersionName(st.Version), CipherSuite: tls.CipherSuiteName(st.CipherSuite),
		ALPN: st.NegotiatedProtocol}
	for i, cert := range st.PeerCertificates {
		if i >= MaxChain {
			break
		}
		tf.Chain = append(tf.Chain, certFacts(cert))
	}
	leaf := st.PeerCertificates[0]
	inter := x509.NewCertPool()
	for _, ic := range st.PeerCertificates[1:] {
		inter.AddCert(ic)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Intermediates: inter, CurrentTime: c.o.Now()}); err != nil {
		tf.VerifyErr = clip(err.Error(), 500)
	} else {
		tf.Verified = true
	}
	var sctErrs []string
	for i, b := range st.SignedCertificateTimestamps {
		if i >= MaxSCTs {
			break
		}
		s, err := parseSCT(b)
		if err != nil {
			sctErrs = append(sctErrs, fmt.Sprintf("SCT %d of the handshake: %v", i+1, err))
			continue
		}
		s.Source = "tls"
		tf.SCTs = append(tf.SCTs, s)
	}
	embedded, err := EmbeddedSCTs(leaf)
	if err != nil {
		sctErrs = append(sctErrs, "embedded SCT list: "+err.Error())
	}
	tf.SCTs = append(tf.SCTs, embedded...)
	tf.SCTErr = clip(strings.Join(sctErrs, "; "), 500)
	return tf, nil
}

// sni is the server name sent: none for an IP literal.
func sni(host string) string {
	if net.ParseIP(host) != nil {
		return ""
	}
	return host
}

func certFacts(c *x509.Certificate) Cert {
	sum := sha256.Sum256(c.Raw)
	out := Cert{
		Subject: clip(c.Subject.String(), 1000), Issuer: clip(c.Issuer.String(), 1000),
		NotBefore: c.NotBefore.UTC(), NotAfter: c.NotAfter.UTC(),
		SHA256: hex.EncodeToString(sum[:]), SignatureAlg: c.SignatureAlgorithm.String(),
		PublicKeyAlg: c.PublicKeyAlgorithm.String(),
		// Signed by its own key (CheckSignatureFrom would also require
		// the CA flag, which a self-made leaf often lacks).
		SelfSigned: string(c.RawIssuer) == string(c.RawSubject) &&
			c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil,
	}
	if c.SerialNumber != nil {
		out.Serial = strings.ToUpper(c.SerialNumber.Text(16))
	}
	for i, n := range c.DNSNames {
		if i >= 100 {
			break
		}
		out.DNSNames = append(out.DNSNames, clip(n, 253))
	}
	for i, ip := range c.IPAddresses {
		if i >= 100 {
			break
		}
		out.IPAddresses = append(out.IPAddresses, ip.String())
	}
	return out
}

// EmbeddedSCTs reads the SCT list extension of a certificate (none is
// not an error).
func EmbeddedSCTs(c *x509.Certificate) ([]SCT, error) {
	for _, ext := range c.Extensions {
		if !ext.Id.Equal(oidSCTList) {
			continue
		}
		var octets []byte
		if rest, err := asn1.Unmarshal(ext.Value, &octets); err != nil {
			return nil, err
		} else if len(rest) > 0 {
			return nil, errors.New("trailing data after the SCT list")
		}
		var list ctx509.SignedCertificateTimestampList
		if rest, err := cttls.Unmarshal(octets, &list); err != nil {
			return nil, err
		} else if len(rest) > 0 {
			return nil, errors.New("trailing data after the SCT list")
		}
		var out []SCT
		for i, s := range list.SCTList {
			if i >= MaxSCTs {
				break
			}
			sct, err := parseSCT(s.Val)
			if err != nil {
				return out, fmt.Errorf("SCT %d: %w", i+1, err)
			}
			sct.Source = "cert"
			out = append(out, sct)
		}
		return out, nil
	}
	return nil, nil
}

// parseSCT decodes one TLS-encoded SignedCertificateTimestamp.
func parseSCT(b []byte) (SCT, error) {
	var s ct.SignedCertificateTimestamp
	rest, err := cttls.Unmarshal(b, &s)
	if err != nil {
		return SCT{}, err
	}
	if len(rest) > 0 {
		return SCT{}, fmt.Errorf("%d bytes after the SCT", len(rest))
	}
	ms := int64(s.Timestamp)
	return SCT{
		Version:   int(s.SCTVersion) + 1,
		LogID:     base64.StdEncoding.EncodeToString(s.LogID.KeyID[:]),
		LogIDHex:  hex.EncodeToString(s.LogID.KeyID[:]),
		Timestamp: time.UnixMilli(ms).UTC(),
	}, nil
}
