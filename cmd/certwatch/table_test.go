package main

import (
	"strings"
	"testing"
)

// TestTableAlignsChineseByWidth: a column after Chinese cells starts at
// the same terminal column on every line (a Chinese character is two
// columns wide), right alignment included.
func TestTableAlignsChineseByWidth(t *testing.T) {
	for _, right := range []bool{false, true} {
		var out strings.Builder
		tb := newTable(&out, right)
		tb.Write([]byte("类别\t模型通道\t切换人\n"))
		tb.Write([]byte("cert_sale\ton\tcli 2026-12-03\n"))
		tb.Write([]byte("考试作弊、代考 exam_fraud\t关闭\t—\n"))
		if err := tb.Flush(); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != 3 {
			t.Fatalf("%d lines:\n%s", len(lines), out.String())
		}
		// The last column (切换人, cli …, —) starts at one display column.
		col := func(line, last string) int { return displayWidth(line[:strings.LastIndex(line, last)]) }
		a, b, c := col(lines[0], "切换人"), col(lines[1], "cli"), col(lines[2], "—")
		if a != b || b != c {
			t.Errorf("right=%v: last column starts at %d, %d, %d:\n%s", right, a, b, c, out.String())
		}
	}
}
