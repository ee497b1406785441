package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestSumFinite: on every length from 0 to 70 and every start offset, an
// array of finite values is finite on both paths, and one NaN or ±Inf at
// any position, among ordinary, subnormal or huge values, makes it not
// finite on both. On small integers (exact in any order) the assembly's
// sum equals the generic one, so it adds every element once.
func TestSumFinite(t *testing.T) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	rnd := rand.New(rand.NewPCG(9, 9))
	bad := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Float64frombits(0xfff0000000000001)}
	for n := 0; n <= 70; n++ {
		for off := 0; off < 4; off++ {
			back := make([]float64, off+n+3)
			for i := range back {
				back[i] = math.NaN() // outside the slice: must not be read
			}
			v := back[off : off+n]
			for i := range v {
				v[i] = float64(rnd.IntN(2001) - 1000)
			}
			if n >= 4 && hasAVX2 {
				m := n &^ 3
				if got, want := sumAsm(m, &v[0]), sumGeneric(v[:m]); got != want {
					t.Fatalf("n %d: sumAsm = %v, generic sum %v", m, got, want)
				}
			}
			for _, acc := range []bool{false, true} {
				SetAccelerated(acc)
				if !SumFinite(v) {
					t.Fatalf("accelerated %v, n %d, offset %d: finite integers reported not finite", acc, n, off)
				}
			}
			for i := range v {
				switch rnd.IntN(4) {
				case 0:
					v[i] = math.Float64frombits(rnd.Uint64() & 0x800fffffffffffff) // subnormal
				case 1:
					v[i] = math.Copysign(math.MaxFloat64/1e3, float64(1-2*rnd.IntN(2)))
				}
			}
			for pos := range v {
				x := v[pos]
				v[pos] = bad[rnd.IntN(len(bad))]
				for _, acc := range []bool{false, true} {
					SetAccelerated(acc)
					if SumFinite(v) {
						t.Fatalf("accelerated %v, n %d, offset %d: %v at %d reported finite", acc, n, off, v[pos], pos)
					}
				}
				v[pos] = x
			}
		}
	}
}

// BenchmarkSumFinite: generic and AVX2 alternately, ns per element.
func BenchmarkSumFinite(b *testing.B) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	for _, n := range []int{4000, 64000} {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i)
		}
		for _, acc := range []bool{false, true} {
			name := "generic"
			if acc {
				name = "avx2"
			}
			b.Run(fmt.Sprintf("%s/n=%d", name, n), func(b *testing.B) {
				if acc && !hasAVX2 {
					b.Skip("no AVX2")
				}
				SetAccelerated(acc)
				for b.Loop() {
					if !SumFinite(v) {
						b.Fatal("not finite")
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
			})
		}
	}
}
