package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// The contact index links cases that share a personal contact (the same
// seller behind several pages). Two buckets, created by the first indexed
// case (reads treat a missing bucket as an empty index):
//
//	contact_cases  kind 0x00 value 0x00 case id (8 bytes) → empty
//	case_contacts  case id (8 bytes) kind 0x00 value      → empty
//
// Only what the caller passes is indexed: the sweep passes a finding's
// personal contacts (phone, WeChat, QQ, Telegram), decoded, not the
// unscored "possible" ones and not those in a site's footer or navigation
// (package detect, LinkContacts). Comparison is by kind and decoded
// value: a QQ number and a phone number with the same digits are
// different contacts.
var (
	bucketContactCases = []byte("contact_cases")
	bucketCaseContacts = []byte("case_contacts")
)

// CaseContact is one personal contact of a case: its kind (phone, wechat,
// qq, telegram) and decoded value.
type CaseContact struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Bounds of the index: a page with more contacts than this is a list, not
// one seller; longer values are not contacts.
const (
	maxIndexedContacts = 32
	maxContactValue    = 128
	// MaxLinkedCases bounds the cases LinkedCases returns per contact.
	MaxLinkedCases = 50
)

func (c CaseContact) valid() bool {
	return c.Kind != "" && c.Value != "" && len(c.Kind) <= 32 && len(c.Value) <= maxContactValue &&
		!strings.ContainsRune(c.Kind, 0) && !strings.ContainsRune(c.Value, 0)
}

// IndexedContacts are those of contacts the index takes (every backend's
// Record indexes these): the valid ones, at most maxIndexedContacts, in
// order.
func IndexedContacts(contacts []CaseContact) []CaseContact {
	var out []CaseContact
	for _, c := range contacts {
		if !c.valid() {
			continue
		}
		if len(out) == maxIndexedContacts {
			break
		}
		out = append(out, c)
	}
	return out
}

func (c CaseContact) key() []byte { return []byte(c.Kind + "\x00" + c.Value + "\x00") }

// indexContacts adds caseID's contacts to the index inside tx. Adding what
// is there changes nothing (Record may run twice under Batch).
func indexContacts(tx *bolt.Tx, caseID uint64, contacts []CaseContact) error {
	if len(contacts) == 0 {
		return nil
	}
	byContact, err := tx.CreateBucketIfNotExists(bucketContactCases)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketContactCases, err)
	}
	byCase, err := tx.CreateBucketIfNotExists(bucketCaseContacts)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketCaseContacts, err)
	}
	for _, c := range IndexedContacts(contacts) {
		if err := byContact.Put(binary.BigEndian.AppendUint64(c.key(), caseID), []byte{}); err != nil {
			return err
		}
		if err := byCase.Put(append(u64(caseID), c.Kind+"\x00"+c.Value...), []byte{}); err != nil {
			return err
		}
	}
	return nil
}

// CaseContacts lists the indexed contacts of a case, by kind and value.
func (s *Store) CaseContacts(caseID uint64) ([]CaseContact, error) {
	var out []CaseContact
	err := s.db.View(func(tx *bolt.Tx) error {
		out = caseContacts(tx, caseID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: contacts of case %d: %w", caseID, err)
	}
	return out, nil
}

func caseContacts(tx *bolt.Tx, caseID uint64) []CaseContact {
	b := tx.Bucket(bucketCaseContacts)
	if b == nil {
		return nil
	}
	var out []CaseContact
	prefix := u64(caseID)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		kind, value, ok := strings.Cut(string(k[8:]), "\x00")
		if ok {
			out = append(out, CaseContact{Kind: kind, Value: value})
		}
	}
	return out
}

// casesWith lists the ids of the cases indexed under contact, ascending,
// at most limit (0: all) of the newest.
func casesWith(tx *bolt.Tx, contact CaseContact, limit int) []uint64 {
	b := tx.Bucket(bucketContactCases)
	if b == nil || !contact.valid() {
		return nil
	}
	var ids []uint64
	prefix := contact.key()
	c := b.Cursor()
	// Newest first: seek past the prefix and walk back.
	k, _ := c.Seek(append(slices.Clone(prefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Prev() {
		ids = append(ids, binary.BigEndian.Uint64(k[len(prefix):]))
		if limit > 0 && len(ids) == limit {
			break
		}
	}
	slices.Reverse(ids)
	return ids
}

// LinkedCase is another case that shares a personal contact with a case.
type LinkedCase struct {
	CaseID   uint64              `json:"case_id"`
	Title    string              `json:"title,omitempty"`
	URL      string              `json:"url"`
	Status   casework.CaseStatus `json:"status"`
	Category string              `json:"category,omitempty"`
	First    time.Time           `json:"first_seen"`
	Shared   []CaseContact       `json:"shared"` // the contacts the two cases share
}

// LinkedCases lists the other cases that share a personal contact with
// caseID, newest first; at most MaxLinkedCases per contact are looked at.
func (s *Store) LinkedCases(caseID uint64) ([]LinkedCase, error) {
	var out []LinkedCase
	err := s.db.View(func(tx *bolt.Tx) error {
		at := map[uint64]int{}
		for _, ct := range caseContacts(tx, caseID) {
			for _, id := range casesWith(tx, ct, MaxLinkedCases) {
				if id == caseID {
					continue
				}
				if i, ok := at[id]; ok {
					out[i].Shared = append(out[i].Shared, ct)
					continue
				}
				var cr caseRecord
				ok, err := getJSON(tx.Bucket(bucketCases), u64(id), &cr)
				if err != nil {
					return fmt.Errorf("case %d: %w", id, err)
				}
				if !ok {
					continue
				}
				at[id] = len(out)
				out = append(out, LinkedCase{CaseID: id, Title: cr.Title, URL: cr.URL, Status: cr.Status, Category: cr.Category,
					First: cr.FirstSeen, Shared: []CaseContact{ct}})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: cases linked to case %d: %w", caseID, err)
	}
	slices.SortFunc(out, func(a, b LinkedCase) int { return cmp.Compare(b.CaseID, a.CaseID) })
	return out, nil
}
