package detect

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// askedAndDenied is a forum question whether a title certificate can be
// bought, answered by denials (the shape of the sample web's
// bbs.example/thread/1008.html, written anew): the rules recognise a
// debunking Q&A, while the model, reading n-grams, scores the question
// above DefaultBar.
const askedAndDenied = "听说中级职称证花钱就能办吗？\n" +
	"单位评中级卡得严，论文和业绩都还差点。听人说职称证花钱就能办，不用评审，网站还能查到。是真的吗？哪里能办？\n" +
	"回复：办不了。职称是人社部门评审后才发证的，网上说花钱能办的都是假证，一查一个准。\n" +
	"回复：千万别信。同事前年花了八千块，拿到的证网站根本查不到，钱也要不回来。\n" +
	"回复：没有捷径，论文来不及就明年再评。\n" +
	"回复：别信。" // the model trained on round 12 gave the text without this line and with 再报 0.84

func TestGenreBar(t *testing.T) {
	// The genre bar against one bar.
	d := New(defaultMatcher(t), Options{Model: defaultModel(t), CategoryBars: uniform})
	f := d.Detect(page.FromText("http://x.example/q", askedAndDenied))
	mv := f.Model
	if f.Genre == "" || mv == nil {
		t.Fatalf("genre %q, model %+v: the test text no longer reads as intended", f.Genre, mv)
	}
	if mv.Probability < DefaultBar || mv.Probability >= GenreBar {
		t.Fatalf("model probability %.2f is outside [%.2f, %.2f): the test text no longer tests the genre bar", mv.Probability, DefaultBar, GenreBar)
	}
	if f.Flagged || mv.Flagged || mv.Bar != GenreBar {
		t.Fatalf("flagged %v, model flagged %v at bar %.2f; want unflagged at the genre bar %.2f; reasons %q", f.Flagged, mv.Flagged, mv.Bar, GenreBar, f.Reasons)
	}
	if all := strings.Join(f.Reasons, "\n"); !strings.Contains(all, "页面体裁已识别") {
		t.Errorf("reasons do not say why the bar is higher:\n%s", all)
	}

	// A personal contact on the page: the ordinary bar again.
	f = d.Detect(page.FromText("http://x.example/q2", askedAndDenied+"\n回复：能办，加微信 zc12345678 详聊"))
	if f.Model == nil || f.Model.Bar != DefaultBar {
		t.Fatalf("with a WeChat contact: model verdict %+v, want bar %.2f", f.Model, DefaultBar)
	}
}
