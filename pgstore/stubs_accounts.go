package pgstore

// Stubs for accounts, sessions, sign-in limits, the audit chain, model activations and channels, replaced method by method; this file goes when
// it is empty.

import (
	"time"

	"github.com/certwatch/certwatch/store"
)

func (b *Backend) ActiveModel() (*store.Activation, error) {
	return nil, notYet("ActiveModel")
}

func (b *Backend) FlushLoginBursts(p0 time.Time, p1 bool, p2 map[string]store.RefusedLogins) (time.Time, error) {
	return time.Time{}, notYet("FlushLoginBursts")
}

func (b *Backend) LoginState(p0 string, p1 time.Time, p2 ...string) ([]store.LoginAttempts, []string, error) {
	return nil, nil, notYet("LoginState")
}

func (b *Backend) LoginSucceeded(p0 string, p1 string, p2 time.Time, p3 store.RefusedLogins, p4 ...string) error {
	return notYet("LoginSucceeded")
}

func (b *Backend) ModelChannels() ([]store.ModelChannel, error) {
	return nil, notYet("ModelChannels")
}

func (b *Backend) RecordLoginFailure(p0 store.LoginFailure) error {
	return notYet("RecordLoginFailure")
}

func (b *Backend) SetModelChannel(p0 string, p1 string, p2 bool) error {
	return notYet("SetModelChannel")
}
