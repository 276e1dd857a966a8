package store

import (
	"encoding/json"
	"time"
)

// SweepPart is one worker's part of the statistics of a sweep many
// workers share (sweep.PartStore; the PostgreSQL backend keeps them):
// its cumulative counts, saved now and then while it works and at the
// end, when Final says it has nothing more of the sweep in hand.
type SweepPart struct {
	// Part names the worker's run in the sweep (its name and a random
	// suffix: a worker restarted under the same name has a part of its
	// own).
	Part string
	// Stats are the counts (a sweep.Summary in JSON).
	Stats json.RawMessage
	// Final: the worker has left the sweep or has nothing of it in hand;
	// a final part does not change again.
	Final bool
	// StaleAfter is how long after its last save a part that is not
	// final belongs to a worker that died or lost the database (set by
	// the saver: a few of its save intervals).
	StaleAfter time.Duration
	// Stale is set when reading: the part is not final and was last
	// saved longer ago than StaleAfter, by the database's clock.
	Stale bool
}

// MaxSweepPartBytes bounds one part's statistics.
const MaxSweepPartBytes = 16 << 20
