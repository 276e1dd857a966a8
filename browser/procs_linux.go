//go:build linux

package browser

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

// prSetChildSubreaper is PR_SET_CHILD_SUBREAPER from <linux/prctl.h>.
const prSetChildSubreaper = 36

var subreaper sync.Once

// adoptOrphans makes this process the subreaper of its descendants: a
// Chromium helper whose parent dies (the zygote, when the browser exits)
// becomes this process's child rather than PID 1's, so stop can reap it.
// In a container whose PID 1 does not reap, that is the difference
// between a clean exit and zombies that stay (chromedp#894). Other
// programs' orphans are unaffected: they are only ours if they descend
// from us, and certwatch starts no other process trees.
func adoptOrphans() {
	subreaper.Do(func() {
		_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0)
	})
}

// browserCmdOptions start the browser as the leader of a new process
// group, which its helpers inherit: the group id still names them when
// they are orphaned zombies without a command line. Pdeathsig (chromedp's
// default, replaced here) still kills the browser with this process.
func browserCmdOptions() []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{chromedp.ModifyCmdFunc(func(cmd *exec.Cmd) {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	})}
}

// proc identifies a process across pid reuse.
type proc struct {
	pid   int
	start uint64 // start time in clock ticks since boot
}

// procStat is what /proc/pid/stat says about a process.
type procStat struct {
	state byte
	ppid  int
	pgrp  int
	start uint64
	cpu   uint64 // user and system time of it and its reaped children, in clock ticks
}

func readStat(pid int) (procStat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, false
	}
	// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 {
		return procStat{}, false
	}
	ppid, _ := strconv.Atoi(f[1])
	pgrp, _ := strconv.Atoi(f[2])
	start, _ := strconv.ParseUint(f[19], 10, 64)
	var cpu uint64
	for _, i := range []int{11, 12, 13, 14} { // utime, stime, cutime, cstime
		n, _ := strconv.ParseUint(f[i], 10, 64)
		cpu += n
	}
	return procStat{state: f[0][0], ppid: ppid, pgrp: pgrp, start: start, cpu: cpu}, true
}

func allPids() []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	pids := make([]int, 0, len(entries))
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil {
			pids = append(pids, pid)
		}
	}
	return pids
}

// processTree returns a browser's processes: root (the browser), the
// members of its process group and its descendants (zombies included:
// their command line is gone, their stat is not) and the processes whose
// command line names dir (Chromium passes --user-data-dir to its helpers;
// the crash handler, which leaves the tree, gets a database inside it).
func processTree(root int, dir string) []proc {
	self := os.Getpid()
	children := map[int][]int{}
	stats := map[int]procStat{}
	var group []int
	for _, pid := range allPids() {
		if st, ok := readStat(pid); ok {
			stats[pid] = st
			children[st.ppid] = append(children[st.ppid], pid)
			if root > 0 && st.pgrp == root {
				group = append(group, pid)
			}
		}
	}
	seen := map[int]bool{}
	var out []proc
	var add func(pid int)
	add = func(pid int) {
		st, ok := stats[pid]
		if !ok || seen[pid] || pid == self || pid <= 1 {
			return
		}
		seen[pid] = true
		out = append(out, proc{pid: pid, start: st.start})
		for _, c := range children[pid] {
			add(c)
		}
	}
	if root > 0 {
		add(root)
	}
	for _, pid := range group {
		add(pid)
	}
	for _, pid := range processesMentioning(dir) {
		add(pid)
	}
	return out
}

// processesMentioning lists the live processes with s in an argument.
func processesMentioning(s string) []int {
	self := os.Getpid()
	var pids []int
	for _, pid := range allPids() {
		if pid == self {
			continue
		}
		cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
		if err != nil {
			continue
		}
		for a := range bytes.SplitSeq(cmdline, []byte{0}) {
			if bytes.Contains(a, []byte(s)) {
				pids = append(pids, pid)
				break
			}
		}
	}
	return pids
}

// reapTree kills what is left of a browser's processes (tree, and what
// processTree(root, dir) finds on the way) and reaps those that are (or
// became, as orphans) this process's children. It gives up after a few
// seconds; it returns the processes still there.
func reapTree(tree []proc, root int, dir string) []proc {
	const (
		pause = 20 * time.Millisecond
		limit = 3 * time.Second
	)
	self := os.Getpid()
	deadline := time.Now().Add(limit)
	for {
		// A helper can fork as its parent dies: look for newcomers.
		for _, p := range processTree(root, dir) {
			if !containsProc(tree, p) {
				tree = append(tree, p)
			}
		}
		left := tree[:0]
		for _, p := range tree {
			st, ok := readStat(p.pid)
			if !ok || st.start != p.start {
				continue // gone (or the pid is someone else's now)
			}
			if st.state == 'Z' {
				if st.ppid == self {
					var ws syscall.WaitStatus
					if pid, _ := syscall.Wait4(p.pid, &ws, syscall.WNOHANG, nil); pid == p.pid {
						continue
					}
				} else if st.ppid == 1 {
					continue // init's to reap, not ours
				}
			} else {
				_ = syscall.Kill(p.pid, syscall.SIGKILL)
			}
			left = append(left, p)
		}
		tree = left
		if len(tree) == 0 || time.Now().After(deadline) {
			return tree
		}
		time.Sleep(pause)
	}
}

// clockTick is the unit of /proc/pid/stat times (USER_HZ, 100 on every
// Linux architecture certwatch runs on).
const clockTick = 10 * time.Millisecond

// treeCPU is the processor time the live processes of a browser (and
// their children they reaped: the renderers of closed tabs) used so far.
func treeCPU(root int, dir string) time.Duration {
	var ticks uint64
	for _, p := range processTree(root, dir) {
		if st, ok := readStat(p.pid); ok && st.start == p.start {
			ticks += st.cpu
		}
	}
	return time.Duration(ticks) * clockTick
}

func containsProc(tree []proc, p proc) bool {
	for _, q := range tree {
		if q == p {
			return true
		}
	}
	return false
}

// lockProfile creates path and takes an exclusive flock on it, held until
// the file is closed (or the process dies).
func lockProfile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// profileLocked reports whether a live process holds the lock file at
// path, and whether there is one.
func profileLocked(path string) (held, exists bool) {
	f, err := os.Open(path)
	if err != nil {
		return false, !os.IsNotExist(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return true, true
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false, true
}

// ownedByUs reports whether fi belongs to this process's user.
func ownedByUs(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// killOrphans kills the processes pids (the same user's, leftovers of a
// dead certwatch's browser) and returns those still there after a
// second.
func killOrphans(pids []int) []int {
	uid := os.Getuid()
	var tree []proc
	for _, pid := range pids {
		fi, err := os.Stat("/proc/" + strconv.Itoa(pid))
		if err != nil {
			continue
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != uid {
			continue
		}
		if ps, ok := readStat(pid); ok {
			tree = append(tree, proc{pid: pid, start: ps.start})
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	deadline := time.Now().Add(time.Second)
	for {
		var left []int
		for _, p := range tree {
			st, ok := readStat(p.pid)
			if !ok || st.start != p.start {
				continue
			}
			if st.state == 'Z' {
				// Adopted (this process is a subreaper): reap it.
				if st.ppid == os.Getpid() {
					var ws syscall.WaitStatus
					_, _ = syscall.Wait4(p.pid, &ws, syscall.WNOHANG, nil)
				}
				continue
			}
			left = append(left, p.pid)
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(20 * time.Millisecond)
	}
}
