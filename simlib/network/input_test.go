package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// prepareReference is the receptor pass with the arithmetic and order the
// engine had before the vec kernels (commit a72f72c, without stimuli):
// one loop per receptor, I cleared first. It is the oracle for prepare's kernels and for its
// fusing of two current receptors.
func (p *popRT) prepareReference(lo, hi int, step int64) {
	in := &p.in
	I := in.I[lo:hi]
	n := len(I)
	for _, r := range p.rec {
		if !r.delta && !r.r.Conductance {
			clear(I) // a current receptor adds into I
			break
		}
	}
	var G, GE []float64
	if p.hasCond {
		G, GE = in.G[lo:hi][:n], in.GE[lo:hi][:n]
	}
	firstCond := true
	for _, r := range p.rec {
		if r.delta {
			continue
		}
		slot := r.ring[(step%r.D)*int64(p.n):][lo:hi][:n]
		P, B, c := r.lin.P, r.lin.B, r.c
		switch {
		case r.lin.N == 1 && !r.r.Conductance:
			s := r.s[0][lo:hi][:n]
			a, b, c0 := P[0][0], B[0], c[0]
			for i := range s {
				I[i] += float64(c0 * s[i])
				s[i] = float64(a*s[i]) + float64(b*slot[i])
				slot[i] = 0
			}
		case r.lin.N == 1 && r.pair != nil:
			q := r.pair
			s, s2 := r.s[0][lo:hi][:n], q.s[0][lo:hi][:n]
			slot2 := q.ring[(step%q.D)*int64(p.n):][lo:hi][:n]
			a, b, c0, ce := P[0][0], B[0], c[0], c[0]*r.r.ERev
			a2, b2, d0, de := q.lin.P[0][0], q.lin.B[0], q.c[0], q.c[0]*q.r.ERev
			for i := range s {
				x, y := s[i], s2[i]
				if firstCond {
					G[i] = float64(c0*x) + float64(d0*y)
					GE[i] = float64(ce*x) + float64(de*y)
				} else {
					G[i] += float64(c0*x) + float64(d0*y)
					GE[i] += float64(ce*x) + float64(de*y)
				}
				s[i] = float64(a*x) + float64(b*slot[i])
				s2[i] = float64(a2*y) + float64(b2*slot2[i])
				slot[i], slot2[i] = 0, 0
			}
			firstCond = false
		case r.lin.N == 1 && r.paired:
		case r.lin.N == 1:
			s := r.s[0][lo:hi][:n]
			a, b, c0, ce := P[0][0], B[0], c[0], c[0]*r.r.ERev
			for i := range s {
				if firstCond {
					G[i] = c0 * s[i]
					GE[i] = ce * s[i]
				} else {
					G[i] += float64(c0 * s[i])
					GE[i] += float64(ce * s[i])
				}
				s[i] = float64(a*s[i]) + float64(b*slot[i])
				slot[i] = 0
			}
			firstCond = false
		default:
			s0, s1 := r.s[0][lo:hi][:n], r.s[1][lo:hi][:n]
			var dst []float64
			if r.r.Conductance {
				if firstCond {
					clear(G)
					clear(GE)
					firstCond = false
				}
				dst = G
			} else {
				dst = I
			}
			for i := range s0 {
				x, y := s0[i], s1[i]
				o := float64(c[0]*x) + float64(c[1]*y)
				dst[i] += o
				if r.r.Conductance {
					GE[i] += float64(r.r.ERev * o)
				}
				s0[i] = float64(P[0][0]*x) + float64(P[0][1]*y) + float64(B[0]*slot[i])
				s1[i] = float64(P[1][0]*x) + float64(P[1][1]*y) + float64(B[1]*slot[i])
				slot[i] = 0
			}
		}
	}
}

// receiveJumpsReference is receiveJumps as the engine had it before the
// vec kernels (commit a72f72c).
func (p *popRT) receiveJumpsReference(lo, hi int, step int64) {
	J := p.in.Jump[lo:hi]
	clear(J)
	for _, r := range p.rec {
		if !r.delta {
			continue
		}
		slot := r.ring[(step%r.D)*int64(p.n):][lo:hi][:len(J)]
		for i := range J {
			J[i] += slot[i]
			slot[i] = 0
		}
	}
}

