package testbed

import (
	"bytes"
	"fmt"
	"html/template"
	"math/rand/v2"
	"net/http"
)

// bbsRobots forbids what the index links to: a polite crawler sees the
// links and must not follow them.
const bbsRobots = `# 电工之家论坛
User-agent: *
Disallow: /admin/
Disallow: /private/
`

// thread is one forum thread: the opening post and the replies that say
// something; fillerReplies more one-liners are mixed in between them.
type thread struct {
	ID            int
	Title         string
	Board         string
	Author        string
	Date          string
	Body          string
	Replies       []reply
	FillerReplies int
	Category      string // what a sweep must flag it as; "" = not flagged
}

type reply struct{ Author, Text string }

// fillers are the replies every forum is full of.
var fillers = []string{
	"顶一下。", "学习了，感谢楼主分享。", "mark，收藏了。", "同问，坐等大神解答。", "楼主说得对。",
	"路过，支持一下。", "好帖，顶！", "感谢分享经验。", "先收藏，回头慢慢看。", "同感。",
	"说得很实在。", "前排围观。", "有用，谢谢。", "帮顶。", "涨知识了。",
}

var fillerAuthors = []string{"电工小李", "老张师傅", "焊花飞舞", "夜班维修工", "阿强", "工地老王", "配电房守夜人", "新手求带", "光头强电工", "平安是福"}

