// Package inforce holds what decides on pages in a running server: the
// rule packs in force, their compiled matcher and search terms, and the
// detection built from them with the learned model and its channels.
//
// Sweeps, removal checks, the review UI and digests all read from one
// Holder, and an activation (a rule pack, a model, a channel switch)
// changes it in one place. Before the Holder, serve kept the packs in three
// places and an activation updated two of them, so digests went on naming
// categories after the old pack.
package inforce

import (
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
)

// Rules are rule packs with their compiled matcher and search terms.
type Rules struct {
	Packs       []*rules.Pack
	Matcher     *matcher.Matcher
	SearchTerms []string
}

// state is one consistent picture: rules and the detection made of them.
type state struct {
	rules Rules
	det   *detect.Detector
}

// Holder is the one place a running server keeps the rules and detection
// in force. Reads are lock-free and always see one consistent state;
// changes are serialised.
type Holder struct {
	settings detect.Settings
	log      *slog.Logger
	mu       sync.Mutex // serialises changes
	now      atomic.Pointer[state]
}

// New holds r with the model and channels that settings record (see
// detect.InForce). log may be nil.
func New(r Rules, settings detect.Settings, log *slog.Logger) *Holder {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Holder{settings: settings, log: log}
	h.now.Store(&state{rules: r, det: h.detection(r.Matcher)})
	return h
}

// detection builds the detection for m from the settings, logging what
// is in force (a model that cannot be used is a warning: rules alone).
func (h *Holder) detection(m *matcher.Matcher) *detect.Detector {
	if h.settings == nil {
		return detect.New(m, detect.Options{})
	}
	d := detect.InForce(m, h.settings)
	s := d.Status()
	if s.Error != "" {
		h.log.Warn("learned model not in use: detection by the rules alone", "err", s.Error)
	} else if s.Model != "" {
		h.log.Info("detection", "rules", s.Rules, "model", s.Model, "source", s.Source, "bar", s.Bar, "model_channel_off", s.Off)
	}
	return d
}

// Detector is the detection in force.
func (h *Holder) Detector() *detect.Detector { return h.now.Load().det }

// Packs are the rule packs in force.
func (h *Holder) Packs() []*rules.Pack { return h.now.Load().rules.Packs }

// SearchTerms are the search terms of the packs in force.
func (h *Holder) SearchTerms() []string { return h.now.Load().rules.SearchTerms }

// CategoryName is a category's display name in the packs in force (the
// default pack's name, or the id, when none of them names it).
func (h *Holder) CategoryName(id string) string { return rules.CategoryName(h.Packs(), id) }

// UseRules puts r in force for everything that starts from now on; the
// model and its channels stay as they are.
func (h *Holder) UseRules(r Rules) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now.Store(&state{rules: r, det: h.now.Load().det.WithMatcher(r.Matcher)})
}

// ModelChanged reads the model and its channels again from the settings
// (a model activated or deactivated, a channel switched) and puts the
// resulting detection in force; the rules stay.
func (h *Holder) ModelChanged() {
	h.mu.Lock()
	defer h.mu.Unlock()
	cur := h.now.Load()
	h.now.Store(&state{rules: cur.rules, det: h.detection(cur.rules.Matcher)})
}
