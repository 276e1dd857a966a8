// Package pgsweep lets sweep workers (sweep.Sweeper.Work) sweep from
// PostgreSQL's shared frontier: thin adapters from package pgstore's host
// leases to the interfaces package sweep owns. It is a package of its own
// so that pgstore, which review servers link, does not link the crawler.
package pgsweep

import (
	"context"
	"errors"
	"time"

	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// Frontier is the shared frontier as sweep workers use it
// (sweep.HostFrontier, for Sweeper.Work): thin adapters over ClaimHost,
// the Lease methods and NextReady. Pages are recorded through the Backend
// over the same database, whose Record and RecordPageFollow mark a URL
// done in the transaction that records its page.
type Frontier struct {
	Store *pgstore.Store
	// Batch is the most URLs a lease carries (0: pgstore.DefaultClaimBatch).
	Batch int
}

var _ sweep.HostFrontier = Frontier{}

// Claim leases one ready host to worker for ttl; nil when none is ready.
func (w Frontier) Claim(ctx context.Context, worker string, ttl time.Duration) (sweep.HostLease, error) {
	l, err := w.Store.ClaimHost(ctx, worker, ttl, pgstore.ClaimOptions{Batch: w.Batch})
	if errors.Is(err, pgstore.ErrNoWork) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &workerLease{st: w.Store, l: l}, nil
}

// NextReady says how long until a host with pending URLs is ready.
func (w Frontier) NextReady(ctx context.Context) (time.Duration, bool, error) {
	return w.Store.NextReady(ctx)
}

// workerLease is a pgstore.Lease as a sweep.HostLease. A worker uses a
// lease from one goroutine, so reading its Delay while nobody raises it
// is safe.
type workerLease struct {
	st *pgstore.Store
	l  *pgstore.Lease
}

func (w *workerLease) Host() string { return w.l.Host }

func (w *workerLease) URLs() []sweep.LeasedURL {
	out := make([]sweep.LeasedURL, len(w.l.URLs))
	for i, u := range w.l.URLs {
		out[i] = sweep.LeasedURL{ID: u.ID, SweepID: u.SweepID, Item: store.FrontierItem{
			URL: u.URL, SourceID: u.SourceID, Depth: u.Depth, Render: u.Render, Kind: u.Kind, Meta: u.Meta, State: "pending",
		}}
	}
	return out
}

func (w *workerLease) Delay() time.Duration {
	return w.l.Delay
}

func (w *workerLease) Deadline() time.Time { return w.l.Deadline() }

func (w *workerLease) Begin(ctx context.Context) error { return w.l.Begin(ctx) }

func (w *workerLease) RaiseDelay(ctx context.Context, d time.Duration) error {
	return w.st.RaiseDelay(ctx, w.l, d)
}

func (w *workerLease) Renew(ctx context.Context, ttl time.Duration) error {
	return w.st.Renew(ctx, w.l, ttl)
}

func (w *workerLease) Complete(ctx context.Context, done []sweep.Completed) error {
	ds := make([]pgstore.Done, len(done))
	for i, d := range done {
		ds[i] = pgstore.Done{ID: d.ID, Outcome: d.Outcome}
	}
	return w.st.Complete(ctx, w.l, ds)
}

func (w *workerLease) Release(ctx context.Context) error { return w.st.Release(ctx, w.l) }
