package detect

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestImitationUntouched: on a page no rule touched the model does not
// flag imitation_site alone, however high it scores (an official query
// platform reads like its copy); a short offer of another category no
// rule touched is still flagged at the short-text bar.
func TestImitationUntouched(t *testing.T) {
	d := New(defaultMatcher(t), Options{Model: defaultModel(t)})
	const portal = "全省建筑施工人员信息平台 公共服务门户\n首页 | 人员查询 | 企业查询 | 项目查询\n请输入身份证号或企业名称 查询"
	f := d.Detect(page.FromText("", portal))
	if len(f.Rules) != 0 || f.Model == nil || f.Model.Category != "imitation_site" || f.Model.Probability < DefaultShortBar {
		t.Fatalf("the portal: rules %d, model %+v; want no rule and imitation_site above the short bar (else the test says nothing)", len(f.Rules), f.Model)
	}
	if f.Flagged || f.Model.Flagged || !strings.Contains(strings.Join(f.Reasons, " "), "只有仿冒比对能区分") {
		t.Errorf("the portal was flagged by the model alone or not explained: %v %+v %q", f.Flagged, f.Model, f.Reasons)
	}
	if f := d.Detect(page.FromText("", sealed)); !f.Flagged || f.Channel != "model" {
		t.Errorf("%s: flagged %v channel %q; want the model alone", sealed, f.Flagged, f.Channel)
	}
}
