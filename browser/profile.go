package browser

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Browser profiles live in $TMPDIR/certwatch-chromium-PID-RANDOM, with a
// lock file that the owning process holds (flock) for the browser's life.
// A render killed with its process (kill -9, OOM) leaves its profile
// behind; the next browser start removes every profile whose lock nobody
// holds and that no live process names on its command line.
const (
	profilePrefix   = "certwatch-chromium-"
	profileLockName = "certwatch.lock"
	// profileGrace spares a profile without a lock file (an older
	// certwatch's, or one being created right now) while it is young.
	profileGrace = time.Minute
)

// newProfile creates and locks a fresh profile directory. The returned
// file holds the lock; closing it releases the lock.
func newProfile() (dir string, lock *os.File, err error) {
	dir, err = os.MkdirTemp("", profilePrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", nil, fmt.Errorf("browser: profile: %w", err)
	}
	lock, err = lockProfile(filepath.Join(dir, profileLockName))
	if err != nil {
		_ = os.RemoveAll(dir)
		return "", nil, fmt.Errorf("browser: profile lock: %w", err)
	}
	return dir, lock, nil
}

// cleanStaleProfiles removes the profiles of browsers whose process is
// gone. It returns the directories removed.
func cleanStaleProfiles() []string {
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), profilePrefix+"*"))
	var removed []string
	for _, dir := range matches {
		fi, err := os.Lstat(dir)
		if err != nil || !fi.IsDir() || !ownedByUs(fi) {
			continue
		}
		if !profileStale(dir, fi) {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			slog.Warn("browser: removing a stale browser profile", "dir", dir, "err", err)
			continue
		}
		removed = append(removed, dir)
	}
	if len(removed) > 0 {
		slog.Info("browser: removed stale browser profiles", "count", len(removed))
	}
	return removed
}

// profileStale reports whether nobody uses the profile dir any more.
func profileStale(dir string, fi os.FileInfo) bool {
	held, hasLock := profileLocked(filepath.Join(dir, profileLockName))
	switch {
	case held:
		return false
	case !hasLock && time.Since(fi.ModTime()) < profileGrace:
		return false
	}
	// Chromium's helpers (and its crash handler) name the profile on
	// their command lines and may outlive a killed owner. When the
	// owner's lock is free, they are orphans of a dead certwatch: end
	// them. Without a lock file, whose they are is unknown: leave them.
	left := processesMentioning(dir)
	if len(left) > 0 && hasLock {
		left = killOrphans(left)
	}
	return len(left) == 0
}
