package matcher

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

func htmlPage(t *testing.T, body string) *page.Page {
	t.Helper()
	p, err := page.FromHTML("https://bbs.example/t/1", []byte(body), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestUnitExclusionsStayInTheirBlock: the platform's rules in the footer
// no longer cancel an offer in a reply; the same rules written into the
// reply itself still do.
func TestUnitExclusionsStayInTheirBlock(t *testing.T) {
	m := defaultMatcher(t)
	offer := `办电工证、焊工证，不用考试直接拿证，官网可查`
	rulesText := `平台规则：禁止发布办证信息，违规信息一律删除`
	footer := htmlPage(t, `<html><head><title>求助：电工证</title></head><body>
<div class="post"><b>楼主</b><p>电工证到期了怎么办</p></div>
<div class="post"><b>2楼</b><p>`+offer+`</p></div>
<footer>`+rulesText+`</footer></body></html>`)
	inReply := htmlPage(t, `<html><head><title>求助：电工证</title></head><body>
<div class="post"><b>楼主</b><p>电工证到期了怎么办</p></div>
<div class="post"><b>2楼</b><p>`+offer+`</p><p>`+rulesText+`</p></div>
<footer>版权所有</footer></body></html>`)
	f := m.Match(footer)
	if !f.Flagged {
		t.Fatalf("offer in a reply with platform rules in the footer not flagged: %v", f.Reasons)
	}
	if rh := ruleHit(f, "cert-sale-no-exam"); rh == nil || !strings.HasPrefix(rh.Block, "post") || len(rh.Exclusions) > 0 {
		t.Errorf("want the rule to score in a post without exclusions, got %+v", rh)
	}
	if !strings.Contains(f.Reasons[0], "区块 帖子或回复（post") {
		t.Errorf("reason does not name the block: %s", f.Reasons[0])
	}
	g := m.Match(inReply)
	if g.Flagged {
		t.Errorf("offer with platform rules in the same reply flagged: %v", g.Reasons)
	}
}

// TestUnitFooterContactDoesNotCorroborate: the site's own phone number in
// the footer is no contact of the seller.
func TestUnitFooterContactDoesNotCorroborate(t *testing.T) {
	m := defaultMatcher(t)
	inMain := htmlPage(t, `<html><head><title>电工证</title></head><body><main><p>电工证不用考试，联系13812345678</p></main><footer>版权所有 某某公司</footer></body></html>`)
	inFooter := htmlPage(t, `<html><head><title>电工证</title></head><body><main><p>电工证不用考试</p></main><footer>版权所有 某某公司 联系电话 13812345678</footer></body></html>`)
	a := ruleHit(m.Match(inMain), "cert-sale-no-exam")
	b := ruleHit(m.Match(inFooter), "cert-sale-no-exam")
	if a == nil || b == nil {
		t.Fatalf("rule did not score: %+v %+v", a, b)
	}
	if a.Score <= b.Score {
		t.Errorf("a contact next to the offer should add to it (%g) and one in the footer should not (%g)", a.Score, b.Score)
	}
	if b.ContactBonus != 0 || len(b.Groups) > 0 && slicesContain(b.Groups, "免考/包过+联系方式") {
		t.Errorf("footer contact corroborated the offer: %+v", b)
	}
}

func slicesContain(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestUnitShortReply: the short-text threshold applies to a short reply
// of a long thread, not only to short pages.
func TestUnitShortReply(t *testing.T) {
	m := defaultMatcher(t)
	long := strings.Repeat("今天工地上又讨论起考证的事情，大家说法不一，有人说要培训一个月，有人说半个月就够了。", 5)
	p := page.FromText("https://bbs.example/t/2", long+"\n\n2楼 路人甲\n办电工证，私聊\n\n3楼 路人乙\n顶一下")
	var post bool
	for _, b := range p.Blocks {
		post = post || b.Kind == page.KindPost && strings.Contains(b.Text, "办电工证")
	}
	if !post {
		t.Fatalf("reply not a post block: %+v", p.Blocks)
	}
	f := m.Match(p)
	if !f.Flagged {
		t.Fatalf("short reply with a strong signal and a call to act not flagged: %v", f.Reasons)
	}
	if !strings.Contains(f.Reasons[0], "短文本") {
		t.Errorf("reason does not say the short-text threshold applied: %s", f.Reasons[0])
	}
	// The same words inside the long main text are no short text.
	q := page.FromText("https://bbs.example/t/3", long+"办电工证，私聊")
	if g := m.Match(q); g.Flagged {
		t.Errorf("long text with one signal flagged: %v", g.Reasons)
	}
}

// TestUnitExclusionNotFromInsideOffer: an exclusion word that is part of
// the offer itself (an exam subject inside a substitute-exam ad) does not
// cancel it, and neither does one inside a contact.
func TestUnitExclusionNotFromInsideOffer(t *testing.T) {
	m := defaultMatcher(t)
	f := m.Match(page.FromText("", "安全员C证考试科目代考包过，微信 dk88866"))
	rh := ruleHit(f, "exam-fraud")
	if rh == nil || !rh.Fired {
		t.Fatalf("substitute-exam ad not flagged: %v", f.Reasons)
	}
	if len(rh.Exclusions) > 0 {
		t.Errorf("exclusion from inside the offer: %v", rh.Exclusions)
	}
}

// TestUnitTitleAloneYieldsToArticle: a news headline that names an offer
// is not flagged on its own when the report's cues stand in its body.
func TestUnitTitleAloneYieldsToArticle(t *testing.T) {
	m := defaultMatcher(t)
	p := htmlPage(t, `<html><head><title>男子找人代考安全员证，考场作弊被抓</title></head><body><main>
<p>记者从市公安局获悉，犯罪嫌疑人张某因组织考试作弊已被刑事拘留，案件正在进一步审理中。</p>
<p>警方提醒，考试须诚信。</p></main></body></html>`)
	if f := m.Match(p); f.Flagged {
		t.Errorf("news headline flagged: %v", f.Reasons)
	}
}

// TestUnitBonusFromOtherReplies: two replies that each offer add up, by
// at most otherUnitCap.
func TestUnitBonusFromOtherReplies(t *testing.T) {
	m := defaultMatcher(t)
	one := page.FromText("", strings.Repeat("工地闲聊，说说最近的天气和伙食，没什么别的事情。", 10)+"\n\n2楼 甲\n焊工证可以办，包过")
	two := page.FromText("", strings.Repeat("工地闲聊，说说最近的天气和伙食，没什么别的事情。", 10)+"\n\n2楼 甲\n焊工证可以办，包过\n\n3楼 乙\n叉车证也可以办，包过")
	a, b := ruleHit(m.Match(one), "cert-sale-no-exam"), ruleHit(m.Match(two), "cert-sale-no-exam")
	if a == nil || b == nil {
		t.Fatalf("no score: %+v %+v", a, b)
	}
	if b.Score <= a.Score || b.Score > a.Score+otherUnitCap {
		t.Errorf("second offering reply: score %g, want above %g by at most %g", b.Score, a.Score, otherUnitCap)
	}
}

// FuzzMatchUnits scores arbitrary text and markup per unit: no panic, a
// finite score, and every match and contact inside its field.
func FuzzMatchUnits(f *testing.F) {
	for _, s := range []string{
		"办电工证，不用考试\n\n2楼 网友\n微信 dz5566778",
		"<title>电工证</title><div class=post>办证</div><footer>版权所有 13812345678</footer>",
		"本报记者 调查发现\n\n广告声称：电工证不用考试，直接拿证",
		"",
		"\n\n\n",
	} {
		f.Add(s)
	}
	m := defaultMatcher(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []*page.Page{page.FromText("", s), mustHTML(s)} {
			if p == nil {
				continue
			}
			fd := m.Match(p)
			if fd.Score != fd.Score || fd.Score > 1e6 || fd.Score < -1e6 {
				t.Fatalf("score %v", fd.Score)
			}
			for _, mt := range fd.Matches {
				src := p.Text
				if mt.Field == "title" {
					src = p.Title
				}
				if mt.Start < 0 || mt.End < mt.Start || mt.End > len(src) {
					t.Fatalf("match %+v outside its field (%d bytes)", mt, len(src))
				}
			}
			for _, c := range fd.Contacts {
				src := p.Text
				if c.Field == "title" {
					src = p.Title
				}
				if c.Start < 0 || c.End < c.Start || c.End > len(src) {
					t.Fatalf("contact %+v outside its field (%d bytes)", c, len(src))
				}
			}
		}
	})
}

func mustHTML(s string) *page.Page {
	p, err := page.FromHTML("https://fuzz.example/", []byte(s), "text/html; charset=utf-8")
	if err != nil {
		return nil
	}
	return p
}
