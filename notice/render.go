package notice

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/bidi"
)

// Limits on crawled text shown in a notice: an adversary's 1 MB title must
// not become a 300-page letter.
const (
	maxTitleRunes = 300
	maxURLRunes   = 2048
	maxFieldRunes = 200 // platform, category
)

//go:embed templates/notice.html.tmpl
var templateFS embed.FS

// page is the parsed template, checked when the package loads.
var page = template.Must(template.ParseFS(templateFS, "templates/notice.html.tmpl"))

// Printer prints a self-contained HTML document as PDF;
// *crawler.Crawler is one.
type Printer interface {
	PrintPDF(ctx context.Context, html []byte) ([]byte, error)
}

// view is what the template sees: every value final and display-ready.
type view struct {
	Kind        casework.Route
	Referral    bool
	Number      string
	Title       string
	Addressee   string
	Issuer      string
	IssuerSize  string // class of the red header, by the issuer's length
	Issued      string
	Deadline    string
	Found       string
	Reasons     []reason
	LegalBasis  []string
	Action      string
	AnnexTitle  string
	Rows        []row
	Contact     string
	Status      string
	CountListed int
	// Facts is the referral's second annex (hostfacts.go).
	Facts []factsView
}

// reason is one numbered paragraph of the reasons: （一）…
type reason struct{ Ord, Text string }

type row struct {
	N          int
	Title      string
	URL        string
	Captured   string
	Time       string
	Hash       []string // the hex hash in four lines of 16
	Platform   string
	Category   string
	CaseID     uint64
	SnapshotID uint64
}

// RenderHTML writes d as a self-contained HTML document (A4, inline
// styles, no script, no external resource). It validates d first and
// writes nothing when d is invalid.
func RenderHTML(w io.Writer, d *Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, newView(d)); err != nil {
		return fmt.Errorf("notice: render: %w", err)
	}
	// Any bidirectional control left (a recipient named after a crawled
	// domain, say) is shown as a marker, as in plainText.
	if _, err := w.Write(bidi.NeutralizeBytes(buf.Bytes())); err != nil {
		return fmt.Errorf("notice: write: %w", err)
	}
	return nil
}

// PDF renders d and prints it with p as an A4 PDF.
func PDF(ctx context.Context, p Printer, d *Document) ([]byte, error) {
	if p == nil {
		return nil, errors.New("notice: PDF: no printer")
	}
	var buf bytes.Buffer
	if err := RenderHTML(&buf, d); err != nil {
		return nil, err
	}
	pdf, err := p.PrintPDF(ctx, buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("notice: print %s: %w", d.Kind, err)
	}
	return pdf, nil
}

func newView(d *Document) view {
	w := kindText[d.Kind]
	v := view{
		Kind:        d.Kind,
		Referral:    d.Kind == casework.RoutePoliceReferral,
		Number:      strings.TrimSpace(d.Number),
		Title:       orDefault(d.Title, w.title),
		Addressee:   strings.TrimSpace(d.Addressee),
		Issuer:      strings.TrimSpace(d.Issuer),
		Issued:      chineseDate(d.IssuedAt),
		Deadline:    chineseDate(d.Deadline),
		Found:       w.found,
		Action:      strings.TrimRight(orDefault(d.Action, w.action), "，。；,.; "),
		AnnexTitle:  w.annex,
		Contact:     strings.TrimSpace(d.Contact),
		Status:      strings.TrimSpace(d.Status),
		CountListed: len(d.Listings),
	}
	v.IssuerSize = issuerSize(v.Issuer)
	if v.Referral {
		v.Facts = newFactsViews(d.HostFacts)
	}
	for i, r := range nonEmpty(d.Reasons) {
		v.Reasons = append(v.Reasons, reason{Ord: cnOrdinal(i + 1), Text: r})
	}
	v.LegalBasis = nonEmpty(d.LegalBasis)
	for i, l := range d.Listings {
		r := row{
			N:          i + 1,
			Title:      plainText(l.Title, maxTitleRunes),
			URL:        displayURL(l.URL),
			Hash:       hashLines(strings.ToLower(l.EvidenceSHA256)),
			Platform:   plainText(l.Platform, maxFieldRunes),
			Category:   plainText(l.Category, maxFieldRunes),
			CaseID:     l.CaseID,
			SnapshotID: l.SnapshotID,
		}
		if !l.CapturedAt.IsZero() {
			r.Captured = chineseDate(l.CapturedAt)
			r.Time = l.CapturedAt.In(beijing).Format(time.TimeOnly)
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

func nonEmpty(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// chineseDate writes a date as official documents do: 2026年11月5日, in
// Beijing time.
func chineseDate(t time.Time) string {
	y, m, d := t.In(beijing).Date()
	return fmt.Sprintf("%d年%d月%d日", y, int(m), d)
}

// issuerSize picks the size of the red issuer header so that the name
// fits on one or two lines.
func issuerSize(issuer string) string {
	switch n := utf8.RuneCountInString(issuer); {
	case n <= 10:
		return "mark-l"
	case n <= 14:
		return "mark-m"
	case n <= 20:
		return "mark-s"
	}
	return "mark-xs"
}

// hidden reports runes that must not reach a notice as they are: control
// characters and invisible formatting (bidirectional overrides, zero-width
// characters), with which a crawled title or URL could display as
// something it is not.
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError
}

// plainText makes crawled text displayable: valid UTF-8, no hidden
// runes (bidirectional controls become a visible marker, see package
// bidi), white space collapsed, at most max runes.
func plainText(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		var shown string // what r becomes; "" for r itself
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case bidi.IsControl(r):
			// Visible, so that a reversed title is seen for what it is.
			shown = bidi.Marker(r)
		case hidden(r) && r != utf8.RuneError:
			continue
		}
		if space {
			n++
		}
		if n >= max {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if shown != "" {
			b.WriteString(shown)
		} else {
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

// displayURL shows a crawled URL as text: hidden runes and white space
// percent-encoded (so nothing is hidden and the text still names the same
// URL), cut at maxURLRunes.
func displayURL(raw string) string {
	raw = strings.ToValidUTF8(strings.TrimSpace(raw), "\uFFFD")
	var b strings.Builder
	n := 0
	for _, r := range raw {
		if n >= maxURLRunes {
			b.WriteString("…（已截断）")
			break
		}
		if hidden(r) || unicode.IsSpace(r) {
			var enc [utf8.UTFMax]byte
			for _, c := range enc[:utf8.EncodeRune(enc[:], r)] {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

// hashLines cuts a hex SHA-256 into four lines of 16 digits, so that it
// reads (and compares) in a narrow column.
func hashLines(h string) []string {
	var out []string
	for len(h) > 16 {
		out = append(out, h[:16])
		h = h[16:]
	}
	if h != "" {
		out = append(out, h)
	}
	return out
}

// cnOrdinal numbers paragraphs as official documents do: 一, 二, … 九十九.
func cnOrdinal(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}
