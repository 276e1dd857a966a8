package sweep

import "log/slog"

// SourceCapper is a frontier that holds each source's page cap itself:
// the links recorded pages add count against their source's cap in the
// store, atomically, so max_pages holds across every worker sweeping the
// sweep together (and across a resume), not only within one process. Both
// backends have it; a Store without it is capped per process only.
type SourceCapper interface {
	SetSourceCaps(sweepID uint64, caps map[string]int) error
}

// shareCaps gives the store the configuration's per-source caps (max_pages)
// for the run's sweep when it can hold them. Every process joining the
// sweep does so; the count of what was added is kept.
func (r *run) shareCaps() {
	sc, ok := r.s.Store.(SourceCapper)
	if !ok || r.s.Config == nil {
		return
	}
	caps := make(map[string]int, len(r.s.Config.Sources))
	for _, src := range r.s.Config.Sources {
		caps[src.ID] = src.MaxPages
	}
	if err := sc.SetSourceCaps(r.sw.ID, caps); err != nil {
		// The process's own count (run.perSrc) still caps what it adds.
		log := r.s.Log
		if log == nil {
			log = slog.Default()
		}
		log.Warn("per-source page caps not shared through the database: each process caps its own links", "sweep", r.sw.ID, "err", err)
	}
}
