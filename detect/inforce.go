package detect

import (
	"errors"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/store"
)

// Settings is what choosing the detection in force reads from the store.
// *store.Store implements it.
type Settings interface {
	rank.ActiveModels
	ModelChannels() ([]store.ModelChannel, error)
}

var _ Settings = (*store.Store)(nil)

// InForce builds the Detector sweeps and the server use: the rules m, the
// model in force (rank.Active: the activation in the store, else the
// embedded default; the rules alone with a warning when that model does
// not load), and the channel switches recorded in the store. An error
// reading the switches is a warning too, and every channel is then off.
func InForce(m *matcher.Matcher, st Settings) *Detector {
	model, source, warn := rank.Active(st)
	d := New(m, Options{Model: model, Source: source, Warning: warn})
	off, err := OffCategories(st)
	if err != nil && model != nil {
		// What the analysts switched off cannot be known: the model
		// flags nothing alone (its verdicts are still shown).
		d.warn = err
		off = rank.Classes
	}
	return d.WithOff(off)
}

// OffCategories are the categories whose model channel the store has off.
func OffCategories(st Settings) ([]string, error) {
	chs, err := st.ModelChannels()
	if err != nil {
		return nil, err
	}
	var off []string
	for _, c := range chs {
		if !c.On {
			off = append(off, c.Category)
		}
	}
	return off, nil
}

func errorIs(err, target error) bool { return errors.Is(err, target) }
