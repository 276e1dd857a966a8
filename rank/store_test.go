package rank

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// TestDecisionsBecomeLabels records cases in a real database, decides
// them as reviewers do, and reads them back as training examples.
func TestDecisionsBecomeLabels(t *testing.T) {
	now := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	clk := func() time.Time { return now }
	st, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sw := store.Sweep{Packs: []string{"dept@0+000000000000"}}
	if err := st.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, category string
		action         casework.Action
		route          casework.Route
		reason         casework.DismissReason
		noText         bool
	}{
		{"电工证免考 微信", "cert_sale", casework.ActionConfirm, casework.RouteTakedownCAC, "", false},
		{"焊工证 代考 包过", "exam_fraud", casework.ActionConfirm, casework.RoutePoliceReferral, "", false},
		{"警方通报 假证案件", "cert_sale", casework.ActionDismiss, "", casework.DismissFalsePositive, false},
		{"驾驶证 换证", "cert_sale", casework.ActionDismiss, "", casework.DismissOutOfScope, false},
		{"重复的 办证 广告", "cert_sale", casework.ActionDismiss, "", casework.DismissDuplicate, false},
		{"未审核 办证", "cert_sale", "", "", "", false},
		{"挂名培训 拿证", "training_fraud", casework.ActionConfirm, casework.RouteTakedownSAMR, "", true}, // only the body is stored
	}
	record := func(n int, text, category string, noText bool) {
		t.Helper()
		url := fmt.Sprintf("http://seller%d.example/item", n)
		sum := sha256.Sum256([]byte(text))
		o := store.Observation{
			SweepID: sw.ID, CaseKey: url, URL: url, FinalURL: url, Title: "证件", FetchedAt: now, Status: 200,
			Header:  http.Header{"Content-Type": {"text/html; charset=utf-8"}},
			Body:    []byte("<html><head><title>证件</title></head><body><p>" + text + "</p></body></html>"),
			Flagged: true, Score: 5, Category: category, Finding: json.RawMessage(`{"flagged":true}`),
			ContentKey: hex.EncodeToString(sum[:]), PageTitle: "证件", Text: text,
		}
		if noText {
			o.PageTitle, o.Text = "", ""
		}
		if _, err := st.Record(o); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cases {
		record(i+1, c.text, c.category, c.noText)
	}
	now = now.Add(time.Hour)
	for i, c := range cases {
		if c.action == "" {
			continue
		}
		d := store.Decision{CaseID: uint64(i + 1), Action: c.action, Route: c.route, Reason: c.reason, By: "reviewer"}
		if c.action == casework.ActionConfirm {
			d.Recipient = "平台"
		}
		if _, _, err := st.Decide(d); err != nil {
			t.Fatal(err)
		}
	}
	// Case 1 changes after the decision: the label is about what the
	// reviewer saw, not the new content.
	now = now.Add(time.Hour)
	record(1, "内容已更新 与审核无关", "cert_sale", false)

	ex, sum, err := FromStore(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ex {
		if e.Source != StoreSource {
			t.Errorf("source %q", e.Source)
		}
		got = append(got, strings.ReplaceAll(strings.TrimSpace(strings.TrimPrefix(e.Text, "证件")), "\n", "")+"="+e.Label)
	}
	want := "电工证免考 微信=cert_sale 焊工证 代考 包过=exam_fraud 警方通报 假证案件=negative 挂名培训 拿证=training_fraud"
	if strings.Join(got, " ") != want {
		t.Errorf("examples:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if sum.Cases != 7 || sum.Open != 1 || sum.Excluded != 2 || sum.NoText != 0 ||
		sum.Used["cert_sale"] != 1 || sum.Used[Negative] != 1 || sum.Used["exam_fraud"] != 1 || sum.Used["training_fraud"] != 1 {
		t.Errorf("summary %+v", sum)
	}
}
