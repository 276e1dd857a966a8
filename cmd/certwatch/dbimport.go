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
	if o.from == "" {
		return &exitError{code: 2, err: errors.New("未指定 bbolt 数据库：请用 --from 文件 (no source: give --from FILE)")}
	}
	if o.sample == 0 || o.sample < -1 {
		return &exitError{code: 2, err: fmt.Errorf("--sample %d：须为正数或 -1 (--sample must be positive, or -1 for all)", o.sample)}
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
		return &exitError{code: 1, err: fmt.Errorf("无法打开证据文件存储 (cannot open the blob store): %w", err)}
	}
	defer blobs.Close()
	pst, err := pgstore.Open(ctx, u, pgstore.Options{})
	if err != nil {
		return &exitError{code: 1, err: explainPGError(err)}
	}
	dst := pgstore.NewBackend(pst, blobs)
	defer dst.Close()

	opts := pgstore.ImportOptions{Sample: o.sample, Progress: func(stage string) {
		fmt.Fprintf(cmd.ErrOrStderr(), "… %s (%s)\n", importStages[stage], stage)
	}}
	fmt.Fprintf(out, "正在迁移 %s → %s，证据文件存入 %s (moving %s into %s, evidence into %s)\n",
		o.from, pst.Redacted(), blobs.Name(), o.from, pst.Redacted(), blobs.Name())
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
		printImport(out, res)
	}
	switch {
	case errors.Is(err, store.ErrDamaged):
		return &exitError{code: 1, err: explainDBError(err)}
	case errors.Is(err, pgstore.ErrNotEmpty):
		return &exitError{code: 1, err: fmt.Errorf("目标数据库已有数据，拒绝导入；请使用新建并已迁移的空库 (%w)", err)}
	case errors.Is(err, pgstore.ErrMismatch):
		return &exitError{code: 1, err: fmt.Errorf("校验失败：副本与源数据库不一致，请勿使用该 PostgreSQL 数据库 (verification failed: do not use the copy): %w", err)}
	case err != nil:
		return &exitError{code: 1, err: fmt.Errorf("迁移失败，目标数据库未写入任何数据 (import failed; nothing was committed): %w", err)}
	}
	fmt.Fprintf(out, "迁移完成并已校验 (import done and verified)\n")
	return nil
}

// importStages are the Chinese names of pgstore's import stages.
var importStages = map[string]string{
	"sweeps": "巡查记录", "notices": "通知书", "cases": "案件、快照与证据文件", "notice items": "通知书条目与下架核查",
	"pages": "页面记录", "frontier": "待抓取队列", "accounts": "账号与会话", "audit": "审计日志", "outbox": "待发消息",
	"activations": "规则包与模型", "sequences": "编号序列", "verify counts": "核对行数", "verify blobs": "校验证据文件哈希",
	"verify audit": "校验审计链", "verify cases": "逐字段比对案件",
}

// printImport writes the figures, Chinese first.
func printImport(w io.Writer, r *pgstore.ImportReport) {
	fmt.Fprintf(w, "%-16s %10s %12s\n", "表 (table)", "bbolt", "PostgreSQL")
	var cases int64
	for _, c := range r.Counts {
		mark := ""
		if c.Bolt != c.Post {
			mark = "  ≠ 不一致 (mismatch)"
		}
		if c.Table == "cases" {
			cases = c.Post
		}
		fmt.Fprintf(w, "%-16s %10d %12d%s\n", c.Table, c.Bolt, c.Post, mark)
	}
	fmt.Fprintf(w, "证据文件 %d 个（%d 字节）已重新读取并校验哈希 (%d evidence blobs, %d bytes, re-read and hashed)\n",
		r.Blobs, r.BlobBytes, r.Blobs, r.BlobBytes)
	fmt.Fprintf(w, "审计日志 %d 条，链头哈希 %s (audit log: %d entries, head hash %s)\n", r.AuditLen, r.AuditHead, r.AuditLen, r.AuditHead)
	fmt.Fprintf(w, "逐字段比对案件 %d 件 (%d cases compared field by field)\n", r.Sampled, r.Sampled)
	rate := 0.0
	if r.Copy > 0 {
		rate = float64(cases) / r.Copy.Seconds()
	}
	cp, put, ver := r.Copy.Round(time.Millisecond), r.BlobPut.Round(time.Millisecond), r.Verify.Round(time.Millisecond)
	fmt.Fprintf(w, "复制用时 %s（其中写入证据文件 %s，每秒 %.0f 件案件），校验用时 %s (copy %s, of which blob store %s, %.0f cases/s; verify %s)\n",
		cp, put, rate, ver, cp, put, rate, ver)
	for _, p := range r.Problems {
		fmt.Fprintf(w, "问题 (problem): %s\n", p)
	}
}
