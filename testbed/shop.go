package testbed

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// listing is one marketplace listing.
type listing struct {
	ID       int      `json:"id"`
	Title    string   `json:"title"`
	Price    string   `json:"price"`
	Seller   string   `json:"seller"`
	Desc     string   `json:"desc"`
	Contact  string   `json:"contact"`
	Location string   `json:"location"`
	Sold     int      `json:"sold"`
	Detail   []string `json:"detail"` // the detail page's 商品详情
	Category string   `json:"-"`      // what a sweep must flag it as; "" = not flagged
}

// shopPageSize listings per result page: the catalogue fills exactly
// shopResultPages pages.
const (
	shopPageSize    = 6
	shopResultPages = 3
)

var listings = []listing{
	{
		ID: 600101, Title: "电工证 低压电工 高压电工 免考包过 官网可查", Price: "¥880", Seller: "安途职业服务",
		Desc:    "应急管理部特种作业操作证，不用考试，直接出证，全国联网可查，人不用到场，只需提供身份证正反面和一寸照片，15天左右拿证。",
		Contact: "威信：antu-zheng88（备注电工）", Location: "广东 深圳", Sold: 326,
		Detail: []string{
			"价目表：低压电工880元，高压电工1280元，防爆电工1380元，复审另算。",
			"办理流程：拍下→发身份证和照片→15天出证→官网查询无误后付尾款，查不到全额退。",
			"老客户介绍新客户返现100元，量大可谈。",
		},
		Category: CategoryCertSale,
	},
	{
		ID: 600102, Title: "焊工证 熔化焊接与热切割作业 快速拿证 可查可验", Price: "¥1200", Seller: "鑫诚证件代办",
		Desc:    "免考试，资料给我就行，20天出证，应急管理部官网可查，终身可查，支持扫码验证。",
		Contact: "电话 一三八 零零一三 八零零零 同微", Location: "河北 石家庄", Sold: 158,
		Detail: []string{
			"适用：熔化焊接与热切割作业、压力焊作业、钎焊作业，新办、复审、换证都可以。",
			"不用去考场，不用请假，在家等证就行，证书快递到手。",
		},
		Category: CategoryCertSale,
	},
	{
		ID: 600103, Title: "叉车证 N1 特种设备作业人员证 包下证 全国通用", Price: "¥650", Seller: "速达证书服务部",
		Desc:    "不用去考场，人不到场，市场监管局平台可查，叉车、锅炉、电梯、起重都能办，加急7天。",
		Contact: "薇信：suda_zheng666　Q：2851⑦⑥③⑨⓪", Location: "山东 临沂", Sold: 97,
		Detail: []string{
			"特种设备作业人员证：叉车司机N1、N2，锅炉G1，电梯T，起重机Q1、Q2，均可办理。",
			"全国特种设备公示信息查询平台可查，假一赔十。",
		},
		Category: CategoryCertSale,
	},
	{
		ID: 600104, Title: "高处作业证 登高架设 直接拿证 人不用到场", Price: "¥780", Seller: "安途职业服务",
		Desc:    "登高证、高空作业证直接办理，不用培训不用考试，官网能查到档案，先拿证后付款。",
		Contact: "威 信 gaokong-2024", Location: "广东 深圳", Sold: 211,
		Detail: []string{
			"登高架设作业、高处安装维护拆除作业都能办，10天左右出证。",
			"证书可在应急管理部平台查询，支持用人单位核验。",
		},
		Category: CategoryCertSale,
	},
	{
		ID: 600105, Title: "安全员C证 三类人员证书 不用考试 住建平台可查", Price: "¥1500", Seller: "鑫诚证件代办",
		Desc:    "建筑施工企业安全生产考核合格证书A证、B证、C证，免考快速下证，全国工程质量安全监管信息平台可查，包查验。",
		Contact: "电话：壹叁玖 零零壹叁 玖零零零", Location: "河北 石家庄", Sold: 64,
		Detail: []string{
			"建筑施工特种作业操作资格证（塔吊、信号司索工、架子工、施工升降机）同样可以办理。",
			"只需发来身份证照片和一寸照，30天内出证。",
		},
		Category: CategoryCertSale,
	},
	{
		ID: 600106, Title: "特种作业理论考试 远程协助 同步答案 包过", Price: "¥500", Seller: "稳过考试服务",
		Desc:    "低压电工、焊工、安全员机考远程协助，考场有人打招呼，同步答案，不过退款。",
		Contact: "QQ：3056⑧⑧⑦②①", Location: "河南 郑州", Sold: 143,
		Detail: []string{
			"考前一天联系安排，考试时电脑我们远程操作，全程无痕。",
			"实操考试也可以安排考场关系，保证能过。",
		},
		Category: CategoryExamFraud,
	},
	{
		ID: 600107, Title: "电工培训班 报名即发证 不用上课 包拿证", Price: "¥1680", Seller: "金蓝领技能培训中心",
		Desc:    "随到随学，学费包证，不用上课，只需签到一次，30天拿证，证书全国通用，国家认可。",
		Contact: "招生热线 13800138000", Location: "江苏 徐州", Sold: 52,
		Detail: []string{
			"低压电工、高压电工、焊工、制冷均可报名，学时由机构统一刷满，百分百通过。",
			"报名即送电工工具一套。",
		},
		Category: CategoryTrainingFraud,
	},
	{
		ID: 600108, Title: "电工证卡套 特种作业操作证保护套 透明防水", Price: "¥9.9", Seller: "好物收纳小店",
		Desc:    "适用于特种作业操作证、电工证、焊工证等IC卡式证件，PVC透明材质，防水防刮，10个装。",
		Contact: "客服在线时间 9:00-22:00", Location: "浙江 义乌", Sold: 5210,
		Detail: []string{
			"尺寸：外径10.5×7.2厘米，适合标准IC卡尺寸的证件。",
			"本店只卖卡套，不含证件。",
		},
	},
	{
		ID: 600109, Title: "焊工证 皮质证件套 证书外壳 可定制烫金", Price: "¥15", Seller: "好物收纳小店",
		Desc:    "仿皮证件套，可装焊工证、电工证、上岗证等，支持定制单位名称烫金。",
		Contact: "客服在线时间 9:00-22:00", Location: "浙江 义乌", Sold: 1834,
		Detail: []string{"颜色：红色、黑色、深蓝色。定制烫金需备注文字，3天发货。"},
	},
	{
		ID: 600110, Title: "电工工具套装 家用多功能 绝缘螺丝刀 测电笔", Price: "¥89", Seller: "匠心五金旗舰店",
		Desc:    "31件套，含绝缘螺丝刀、剥线钳、测电笔、电工胶布，VDE认证绝缘手柄。",
		Contact: "客服：在线咨询", Location: "浙江 永康", Sold: 9822,
		Detail: []string{"绝缘等级1000V，适合家庭电工和维修师傅使用。", "质保一年，七天无理由退换。"},
	},
	{
		ID: 600111, Title: "低压电工作业 特种作业人员安全技术培训考核教材 2024版", Price: "¥38", Seller: "新华书店旗舰店",
		Desc:    "按应急管理部培训考核大纲编写，含电工基础知识、电工仪表、低压电器、安全用电等章节，适合参加培训的学员。",
		Contact: "客服：在线咨询", Location: "北京", Sold: 3120,
		Detail: []string{"出版社：应急管理出版社。页数：312页。", "正版图书，支持开具发票。"},
	},
	{
		ID: 600112, Title: "焊工防护手套 电焊隔热 牛皮加长 耐高温", Price: "¥25", Seller: "安护劳保用品店",
		Desc:    "头层牛皮，加长袖口，适用于电焊、氩弧焊、气割作业，2双装。",
		Contact: "客服：在线咨询", Location: "河北 高阳", Sold: 7466,
		Detail: []string{"尺码：均码，长度35厘米。"},
	},
	{
		ID: 600113, Title: "电焊机 家用小型 220V 全铜芯 便携式", Price: "¥399", Seller: "匠心五金旗舰店",
		Desc:    "ZX7-200逆变直流电焊机，220V家用电即可使用，可焊2.5至3.2毫米焊条。",
		Contact: "客服：在线咨询", Location: "浙江 台州", Sold: 2210,
		Detail: []string{"操作电焊机请持证上岗并做好防护。整机保修两年。"},
	},
	{
		ID: 600114, Title: "叉车座椅 通用型 合力杭叉适用 带安全带", Price: "¥260", Seller: "众力叉车配件",
		Desc:    "通用型叉车座椅，带安全带和微动开关，适配多数1至3吨内燃叉车。",
		Contact: "电话：0571-5550199", Location: "浙江 杭州", Sold: 418,
		Detail: []string{"安装孔距请与卖家核对后下单。"},
	},
	{
		ID: 600115, Title: "劳保工作服 电工焊工 纯棉阻燃 春秋套装", Price: "¥69", Seller: "安护劳保用品店",
		Desc:    "纯棉面料，耐磨阻燃，上衣加裤子一套，可印单位名称。",
		Contact: "客服：在线咨询", Location: "河北 高阳", Sold: 6051,
		Detail: []string{"尺码：165至190，按身高选择。"},
	},
	// Listings that only the offer grammar and the short-text rule catch:
	// the title is the whole offer, the rest is a seller's boilerplate.
	{
		ID: 600116, Title: "低压电工证 高压电工证 代办", Price: "¥1", Seller: "顺心商务服务",
		Desc:    "诚信小店，新老顾客欢迎光临。下单前请先看店铺公告，节假日也正常发货。",
		Contact: "V：dgz_5188", Location: "广东 东莞", Sold: 12,
		Detail:   []string{"拍前请先沟通，不要直接拍。"},
		Category: CategoryCertSale,
	},
	{
		ID: 600117, Title: "二建挂靠 高价收 三年一签", Price: "¥30000", Seller: "筑诚人力资源",
		Desc:    "长期有效，人证合一优先。",
		Contact: "电话：一五八 二二六六 七七八八", Location: "四川 成都", Sold: 3,
		Detail:   []string{"拍前请先沟通。"},
		Category: CategoryCertSale,
	},
	{
		ID: 600118, Title: "2024版二级建造师考试教材 全套4本 赠历年真题", Price: "¥168", Seller: "新华书店旗舰店",
		Desc:    "全国二级建造师执业资格考试用书，建设工程施工管理、建设工程法规及相关知识、专业工程管理与实务。",
		Contact: "客服：在线咨询", Location: "北京", Sold: 4377,
		Detail: []string{"出版社：中国建筑工业出版社。正版图书，支持开具发票。",
			"考试报名请以各省人事考试网公告为准，考试合格后由人社部门颁发证书，证书可在中国人事考试网查询。"},
	},
}