var threads = []thread{
	{
		ID: 1001, Title: "低压电工证复审需要准备什么材料？", Board: "持证上岗", Author: "老周电工", Date: "2024-09-03",
		Body: "我的低压电工证是2021年考的，明年就到复审时间了。想问下复审要准备什么材料，需要重新考试吗？在哪里办？谢谢各位。",
		Replies: []reply{
			{"配电房守夜人", "复审要在期满前60天内申请，带身份证、体检证明，参加复审培训，再考一次安全知识。"},
			{"老张师傅", "我们这边是在政务服务中心的应急管理局窗口办的，培训学校会统一组织复审培训，8个学时。"},
			{"夜班维修工", "连续从事本工种10年以上、没有违章记录的，可以延长到6年复审一次，具体问当地应急管理局。"},
			{"工地老王", "体检去社区医院就行，主要看有没有妨碍作业的疾病，几十块钱。"},
			{"焊花飞舞", "复审培训讲的都是平时的安全知识，认真听课就没问题。"},
			{"证书顾问小王", "需要办证的朋友看过来，电工证、焊工证、高处作业证、叉车证都能办，免考包过，本人不用到场，官网可查，先拿证后付款。威信：zhengshu-xw888"},
			{"电工小李", "一定要按时复审，过期没复审的证就失效了，要重新参加培训和考试，很麻烦。"},
			{"平安是福", "“国家安全生产考试”公众号里能查到自己的证书和复审日期，建议先查一下。"},
			{"老周电工", "谢谢大家，我下周就去窗口问问。"},
		},
		FillerReplies: 16, Category: CategoryCertSale,
	},
	{
		ID: 1002, Title: "2024年电工一个月工资多少？大家晒晒", Board: "闲聊灌水", Author: "阿强", Date: "2024-09-12",
		Body: "本人在县城一家工厂做维修电工，有低压电工证，一个月到手4500，感觉偏低。大家那边多少？",
		Replies: []reply{
			{"夜班维修工", "苏州工厂电工，高低压证都有，到手7000左右，要倒班。"},
			{"工地老王", "工地上电工按天算，350一天，就是活不稳定，下雨天没钱。"},
			{"配电房守夜人", "物业电工，3800，不累但是钱少，胜在离家近。"},
			{"老张师傅", "有高压证再考个电工技师，去变电站或者大厂，一万左右没问题。"},
			{"电工小李", "持证是基本的，现在企业查得严，没证根本不敢用你。"},
			{"光头强电工", "年底工地结账难，还是工厂稳定，五险一金都有。"},
			{"阿强", "看来我得把高压证也考了。"},
		},
		FillerReplies: 14,
	},
	{
		ID: 1003, Title: "熔化焊接实操考试经验分享（附练习心得）", Board: "考证交流", Author: "焊花飞舞", Date: "2024-09-20",
		Body: "上周刚考完熔化焊接与热切割作业，理论和实操都过了，分享一下经验。理论考试是机考，题库可以在“国家安全生产考试”公众号上练，多刷几遍模拟题，80分及格。实操考的是板对接平焊和气割，考前在培训学校多练几次就没问题。注意劳保用品要穿戴整齐，开始前要检查气瓶、减压器和焊机接地，这些都算分。",
		Replies: []reply{
			{"新手求带", "谢谢楼主，我下个月去考，正愁实操。"},
			{"老张师傅", "实操开始前的安全检查千万别漏，我当年就是忘了检查回火防止器被扣了分。"},
			{"电工小李", "理论题库一千多道，错题多看几遍就行，不难。"},
			{"新手求带", "请问考试要带什么？"},
			{"焊花飞舞", "身份证和准考证，衣服穿纯棉的工作服，别的不用带。"},
			{"夜班维修工", "板对接平焊注意电流别调太大，焊缝宽度均匀就行。"},
		},
		FillerReplies: 12,
	},
	{
		ID: 1004, Title: "网上那些“免考包过”的证能用吗？", Board: "考证交流", Author: "新手求带", Date: "2024-10-02",
		Body: "最近刷到好多广告，说电工证“免考包过”“官网可查”，只要八百块，是真的吗？有没有人试过？",
		Replies: []reply{
			{"老张师傅", "千万别信，都是假证。正规的特种作业操作证必须经过培训和考试才能拿到。"},
			{"工地老王", "我们工地上个月查出来三个，在应急管理部的平台上查不到，都是假的，人直接清退了。"},
			{"配电房守夜人", "他们说的“官网可查”是自己做的假网站，网址不是cx.mem.gov.cn的都不是官方的。"},
			{"夜班维修工", "唯一官方查询就是应急管理部的平台和“国家安全生产考试”公众号，建议大家认准网址。"},
			{"电工小李", "用假证上岗被查到要罚款，出了事故还要负刑事责任，别贪这个便宜。"},
			{"焊花飞舞", "老老实实去培训学校报名，一两千块钱，考试也不难。"},
		},
		FillerReplies: 10,
	},
	{
		ID: 1005, Title: "叉车证考试流程求助", Board: "考证交流", Author: "光头强电工", Date: "2024-10-05",
		Body: "厂里要求开叉车的都要持证，想去考个叉车证，是在哪里报名？考什么？大概多久能拿到？",
		Replies: []reply{
			{"工地老王", "叉车证是市场监管局发的特种设备作业人员证，找有资质的培训学校报名就行。"},
			{"阿强", "理论是机考，实操是绕桩和叉取货物，练熟了不难。"},
			{"老张师傅", "学费一千多，培训两周左右，考完大概一个月出证。"},
			{"夜班维修工", "证书在全国特种设备公示信息查询平台能查，记得自己查一下。"},
		},
		FillerReplies: 9,
	},
	{
		// A long thread about a legitimate title review; one reply in the
		// middle offers title certificates with a disguised contact.
		ID: 1006, Title: "电气工程师中级职称评审经验：材料准备全攻略（长文）", Board: "考证交流", Author: "配电房守夜人", Date: "2024-10-08",
		Body: "去年报了电气工程师中级职称，今年七月公示通过，把准备材料的过程写一下，给今年要报的朋友参考。" +
			"第一，先看本省人社厅当年的评审通知，学历和从事专业技术工作的年限要对得上，本科毕业满五年、大专满七年。" +
			"第二，继续教育学时每年都要有记录，公需科目和专业科目分开算，不够的年份要提前补。" +
			"第三，业绩材料最重要：主持或参与的项目要有单位盖章的证明，验收报告、图纸签字页都扫描留底。" +
			"第四，论文至少一篇，发表在正规期刊上，知网能检索到的才算，别找那些收版面费的野鸡期刊。" +
			"第五，申报系统里的表格填完让单位人事审核，再由单位统一报送，个人不能直接报。" +
			"评审会后大概一个月出结果，公示七天没有异议就发文，证书由人社部门统一发放。",
		Replies: []reply{
			{"电工小李", "太详细了，收藏。请问继续教育学时在哪里查？"},
			{"配电房守夜人", "各省的专业技术人员继续教育平台都能查，登录后看学时记录，缺的按年份补。"},
			{"老张师傅", "论文这块确实要早准备，我们单位去年就有人因为期刊不在目录里被退回。"},
			{"夜班维修工", "业绩证明我们单位只认项目验收报告，工作总结写得再好也没用。"},
			{"职称顾问阿杰", "看楼主准备得这么辛苦，说个省事的：初级、中级、高级职称证都能办理，不用评审，不用写论文，人社网站可查，需要的朋友加薇：zcbl_2024"},
			{"工地老王", "楼上的一看就是广告，职称是评审出来的，怎么可能花钱办，大家别上当。"},
			{"新手求带", "请问大专毕业是从毕业那年开始算年限，还是从开始干这一行算？"},
			{"配电房守夜人", "从取得学历后从事本专业工作开始算，以单位出具的工作年限证明为准。"},
			{"焊花飞舞", "我们这边今年开始要求线上答辩，大家注意看通知。"},
			{"阿强", "谢谢楼主，明年我也准备报初级。"},
		},
		FillerReplies: 30, Category: CategoryCertSale,
	},
	{
		// A spam post whose words are split by dots and spaces, as if
		// that would hide them from a keyword filter.
		ID: 1007, Title: "需要的看过来 职.称 二.建 一.建", Board: "闲聊灌水", Author: "zc88888", Date: "2024-10-09",
		Body: "高.仿 职.称.证、技 能 等 级 证，各 省 版 本；二 建、一 建 挂 靠 高 价 收，一 年 能 拿 三 万。联 系 扣 扣：3 0 5 6 8 8 7 2 1 4",
		Replies: []reply{
			{"老张师傅", "又是广告，版主快删。"},
			{"电工小李", "已点举报。"},
		},
		FillerReplies: 3, Category: CategoryCertSale,
	},
	{
		// A question about buying a title certificate, answered with a
		// denial: no offer anywhere on the page.
		ID: 1008, Title: "听说中级职称证花钱就能办，靠谱吗？", Board: "考证交流", Author: "新手求带", Date: "2024-10-10",
		Body: "单位今年评中级卡得很严，论文和业绩我都还差点。听人说中级职称证花钱就能办，不用评审，人社网站还能查到。是真的吗？哪里能办？",
		Replies: []reply{
			{"老张师傅", "办不了。职称是人社部门组织评审后才发证的，网上说花钱能办的都是假证，一查一个准。"},
			{"工地老王", "千万别信。我同事前年花了八千块，拿到的证在人社厅网站根本查不到，钱也要不回来。"},
			{"配电房守夜人", "没有捷径，论文今年来不及就明年再报，业绩材料先让单位开好证明。"},
			{"夜班维修工", "用假职称证被单位查出来是要开除的，别为了这点事把工作丢了。"},
		},
		FillerReplies: 6,
	},
	{
		// Small talk with one off-topic spam reply offering a substitute
		// exam taker behind a disguised WeChat name.
		ID: 1009, Title: "上夜班的兄弟们，值班的时候都干点啥？", Board: "闲聊灌水", Author: "夜班维修工", Date: "2024-10-11",
		Body: "厂里配电房夜班，十二点以后基本没什么事，巡检一圈回来就干坐着。大家值夜班都怎么打发时间？",
		Replies: []reply{
			{"配电房守夜人", "我一般看看图纸，把白天的检修记录补一补，困了就起来走一圈。"},
			{"工地老王", "工地上晚上要看守材料，带个收音机听评书。"},
			{"有求必应888", "需要代考的私我，薇 ks_bang2024"},
			{"老张师傅", "楼上又是发广告的，别理他。值班还是别玩手机，出事了说不清。"},
			{"光头强电工", "泡杯浓茶，把工具箱整理一遍，一晚上就过去了。"},
			{"夜班维修工", "看来大家都差不多，谢谢回复。"},
		},
		FillerReplies: 8, Category: CategoryExamFraud,
	},
}

