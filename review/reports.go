package review

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/store"
)

// reportRequest reads the period from the query: period=YEAR-N (a
// campaign window) or from=…&to=… (Beijing days, both included); default
// the current year's window that contains today.
func (s *Server) reportRequest(q url.Values) (store.Period, error) {
	if p := q.Get("period"); p != "" {
		return store.CampaignPeriod(p)
	}
	if q.Get("from") != "" || q.Get("to") != "" {
		return store.DayPeriod(q.Get("from"), q.Get("to"))
	}
	now := s.now()
	for _, p := range store.CampaignPeriods(now.In(store.Beijing).Year()) {
		if !now.Before(p.From) && now.Before(p.To) {
			return p, nil
		}
	}
	return store.CampaignPeriods(now.In(store.Beijing).Year())[0], nil
}

func (s *Server) reportInfo(p store.Period) notice.ReportInfo {
	info := notice.ReportInfo{Period: p.Name}
	if o := s.opts.Serve.Offices[casework.RoutePoliceReferral]; o != nil {
		info.Issuer, info.Contact = o.Issuer, o.Contact
	}
	return info
}

func (s *Server) periodReport(w http.ResponseWriter, r *http.Request) (*store.PeriodReport, store.Period, bool) {
	p, err := s.reportRequest(r.URL.Query())
	if err != nil {
		s.failErr(w, r, fmt.Errorf("%w: %v", errBadRequest, err))
		return nil, p, false
	}
	rep, err := s.st.PeriodReport(p.From, p.To, store.ReportOptions{SourceRoutes: s.opts.SourceRoutes})
	if err != nil {
		s.failErr(w, r, err)
		return nil, p, false
	}
	return rep, p, true
}

func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) {
	s.warmPrinter()
	rep, p, ok := s.periodReport(w, r)
	if !ok {
		return
	}
	year := s.now().In(store.Beijing).Year()
	periods := append(store.CampaignPeriods(year-1), store.CampaignPeriods(year)...)
	q := url.Values{}
	if p.Year != 0 && p.Index != 0 {
		q.Set("period", fmt.Sprintf("%d-%d", p.Year, p.Index))
	} else {
		q.Set("from", p.From.In(store.Beijing).Format("2006-01-02"))
		q.Set("to", p.To.Add(-time.Nanosecond).In(store.Beijing).Format("2006-01-02"))
	}
	s.render(w, r, http.StatusOK, "reports", map[string]any{"Report": rep, "Period": p, "Periods": periods,
		"Query": q.Encode(), "Printer": s.opts.Printer != nil,
		"LastDay": p.To.Add(-time.Nanosecond)})
}

func (s *Server) reportXLSX(w http.ResponseWriter, r *http.Request) {
	rep, p, ok := s.periodReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := notice.WriteReportXLSX(&buf, rep, s.reportInfo(p)); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.audit(r, currentUser(r).Name, "report.export", "report", fmt.Sprintf("xlsx %s – %s", beijing.Date(p.From), beijing.Date(p.To.Add(-time.Nanosecond))))
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="certwatch-report.xlsx"`)
	_, _ = buf.WriteTo(w)
}

func (s *Server) reportHTML(w http.ResponseWriter, r *http.Request) {
	rep, p, ok := s.periodReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := notice.RenderReportHTML(&buf, rep, s.reportInfo(p)); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = buf.WriteTo(w)
}

func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request) {
	s.warmPrinter()
	rep, p, ok := s.periodReport(w, r)
	if !ok {
		return
	}
	if s.opts.Printer == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "生成 PDF 需要 Chromium，本服务未配置浏览器。")
		return
	}
	u := currentUser(r)
	from, to := beijing.Date(p.From), beijing.Date(p.To.Add(-time.Nanosecond))
	t := &task{kind: taskReportPDF, key: from + " " + to, perm: permReports, tries: printAttempts,
		label: fmt.Sprintf("生成 %s 至 %s 的报表 PDF", from, to), retry: r.URL.RequestURI(),
		alt: "/reports/html?" + r.URL.RawQuery}
	s.runTask(w, r, t, func(ctx context.Context) (taskResult, error) {
		ctx, cancel := context.WithTimeout(ctx, s.opts.PrintTimeout)
		defer cancel()
		pdf, err := notice.ReportPDF(ctx, s.opts.Printer, rep, s.reportInfo(p))
		if err != nil {
			return taskResult{}, err
		}
		s.audit(r, u.Name, "report.export", "report", fmt.Sprintf("pdf %s – %s", from, to))
		return taskResult{PDF: pdf, Filename: "certwatch-report.pdf"}, nil
	})
}
