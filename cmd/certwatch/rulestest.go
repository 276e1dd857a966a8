package main

import (
	"errors"
	"fmt"

	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// activeRules loads the pack activated in the database ("certwatch rules
// activate"): none (an empty list) when no pack is active. A stored pack
// that no longer loads is an error, not a silent fallback.
func activeRules(st *store.Store) ([]*rules.Pack, error) {
	ap, err := st.ActivePack()
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p, err := rules.Parse(activeFile(ap), ap.Content)
	if err != nil {
		return nil, fmt.Errorf("the rule pack activated by %s at %s no longer loads (activate another, or deactivate it): %w",
			ap.By, ap.At.Format("2006-01-02 15:04"), err)
	}
	return []*rules.Pack{p}, nil
}

// activeFile is the name an activated pack carries in errors and on the
// rules page: where it came from and the activation's number.
func activeFile(ap *store.ActivatedPack) string {
	return fmt.Sprintf("%s (activated #%d)", ap.File, ap.Seq)
}
