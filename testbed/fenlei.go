package testbed

import (
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// ctHTMLNoCharset is what fenlei.example sends: HTML, charset unsaid.
const ctHTMLNoCharset = "text/html"

// fenleiSite is fenlei.example, a classifieds site in GBK that declares its
// charset nowhere: not in Content-Type, not in a meta tag. A crawler that
// trusts the usual detection reads it as windows-1252 and misses the
// certificate offer on /post/88001.html. The pages are written in UTF-8
// under sites/ and encoded here.
func (w *Web) fenleiSite() (http.Handler, error) {
	s := newSite(allowAll)
	pages, err := staticPages(HostFenlei)
	if err != nil {
		return nil, err
	}
	enc := simplifiedchinese.GBK.NewEncoder()
	for _, p := range pages {
		if strings.Contains(strings.ToLower(string(p.body)), "charset") {
			return nil, fmt.Errorf("%s%s declares a charset; the site must not", HostFenlei, p.path)
		}
		gbk, err := enc.Bytes(p.body)
		if err != nil {
			return nil, fmt.Errorf("%s%s: encode as GBK: %w", HostFenlei, p.path, err)
		}
		s.page(p.path, ctHTMLNoCharset, gbk)
	}
	return s, nil
}