// bbsSite is bbs.example, a forum about electricians' and welders' work:
// long threads of ordinary talk, some with a seller's reply buried among
// the others (cert_sale, exam_fraud), a spam post whose characters are
// split by dots and spaces, a thread debunking such ads, a question about
// buying a title certificate answered with denials, board rules that ban
// them, and robots.txt rules for the /admin/ and /private/ pages the index
// links to.
func (w *Web) bbsSite() (http.Handler, error) {
	s := newSite(bbsRobots)
	pages := map[string]func() ([]byte, error){
		"/":                    func() ([]byte, error) { return render(bbsIndex, threads) },
		"/rules.html":          func() ([]byte, error) { return render(bbsPlain, bbsRulesPage) },
		"/private/secret.html": func() ([]byte, error) { return render(bbsPlain, bbsSecretPage) },
		"/admin/":              func() ([]byte, error) { return render(bbsPlain, bbsAdminPage) },
	}
	for _, t := range threads {
		pages[threadPath(t.ID)] = func() ([]byte, error) { return render(bbsThread, threadView(t)) }
	}
	for p, build := range pages {
		body, err := build()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		s.page(p, ctHTML, body)
	}
	return s, nil
}

// ReplyCount is the number shown on the index.
func (t thread) ReplyCount() int { return len(t.Replies) + t.FillerReplies }

