//go:build unix

package rules

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadFileSizeCap: a pack over MaxPackSize is refused by reading, not
// by a size check that a FIFO or a growing file would get past.
func TestLoadFileSizeCap(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxPackSize + 1); err != nil { // sparse: cheap to make
		t.Fatal(err)
	}
	f.Close()
	if _, err := LoadFile(big); err == nil || !strings.Contains(err.Error(), "larger than") || !strings.Contains(err.Error(), big) {
		t.Errorf("oversized pack: %v, want an error naming the file and the limit", err)
	}

	fifo := filepath.Join(dir, "endless.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	done := make(chan struct{})
	go func() { // an endless writer: only a bounded read ends
		defer close(done)
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		line := []byte(strings.Repeat("# filler\n", 1<<12))
		for {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	}()
	if _, err := LoadFile(fifo); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("endless FIFO: %v, want the size error", err)
	}
	<-done
}
