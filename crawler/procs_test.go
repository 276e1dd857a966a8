package crawler

import (
	"os"
	"strconv"
	"strings"
)

// childProcesses lists processes whose parent is this test process,
// zombies included (Linux; none elsewhere).
func childProcesses() []string {
	entries, _ := os.ReadDir("/proc")
	self := strconv.Itoa(os.Getpid())
	var out []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if f := strings.Fields(s[i+1:]); i >= 0 && len(f) > 1 && f[1] == self {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}
