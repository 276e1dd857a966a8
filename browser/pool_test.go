package browser

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPoolWarm: many uses, sequential and concurrent, share one browser
// process, and each tab is closed after its use.
func TestPoolWarm(t *testing.T) {
	needChromium(t)
	p := newPool(t, Options{Tabs: 2})
	if _, _, ok := p.Process(); ok {
		t.Fatal("New started a browser; the first use should")
	}
	if err := blankTab(p); err != nil {
		t.Fatal(err)
	}
	pid, _, ok := p.Process()
	if !ok || pid == 0 {
		t.Fatal("no browser after the first use")
	}
	tabs := pageTabs(t, p)
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() { errs <- blankTab(p) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got, _, _ := p.Process(); got != pid {
		t.Errorf("browser pid %d after seven uses, %d after the first: not kept warm", got, pid)
	}
	if st := p.Stats(); st.Starts != 1 || st.Restarts != 0 || st.Tabs != 7 {
		t.Errorf("stats %+v, want 1 start, 0 restarts, 7 tabs", st)
	}
	if got := pageTabs(t, p); got != tabs {
		t.Errorf("%d tabs open, %d after the first use: tabs were not closed", got, tabs)
	}
	if p.CPU() <= 0 {
		t.Errorf("CPU %v after seven uses", p.CPU())
	}
}

// TestPoolTabsBounded: with one tab, a second use waits until the first
// is done, and gives up with its context.
func TestPoolTabsBounded(t *testing.T) {
	needChromium(t)
	p := newPool(t, Options{Tabs: 1})
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- p.Tab(context.Background(), time.Minute, func(tab context.Context) error {
			if err := chromedp.Do(tab); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
	}()
	select {
	case <-inside:
	case err := <-done:
		t.Fatalf("first use: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	ran := false
	err := p.Tab(ctx, 0, func(context.Context) error { ran = true; return nil })
	if !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Errorf("second use while the only tab is taken: ran %v, err %v; want it to wait and time out", ran, err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("first use: %v", err)
	}
	if err := blankTab(p); err != nil {
		t.Errorf("a use after the tab was given back: %v", err)
	}
}

// TestPoolRestartAndCrash: the browser is replaced after RestartEvery
// tabs and after it died, and Close leaves no process or profile behind.
func TestPoolRestartAndCrash(t *testing.T) {
	needChromium(t)
	p, err := New(Options{RestartEvery: 2})
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	var pids []int
	use := func() {
		t.Helper()
		if err := blankTab(p); err != nil {
			t.Fatalf("use: %v", err)
		}
		if pid, dir, ok := p.Process(); ok && (len(dirs) == 0 || dirs[len(dirs)-1] != dir) {
			dirs, pids = append(dirs, dir), append(pids, pid)
		}
	}
	use()
	use()
	use() // third tab: a new browser
	if got := p.Stats().Restarts; got != 1 || len(dirs) != 2 {
		t.Fatalf("after 3 tabs with RestartEvery 2: %d restarts, browsers %q", got, dirs)
	}
	if _, err := os.Stat(dirs[0]); !os.IsNotExist(err) {
		t.Errorf("profile of the first browser still exists: %v", err)
	}
	if left := processesMentioning(dirs[0]); len(left) > 0 {
		t.Errorf("first browser left processes %v", left)
	}

	// Kill the browser: the next use starts another one.
	if proc, err := os.FindProcess(pids[1]); err != nil || proc.Kill() != nil {
		t.Fatalf("kill the browser: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, _, ok := p.Process(); !ok {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	use()
	if got := p.Stats().Restarts; got != 2 || len(dirs) != 3 {
		t.Errorf("after a crash: %d restarts, browsers %q", got, dirs)
	}

	if err := p.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	for _, dir := range dirs {
		if left := processesMentioning(dir); len(left) > 0 {
			t.Errorf("processes of %s left after Close: %v", dir, left)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("profile %s left after Close", dir)
		}
	}
	if kids := childProcesses(); len(kids) > 0 {
		t.Errorf("child processes left after Close: %v", kids)
	}
	if err := blankTab(p); !errors.Is(err, ErrClosed) {
		t.Errorf("a use after Close: %v, want ErrClosed", err)
	}
}

// TestPoolCloseDuringUse: a use in progress when the pool closes fails
// with ErrClosed, and Close does not wait for it to give up.
func TestPoolCloseDuringUse(t *testing.T) {
	needChromium(t)
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	inside := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- p.Tab(context.Background(), time.Minute, func(tab context.Context) error {
			if err := chromedp.Do(tab); err != nil {
				return err
			}
			close(inside)
			<-tab.Done()
			return tab.Err()
		})
	}()
	select {
	case <-inside:
	case err := <-done:
		t.Fatalf("use: %v", err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("use cut short by Close: %v, want ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the use did not end after Close")
	}
}

// TestCheck: the check of a working browser says what it is; a missing
// one gets a bilingual error with the install hint; the warm check keeps
// the pool's browser running.
func TestCheck(t *testing.T) {
	_, err := Check(context.Background(), Options{Chromium: "/nonexistent/chromium"})
	if !errors.Is(err, ErrUnusable) || !strings.Contains(err.Error(), "不存在或不可执行") || !strings.Contains(err.Error(), "apt-get install") {
		t.Errorf("missing browser: %v", err)
	}
	needChromium(t)
	chk, err := Check(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ToLower(chk.Version), "chromium") || chk.Path == "" {
		t.Errorf("check: %+v", chk)
	}
	p := newPool(t, Options{})
	if _, err := p.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	pid, _, ok := p.Process()
	if !ok {
		t.Fatal("the warm check left no browser running")
	}
	if _, err := p.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	if again, _, _ := p.Process(); again != pid || p.Stats().Starts != 1 {
		t.Errorf("a second check started another browser (pid %d, then %d)", pid, again)
	}
}
