package config

import "go.yaml.in/yaml/v3"

// Discover is the discover key: ways a sweep finds candidate imitation
// query sites besides the configured sources (issue 14).
//
// QR (discover.qr) scans the images of every page the sweep flags as an
// offer and of every marketplace listing for QR codes, follows their
// addresses through redirects and URL shorteners (bounded, internal
// addresses refused), and queues each strong candidate (a non-official
// host that claims to verify certificates) as a page to check for
// imitation. It is off by default: it fetches up to QRMaxImages images of
// each such page from hosts the sources name, and follows addresses to
// hosts no source names; an operator turns it on knowingly (the sample
// web's config does).
type Discover struct {
	QR          bool
	QRMaxImages int // images fetched per page (default 8, at most 64)
}

// DefaultQRMaxImages is Discover.QRMaxImages when the config gives none.
const DefaultQRMaxImages = 8

func (d *decoder) discover(n *yaml.Node, key string, dst *Discover) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"qr":            func(v *yaml.Node, k string) { d.Bool(v, k, &dst.QR) },
		"qr_max_images": func(v *yaml.Node, k string) { d.Int(v, k, 1, 64, &dst.QRMaxImages) },
	})
}
