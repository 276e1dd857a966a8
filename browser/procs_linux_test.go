//go:build linux

package browser

import (
	"os"
	"strconv"
	"strings"
)

// childProcesses lists processes whose parent is this test process,
// zombies included.
func childProcesses() []string {
	entries, _ := os.ReadDir("/proc")
	self := os.Getpid()
	var out []string
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := readStat(pid); !ok || st.ppid != self {
			continue
		}
		stat, _ := os.ReadFile("/proc/" + e.Name() + "/stat")
		out = append(out, strings.TrimSpace(string(stat)))
	}
	return out
}
