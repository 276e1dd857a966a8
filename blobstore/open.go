package blobstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	gcaws "gocloud.dev/aws"
	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/s3blob"
)

// openCheckTimeout bounds the reachability check Open makes on an S3
// bucket when the caller's context has no deadline of its own.
const openCheckTimeout = 20 * time.Second

// defaultRegion is the signing region for an S3-compatible endpoint when
// neither the URL nor the environment names one (MinIO, Ceph and most
// others accept it).
const defaultRegion = "us-east-1"

// Open opens the blob store at location:
//
//   - a directory: "/var/lib/certwatch/blobs", or "file:///var/lib/certwatch/blobs"
//     (an absolute path); created with mode 0700 when missing;
//   - an S3-compatible bucket: "s3://BUCKET?endpoint=http://127.0.0.1:9000&region=…&use_path_style=true"
//     (see the package documentation for the parameters and credentials).
//
// Open checks that the store can be used (the directory is writable, the
// bucket exists and answers) and fails with an error naming the location,
// its password redacted, when it cannot.
func Open(ctx context.Context, location string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	if strings.TrimSpace(location) == "" {
		return nil, errors.New("blobstore: open: no location given (a directory or an s3:// URL)")
	}
	if !strings.Contains(location, "://") {
		return openDir(location, location, opts)
	}
	u, err := url.Parse(location)
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: not a URL: %w", redactRaw(location), unwrapURLError(err))
	}
	name := u.Redacted()
	switch u.Scheme {
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return nil, fmt.Errorf("blobstore: open %s: a file URL takes an absolute path (file:///dir), not host %q", name, u.Host)
		}
		if len(u.Query()) > 0 {
			return nil, fmt.Errorf("blobstore: open %s: a file URL takes no parameters", name)
		}
		if !filepath.IsAbs(u.Path) {
			return nil, fmt.Errorf("blobstore: open %s: a file URL takes an absolute path (file:///dir)", name)
		}
		return openDir(u.Path, name, opts)
	case "s3":
		return openS3(ctx, u, name, opts)
	default:
		return nil, fmt.Errorf("blobstore: open %s: unsupported scheme %q (use a directory, file:///dir or s3://bucket)", name, u.Scheme)
	}
}

// openDir opens (creating it 0700 if needed) the directory store at dir.
func openDir(dir, name string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("blobstore: open %s: create directory: %w", name, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("blobstore: open %s: %s is not a directory", name, abs)
	}
	// Creating the key root checks, at start-up rather than at the first
	// piece of evidence, that the directory is writable.
	if err := os.MkdirAll(filepath.Join(abs, "sha256"), 0o700); err != nil {
		return nil, fmt.Errorf("blobstore: open %s: directory not writable: %w", name, err)
	}
	bucket, err := fileblob.OpenBucket(abs, &fileblob.Options{
		DirFileMode: 0o700,
		// Temporary files beside their final name: the rename that makes a
		// write atomic then never crosses file systems, and a stray one
		// left by a crash is recognisable (<sum>.<hex>.tmp).
		NoTempDir: true,
		// No ".attrs" sidecar per blob: nothing in it is used, and it
		// would double the files and writes.
		Metadata: fileblob.MetadataDontWrite,
	})
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	return newStore(bucket, abs, name, opts), nil
}

func newStore(bucket *blob.Bucket, dir, name string, opts Options) *Store {
	return &Store{bucket: bucket, dir: dir, name: name, opts: opts, slot: make(chan struct{}, opts.MaxInFlight)}
}

// openS3 opens the bucket named by u's host on an S3-compatible service
// and checks that it exists and answers.
func openS3(ctx context.Context, u *url.URL, name string, opts Options) (*Store, error) {
	if u.Host == "" {
		return nil, fmt.Errorf("blobstore: open %s: no bucket name (s3://BUCKET?endpoint=…)", name)
	}
	if u.Path != "" && u.Path != "/" {
		return nil, fmt.Errorf("blobstore: open %s: an s3 URL names a bucket, not a path (%q)", name, u.Path)
	}
	q := u.Query()
	pathStyle, err := boolParam(q, "use_path_style")
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	endpoint := q.Get("endpoint")
	if endpoint != "" {
		if err := checkEndpoint(endpoint); err != nil {
			return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
		}
		// Third-party S3 stores often refuse the checksum trailers newer AWS
		// SDKs send by default; integrity is ours anyway (SHA-256 keys).
		for _, p := range []string{"request_checksum_calculation", "response_checksum_validation"} {
			if q.Get(p) == "" {
				q.Set(p, "when_required")
			}
		}
	}
	cfg, err := gcaws.V2ConfigFromURLParams(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	if cfg.Region == "" {
		cfg.Region = defaultRegion
	}
	if u.User != nil {
		secret, _ := u.User.Password()
		if u.User.Username() == "" || secret == "" {
			return nil, fmt.Errorf("blobstore: open %s: credentials in the URL need both an access key and a secret (s3://KEY:SECRET@bucket)", name)
		}
		cfg.Credentials = aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(u.User.Username(), secret, ""))
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle })
	bucket, err := s3blob.OpenBucket(ctx, client, u.Host, &s3blob.Options{RequestChecksumCalculation: cfg.RequestChecksumCalculation})
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	if err := checkBucket(ctx, bucket, u.Host, endpoint); err != nil {
		_ = bucket.Close()
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	return newStore(bucket, "", name, opts), nil
}

// boolParam takes the boolean parameter key out of q (false when absent).
func boolParam(q url.Values, key string) (bool, error) {
	v := q.Get(key)
	q.Del(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("parameter %s=%q is not true or false", key, v)
	}
	return b, nil
}

// checkEndpoint refuses an endpoint that is not an http(s) URL with a host.
func checkEndpoint(endpoint string) error {
	e, err := url.Parse(endpoint)
	if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
		return fmt.Errorf("endpoint %q is not an http:// or https:// URL with a host", endpoint)
	}
	return nil
}

// checkBucket lists at most one key of the bucket: it fails when the
// endpoint does not answer, the credentials are refused or the bucket does
// not exist.
func checkBucket(ctx context.Context, bucket *blob.Bucket, name, endpoint string) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, openCheckTimeout)
		defer cancel()
	}
	ok, err := bucket.IsAccessible(ctx)
	if err != nil {
		where := "the S3 service"
		if endpoint != "" {
			where = endpoint
		}
		var nerr net.Error
		var oerr *net.OpError
		if errors.As(err, &oerr) || (errors.As(err, &nerr) && nerr.Timeout()) || errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("endpoint %s unreachable: %w", where, err)
		}
		return fmt.Errorf("bucket %q at %s not usable: %w", name, where, err)
	}
	if !ok {
		return fmt.Errorf("bucket %q does not exist", name)
	}
	return nil
}

// redactRaw hides what may be a password in a location that does not
// parse as a URL: everything between "://" and the last "@".
func redactRaw(location string) string {
	i := strings.Index(location, "://")
	j := strings.LastIndex(location, "@")
	if i < 0 || j < i {
		return location
	}
	return location[:i+3] + "xxxxx" + location[j:]
}

// unwrapURLError drops url.Error's copy of the location, which would
// repeat a password.
func unwrapURLError(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return uerr.Err
	}
	return err
}
