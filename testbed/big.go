package testbed

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
)

// bigFanout is how many pages each big.example page links down to: page i
// links to fanout*i+1 … fanout*i+fanout, so the site is a tree whose depth
// grows with the logarithm of its size, plus links sideways.
const bigFanout = 5

// bigDepth is the link depth from big.example/ at which the last of n
// pages is reached (the index is depth 0, pages 1…fanout depth 1).
func bigDepth(n int) int {
	d := 0
	for i := n; i > 0; i = (i - 1) / bigFanout {
		d++
	}
	return d
}

// bigSite is big.example: Options.BigSitePages ordinary pages, /p/1.html …
// /p/N.html, generated on each request from the page number (nothing is
// kept), each linking to its fanout children, the next two pages, its
// parent and two others, for memory and throughput benchmarks.
func (w *Web) bigSite() (http.Handler, error) {
	n := w.opts.BigSitePages
	s := newSite(allowAll)
	var idx bytes.Buffer
	idx.WriteString(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>示范生活资讯网</title></head>
<body><h1>示范生活资讯网</h1><ul>
`)
	for i := 1; i <= min(bigFanout, n); i++ {
		fmt.Fprintf(&idx, "<li><a href=\"/p/%d.html\">%s</a></li>\n", i, bigTitle(i))
	}
	fmt.Fprintf(&idx, "</ul><p>共 %d 篇文章</p></body></html>\n", n)
	s.page("/", ctHTML, idx.Bytes())
	s.handle("GET /p/{page}", func(rw http.ResponseWriter, r *http.Request) {
		num, ok := strings.CutSuffix(r.PathValue("page"), ".html")
		i, err := strconv.Atoi(num)
		if !ok || err != nil || i < 1 || i > n || num != strconv.Itoa(i) {
			http.NotFound(rw, r)
			return
		}
		body := bigPage(i, n)
		rw.Header().Set("Content-Type", ctHTML)
		rw.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = rw.Write(body)
	})
	return s, nil
}

var (
	bigTopics = []string{"家常菜做法", "周末亲子游", "老旧小区改造", "秋季养生", "社区运动会", "旧物改造", "阳台种菜", "家电清洁",
		"城市公园", "早餐铺子", "图书馆活动", "骑行路线", "菜市场见闻", "节气习俗", "宠物饲养", "手机摄影"}
	bigSentences = []string{
		"周末的早市总是很热闹，卖菜的摊主一大早就把新鲜的青菜摆得整整齐齐。",
		"这道菜做法不难，关键是火候要掌握好，出锅前再撒一把葱花。",
		"小区的健身器材前阵子刚换了新的，晚饭后常有邻居在这里聊天。",
		"天气转凉，早晚温差大，出门记得多带一件外套。",
		"公园里的银杏叶黄了，不少人专门赶来拍照。",
		"家里的旧毛衣拆了可以织成坐垫，既环保又暖和。",
		"阳台上种的小番茄终于红了，孩子每天都要去数一数。",
		"洗衣机用久了要定期清洗滚筒，不然衣服容易有异味。",
		"图书馆这个月推出了亲子阅读活动，报名的家长很多。",
		"沿着河边的绿道骑一圈大约二十公里，路上风景很好。",
		"楼下新开的早餐铺子豆浆是现磨的，油条也炸得很脆。",
		"立秋过后，很多人家开始晒秋，院子里挂满了玉米和辣椒。",
		"养猫的朋友要注意定期驱虫，饮食上也不要喂太咸的东西。",
		"用手机拍夜景时，把手机靠在栏杆上能拍得更稳。",
		"社区运动会上，拔河比赛最受欢迎，加油声一阵高过一阵。",
		"老旧小区加装电梯以后，住在高层的老人出门方便多了。",
	}
)

func bigTitle(i int) string {
	return fmt.Sprintf("%s（第%d期）", bigTopics[i%len(bigTopics)], i)
}

// bigPage renders page i of n, seeded by i: about 2–3 KB of text.
func bigPage(i, n int) []byte {
	rng := rand.New(rand.NewPCG(uint64(i), 0xb16))
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>%s - 示范生活资讯网</title></head>
<body><p><a href="/">首页</a></p><h1>%s</h1>
`, bigTitle(i), bigTitle(i))
	for p := 0; p < 3+rng.IntN(3); p++ {
		b.WriteString("<p>")
		for k := 0; k < 3+rng.IntN(3); k++ {
			b.WriteString(bigSentences[rng.IntN(len(bigSentences))])
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("<ul>\n")
	link := func(j int, label string) {
		if j >= 1 && j <= n && j != i {
			fmt.Fprintf(&b, "<li><a href=\"/p/%d.html\">%s：%s</a></li>\n", j, label, bigTitle(j))
		}
	}
	for c := bigFanout*i + 1; c <= bigFanout*i+bigFanout; c++ {
		link(c, "延伸阅读")
	}
	link(i+1, "下一篇")
	link(i+2, "再下一篇")
	link((i-1)/bigFanout, "上级栏目")
	link(1+rng.IntN(n), "相关文章")
	link(1+rng.IntN(n), "相关文章")
	b.WriteString("</ul></body></html>\n")
	return b.Bytes()
}
