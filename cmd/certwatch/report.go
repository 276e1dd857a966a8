package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/browser"
	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/store"
)

type periodReportOptions struct {
	db                 dbOptions
	from, to, period   string
	xlsx, pdf, html    string
	issuer, contact    string
	pdfTimeout         time.Duration
	newPrinter         func() (reportPrinter, error) // tests
	configFlagExplicit bool
}

// reportPrinter is a notice.Printer that must be closed.
type reportPrinter interface {
	notice.Printer
	Close() error
}

var _ reportPrinter = (*browser.Pool)(nil)

func newReportCmd() *cobra.Command {
	var o periodReportOptions
	cmd := &cobra.Command{
		Use:   "report --config FILE (--from DATE --to DATE | --period YEAR-N) [--xlsx FILE] [--pdf FILE] [--html FILE]",
		Short: "Write the campaign's period report (per department) as XLSX, PDF or HTML",
		Long: `Count, per department (网信办, 市场监管, 公安机关) and in total, what the campaign
did in a period: pages and listings checked, suspicious items found, confirmed,
takedown requests sent, items removed, referrals to the police, and cases still
open at the end. The table goes to stdout, and to an XLSX workbook (with the
daily series and a chart), a self-contained HTML page and an A4 PDF (printed
by Chromium) when asked.

Dates are calendar days in Beijing time; --to is included. --period names a
reporting window of the campaign plan instead: YEAR-1, -2 and -3 are the
progress reports due on 25 August, 25 October and 25 December (each from the
previous report date up to, not including, its own), YEAR-4 is the year's
summary due on 10 January. The database is opened read-only; while another
process (such as "certwatch serve") owns it, the command names that process
and stops.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.configFlagExplicit = cmd.Flags().Changed("config")
			return runReport(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	o.db.flags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.from, "from", "", "first day of the period, YYYY-MM-DD (Beijing)")
	f.StringVar(&o.to, "to", "", "last day of the period, included, YYYY-MM-DD (Beijing)")
	f.StringVar(&o.period, "period", "", "a reporting window of the plan, YEAR-N: N = 1, 2, 3 (progress reports), 4 (the year's summary)")
	f.StringVar(&o.xlsx, "xlsx", "", "write the report as an XLSX workbook to this file")
	f.StringVar(&o.pdf, "pdf", "", "write the report as an A4 PDF to this file (needs Chromium)")
	f.StringVar(&o.html, "html", "", "write the report as a self-contained HTML page to this file")
	f.StringVar(&o.issuer, "issuer", "", "the reporting unit (填报单位); default: the referral office's issuer in the configuration")
	f.StringVar(&o.contact, "contact", "", "contact person and telephone printed on the report (填报人及电话)")
	f.DurationVar(&o.pdfTimeout, "pdf-timeout", 2*time.Minute, "time limit for printing the PDF")
	return cmd
}

// parseReportPeriod turns the flags into the period to report.
func parseReportPeriod(o periodReportOptions) (store.Period, error) {
	switch {
	case o.period != "" && (o.from != "" || o.to != ""):
		return store.Period{}, newMsgError("report.period.both")
	case o.period != "":
		p, err := store.CampaignPeriod(o.period)
		if err != nil {
			return p, newMsgError("report.period.bad", err)
		}
		return p, nil
	case o.from == "" || o.to == "":
		return store.Period{}, newMsgError("report.period.none")
	}
	p, err := store.DayPeriod(o.from, o.to)
	if err != nil {
		return p, newMsgError("report.dates.bad", err)
	}
	return p, nil
}

func runReport(ctx context.Context, o periodReportOptions, stdout io.Writer) error {
	period, err := parseReportPeriod(o)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	// The configuration gives the database, the sources' routes and the
	// issuer; with --db alone it is optional.
	var cfg *config.Config
	if o.db.dbPath == "" || o.configFlagExplicit {
		if cfg, err = config.Load(o.db.configPath); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	path, opts, issuer := o.db.dbPath, store.ReportOptions{}, o.issuer
	if cfg != nil {
		path = cmp.Or(path, cfg.Database)
		opts.SourceRoutes = sourceRoutes(cfg)
		if off := cfg.Serve.Offices[casework.RoutePoliceReferral]; off != nil && issuer == "" {
			issuer = off.Issuer
		}
	}
	blobs := ""
	if cfg != nil {
		blobs = cfg.Blobs
	}
	st, err := openDatabase(ctx, path, blobs, true)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	r, err := st.PeriodReport(period.From, period.To, opts)
	st.Close()
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	info := notice.ReportInfo{Issuer: issuer, Period: period.Name, Contact: o.contact}

	var wrote []string
	if o.xlsx != "" {
		if err := writeReportFile(o.xlsx, func(w io.Writer) error { return notice.WriteReportXLSX(w, r, info) }); err != nil {
			return &exitError{code: 1, err: err}
		}
		wrote = append(wrote, o.xlsx)
	}
	if o.html != "" {
		if err := writeReportFile(o.html, func(w io.Writer) error { return notice.RenderReportHTML(w, r, info) }); err != nil {
			return &exitError{code: 1, err: err}
		}
		wrote = append(wrote, o.html)
	}
	if o.pdf != "" {
		if err := writeReportPDF(ctx, o, r, info); err != nil {
			return &exitError{code: 1, err: err}
		}
		wrote = append(wrote, o.pdf)
	}
	l := langOfCtx(ctx)
	printPeriodReport(stdout, l, r, period.Name)
	for _, f := range wrote {
		fmt.Fprintln(stdout, l.msg("report.wrote", f))
	}
	return nil
}

// writeReportPDF prints the report in a browser started for it.
func writeReportPDF(ctx context.Context, o periodReportOptions, r *store.PeriodReport, info notice.ReportInfo) error {
	newPrinter := o.newPrinter
	if newPrinter == nil {
		newPrinter = func() (reportPrinter, error) { return browser.New(browser.Options{}) }
	}
	p, err := newPrinter()
	if err != nil {
		return fmt.Errorf("report: PDF: %w", err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(ctx, o.pdfTimeout)
	defer cancel()
	pdf, err := notice.ReportPDF(ctx, p, r, info)
	if err != nil {
		return fmt.Errorf("report: PDF: %w", err)
	}
	return writeReportFile(o.pdf, func(w io.Writer) error {
		_, err := w.Write(pdf)
		return err
	})
}

// writeReportFile writes a file through a temporary file beside it, so that a
// failure leaves no half-written report.
func writeReportFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, removes nothing
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// printPeriodReport writes the table as text in l.
func printPeriodReport(w io.Writer, l lang, r *store.PeriodReport, name string) {
	fmt.Fprint(w, l.msg("report.period", beijing.Date(r.From), beijing.Date(r.LastDay())))
	if name != "" {
		fmt.Fprint(w, l.msg("report.period.name", name))
	}
	fmt.Fprintln(w, l.msg("report.sweeps", r.Sweeps))
	tw := newTable(w, true)
	fmt.Fprintln(tw, l.msg("report.header"))
	for _, row := range append(append([]store.ReportRow(nil), r.Rows...), r.Total) {
		f := row.ReportFigures
		dept := cmp.Or(string(row.Route), l.msg("report.total"))
		if l == zh && row.Route != "" {
			dept = cmp.Or(row.Route.Department(), string(row.Route))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", dept,
			f.PagesChecked, f.ListingsChecked, f.Found, f.Confirmed, f.TakedownsSent, f.Removed, f.Referrals, f.Open)
	}
	tw.Flush()
	for _, n := range r.Notes {
		fmt.Fprintln(w, l.msg("report.note", n))
	}
}
