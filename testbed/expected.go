package testbed

import "sort"

// Categories a sweep assigns, as the rule packs name them.
const (
	CategoryCertSale      = "cert_sale"
	CategoryExamFraud     = "exam_fraud"
	CategoryTrainingFraud = "training_fraud"
	CategoryImitationSite = "imitation_site"
)

// Expected is what a sweep over the sample web, with the config Config
// writes, must find. URLs are as the crawler requests them
// ("http://HOST/PATH", resolved through the overrides).
type Expected struct {
	// Flagged maps every page a sweep must flag to its category.
	Flagged map[string]string
	// NotFlagged are pages a sweep must fetch and must not flag:
	// government warnings and schedules, the training school, ordinary
	// forum threads, ordinary listings, classifieds and indexes, news and
	// police reports, a job ad and a denying Q&A (issue 11's hard
	// negatives).
	NotFlagged []string
	// RobotsDenied are pages linked from fetched pages that robots.txt
	// forbids: a polite crawler never requests them (see Hits).
	RobotsDenied []string
	// Hostile are the pages written to break a crawler: each must be
	// bounded and recorded, and the sweep must go on. /script-title and
	// /malformed are offers and are also in Flagged.
	Hostile []string
}

// Expected says what a sweep must find. big.example is not in it: its pages
// are ordinary and only there to be counted.
func (w *Web) Expected() Expected {
	e := Expected{Flagged: map[string]string{}}
	for _, l := range listings {
		u := urlOf(HostShop, itemPath(l.ID))
		if l.Category != "" {
			e.Flagged[u] = l.Category
		} else {
			e.NotFlagged = append(e.NotFlagged, u)
		}
	}
	e.NotFlagged = append(e.NotFlagged, urlOf(HostBBS, "/"), urlOf(HostBBS, "/rules.html"))
	for _, t := range threads {
		u := urlOf(HostBBS, threadPath(t.ID))
		if t.Category != "" {
			e.Flagged[u] = t.Category
		} else {
			e.NotFlagged = append(e.NotFlagged, u)
		}
	}
	e.RobotsDenied = []string{urlOf(HostBBS, "/private/secret.html"), urlOf(HostBBS, "/admin/")}

	// The classifieds index is in neither list: it shows the offer's
	// headline among the others, and flagging it is fair.
	e.Flagged[urlOf(HostFenlei, "/post/88001.html")] = CategoryCertSale
	e.NotFlagged = append(e.NotFlagged,
		urlOf(HostFenlei, "/post/88002.html"),
		urlOf(HostFenlei, "/post/88003.html"),
		urlOf(HostFenlei, "/post/88004.html"),
	)
	// Issue 11's classifieds: offers with disguised contacts, a fake title
	// certificate, a renting offer, and a job ad (see showcase).
	for _, p := range []string{"/post/88005.html", "/post/88006.html", "/post/88007.html", "/post/88008.html",
		"/post/88009.html", "/post/88010.html", "/post/88011.html", "/post/88012.html"} {
		e.Flagged[urlOf(HostFenlei, p)] = CategoryCertSale
	}
	e.NotFlagged = append(e.NotFlagged, urlOf(HostFenlei, "/post/88013.html"))

	e.Flagged[urlOf(HostImitation, "/")] = CategoryImitationSite
	// Issue 14: an offer with a QR code, and the imitation site only the
	// code leads to (discover.qr).
	e.Flagged[QROfferURL()] = CategoryCertSale
	e.Flagged[QRImitationURL()] = CategoryImitationSite
	// and the imitation site only the lookalike step finds.
	e.Flagged[LookalikeURL()] = CategoryImitationSite
	// and the imitation site only the CT log names (discover.ct).
	e.Flagged[CTImitationURL()] = CategoryImitationSite
	e.NotFlagged = append(e.NotFlagged, urlOf(HostErshou, "/item/500.html"))
	// and the imitation site only a search engine's results lead to, with
	// the explainer page the results also list.
	e.Flagged[SearchImitationURL()] = CategoryImitationSite
	e.NotFlagged = append(e.NotFlagged, SearchExplainerURL())
	// The official query platform: kept as the imitation verdict's
	// reference, never flagged.
	e.NotFlagged = append(e.NotFlagged, urlOf(HostOfficial, "/"))

	e.NotFlagged = append(e.NotFlagged,
		urlOf(HostGov, "/"),
		urlOf(HostGov, "/tzgg/20240812-zxzl.html"),
		urlOf(HostGov, "/ksap/2024-q4.html"),
		urlOf(HostGov, "/bsfw/zscx.html"),
		urlOf(HostGov, "/bsfw/fsbszn.html"),
	)

	e.NotFlagged = append(e.NotFlagged,
		urlOf(HostSchool, "/"),
		urlOf(HostSchool, "/courses.html"),
		urlOf(HostSchool, "/exams.html"),
		urlOf(HostSchool, "/about.html"),
		urlOf(HostSchool, "/contact.html"),
		urlOf(HostSchool, "/jineng.html"),
	)
	e.Flagged[urlOf(HostSchool, "/brand/kuaizhengtong.html")] = CategoryTrainingFraud

	e.NotFlagged = append(e.NotFlagged,
		urlOf(HostNews, "/"),
		urlOf(HostNews, "/2024/10/15-banzheng-diaocha.html"),
		urlOf(HostNews, "/2024/10/18-jingfang-tixing.html"),
	)

	e.NotFlagged = append(e.NotFlagged, urlOf(HostHostile, "/"))
	for _, p := range []string{"/slow", "/huge", "/loop", "/bomb", "/script-title", "/malformed"} {
		e.Hostile = append(e.Hostile, urlOf(HostHostile, p))
	}
	e.Flagged[urlOf(HostHostile, "/script-title")] = CategoryCertSale
	e.Flagged[urlOf(HostHostile, "/malformed")] = CategoryCertSale

	sort.Strings(e.NotFlagged)
	return e
}