func init() {
	if len(listings) != shopPageSize*shopResultPages {
		panic(fmt.Sprintf("testbed: %d listings do not fill %d result pages of %d", len(listings), shopResultPages, shopPageSize))
	}
}

func itemPath(id int) string { return fmt.Sprintf("/item/%d", id) }

// search orders the whole catalogue for q: listings sharing more character
// bigrams with q first, ties by id. Like a marketplace that pads thin
// results with recommendations, every query pages through every listing,
// so whatever terms a sweep uses it reaches every detail page.
func search(q string) []listing {
	grams := bigrams(q)
	type scored struct {
		l listing
		n int
	}
	out := make([]scored, len(listings))
	for i, l := range listings {
		text := l.Title + l.Desc
		n := 0
		for g := range grams {
			if strings.Contains(text, g) {
				n++
			}
		}
		out[i] = scored{l, n}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].n > out[j].n })
	ls := make([]listing, len(out))
	for i, s := range out {
		ls[i] = s.l
	}
	return ls
}

// bigrams of the letters and digits of q, word by word.
func bigrams(q string) map[string]bool {
	m := map[string]bool{}
	for _, word := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(word)
		for i := 0; i+1 < len(rs); i++ {
			m[string(rs[i:i+2])] = true
		}
	}
	return m
}

