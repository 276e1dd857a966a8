package pgstore_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/certwatch/certwatch/pgstore"
)

// BenchmarkImportBolt moves a district store of IMPORT_CASES cases
// (default 10,000; every third with a screenshot) into a fresh database
// per iteration and verifies it (200 cases compared field by field). It
// reports cases copied per second and the copy and verify times.
func BenchmarkImportBolt(b *testing.B) {
	n := 10_000
	if s := os.Getenv("IMPORT_CASES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 6 {
			b.Fatalf("IMPORT_CASES=%q: want a number >= 6", s)
		}
	}
	d := buildDistrict(b, n)
	src := openBolt(b, d.path)
	b.ResetTimer()
	var copySec, verifySec, putSec float64
	for range b.N {
		b.StopTimer()
		dst, _, _ := importTarget(b)
		b.StartTimer()
		imp, err := pgstore.ImportBolt(context.Background(), src, dst, pgstore.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		r, err := pgstore.VerifyImport(context.Background(), src, dst, pgstore.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		copySec += imp.Copy.Seconds()
		putSec += imp.BlobPut.Seconds()
		verifySec += r.Verify.Seconds()
	}
	b.ReportMetric(float64(n*b.N)/copySec, "cases/s")
	b.ReportMetric(copySec/float64(b.N), "copy-s")
	b.ReportMetric(putSec/float64(b.N), "blobput-s")
	b.ReportMetric(verifySec/float64(b.N), "verify-s")
}
