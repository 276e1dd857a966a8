package matcher

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// plainG and signedG, which build the reasons without fmt, must write
// every number as fmt's %g and %+g do.
func TestReasonNumbersAsFmt(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 2.25, 3, -3, 6, 10, 1.5, 0.1, 0.30000000000000004, 1e20, 1e21, 1e-4, 1e-5,
		123456, 1234567, 12345678.9, -7.77, 100, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		vals = append(vals, math.Round((r.Float64()*40-20)*100)/100, r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)))
	}
	for _, v := range vals {
		if got, want := plainG(v), fmt.Sprintf("%g", v); got != want {
			t.Fatalf("plainG(%v) = %q, fmt %q", v, got, want)
		}
		if got, want := signedG(v), fmt.Sprintf("%+g", v); got != want {
			t.Fatalf("signedG(%v) = %q, fmt %q", v, got, want)
		}
	}
}
