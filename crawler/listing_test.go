package crawler

import (
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

func TestExtractListings(t *testing.T) {
	const doc = `<html><head><base href="/shop/"></head><body>
<ul>
 <li class="it"><h3><a href="item?id=1#top">  安全员证
   代办 </a></h3><b class="p">¥500</b><i class="s">张三</i><p class="d">全国通用，可查</p><span class="c">微信 zs001</span></li>
 <li class="it"><h3>无链接条目</h3><b class="p">面议</b></li>
 <li class="it" data-href="http://b.example/x"><h3>外站</h3></li>
 <li class="it"></li>
 <li class="it"><h3><a href="javascript:alert(1)">脚本链接</a></h3></li>
</ul>
<a class="next" href="?page=3">下一页</a></body></html>`
	sel := &ListingSelectors{Item: "li.it", Title: "h3", Price: ".p", Seller: ".s", Description: ".d", Contact: ".c", Next: "a.next"}
	got, next := extractListings([]byte(doc), "text/html; charset=utf-8", "http://a.example/search?q=x", sel)
	want := []Listing{
		{Title: "安全员证 代办", Price: "¥500", Seller: "张三", Description: "全国通用，可查", Contact: "微信 zs001", URL: "http://a.example/shop/item?id=1"},
		{Title: "无链接条目", Price: "面议"},
		{Title: "外站", URL: "http://b.example/x"},
		{Title: "脚本链接"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("listings:\n got %+v\nwant %+v", got, want)
	}
	if next != "http://a.example/shop/?page=3" {
		t.Errorf("next = %q", next)
	}
}

func TestListingSelectorsValidate(t *testing.T) {
	for _, tc := range []struct {
		sel  ListingSelectors
		want string
	}{
		{ListingSelectors{Item: "div.item", Title: "a"}, ""},
		{ListingSelectors{Title: "a"}, "item selector is empty"},
		{ListingSelectors{Item: "div", Price: "span[", Next: "a"}, "price"},
	} {
		err := tc.sel.Validate()
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: Validate = %v, want %q", tc.sel, err, tc.want)
		}
	}
}

func TestListingFields(t *testing.T) {
	l := Listing{Title: "电工证 包过", Price: "¥300", Contact: "微信 abc", URL: "http://m.example/g/1"}
	got := l.Fields()
	if len(got) != 3 || got[0] != (page.ListingField{Name: "title", Value: "电工证 包过"}) ||
		got[1] != (page.ListingField{Name: "price", Value: "¥300"}) || got[2] != (page.ListingField{Name: "contact", Value: "微信 abc"}) {
		t.Errorf("Fields = %+v", got)
	}
}
