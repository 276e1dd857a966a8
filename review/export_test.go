package review

import "time"

// MaxHashing is how many password hashes may run at once.
const MaxHashing = maxHashing

// SetHashGate sets how long a request waits for a hashing slot and a hook
// called as each hash starts, with the number running (this one included);
// the hook runs inside the slot, so blocking in it holds the slot.
func SetHashGate(s *Server, wait time.Duration, started func(running int)) {
	s.throttle.gate.wait = wait
	s.throttle.gate.started = started
}
