package rules

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDefaultPackLoads(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]bool{}
	for _, r := range p.Rules {
		cats[r.Category] = true
	}
	for _, c := range []string{"cert_sale", "exam_fraud", "training_fraud", "imitation_site"} {
		if !cats[c] {
			t.Errorf("default pack has no rule of category %s", c)
		}
	}
	if p.Imitation == nil || len(p.Imitation.Sites) < 3 {
		t.Errorf("default pack lacks the three official query sites")
	}
	if !strings.HasPrefix(p.Version(), "default@") || len(p.Hash) != 64 {
		t.Errorf("version %q hash %q", p.Version(), p.Hash)
	}
}

func TestVersionChangesWithContent(t *testing.T) {
	a, err := Parse("a.yaml", DefaultSource())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.yaml", append(DefaultSource(), []byte("\n# a comment\n")...))
	if err != nil {
		t.Fatal(err)
	}
	if a.Version() == b.Version() {
		t.Errorf("packs with different content share version %q", a.Version())
	}
	if a.DeclaredVersion != b.DeclaredVersion {
		t.Errorf("declared versions differ")
	}
}

// TestInvalidPacks pins the message for each kind of bad pack: file, line,
// key path and what is wrong.
func TestInvalidPacks(t *testing.T) {
	want := map[string]string{
		"invalid-unknown-key.yaml":         `invalid-unknown-key.yaml:12: rules[0].tems: unknown key "tems" (known: category, description, exclusions, groups, id, legal_basis, near, route, terms)`,
		"invalid-bad-weight.yaml":          `invalid-bad-weight.yaml:13: rules[0].terms[0].weight: must be a number in [-100, 100] other than 0, got "heavy"`,
		"invalid-zero-weight.yaml":         `invalid-zero-weight.yaml:13: rules[0].terms[0].weight: must be a number in [-100, 100] other than 0, got "0"`,
		"invalid-empty-term.yaml":          `invalid-empty-term.yaml:13: rules[0].terms[0].term: must not be empty`,
		"invalid-duplicate-id.yaml":        `invalid-duplicate-id.yaml:14: rules[1].id: duplicate id "a" (first at line 7)`,
		"invalid-pattern.yaml":             "invalid-pattern.yaml:13: rules[0].terms[0].pattern: invalid pattern: error parsing regexp: missing closing ): `证(书|件`",
		"invalid-category.yaml":            `invalid-category.yaml:8: rules[0].category: category "fake_diploma" is not declared under categories`,
		"invalid-route.yaml":               `invalid-route.yaml:11: rules[0].route: unknown route "email" (one of takedown_cac, takedown_samr, police_referral)`,
		"invalid-missing-key.yaml":         `invalid-missing-key.yaml:7: rules[0].description: required key is missing`,
		"invalid-syntax.yaml":              `invalid-syntax.yaml:7: YAML syntax: did not find expected ',' or ']'`,
		"invalid-group-slots.yaml":         `invalid-group-slots.yaml:16: rules[0].groups[0].all: a group needs at least two slots`,
		"invalid-contact-token.yaml":       `invalid-contact-token.yaml:13: rules[0].groups[0].all[1]: unknown contact token "@email" (one of @contact, @phone, @wechat, @qq, @url)`,
		"invalid-term-without-weight.yaml": `invalid-term-without-weight.yaml:13: rules[0].terms[0]: a term needs a weight: write {term: 办证, weight: N}`,
		"invalid-near-lines.yaml":          `invalid-near-lines.yaml:10: exclusions[0].near_lines: must be a whole number in [0, 1000], got "-1"`,
		"invalid-exclusion-positive.yaml":  `invalid-exclusion-positive.yaml:9: exclusions[0].weight: must be a number in [-100, -0.01] other than 0, got "3"`,
		"invalid-imitation-rule.yaml":      `invalid-imitation-rule.yaml:15: imitation.rule: rule "a" has category "cert_sale"; the imitation rule needs category imitation_site`,
		"invalid-host.yaml":                `invalid-host.yaml:21: imitation.sites[0].hosts: "https://cx.mem.gov.cn/" is not a host name`,
		"invalid-removal-key.yaml":         `invalid-removal-key.yaml:16: removal.blokced: unknown key "blokced" (known: blocked, gone)`,
		"invalid-removal-empty.yaml":       `invalid-removal-empty.yaml:15: removal.gone[1]: must not be empty`,
		"invalid-near-family.yaml":         `invalid-near-family.yaml:16: rules[0].near[0].all[1]: no family "cert_nouns" (families: cert_noun, offer_verb)`,
		"invalid-family-item.yaml":         `invalid-family-item.yaml:9: families.offer_verb[1]: has more than one of term, family and compose; use one`,
		"invalid-family-cycle.yaml":        `invalid-family-cycle.yaml:7: families.a_fam: families refer to each other in a cycle: a_fam → b_fam → a_fam`,
		"invalid-compose.yaml":             `invalid-compose.yaml:8: families.fake_cert[0].compose: must name two families, [modifier, head], got 1`,
		"invalid-near-order.yaml":          `invalid-near-order.yaml:16: rules[0].near[0].order: must be any or ordered, got "reversed"`,
		"invalid-short-threshold.yaml":     `invalid-short-threshold.yaml:8: short_text.threshold: 7 is above the pack's threshold 5; a short text's threshold may only be lower`,
		"invalid-genre-min-cues.yaml":      `invalid-genre-min-cues.yaml:15: genres[0].min_cues: 3 is more than the 2 cues listed`,
		"invalid-genre-factor.yaml":        `invalid-genre-factor.yaml:15: genres[0].factor: must be a number in [0.01, 1] other than 0, got "1.5"`,
		"invalid-genre-duplicate.yaml":     `invalid-genre-duplicate.yaml:16: genres[1].id: duplicate genre "news" (first at line 15)`,
		"invalid-genre-key.yaml":           `invalid-genre-key.yaml:15: genres[0].cue: unknown key "cue" (known: cues, factor, id, min_cues, name, with)`,
		"invalid-family-name.yaml":         `invalid-family-name.yaml:7: families.Offer-Verb: family name "Offer-Verb" must be lower-case letters, digits and '_', starting with a letter`,
		"invalid-near-weight.yaml":         `invalid-near-weight.yaml:16: rules[0].near[0].weight: required key is missing`,
		"invalid-questions.yaml":           `invalid-questions.yaml:13: short_text.questions[1]: no family "questions" (families: price, question)`,
		"invalid-questions-token.yaml":     `invalid-questions-token.yaml:12: short_text.questions[0]: must name a family of question words, got the token "@price"`,
		"invalid-not-negation.yaml":        `invalid-not-negation.yaml:7: not_negations[1]: "同不" does not begin with a negation cue of this pack (and is not a cue itself)`,
	}
	files, _ := filepath.Glob("testdata/invalid-*.yaml")
	if len(files) != len(want) {
		t.Errorf("%d invalid fixtures, %d expectations", len(files), len(want))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			_, err := LoadFile(f)
			if err == nil {
				t.Fatal("loaded without error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %v is not rules.Errors", err)
			}
			w, ok := want[name]
			if !ok {
				t.Fatalf("no expectation; got:\n%v", err)
			}
			if !strings.Contains(err.Error(), "testdata/"+w) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, "testdata/"+w)
			}
		})
	}
}