// randomReceptors returns a population of n neurons with k receptors of
// random kinds in random order (current or conductance, one or two
// states, delta), paired as build.go pairs single-state conductance
// receptors (each with the next), with random coefficients, states, ring
// contents and whatever I, G and GE held from the last update.
func randomReceptors(rnd *rand.Rand, n, k int) *popRT {
	v := func() float64 {
		switch rnd.IntN(12) {
		case 0:
			return 0
		case 1:
			return math.Copysign(0, -1)
		case 2:
			return 1e-310 * rnd.NormFloat64() // subnormal
		}
		return rnd.NormFloat64() * float64(1+rnd.IntN(100))
	}
	vs := func(m int) []float64 {
		x := make([]float64, m)
		for i := range x {
			x[i] = v()
		}
		return x
	}
	p := &popRT{n: n}
	p.in.I, p.in.G, p.in.GE, p.in.Jump = vs(n), vs(n), vs(n), vs(n)
	var open *receptorRT
	for j := 0; j < k; j++ {
		r := &receptorRT{name: fmt.Sprint("r", j), D: int64(1 + rnd.IntN(3))}
		switch rnd.IntN(5) {
		case 0:
			r.delta = true
		case 1, 2:
			r.lin.N = 1
		default:
			r.lin.N = 2
		}
		r.r = synapse.Receptor{Conductance: !r.delta && rnd.IntN(2) == 0, ERev: 100 * rnd.NormFloat64()}
		r.lin.P = [2][2]float64{{rnd.Float64(), v()}, {v(), rnd.Float64()}}
		r.lin.B = [2]float64{v(), v()}
		r.c = [2]float64{v(), v()}
		for s := 0; s < r.lin.N; s++ {
			r.s[s] = vs(n)
		}
		r.ring = vs(int(r.D) * n)
		switch {
		case r.delta:
			p.hasDelta = true
		case r.r.Conductance:
			p.hasCond = true
			if r.lin.N == 1 {
				if open == nil {
					open = r
				} else {
					open.pair, r.paired, open = r, true, nil
				}
			}
		}
		p.rec = append(p.rec, r)
	}
	return p
}

// clonePop copies every array prepare touches.
func clonePop(p *popRT) *popRT {
	c := func(x []float64) []float64 { return append([]float64(nil), x...) }
	q := &popRT{n: p.n, hasCond: p.hasCond, hasDelta: p.hasDelta}
	q.in.I, q.in.G, q.in.GE, q.in.Jump = c(p.in.I), c(p.in.G), c(p.in.GE), c(p.in.Jump)
	m := map[*receptorRT]*receptorRT{}
	for _, r := range p.rec {
		rr := *r
		rr.s = [2][]float64{c(r.s[0]), c(r.s[1])}
		rr.ring = c(r.ring)
		m[r] = &rr
		q.rec = append(q.rec, &rr)
	}
	for _, r := range q.rec {
		if r.pair != nil {
			r.pair = m[r.pair]
		}
	}
	return q
}

// TestPrepareMatchesReference: prepare and receiveJumps, with the AVX2 kernels and with the
// generic ones, gives the bits of the engine's former receptor loops for
// random mixes and orders of receptors (so the pairing of current
// receptors never changes the order of the additions into I), random
// worker ranges and steps: I, G, GE, the jumps, every state and every
// ring slot.
func TestPrepareMatchesReference(t *testing.T) {
	prev := vec.Accelerated()
	defer vec.SetAccelerated(prev)
	rnd := rand.New(rand.NewPCG(2026, 12))
	same := func(a, b []float64) int {
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				return i
			}
		}
		return -1
	}
	for trial := 0; trial < 3000; trial++ {
		n := 1 + rnd.IntN(70)
		p := randomReceptors(rnd, n, 1+rnd.IntN(6))
		lo := rnd.IntN(n)
		hi := lo + 1 + rnd.IntN(n-lo)
		step := int64(1 + rnd.IntN(10))
		want := clonePop(p)
		want.prepareReference(lo, hi, step)
		want.receiveJumpsReference(lo, hi, step)
		for _, acc := range []bool{false, true} {
			vec.SetAccelerated(acc)
			got := clonePop(p)
			got.prepare(0, lo, hi, step, 0)
			got.receiveJumps(lo, hi, step)
			where := fmt.Sprintf("trial %d (accelerated %v, n %d, [%d, %d), step %d, receptors %s)", trial, acc, n, lo, hi, step, describe(p))
			if i := same(got.in.I, want.in.I); i >= 0 {
				t.Fatalf("%s: I[%d] = %v, want %v", where, i, got.in.I[i], want.in.I[i])
			}
			if i := same(got.in.G, want.in.G); i >= 0 {
				t.Fatalf("%s: G[%d] = %v, want %v", where, i, got.in.G[i], want.in.G[i])
			}
			if i := same(got.in.GE, want.in.GE); i >= 0 {
				t.Fatalf("%s: GE[%d] = %v, want %v", where, i, got.in.GE[i], want.in.GE[i])
			}
			if i := same(got.in.Jump, want.in.Jump); i >= 0 {
				t.Fatalf("%s: Jump[%d] = %v, want %v", where, i, got.in.Jump[i], want.in.Jump[i])
			}
			for k, r := range got.rec {
				for s := 0; s < 2; s++ {
					if i := same(r.s[s], want.rec[k].s[s]); i >= 0 {
						t.Fatalf("%s: receptor %d state %d [%d] = %v, want %v", where, k, s, i, r.s[s][i], want.rec[k].s[s][i])
					}
				}
				if i := same(r.ring, want.rec[k].ring); i >= 0 {
					t.Fatalf("%s: receptor %d ring[%d] = %v, want %v", where, k, i, r.ring[i], want.rec[k].ring[i])
				}
			}
		}
	}
}

// describe names a population's receptors in order: c/g for current or
// conductance, the number of states, d for delta.
func describe(p *popRT) string {
	s := ""
	for _, r := range p.rec {
		switch {
		case r.delta:
			s += "d "
		case r.r.Conductance:
			s += fmt.Sprintf("g%d ", r.lin.N)
		default:
			s += fmt.Sprintf("c%d ", r.lin.N)
		}
	}
	return s
}
