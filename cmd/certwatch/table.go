package main

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// table lines up tab-separated cells by their width on a terminal, where a
// Chinese character takes two columns (text/tabwriter counts it as one, so
// Chinese headings push every row out of line). Like tabwriter, a cell is
// text ended by a tab, the text after a line's last tab is not aligned,
// and cells are two spaces apart; Flush writes what was buffered.
type table struct {
	w     io.Writer
	right bool // right-align the cells (tabwriter.AlignRight)
	buf   bytes.Buffer
}

func newTable(w io.Writer, right bool) *table { return &table{w: w, right: right} }

func (t *table) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes the buffered lines aligned.
func (t *table) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	if text == "" {
		return nil
	}
	trailingNewline := strings.HasSuffix(text, "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var widths []int
	rows := make([][]string, len(lines))
	for i, line := range lines {
		rows[i] = strings.Split(line, "\t")
		for j, cell := range rows[i][:len(rows[i])-1] {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], displayWidth(cell))
		}
	}
	var out strings.Builder
	for i, cells := range rows {
		var line strings.Builder
		for j, cell := range cells[:len(cells)-1] {
			pad := strings.Repeat(" ", widths[j]-displayWidth(cell))
			if t.right {
				line.WriteString(pad + cell + "  ")
			} else {
				line.WriteString(cell + pad + "  ")
			}
		}
		line.WriteString(cells[len(cells)-1])
		out.WriteString(strings.TrimRight(line.String(), " "))
		if i < len(rows)-1 || trailingNewline {
			out.WriteByte('\n')
		}
	}
	_, err := io.WriteString(t.w, out.String())
	return err
}

// displayWidth is how many terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
