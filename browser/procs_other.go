//go:build !linux

package browser

import (
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// Process clean-up beyond chromedp's own is implemented for Linux, where
// certwatch runs; elsewhere these do nothing.

type proc struct{ pid int }

func browserCmdOptions() []chromedp.ExecAllocatorOption { return nil }

func adoptOrphans() {}

func processTree(int, string) []proc { return nil }

func processesMentioning(string) []int { return nil }

func reapTree([]proc, int, string) []proc { return nil }

func containsProc([]proc, proc) bool { return false }

func treeCPU(int, string) time.Duration { return 0 }

func lockProfile(path string) (*os.File, error) { return os.Create(path) }

// profileLocked cannot tell without flock: every profile counts as held.
func profileLocked(string) (held, exists bool) { return true, true }

func ownedByUs(os.FileInfo) bool { return true }

func killOrphans(pids []int) []int { return pids }
