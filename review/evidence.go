package review

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/certwatch/certwatch/store"
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// caseSnapshot reads the {id} and {sid} of the path: a snapshot of that
// case, or a 404 saying notFound.
func (s *Server) caseSnapshot(w http.ResponseWriter, r *http.Request, notFound string) (uint64, *store.Snapshot, bool) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return 0, nil, false
	}
	sid, err := pathID(r, "sid")
	if err != nil {
		s.failErr(w, r, err)
		return 0, nil, false
	}
	sn, err := s.st.Snapshot(sid)
	if err != nil || sn.CaseID != id {
		s.fail(w, r, http.StatusNotFound, notFound)
		return 0, nil, false
	}
	return id, sn, true
}

// screenshot serves a snapshot's PNG, only if it is one: the bytes come
// from a browser that rendered a hostile page.
func (s *Server) screenshot(w http.ResponseWriter, r *http.Request) {
	_, sn, ok := s.caseSnapshot(w, r, "没有这张截图。")
	if !ok {
		return
	}
	png, err := s.st.SnapshotScreenshot(sn.ID)
	if err != nil || !bytes.HasPrefix(png, pngMagic) {
		s.fail(w, r, http.StatusNotFound, "没有这张截图。")
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = w.Write(png)
}

// rawBody sends the body as fetched, always as a download that no
// browser will render.
func (s *Server) rawBody(w http.ResponseWriter, r *http.Request) {
	id, sn, ok := s.caseSnapshot(w, r, "没有这个快照。")
	if !ok {
		return
	}
	sid := sn.ID
	body, err := s.st.SnapshotBody(sid)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.audit(r, currentUser(r).Name, "evidence.download", fmt.Sprintf("case:%d", id), fmt.Sprintf("snapshot %d body sha256=%s", sid, sn.BodySHA256))
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="case-%d-snapshot-%d.body"`, id, sid))
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, _ = w.Write(body)
}

// exportEvidence writes the case's evidence package (WARC, screenshots,
// bodies, manifest.json, SHA256SUMS; see store.ExportEvidence) and sends
// it as one zip file.
func (s *Server) exportEvidence(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	dir, err := os.MkdirTemp("", "certwatch-export-")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	m, err := s.st.ExportEvidence(id, filepath.Join(dir, fmt.Sprintf("case-%d", id)))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := zipDir(&buf, dir); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.audit(r, currentUser(r).Name, "evidence.export", fmt.Sprintf("case:%d", id), fmt.Sprintf("%d files", len(m.Files)))
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="certwatch-case-%d-evidence.zip"`, id))
	_, _ = buf.WriteTo(w)
}

func zipDir(w io.Writer, dir string) error {
	zw := zip.NewWriter(w)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		f, err := zw.Create(strings.ReplaceAll(rel, string(filepath.Separator), "/"))
		if err != nil {
			return err
		}
		src, err := os.Open(p)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(f, src)
		return err
	})
	if err != nil {
		return err
	}
	return zw.Close()
}

// checkResponse sends the response a removal check got, as a download.
func (s *Server) checkResponse(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	eid, err := pathID(r, "eid")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	ev, body, err := s.st.CheckResponse(eid)
	if err != nil || ev.NoticeID != id {
		s.fail(w, r, http.StatusNotFound, "没有这次复查的响应。")
		return
	}
	s.audit(r, currentUser(r).Name, "evidence.download", fmt.Sprintf("notice:%d", id),
		fmt.Sprintf("removal check %d of case %d, status %d, body sha256=%s", eid, ev.CaseID, ev.Status, ev.BodySHA256))
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="notice-%d-check-%d-status-%d.body"`, id, eid, ev.Status))
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, _ = w.Write(body)
}
