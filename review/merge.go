package review

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// MergeStore is duplicates merged into a primary case and unmerged (both
// audited). A merged case leaves the queue and is decided through its
// primary; both backends implement it and store/storetest checks them.
type MergeStore interface {
	Merge(m store.Merge) ([]store.MergedCase, error)
	Unmerge(caseID uint64, by, note string) (*store.MergedCase, error)
	// MergeOf is the merge of a case, store.ErrNotFound when it is not
	// merged.
	MergeOf(caseID uint64) (*store.MergedCase, error)
	MergedCases(primary uint64) ([]store.MergedCase, error)
	// MergedIDs maps every merged case to its primary (the queue hides
	// them).
	MergedIDs() (map[uint64]uint64, error)
}

// mergeView is the case page's part on merging.
type mergeView struct {
	// Into is this case's merge into a primary (nil when it is not merged):
	// the page then shows no decision forms, only the way to the primary
	// and the unmerge button.
	Into      *store.MergedCase
	IntoTitle string
	// Merged are the cases merged into this one, with their evidence.
	Merged []mergedView
	// Candidates are the linked cases (same seller) that may be merged
	// into this one: pending, neither merged nor a primary.
	Candidates []store.LinkedCase
	// CanMerge: the user decides cases and this case may take merges.
	CanMerge bool
}

// mergedView is one case merged into the page's case.
type mergedView struct {
	store.MergedCase
	Case      *store.Case
	Snapshots []snapshotView
	Sightings []store.Sighting
}

// maxMergedShown bounds the merged cases whose evidence the primary's page
// lists in full (store.MaxMergedCases may be merged in all).
const maxMergedShown = 50

