package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/inforce"
	"github.com/certwatch/certwatch/store"
)

// followInterval is how often a serve process on PostgreSQL looks for
// activations other processes recorded.
const followInterval = "@every 1m"

// activationFollower keeps a serve process's rules and model in force in
// step with the activations recorded in a shared PostgreSQL database by
// other processes (certwatch rules/model activate, deactivate, model
// channel, or another serve's UI): on bbolt the server is the only writer
// and changes what it holds itself, here any process may record one.
type activationFollower struct {
	st        Backend
	now       *inforce.Holder
	cfg       *config.Config
	rulesPath string // serve --rules: the packs stay as given
	log       *slog.Logger
	// The activations in force here, as keys of the histories' last
	// entries and of the channel switches.
	pack, model, channels string
}

// newActivationFollower starts from what the database records now: what
// the process loaded at its start.
func newActivationFollower(st Backend, now *inforce.Holder, cfg *config.Config, rulesPath string, log *slog.Logger) (*activationFollower, error) {
	f := &activationFollower{st: st, now: now, cfg: cfg, rulesPath: rulesPath, log: log}
	var err error
	if f.pack, f.model, f.channels, err = f.keys(); err != nil {
		return nil, err
	}
	return f, nil
}

// keys name the latest pack and model activations and the channel
// switches, without reading any content.
func (f *activationFollower) keys() (pack, model, channels string, err error) {
	last := func(h []store.Activation, err error) (string, error) {
		if err != nil || len(h) == 0 {
			return "", err
		}
		e := h[len(h)-1]
		return fmt.Sprintf("%d/%t", e.Seq, e.Deactivated), nil
	}
	if pack, err = last(f.st.PackHistory()); err != nil {
		return "", "", "", err
	}
	if model, err = last(f.st.ModelHistory()); err != nil {
		return "", "", "", err
	}
	chs, err := f.st.ModelChannels()
	if err != nil {
		return "", "", "", err
	}
	var b strings.Builder
	for _, c := range chs {
		fmt.Fprintf(&b, "%s=%t@%d;", c.Category, c.On, c.At.UnixNano())
	}
	return pack, model, b.String(), nil
}

// run puts in force what changed since the last look: the active pack
// (or, once deactivated, the configuration's rules), the model and its
// channels.
func (f *activationFollower) run(context.Context) error {
	pack, model, channels, err := f.keys()
	if err != nil {
		return err
	}
	if pack != f.pack {
		switch {
		case f.rulesPath != "":
			f.log.Warn("a rule pack activation recorded by another process is not used: this server was started with --rules", "rules", f.rulesPath)
		default:
			active, err := activeRules(f.st)
			if err != nil {
				return err
			}
			m, packs, terms, err := compilePacks("", active, f.cfg)
			if err != nil {
				return err
			}
			m.Warm()
			f.now.UseRules(inforce.Rules{Packs: packs, Matcher: m, SearchTerms: terms})
			var versions []string
			for _, p := range packs {
				versions = append(versions, p.Version())
			}
			f.log.Info("rules in force changed by another process", "packs", versions)
		}
		f.pack = pack
	}
	if model != f.model || channels != f.channels {
		f.now.ModelChanged()
		f.log.Info("model or model channels in force changed by another process", "model", f.now.Detector().Status().Model)
		f.model, f.channels = model, channels
	}
	return nil
}
