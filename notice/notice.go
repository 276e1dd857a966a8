package notice

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Shanghai on machines without a zoneinfo database

	"github.com/certwatch/certwatch/casework"
)

// A notice's kind is the route of the cases it lists
// (casework.Route): a takedown request through 网信办 to a website or
// platform, one through 市场监管 to an online marketplace, or a referral
// to the police as a case lead (案件线索移送函).

// DefaultTitle is the title a document of kind k gets when it has none.
func DefaultTitle(k casework.Route) string { return kindText[k].title }

// DefaultAction is the requested action a document of kind k gets when it
// has none.
func DefaultAction(k casework.Route) string { return kindText[k].action }

// kindWording is the fixed wording of one kind.
type kindWording struct {
	title string
	// action completes "现要求你单位于…前" (takedowns) or "请"
	// (referrals); the request for feedback follows in the template.
	action string
	// found opens the body: what was found where.
	found string
	// annex is the title of the attached list.
	annex string
}

var kindText = map[casework.Route]kindWording{
	casework.RouteTakedownCAC: {
		title:  "关于删除违法违规信息的通知",
		action: "删除上述信息，对相关账号依法依规采取处置措施，保存相关记录",
		found:  "经监测发现，贵平台（网站）存在以下涉嫌制售假冒安全生产类证书的信息",
		annex:  "涉嫌违法违规信息清单",
	},
	casework.RouteTakedownSAMR: {
		title:  "关于督促下架违法商品信息的通知",
		action: "下架上述商品信息，对相关经营者依法依规采取必要处置措施，保存相关记录",
		found:  "经监测发现，贵平台存在以下涉嫌销售假冒安全生产类证书的商品信息",
		annex:  "涉嫌违法商品信息清单",
	},
	casework.RoutePoliceReferral: {
		title:  "涉嫌伪造、买卖国家机关证件案件线索移送函",
		action: "依法调查处理",
		found:  "我单位在网络监测中发现以下涉嫌制售假冒安全生产类证书的网络信息",
		annex:  "案件线索清单",
	},
}

// Document is one notice, filled by the caller. Titles and URLs of the
// listings are crawled and treated as hostile; the other fields come from
// staff and rule packs but are escaped all the same.
type Document struct {
	Kind   casework.Route // the route of the listed cases
	Number string         // 文号, e.g. "X网信函〔2026〕12号"; optional while a draft
	Title  string         // optional; DefaultTitle when empty
	// Addressee is the 主送 line: the platform or the office written to.
	Addressee string
	// Issuer is the issuing office (发文机关), shown as the red header and
	// in the signature block.
	Issuer   string
	IssuedAt time.Time // 成文日期, shown in Beijing time
	Deadline time.Time // date by which the action or feedback is due
	// Reasons say why, one paragraph each (the rules' descriptions).
	Reasons []string
	// LegalBasis cites the provisions, one line each (the rules'
	// legal_basis).
	LegalBasis []string
	// Action is what the addressee is asked to do; DefaultAction when
	// empty. It completes "现要求你单位于（期限）前" in takedown notices and
	// "现将有关线索移送你局，请" in referrals; the request to report back
	// follows.
	Action   string
	Listings []Listing // the pages concerned: the attached list
	Contact  string    // 联系人及电话 of the issuing office; optional
	// Status, when set, marks the document prominently on every page,
	// e.g. "草稿" for a draft not yet approved.
	Status string
	// HostFacts, in a referral, are what was collected about the hosts
	// of the listed sites: a second annex (hostfacts.go). Other kinds
	// ignore them.
	HostFacts []HostFacts
}

// Listing is one page or listing concerned by a notice, with the evidence
// kept of it.
type Listing struct {
	CaseID         uint64
	URL            string // as crawled: shown as text, never as a link
	Title          string // as crawled
	Platform       string
	CapturedAt     time.Time // when the evidence was captured
	EvidenceSHA256 string    // hex SHA-256 of the evidence as fetched
	SnapshotID     uint64
	// Category is the category's display name (rules.CategoryName), never
	// its identifier: the document goes to people outside.
	Category string
}

// ErrInvalid is wrapped by the error of Validate (and so of RenderHTML and
// PDF) for an incomplete or inconsistent document.
var ErrInvalid = errors.New("invalid notice")

var sha256Hex = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// Validate reports every problem of d that would make the notice wrong or
// unsendable, in one error wrapping ErrInvalid.
func (d *Document) Validate() error {
	if d == nil {
		return fmt.Errorf("notice: %w: no document", ErrInvalid)
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if !d.Kind.Known() {
		bad("unknown kind %q (one of %s)", d.Kind, casework.Join(casework.Routes))
	}
	if strings.TrimSpace(d.Addressee) == "" {
		bad("addressee is empty")
	}
	if strings.TrimSpace(d.Issuer) == "" {
		bad("issuer is empty")
	}
	switch {
	case d.IssuedAt.IsZero():
		bad("issue date is not set")
	case d.Deadline.IsZero():
		bad("deadline is not set")
	case !dayOf(d.Deadline).After(dayOf(d.IssuedAt)):
		bad("deadline %s is not after the issue date %s (Beijing time)",
			d.Deadline.In(beijing).Format(time.DateOnly), d.IssuedAt.In(beijing).Format(time.DateOnly))
	}
	if len(d.Listings) == 0 {
		bad("no listings")
	}
	for i, l := range d.Listings {
		if strings.TrimSpace(l.URL) == "" {
			bad("listing %d: URL is empty", i+1)
		}
		if l.EvidenceSHA256 != "" && !sha256Hex.MatchString(l.EvidenceSHA256) {
			bad("listing %d: evidence hash %q is not a hex SHA-256", i+1, plainText(l.EvidenceSHA256, 80))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("notice: %w: %s", ErrInvalid, strings.Join(problems, "; "))
	}
	return nil
}

// beijing is the time zone of the dates of a notice.
var beijing = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*60*60) // never: tzdata is embedded
}()

// dayOf is the calendar day of t in Beijing.
func dayOf(t time.Time) time.Time {
	y, m, d := t.In(beijing).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
