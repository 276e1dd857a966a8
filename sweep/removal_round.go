package sweep

import (
	"context"
	"fmt"

	"github.com/certwatch/certwatch/store"
)

// CheckRound runs scheduled round round (1-based) of a notice's removal
// checks now, as RunDue does for a due notice: for a job queue that
// schedules each round of each notice as a job of its own. The caller
// decides that the round is due; a round already recorded is recorded
// again (store.RecordChecks counts it once).
func (rc *RemovalChecker) CheckRound(ctx context.Context, id uint64, round int) (*store.Notice, error) {
	if round < 1 {
		return nil, fmt.Errorf("sweep: removal check of notice %d: round %d: %w", id, round, store.ErrInvalid)
	}
	return rc.check(ctx, id, round, "system")
}
