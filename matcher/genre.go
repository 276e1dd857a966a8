package matcher

// Genres (issue 11, "length- and genre-aware decisions").
//
// A pack's genres (rules.Genre) name kinds of text that talk about fake
// certificates without offering them: news and police or court reports,
// government warnings, platform rules, Q&A whose answer is a denial, job
// ads, honest training pages, how-to texts about 挂靠. Each has cue words,
// the number of distinct cues that recognise it (min_cues), optionally a
// second list of which one must also appear (with), and a factor in
// (0, 1].
//
// Recognition: a genre is recognised in a text when at least min_cues of
// its distinct cues (and one of its with words, if any) occur in it. Cues
// are matched by the page's one automaton pass like every literal, without
// word-boundary, negation or quotation checks: a news report that quotes
// an ad is still news. The page's genre is looked for in its content (the
// title, main text, posts and listing fields; not navigation, footers,
// sidebars or boilerplate); a unit's genre in the unit alone. When several
// genres are recognised, the one whose cues exceed its min_cues the most
// wins, then the one with the lower factor.
//
// Strength: a text holding more cues than min_cues is surer of its genre:
// the factor is the pack's at min_cues and its square from twice min_cues
// on, geometric in between (0.4 with 2 cues of a min_cues 2 genre, 0.16
// with 4). The page's genre applies at that strength to the article (the
// title and main text, where its cues were found); to a post, a listing
// card or the chrome at the pack's factor only.
//
// Effect: the positive score of every rule in a unit is multiplied by the
// lowest of the unit's own genre factor and the page's genre factor —
// except in a unit that holds a personal contact (mobile, WeChat, QQ,
// Telegram; not a landline, a web address or a "possible contact"):
// whoever gives one speaks for a seller, whatever the page around it is (a
// seller's reply under a news article, an ad that calls others liars). Exclusions keep working
// as before inside their unit; the factor applies to the positive part of
// the score only. The finding names the page's genre, and a rule's reason
// the genre that set its factor.

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// cgenre is a compiled genre.
type cgenre struct {
	g    *rules.Genre
	cues []int // literal ids
	with []int
	// within[i]: the other cues whose text holds cue i (整治 in 专项整治):
	// a hit of cue i inside a hit of one of them is not a cue of its own.
	within [][]int
}

// genreHit is a recognised genre.
type genreHit struct {
	g      *rules.Genre
	factor float64  // the pack's factor
	strong float64  // the factor for the text the cues were found in (strongerFactor)
	cues   []string // the cues found, as written in the pack
}

// compileGenres registers the cue literals of every pack's genres.
func (m *Matcher) compileGenres(packs []*rules.Pack, lit func(p *rules.Pack, line int, key, s string) int) {
	for _, p := range packs {
		for gi := range p.Genres {
			g := &p.Genres[gi]
			cg := cgenre{g: g}
			for i, c := range g.Cues {
				if id := lit(p, g.Line, fmt.Sprintf("genres[%d].cues[%d]", gi, i), c); id >= 0 {
					cg.cues = appendUnique(cg.cues, id)
					m.lits[id].genreCue = true
				}
			}
			cg.within = make([][]int, len(cg.cues))
			for i, a := range cg.cues {
				for _, b := range cg.cues {
					if a != b && strings.Contains(m.lits[b].text, m.lits[a].text) {
						cg.within[i] = append(cg.within[i], b)
					}
				}
			}
			for i, c := range g.With {
				if id := lit(p, g.Line, fmt.Sprintf("genres[%d].with[%d]", gi, i), c); id >= 0 {
					cg.with = appendUnique(cg.with, id)
					m.lits[id].genreCue = true
				}
			}
			m.genres = append(m.genres, cg)
		}
	}
}

