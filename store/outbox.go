package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Message is a notification waiting to be delivered (a digest to a
// webhook or a mailbox). Delivery is retried until it succeeds or runs out
// of attempts; the outbox keeps the last attempts' outcome either way.
type Message struct {
	ID          uint64          `json:"id"`
	Kind        string          `json:"kind"`   // webhook, email
	Target      string          `json:"target"` // the URL or the addresses
	Subject     string          `json:"subject,omitempty"`
	Payload     json.RawMessage `json:"payload"`
	Created     time.Time       `json:"created"`
	Attempts    int             `json:"attempts"`
	NextAttempt time.Time       `json:"next_attempt"`
	LastError   string          `json:"last_error,omitempty"`
	Sent        time.Time       `json:"sent,omitzero"`
	GaveUp      bool            `json:"gave_up,omitempty"`
}

// Enqueue stores messages to deliver now.
func (s *Store) Enqueue(msgs ...Message) error {
	now := s.now()
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		for _, m := range msgs {
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			m.ID, m.Created, m.NextAttempt = id, now, now
			if err := putMessage(tx, &m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: enqueue: %w", err)
	}
	return nil
}

// DueMessages lists undelivered messages whose next attempt is due.
func (s *Store) DueMessages(now time.Time, limit int) ([]Message, error) {
	var out []Message
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			if limit > 0 && len(out) >= limit {
				return nil
			}
			var m Message
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("decode message %d: %w", binaryID(k), err)
			}
			if m.Sent.IsZero() && !m.GaveUp && !m.NextAttempt.After(now) {
				out = append(out, m)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: due messages: %w", err)
	}
	return out, nil
}

// Messages lists the newest messages first (for the UI).
func (s *Store) Messages(limit int) ([]Message, error) {
	var out []Message
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			var m Message
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("decode message %d: %w", binaryID(k), err)
			}
			out = append(out, m)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: messages: %w", err)
	}
	return out, nil
}

// MessageAttempt records one delivery attempt: success (err nil), or a
// failure with the time of the next attempt (zero: give up).
func (s *Store) MessageAttempt(id uint64, err error, next time.Time) error {
	now := s.now()
	uerr := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		var m Message
		ok, gerr := getJSON(b, u64(id), &m)
		if gerr != nil {
			return gerr
		}
		if !ok {
			return fmt.Errorf("message %d: %w", id, ErrNotFound)
		}
		m.Attempts++
		if err == nil {
			m.Sent, m.LastError = now, ""
		} else {
			m.LastError = err.Error()
			if next.IsZero() {
				m.GaveUp = true
			} else {
				m.NextAttempt = next
			}
		}
		return putMessage(tx, &m)
	})
	if uerr != nil {
		return fmt.Errorf("store: message attempt: %w", uerr)
	}
	return nil
}
