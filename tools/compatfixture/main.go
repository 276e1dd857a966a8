// Command compatfixture writes the compatibility fixtures of the finding
// format version the code at hand writes (finding.Version), so that later
// code is tested against real bytes of every version:
//
//   - finding/testdata/vN/NN-name.json: one finding per file, as a sweep
//     encodes it, from the default rule pack and model on sample-web pages
//     (the showcase pages, the imitation query site), two texts judged by
//     the rules alone and one only the model flags;
//   - store/testdata/compat-vN/certwatch.db: a database holding cases of
//     those findings with every kind of decision, notices along their
//     states, a removal check, accounts of every role and the audit chain.
//
// store/testdata/compat-vN/golden.json, what the store's readers return
// for that database, is written by the store's compatibility test
// (go test -tags ne ./store -run Compat -write-golden) with the code that
// wrote the database.
//
// Fixtures are frozen: the tool refuses to write into a directory that
// exists. Version 1 was written at d33714b, before package finding, with
// json.Marshal of the matcher's finding (see finding/testdata/README.md).
// Run from the repository root: go run -tags ne ./tools/compatfixture
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// version is the finding format the code at hand writes.
const version = finding.Version

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "compatfixture:", err)
		os.Exit(1)
	}
}

// fetched is one page as the fixture records it.
type fetched struct {
	url    string
	status int
	header http.Header
	body   []byte
	page   *page.Page
}

func run() error {
	findingDir := filepath.Join("finding", "testdata", fmt.Sprintf("v%d", version))
	storeDir := filepath.Join("store", "testdata", fmt.Sprintf("compat-v%d", version))
	for _, d := range []string{findingDir, storeDir} {
		if _, err := os.Stat(d); err == nil {
			return fmt.Errorf("%s exists: fixtures are frozen (remove it by hand to write it again)", d)
		}
	}
	pages, err := samplePages()
	if err != nil {
		return err
	}
	pack, err := rules.Default()
	if err != nil {
		return err
	}
	m, err := matcher.Compile(pack)
	if err != nil {
		return err
	}
	model, err := rank.Default()
	if err != nil {
		return err
	}
	d := detect.New(m, detect.Options{Model: model})
	rulesOnly := detect.New(m, detect.Options{})

	if err := os.MkdirAll(findingDir, 0o755); err != nil {
		return err
	}
	type kept struct {
		fetched
		finding *matcher.Finding
		raw     []byte
	}
	var flagged, unflagged []kept
	for i, p := range pages {
		f := d.Detect(p.page)
		if strings.HasPrefix(p.url, rulesOnlyPrefix) {
			f = rulesOnly.Detect(p.page) // a district without the model
		}
		raw, err := finding.Encode(f) // as sweep.handle encodes it
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%02d-%s.json", i+1, slug(p.url))
		if err := os.WriteFile(filepath.Join(findingDir, name), raw, 0o644); err != nil {
			return err
		}
		if f.Flagged {
			flagged = append(flagged, kept{p, f, raw})
		} else {
			unflagged = append(unflagged, kept{p, f, raw})
		}
	}
	fmt.Printf("wrote %d findings (%d flagged) to %s\n", len(pages), len(flagged), findingDir)

	if err := os.MkdirAll(storeDir, 0o755); err != nil {
		return err
	}
	clock := time.Date(2025, 9, 1, 2, 0, 0, 0, time.UTC)
	tick := func() time.Time { clock = clock.Add(time.Minute); return clock }
	dbPath := filepath.Join(storeDir, "certwatch.db")
	st, err := store.Open(dbPath, store.Options{Clock: tick})
	if err != nil {
		return err
	}
	defer st.Close()
	for _, u := range []struct {
		name  string
		roles []casework.Role
	}{
		{"wang", []casework.Role{casework.RoleReviewerCAC}},
		{"zhao", []casework.Role{casework.RoleReviewerSAMR}},
		{"li", []casework.Role{casework.RoleApprover}},
		{"qian", []casework.Role{casework.RoleApprover, casework.RoleAnalyst}},
		{"admin1", []casework.Role{casework.RoleAdmin}},
	} {
		// Not a real hash: the fixture never logs in.
		if err := st.CreateUser("setup", store.User{Name: u.name, Roles: u.roles, PasswordHash: "fixture"}); err != nil {
			return err
		}
	}
	sw := &store.Sweep{Packs: []string{pack.Version()}}
	if err := st.StartSweep(sw); err != nil {
		return err
	}
	var items []store.FrontierItem
	for _, p := range pages {
		items = append(items, store.FrontierItem{URL: store.CanonicalURL(p.url), SourceID: sourceOf(p.url), Kind: "page"})
	}
	if _, err := st.AddFrontier(sw.ID, items); err != nil {
		return err
	}
	var ids []uint64
	for _, k := range flagged {
		sum := sha256.Sum256([]byte(k.page.Title + "\n" + k.page.Text))
		var contacts []store.CaseContact
		for _, c := range detect.LinkContacts(k.page, k.finding) {
			contacts = append(contacts, store.CaseContact{Kind: c.Kind, Value: c.Value})
		}
		rr, err := st.Record(store.Observation{
			SweepID: sw.ID, FrontierURL: store.CanonicalURL(k.url), CaseKey: store.CanonicalURL(k.url),
			URL: k.url, FinalURL: k.url, SourceID: sourceOf(k.url), Title: k.page.Title,
			FetchedAt: tick(), Status: k.status, Header: k.header, Body: k.body,
			RemoteAddr: "127.0.0.1:80", Flagged: true, Score: k.finding.Score, Category: k.finding.Category,
			Finding: k.raw, ContentKey: hex.EncodeToString(sum[:]), PageTitle: k.page.Title, Text: k.page.Text,
			Contacts: contacts,
		})
		if err != nil {
			return err
		}
		ids = append(ids, rr.CaseID)
	}
	for _, p := range unflagged {
		if err := st.RecordPage(sw.ID, store.CanonicalURL(p.url), store.PageRecord{URL: p.url, SourceID: sourceOf(p.url),
			Status: p.status, FetchedAt: tick(), BodySize: len(p.body)}); err != nil {
			return err
		}
	}
	if err := st.FinishSweep(sw.ID, store.SweepFinished, json.RawMessage(`{"pages":`+fmt.Sprint(len(pages))+`}`)); err != nil {
		return err
	}
	if len(ids) < 10 {
		return fmt.Errorf("only %d flagged pages; the fixture needs 10", len(ids))
	}
	if err := decide(st, ids, tick); err != nil {
		return err
	}
	fmt.Printf("wrote %d cases to %s\n", len(ids), storeDir)
	return nil
}

