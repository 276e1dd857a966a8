package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/store"
)

// readActivationFile reads the file a "rules activate" or "model
// activate" names: a regular file of at most max bytes. It returns the
// absolute path (what the history records) and the bytes.
func readActivationFile(cmdName, arg string, max int64) (string, []byte, error) {
	path, err := filepath.Abs(arg)
	if err != nil {
		return "", nil, &exitError{code: 1, err: err}
	}
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return "", nil, &exitError{code: 1, err: err}
	case fi.IsDir():
		return "", nil, &exitError{code: 2, err: fmt.Errorf("%s: %s is a directory: activate one file", cmdName, arg)}
	case fi.Size() > max:
		return "", nil, &exitError{code: 1, err: fmt.Errorf("%s: %s: %d bytes is larger than the %d allowed", cmdName, arg, fi.Size(), max)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, &exitError{code: 1, err: err}
	}
	return path, data, nil
}

// newHistoryCmd is "rules history" or "model history": list reads the
// history, none says so when it is empty.
func newHistoryCmd(short string, list func(Backend) ([]store.Activation, error), none func(lang) string) *cobra.Command {
	var db dbOptions
	var format string
	cmd := &cobra.Command{
		Use:   "history",
		Short: short,
		Args:  cobra.NoArgs,
		RunE: db.guard(func(cmd *cobra.Command, _ []string) error {
			st, err := db.open(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			h, err := list(st)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			return writeActivations(cmd.OutOrStdout(), langOf(cmd), h, format, none(langOf(cmd)))
		}),
	}
	db.flags(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

// writeActivations prints an activation history (rule packs, models),
// oldest first, as a table or JSON; none is said when it is empty.
func writeActivations(w io.Writer, l lang, h []store.Activation, format, none string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(h)
	}
	if len(h) == 0 {
		fmt.Fprintln(w, none)
		return nil
	}
	tw := newTable(w, false)
	fmt.Fprintln(tw, l.msg("history.header"))
	for i, e := range h {
		if e.Deactivated {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t\t\n", e.Seq, beijing.Format(e.At), safe(e.By), l.msg("history.deactivated"))
			continue
		}
		mark := ""
		if i == len(h)-1 {
			mark = "  " + l.msg("history.active")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.12s\t%s%s\n", e.Seq, beijing.Format(e.At), safe(e.By),
			safe(e.Version), e.SHA256, safe(e.File), mark)
	}
	return tw.Flush()
}
