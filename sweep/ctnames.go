package sweep

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/certwatch/certwatch/discover/ctlog"
	"github.com/certwatch/certwatch/internal/atomicfile"
)

// Bounds of the CT names file.
const (
	maxCTNames      = 50000
	maxCTNamesBytes = 32 << 20
)

// ctNames remembers the names matched in CT logs (discover.ct.names): a
// certificate is often logged before its site goes online, so a matched
// name's home page is checked in every sweep until it is older than
// discover.ct.recheck.
type ctNames struct {
	Names map[string]*ctName `json:"names"`
}

// ctName is one remembered name.
type ctName struct {
	Reason    string    `json:"reason"` // ctReason of its first match
	FirstSeen time.Time `json:"first_seen"`
}

// loadCTNames reads the names file; a missing file gives none.
func loadCTNames(path string) (*ctNames, error) {
	n := &ctNames{Names: map[string]*ctName{}}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return n, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCTNamesBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxCTNamesBytes {
		return nil, fmt.Errorf("ct: %s is larger than %d bytes", path, maxCTNamesBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return n, nil
	}
	if err := json.Unmarshal(data, n); err != nil {
		return nil, fmt.Errorf("ct: %s: %w", path, err)
	}
	if n.Names == nil {
		n.Names = map[string]*ctName{}
	}
	for k, v := range n.Names {
		if v == nil {
			delete(n.Names, k)
		}
	}
	return n, nil
}

// save writes the names file through a temporary file and a rename.
func (n *ctNames) save(path string) error {
	data, err := json.MarshalIndent(n, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

// update adds the new matches (seen at now), forgets names first seen
// more than recheck ago, and keeps the newest maxCTNames.
func (n *ctNames) update(matches []ctlog.Match, now time.Time, recheck time.Duration) {
	for _, m := range matches {
		if _, ok := n.Names[m.Name]; !ok {
			n.Names[m.Name] = &ctName{Reason: ctReason(m), FirstSeen: now}
		}
	}
	for k, v := range n.Names {
		if now.Sub(v.FirstSeen) > recheck {
			delete(n.Names, k)
		}
	}
	if len(n.Names) > maxCTNames {
		for _, k := range n.newest()[maxCTNames:] {
			delete(n.Names, k)
		}
	}
}

// newest lists the names, newest first (then by name).
func (n *ctNames) newest() []string {
	out := make([]string, 0, len(n.Names))
	for k := range n.Names {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(n.Names[b].FirstSeen.Compare(n.Names[a].FirstSeen), cmp.Compare(a, b))
	})
	return out
}