// decide walks cases through every decision and notices through their
// states.
func decide(st *store.Store, ids []uint64, tick func() time.Time) error {
	dec := func(id uint64, action casework.Action, route casework.Route, recipient string, reason casework.DismissReason, note, by string) (*store.Decision, error) {
		_, d, err := st.Decide(store.Decision{CaseID: id, Action: action, Route: route, Recipient: recipient,
			Reason: reason, Note: note, By: by})
		if err != nil {
			return nil, err
		}
		return d, nil
	}
	must := func(_ *store.Decision, err error) error { return err }
	// 0: takedown via 网信办, the notice approved, sent, checked.
	d0, err := dec(ids[0], casework.ActionConfirm, casework.RouteTakedownCAC, "shop.example 平台经营者", "", "", "wang")
	if err != nil {
		return err
	}
	// 1: another case for the same recipient joins the same draft.
	if err := must(dec(ids[1], casework.ActionConfirm, casework.RouteTakedownCAC, "shop.example 平台经营者", "", "", "wang")); err != nil {
		return err
	}
	// 2: takedown via 市场监管, left as a draft.
	if err := must(dec(ids[2], casework.ActionConfirm, casework.RouteTakedownSAMR, "某购物平台运营者", "", "", "zhao")); err != nil {
		return err
	}
	// 3: a referral approved by a second person.
	if err := must(dec(ids[3], casework.ActionConfirm, casework.RoutePoliceReferral, "区公安分局", "", "", "wang")); err != nil {
		return err
	}
	if err := must(dec(ids[3], casework.ActionApprove, "", "", "", "", "li")); err != nil {
		return err
	}
	// 4: a referral waiting for approval.
	if err := must(dec(ids[4], casework.ActionConfirm, casework.RoutePoliceReferral, "区公安分局", "", "", "zhao")); err != nil {
		return err
	}
	// 5: a referral rejected.
	if err := must(dec(ids[5], casework.ActionConfirm, casework.RoutePoliceReferral, "区公安分局", "", "", "wang")); err != nil {
		return err
	}
	if err := must(dec(ids[5], casework.ActionReject, "", "", "", "", "li")); err != nil {
		return err
	}
	// 6: dismissed as a false positive.
	if err := must(dec(ids[6], casework.ActionDismiss, "", "", casework.DismissFalsePositive, "新闻报道", "zhao")); err != nil {
		return err
	}
	// 7: dismissed as out of scope, then reopened.
	if err := must(dec(ids[7], casework.ActionDismiss, "", "", casework.DismissOutOfScope, "", "wang")); err != nil {
		return err
	}
	if err := must(dec(ids[7], casework.ActionReopen, "", "", "", "重新审核", "wang")); err != nil {
		return err
	}
	// 8: confirmed, then the confirmation withdrawn.
	if err := must(dec(ids[8], casework.ActionConfirm, casework.RouteTakedownSAMR, "另一平台运营者", "", "", "zhao")); err != nil {
		return err
	}
	if err := must(dec(ids[8], casework.ActionWithdraw, "", "", "", "选错了路径", "zhao")); err != nil {
		return err
	}
	// 9: dismissed as a duplicate.
	if err := must(dec(ids[9], casework.ActionDismiss, "", "", casework.DismissDuplicate, "", "zhao")); err != nil {
		return err
	}
	// A second-person refusal is not stored: the self-approval fails.
	if _, err := dec(ids[4], casework.ActionApprove, "", "", "", "", "zhao"); !errors.Is(err, store.ErrSecondPerson) {
		return fmt.Errorf("self-approval: %v, want ErrSecondPerson", err)
	}

	// The 网信办 notice: approved, withdrawn to draft, approved again,
	// sent, acknowledged, one removal check round.
	nid := d0.NoticeID
	approve := store.NoticeMove{To: casework.NoticeApproved, By: "li", Number: "网信函〔2025〕1号", Deadline: tick().Add(72 * time.Hour)}
	for _, m := range []store.NoticeMove{
		approve,
		{To: casework.NoticeDraft, By: "li", Note: "补充材料"},
		approve,
		{To: casework.NoticeSent, By: "wang", CheckAfter: []time.Duration{24 * time.Hour, 72 * time.Hour}},
		{To: casework.NoticeAcknowledged, By: "wang"},
	} {
		if _, err := st.MoveNotice(nid, m); err != nil {
			return err
		}
	}
	_, err = st.RecordChecks(nid, 1, "system", []store.ItemCheck{
		{CaseID: ids[0], Outcome: casework.OutcomeRemoved, Status: 404, Detail: "404", URL: "http://shop.example/gone",
			Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte("<h1>商品已下架</h1>")},
		{CaseID: ids[1], Outcome: casework.OutcomeLive, Status: 200, Detail: "仍命中规则", URL: "http://shop.example/live",
			Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte("<h1>still here</h1>")},
	})
	if err != nil {
		return err
	}
	// The referral's notice: approved and sent.
	c3, err := st.Case(ids[3])
	if err != nil {
		return err
	}
	for _, m := range []store.NoticeMove{
		{To: casework.NoticeApproved, By: "qian", Number: "移送函〔2025〕1号", Deadline: tick().Add(15 * 24 * time.Hour)},
		{To: casework.NoticeSent, By: "qian"},
	} {
		if _, err := st.MoveNotice(c3.NoticeID, m); err != nil {
			return err
		}
	}
	return nil
}

