package rules

// CategoryName is the display name of a category id for anything people
// read (the review UI, notices, referrals, reports): the name declared by
// the first pack in packs that declares the id, else the name the
// embedded default pack gives it (so the built-in identifiers always have
// their Chinese name, even when a department's pack renamed or dropped a
// category that old cases still carry), else the id itself.
func CategoryName(packs []*Pack, id string) string {
	for _, p := range packs {
		if p == nil {
			continue
		}
		if n := p.CategoryName(id); n != id && n != "" {
			return n
		}
	}
	if def, err := Default(); err == nil {
		if n := def.CategoryName(id); n != "" {
			return n
		}
	}
	return id
}
