package review

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/certwatch/certwatch/finding"
)

// The case page's comparison of an imitation site with the official page
// (issue 14): templates/_imitation_compare.html (a partial, see parseViews), included in the case
// page, shows the candidate's latest screenshot beside the official
// reference's (the thumbnail the finding keeps, served by
// referenceScreenshot) and the verdict's reasons.

// referenceScreenshot serves the official page's screenshot (a PNG
// thumbnail) that an imitation case's finding keeps.
func (s *Server) referenceScreenshot(w http.ResponseWriter, r *http.Request) {
	c, ok := s.pathCase(w, r)
	if !ok {
		return
	}
	var png []byte
	if len(c.Finding) > 0 {
		if f, err := finding.Decode(c.Finding); err == nil && f.Imitation != nil {
			png = f.Imitation.ReferenceShot
		}
	}
	if !bytes.HasPrefix(png, pngMagic) {
		s.fail(w, r, http.StatusNotFound, "没有官方页面的截图。")
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = w.Write(png)
}

// hostOfReference is the host of the official page compared with, for
// the comparison's caption.
func hostOfReference(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	return u
}

func init() { funcs["referenceHost"] = hostOfReference }
