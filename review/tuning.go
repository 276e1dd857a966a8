package review

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	webpage "github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/tuning"
)

// maxCandidatePack bounds a pasted pack (the request body is bounded too).
const maxCandidatePack = 512 << 10

// tuningPage offers the form, filled with the current pack's text as a
// starting point when there is one pack and its text can be read.
func (s *Server) tuningPage(w http.ResponseWriter, r *http.Request) {
	var text string
	if len(s.packs()) == 1 {
		p := s.packs()[0]
		if p.File == rules.DefaultFile {
			text = string(rules.DefaultSource())
		} else if b, err := os.ReadFile(p.File); err == nil && len(b) <= maxCandidatePack {
			text = string(b)
		}
	}
	s.render(w, r, http.StatusOK, "tuning", map[string]any{"Packs": s.packs(), "Pack": text})
}

// tuningRun re-scores the stored cases with a pasted candidate pack
// against the packs in force and shows what would change. Nothing is
// activated here: activation replaces the running rules and is done with
// `certwatch rules activate`, which records it.
func (s *Server) tuningRun(w http.ResponseWriter, r *http.Request) {
	text := r.PostFormValue("pack")
	if strings.TrimSpace(text) == "" || len(text) > maxCandidatePack {
		s.fail(w, r, http.StatusBadRequest, "请粘贴候选规则包（YAML，不超过 512 KB）。")
		return
	}
	cand, err := rules.Parse("candidate.yaml", []byte(text))
	if err != nil {
		s.render(w, r, http.StatusBadRequest, "tuning", map[string]any{"Packs": s.packs(), "Pack": text, "Error": err.Error()})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 4*time.Minute)
	defer cancel()
	// Both sides decide as sweeps would: the rules with the model in force.
	detectWith := func(m *matcher.Matcher) func(*webpage.Page) *matcher.Finding { return detect.InForce(m, s.st).Detect }
	rep, err := tuning.Compare(ctx, s.st, s.packs(), []*rules.Pack{cand}, tuning.Options{Limit: 200, Detect: detectWith})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.audit(r, currentUser(r).Name, "rules.test", "rules", fmt.Sprintf("candidate %s: %d added, %d dropped over %d cases",
		cand.Version(), rep.AddedCount, rep.DroppedCount, rep.Cases))
	s.render(w, r, http.StatusOK, "tuning", map[string]any{"Packs": s.packs(), "Pack": text, "Report": rep, "Candidate": cand})
}

// precision formats a precision or recall (nil: nothing labelled).
func precision(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *p)
}
