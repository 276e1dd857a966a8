package review_test

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
)

// TestCasePageOneSuggestedRoute: the summary bar and the reasons give one
// suggested route, and say where it comes from, when a source's configured
// route replaces the rule's (issue 13 defect 2: the reasons said 网信办, the
// summary bar 市场监管, unexplained).
func TestCasePageOneSuggestedRoute(t *testing.T) {
	e := htNew(t, func(o *review.Options) {
		o.SourceRoutes = map[string]casework.Route{"shop": casework.RouteTakedownSAMR}
	})
	cac, samr, police := casework.RouteTakedownCAC.Name(), casework.RouteTakedownSAMR.Name(), casework.RoutePoliceReferral.Name()
	reason := "达到阈值 6，建议：" + cac + "。规则 cert-sale-no-exam 得分 8"
	overridden := e.htRecord(htPage{URL: "https://shop.example/item/1", Source: "shop", Title: "特种作业操作证 包过",
		Route: casework.RouteTakedownCAC, Reasons: []string{reason}}).CaseID
	plain := e.htRecord(htPage{URL: "https://tieba.example/p/2", Source: "tieba", Title: "电工证 出售",
		Route: casework.RouteTakedownCAC, Reasons: []string{reason}}).CaseID
	referral := e.htRecord(htPage{URL: "https://shop.example/item/3", Source: "shop", Title: "制作假证",
		Route: casework.RoutePoliceReferral}).CaseID

	cl := e.htLogin("cac")
	for _, tc := range []struct {
		name        string
		id          uint64
		route       string
		why         []string // in #route-why and the summary's title
		notInSumary string   // the route the summary must not show
	}{
		{"source replaces the rule's route", overridden, samr, []string{"来源“shop”", samr, cac}, cac},
		{"the rule's route", plain, cac, []string{"规则建议" + cac}, samr},
		{"a police referral stays", referral, police, []string{"移送公安", "优先于来源“shop”", samr}, samr},
	} {
		doc := cl.htDoc("/cases/"+htID(tc.id), 200)
		sum := doc.Find("#case-route")
		if got := strings.TrimSpace(sum.Find("b").Text()); got != tc.route {
			t.Errorf("%s: summary route = %q, want %q", tc.name, got, tc.route)
		}
		if strings.Contains(sum.Text(), tc.notInSumary) {
			t.Errorf("%s: summary %q names a second route %q", tc.name, sum.Text(), tc.notInSumary)
		}
		why := doc.Find("#route-why").Text()
		title, _ := sum.Attr("title")
		if !strings.Contains(why, "建议路径："+tc.route) {
			t.Errorf("%s: #route-why = %q, want it to give the route %q", tc.name, why, tc.route)
		}
		for _, w := range tc.why {
			if !strings.Contains(why, w) || !strings.Contains(title, w) {
				t.Errorf("%s: explanation %q / %q, want it to mention %q", tc.name, why, title, w)
			}
		}
	}
}