// samplePages are the sample web's imitation query site, fetched from a
// running sample web, the showcase pages as testbed/testdata/showcase.jsonl
// holds them (what a sweep's matcher reads: shop items rendered, GBK
// decoded), and a text only the model flags.
func samplePages() ([]fetched, error) {
	w, err := testbed.Start(testbed.Options{})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, w.Addr())
		},
	}}
	u := "http://" + testbed.HostImitation + "/"
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	p, err := page.FromHTML(u, body, resp.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	out := []fetched{{u, resp.StatusCode, resp.Header, body, p}}

	data, err := os.ReadFile(filepath.Join("testbed", "testdata", "showcase.jsonl"))
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var rec struct{ URL, HTML string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, err
		}
		ct := "text/html; charset=utf-8"
		p, err := page.FromHTML(rec.URL, []byte(rec.HTML), ct)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rec.URL, err)
		}
		out = append(out, fetched{rec.URL, 200, http.Header{"Content-Type": {ct}}, []byte(rec.HTML), p})
	}
	for i, txt := range []string{"安全员C证代办，无需考试，包过包查，联系薇：abc12345", "电工证焊工证代办 全国可查 联系电话 13812345678"} {
		u := fmt.Sprintf("%s%d", rulesOnlyPrefix, i+1)
		out = append(out, fetched{u, 200, http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, []byte(txt), page.FromText(u, txt)})
	}
	txt := "高压电工证 低压电工证 焊工证 登高证 全国通用 需要的联系"
	mu := "http://bbs.example/thread/model-only"
	out = append(out, fetched{mu, 200, http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, []byte(txt), page.FromText(mu, txt)})
	return out, nil
}

// rulesOnlyPrefix marks the pages judged by the rules alone.
const rulesOnlyPrefix = "http://fenlei.example/rules-only/"

func sourceOf(u string) string {
	switch {
	case strings.Contains(u, testbed.HostShop):
		return "shop"
	case strings.Contains(u, testbed.HostBBS):
		return "bbs"
	}
	return "sites"
}

func slug(u string) string {
	u = strings.TrimPrefix(u, "http://")
	var b strings.Builder
	for _, r := range u {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