func threadPath(id int) string { return fmt.Sprintf("/thread/%d.html", id) }

type postView struct {
	Floor  int
	Author string
	Text   string
}

type threadPageView struct {
	thread
	Posts []postView
}

// threadView lays out a thread: the substantive replies in order, with the
// filler replies spread between them by a generator seeded with the
// thread's id, so every build gives the same page.
func threadView(t thread) threadPageView {
	rng := rand.New(rand.NewPCG(uint64(t.ID), 1))
	n := len(t.Replies) + t.FillerReplies
	// Choose which floors get a substantive reply, keeping their order.
	substantive := make([]bool, n)
	for _, i := range rng.Perm(n)[:len(t.Replies)] {
		substantive[i] = true
	}
	v := threadPageView{thread: t, Posts: []postView{{Floor: 1, Author: t.Author, Text: t.Body}}}
	next := 0
	for i := 0; i < n; i++ {
		p := postView{Floor: i + 2}
		if substantive[i] {
			p.Author, p.Text = t.Replies[next].Author, t.Replies[next].Text
			next++
		} else {
			p.Author = fillerAuthors[rng.IntN(len(fillerAuthors))]
			p.Text = fillers[rng.IntN(len(fillers))]
		}
		v.Posts = append(v.Posts, p)
	}
	return v
}

type plainPage struct {
	Title string
	Paras []string
	Form  bool
}

var bbsRulesPage = plainPage{
	Title: "本站版规（2024年修订）",
	Paras: []string{
		"一、本论坛为电工、焊工等一线技术人员交流技术、分享考证经验的平台，欢迎文明发帖。",
		"二、严禁发布办证、代考、替考、挂证、出售考试答案等违规信息，此类帖子一律删除，发帖账号永久封禁，涉嫌违法的线索移交公安机关。",
		"三、禁止发布任何形式的广告，包括在回帖中留联系方式招揽生意。",
		"四、发现违规内容请点击帖子右下角的“举报”，版主会在24小时内处理。",
		"五、本版规自发布之日起施行，解释权归论坛管理团队。",
	},
}

