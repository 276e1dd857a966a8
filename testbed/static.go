package testbed

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// sitesFS holds the hand-written pages, one directory per host:
// sites/HOST/index.html is served at "/", sites/HOST/a/b.html at "/a/b.html".
//
//go:embed sites
var sitesFS embed.FS

// staticPage is one embedded file and the path it is served at.
type staticPage struct {
	path string
	body []byte
}

// staticPages reads the embedded pages of host, in path order.
func staticPages(host string) ([]staticPage, error) {
	root := "sites/" + host
	var pages []staticPage
	err := fs.WalkDir(sitesFS, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := sitesFS.ReadFile(name)
		if err != nil {
			return err
		}
		p := strings.TrimPrefix(name, root)
		if path.Base(p) == "index.html" {
			p = strings.TrimSuffix(p, "index.html")
		}
		pages = append(pages, staticPage{path: p, body: body})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read embedded pages: %w", err)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no embedded pages under %s", root)
	}
	return pages, nil
}

// contentTypeOf is the Content-Type of an embedded file, by extension.
func contentTypeOf(p string) string {
	switch path.Ext(p) {
	case ".txt":
		return ctText
	case ".png":
		return ctPNG
	case ".json":
		return ctJSON
	default: // "/" and .html
		return ctHTML
	}
}

// addStatic serves host's embedded pages with their usual Content-Type.
func (s *siteMux) addStatic(host string) ([]staticPage, error) {
	pages, err := staticPages(host)
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		s.page(p.path, contentTypeOf(p.path), p.body)
	}
	return pages, nil
}
