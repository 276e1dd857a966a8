package rank

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestMinSites: an n-gram that only one site writes (here the site's
// signature 鑫鑫 on each of its texts) is left out of the vocabulary with
// MinSites 2, and kept without it; n-grams several sites share stay.
// Texts without a site count as their own.
func TestMinSites(t *testing.T) {
	ex := fixture(3, 8)
	for i := range ex {
		if ex[i].Label == "cert_sale" {
			ex[i].Site = "one.example"
			ex[i].Text += " 鑫鑫证件"
		}
	}
	train := func(minSites int) *Model {
		m, err := Train(context.Background(), ex, Options{MinDF: 2, MinSites: minSites, SkipWindowRound: true,
			Created: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	all, two := train(0), train(2)
	if !slices.Contains(all.vocab, "鑫鑫") {
		t.Fatal("without MinSites, the one site's signature 鑫鑫 (in 8 texts) is not in the vocabulary")
	}
	if slices.Contains(two.vocab, "鑫鑫") || slices.Contains(two.vocab, "鑫") {
		t.Error("MinSites 2 kept an n-gram that only one site writes")
	}
	if !slices.Contains(two.vocab, "代考") {
		t.Error("MinSites 2 dropped 代考, which texts without a site (each its own) share")
	}
	if got := two.Header().TrainedOn.Settings.MinSites; got != 2 {
		t.Errorf("header records min_sites %d, want 2", got)
	}
	if got := all.Header().TrainedOn.Settings.MinSites; got != 0 {
		t.Errorf("header records min_sites %d without it, want 0 (left out)", got)
	}
}