var bbsSecretPage = plainPage{
	Title: "版主工作区（内部）",
	Paras: []string{
		"本区仅版主可见，请勿外传。",
		"本周处理举报帖32条，删除广告帖27条，封禁账号9个。",
		"下周例会讨论新版块设置和精华帖评选。",
	},
}

var bbsAdminPage = plainPage{Title: "论坛管理后台 - 登录", Form: true}

func render(t *template.Template, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const bbsHead = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{template "title" .}} - 电工之家论坛</title>
<style>
body{font-family:"Microsoft YaHei",sans-serif;margin:0;background:#eef1f5;color:#333}
.hd{background:#2b5797;color:#fff;padding:12px 30px;font-size:22px}
.hd a{color:#fff;text-decoration:none}
.nav{background:#dfe6ef;padding:6px 30px;font-size:13px}
.ft{margin:16px 30px;color:#999;font-size:12px;text-align:center}
.wrap{margin:16px 30px;background:#fff;padding:16px}
.post{border-bottom:1px solid #e2e6ea;padding:10px 0;overflow:hidden}
.author{float:left;width:140px;color:#2b5797}
.floor{float:right;color:#999;font-size:12px}
.content{margin-left:150px;line-height:1.8}
td{padding:4px 10px}
</style>
</head>
<body>
<div class="hd"><a href="/">电工之家论坛</a></div>
<div class="nav"><a href="/">首页</a> | 持证上岗 | 考证交流 | 闲聊灌水 | 技术问答 | 工具材料 | <a href="/rules.html">版规</a> | 登录 | 注册</div>
`

// bbsFoot closes every page: the forum's footer.
const bbsFoot = `<div class="ft">
<p>电工之家论坛 | 关于本站 | 免责声明 | 意见反馈 | 手机版</p>
<p>本站内容均由网友发表，仅代表作者个人观点，与本站立场无关。</p>
<p>Powered by Discuz! X3.4 © 2006-2024 电工之家</p>
</div>
</body>
</html>
`

var bbsIndex = template.Must(template.New("index").Parse(`{{define "title"}}首页{{end}}` + bbsHead + `<div class="wrap">
<h2>最新主题</h2>
<table>
<tr><th>版块</th><th>主题</th><th>作者</th><th>回复</th><th>发表时间</th></tr>
{{range .}}<tr><td>[{{.Board}}]</td><td><a href="/thread/{{.ID}}.html">{{.Title}}</a></td><td>{{.Author}}</td><td>{{.ReplyCount}}</td><td>{{.Date}}</td></tr>
{{end}}</table>
<p><a href="/rules.html">本站版规</a> | <a href="/private/secret.html">版主工作区</a> | <a href="/admin/">管理后台</a></p>
</div>
` + bbsFoot))

var bbsThread = template.Must(template.New("thread").Parse(`{{define "title"}}{{.Title}}{{end}}` + bbsHead + `<div class="wrap">
<p><a href="/">首页</a> &gt; {{.Board}}</p>
<h1>{{.Title}}</h1>
{{range .Posts}}<div class="post" id="post{{.Floor}}">
<div class="author">{{.Author}}</div>
<div class="floor">{{.Floor}}楼</div>
<div class="content">{{.Text}}</div>
</div>
{{end}}<p><a href="/">返回首页</a></p>
</div>
` + bbsFoot))

var bbsPlain = template.Must(template.New("plain").Parse(`{{define "title"}}{{.Title}}{{end}}` + bbsHead + `<div class="wrap">
<h1>{{.Title}}</h1>
{{range .Paras}}<p>{{.}}</p>
{{end}}{{if .Form}}<form action="/admin/login" method="post">
<label>用户名 <input name="user"></label>
<label>密码 <input name="pass" type="password"></label>
<button type="submit">登录</button>
</form>
{{end}}<p><a href="/">返回首页</a></p>
</div>
` + bbsFoot))
