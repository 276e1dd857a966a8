package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Genre is a kind of text that talks about fake certificates without
// offering them — news and police or court reports, government warnings,
// platform rules, debunking Q&A, job ads, honest training pages, how-to
// texts — recognised by its cue words. A page or block of a genre has its
// offer scores multiplied by Factor (see the matcher's genre.go).
type Genre struct {
	Line int
	ID   string
	Name string // shown in findings and reasons
	// Cues: the genre is recognised in a text holding at least MinCues
	// distinct cues…
	Cues    []string
	MinCues int
	// … and, when With is given, at least one of these as well (the
	// question of a Q&A whose answer is a denial: cues are the denials,
	// With the question marks).
	With []string
	// Factor multiplies the positive score of every rule in a text of the
	// genre, in (0, 1].
	Factor float64
}

// genres decodes the genres section: a list of {id, name, cues, min_cues,
// with, factor}.
func (d *decoder) genres(n *yaml.Node, path string, p *Pack) {
	ids := map[string]int{}
	d.List(n, path, func(_ int, c *yaml.Node, key string) {
		g := Genre{Line: c.Line, MinCues: 1}
		var cuesNode *yaml.Node
		d.Fields(c, key, map[string]func(*yaml.Node, string){
			"id":   func(v *yaml.Node, k string) { d.ID(v, k, &g.ID) },
			"name": func(v *yaml.Node, k string) { d.Str(v, k, &g.Name) },
			"cues": func(v *yaml.Node, k string) {
				cuesNode = v
				d.StrList(v, k, &g.Cues)
			},
			"min_cues": func(v *yaml.Node, k string) { d.Int(v, k, 1, 20, &g.MinCues) },
			"with":     func(v *yaml.Node, k string) { d.StrList(v, k, &g.With) },
			"factor":   func(v *yaml.Node, k string) { d.Num(v, k, 0.01, 1, true, &g.Factor) },
		}, "id", "name", "cues", "factor")
		if cuesNode != nil && len(g.Cues) > 0 && g.MinCues > len(g.Cues) {
			d.Fail(c, key+".min_cues", "%d is more than the %d cues listed", g.MinCues, len(g.Cues))
		}
		seen := map[string]bool{}
		for i, s := range g.Cues {
			if seen[s] {
				d.Fail(cuesNode, fmt.Sprintf("%s.cues[%d]", key, i), "cue %q listed twice", s)
			}
			seen[s] = true
		}
		if d.Unique(ids, c, key+".id", "genre", g.ID) {
			p.Genres = append(p.Genres, g)
		}
	})
	if n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		d.Fail(n, path, "must list at least one genre")
	}
}
