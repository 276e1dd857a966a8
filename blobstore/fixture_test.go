package blobstore_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// TestMain makes the S3 client hermetic: fixed test credentials, no shared
// config files and no instance-metadata lookups (which would leave the
// loopback interface).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "blobstore-aws")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID":           "envkey",
		"AWS_SECRET_ACCESS_KEY":       "envsecret",
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
	} {
		os.Setenv(k, v)
	}
	for _, k := range []string{"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"} {
		os.Unsetenv(k)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixture is one kind of store under test, with access behind the store's
// back to check what it wrote and to damage it.
type fixture interface {
	// open opens a store on the fixture's directory or bucket.
	open(tb testing.TB, opts blobstore.Options) *blobstore.Store
	// raw returns the bytes stored under key, read directly, and whether
	// there are any.
	raw(tb testing.TB, key string) ([]byte, bool)
	// damage stores data under key directly, replacing what is there.
	damage(tb testing.TB, key string, data []byte)
	// version identifies the object stored under key; it changes when
	// the object is written again.
	version(tb testing.TB, key string) string
}

// fixtures are the kinds of store every behaviour test runs against.
var fixtures = []struct {
	name string
	new  func(tb testing.TB) fixture
}{
	{"dir", newDirFixture},
	{"s3", func(tb testing.TB) fixture { return newS3Fixture(tb) }},
}

// dirFixture is a directory store under t.TempDir().
type dirFixture struct{ root string }

func newDirFixture(tb testing.TB) fixture {
	return &dirFixture{root: filepath.Join(tb.TempDir(), "blobs")}
}

func (f *dirFixture) open(tb testing.TB, opts blobstore.Options) *blobstore.Store {
	tb.Helper()
	st, err := blobstore.Open(context.Background(), f.root, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

func (f *dirFixture) path(key string) string {
	return filepath.Join(f.root, filepath.FromSlash(key))
}

func (f *dirFixture) raw(tb testing.TB, key string) ([]byte, bool) {
	tb.Helper()
	data, err := os.ReadFile(f.path(key))
	if os.IsNotExist(err) {
		return nil, false
	}
	if err != nil {
		tb.Fatal(err)
	}
	return data, true
}

func (f *dirFixture) damage(tb testing.TB, key string, data []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(f.path(key)), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(f.path(key), data, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// version is the file's inode and modification time: a rename of a new
// file into place changes the inode.
func (f *dirFixture) version(tb testing.TB, key string) string {
	tb.Helper()
	info, err := os.Stat(f.path(key))
	if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("%d/%d", info.Sys().(*syscall.Stat_t).Ino, info.ModTime().UnixNano())
}

// s3Fixture is an in-process S3-compatible server (gofakes3 over memory)
// on 127.0.0.1, with a bucket, and a log of the writes it received.
type s3Fixture struct {
	backend *s3mem.Backend
	srv     *httptest.Server
	bucket  string

	mu       sync.Mutex
	puts     map[string]int // PUT requests per object path
	access   []string       // access keys of signed requests, in order
	unsigned int            // requests with no Authorization header
	// putSums are the X-Amz-Content-Sha256 headers of PUTs and the
	// SHA-256 of their bodies as received, when hashPuts is set.
	hashPuts bool
	putSums  [][2]string
}

const testBucket = "evidence"

func newS3Fixture(tb testing.TB) *s3Fixture {
	tb.Helper()
	f := &s3Fixture{backend: s3mem.New(), bucket: testBucket, puts: map[string]int{}}
	if err := f.backend.CreateBucket(f.bucket); err != nil {
		tb.Fatal(err)
	}
	faker := gofakes3.New(f.backend)
	f.srv = httptest.NewServer(f.record(faker.Server()))
	tb.Cleanup(f.srv.Close)
	return f
}

// record notes each PUT and the access key each request was signed with.
func (f *s3Fixture) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		if r.Method == http.MethodPut {
			f.puts[r.URL.Path]++
		}
		if r.Method == http.MethodPut && f.hashPuts {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				f.mu.Unlock()
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			f.putSums = append(f.putSums, [2]string{r.Header.Get("X-Amz-Content-Sha256"), blobstore.Sum(body)})
		}
		if _, cred, ok := strings.Cut(r.Header.Get("Authorization"), "Credential="); ok {
			key, _, _ := strings.Cut(cred, "/")
			f.access = append(f.access, key)
		} else if r.Header.Get("Authorization") == "" {
			f.unsigned++
		}
		f.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// url is the store URL of the fixture's bucket (or another bucket).
func (f *s3Fixture) url(bucket string) string {
	return "s3://" + bucket + "?endpoint=" + f.srv.URL + "&use_path_style=true"
}

func (f *s3Fixture) open(tb testing.TB, opts blobstore.Options) *blobstore.Store {
	tb.Helper()
	st, err := blobstore.Open(context.Background(), f.url(f.bucket), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

func (f *s3Fixture) raw(tb testing.TB, key string) ([]byte, bool) {
	tb.Helper()
	obj, err := f.backend.GetObject(f.bucket, key, nil)
	if gofakes3.HasErrorCode(err, gofakes3.ErrNoSuchKey) {
		return nil, false
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer obj.Contents.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(obj.Contents); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), true
}

func (f *s3Fixture) damage(tb testing.TB, key string, data []byte) {
	tb.Helper()
	// Every S3 service sends Last-Modified; gofakes3 sends what its
	// PUT handler would have stored.
	meta := map[string]string{"Last-Modified": time.Now().UTC().Format(http.TimeFormat)}
	if _, err := f.backend.PutObject(f.bucket, key, meta, bytes.NewReader(data), int64(len(data)), nil); err != nil {
		tb.Fatal(err)
	}
}

// version counts the PUT requests the server received for key.
func (f *s3Fixture) version(tb testing.TB, key string) string {
	tb.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	return fmt.Sprint(f.puts["/"+f.bucket+"/"+key])
}

// accessKeys returns the access keys requests were signed with.
func (f *s3Fixture) accessKeys() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.access...)
}

// closedPort is a loopback address on which nothing listens.
func closedPort(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
