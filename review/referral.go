package review

// The referral materials of an imitation site (issue 14, part 3): the
// case page's "移送材料" section lists what a police referral needs — the
// screenshot beside the official page, the WARC, and the host facts a
// sweep collected (addresses and reverse DNS, TLS certificate and its CT
// entries, response headers, WHOIS, hosting provider) — with a checklist
// of what is present and missing, and suggests the referral route. The
// facts are collected by the sweep when it records the case; a reviewer
// may collect them again (POST /cases/{id}/hostfacts, a background task)
// when the sweep could not, or to record a change.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/evidence/hostfacts"
	"github.com/certwatch/certwatch/notice"
	"github.com/certwatch/certwatch/store"
)

// HostFactsCollector collects the host facts of a URL now (package
// evidence/hostfacts with the server's configuration).
type HostFactsCollector func(ctx context.Context, url string) *hostfacts.Facts

// referralReason is the one line that says why an imitation site goes
// to the police.
const referralReason = "仿冒官方证书查询平台为假证提供“验真”，涉嫌伪造、买卖国家机关证件等犯罪，应移送公安机关侦办。"

// referralView is the "移送材料" section of a case page.
type referralView struct {
	Route  casework.Route
	Reason string
	// Checklist is every item a referral lists, with its state.
	Checklist []referralCheck
	// Facts is the latest host facts record (nil when none was kept).
	Facts *factsView
	// Earlier counts the older records.
	Earlier int
	// CanCollect shows the button that collects the facts again.
	CanCollect bool
	// Problem says why the facts could not be read.
	Problem string
}

type referralCheck struct {
	Label     string
	State     casework.ReferralState
	StateName string
	Detail    string // in Chinese
	Tech      string // the technical error, as the part reported it
	Hash      string // a SHA-256 after Detail, broken anywhere (64 characters do not fit a 1024 px table)
}

type factsView struct {
	store.HostFacts
	Items []hostfacts.Item
}

// isImitation reports whether a case is an imitation query site.
func isImitation(v *caseView) bool {
	return v.Case.Category == "imitation_site" || (v.Finding != nil && v.Finding.Imitation != nil)
}