type searchResult struct {
	Query string    `json:"q"`
	Page  int       `json:"page"`
	Pages int       `json:"pages"`
	Total int       `json:"total"`
	Items []listing `json:"items"`
}

// shopSite is shop.example, a marketplace that builds everything with
// JavaScript: /search?q=…&page=N and /item/ID are shells whose script waits
// a moment, fetches /api/search or /api/item/ID and writes the listings
// (.item with .title .price .seller .desc .contact and a.detail), the
// pagination link a.next and the detail page's text into the DOM. A static
// fetch sees no listing at all.
func (w *Web) shopSite() (http.Handler, error) {
	s := newSite(allowAll)
	s.page("/", ctHTML, []byte(shopIndex))
	s.page("/search", ctHTML, []byte(shopSearchShell))
	s.handle("GET /item/{id}", func(rw http.ResponseWriter, r *http.Request) {
		if _, ok := listingByID(r.PathValue("id")); !ok {
			http.Error(rw, "商品不存在或已下架", http.StatusNotFound)
			return
		}
		rw.Header().Set("Content-Type", ctHTML)
		_, _ = rw.Write([]byte(shopItemShell))
	})
	s.handle("GET /api/search", func(rw http.ResponseWriter, r *http.Request) {
		q := clip(r.URL.Query().Get("q"), 100)
		page, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || page < 1 {
			page = 1
		}
		all := search(q)
		res := searchResult{Query: q, Page: page, Pages: shopResultPages, Total: len(all), Items: []listing{}}
		if lo := (page - 1) * shopPageSize; lo < len(all) {
			res.Items = all[lo:min(lo+shopPageSize, len(all))]
		}
		writeJSON(rw, http.StatusOK, res)
	})
	s.handle("GET /api/item/{id}", func(rw http.ResponseWriter, r *http.Request) {
		l, ok := listingByID(r.PathValue("id"))
		if !ok {
			writeJSON(rw, http.StatusNotFound, map[string]string{"error": "not found"})
			return
		}
		writeJSON(rw, http.StatusOK, l)
	})
	return s, nil
}

