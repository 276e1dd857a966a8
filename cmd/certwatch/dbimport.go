package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// dbImportOptions are the flags of `certwatch db import`.
type dbImportOptions struct {
	from, database, blobs string
	sample                int
}

func newDBImportCmd() *cobra.Command {
	var o dbImportOptions
	cmd := &cobra.Command{
		Use:   "import --from certwatch.db --database postgres://USER@HOST:PORT/DB [--blobs DIR|s3://…]",
		Short: "Move a district's bbolt database into an empty PostgreSQL database, verified before it reports success",
		Long: `Copy everything the bbolt database keeps into a PostgreSQL database at this binary's schema
(run 'certwatch db migrate' first) that holds no data yet, ids kept, in one transaction: a
failed import leaves the database empty and may be run again. Evidence bytes (page bodies,
screenshots, removal-check responses) go to the blob store by their SHA-256. Sign-in
throttling state (failure counts, lockouts, known addresses) is not moved.

Then it verifies before reporting success: rows per table against the bbolt counts, every
evidence blob re-read and hashed, the audit chain verified on both sides to the same head,
and a sample of cases read through both backends and compared field by field. Any
difference exits 1. The bbolt file is opened read-only: stop serve and sweeps first.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDBImport(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.from, "from", "", "the bbolt database file to move (required)")
	f.StringVar(&o.database, "database", "", "PostgreSQL URL (default $"+envDatabase+")")
	f.StringVar(&o.blobs, "blobs", "", "evidence blob store: a directory or an s3:// URL (default: blobs beside --from)")
	f.IntVar(&o.sample, "sample", 200, "cases compared field by field (-1: all)")
	return cmd
}

func runDBImport(cmd *cobra.Command, o dbImportOptions) error {
	l := langOf(cmd)
	if o.from == "" {
		return &exitError{code: 2, err: l.errorf("import.no.from")}
	}
	if o.sample == 0 || o.sample < -1 {
		return &exitError{code: 2, err: l.errorf("import.bad.sample", o.sample)}
	}
	u, err := pgURL(o.database)
	if err != nil {
		return err
	}
	if o.blobs == "" {
		o.blobs = filepath.Join(filepath.Dir(o.from), "blobs")
	}
	ctx := cmd.Context()
	out := cmd.OutOrStdout()

	src, err := store.Open(o.from, store.Options{ReadOnly: true})
	if err != nil {
		return &exitError{code: 1, err: explainDBError(err)}
	}
	defer src.Close()
	blobs, err := blobstore.Open(ctx, o.blobs, blobstore.Options{})
	if err != nil {
		return &exitError{code: 1, err: l.errorf("import.blobs", err)}
	}
	defer blobs.Close()
	pst, err := pgstore.Open(ctx, u, pgstore.Options{})
	if err != nil {
		return &exitError{code: 1, err: explainPGError(err)}
	}
	dst := pgstore.NewBackend(pst, blobs)
	defer dst.Close()

	opts := pgstore.ImportOptions{Sample: o.sample, Progress: func(stage string) {
		name := stage
		if l == zh {
			name = importStages[stage]
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "… %s\n", name)
	}}
	fmt.Fprintln(out, l.msg("import.moving", o.from, pst.Redacted(), blobs.Name()))
	var res *pgstore.ImportReport
	err = store.Guard(o.from, func() error {
		imp, err := pgstore.ImportBolt(ctx, src, dst, opts)
		if err != nil {
			return err
		}
		res, err = pgstore.VerifyImport(ctx, src, dst, opts)
		if res != nil {
			res.Copy, res.BlobPut = imp.Copy, imp.BlobPut
		}
		return err
	})
	if res != nil {
		printImport(out, l, res)
	}
	switch {
	case errors.Is(err, store.ErrDamaged):
		return &exitError{code: 1, err: explainDBError(err)}
	case errors.Is(err, pgstore.ErrNotEmpty):
		return &exitError{code: 1, err: l.errorf("import.not.empty", err)}
	case errors.Is(err, pgstore.ErrMismatch):
		return &exitError{code: 1, err: l.errorf("import.mismatch", err)}
	case err != nil:
		return &exitError{code: 1, err: l.errorf("import.failed", err)}
	}
	fmt.Fprintln(out, l.msg("import.done"))
	return nil
}

// importStages are the Chinese names of pgstore's import stages.
var importStages = map[string]string{
	"sweeps": "巡查记录", "notices": "通知书", "cases": "案件、快照与证据文件", "notice items": "通知书条目与下架核查",
	"pages": "页面记录", "frontier": "待抓取队列", "accounts": "账号与会话", "audit": "审计日志", "outbox": "待发消息",
	"activations": "规则包与模型", "sequences": "编号序列", "verify counts": "核对行数", "verify blobs": "校验证据文件哈希",
	"verify audit": "校验审计链", "verify cases": "逐字段比对案件",
}

// printImport writes the figures in l.
func printImport(w io.Writer, l lang, r *pgstore.ImportReport) {
	fmt.Fprintf(w, "%-16s %10s %12s\n", l.msg("import.table"), "bbolt", "PostgreSQL")
	var cases int64
	for _, c := range r.Counts {
		mark := ""
		if c.Bolt != c.Post {
			mark = "  ≠ " + l.msg("import.row.mismatch")
		}
		if c.Table == "cases" {
			cases = c.Post
		}
		fmt.Fprintf(w, "%-16s %10d %12d%s\n", c.Table, c.Bolt, c.Post, mark)
	}
	fmt.Fprintln(w, l.msg("import.blobs.checked", r.Blobs, r.BlobBytes))
	fmt.Fprintln(w, l.msg("import.audit", r.AuditLen, r.AuditHead))
	fmt.Fprintln(w, l.msg("import.sampled", r.Sampled))
	rate := 0.0
	if r.Copy > 0 {
		rate = float64(cases) / r.Copy.Seconds()
	}
	cp, put, ver := r.Copy.Round(time.Millisecond), r.BlobPut.Round(time.Millisecond), r.Verify.Round(time.Millisecond)
	fmt.Fprintln(w, l.msg("import.timing", cp, put, rate, ver))
	for _, p := range r.Problems {
		fmt.Fprintln(w, l.msg("import.problem", p))
	}
}