// loadReferralView fills v.Referral for an imitation case (or a case
// whose host facts were kept); other cases have none.
func (s *Server) loadReferralView(r *http.Request, v *caseView) error {
	recs, err := s.st.HostFacts(v.Case.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if !isImitation(v) && len(recs) == 0 {
		return nil
	}
	rv := &referralView{Route: casework.RoutePoliceReferral, Reason: referralReason,
		CanCollect: s.opts.HostFacts != nil && allowed(currentUser(r), permExport)}
	var facts *hostfacts.Facts
	if n := len(recs); n > 0 {
		latest := recs[n-1]
		rv.Earlier = n - 1
		if facts, err = hostfacts.Decode(latest.Data); err != nil {
			rv.Problem = "网站技术信息无法读取：" + err.Error()
			facts = nil
		} else {
			rv.Facts = &factsView{HostFacts: latest, Items: hostfacts.HostItems(facts)}
		}
	}
	shot := referralCheck{Label: casework.ReferralScreenshot.Name(), State: casework.ReferralMissing}
	if v.Latest != nil && v.Latest.HasScreenshot {
		shot.State, shot.Detail, shot.Hash = casework.ReferralPresent, fmt.Sprintf("快照 #%d，SHA-256", v.Latest.ID), v.Latest.ScreenshotSHA256
	} else {
		shot.Detail = "没有截图：巡查时截图失败或没有可用的浏览器（见该次巡查的健康状况）"
	}
	warc := referralCheck{Label: casework.ReferralWARC.Name(), State: casework.ReferralMissing, Detail: "没有快照"}
	if v.Latest != nil {
		warc.State, warc.Detail = casework.ReferralPresent, fmt.Sprintf("%d 个快照，可在下方“证据”导出（WARC + 哈希清单）", len(v.Snapshots))
	}
	rv.Checklist = append(rv.Checklist, shot, warc)
	for _, it := range hostfacts.HostItems(facts) {
		c := referralCheck{Label: it.Label(), State: it.State, Tech: it.Problem}
		switch {
		case facts == nil:
			c.Detail = "尚未采集网站技术信息"
		case it.State == casework.ReferralNotConfigured:
			c.Detail = "未配置（见配置文件 referral 项）"
		case it.State == casework.ReferralMissing && f443(facts, it.Key):
			c.Detail = "网址为 HTTP（未加密），未获得 HTTPS 证书"
		case it.State == casework.ReferralMissing:
			c.Detail = "采集时未获得"
		}
		rv.Checklist = append(rv.Checklist, c)
	}
	for i := range rv.Checklist {
		rv.Checklist[i].StateName = rv.Checklist[i].State.Name()
	}
	v.Referral = rv
	return nil
}

// f443 reports whether item k is the certificate or its CT entries of a
// site served over plain HTTP (there may be none to find).
func f443(f *hostfacts.Facts, k casework.ReferralItem) bool {
	return (k == casework.ReferralCertificate || k == casework.ReferralCT) && strings.HasPrefix(f.URL, "http:")
}

// hostFactsTimeout bounds a collection asked for from the case page.
const hostFactsTimeout = 2 * time.Minute

// collectHostFacts is POST /cases/{id}/hostfacts: collect the host facts
// of the case's URL now, in the background, keep them, and return to the
// case page.
func (s *Server) collectHostFacts(w http.ResponseWriter, r *http.Request) {
	c, ok := s.pathCase(w, r)
	if !ok {
		return
	}
	id := c.ID
	if s.opts.HostFacts == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "本服务未配置网站技术信息采集（没有抓取配置）。")
		return
	}
	snaps, err := s.st.Snapshots(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var snapID uint64
	if n := len(snaps); n > 0 {
		snapID = snaps[n-1].ID
	}
	by := currentUser(r).Name
	collect, url := s.opts.HostFacts, c.URL
	t := &task{kind: taskHostFacts, key: fmt.Sprint(id), perm: permExport, tries: 1,
		label: fmt.Sprintf("采集案件 #%d 网站的技术信息（IP、证书、响应头、WHOIS）", id), retry: fmt.Sprintf("/cases/%d", id)}
	s.runTask(w, r, t, func(ctx context.Context) (taskResult, error) {
		ctx, cancel := context.WithTimeout(ctx, hostFactsTimeout)
		defer cancel()
		f := collect(ctx, url)
		data, err := hostfacts.Encode(f)
		if err != nil {
			return taskResult{}, err
		}
		h, err := s.st.AddHostFacts(store.HostFacts{CaseID: id, SnapshotID: snapID, URL: url, CollectedAt: f.Finished, By: by, Data: data})
		if err != nil {
			return taskResult{}, err
		}
		if _, err := s.st.Audit(store.AuditEntry{Actor: by, Action: "case.hostfacts", Object: fmt.Sprintf("case:%d", id),
			Detail: fmt.Sprintf("record=%d; sha256=%s; problems=%d", h.ID, h.SHA256, len(f.Problems))}); err != nil {
			return taskResult{}, err
		}
		return taskResult{Redirect: fmt.Sprintf("/cases/%d?ok=hostfacts#referral", id)}, nil
	})
}

// referralFacts are the host facts of the notice's cases for a referral
// letter's second annex: the latest record of each case that has one.
func (s *Server) referralFacts(n *store.Notice) ([]notice.HostFacts, error) {
	if n.Route != casework.RoutePoliceReferral {
		return nil, nil
	}
	var out []notice.HostFacts
	for _, it := range n.Items {
		recs, err := s.st.HostFacts(it.CaseID)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			continue
		}
		h := recs[len(recs)-1]
		f, err := hostfacts.Decode(h.Data)
		if err != nil {
			return nil, fmt.Errorf("case %d: %w", it.CaseID, err)
		}
		hf := notice.HostFacts{CaseID: it.CaseID, URL: h.URL, CollectedAt: h.CollectedAt, SHA256: h.SHA256}
		for _, item := range hostfacts.HostItems(f) {
			fi := notice.FactItem{Label: item.Label(), Lines: item.Lines}
			switch {
			case item.State == casework.ReferralNotConfigured:
				fi.Lines = []string{"未配置"}
			case item.State == casework.ReferralMissing && len(fi.Lines) == 0:
				fi.Lines = []string{"未获得"}
			}
			hf.Items = append(hf.Items, fi)
		}
		out = append(out, hf)
	}
	return out, nil
}