func listingByID(s string) (listing, bool) {
	id, err := strconv.Atoi(s)
	if err != nil {
		return listing{}, false
	}
	for _, l := range listings {
		if l.ID == id {
			return l, true
		}
	}
	return listing{}, false
}

func writeJSON(rw http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(rw, err.Error(), http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", ctJSON)
	rw.WriteHeader(status)
	_, _ = rw.Write(body)
}

const shopStyle = `<style>
body{font-family:"Microsoft YaHei",sans-serif;margin:0;background:#f5f5f5;color:#333}
.top{background:#ff5000;padding:12px 30px;color:#fff}
.top a{color:#fff;font-size:24px;text-decoration:none;margin-right:30px}
.top input{width:360px;height:28px}
.wrap{margin:16px 30px}
.item{background:#fff;margin:10px 0;padding:12px;border:1px solid #eee}
.item .title{margin:0 0 6px;font-size:16px}
.price{color:#ff5000;font-weight:bold;margin-right:20px}
.seller{color:#666}
.pager a,.pager span{margin-right:14px}
</style>`

const shopIndex = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>优品集市 - 放心购物上优品</title>
` + shopStyle + `
</head>
<body>
<div class="top"><a href="/">优品集市</a>
<form action="/search" method="get" style="display:inline"><input name="q" placeholder="搜索商品"><button type="submit">搜索</button></form></div>
<div class="wrap">
<h3>热门搜索</h3>
<p><a href="/search?q=%E5%8A%B3%E4%BF%9D%E7%94%A8%E5%93%81">劳保用品</a>
<a href="/search?q=%E7%94%B5%E5%B7%A5%E5%B7%A5%E5%85%B7">电工工具</a>
<a href="/search?q=%E8%AF%81%E4%BB%B6%E5%A5%97">证件套</a>
<a href="/search?q=%E7%94%B5%E7%84%8A%E6%9C%BA">电焊机</a></p>
<h3>商品分类</h3>
<p>五金工具 | 劳保用品 | 图书教材 | 办公用品 | 汽车配件</p>
<p>优品集市平台规则：禁止发布违法违规商品信息。</p>
</div>
</body>
</html>
`

// The shells below must hold no listing text: the script writes it. It
// reads its query from the address, as a single-page app would.
const shopSearchShell = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>搜索 - 优品集市</title>
` + shopStyle + `
</head>
<body>
<div class="top"><a href="/">优品集市</a>
<form action="/search" method="get" style="display:inline"><input id="q" name="q" placeholder="搜索商品"><button type="submit">搜索</button></form></div>
<div class="wrap">
<div id="status">正在加载……</div>
<div id="results"></div>
<div id="pager" class="pager"></div>
<noscript>请启用JavaScript后查看搜索结果。</noscript>
</div>
<script>
(function () {
  var params = new URLSearchParams(location.search);
  var q = params.get('q') || '';
  var page = parseInt(params.get('page') || '1', 10);
  if (!(page >= 1)) { page = 1; }
  document.getElementById('q').value = q;
  document.title = q + ' - 搜索结果 - 优品集市';
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }
  function pageLink(cls, label, n) {
    var a = el('a', cls, label);
    a.href = '/search?q=' + encodeURIComponent(q) + '&page=' + n;
    return a;
  }
  setTimeout(function () {
    fetch('/api/search?q=' + encodeURIComponent(q) + '&page=' + page)
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var box = document.getElementById('results');
        data.items.forEach(function (it) {
          var item = el('div', 'item');
          item.setAttribute('data-id', String(it.id));
          var a = el('a', 'detail');
          a.href = '/item/' + it.id;
          a.appendChild(el('h3', 'title', it.title));
          item.appendChild(a);
          item.appendChild(el('span', 'price', it.price));
          item.appendChild(el('span', 'seller', it.seller));
          item.appendChild(el('p', 'desc', it.desc));
          item.appendChild(el('p', 'contact', it.contact));
          box.appendChild(item);
        });
        var pager = document.getElementById('pager');
        if (data.page > 1) { pager.appendChild(pageLink('prev', '上一页', data.page - 1)); }
        pager.appendChild(el('span', 'pages', '第 ' + data.page + ' / ' + data.pages + ' 页'));
        if (data.page < data.pages) { pager.appendChild(pageLink('next', '下一页', data.page + 1)); }
        document.getElementById('status').textContent = '共 ' + data.total + ' 件商品';
      })
      .catch(function () { document.getElementById('status').textContent = '加载失败，请刷新重试'; });
  }, 300);
})();
</script>
</body>
</html>
`

const shopItemShell = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>商品详情 - 优品集市</title>
` + shopStyle + `
</head>
<body>
<div class="top"><a href="/">优品集市</a></div>
<div class="wrap">
<div id="status">正在加载……</div>
<div id="detail"></div>
<noscript>请启用JavaScript后查看商品详情。</noscript>
</div>
<script>
(function () {
  var id = location.pathname.split('/').pop();
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }
  setTimeout(function () {
    fetch('/api/item/' + encodeURIComponent(id))
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (it) {
        document.title = it.title + ' - 优品集市';
        var box = document.getElementById('detail');
        box.className = 'item';
        box.setAttribute('data-id', String(it.id));
        box.appendChild(el('h1', 'title', it.title));
        box.appendChild(el('span', 'price', it.price));
        box.appendChild(el('span', 'seller', '店铺：' + it.seller));
        box.appendChild(el('p', 'location', '发货地：' + it.location + '　已售 ' + it.sold + ' 件'));
        box.appendChild(el('p', 'desc', it.desc));
        box.appendChild(el('p', 'contact', it.contact));
        box.appendChild(el('h3', '', '商品详情'));
        it.detail.forEach(function (p) { box.appendChild(el('p', 'detail-text', p)); });
        document.getElementById('status').textContent = '';
      })
      .catch(function () { document.getElementById('status').textContent = '商品加载失败'; });
  }, 300);
})();
</script>
</body>
</html>
`
