package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// finDiff checks a fused kernel's fin against the v it stored: "" when fin
// is true and every v finite, or fin false and some v NaN or infinite, or
// fin false with every v finite but one so large that a sum of them may
// overflow (the narrower paths' test is SumFinite, a sum).
func finDiff(v []float64, fin bool) string {
	allFin, big := true, false
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			allFin = false
		}
		if math.Abs(x) > math.MaxFloat64/float64(len(v)+1) {
			big = true
		}
	}
	switch {
	case fin && !allFin:
		return fmt.Sprintf("fin true but v holds a NaN or Inf: %v", v)
	case !fin && allFin && !big:
		return "every v finite (and no sum of them overflows), fin false"
	}
	return ""
}

// TestFusedFiniteEveryLane: each fused kernel on every path reports fin
// false when one neuron's stored v is NaN or infinite, at every lane
// position of blocks of 8, 13, 16, 64 and 67 neurons and around the block
// boundary (lifBlock), and true when every v is finite: a NaN, +Inf or
// -Inf put in v (a NaN or -Inf stays in v; +Inf fires and is reset) or in
// the first receptor's state (which reaches v through the input, or sends
// a CondExp group beyond the polynomial to the narrower kernels).
func TestFusedFiniteEveryLane(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 23))
	bads := []float64{math.NaN(), math.Inf(1), math.Inf(-1)}
	type block struct{ n, from int }
	blocks := []block{{8, 0}, {13, 0}, {16, 0}, {64, 0}, {67, 0}, {lifBlock + 16, lifBlock - 16}}
	for _, k := range fusedKernels {
		c, kk := lifConsts[0], fusedCoefs[0]
		if k.name[:4] == "Curr" {
			c, kk = lifConsts[1], fusedCoefs[1]
		}
		caught := 0
		for _, p := range allPaths() {
			restore := p.use()
			for _, b := range blocks {
				base := randomFused(r, c, b.n, 0)
				clear(base.ref)
				for i := b.from; i < b.n; i++ {
					for _, bad := range bads {
						for _, where := range []string{"v", "s"} {
							f := base.clone()
							if where == "v" {
								f.v[i] = bad
							} else {
								f.s[i] = bad
							}
							_, fin := k.api(&c, f, kk[0], kk[1], 0, nil)
							if d := finDiff(f.v, fin); d != "" {
								t.Fatalf("%s (%s), n %d, %s[%d] = %v: %s", k.name, p.name, b.n, where, i, bad, d)
							}
							if where == "v" && math.IsNaN(bad) {
								if !math.IsNaN(f.v[i]) || fin {
									t.Fatalf("%s (%s), n %d, v[%d] = NaN: stored %v, fin %v; want NaN, false", k.name, p.name, b.n, i, f.v[i], fin)
								}
							}
							if !fin {
								caught++
							}
						}
					}
				}
			}
			restore()
		}
		if caught < 100 {
			t.Errorf("%s: only %d non-finite results: too few to test", k.name, caught)
		}
	}
}
