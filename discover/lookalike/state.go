package lookalike

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Schedule says when a name is checked again, by its last status.
type Schedule struct {
	Registered   time.Duration // default 24 h: a registered lookalike is watched closely
	Unregistered time.Duration // default 7 days: it may be registered later
	Retry        time.Duration // first retry after a timeout or failure, default 10 min
	MaxRetry     time.Duration // retries back off (doubling) up to this, default 6 h
}

func (s Schedule) norm() Schedule {
	if s.Registered <= 0 {
		s.Registered = 24 * time.Hour
	}
	if s.Unregistered <= 0 {
		s.Unregistered = 7 * 24 * time.Hour
	}
	if s.Retry <= 0 {
		s.Retry = 10 * time.Minute
	}
	if s.MaxRetry < s.Retry {
		s.MaxRetry = 6 * time.Hour
		if s.MaxRetry < s.Retry {
			s.MaxRetry = s.Retry
		}
	}
	return s
}

// MaxEntries bounds a State.
const MaxEntries = 500000

// Entry is what is known about one candidate.
type Entry struct {
	Candidate
	Status      Status    `json:"status,omitempty"` // empty: never checked
	Addrs       []string  `json:"addrs,omitempty"`
	NS          []string  `json:"ns,omitempty"`
	Err         string    `json:"err,omitempty"`
	FirstSeen   time.Time `json:"first_seen,omitzero"` // first time found registered
	LastChecked time.Time `json:"last_checked,omitzero"`
	NextCheck   time.Time `json:"next_check,omitzero"`
	Failures    int       `json:"failures,omitempty"` // consecutive timeouts or failures
	// Wildcard: when last found registered, the registrable domain
	// answered for any label (see Result.Wildcard).
	Wildcard bool `json:"wildcard,omitempty"`
}

// State remembers every candidate across runs; the caller stores its JSON.
// It is not safe for concurrent use.
type State struct {
	Entries  map[string]*Entry `json:"entries"`
	Schedule Schedule          `json:"-"`
}

// NewState returns an empty state with the given schedule.
func NewState(s Schedule) *State {
	return &State{Entries: map[string]*Entry{}, Schedule: s.norm()}
}

// LoadState decodes a state saved with json.Marshal.
func LoadState(data []byte, s Schedule) (*State, error) {
	st := NewState(s)
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("lookalike: load state: %w", err)
	}
	if st.Entries == nil {
		st.Entries = map[string]*Entry{}
	}
	if len(st.Entries) > MaxEntries {
		return nil, fmt.Errorf("lookalike: load state: %d entries > %d", len(st.Entries), MaxEntries)
	}
	return st, nil
}

// Add registers new candidates (due at once); known ones keep their history.
// It returns how many were added and how many were dropped at MaxEntries.
func (s *State) Add(cs []Candidate) (added, dropped int) {
	for _, c := range cs {
		if _, ok := s.Entries[c.Host]; ok {
			continue
		}
		if len(s.Entries) >= MaxEntries {
			dropped++
			continue
		}
		s.Entries[c.Host] = &Entry{Candidate: c}
		added++
	}
	return added, dropped
}

// Record stores results and schedules the next check of each name.
func (s *State) Record(rs []Result) {
	sched := s.Schedule.norm()
	for _, r := range rs {
		e, ok := s.Entries[r.Host]
		if !ok {
			if len(s.Entries) >= MaxEntries {
				continue
			}
			e = &Entry{Candidate: r.Candidate}
			s.Entries[r.Host] = e
		}
		e.LastChecked = r.Checked
		e.Err = r.Err
		switch r.Status {
		case Registered, Unregistered:
			e.Status, e.Failures = r.Status, 0
			e.Addrs, e.NS, e.Wildcard = r.Addrs, r.NS, r.Wildcard
			if r.Status == Registered {
				if e.FirstSeen.IsZero() {
					e.FirstSeen = r.Checked
				}
				e.NextCheck = r.Checked.Add(sched.Registered)
			} else {
				e.NextCheck = r.Checked.Add(sched.Unregistered)
			}
		default:
			// A timeout is not an answer: keep the last known status and
			// addresses, and retry with a doubling delay.
			if e.Status == "" || e.Status == Timeout || e.Status == Failed {
				e.Status = r.Status
			}
			e.Failures++
			d := sched.Retry
			for i := 1; i < e.Failures && d < sched.MaxRetry; i++ {
				d *= 2
			}
			if d > sched.MaxRetry {
				d = sched.MaxRetry
			}
			e.NextCheck = r.Checked.Add(d)
		}
	}
}

// Due lists up to limit candidates whose next check is at or before now,
// oldest due first (never-checked names first); limit <= 0 means all.
func (s *State) Due(now time.Time, limit int) []Candidate {
	var due []*Entry
	for _, e := range s.Entries {
		if !e.NextCheck.After(now) {
			due = append(due, e)
		}
	}
	sort.Slice(due, func(i, j int) bool {
		if !due[i].NextCheck.Equal(due[j].NextCheck) {
			return due[i].NextCheck.Before(due[j].NextCheck)
		}
		return due[i].Host < due[j].Host
	})
	if limit > 0 && len(due) > limit {
		due = due[:limit]
	}
	out := make([]Candidate, len(due))
	for i, e := range due {
		out[i] = e.Candidate
	}
	return out
}

// Registered lists the entries last found registered, sorted by host.
func (s *State) Registered() []Entry {
	var out []Entry
	for _, e := range s.Entries {
		if e.Status == Registered {
			out = append(out, *e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Host < out[j].Host })
	return out
}
