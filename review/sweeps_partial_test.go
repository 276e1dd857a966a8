package review_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/store"
)

// TestSweepPartialSummary: a shared sweep whose summary misses a killed
// worker's unsaved counts (partial) says so on the sweeps list and the
// sweep's page; a complete one does not.
func TestSweepPartialSummary(t *testing.T) {
	e := htNew(t)
	for _, partial := range []bool{false, true} {
		id := e.htSweep()
		stats, _ := json.Marshal(map[string]any{"total": map[string]any{"attempted": 5, "fetched": 5}, "partial": partial})
		if err := e.st.FinishSweep(id, store.SweepFinished, stats); err != nil {
			t.Fatal(err)
		}
		c := e.htLogin("cac")
		doc := c.htDoc("/sweeps/"+htID(id), http.StatusOK)
		if got := doc.Find("#partial").Length() == 1; got != partial {
			t.Errorf("partial %v: hint shown %v", partial, got)
		}
		row := c.htDoc("/sweeps", http.StatusOK).Find(`#sweep-table tr[data-sweep="` + htID(id) + `"]`)
		if row.Length() != 1 {
			t.Fatalf("sweep %d not listed", id)
		}
		if got := strings.Contains(row.Text(), "部分统计"); got != partial {
			t.Errorf("partial %v: list row %q", partial, row.Text())
		}
	}
}
