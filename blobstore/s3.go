package blobstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// openCheckTimeout bounds the reachability check Open makes on an S3
// bucket when the caller's context has no deadline of its own.
const openCheckTimeout = 20 * time.Second

// defaultRegion is the signing region for an S3-compatible endpoint when
// the URL names none (MinIO, Ceph and most others accept it).
const defaultRegion = "us-east-1"

// s3MaxRetries is how many times in all the client sends a request that
// fails in a way worth retrying (a dropped connection, a 5xx, a throttle),
// with backoff; every attempt still ends with the call's context.
const s3MaxRetries = 3

// awsHost is the endpoint when the URL names none: AWS S3 itself.
const awsHost = "s3.amazonaws.com"

// s3Params are the query parameters an s3:// location takes.
var s3Params = map[string]bool{"endpoint": true, "region": true, "use_path_style": true, "profile": true, "anonymous": true}

// s3Backend keeps objects in one bucket of an S3-compatible service.
type s3Backend struct {
	core      minio.Core
	bucket    string
	transport *http.Transport
}

// notFound reports whether err is the service's answer for a missing key.
func notFound(err error) bool {
	return minio.ToErrorResponse(err).Code == minio.NoSuchKey
}

func (b *s3Backend) size(ctx context.Context, key string) (int64, error) {
	info, err := b.core.StatObject(ctx, b.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		if notFound(err) {
			return 0, fmt.Errorf("%w", fs.ErrNotExist)
		}
		return 0, err
	}
	return info.Size, nil
}

// open sends one GET; the size is the response's Content-Length, and
// nothing of the body is read until the caller reads.
func (b *s3Backend) open(ctx context.Context, key string) (io.ReadCloser, int64, error) {
	body, info, _, err := b.core.GetObject(ctx, b.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		if notFound(err) {
			return nil, 0, fmt.Errorf("%w", fs.ErrNotExist)
		}
		return nil, 0, err
	}
	return body, info.Size, nil
}

// write sends one PUT whose signed X-Amz-Content-Sha256 is the key's sum
// (the caller checked the bytes hash to it): the body is not hashed again,
// and a service that checks payload hashes (AWS, MinIO) refuses bytes
// damaged on the way.
func (b *s3Backend) write(ctx context.Context, key string, data []byte) error {
	sum := key[strings.LastIndexByte(key, '/')+1:]
	_, err := b.core.PutObject(ctx, b.bucket, key, bytes.NewReader(data), int64(len(data)), "", sum, minio.PutObjectOptions{
		ContentType:          contentType,
		DisableContentSha256: true, // no streaming signature: the sum above is signed instead
	})
	return err
}

