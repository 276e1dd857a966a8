package blobstore_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/blobstore"
)

// TestOpenErrors checks that a location that cannot be used fails at Open
// with a message naming it, and never its secret.
func TestOpenErrors(t *testing.T) {
	srv := newS3Fixture(t)
	down := "http://" + closedPort(t)
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		location string
		want     []string // in the message
	}{
		{"empty", " ", []string{"no location"}},
		{"bad scheme", "ftp://host/evidence", []string{"ftp://host/evidence", `unsupported scheme "ftp"`}},
		{"bad scheme with password", "gs://user:hunter2@bucket", []string{"gs://user:xxxxx@bucket", "unsupported scheme"}},
		{"unparsable with password", "s3://key:hun ter%zz@bucket", []string{"s3://xxxxx@bucket", "not a URL"}},
		{"no bucket", "s3://?endpoint=" + srv.srv.URL, []string{"no bucket name"}},
		{"path after bucket", "s3://evidence/pages?endpoint=" + srv.srv.URL, []string{"names a bucket, not a path"}},
		{"missing bucket", srv.url("no-such-bucket"), []string{srv.url("no-such-bucket"), `bucket "no-such-bucket" does not exist`}},
		{"unreachable endpoint", "s3://evidence?endpoint=" + down + "&use_path_style=true", []string{"endpoint " + down + " unreachable"}},
		{"unreachable, password in URL", "s3://AKID:hunter2@evidence?endpoint=" + down + "&use_path_style=true", []string{"s3://AKID:xxxxx@evidence", "unreachable"}},
		{"endpoint with a path", "s3://evidence?endpoint=" + srv.srv.URL + "/s3", []string{"no path, query or user"}},
		{"anonymous with credentials", "s3://AKID:hunter2@evidence?anonymous=true&endpoint=" + srv.srv.URL, []string{"exclude each other"}},
		{"endpoint without scheme", "s3://evidence?endpoint=127.0.0.1:9000", []string{`endpoint "127.0.0.1:9000" is not an http:// or https:// URL`}},
		{"unknown parameter", srv.url("evidence") + "&colour=red", []string{`unknown query parameter "colour"`}},
		{"bad use_path_style", "s3://evidence?endpoint=" + srv.srv.URL + "&use_path_style=sometimes", []string{`use_path_style="sometimes"`}},
		{"access key without secret", "s3://AKID@evidence?endpoint=" + srv.srv.URL, []string{"both an access key and a secret"}},
		{"relative file URL", "file://./blobs", []string{"absolute path"}},
		{"file URL with host", "file://server/blobs", []string{`not host "server"`}},
		{"file URL with parameters", "file:///tmp/blobs?create_dir=1", []string{"takes no parameters"}},
		{"path is a file", file, []string{file, "not a directory"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := blobstore.Open(context.Background(), tc.location, blobstore.Options{})
			if err == nil {
				st.Close()
				t.Fatalf("open %q succeeded", tc.location)
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if strings.Contains(msg, "hunter2") || strings.Contains(msg, "hun ter") {
				t.Errorf("error %q shows the password", msg)
			}
		})
	}
}

// TestS3CredentialsFromURL checks that an access key and secret in the URL
// are used instead of the environment's, and that the name is redacted.
func TestS3CredentialsFromURL(t *testing.T) {
	f := newS3Fixture(t)
	loc := strings.Replace(f.url(testBucket), "s3://", "s3://urlkey:urlsecret@", 1)
	st, err := blobstore.Open(context.Background(), loc, blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	data := []byte("evidence")
	if err := st.Put(context.Background(), blobstore.Sum(data), data); err != nil {
		t.Fatal(err)
	}
	keys := f.accessKeys()
	if len(keys) == 0 || slices.ContainsFunc(keys, func(k string) bool { return k != "urlkey" }) {
		t.Fatalf("requests signed with access keys %v, want only urlkey", keys)
	}
	if strings.Contains(st.Name(), "urlsecret") {
		t.Fatalf("Name() %q shows the secret", st.Name())
	}

	// Without credentials in the URL, the environment's are used.
	g := newS3Fixture(t)
	st2, err := blobstore.Open(context.Background(), g.url(testBucket), blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if keys := g.accessKeys(); len(keys) == 0 || keys[0] != "envkey" {
		t.Fatalf("requests signed with access keys %v, want envkey", keys)
	}
}

// TestS3ServerNotAnswering checks that Open against an endpoint that
// accepts connections and never answers ends with the caller's context.
func TestS3ServerNotAnswering(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c) // held open, never answered
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	endpoint := "http://" + l.Addr().String()
	_, err = blobstore.Open(ctx, "s3://evidence?endpoint="+endpoint+"&use_path_style=true", blobstore.Options{})
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "endpoint "+endpoint+" unreachable") {
		t.Fatalf("open against a server that never answers: %v; want the context's deadline, naming the endpoint", err)
	}
	l.Close()
	<-done
	for _, c := range conns {
		c.Close()
	}
}

// TestS3PutSignsSum checks that a PUT carries the blob's own SHA-256 as its
// signed payload hash (a service that checks it refuses damaged bytes), and
// that anonymous=true signs nothing.
func TestS3PutSignsSum(t *testing.T) {
	for _, anonymous := range []bool{false, true} {
		f := newS3Fixture(t)
		f.mu.Lock()
		f.hashPuts = true
		f.mu.Unlock()
		loc := f.url(testBucket)
		if anonymous {
			loc += "&anonymous=true"
		}
		st, err := blobstore.Open(context.Background(), loc, blobstore.Options{})
		if err != nil {
			t.Fatal(err)
		}
		data := []byte("signed evidence")
		sum := blobstore.Sum(data)
		if err := st.Put(context.Background(), sum, data); err != nil {
			t.Fatal(err)
		}
		st.Close()
		f.mu.Lock()
		puts, unsigned, signed := f.putSums, f.unsigned, len(f.access)
		f.mu.Unlock()
		if len(puts) != 1 || puts[0][1] != sum {
			t.Fatalf("PUTs received: %v, want one of %s", puts, sum)
		}
		if !anonymous && puts[0][0] != sum {
			t.Errorf("PUT X-Amz-Content-Sha256 = %q, want the blob's sum %s", puts[0][0], sum)
		}
		if anonymous && (signed != 0 || unsigned == 0) {
			t.Errorf("anonymous store: %d signed and %d unsigned requests, want none signed", signed, unsigned)
		}
	}
}

// TestClosed checks that calls on a closed store fail and name the store.
func TestClosed(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			f := fx.new(t)
			st := f.open(t, blobstore.Options{})
			data := []byte("evidence")
			sum := blobstore.Sum(data)
			if err := st.Put(context.Background(), sum, data); err != nil {
				t.Fatal(err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			_, gerr := st.Get(ctx, sum)
			_, herr := st.Has(ctx, sum)
			for _, err := range []error{st.Put(ctx, sum, data), gerr, herr, st.Close()} {
				if err == nil || !strings.Contains(err.Error(), "closed") || !strings.Contains(err.Error(), st.Name()) {
					t.Errorf("call on a closed store: %v, want an error naming the store as closed", err)
				}
			}
		})
	}
}