func TestLoadPathDirectoryDuplicateAcrossPacks(t *testing.T) {
	dir := t.TempDir()
	src := DefaultSource()
	for _, n := range []string{"a.yaml", "b.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, n), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := LoadPath(dir)
	if err == nil || !strings.Contains(err.Error(), "b.yaml") || !strings.Contains(err.Error(), "duplicate id") {
		t.Fatalf("want a duplicate id error naming b.yaml, got %v", err)
	}
}

func TestPackTooLargeOrNotUTF8(t *testing.T) {
	_, err := Parse("x.yaml", []byte("name: a\nissuer: \xff\n"))
	if err == nil || !strings.Contains(err.Error(), "x.yaml:2: file is not valid UTF-8") {
		t.Fatalf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(DefaultSource())
	files, _ := filepath.Glob("testdata/invalid-*.yaml")
	for _, fn := range files {
		b, _ := os.ReadFile(fn)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error is not a located rules.Errors: %v", err)
			}
			for _, e := range es {
				if e.File != "fuzz.yaml" {
					t.Fatalf("error without file: %v", e)
				}
			}
			return
		}
		if p == nil || p.Threshold <= 0 || len(p.Rules) == 0 {
			t.Fatalf("accepted an incomplete pack: %+v", p)
		}
		for _, r := range p.Rules {
			if r.ID == "" || r.Category == "" || r.Route == "" {
				t.Fatalf("accepted a rule missing fields: %+v", r)
			}
		}
	})
}

func TestRemovalMarkers(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Removal.Gone) == 0 || len(p.Removal.Blocked) == 0 || p.Removal.Line == 0 {
		t.Errorf("default pack lacks removal markers: %+v", p.Removal)
	}
	head := "name: t\nissuer: 测试\nversion: \"1\"\nthreshold: 5\ncategories: {cert_sale: 买卖假证}\n" +
		"rules:\n  - {id: a, category: cert_sale, description: d, legal_basis: l, route: takedown_cac, terms: [{term: 办证, weight: 2}]}\n"
	for _, tc := range []struct {
		name, removal string
		gone, blocked []string
		err           string
	}{
		{name: "absent"},
		{name: "gone only", removal: "removal:\n  gone: [该商品已下架, 页面不存在]\n", gone: []string{"该商品已下架", "页面不存在"}},
		{name: "blocked as one string", removal: "removal: {blocked: 验证码}\n", blocked: []string{"验证码"}},
		{name: "empty section", removal: "removal: {}\n", err: "x.yaml:8: removal: needs gone or blocked markers"},
		{name: "null section", removal: "removal:\n", err: "x.yaml:8: removal: must be a mapping, got nothing"},
		{name: "empty list", removal: "removal: {gone: []}\n", err: "x.yaml:8: removal.gone: must not be an empty list"},
		{name: "duplicate", removal: "removal:\n  blocked: [验证码, 验证码]\n", err: `x.yaml:9: removal.blocked[1]: marker "验证码" is listed twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("x.yaml", []byte(head+tc.removal))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(p.Removal.Gone, tc.gone) || !slices.Equal(p.Removal.Blocked, tc.blocked) {
				t.Errorf("removal %+v, want gone %v blocked %v", p.Removal, tc.gone, tc.blocked)
			}
		})
	}
}
