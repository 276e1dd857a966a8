package main

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// metrics are what /metrics exposes: sweep durations and page outcomes
// as they happen, queue sizes and notice states from the counters the
// store keeps (store.StatusCounts). Only counts: nothing from a crawled
// page or a case.
type metrics struct {
	reg      *prometheus.Registry
	duration *prometheus.HistogramVec
	pages    *prometheus.CounterVec
	findings *prometheus.CounterVec
}

// countStore is what the metrics read at scrape time.
type countStore interface {
	Healthy() error
	StatusCounts(now time.Time) (store.StatusCounts, error)
}

func newMetrics(st countStore) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "certwatch_sweep_duration_seconds", Help: "Wall time of scheduled sweeps.",
		Buckets: []float64{60, 300, 900, 1800, 3600, 7200, 14400, 28800},
	}, []string{"result"})
	m.pages = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "certwatch_pages_total", Help: "Pages handled by sweeps, by outcome.",
	}, []string{"outcome"})
	m.findings = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "certwatch_findings_total", Help: "Flagged pages found by sweeps, by category.",
	}, []string{"category"})
	m.reg.MustRegister(m.duration, m.pages, m.findings, &storeCollector{st: st},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

func (m *metrics) sweepTook(d time.Duration, err error) {
	result := "finished"
	if err != nil {
		result = "error"
	}
	m.duration.WithLabelValues(result).Observe(d.Seconds())
}

func (m *metrics) sweepDone(sum *sweep.Summary) {
	t := sum.Total
	m.pages.WithLabelValues("fetched").Add(float64(t.Fetched))
	m.pages.WithLabelValues("robots").Add(float64(t.Robots))
	m.pages.WithLabelValues("blocked").Add(float64(t.Blocked))
	m.pages.WithLabelValues("truncated").Add(float64(t.Truncated))
	m.pages.WithLabelValues("rendered").Add(float64(t.Rendered))
	m.pages.WithLabelValues("auto_static").Add(float64(t.AutoStatic))
	m.pages.WithLabelValues("render_fallback").Add(float64(t.RenderFallback))
	m.pages.WithLabelValues("screenshots").Add(float64(t.Screenshots))
	m.pages.WithLabelValues("screenshots_failed").Add(float64(t.ScreenshotsFailed))
	for k, v := range t.Failed {
		m.pages.WithLabelValues("failed_" + k).Add(float64(v))
	}
	for k, v := range sum.Findings {
		m.findings.WithLabelValues(k).Add(float64(v))
	}
}

// storeCollector reads queue sizes and notice states at scrape time from
// the store's counters.
type storeCollector struct{ st countStore }

var (
	casesDesc   = prometheus.NewDesc("certwatch_cases", "Cases by review status.", []string{"status"}, nil)
	noticesDesc = prometheus.NewDesc("certwatch_notices", "Notices by state (overdue computed from the deadline).", []string{"state"}, nil)
	outboxDesc  = prometheus.NewDesc("certwatch_outbox_pending", "Digest messages waiting for delivery.", nil, nil)
	dbOKDesc    = prometheus.NewDesc("certwatch_database_ok", "1 while the open database is still the file at its path (0: replaced, moved or deleted; writes are refused).", nil, nil)
)

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- casesDesc
	ch <- noticesDesc
	ch <- outboxDesc
	ch <- dbOKDesc
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	now := time.Now()
	ok := 1.0
	if c.st.Healthy() != nil {
		ok = 0
	}
	ch <- prometheus.MustNewConstMetric(dbOKDesc, prometheus.GaugeValue, ok)
	// Kept up to date by the store as cases and notices change: a scrape
	// reads a few counters, not every case.
	if sc, err := c.st.StatusCounts(now); err == nil {
		for k, v := range sc.Cases {
			ch <- prometheus.MustNewConstMetric(casesDesc, prometheus.GaugeValue, float64(v), string(k))
		}
		for k, v := range sc.Notices {
			ch <- prometheus.MustNewConstMetric(noticesDesc, prometheus.GaugeValue, float64(v), string(k))
		}
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(sc.OutboxPending))
	}
}
