package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/certwatch/certwatch/store"
)

// writeActivations prints an activation history (rule packs, models),
// oldest first, as a table or JSON; none is said when it is empty.
func writeActivations(w io.Writer, h []store.Activation, format, none string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(h)
	}
	if len(h) == 0 {
		fmt.Fprintln(w, none)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\t时间 AT\t操作人 BY\t版本 VERSION\tSHA256\t文件 FILE")
	for i, e := range h {
		if e.Deactivated {
			fmt.Fprintf(tw, "%d\t%s\t%s\t(停用 deactivated)\t\t\n", e.Seq, e.At.Local().Format(time.DateTime), safe(e.By))
			continue
		}
		mark := ""
		if i == len(h)-1 {
			mark = "  (在用 active)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.12s\t%s%s\n", e.Seq, e.At.Local().Format(time.DateTime), safe(e.By),
			safe(e.Version), e.SHA256, safe(e.File), mark)
	}
	return tw.Flush()
}
