package page

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkBlocks asserts what Block promises: blocks in document order, each
// non-detached one a whole-line range of Text with its text, together
// covering every non-space byte of Text; detached ones empty ranges at a
// boundary; weights from the kind.
func checkBlocks(t testing.TB, p *Page) {
	t.Helper()
	prevEnd := 0
	covered := 0
	for i, b := range p.Blocks {
		if !validKind(b.Kind) {
			t.Fatalf("block %d: kind %q", i, b.Kind)
		}
		if b.Weight != b.Kind.Weight() {
			t.Fatalf("block %d: weight %v for kind %s", i, b.Weight, b.Kind)
		}
		if !utf8.ValidString(b.Text) || b.Text == "" {
			t.Fatalf("block %d: text %q", i, b.Text)
		}
		if b.Start < prevEnd || b.End < b.Start || b.End > len(p.Text) {
			t.Fatalf("block %d [%d,%d) out of order (previous end %d, text %d bytes)", i, b.Start, b.End, prevEnd, len(p.Text))
		}
		if b.Detached {
			if b.Start != b.End {
				t.Fatalf("detached block %d spans [%d,%d)", i, b.Start, b.End)
			}
			continue
		}
		if p.Text[b.Start:b.End] != b.Text {
			t.Fatalf("block %d: Text %q, Page.Text[%d:%d] %q", i, b.Text, b.Start, b.End, p.Text[b.Start:b.End])
		}
		lineStart := strings.LastIndexByte(p.Text[:b.Start], '\n') + 1
		lineEnd := strings.IndexByte(p.Text[b.End:], '\n')
		if lineEnd < 0 {
			lineEnd = len(p.Text) - b.End
		}
		if strings.TrimSpace(p.Text[lineStart:b.Start]) != "" || strings.TrimSpace(p.Text[b.End:b.End+lineEnd]) != "" {
			t.Fatalf("block %d [%d,%d) %q is not whole lines of %q", i, b.Start, b.End, b.Text, p.Text)
		}
		if gap := p.Text[prevEnd:b.Start]; strings.TrimSpace(gap) != "" {
			t.Fatalf("text %q before block %d is in no block", gap, i)
		}
		covered += b.End - b.Start
		prevEnd = b.End
	}
	if rest := p.Text[prevEnd:]; strings.TrimSpace(rest) != "" {
		t.Fatalf("text %.80q after the last block is in no block", rest)
	}
	if strings.TrimSpace(p.Text) != "" && covered == 0 {
		t.Fatalf("no block covers %q", p.Text)
	}
}

func validKind(k Kind) bool {
	switch k {
	case KindTitle, KindMain, KindPost, KindListingField, KindLinkText, KindAltText, KindNav, KindFooter, KindSidebar, KindBoilerplate:
		return true
	}
	return false
}

// wantBlock is an expected block: its kind, listing field, and words its
// text must contain.
type wantBlock struct {
	kind  Kind
	field string
	has   string
}

func TestBlocksFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []wantBlock
	}{
		{"forum.html", []wantBlock{
			{KindTitle, "", "电工证到期了怎么复审"},
			{KindNav, "", "论坛首页"},
			{KindPost, "", "楼主 发表于 2024-3-2 10:21\n我的低压电工证明年三月到期"},
			{KindPost, "", "2# 发表于 2024-3-2 11:05\n到当地应急管理局"},
			{KindPost, "", "包过拿证，全国可查，加微信 zheng8888"},
			{KindSidebar, "", "热门帖子\n特种作业证网上查询入口"},
			{KindFooter, "", "京ICP备12345678号"},
		}},
		{"market.html", []wantBlock{
			{KindTitle, "", "特种作业操作证办理 全国通用 - 某某二手市场"},
			{KindTitle, "", "二手市场本地服务信息"}, // meta description
			{KindNav, "", "首页本地服务登录"},
			{KindNav, "", "首页 > 本地服务 > 证件服务"},
			{KindTitle, "", "特种作业操作证办理 全国通用"},
			{KindListingField, "price", "¥1800 包过"},
			{KindListingField, "seller", "证通天下"},
			{KindListingField, "description", "免考试直接拿证。\n官网可查"},
			{KindListingField, "contact", "138 0013 8000"},
			{KindAltText, "", "证书样本 扫码咨询"},
			{KindSidebar, "", "看了又看\n二手电焊机"},
			{KindFooter, "", "版权所有"},
		}},
		{"news.html", []wantBlock{
			{KindTitle, "", "警方捣毁"},
			{KindNav, "", "首页\n新闻\n体育"},
			{KindTitle, "", "警方捣毁一伪造特种作业操作证团伙"},
			{KindMain, "", "本报讯"},
			{KindBoilerplate, "", "相关新闻\n多地开展打击假证专项行动"},
			{KindBoilerplate, "", "Cookie"},
			{KindFooter, "", "粤ICP备"},
		}},
		{"qa.html", []wantBlock{
			{KindTitle, "", "是真的吗？_问答"},
			{KindNav, "", "问答首页"},
			{KindTitle, "", "网上说能直接办焊工证不用考试，是真的吗？"},
			{KindMain, "", "看到有人发广告"},
			{KindPost, "", "安全老王\n不是真的。"},
			{KindPost, "", "匿名用户\n别信"},
			{KindSidebar, "", "相关问题"},
		}},
		{"notice.html", []wantBlock{
			{KindTitle, "", "公告"},
			{KindMain, "", "某某市应急管理局"},
			{KindNav, "", "首页 | 政务公开"},
			{KindTitle, "", "关于警惕假冒特种作业操作证查询网站的公告"},
			{KindMain, "", "近期发现有不法分子"},
			{KindFooter, "", "主办单位"},
		}},
		{"results.html", []wantBlock{
			{KindTitle, "", "搜索“电工证”"},
			{KindMain, "", "搜索"},
			{KindNav, "", "综合\n价格\n销量"},
			{KindListingField, "title", "低压电工证 复审 代报名"},
			{KindListingField, "price", "¥300"},
			{KindListingField, "seller", "安培培训中心"},
			{KindListingField, "title", "电工证 焊工证 免考包过 全国可查"},
			{KindListingField, "price", "¥1500"},
			{KindListingField, "seller", "速证工作室"},
			{KindListingField, "title", "电工工具套装"},
			{KindListingField, "price", "¥89"},
			{KindListingField, "seller", "五金百货"},
			{KindNav, "", "下一页"},
		}},
		{"hostile.html", []wantBlock{
			{KindTitle, "", "嵌套"},
			{KindNav, "", "首页列表"},
			{KindMain, "", "深处的广告：办理电工证 包过 电话13800000000\n第二段：全国可查"},
			{KindFooter, "", "版权所有"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "blocks", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := FromHTML("http://a.example/", body, "")
			if err != nil {
				t.Fatal(err)
			}
			checkBlocks(t, p)
			if len(p.Blocks) != len(tt.want) {
				t.Errorf("%d blocks, want %d:\n%s", len(p.Blocks), len(tt.want), describeBlocks(p))
				return
			}
			for i, w := range tt.want {
				b := p.Blocks[i]
				if b.Kind != w.kind || b.Field != w.field || !strings.Contains(b.Text, w.has) {
					t.Errorf("block %d = %s/%s %q, want %s/%s containing %q", i, b.Kind, b.Field, b.Text, w.kind, w.field, w.has)
				}
			}
		})
	}
}

func describeBlocks(p *Page) string {
	var sb strings.Builder
	for _, b := range p.Blocks {
		sb.WriteString(string(b.Kind) + "/" + b.Field + " " + b.Path + " " + strings.ReplaceAll(b.Text, "\n", `\n`) + "\n")
	}
	return sb.String()
}

