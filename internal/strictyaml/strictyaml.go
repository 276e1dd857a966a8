// Package strictyaml decodes YAML documents strictly and reports every
// problem with file, line and key path, so that people editing rule packs
// and configuration files see exactly what is wrong and where. Callers walk
// the node tree with a Decoder: unknown keys, keys given twice, missing
// required keys, wrong types and out-of-range values become Errors; nothing
// is silently ignored or defaulted.
package strictyaml

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a file, located by line and key path.
type Error struct {
	File string
	Line int
	Key  string // key path such as rules[2].terms[0].weight; empty for syntax errors
	Msg  string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Key, e.Msg)
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse reads one YAML document. what names the kind of document in the
// message for an empty one ("rule pack", "configuration").
func Parse(file, what string, data []byte) (*yaml.Node, error) {
	if !utf8.Valid(data) {
		return nil, Errors{{File: file, Line: firstInvalidLine(data), Msg: "file is not valid UTF-8"}}
	}
	if line, col, r, ok := firstControl(data); ok {
		// The YAML reader refuses these too, but without saying where.
		return nil, Errors{{File: file, Line: line, Msg: fmt.Sprintf("column %d: control character %U is not allowed in YAML", col, r)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 0, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		return nil, Errors{{File: file, Line: line, Msg: "YAML syntax: " + msg}}
	}
	if len(doc.Content) == 0 {
		return nil, Errors{{File: file, Line: 1, Msg: "empty " + what}}
	}
	return doc.Content[0], nil
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return line
}

// firstControl finds the first character YAML does not allow in a stream
// (YAML 1.2 §5.1: tab, line feed, carriage return, NEL and the printable
// characters are allowed) and returns its line and column, both from 1,
// the column counted in characters. data is valid UTF-8.
func firstControl(data []byte) (line, col int, r rune, found bool) {
	line, col = 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if !yamlPrintable(r) {
			return line, col, r, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[n:]
	}
	return 0, 0, 0, false
}

func yamlPrintable(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0x7E) || r == 0x85 ||
		(r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// Decoder walks a YAML node tree, collecting every error with its line.
type Decoder struct {
	File string
	Errs Errors
}

// Err returns the collected errors in line order, or nil.
func (d *Decoder) Err() error {
	if len(d.Errs) == 0 {
		return nil
	}
	sort.SliceStable(d.Errs, func(i, j int) bool { return d.Errs[i].Line < d.Errs[j].Line })
	return d.Errs
}

func (d *Decoder) Fail(n *yaml.Node, key, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.Errs = append(d.Errs, &Error{File: d.File, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// fields walks a mapping, calling set for each known key and reporting
// unknown, duplicate and missing required keys.
func (d *Decoder) Fields(n *yaml.Node, path string, set map[string]func(v *yaml.Node, key string), required ...string) bool {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		d.Fail(n, path, "must be a mapping, got %s", KindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := Join(path, k.Value)
		fn, ok := set[k.Value]
		if !ok {
			d.Fail(k, key, "unknown key %q (known: %s)", k.Value, knownKeys(set))
			continue
		}
		if seen[k.Value] {
			d.Fail(k, key, "key given twice")
			continue
		}
		seen[k.Value] = true
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		fn(v, key)
	}
	for _, r := range required {
		if !seen[r] {
			d.Fail(n, Join(path, r), "required key is missing")
		}
	}
	return true
}

// Join appends key to a key path.
func Join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func knownKeys(set map[string]func(*yaml.Node, string)) string {
	ks := make([]string, 0, len(set))
	for k := range set {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// KindName describes a node for messages.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unexpected node"
}

func (d *Decoder) Str(n *yaml.Node, key string, dst *string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.Fail(n, key, "must be text, got %s", KindName(n))
		return
	}
	v := strings.TrimSpace(n.Value)
	if v == "" {
		d.Fail(n, key, "must not be empty")
		return
	}
	*dst = v
}

func (d *Decoder) Num(n *yaml.Node, key string, lo, hi float64, nonZero bool, dst *float64) {
	var f float64
	var err error
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		f, err = strconv.ParseFloat(n.Value, 64)
	} else {
		err = errors.New("not a number")
	}
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < lo || f > hi || (nonZero && f == 0) {
		extra := ""
		if nonZero {
			extra = " other than 0"
		}
		d.Fail(n, key, "must be a number in [%g, %g]%s, got %s", lo, hi, extra, KindName(n))
		return
	}
	*dst = f
}

func (d *Decoder) Int(n *yaml.Node, key string, lo, hi int, dst *int) {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || v < lo || v > hi {
		d.Fail(n, key, "must be a whole number in [%d, %d], got %s", lo, hi, KindName(n))
		return
	}
	*dst = v
}

func (d *Decoder) Bool(n *yaml.Node, key string, dst *bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.Fail(n, key, "must be true or false, got %s", KindName(n))
		return
	}
	*dst = n.Value == "true"
}

// strList decodes a list of non-empty strings (a single string is accepted as a list of one).
func (d *Decoder) StrList(n *yaml.Node, key string, dst *[]string) {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		var s string
		d.Str(n, key, &s)
		if s != "" {
			*dst = append(*dst, s)
		}
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.Fail(n, key, "must be a list of text, got %s", KindName(n))
		return
	}
	if len(n.Content) == 0 {
		d.Fail(n, key, "must not be an empty list")
		return
	}
	for i, c := range n.Content {
		var s string
		d.Str(c, fmt.Sprintf("%s[%d]", key, i), &s)
		if s != "" {
			*dst = append(*dst, s)
		}
	}
}

func (d *Decoder) List(n *yaml.Node, key string, each func(i int, c *yaml.Node, key string)) {
	if n.Kind != yaml.SequenceNode {
		d.Fail(n, key, "must be a list, got %s", KindName(n))
		return
	}
	for i, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			c = c.Alias
		}
		each(i, c, fmt.Sprintf("%s[%d]", key, i))
	}
}

func (d *Decoder) Pattern(n *yaml.Node, key string) *regexp.Regexp {
	var s string
	d.Str(n, key, &s)
	if s == "" {
		return nil
	}
	re, err := regexp.Compile(s)
	if err != nil {
		d.Fail(n, key, "invalid pattern: %v", err)
		return nil
	}
	if re.MatchString("") {
		d.Fail(n, key, "pattern %q matches empty text", s)
		return nil
	}
	return re
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

// ID decodes an identifier: lower-case letters, digits, '-', '_', '.'.
func (d *Decoder) ID(n *yaml.Node, key string, dst *string) {
	d.Str(n, key, dst)
	if *dst != "" && !idPattern.MatchString(*dst) {
		d.Fail(n, key, "id %q must be lower-case letters, digits, '-', '_' or '.'", *dst)
		*dst = ""
	}
}

// Duration decodes a Go duration ("100ms", "2s", "1m30s") within [lo, hi].
func (d *Decoder) Duration(n *yaml.Node, key string, lo, hi time.Duration, dst *time.Duration) {
	v, err := time.ParseDuration(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || v < lo || v > hi {
		d.Fail(n, key, "must be a duration such as 500ms or 2s in [%v, %v], got %s", lo, hi, KindName(n))
		return
	}
	*dst = v
}

var sizePattern = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$`)

// Size decodes a byte size ("512KiB", "5MiB", "1GB", or a plain number of
// bytes) within [lo, hi].
func (d *Decoder) Size(n *yaml.Node, key string, lo, hi int64, dst *int64) {
	m := sizePattern.FindStringSubmatch(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || m == nil {
		d.Fail(n, key, "must be a size such as 512KiB or 5MiB, got %s", KindName(n))
		return
	}
	f, _ := strconv.ParseFloat(m[1], 64)
	mult := map[string]float64{"": 1, "B": 1, "KB": 1e3, "KiB": 1 << 10, "MB": 1e6, "MiB": 1 << 20, "GB": 1e9, "GiB": 1 << 30}[m[2]]
	v := int64(f * mult)
	if v < lo || v > hi {
		d.Fail(n, key, "must be between %d and %d bytes, got %s", lo, hi, KindName(n))
		return
	}
	*dst = v
}

// Unique records id as seen at n's line and reports whether it is new; a
// repeat is an error naming the line of the first one. An empty id (already
// reported) counts as new.
func (d *Decoder) Unique(seen map[string]int, n *yaml.Node, key, what, id string) bool {
	if id == "" {
		return true
	}
	if line, dup := seen[id]; dup {
		d.Fail(n, key, "duplicate %s %q (first at line %d)", what, id, line)
		return false
	}
	seen[id] = n.Line
	return true
}
