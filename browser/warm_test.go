package browser

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestKeepWarm measures the first and second print of a pool without and
// with the keeper, then kills the warm browser and checks that the keeper
// replaces it before anyone prints, and that the next print uses the new
// one without starting another.
func TestKeepWarm(t *testing.T) {
	needChromium(t)
	timed := func(p *Pool) time.Duration {
		t.Helper()
		t0 := time.Now()
		printOne(t, p, printPage)
		return time.Since(t0)
	}

	cold := newPool(t, Options{})
	c1, c2 := timed(cold), timed(cold)

	p := newPool(t, Options{})
	p.KeepWarm()
	p.KeepWarm() // once only
	waitFor(t, 30*time.Second, "the keeper to warm a browser", func() bool { return p.Warmed() == 1 })
	w1, w2 := timed(p), timed(p)
	t.Logf("PDF without the keeper: first %v, second %v; with it: first %v, second %v",
		c1.Round(time.Millisecond), c2.Round(time.Millisecond), w1.Round(time.Millisecond), w2.Round(time.Millisecond))
	if st := p.Stats(); st.Starts != 1 {
		t.Errorf("warm pool started %d browsers for two prints, want 1", st.Starts)
	}

	// Kill the browser: the keeper starts and warms another by itself.
	pid, _, ok := p.Process()
	if !ok {
		t.Fatal("no browser runs after warming")
	}
	proc, err := os.FindProcess(pid)
	if err != nil || proc.Kill() != nil {
		t.Fatalf("kill the browser: %v", err)
	}
	waitFor(t, 30*time.Second, "the keeper to replace the killed browser", func() bool {
		npid, _, ok := p.Process()
		return ok && npid != pid && p.Warmed() == 2
	})
	if st := p.Stats(); st.Starts != 2 || st.Restarts != 1 {
		t.Errorf("after the kill: %d starts, %d restarts; want 2, 1", st.Starts, st.Restarts)
	}
	t0 := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := p.PrintPDF(ctx, []byte(printPage)); err != nil {
		t.Fatalf("print after the replacement: %v", err)
	}
	t.Logf("first PDF after the browser was killed and replaced: %v", time.Since(t0).Round(time.Millisecond))
	if st := p.Stats(); st.Starts != 2 {
		t.Errorf("the print after the replacement started a browser (%d starts)", st.Starts)
	}

	// After Close the keeper stops: no browser comes back.
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * warmEvery)
	if _, _, ok := p.Process(); ok || p.Stats().Starts != 2 {
		t.Errorf("a browser runs after Close (%d starts)", p.Stats().Starts)
	}
}

func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
