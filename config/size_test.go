package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A configuration over MaxConfigSize is refused before it is parsed, with
// a message naming the file and the limit; one just under it is parsed.
func TestConfigSizeCap(t *testing.T) {
	dir := t.TempDir()
	head := "database: certwatch.db\nsources:\n  - id: tips\n    type: urls\n    urls:\n"
	line := "      - https://tips.example/a\n"

	over := filepath.Join(dir, "over.yaml")
	writeSized(t, over, head, line, MaxConfigSize+1)
	_, err := Load(over)
	if err == nil {
		t.Fatal("a configuration over the limit was loaded")
	}
	for _, want := range []string{over, "4194304 bytes", "4 MiB"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}

	under := filepath.Join(dir, "under.yaml")
	writeSized(t, under, head, line, MaxConfigSize-len(line))
	c, err := Load(under)
	if err != nil {
		t.Fatalf("a configuration under the limit: %v", err)
	}
	if n := len(c.Source("tips").URLs); n < 100000 {
		t.Errorf("%d URLs read", n)
	}

	// A FIFO has no size to stat; it is bounded all the same.
	fifo := filepath.Join(dir, "endless.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		b := []byte(strings.Repeat("#", 64<<10))
		for {
			if _, err := f.Write(b); err != nil {
				return // the reader stopped at the limit and closed
			}
		}
	}()
	if _, err := Load(fifo); err == nil || !strings.Contains(err.Error(), "4 MiB") {
		t.Errorf("endless FIFO: %v", err)
	}
}

// writeSized writes head and then line repeated up to size bytes, padded
// with a comment.
func writeSized(t *testing.T, path, head, line string, size int) {
	t.Helper()
	var b strings.Builder
	b.WriteString(head)
	for b.Len()+len(line) <= size {
		b.WriteString(line)
	}
	if pad := size - b.Len(); pad > 0 {
		b.WriteString(strings.Repeat("#", pad-1) + "\n")
	}
	if b.Len() != size {
		t.Fatalf("wrote %d bytes, want %d", b.Len(), size)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}
