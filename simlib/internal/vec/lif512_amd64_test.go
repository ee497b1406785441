//go:build amd64 && !purego

package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// lifCondExpAVX512 itself, called without its wrapper: on every multiple
// of eight up to a block it does the neurons up to the first group of
// eight with a lane outside the polynomial's range (and none past it),
// with the generic kernel's bits and spike masks there. (The wrapper's
// comparison, TestLIFKernelsSameBits, would pass too if the wrapper never
// ran the kernel.)
func TestLIFCondExpAVX512Direct(t *testing.T) {
	if !hasAVX512 {
		t.Skip("no AVX-512 on this machine")
	}
	r := rand.New(rand.NewPCG(51, 2))
	did := 0
	for ci, c := range lifConsts {
		for _, bad := range []float64{0, 0.01, 0.1} {
			for n := 0; n <= lifBlock; n += 8 {
				if n > 256 && n < lifBlock-16 {
					n = lifBlock - 16 // every length up to 256, then the last few of a full block
				}
				s := randomLIF(r, c, n, bad)
				stop := n // the first group with a lane beyond the polynomial
				for i := range n {
					if x := float64(c.K * (c.GL + s.g[i])); !(x >= 0 && x <= expMax) {
						stop = i &^ 7
						break
					}
				}
				a, b := s.clone(), s.clone()
				want := lifCondExpGo(&c, a.v[:stop], a.ref[:stop], a.g[:stop], a.ge[:stop], a.in[:stop], a.j[:stop], 0, nil)
				var masks [lifBlock / 64]uint64
				for w := range masks {
					masks[w] = 0xdead // words past the last neuron done stay as they were
				}
				var done int
				if n > 0 {
					done = lifCondExpAVX512(&c, &b.v[0], &b.ref[0], &b.g[0], &b.ge[0], &b.in[0], &b.j[0], n, &masks[0])
				}
				if done != stop {
					t.Fatalf("population %d, bad %v, n %d: done %d, want %d", ci, bad, n, done, stop)
				}
				got := appendMasks(nil, &masks, done, 0)
				// Past stop the state is untouched: a was not advanced there.
				if d := sameBits(a, b, want, got); d != "" {
					t.Fatalf("population %d, bad %v, n %d (done %d): generic vs AVX-512: %s", ci, bad, n, done, d)
				}
				for w := (done + 63) / 64; w < len(masks); w++ {
					if masks[w] != 0xdead {
						t.Fatalf("n %d, done %d: mask word %d written", n, done, w)
					}
				}
				did += done
			}
		}
	}
	if did < 100000 {
		t.Errorf("only %d neurons done by the kernel", did)
	}
}

// The kernel reads no lane beyond n and writes nothing beyond it: the
// neighbours of the slice keep their bits.
func TestLIFCondExpAVX512Bounds(t *testing.T) {
	if !hasAVX512 {
		t.Skip("no AVX-512 on this machine")
	}
	c := lifConsts[0]
	s := randomLIF(rand.New(rand.NewPCG(3, 4)), c, 8+64+8, 0)
	for i := range s.v {
		s.g[i] = 10
	}
	orig := s.clone()
	var masks [lifBlock / 64]uint64
	if done := lifCondExpAVX512(&c, &s.v[8], &s.ref[8], &s.g[8], &s.ge[8], &s.in[8], &s.j[8], 64, &masks[0]); done != 64 {
		t.Fatalf("done %d, want 64", done)
	}
	for _, i := range []int{0, 7, 72, 79} {
		if math.Float64bits(s.v[i]) != math.Float64bits(orig.v[i]) || s.ref[i] != orig.ref[i] {
			t.Fatalf("neuron %d outside the slice changed", i)
		}
	}
	if slices.Equal(s.v[8:72], orig.v[8:72]) {
		t.Fatal("the kernel changed nothing")
	}
}