// The fields of one card share a Group, different cards do not, and
// blocks outside cards have none.
func TestBlocksGroups(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "blocks", "results.html"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := FromHTML("http://a.example/", body, "")
	if err != nil {
		t.Fatal(err)
	}
	var groups []int
	for _, b := range p.Blocks {
		if b.Kind != KindListingField && b.Group != 0 {
			t.Errorf("%s block %q has group %d", b.Kind, b.Text, b.Group)
		}
		if b.Kind == KindListingField {
			groups = append(groups, b.Group)
		}
	}
	if len(groups) != 9 {
		t.Fatalf("%d listing fields:\n%s", len(groups), describeBlocks(p))
	}
	for i := 0; i < 9; i += 3 {
		if groups[i] == 0 || groups[i] != groups[i+1] || groups[i] != groups[i+2] || (i > 0 && groups[i] == groups[i-1]) {
			t.Errorf("groups %v: want three cards of three fields", groups)
		}
	}
	q := mustFromHTML(t, "", `<div class="comment">甲<div class="reply">乙</div><div class="reply">丙</div>丁</div><p>正文</p>`)
	checkBlocks(t, q)
	g := func(i int) int { return q.Blocks[i].Group }
	if len(q.Blocks) != 5 || g(0) == 0 || g(0) != g(3) || g(1) == g(0) || g(2) == g(0) || g(1) == g(2) || g(4) != 0 {
		t.Errorf("post groups:\n%s", describeBlocks(q))
	}
}

func TestBlocksHTMLHeuristics(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []wantBlock
	}{
		{"no structure is one main block", `<p>办理电工证</p><p>电话13800000000</p>`,
			[]wantBlock{{KindMain, "", "办理电工证\n电话13800000000"}}},
		{"semantic elements and roles", `<header><a href=/>首页</a></header><div role="navigation">菜单</div><main><p>正文</p></main><aside>旁注</aside><footer>页脚</footer>`,
			[]wantBlock{{KindNav, "", "首页"}, {KindNav, "", "菜单"}, {KindMain, "", "正文"}, {KindSidebar, "", "旁注"}, {KindFooter, "", "页脚"}}},
		{"link-dense block of short links is navigation",
			`<div class="x"><a href=/1>首页</a> <a href=/2>新闻</a> <a href=/3>关于</a></div><p>正文内容比较长的一段话</p>`,
			[]wantBlock{{KindNav, "", "首页 新闻 关于"}, {KindMain, "", "正文"}}},
		{"link-dense block of long links is link text",
			`<div class="x"><a href=/1>特种作业操作证办理全国可查包过</a><br><a href=/2>电工证焊工证登高证不用考试直接拿证</a></div><p>正文内容</p>`,
			[]wantBlock{{KindLinkText, "", "特种作业操作证办理全国可查包过\n电工证焊工证"}, {KindMain, "", "正文"}}},
		{"repeated siblings with reply markers are posts",
			`<div class="thread"><div class="floor-x">1楼 张三<p>问题</p></div><div class="floor-x">2楼 李四<p>回答</p></div></div>`,
			[]wantBlock{{KindPost, "", "1楼 张三\n问题"}, {KindPost, "", "2楼 李四\n回答"}}},
		{"repeated siblings without markers stay main",
			`<div class="row">甲</div><div class="row">乙</div>`,
			[]wantBlock{{KindMain, "", "甲\n乙"}}},
		{"nested comments", `<article><p>文章</p><section class="comments"><div class="comment">评论一</div><div class="comment">评论二</div></section></article>`,
			[]wantBlock{{KindMain, "", "文章"}, {KindPost, "", "评论一"}, {KindPost, "", "评论二"}}},
		{"a comment's own parts stay in it", `<div class="comment"><div class="comment-body">内容</div><div class="comment-footer">回复</div></div>`,
			[]wantBlock{{KindPost, "", "内容\n回复"}}},
		{"wrapper class with content is not a sidebar", `<div class="content side">正文</div>`,
			[]wantBlock{{KindMain, "", "正文"}}},
		{"inside does not match side", `<div class="inside">正文</div>`,
			[]wantBlock{{KindMain, "", "正文"}}},
		{"copyright line is footer", `<p>正文</p><p>Copyright © 2024 某站</p>`,
			[]wantBlock{{KindMain, "", "正文"}, {KindFooter, "", "Copyright"}}},
		{"inline field starts its own line", `<p>价格：<span class="price">¥300</span></p>`,
			[]wantBlock{{KindMain, "", "价格："}, {KindListingField, "price", "¥300"}}},
		{"image alt text is detached", `<p>扫码<img alt="加微信 abc123">联系</p><img title="标题图">`,
			[]wantBlock{{KindMain, "", "扫码联系"}, {KindAltText, "", "加微信 abc123"}, {KindAltText, "", "标题图"}}},
		{"item cards with microdata", `<div class="g"><div itemprop="name">电工证</div><div itemprop="price">300</div></div>`,
			[]wantBlock{{KindMain, "", "电工证"}, {KindListingField, "price", "300"}}},
		{"low-weight region that holds the page is content",
			`<div class="sidebar">` + strings.Repeat("<p>这是一段很长的正文内容，讲述了一件事情。</p>", 40) + `</div><p>尾</p>`,
			[]wantBlock{{KindMain, "", "这是一段很长的正文内容"}, {KindMain, "", "尾"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustFromHTML(t, "http://a.example/", tt.doc)
			checkBlocks(t, p)
			if len(p.Blocks) != len(tt.want) {
				t.Fatalf("%d blocks, want %d:\n%s", len(p.Blocks), len(tt.want), describeBlocks(p))
			}
			for i, w := range tt.want {
				b := p.Blocks[i]
				if b.Kind != w.kind || b.Field != w.field || !strings.Contains(b.Text, w.has) {
					t.Errorf("block %d = %s/%s %q, want %s/%s containing %q", i, b.Kind, b.Field, b.Text, w.kind, w.field, w.has)
				}
			}
		})
	}
}