// loadMergeView fills v.Merge for the case page.
func (s *Server) loadMergeView(r *http.Request, v *caseView) error {
	id := v.Case.ID
	into, err := s.st.MergeOf(id)
	switch {
	case err == nil:
		v.Merge.Into = into
		if p, err := s.st.Case(into.Primary); err == nil {
			v.Merge.IntoTitle = p.Title
		}
		return nil
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	merged, err := s.st.MergedCases(id)
	if err != nil {
		return err
	}
	for i, m := range merged {
		mv := mergedView{MergedCase: m}
		if i < maxMergedShown {
			if mv.Case, err = s.st.Case(m.CaseID); err != nil {
				return err
			}
			snaps, err := s.st.Snapshots(m.CaseID)
			if err != nil {
				return err
			}
			for _, sn := range snaps {
				mv.Snapshots = append(mv.Snapshots, snapshotView{Snapshot: sn, HasScreenshot: sn.ScreenshotSHA256 != ""})
			}
			slices.Reverse(mv.Snapshots)
			if mv.Sightings, err = s.st.Sightings(m.CaseID); err != nil {
				return err
			}
			slices.Reverse(mv.Sightings)
		}
		v.Merge.Merged = append(v.Merge.Merged, mv)
	}
	v.Merge.CanMerge = allowed(currentUser(r), permDecide) && len(merged) < store.MaxMergedCases
	if !v.Merge.CanMerge {
		return nil
	}
	mergedIDs, err := s.st.MergedIDs()
	if err != nil {
		return err
	}
	primaries := map[uint64]bool{}
	for _, p := range mergedIDs {
		primaries[p] = true
	}
	for _, l := range v.Linked {
		if _, merged := mergedIDs[l.CaseID]; !merged && !primaries[l.CaseID] && l.Status == casework.CaseOpen {
			v.Merge.Candidates = append(v.Merge.Candidates, l.LinkedCase)
		}
	}
	return nil
}

// mergeCases answers POST /cases/{id}/merge: the ticked linked cases
// (field case) and the case numbers typed in (field ids, separated by
// commas, spaces or 、) are merged into case id.
func (s *Server) mergeCases(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	ids, err := mergeIDs(r.PostForm["case"], r.PostFormValue("ids"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	note := strings.TrimSpace(r.PostFormValue("note"))
	if len([]rune(note)) > 2000 {
		s.failErr(w, r, badRequest("备注不能超过 2000 字。"))
		return
	}
	if _, err := s.st.Merge(store.Merge{Primary: id, Cases: ids, By: currentUser(r).Name, Note: note}); err != nil {
		s.failErr(w, r, mergeError(err))
		return
	}
	s.afterMerge(w, r, id, "merged")
}

// unmergeCase answers POST /cases/{id}/unmerge: case id leaves the case it
// was merged into; back to the page the form came from (back=primary).
func (s *Server) unmergeCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	note := strings.TrimSpace(r.PostFormValue("note"))
	if len([]rune(note)) > 2000 {
		s.failErr(w, r, badRequest("备注不能超过 2000 字。"))
		return
	}
	m, err := s.st.Unmerge(id, currentUser(r).Name, note)
	if err != nil {
		s.failErr(w, r, mergeError(err))
		return
	}
	back := id
	if r.PostFormValue("back") == "primary" {
		back = m.Primary
	}
	s.afterMerge(w, r, back, "unmerged")
}

func (s *Server) afterMerge(w http.ResponseWriter, r *http.Request, id uint64, flash string) {
	redirect(w, r, fmt.Sprintf("/cases/%d%s", id, triageQuery(queueQueryOf(r))), flash)
}

// mergeIDs reads the cases to merge: ticked ones and typed ones, each
// once, at most store.MaxMergeCases.
func mergeIDs(ticked []string, typed string) ([]uint64, error) {
	fields := strings.FieldsFunc(typed, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == '#' || unicode.IsSpace(r)
	})
	var ids []uint64
	seen := map[uint64]bool{}
	for _, f := range append(slices.Clone(ticked), fields...) {
		id, err := strconv.ParseUint(f, 10, 64)
		if err != nil || id == 0 {
			return nil, badRequest("案件编号“%s”无效：请填写数字编号，多个编号用逗号或空格分隔。", short(f, 20))
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
		if len(ids) > store.MaxMergeCases {
			return nil, badRequest("一次最多合并 %d 件案件。", store.MaxMergeCases)
		}
	}
	if len(ids) == 0 {
		return nil, badRequest("请勾选或填写要合并到本案的案件。")
	}
	return ids, nil
}

func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// mergeError says in Chinese why a merge or unmerge was refused.
func mergeError(err error) error {
	msg := ""
	switch {
	case errors.Is(err, store.ErrNotFound):
		msg = "未找到要合并的案件，请核对案件编号。"
	case errors.Is(err, store.ErrConflict):
		msg = "无法合并：只能合并待审核的案件；已合并到其他案件的案件、已有案件并入的主案件不能再合并（不支持多级合并）。取消合并时，该案件须处于已合并状态。请刷新后查看。"
	case errors.Is(err, store.ErrInvalid):
		msg = fmt.Sprintf("无法合并：不能把案件合并到它自己，一次最多合并 %d 件，每个主案件最多并入 %d 件。", store.MaxMergeCases, store.MaxMergedCases)
	default:
		return err
	}
	return &userError{kindOf(err), msg}
}

func kindOf(err error) error {
	switch httpStatus(err) {
	case http.StatusNotFound:
		return store.ErrNotFound
	case http.StatusConflict:
		return store.ErrConflict
	}
	return errBadRequest
}

// The audit log's words for merges ("merged into case 5", "unmerged from
// case 5"), ahead of the general "… from …" phrase.
func init() {
	mine := []struct {
		re   *regexp.Regexp
		repl func(m []string) string
	}{
		{regexp.MustCompile(`^merged into case (\d+)$`), func(m []string) string { return "并入案件 #" + m[1] }},
		{regexp.MustCompile(`^unmerged from case (\d+)$`), func(m []string) string { return "从案件 #" + m[1] + " 中取消合并" }},
	}
	auditPhrases = append(mine, auditPhrases...)
}