// recognise returns the genre best supported by the text looked at (hits
// returns a literal's hits there), or nil.
func (m *Matcher) recognise(hits func(id int) []hit) *genreHit {
	var best *genreHit
	bestMargin := 0
	has := func(id int) bool { return len(hits(id)) > 0 }
	for i := range m.genres {
		cg := &m.genres[i]
		var found []string
		for ci, id := range cg.cues {
			if cueFound(hits(id), cg.within[ci], hits) {
				found = append(found, m.lits[id].display)
			}
		}
		if len(found) < cg.g.MinCues {
			continue
		}
		if len(cg.with) > 0 {
			ok := false
			for _, id := range cg.with {
				if has(id) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		margin := len(found) - cg.g.MinCues
		if best == nil || margin > bestMargin || margin == bestMargin && cg.g.Factor < best.factor {
			best = &genreHit{g: cg.g, factor: cg.g.Factor, strong: strongerFactor(cg.g.Factor, len(found), cg.g.MinCues), cues: found}
			bestMargin = margin
		}
	}
	return best
}

// cueFound reports whether some hit of a cue lies outside every hit of
// the longer cues that hold it.
func cueFound(hs []hit, longer []int, hits func(id int) []hit) bool {
	for _, h := range hs {
		inside := false
		for _, id := range longer {
			for _, x := range hits(id) {
				if x.start <= h.start && h.end <= x.end {
					inside = true
					break
				}
			}
			if inside {
				break
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// detectGenre recognises the page's genre from its content units.
func (s *scan) detectGenre(units []*unit) *genreHit {
	if len(s.m.genres) == 0 {
		return nil
	}
	var content [][2]int
	for _, u := range units {
		if !u.kind.LowWeight() && u.kind != page.KindLinkText {
			content = append(content, u.ranges...)
		}
	}
	slices.SortFunc(content, func(a, b [2]int) int { return a[0] - b[0] })
	cues := map[int][]hit{}
	for _, h := range s.hits {
		if s.m.lits[h.lit].genreCue && inRanges(content, h.start, h.end) {
			cues[h.lit] = append(cues[h.lit], h)
		}
	}
	if len(cues) == 0 {
		return nil
	}
	return s.m.recognise(func(id int) []hit { return cues[id] })
}

// unitGenre recognises the genre of the unit in view.
func (s *scan) unitGenre() *genreHit {
	if len(s.m.genres) == 0 {
		return nil
	}
	any := false
	for _, id := range s.byLit.literals() {
		if s.m.lits[id].genreCue {
			any = true
			break
		}
	}
	if !any {
		return nil
	}
	return s.m.recognise(s.byLit.get)
}

// genreFactor returns the factor for a unit's scores and the genre that
// set it (nil: 1).
func (s *scan) genreFactor(u *unit, v scanView) (float64, *genreHit) {
	if v.personalContact() {
		return 1, nil
	}
	f, g := 1.0, (*genreHit)(nil)
	if u.genre != nil {
		f, g = u.genre.strong, u.genre
	}
	if pg := s.pageGenre; pg != nil {
		// The page's cues speak fully for its article; for a post, a
		// listing card or the chrome, at the pack's factor only.
		pf := pg.factor
		if u.kind == page.KindMain || u.kind == page.KindTitle {
			pf = pg.strong
		}
		if pf < f {
			f, g = pf, pg
		}
	}
	return f, g
}

// genreReason describes a recognised genre: 新闻报道（线索：记者、据报道）.
func genreReason(g *genreHit) string {
	return fmt.Sprintf("%s（线索：%s）", g.g.Name, strings.Join(g.cues, "、"))
}

// strongerFactor is a genre's factor for a text holding found distinct
// cues: the pack's factor at min_cues, its square from twice min_cues on
// (a report that cites six reporting cues is surer than one with two),
// geometric in between.
func strongerFactor(f float64, found, minCues int) float64 {
	x := float64(found) / float64(max(minCues, 1))
	x = min(max(x, 1), 2)
	return math.Pow(f, x)
}