func TestBlocksBounded(t *testing.T) {
	for _, tt := range []struct {
		name string
		doc  string
		max  int
	}{
		{"many posts", strings.Repeat(`<div class="post">帖子</div>`, 3*maxSegments), maxSegments + 1},
		{"many classed elements", strings.Repeat(`<div class="a`+"\x00"+`">x<span class="price">1</span>`, maxUnits+100), maxSegments + 1},
		{"many images", strings.Repeat(`<img alt="图">`, 3*maxAltBlocks), maxAltBlocks + 1},
		{"deep posts", strings.Repeat(`<div class="post"><ul><li class="reply">`, 20000) + "深处", 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := mustFromHTML(t, "", tt.doc)
			checkBlocks(t, p)
			if len(p.Blocks) > tt.max {
				t.Errorf("%d blocks, at most %d expected", len(p.Blocks), tt.max)
			}
		})
	}
}

func TestTextBlocks(t *testing.T) {
	long := strings.Repeat("这是正文的一句话。", 30)
	tests := []struct {
		name string
		text string
		want []wantBlock
	}{
		{"short text is one block", "办理电工证\n\n电话 13800000000", []wantBlock{{KindMain, "", "办理电工证\n\n电话 13800000000"}}},
		{"empty text has none", " \n\t ", nil},
		{"paragraph groups", long + "\n第二行\n\n  \n" + long + "尾\n", []wantBlock{{KindMain, "", "第二行"}, {KindMain, "", "尾"}}},
		{"replies", "求助帖：" + long + "\n\n2楼 张三 发表于 2024-1-1\n别信\n回复 点赞 3\n\n#3 李四\n加微信办证\n\n回复  点赞 9\n\n4楼 王五\n\n我也是来问的，顺便说一下我的情况",
			[]wantBlock{{KindMain, "", "求助帖"}, {KindPost, "", "2楼 张三 发表于 2024-1-1\n别信"}, {KindPost, "", "#3 李四\n加微信办证\n\n回复  点赞 9"},
				{KindPost, "", "4楼 王五\n\n我也是来问的"}}},
		{"reply words inside prose are not markers", long + "\n楼主别找这种\n回复 点赞\n网友反映情况", []wantBlock{{KindMain, "", "楼主别找这种\n回复 点赞\n网友反映情况"}}},
		{"chrome at the ends", "版权所有 © 某站\n\n" + long + "\n\n相关推荐：\n· 电工证怎么考",
			[]wantBlock{{KindFooter, "", "版权所有"}, {KindMain, "", "正文"}, {KindBoilerplate, "", "相关推荐"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := FromText("", tt.text)
			checkBlocks(t, p)
			if len(p.Blocks) != len(tt.want) {
				t.Fatalf("%d blocks, want %d:\n%s", len(p.Blocks), len(tt.want), describeBlocks(p))
			}
			for i, w := range tt.want {
				b := p.Blocks[i]
				if b.Kind != w.kind || !strings.Contains(b.Text, w.has) {
					t.Errorf("block %d = %s %q, want %s containing %q", i, b.Kind, b.Text, w.kind, w.has)
				}
			}
		})
	}
}

func TestStartsReply(t *testing.T) {
	for line, want := range map[string]bool{
		"2楼 张三": true, "#12 李四": true, "第3楼": true, "12# 王五": true, "12F": true, "【5楼】": true,
		"楼主：山西老矿工": true, "楼主 发表于": true, "回复：举报了": true, "回复@小白：": true, "网友26846 1天前": true, "答：能查": true,
		"回复  点赞 9": false, "楼主别找这种": false, "楼主回复": false, "网友反映": false, "2024年": false, "#标签": false, "12楼盘": true, "": false,
	} {
		if got := startsReply(line); got != want {
			t.Errorf("startsReply(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestWithListing(t *testing.T) {
	p := mustFromHTML(t, "http://a.example/g/1", `<nav><a href=/>首页</a></nav><div class="main"><p>电工证 焊工证 免考包过</p><p>详情请咨询</p><p>更多说明</p></div>`)
	before := describeBlocks(p)
	text := p.Text
	fields := ListingFields(map[string]string{"title": " 电工证 焊工证 免考包过 ", "price": "¥1500", "seller": "", "contact": "微信 abc", "other": "x"})
	if len(fields) != 3 || fields[0].Name != "title" || fields[1].Name != "price" || fields[2].Name != "contact" {
		t.Fatalf("ListingFields = %+v", fields)
	}
	q := p.WithListing(fields)
	checkBlocks(t, q)
	if p.Text != text || describeBlocks(p) != before {
		t.Errorf("WithListing changed its page")
	}
	if want := text + "\n¥1500\n微信 abc"; q.Text != want {
		t.Errorf("Text = %q, want %q", q.Text, want)
	}
	var got []string
	for _, b := range q.Blocks {
		got = append(got, string(b.Kind)+"/"+b.Field+":"+b.Text)
	}
	want := []string{"nav/:首页", "listing_field/title:电工证 焊工证 免考包过", "main/:详情请咨询\n更多说明", "listing_field/price:¥1500", "listing_field/contact:微信 abc"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("blocks\n%q\nwant\n%q", got, want)
	}
	// A value inside a line is not split out, and not repeated either.
	r := p.WithListing([]ListingField{{Name: "description", Value: "免考包过"}})
	if r.Text != p.Text || len(r.Blocks) != len(p.Blocks) {
		t.Errorf("value within a line: %q\n%s", r.Text, describeBlocks(r))
	}
}

func TestAppendBlock(t *testing.T) {
	p := mustFromHTML(t, "", `<p>正文</p>`)
	p.AppendBlock(KindMain, "dialog", "  【网页弹窗·提示框】加微信 abc  ")
	p.AppendBlock(KindMain, "dialog", " \n ")
	checkBlocks(t, p)
	if p.Text != "正文\n【网页弹窗·提示框】加微信 abc" || len(p.Blocks) != 2 || p.Blocks[1].Path != "dialog" {
		t.Errorf("Text %q, blocks:\n%s", p.Text, describeBlocks(p))
	}
	q := FromText("", "")
	q.AppendBlock(KindMain, "dialog", "甲")
	checkBlocks(t, q)
	if q.Text != "甲" {
		t.Errorf("Text %q", q.Text)
	}
}

func TestEnsureBlocks(t *testing.T) {
	long := strings.Repeat("正文一句。", 50)
	t.Run("page literal", func(t *testing.T) {
		p := &Page{Title: "题", Text: long + "\n\n2楼 张三\n加微信"}
		p.EnsureBlocks()
		checkBlocks(t, p)
		if len(p.Blocks) != 3 || p.Blocks[0].Kind != KindTitle || !p.Blocks[0].Detached || p.Blocks[2].Kind != KindPost {
			t.Errorf("blocks:\n%s", describeBlocks(p))
		}
	})
	t.Run("appended lines", func(t *testing.T) {
		p := mustFromHTML(t, "", `<nav><a href=/>首页</a></nav><p>正文</p><img alt="图">`)
		n := len(p.Blocks)
		p.Text += "\n【网页弹窗·提示框】加微信"
		p.EnsureBlocks()
		checkBlocks(t, p)
		if len(p.Blocks) != n+1 || p.Blocks[n].Text != "【网页弹窗·提示框】加微信" || p.Blocks[n].Path != "appended" {
			t.Errorf("blocks:\n%s", describeBlocks(p))
		}
		before := describeBlocks(p)
		p.EnsureBlocks()
		if describeBlocks(p) != before {
			t.Errorf("second call changed the blocks")
		}
	})
	t.Run("appended to the last line", func(t *testing.T) {
		p := mustFromHTML(t, "", `<nav><a href=/>首页</a></nav><p>正文</p>`)
		p.Text += "追加"
		p.EnsureBlocks()
		checkBlocks(t, p)
		if !strings.HasSuffix(p.Blocks[len(p.Blocks)-1].Text, "正文追加") {
			t.Errorf("blocks:\n%s", describeBlocks(p))
		}
	})
	t.Run("replaced text", func(t *testing.T) {
		p := mustFromHTML(t, "", `<nav><a href=/>首页</a></nav><p>正文</p>`)
		p.Text = "全新的文字"
		p.EnsureBlocks()
		checkBlocks(t, p)
		if len(p.Blocks) != 1 || p.Blocks[0].Text != "全新的文字" {
			t.Errorf("blocks:\n%s", describeBlocks(p))
		}
	})
}

func TestBlockAt(t *testing.T) {
	p := mustFromHTML(t, "", `<title>题</title><nav>菜单</nav><p>正文<img alt=图></p><footer>页脚</footer>`)
	checkBlocks(t, p)
	for _, tt := range []struct {
		off  int
		kind Kind
	}{{0, KindNav}, {len("菜单") - 1, KindNav}, {len("菜单\n"), KindMain}, {len("菜单\n正文\n"), KindFooter}} {
		i := p.BlockAt(tt.off)
		if i < 0 || p.Blocks[i].Kind != tt.kind {
			t.Errorf("BlockAt(%d) = %d, want a %s block:\n%s", tt.off, i, tt.kind, describeBlocks(p))
		}
	}
	if i := p.BlockAt(len("菜单")); i != -1 {
		t.Errorf("BlockAt(line break) = %d", i)
	}
	if i := p.BlockAt(len(p.Text)); i != -1 {
		t.Errorf("BlockAt(end) = %d", i)
	}
	if got := p.BlocksOf(KindTitle, KindAltText); len(got) != 2 || got[0].Text != "题" || got[1].Text != "图" {
		t.Errorf("BlocksOf = %+v", got)
	}
}

// Every page of the synthetic corpus and the held-out sets keeps the block
// invariants, and its text outside low-weight blocks is not empty when the
// page has text.
func TestBlocksInvariantsOnCorpora(t *testing.T) {
	var files []string
	for _, glob := range []string{"../testdata/corpus/*.jsonl", "../testdata/unseen/*.jsonl"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no corpus files found")
	}
	pages := 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, MaxBodySize)
		for line := 1; sc.Scan(); line++ {
			var r struct{ HTML, Text string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				continue
			}
			var p *Page
			if r.HTML != "" {
				if p, err = FromHTML("http://a.example/", []byte(r.HTML), "text/html; charset=utf-8"); err != nil {
					t.Fatalf("%s:%d: %v", f, line, err)
				}
			} else {
				p = FromText("", r.Text)
			}
			checkBlocks(t, p)
			pages++
			content := false
			for _, b := range p.Blocks {
				content = content || !b.Kind.LowWeight()
			}
			if strings.TrimSpace(p.Text) != "" && !content {
				t.Errorf("%s:%d: only low-weight blocks:\n%s", f, line, describeBlocks(p))
			}
		}
		fh.Close()
	}
	if pages < 100 {
		t.Errorf("only %d pages read", pages)
	}
}

func FuzzBlocksText(f *testing.F) {
	f.Add("2楼 张三\n别信\n\n#3 李四\n" + strings.Repeat("字", 300))
	f.Add("\n\n \u3000\n回复：x\n\n")
	f.Add("版权所有\n\n" + strings.Repeat("a ", 300) + "\n\n相关推荐")
	f.Fuzz(func(t *testing.T, text string) {
		checkBlocks(t, FromText("", text))
	})
}
