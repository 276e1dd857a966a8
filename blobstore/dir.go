package blobstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// writeChunk is how much of a blob a directory store writes between two
// looks at the caller's context.
const writeChunk = 1 << 20

// dirBackend keeps objects as files under a root directory: the key is the
// slash-separated path under it. Files are 0600, directories 0700.
type dirBackend struct {
	root string // absolute
}

// path is the file of key.
func (d dirBackend) path(key string) string {
	return filepath.Join(d.root, filepath.FromSlash(key))
}

func (d dirBackend) size(ctx context.Context, key string) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	info, err := os.Stat(d.path(key))
	if err != nil {
		return 0, err
	}
	if !info.Mode().IsRegular() {
		return 0, fmt.Errorf("%s is not a regular file", d.path(key))
	}
	return info.Size(), nil
}

// open opens the file of key; the size is the file's at open time, and the
// reader stops when ctx ends (a local file does not watch a context).
func (d dirBackend) open(ctx context.Context, key string) (io.ReadCloser, int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	f, err := os.Open(d.path(key))
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s is not a regular file", d.path(key))
	}
	return ctxReadCloser{ctxReader{ctx, f}, f}, info.Size(), nil
}

// ctxReadCloser is a ctxReader that closes the underlying file.
type ctxReadCloser struct {
	ctxReader
	io.Closer
}

// write writes data to a temporary file beside the key's
// (<sum>.<random>.tmp, 0600), syncs it, renames it into place and syncs
// the directory, so a blob a Put reported stored survives a power cut and a
// reader sees the whole blob or none. New key directories are created 0700
// and their parents synced. A failed write removes its temporary file.
func (d dirBackend) write(ctx context.Context, key string, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := makeDirs(d.root, path.Dir(key)); err != nil {
		return err
	}
	final := d.path(key)
	dir := filepath.Dir(final)
	f, err := os.CreateTemp(dir, filepath.Base(final)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	tmp := f.Name()
	err = writeSynced(ctx, f, data)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close %s: %w", tmp, cerr)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		if rerr := os.Rename(tmp, final); rerr != nil {
			err = fmt.Errorf("rename into place: %w", rerr)
		}
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// writeSynced writes data to f in chunks, looking at ctx between them, and
// syncs f. CreateTemp made f 0600.
func writeSynced(ctx context.Context, f *os.File, data []byte) error {
	for len(data) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(len(data), writeChunk)
		if _, err := f.Write(data[:n]); err != nil {
			return fmt.Errorf("write %s: %w", f.Name(), err)
		}
		data = data[n:]
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", f.Name(), err)
	}
	return nil
}

func (d dirBackend) close() error { return nil }

// makeDirs creates the directories of rel (slash-separated) under root,
// 0700, and syncs the parent of each one it creates, so that a blob's path
// is as durable as the blob.
func makeDirs(root, rel string) error {
	if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err == nil && info.IsDir() {
		return nil
	}
	dir := root
	for _, name := range strings.Split(rel, "/") {
		parent := dir
		dir = filepath.Join(dir, name)
		err := os.Mkdir(dir, 0o700)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("create directory: %w", err)
		}
		if err := syncDir(parent); err != nil {
			return err
		}
	}
	return nil
}

// syncDir makes a rename or a creation in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}
