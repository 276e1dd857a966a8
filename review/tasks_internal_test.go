package review

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"
)

// TestTaskRunnerKeepsBounded: the runner keeps at most kept tasks; a
// finished one makes room for a new one (the oldest first), unfinished
// ones never do (429), and results expire after keep.
func TestTaskRunnerKeepsBounded(t *testing.T) {
	tr := newTaskRunner(slog.New(slog.DiscardHandler))
	tr.kept, tr.perUser = 3, 3
	hold := make(chan struct{})
	quick := func(context.Context) (taskResult, error) { return taskResult{PDF: []byte("%PDF")}, nil }
	slow := func(ctx context.Context) (taskResult, error) { <-hold; return taskResult{}, nil }
	start := func(owner, key string, work taskFunc) (*task, error) {
		return tr.start(&task{owner: owner, key: owner + key, tries: 1}, work)
	}
	var first *task
	for i := range 2 {
		x, err := start("a", fmt.Sprint(i), quick)
		if err != nil {
			t.Fatal(err)
		}
		<-x.done
		if i == 0 {
			first = x
		}
		time.Sleep(time.Millisecond) // distinct finishing times
	}
	if _, err := start("b", "slow", slow); err != nil {
		t.Fatal(err)
	}
	// Full: the oldest finished task makes room.
	x, err := start("a", "2", quick)
	if err != nil {
		t.Fatalf("a finished task did not make room: %v", err)
	}
	<-x.done
	if tr.get(first.id, "a") != nil {
		t.Error("the oldest finished task is still kept")
	}
	if tr.get(x.id, "b") != nil {
		t.Error("another user's task is visible")
	}
	// Unfinished tasks fill the runner: refused.
	if _, err := start("b", "slow2", slow); err != nil {
		t.Fatal(err)
	}
	if _, err := start("b", "slow3", slow); err != nil {
		t.Fatal(err)
	}
	if _, err := start("c", "slow", slow); err != errTasksFull {
		t.Errorf("a 4th unfinished task: %v, want errTasksFull", err)
	}
	close(hold)
	// Finished results expire.
	tr.mu.Lock()
	tr.keep = 0
	tr.mu.Unlock()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		tr.mu.Lock()
		tr.prune(time.Now().Add(time.Millisecond))
		n, held := len(tr.byID), tr.held
		tr.mu.Unlock()
		if n == 0 {
			if held != 0 {
				t.Errorf("%d bytes held after every task expired", held)
			}
			return
		}
	}
	t.Error("finished tasks never expired")
}
