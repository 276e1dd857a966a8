package rules

import "testing"

// TestCategoryName: a pack's own name first, then the built-in name of a
// built-in identifier, then the identifier.
func TestCategoryName(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	mine := &Pack{Name: "mine", Categories: []Category{{ID: "cert_sale", Name: "假证买卖（本部门）"}, {ID: "local_x", Name: "本地类别"}}}
	for _, tc := range []struct {
		packs    []*Pack
		id, want string
	}{
		{[]*Pack{mine, def}, "cert_sale", "假证买卖（本部门）"},
		{[]*Pack{mine}, "exam_fraud", def.CategoryName("exam_fraud")},
		{nil, "imitation_site", "仿冒证书查询网站"},
		{[]*Pack{nil, mine}, "local_x", "本地类别"},
		{[]*Pack{mine}, "no_such", "no_such"},
	} {
		if got := CategoryName(tc.packs, tc.id); got != tc.want {
			t.Errorf("CategoryName(%s) = %q, want %q", tc.id, got, tc.want)
		}
	}
	if def.CategoryName("exam_fraud") == "exam_fraud" {
		t.Error("the default pack has no name for exam_fraud")
	}
}
