package blobstore

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestMaxInFlight checks that calls beyond Options.MaxInFlight wait for a
// slot, and give up with their context.
func TestMaxInFlight(t *testing.T) {
	st, err := Open(context.Background(), t.TempDir(), Options{MaxInFlight: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	data := []byte("evidence")
	sum := Sum(data)
	if err := st.Put(context.Background(), sum, data); err != nil {
		t.Fatal(err)
	}
	// Two calls in flight (held here) fill the store.
	st.slot <- struct{}{}
	st.slot <- struct{}{}
	for name, call := range map[string]func(context.Context) error{
		"put": func(ctx context.Context) error { return st.Put(ctx, sum, data) },
		"get": func(ctx context.Context) error { _, err := st.Get(ctx, sum); return err },
		"has": func(ctx context.Context) error { _, err := st.Has(ctx, sum); return err },
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		err := call(ctx)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s with every slot taken: %v, want it to wait and give up with its context", name, err)
		}
	}
	<-st.slot
	if _, err := st.Get(context.Background(), sum); err != nil {
		t.Fatalf("get with a slot free: %v", err)
	}
}
