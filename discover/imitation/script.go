package imitation

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds of the script reading.
const (
	maxScript    = 64 << 10 // bytes of inline script read from one page
	maxLiterals  = 2000     // string literals kept from one page
	shellText    = 200      // a page with less visible text than this (runes) is a script shell
	maxLabelRune = 12       // a literal this short may be a field's label
)

// literal is a string literal of an inline script, with the words just
// before it (an assignment's target: "t =", "title:").
type literal struct {
	text   string
	before string
}

// scriptLiterals reads the string literals ('…', "…", `…`) of a script,
// skipping comments. Regular-expression literals are not told apart
// (a quote inside one may pair wrongly; the bounds still hold).
func scriptLiterals(src string, out []literal) []literal {
	last := 0 // end of the previous literal or comment
	for i := 0; i < len(src) && len(out) < maxLiterals; {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				return out
			}
			i += j
			last = i
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				return out
			}
			i += j + 4
			last = i
		case c == '\'' || c == '"' || c == '`':
			var b strings.Builder
			j := i + 1
			for j < len(src) && src[j] != c {
				if c != '`' && src[j] == '\n' {
					break // an unterminated literal ends at the line
				}
				if c == '`' && src[j] == '$' && j+1 < len(src) && src[j+1] == '{' {
					k := strings.IndexByte(src[j:], '}')
					if k < 0 {
						j = len(src)
						break
					}
					j += k + 1
					continue
				}
				if src[j] == '\\' && j+1 < len(src) {
					j = unescape(src, j, &b)
					continue
				}
				b.WriteByte(src[j])
				j++
			}
			before := strings.TrimSpace(src[last:i])
			if n := len(before); n > 40 {
				before = before[n-40:]
			}
			out = append(out, literal{text: b.String(), before: before})
			i = j + 1
			last = i
		default:
			i++
		}
	}
	return out
}

// unescape writes the escape at src[j] (a backslash) to b and returns the
// index after it.
func unescape(src string, j int, b *strings.Builder) int {
	e := src[j+1]
	switch e {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
	case 'u', 'x':
		n := 4
		if e == 'x' {
			n = 2
		}
		if j+2+n <= len(src) {
			if v, err := strconv.ParseUint(src[j+2:j+2+n], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
				return j + 2 + n
			}
		}
		b.WriteByte(e)
	default:
		b.WriteByte(e)
	}
	return j + 2
}

// writesMarkup reports whether a script builds the page's markup: one of
// its literals holds a tag.
func writesMarkup(lits []literal) bool {
	for _, l := range lits {
		if i := strings.IndexByte(l.text, '<'); i >= 0 && i+1 < len(l.text) {
			if c := l.text[i+1]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' {
				return true
			}
		}
	}
	return false
}

// scriptTitle is the literal a script sets document.title to: directly
// (document.title = "…"), or through a variable or property assigned a
// literal (var t = "…"; document.title = t / cfg.title); "" when none.
func scriptTitle(src string, lits []literal) string {
	i := strings.Index(src, "document.title")
	if i < 0 {
		return ""
	}
	rest := strings.TrimSpace(src[i+len("document.title"):])
	if !strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "==") {
		return ""
	}
	rest = strings.TrimSpace(rest[1:])
	if rest == "" {
		return ""
	}
	if rest[0] == '"' || rest[0] == '\'' || rest[0] == '`' {
		for _, l := range lits {
			if strings.HasSuffix(l.before, "document.title =") || strings.HasSuffix(l.before, "document.title=") {
				return l.text
			}
		}
		return ""
	}
	end := strings.IndexAny(rest, ";\n),+")
	if end < 0 {
		end = len(rest)
	}
	ident := strings.TrimSpace(rest[:end])
	if k := strings.LastIndexByte(ident, '.'); k >= 0 {
		ident = ident[k+1:]
	}
	if ident == "" {
		return ""
	}
	for _, l := range lits {
		b := strings.TrimSpace(strings.TrimRight(l.before, "=: \t"))
		if strings.HasSuffix(b, ident) && (len(b) == len(ident) || !isIdentByte(b[len(b)-len(ident)-1])) &&
			(strings.HasSuffix(l.before, "=") || strings.HasSuffix(l.before, ":")) {
			return l.text
		}
	}
	return ""
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// addScript reads what a script shell (a page with little visible text
// whose inline scripts build the markup) would show: its literals, joined
// in order, are read as a page of their own and added to s. A script that
// builds input fields from a list of labels gives those labels' kinds to
// the form it builds.
func addScript(s *Snapshot, pageURL, src string, visible int) {
	if src == "" || visible >= shellText {
		return
	}
	lits := scriptLiterals(src, nil)
	if !writesMarkup(lits) {
		return
	}
	parts := make([]string, len(lits))
	for i, l := range lits {
		parts[i] = l.text
	}
	body := strings.Join(parts, "\n")
	if len(body) > maxScript {
		body = body[:maxScript]
	}
	inner := extract(pageURL, []byte(body), false)
	if s.Title == "" || isLoading(s.Title) {
		if t := scriptTitle(src, lits); t != "" {
			s.Title = normTitle(t)
		}
	}
	if inner.Sent != "" && len(s.Sent) < MaxText {
		s.Sent += inner.Sent
	}
	if inner.Text != "" && len(s.Text) < MaxText {
		s.Text = strings.TrimSpace(s.Text + "\n" + inner.Text)
		if len(s.Text) > MaxText {
			cut := MaxText
			for cut > 0 && !utf8.RuneStart(s.Text[cut]) {
				cut--
			}
			s.Text = s.Text[:cut]
		}
	}
	// Labels kept in a list and put before the inputs in a loop.
	if strings.Contains(body, "<input") {
		f := Form{Action: resolveSelf(pageURL)}
		if len(inner.Forms) > 0 {
			f = inner.Forms[0]
		}
		n := len(f.Kinds)
		for _, l := range lits {
			if utf8.RuneCountInString(l.text) <= maxLabelRune && !strings.ContainsAny(l.text, "<>") {
				var one Form
				addField(&one, l.text, pendingField{})
				for _, k := range one.Kinds {
					addKind(&f, k)
				}
			}
		}
		if len(f.Kinds) > n {
			f.Kinds = sortKinds(f.Kinds)
			if len(inner.Forms) > 0 {
				inner.Forms[0] = f
			} else {
				inner.Forms = append(inner.Forms, f)
			}
		}
	}
	for _, f := range inner.Forms {
		if len(s.Forms) < MaxForms {
			s.Forms = append(s.Forms, f)
		}
	}
	s.Logos = mergeSet(s.Logos, inner.Logos, MaxLogos)
	s.LinkHosts = mergeSet(s.LinkHosts, inner.LinkHosts, MaxLinks)
	s.FrameHosts = mergeSet(s.FrameHosts, inner.FrameHosts, MaxLinks)
	s.ICP = mergeSet(s.ICP, inner.ICP, 8)
}

// isLoading: a title a script shell shows until its script runs.
func isLoading(t string) bool {
	for _, w := range []string{"加载中", "正在加载", "loading", "请稍候"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

func mergeSet(a, b []string, max int) []string {
	m := map[string]bool{}
	for _, x := range a {
		m[x] = true
	}
	for _, x := range b {
		if len(m) >= max {
			break
		}
		m[x] = true
	}
	return sortedSet(m)
}
