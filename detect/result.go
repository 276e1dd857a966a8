package detect

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/certwatch/certwatch/matcher"
)

// Result is what the detection stage gives for one page (Examine): the
// finding, the page's title and text as the matcher normalised them, and
// the contacts that link cases of the same seller (LinkContacts). The
// content key is computed from Norm when asked for (ContentKey). Readers
// after detection (the blocked-page check, the content key, re-checks and
// watches) take the normalised text from here instead of normalising the
// page again.
type Result struct {
	Finding  *matcher.Finding
	Norm     *matcher.PageNorm
	Contacts []matcher.Contact
	key      string
}

// ContentKey decides "changed content": the hex SHA-256 of the page's
// normalised title and text, so a changed ad or timestamp in the markup,
// or a difference in spacing, width or invisible characters, does not make
// a snapshot. Stores keep it (resume, duplicates, re-checks): its bytes
// never change.
func (r *Result) ContentKey() string {
	if r.key == "" {
		sum := sha256.Sum256([]byte(r.Norm.Text))
		r.key = hex.EncodeToString(sum[:])
	}
	return r.key
}
