package testbed

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/certwatch/certwatch/casework"
)

// shopSearchTerms are the terms the config's marketplace source searches
// for (a sweep without them would use the rule packs' search terms).
var shopSearchTerms = []string{"电工证", "焊工证"}

// Config returns a sweep config (YAML) covering every site, with resolve
// overrides to Addr() and resolve_only set so that nothing else is ever
// resolved: a site source per host (depth 2), the marketplace as a search
// source with its listing selectors that renders when needed (render:
// auto: its result and item pages are script shells), and the imitation
// site and /slow as reported URLs (render: auto too: reported pages may be
// anything). database is the bbolt file the sweep writes.
func (w *Web) Config(database string) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# certwatch sweep config for the sample web (package testbed), served on %s.\n", w.addr)
	p("database: %s\n", yamlString(database))
	p("user_agent: %s\n", yamlString("certwatch-test/1.0 (+testbed)"))
	p("resolve_only: true\n")
	p("resolve:\n")
	for _, h := range w.hostList {
		p("  %s: %s\n", h, w.addr)
	}
	// The sample web runs on loopback: its host names (not the loopback
	// network, so hostile pages still cannot reach other local services)
	// may connect there.
	p("allow_internal: %s\n", yamlList(w.hostList))
	p(`limits:
  per_host_delay: 50ms
  per_host_parallel: 2
  parallel: 16
  timeout: 5s
  max_body: 2MiB
  max_decompressed: 8MiB
  max_redirects: 5
  retries: 1
render:
  tabs: 2
  page_timeout: 15s
# Issue 14: QR codes in offer and listing images lead to imitation sites
# (ershou.example's offer → dwz.example → zscx-mem.example).
# Lookalike names of the official query hosts, resolved through the
# resolve overrides above (no DNS server here): cx-mem-gov.cn is one.
discover:
  qr: true
  lookalike:
    resolver: resolve
    max_names: 10000
  # The imitation verdict's references: the official page the sweep
  # fetches (cx.mem.gov.cn) is kept here, beside the config.
  imitation: {state: imitation-references.json}
  # The sample Certificate Transparency log (ct-log.example, resolved
  # through the overrides above): its third entry is a precertificate
  # for yingji-zscx.top, an imitation site nothing else leads to.
  ct:
    logs:
`)
	p("      - url: %s\n", yamlString(CTLogURL()))
	// Known imitation sites are re-checked in every sweep, and a new one
	// with the same page as a known one elsewhere is linked to it: run
	// the demo again to see the re-checks on the imitation cases' pages.
	p("  watch: {max_hosts: 50}\n")
	b.WriteString(w.referralConfig())
	p("sources:\n")
	site := func(id, host string, depth, maxPages int) {
		p("  - id: %s\n", id)
		p("    type: site\n")
		p("    start: [%s]\n", yamlString(urlOf(host, "/")))
		p("    allowed_hosts: [%s]\n", host)
		p("    depth: %d\n", depth)
		p("    max_pages: %d\n", maxPages)
	}
	site("bbs", HostBBS, 2, 100)
	p("  - id: shop\n")
	p("    type: search\n")
	p("    url: %s\n", yamlString(urlOf(HostShop, "/search?q={q}")))
	p("    terms: %s\n", yamlList(shopSearchTerms))
	p("    result_pages: %d\n", shopResultPages)
	p("    render: auto\n")
	p("    route: %s\n", casework.RouteTakedownSAMR) // a marketplace: 市场监管 asks the platform
	p(`    listing: {item: ".item", title: ".title", price: ".price", seller: ".seller", description: ".desc", contact: ".contact", link: "a.detail", next: "a.next"}` + "\n")
	p("  - id: reported\n")
	p("    type: urls\n")
	p("    urls: %s\n", yamlList([]string{urlOf(HostImitation, "/"), urlOf(HostHostile, "/slow")}))
	p("    render: auto\n")
	site("fenlei", HostFenlei, 2, 100)
	site("imitation", HostImitation, 2, 100)
	site("gov", HostGov, 2, 100)
	site("official", HostOfficial, 2, 5)
	site("school", HostSchool, 2, 100)
	site("news", HostNews, 2, 100)
	site("hostile", HostHostile, 2, 100)
	site("ershou", HostErshou, 2, 100)
	// Issue 14: a search engine searched for the official platforms'
	// names; its results lead to mem-zscx.example, which nothing links to.
	p("  - id: sousuo\n")
	p("    type: search\n")
	p("    url: %s\n", yamlString(urlOf(HostSearch, "/s?wd={q}")))
	p("    terms: %s\n", yamlList(searchEngineTerms))
	p("    result_pages: 1\n")
	p(`    listing: {item: ".result", title: "h3", description: ".abstract", link: "h3 a", next: "a.next"}` + "\n")
	if n := w.opts.BigSitePages; n > 0 {
		site("big", HostBig, bigDepth(n), n+1)
	}
	return b.Bytes()
}

// yamlString quotes s as a YAML double-quoted scalar: a JSON string is one.
func yamlString(s string) string {
	q, _ := json.Marshal(s) // a string always marshals
	return string(q)
}

func yamlList(ss []string) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(yamlString(s))
	}
	b.WriteByte(']')
	return b.String()
}