func (b *s3Backend) close() error {
	b.transport.CloseIdleConnections()
	return nil
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
	client, endpoint, transport, err := s3Client(u)
	if err != nil {
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	if err := checkBucket(ctx, client, u.Host, endpoint); err != nil {
		transport.CloseIdleConnections()
		return nil, fmt.Errorf("blobstore: open %s: %w", name, err)
	}
	back := &s3Backend{core: minio.Core{Client: client}, bucket: u.Host, transport: transport}
	return newStore(back, name, opts), nil
}

// s3Client makes a client for u's parameters and credentials. It returns
// the endpoint for messages ("" for AWS itself) and the client's transport.
func s3Client(u *url.URL) (*minio.Client, string, *http.Transport, error) {
	q := u.Query()
	for p := range q {
		if !s3Params[p] {
			return nil, "", nil, fmt.Errorf("unknown query parameter %q (known: anonymous, endpoint, profile, region, use_path_style)", p)
		}
	}
	pathStyle, err := boolParam(q, "use_path_style")
	if err != nil {
		return nil, "", nil, err
	}
	anonymous, err := boolParam(q, "anonymous")
	if err != nil {
		return nil, "", nil, err
	}
	host, secure := awsHost, true
	endpoint := q.Get("endpoint")
	if endpoint != "" {
		e, err := checkEndpoint(endpoint)
		if err != nil {
			return nil, "", nil, err
		}
		host, secure = e.Host, e.Scheme == "https"
	}
	creds, err := s3Credentials(u, q.Get("profile"), anonymous)
	if err != nil {
		return nil, "", nil, err
	}
	transport, err := minio.DefaultTransport(secure)
	if err != nil {
		return nil, "", nil, err
	}
	region := q.Get("region")
	if region == "" {
		region = defaultRegion
	}
	lookup := minio.BucketLookupAuto
	if v := q.Get("use_path_style"); v != "" {
		lookup = minio.BucketLookupDNS
		if pathStyle {
			lookup = minio.BucketLookupPath
		}
	}
	client, err := minio.New(host, &minio.Options{
		Creds:        creds,
		Secure:       secure,
		Transport:    transport,
		Region:       region,
		BucketLookup: lookup,
		MaxRetries:   s3MaxRetries,
	})
	if err != nil {
		return nil, "", nil, err
	}
	return client, endpoint, transport, nil
}

// s3Credentials are the URL's access key and secret when it has them;
// otherwise the first found of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
// (AWS_SESSION_TOKEN) in the environment, the shared credentials files'
// profile (profile, else AWS_PROFILE, else "default"), and, unless
// AWS_EC2_METADATA_DISABLED=true, an instance role. anonymous signs
// nothing.
func s3Credentials(u *url.URL, profile string, anonymous bool) (*credentials.Credentials, error) {
	if u.User != nil {
		secret, _ := u.User.Password()
		if u.User.Username() == "" || secret == "" {
			return nil, errors.New("credentials in the URL need both an access key and a secret (s3://KEY:SECRET@bucket)")
		}
		if anonymous {
			return nil, errors.New("anonymous=true and credentials in the URL exclude each other")
		}
		return credentials.NewStaticV4(u.User.Username(), secret, ""), nil
	}
	if anonymous {
		return credentials.New(&credentials.Static{Value: credentials.Value{SignerType: credentials.SignatureAnonymous}}), nil
	}
	chain := []credentials.Provider{&credentials.EnvAWS{}, &credentials.FileAWSCredentials{Profile: profile}}
	if v, _ := strconv.ParseBool(os.Getenv("AWS_EC2_METADATA_DISABLED")); !v {
		chain = append(chain, &credentials.IAM{})
	}
	return credentials.NewChainCredentials(chain), nil
}

// boolParam returns the boolean parameter key of q (false when absent).
func boolParam(q url.Values, key string) (bool, error) {
	v := q.Get(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("parameter %s=%q is not true or false", key, v)
	}
	return b, nil
}

// checkEndpoint refuses an endpoint that is not an http(s) URL with a host
// and nothing after it.
func checkEndpoint(endpoint string) (*url.URL, error) {
	e, err := url.Parse(endpoint)
	if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
		return nil, fmt.Errorf("endpoint %q is not an http:// or https:// URL with a host", endpoint)
	}
	if (e.Path != "" && e.Path != "/") || e.RawQuery != "" || e.User != nil {
		return nil, fmt.Errorf("endpoint %q: give only scheme, host and port (no path, query or user)", endpoint)
	}
	return e, nil
}

// checkBucket asks whether the bucket exists: it fails when the endpoint
// does not answer, the credentials are refused or the bucket does not
// exist. It takes at most the caller's deadline or openCheckTimeout.
func checkBucket(ctx context.Context, client *minio.Client, bucket, endpoint string) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, openCheckTimeout)
		defer cancel()
	}
	ok, err := client.BucketExists(ctx, bucket)
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
		return fmt.Errorf("bucket %q at %s not usable: %w", bucket, where, err)
	}
	if !ok {
		return fmt.Errorf("bucket %q does not exist", bucket)
	}
	return nil
}
