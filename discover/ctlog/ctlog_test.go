package ctlog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"

	"github.com/certwatch/certwatch/discover/ctlog/ctlogtest"
	"github.com/certwatch/certwatch/discover/lookalike"
)

var officials = []string{"cx.mem.gov.cn", "zlaq.mohurd.gov.cn", "cnse.e-cqs.cn"}

func newMatcher(t testing.TB) *Matcher {
	t.Helper()
	m, err := NewMatcher(officials, lookalike.Options{MaxCandidates: 2000}, []string{"aggregator-ok.com"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// candidateOf returns a generated candidate of host made by technique.
func candidateOf(t testing.TB, host string, tech lookalike.Technique) string {
	t.Helper()
	cs, err := lookalike.Generate(host, lookalike.Options{MaxCandidates: 2000})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Technique == tech {
			return c.Host
		}
	}
	t.Fatalf("no %s candidate for %s", tech, host)
	return ""
}

func TestMatcherRules(t *testing.T) {
	m := newMatcher(t)
	homo := candidateOf(t, "cx.mem.gov.cn", lookalike.Homoglyph)
	tld := candidateOf(t, "cnse.e-cqs.cn", lookalike.TLDSwap)
	cases := []struct {
		name     string
		rule     Rule
		official string
	}{
		{homo, RuleCandidate, "cx.mem.gov.cn"},
		{"www." + tld, RuleCandidate, "cnse.e-cqs.cn"}, // a subdomain of a candidate
		{"cx.mem.gov.cn.verify-cert-online.top", RuleEmbedded, "cx.mem.gov.cn"},
		{"login.zlaq.mohurd.gov.cn.k9x.xyz", RuleEmbedded, "zlaq.mohurd.gov.cn"},
		{"yingji-zhengshu-chaxun.top", RuleStructural, "cx.mem.gov.cn"},
		{"zhujianquery.shop", RuleStructural, "zlaq.mohurd.gov.cn"},
		{"memgov-abc.shop", RuleStructural, "cx.mem.gov.cn"},
		{"", "", ""}, // separator: below, names that must not match
		{"cx.mem.gov.cn", "", ""},
		{"www.mem.gov.cn", "", ""},
		{"zlaq.mohurd.gov.cn", "", ""},
		{"any.other.gov.cn", "", ""},
		{"cnse.e-cqs.cn", "", ""},
		{"memory-card.com", "", ""},
		{"gov-services.com", "", ""},
		{"www.example.com", "", ""},
		{"mem.aggregator-ok.com", "", ""},
		{"remember-gov.org", "", ""},
	}
	negatives := false
	for _, c := range cases {
		if c.name == "" {
			negatives = true
			continue
		}
		got, ok := m.Match(c.name)
		if negatives {
			if ok {
				t.Errorf("%s matched %+v, want no match", c.name, got)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no match, want %s", c.name, c.rule)
			continue
		}
		if got.Rule != c.rule || got.Official != c.official {
			t.Errorf("%s: got rule %s official %s, want %s %s", c.name, got.Rule, got.Official, c.rule, c.official)
		}
		if !strings.Contains(got.Reason(), c.name) || !strings.Contains(got.Reason(), c.official) {
			t.Errorf("%s: reason %q lacks the names", c.name, got.Reason())
		}
	}
}

type fixture struct {
	log *ctlogtest.Log
	ca  *ctlogtest.CA
}

func newFixture(t testing.TB) *fixture {
	return &fixture{log: ctlogtest.NewLog(t), ca: ctlogtest.NewCA(t)}
}

func (f *fixture) addCert(t testing.TB, precert bool, names ...string) {
	f.log.Add(f.ca.Leaf(t, precert, f.ca.Issue(t, precert, names...), uint64(time.Now().UnixMilli())))
}

func TestPollFromSavedPosition(t *testing.T) {
	f := newFixture(t)
	homo := candidateOf(t, "cx.mem.gov.cn", lookalike.Homoglyph)
	// First batch: 8 entries, 3 of them suspicious (one a precertificate).
	f.addCert(t, false, "www.example.com", "example.com")
	f.addCert(t, false, homo)                                                   // 1
	f.addCert(t, false, "shop.example.net")                                     //
	f.addCert(t, true, "cx.mem.gov.cn.verify-cert-online.top")                  // 3 precert
	f.addCert(t, false, "*.mem.gov.cn", "cx.mem.gov.cn")                        // official
	f.addCert(t, false, "memory-card.com")                                      //
	f.addCert(t, false, "static.cdn.example.org", "yingji-zhengshu-chaxun.top") // 6, SAN not CN
	f.addCert(t, true, "benign-precert.example.com")
	f.log.Set(func(l *ctlogtest.Log) { l.MaxBatch = 3 }) // the log caps batches: short reads

	st := NewState()
	p := &Poller{
		Logs:    []Log{{URL: f.log.URL(), PublicKey: f.log.PublicKey(t)}},
		Matcher: newMatcher(t),
		Limits:  Limits{MaxEntriesPerPoll: 5, BatchSize: 4, RequestTimeout: 5 * time.Second},
	}
	ctx := context.Background()
	res, err := p.Poll(ctx, st)
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("poll 1: %v %v", err, res.Errors)
	}
	s := res.Stats[0]
	if s.From != 0 || s.To != 5 || s.Entries != 5 || s.TreeSize != 8 {
		t.Fatalf("poll 1 stats %+v", s)
	}
	if s.ShortReads == 0 {
		t.Errorf("batch cap of 3 against asked 4: no short read counted: %+v", s)
	}
	if s.Precerts != 1 || s.Certs != 4 {
		t.Errorf("poll 1: certs %d precerts %d", s.Certs, s.Precerts)
	}
	idx := func(ms []Match) map[uint64]Match {
		out := map[uint64]Match{}
		for _, m := range ms {
			if _, dup := out[m.Index]; dup {
				t.Errorf("entry %d matched twice", m.Index)
			}
			out[m.Index] = m
		}
		return out
	}
	got := idx(res.Matches)
	if len(got) != 2 || got[1].Name != homo || got[1].Rule != RuleCandidate || got[1].Precert {
		t.Fatalf("poll 1 matches %+v", res.Matches)
	}
	if m := got[3]; !m.Precert || m.Rule != RuleEmbedded || m.Official != "cx.mem.gov.cn" || m.Serial == "" || m.Issuer != "Test CT CA" {
		t.Errorf("precert match %+v", m)
	}

	// Save, reload, add entries, poll again: only new entries are read.
	data, err := st.Save()
	if err != nil {
		t.Fatal(err)
	}
	st2, err := LoadState(data)
	if err != nil {
		t.Fatal(err)
	}
	if ls := st2.Logs[f.log.URL()]; ls == nil || ls.NextIndex != 5 || ls.LastSTH == nil || ls.LastSTH.TreeSize != 8 {
		t.Fatalf("reloaded state %s", data)
	}
	f.addCert(t, true, "zlaq.mohurd.gov.cn.k9x.xyz") // 8
	f.addCert(t, false, "www.example.com")
	p.Limits.MaxEntriesPerPoll = 100
	res, err = p.Poll(ctx, st2)
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("poll 2: %v %v", err, res.Errors)
	}
	s = res.Stats[0]
	if s.From != 5 || s.To != 10 || s.Entries != 5 || s.TreeSize != 10 {
		t.Fatalf("poll 2 stats %+v", s)
	}
	got = idx(res.Matches)
	if len(got) != 2 || got[6].Name != "yingji-zhengshu-chaxun.top" || got[6].Rule != RuleStructural ||
		got[8].Official != "zlaq.mohurd.gov.cn" || !got[8].Precert {
		t.Fatalf("poll 2 matches %+v", res.Matches)
	}

	// Nothing new: no get-entries request, no matches.
	f.log.Set(func(l *ctlogtest.Log) { l.Requests = 0 })
	res, err = p.Poll(ctx, st2)
	if err != nil || len(res.Matches) != 0 || res.Stats[0].Requests != 1 {
		t.Fatalf("poll 3: %v %+v", err, res.Stats)
	}
}

func TestPollStartAtHead(t *testing.T) {
	f := newFixture(t)
	f.addCert(t, false, "cx.mem.gov.cn.old-phish.top")
	st := NewState()
	p := &Poller{Logs: []Log{{URL: f.log.URL(), StartAtHead: true}}, Matcher: newMatcher(t)}
	res, err := p.Poll(context.Background(), st)
	if err != nil || len(res.Matches) != 0 || st.Logs[f.log.URL()].NextIndex != 1 {
		t.Fatalf("start at head: %v %+v", err, res)
	}
	f.addCert(t, false, "cx.mem.gov.cn.new-phish.top")
	res, _ = p.Poll(context.Background(), st)
	if len(res.Matches) != 1 || res.Matches[0].Index != 1 {
		t.Fatalf("after head: %+v", res.Matches)
	}
}

// pollOnce polls a fresh or given state and returns the single log's error kind.
func pollKind(t *testing.T, p *Poller, st *State) (Kind, *Result) {
	t.Helper()
	start := time.Now()
	res, err := p.Poll(context.Background(), st)
	if err != nil {
		t.Fatalf("poll: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("poll took %v", d)
	}
	if len(res.Errors) == 0 {
		return "", res
	}
	var e *Error
	if !errors.As(res.Errors[0], &e) {
		t.Fatalf("error %T is not *Error", res.Errors[0])
	}
	if res.Stats[0].Errors[e.Kind] == 0 || res.Stats[0].Err == "" {
		t.Errorf("kind %s not recorded in stats %+v", e.Kind, res.Stats[0])
	}
	return e.Kind, res
}

func TestLyingLog(t *testing.T) {
	f := newFixture(t)
	for i := range 6 {
		f.addCert(t, false, "cx.mem.gov.cn.phish"+string(rune('a'+i))+".top")
	}
	m := newMatcher(t)
	newPoller := func() *Poller {
		return &Poller{Logs: []Log{{URL: f.log.URL(), PublicKey: f.log.PublicKey(t)}}, Matcher: m,
			Limits: Limits{BatchSize: 2, RequestTimeout: 2 * time.Second}}
	}
	st := NewState()
	if k, res := pollKind(t, newPoller(), st); k != "" || len(res.Matches) != 6 {
		t.Fatalf("honest poll: %s %+v", k, res.Matches)
	}
	saved, _ := st.Save()
	reset := func() *State {
		s, _ := LoadState(saved)
		f.log.Set(func(l *ctlogtest.Log) {
			l.STHSize, l.STHRoot, l.ExtraEntries, l.EmptyEntries = nil, nil, 0, false
		})
		return s
	}

	t.Run("tree shrank below saved position", func(t *testing.T) {
		s := reset()
		small := uint64(3)
		f.log.Set(func(l *ctlogtest.Log) { l.STHSize = &small })
		k, res := pollKind(t, newPoller(), s)
		if k != KindTreeShrank || len(res.Matches) != 0 || s.Logs[f.log.URL()].NextIndex != 6 || s.Logs[f.log.URL()].LastSTH.TreeSize != 6 {
			t.Fatalf("kind %s, state %+v", k, s.Logs[f.log.URL()])
		}
	})
	t.Run("same size different root", func(t *testing.T) {
		s := reset()
		f.log.Set(func(l *ctlogtest.Log) { l.STHRoot = make([]byte, 32) })
		if k, _ := pollKind(t, newPoller(), s); k != KindForkedSTH {
			t.Fatalf("kind %s", k)
		}
	})
	t.Run("bad signature", func(t *testing.T) {
		s := reset()
		other := ctlogtest.NewLog(t)
		p := newPoller()
		p.Logs[0].PublicKey = other.PublicKey(t)
		if k, _ := pollKind(t, p, s); k != KindBadSignature {
			t.Fatalf("kind %s", k)
		}
	})
	// The rest claim a bigger tree than they hold.
	grow := func() *State {
		s := reset()
		f.addCert(t, false, "cx.mem.gov.cn.later.top")
		f.addCert(t, false, "cx.mem.gov.cn.later2.top")
		return s
	}
	t.Run("more entries than asked", func(t *testing.T) {
		s := grow()
		f.log.Set(func(l *ctlogtest.Log) { l.ExtraEntries = 3 })
		k, res := pollKind(t, newPoller(), s)
		if k != KindTooMany || len(res.Matches) != 0 || s.Logs[f.log.URL()].NextIndex != 6 {
			t.Fatalf("kind %s next %d matches %d", k, s.Logs[f.log.URL()].NextIndex, len(res.Matches))
		}
	})
	t.Run("no entries inside the tree", func(t *testing.T) {
		s := grow()
		f.log.Set(func(l *ctlogtest.Log) { l.EmptyEntries = true })
		k, res := pollKind(t, newPoller(), s)
		if k != KindNoProgress || res.Stats[0].Requests != 3 || s.Logs[f.log.URL()].NextIndex != 6 {
			t.Fatalf("kind %s stats %+v", k, res.Stats[0])
		}
	})
	t.Run("history rewritten", func(t *testing.T) {
		s := grow()
		var orig ct.LeafEntry
		f.log.Set(func(l *ctlogtest.Log) {
			orig = l.Entries[2]
			l.Entries[2] = f.ca.Leaf(t, false, f.ca.Issue(t, false, "replaced.example.com"), 1)
		})
		defer f.log.Set(func(l *ctlogtest.Log) { l.Entries[2] = orig })
		k, res := pollKind(t, newPoller(), s)
		if k != KindInconsistent || len(res.Matches) != 0 || s.Logs[f.log.URL()].NextIndex != 6 {
			t.Fatalf("kind %s stats %+v", k, res.Stats[0])
		}
		// Skipping the proof, the rewrite goes unnoticed: the check is what catches it.
		p := newPoller()
		p.Logs[0].SkipConsistency = true
		if k, _ := pollKind(t, p, s); k != "" {
			t.Fatalf("without consistency check: kind %s", k)
		}
	})
	t.Run("log trickles one entry per answer", func(t *testing.T) {
		s := grow()
		f.log.Set(func(l *ctlogtest.Log) { l.MaxBatch = 1 })
		defer f.log.Set(func(l *ctlogtest.Log) { l.MaxBatch = 0 })
		p := newPoller()
		p.Limits.MaxRequests = 3 // get-entries requests; get-sth and the consistency proof make 5
		k, res := pollKind(t, p, s)
		if k != KindRequestBudget || res.Stats[0].Requests != 5 || res.Stats[0].ShortReads != 3 || s.Logs[f.log.URL()].NextIndex != 9 {
			t.Fatalf("kind %s stats %+v", k, res.Stats[0])
		}
	})
	t.Run("absurd tree size", func(t *testing.T) {
		s := reset()
		absurd := uint64(1) << 63
		f.log.Set(func(l *ctlogtest.Log) { l.STHSize = &absurd })
		if k, _ := pollKind(t, newPoller(), s); k != KindGarbage {
			t.Fatalf("kind %s", k)
		}
	})
	t.Run("tree size far beyond the entries", func(t *testing.T) {
		s := grow()
		huge := uint64(1) << 40
		f.log.Set(func(l *ctlogtest.Log) { l.STHSize = &huge })
		p := newPoller()
		p.Logs[0].SkipConsistency = true // else the log fails to prove the growth first
		p.Limits.MaxEntriesPerPoll = 50
		k, res := pollKind(t, p, s)
		// The log serves what it holds and then 400s the rest: stopped, bounded.
		n := uint64(len(f.log.Entries))
		if k != KindHTTP || res.Stats[0].To != n || res.Stats[0].Requests > 1+int(n-6)/2+1 || res.Stats[0].Matches != int(n-6) {
			t.Fatalf("kind %s stats %+v", k, res.Stats[0])
		}
	})
}

func TestGarbageLog(t *testing.T) {
	m := newMatcher(t)
	good := newFixture(t)
	good.addCert(t, false, "cx.mem.gov.cn.good-log.top")
	bad := newFixture(t)
	bad.addCert(t, false, "cx.mem.gov.cn.a.top")
	bad.addCert(t, false, "cx.mem.gov.cn.b.top")
	bad.addCert(t, true, "cx.mem.gov.cn.c.top")

	poller := func(lim Limits) *Poller {
		if lim.RequestTimeout == 0 {
			lim.RequestTimeout = 2 * time.Second
		}
		return &Poller{Logs: []Log{{URL: bad.log.URL()}, {URL: good.log.URL()}}, Matcher: m, Limits: lim}
	}
	check := func(t *testing.T, lim Limits, set func(l *ctlogtest.Log), want Kind) *Result {
		t.Helper()
		bad.log.Set(func(l *ctlogtest.Log) {
			l.GarbageSTH, l.GarbageEntries, l.HugeEntries, l.Status, l.Delay = false, false, false, 0, 0
			set(l)
		})
		st := NewState()
		k, res := pollKind(t, poller(lim), st)
		if k != want {
			t.Fatalf("kind %s, want %s; %+v", k, want, res.Stats)
		}
		// The good log is polled all the same.
		if len(res.Stats) != 2 || res.Stats[1].Err != "" || len(res.Matches) == 0 ||
			res.Matches[len(res.Matches)-1].Name != "cx.mem.gov.cn.good-log.top" {
			t.Fatalf("good log not polled: %+v", res)
		}
		return res
	}
	t.Run("garbage sth", func(t *testing.T) {
		check(t, Limits{}, func(l *ctlogtest.Log) { l.GarbageSTH = true }, KindGarbage)
	})
	t.Run("garbage entries", func(t *testing.T) {
		check(t, Limits{}, func(l *ctlogtest.Log) { l.GarbageEntries = true }, KindGarbage)
	})
	t.Run("status 503", func(t *testing.T) {
		check(t, Limits{}, func(l *ctlogtest.Log) { l.Status = 503 }, KindHTTP)
	})
	t.Run("response over the size limit", func(t *testing.T) {
		check(t, Limits{MaxResponseBytes: 1 << 20}, func(l *ctlogtest.Log) { l.HugeEntries = true }, KindTooLarge)
	})
	t.Run("slow log", func(t *testing.T) {
		start := time.Now()
		check(t, Limits{RequestTimeout: 300 * time.Millisecond}, func(l *ctlogtest.Log) { l.Delay = 3 * time.Second }, KindTimeout)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("timeout not applied: %v", d)
		}
	})
	t.Run("truncated and corrupt leaves are skipped", func(t *testing.T) {
		bad.log.Set(func(l *ctlogtest.Log) {
			l.Entries[0].LeafInput = l.Entries[0].LeafInput[:len(l.Entries[0].LeafInput)/2] // truncated
			l.Entries[2].ExtraData = append(l.Entries[2].ExtraData, 1, 2, 3)                // trailing data
		})
		res := check(t, Limits{}, func(*ctlogtest.Log) {}, "")
		s := res.Stats[0]
		if s.BadLeaves != 2 || s.Errors[KindBadLeaf] != 2 || s.Entries != 3 || s.To != 3 || s.Certs != 1 {
			t.Fatalf("stats %+v", s)
		}
		if len(res.Matches) != 2 || res.Matches[0].Name != "cx.mem.gov.cn.b.top" {
			t.Fatalf("matches %+v", res.Matches)
		}
	})
}

func TestLoadStateBad(t *testing.T) {
	if _, err := LoadState([]byte("{not json")); err == nil {
		t.Fatal("bad state accepted")
	}
	s, err := LoadState(nil)
	if err != nil || s.Logs == nil {
		t.Fatalf("empty state: %v", err)
	}
}

func TestVerifyConsistency(t *testing.T) {
	ca := ctlogtest.NewCA(t)
	var leaves []ct.LeafEntry
	for i := range 19 {
		leaves = append(leaves, ca.Leaf(t, false, ca.Issue(t, false, fmt.Sprintf("h%d.example.com", i)), uint64(i)))
	}
	checked := 0
	for n := 1; n <= len(leaves); n++ {
		second := ctlogtest.RootHash(leaves[:n])
		for m := 1; m <= n; m++ {
			first := ctlogtest.RootHash(leaves[:m])
			proof := ctlogtest.ConsistencyProof(leaves[:n], m)
			if err := verifyConsistency(uint64(m), uint64(n), first[:], second[:], proof); err != nil {
				t.Fatalf("%d→%d: %v", m, n, err)
			}
			if m == n {
				continue
			}
			checked++
			// Any changed hash, a wrong old root or a wrong new root fails.
			for i := range proof {
				bad := append([][]byte(nil), proof...)
				bad[i] = append([]byte(nil), proof[i]...)
				bad[i][0] ^= 1
				if verifyConsistency(uint64(m), uint64(n), first[:], second[:], bad) == nil {
					t.Fatalf("%d→%d: changed hash %d accepted", m, n, i)
				}
			}
			other := ctlogtest.RootHash(leaves[1 : m+1])
			if verifyConsistency(uint64(m), uint64(n), other[:], second[:], proof) == nil {
				t.Fatalf("%d→%d: wrong old root accepted", m, n)
			}
			if wrong := ctlogtest.RootHash(leaves[:n-1]); verifyConsistency(uint64(m), uint64(n), first[:], wrong[:], proof) == nil {
				t.Fatalf("%d→%d: wrong new root accepted", m, n)
			}
		}
	}
	if checked != 19*18/2 {
		t.Fatalf("checked %d pairs", checked)
	}
}
