package config

import (
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Imitation is the discover.imitation key: the reference snapshots of the
// official query pages that the imitation verdict (discover/imitation)
// compares a candidate with. Without the key, a sweep compares with the
// embedded references (the sample web's official pages) and keeps the
// official pages it fetches in memory only.
type Imitation struct {
	// References is a directory of saved official pages:
	// references.jsonl names each page's file and address (and optionally
	// a screenshot), as discover/imitation.LoadDir reads it; "" for the
	// embedded ones.
	References string
	// State is the JSON file where a sweep keeps (and refreshes) the
	// snapshots of the official pages it fetches (default
	// imitation-references.json beside the config file).
	State string
}

func (d *decoder) imitation(n *yaml.Node, key string, im *Imitation) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"references": func(v *yaml.Node, k string) { d.Str(v, k, &im.References) },
		"state":      func(v *yaml.Node, k string) { d.Str(v, k, &im.State) },
	})
}

// resolvePaths makes the directory and the state file absolute against dir.
func (im *Imitation) resolvePaths(dir string) {
	if im.State == "" {
		im.State = "imitation-references.json"
	}
	for _, p := range []*string{&im.State, &im.References} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
}
