package pgstore

// Stubs for decisions, notices and the two-person rule, removal checks, evidence export, period reports, replaced method by method; this file goes when
// it is empty.

import (
	"github.com/certwatch/certwatch/store"
	"time"
)

func (b *Backend) CheckResponse(p0 uint64) (*store.CheckEvidence, []byte, error) {
	return nil, nil, notYet("CheckResponse")
}

func (b *Backend) Decide(p0 store.Decision) (*store.Case, *store.Decision, error) {
	return nil, nil, notYet("Decide")
}

func (b *Backend) Decisions(p0 uint64) ([]store.Decision, error) {
	return nil, notYet("Decisions")
}

func (b *Backend) DueNotices(p0 time.Time) ([]store.Notice, error) {
	return nil, notYet("DueNotices")
}

func (b *Backend) ExportEvidence(p0 uint64, p1 string) (*store.Manifest, error) {
	return nil, notYet("ExportEvidence")
}

func (b *Backend) MoveNotice(p0 uint64, p1 store.NoticeMove) (*store.Notice, error) {
	return nil, notYet("MoveNotice")
}

func (b *Backend) Notice(p0 uint64) (*store.Notice, error) {
	return nil, notYet("Notice")
}

func (b *Backend) Notices(p0 store.NoticeFilter) ([]store.Notice, error) {
	return nil, notYet("Notices")
}

func (b *Backend) PeriodReport(p0 time.Time, p1 time.Time, p2 store.ReportOptions) (*store.PeriodReport, error) {
	return nil, notYet("PeriodReport")
}

func (b *Backend) RecordChecks(p0 uint64, p1 int, p2 string, p3 []store.ItemCheck) (*store.Notice, error) {
	return nil, notYet("RecordChecks")
}

func (b *Backend) Relisted(p0 uint64, p1 []store.CaseContact, p2 string, p3 time.Time) (uint64, error) {
	return 0, notYet("Relisted")
}
