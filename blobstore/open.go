package blobstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

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
	return newStore(dirBackend{root: abs}, name, opts), nil
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
