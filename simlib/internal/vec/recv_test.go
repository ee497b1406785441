package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// recvKernel is one receptor kernel under test: it takes arrays slices of
// equal length and the 18 coefficients k (two Recv1 in k[0:8], a Recv2 in
// k[8:17]; k[17] > 0 selects the first-conductance variant).
type recvKernel struct {
	name   string
	arrays int
	run    func(a [][]float64, k []float64)
}

func recv1(k []float64) Recv1 { return Recv1{A: k[0], B: k[1], C: k[2], CE: k[3]} }

func recv2(k []float64) Recv2 {
	return Recv2{C: [2]float64{k[0], k[1]}, P: [2][2]float64{{k[2], k[3]}, {k[4], k[5]}}, B: [2]float64{k[6], k[7]}, ERev: k[8]}
}

var recvKernels = []recvKernel{
	{"Cur1/first", 3, func(a [][]float64, k []float64) { Cur1(a[0], a[1], a[2], recv1(k), true) }},
	{"Cur1/add", 3, func(a [][]float64, k []float64) { Cur1(a[0], a[1], a[2], recv1(k), false) }},
	{"Cur1Pair/first", 5, func(a [][]float64, k []float64) {
		Cur1Pair(a[0], a[1], a[2], a[3], a[4], recv1(k), recv1(k[4:]), true)
	}},
	{"Cur1Pair/add", 5, func(a [][]float64, k []float64) {
		Cur1Pair(a[0], a[1], a[2], a[3], a[4], recv1(k), recv1(k[4:]), false)
	}},
	{"Cond1/first", 4, func(a [][]float64, k []float64) { Cond1(a[0], a[1], a[2], a[3], recv1(k), true) }},
	{"Cond1/add", 4, func(a [][]float64, k []float64) { Cond1(a[0], a[1], a[2], a[3], recv1(k), false) }},
	{"Cond1Pair/first", 6, func(a [][]float64, k []float64) {
		Cond1Pair(a[0], a[1], a[2], a[3], a[4], a[5], recv1(k), recv1(k[4:]), true)
	}},
	{"Cond1Pair/add", 6, func(a [][]float64, k []float64) {
		Cond1Pair(a[0], a[1], a[2], a[3], a[4], a[5], recv1(k), recv1(k[4:]), false)
	}},
	{"Cur2", 4, func(a [][]float64, k []float64) { Cur2(a[0], a[1], a[2], a[3], recv2(k[8:])) }},
	{"Cond2", 5, func(a [][]float64, k []float64) { Cond2(a[0], a[1], a[2], a[3], a[4], recv2(k[8:])) }},
	{"AddClear/first", 2, func(a [][]float64, k []float64) { AddClear(a[0], a[1], true) }},
	{"AddClear/add", 2, func(a [][]float64, k []float64) { AddClear(a[0], a[1], false) }},
}

// hostileValue returns a value that is, with some probability each, NaN (with
// a random payload and sign), ±Inf, a subnormal, ±0, huge, or else an
// ordinary number of either sign.
func hostileValue(rnd *rand.Rand, p float64) float64 {
	if rnd.Float64() >= p {
		return rnd.NormFloat64() * math.Pow(10, float64(rnd.IntN(7)-3))
	}
	switch rnd.IntN(8) {
	case 0:
		return math.Float64frombits(0x7ff8000000000000 | rnd.Uint64()&0x8007ffffffffffff)
	case 1:
		return math.Float64frombits(0x7ff0000000000001 | rnd.Uint64()&0x8007ffffffffffff) // signalling
	case 2:
		return math.Inf(1 - 2*rnd.IntN(2))
	case 3:
		return math.Float64frombits(rnd.Uint64() & 0x800fffffffffffff) // subnormal (or ±0)
	case 4:
		return math.Copysign(0, float64(1-2*rnd.IntN(2)))
	case 5:
		return math.Copysign(math.MaxFloat64*rnd.Float64(), float64(1-2*rnd.IntN(2)))
	case 6:
		return math.Copysign(math.SmallestNonzeroFloat64*float64(rnd.IntN(4)), float64(1-2*rnd.IntN(2)))
	default:
		return math.Copysign(1e-300*rnd.Float64(), float64(1-2*rnd.IntN(2)))
	}
}

// sameFloat reports whether a and b are the same bits, or both NaN: the
// payload of a NaN that meets another NaN depends on the order of the
// operands of the add or multiply (x86 keeps the first source's), which
// neither Go nor the assembly promises; any NaN stops a run (checkFinite),
// so only NaN-ness is part of the contract.
func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// TestRecvSameBits drives every receptor kernel, generic and AVX2, on the
// same inputs: every length from 0 to 70, starts offset by 0 to 3
// elements from the allocation, ordinary, hostile and all-hostile values
// and coefficients, with guard elements around each slice; every element
// of every array, guards included, must come out the same.
func TestRecvSameBits(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2 kernels in this build or on this CPU: the generic kernels are the only ones")
	}
	prev := SetAccelerated(true)
	defer SetAccelerated(prev)
	rnd := rand.New(rand.NewPCG(12, 4))
	const guard = 5
	for _, kern := range recvKernels {
		t.Run(kern.name, func(t *testing.T) {
			for n := 0; n <= 70; n++ {
				for off := 0; off < 4; off++ {
					for _, p := range []float64{0, 0.1, 1} {
						k := make([]float64, 18)
						for i := range k {
							k[i] = hostileValue(rnd, p/2)
						}
						base := make([][]float64, kern.arrays)
						for j := range base {
							base[j] = make([]float64, off+n+guard)
							for i := range base[j] {
								base[j][i] = hostileValue(rnd, p)
							}
						}
						got := make([][][]float64, 2)
						for pass, acc := range []bool{false, true} {
							SetAccelerated(acc)
							back := make([][]float64, kern.arrays)
							a := make([][]float64, kern.arrays)
							for j := range base {
								back[j] = append([]float64(nil), base[j]...)
								a[j] = back[j][off : off+n]
							}
							kern.run(a, k)
							got[pass] = back
						}
						for j := range base {
							for i := range base[j] {
								g, v := got[0][j][i], got[1][j][i]
								if !sameFloat(g, v) {
									t.Fatalf("n %d, offset %d, hostile %v: array %d element %d: generic %v (%#x), AVX2 %v (%#x); coefficients %v",
										n, off, p, j, i-off, g, math.Float64bits(g), v, math.Float64bits(v), k)
								}
								if (i < off || i >= off+n) && math.Float64bits(g) != math.Float64bits(base[j][i]) {
									t.Fatalf("n %d, offset %d: array %d: element %d outside the slice was written", n, off, j, i-off)
								}
							}
						}
					}
				}
			}
		})
	}
}

// TestRecvArithmetic checks the generic kernels against the formulas of
// their documentation on exact small integers (every product and sum is
// exact, so the expected values are unambiguous), and that every slot is
// cleared: the reference itself is right.
func TestRecvArithmetic(t *testing.T) {
	for _, acc := range []bool{false, true} {
		prev := SetAccelerated(acc)
		rnd := rand.New(rand.NewPCG(1, 2))
		const n = 11
		v := func() []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(rnd.IntN(19) - 9)
			}
			return x
		}
		k, k2 := Recv1{A: 3, B: -2, C: 5, CE: 7}, Recv1{A: -1, B: 4, C: 2, CE: -3}
		kk := Recv2{C: [2]float64{2, -3}, P: [2][2]float64{{1, 2}, {-4, 3}}, B: [2]float64{5, -1}, ERev: -6}
		I, G, GE, s, r, s2, r2 := v(), v(), v(), v(), v(), v(), v()
		I0, G0, GE0, x, x1, y, y1 := recvClone(I), recvClone(G), recvClone(GE), recvClone(s), recvClone(r), recvClone(s2), recvClone(r2)
		reset := func() {
			copy(I, I0)
			copy(G, G0)
			copy(GE, GE0)
			copy(s, x)
			copy(r, x1)
			copy(s2, y)
			copy(r2, y1)
		}
		check := func(what string, got []float64, want func(i int) float64) {
			t.Helper()
			for i := range got {
				if got[i] != want(i) {
					t.Fatalf("accelerated %v: %s[%d] = %v, want %v", acc, what, i, got[i], want(i))
				}
			}
		}
		zero := func(int) float64 { return 0 }
		st := func(k Recv1, s, r []float64) func(int) float64 {
			return func(i int) float64 { return k.A*s[i] + k.B*r[i] }
		}

		Cur1(I, s, r, k, false)
		check("Cur1 I", I, func(i int) float64 { return I0[i] + k.C*x[i] })
		check("Cur1 s", s, st(k, x, x1))
		check("Cur1 r", r, zero)
		reset()
		Cur1(I, s, r, k, true)
		check("Cur1 first I", I, func(i int) float64 { return k.C * x[i] })
		check("Cur1 first s", s, st(k, x, x1))
		check("Cur1 first r", r, zero)
		reset()
		Cur1Pair(I, s, r, s2, r2, k, k2, true)
		check("Cur1Pair first I", I, func(i int) float64 { return k.C*x[i] + k2.C*y[i] })
		check("Cur1Pair first s", s, st(k, x, x1))
		check("Cur1Pair first s2", s2, st(k2, y, y1))
		reset()
		Cur1Pair(I, s, r, s2, r2, k, k2, false)
		check("Cur1Pair I", I, func(i int) float64 { return I0[i] + k.C*x[i] + k2.C*y[i] })
		check("Cur1Pair s", s, st(k, x, x1))
		check("Cur1Pair s2", s2, st(k2, y, y1))
		check("Cur1Pair r", r, zero)
		check("Cur1Pair r2", r2, zero)
		reset()
		Cond1(G, GE, s, r, k, true)
		check("Cond1 first G", G, func(i int) float64 { return k.C * x[i] })
		check("Cond1 first GE", GE, func(i int) float64 { return k.CE * x[i] })
		check("Cond1 first s", s, st(k, x, x1))
		check("Cond1 first r", r, zero)
		reset()
		Cond1(G, GE, s, r, k, false)
		check("Cond1 G", G, func(i int) float64 { return G0[i] + k.C*x[i] })
		check("Cond1 GE", GE, func(i int) float64 { return GE0[i] + k.CE*x[i] })
		reset()
		Cond1Pair(G, GE, s, r, s2, r2, k, k2, true)
		check("Cond1Pair first G", G, func(i int) float64 { return k.C*x[i] + k2.C*y[i] })
		check("Cond1Pair first GE", GE, func(i int) float64 { return k.CE*x[i] + k2.CE*y[i] })
		check("Cond1Pair first s", s, st(k, x, x1))
		check("Cond1Pair first s2", s2, st(k2, y, y1))
		check("Cond1Pair first r", r, zero)
		check("Cond1Pair first r2", r2, zero)
		reset()
		Cond1Pair(G, GE, s, r, s2, r2, k, k2, false)
		check("Cond1Pair G", G, func(i int) float64 { return G0[i] + k.C*x[i] + k2.C*y[i] })
		check("Cond1Pair GE", GE, func(i int) float64 { return GE0[i] + k.CE*x[i] + k2.CE*y[i] })
		reset()
		o := func(i int) float64 { return kk.C[0]*x[i] + kk.C[1]*y[i] }
		s0w := func(i int) float64 { return kk.P[0][0]*x[i] + kk.P[0][1]*y[i] + kk.B[0]*x1[i] }
		s1w := func(i int) float64 { return kk.P[1][0]*x[i] + kk.P[1][1]*y[i] + kk.B[1]*x1[i] }
		Cur2(I, s, s2, r, kk)
		check("Cur2 I", I, func(i int) float64 { return I0[i] + o(i) })
		check("Cur2 s0", s, s0w)
		check("Cur2 s1", s2, s1w)
		check("Cur2 r", r, zero)
		reset()
		Cond2(G, GE, s, s2, r, kk)
		check("Cond2 G", G, func(i int) float64 { return G0[i] + o(i) })
		check("Cond2 GE", GE, func(i int) float64 { return GE0[i] + kk.ERev*o(i) })
		check("Cond2 s0", s, s0w)
		check("Cond2 s1", s2, s1w)
		check("Cond2 r", r, zero)
		reset()
		AddClear(I, r, false)
		check("AddClear J", I, func(i int) float64 { return I0[i] + x1[i] })
		check("AddClear r", r, zero)
		reset()
		AddClear(I, r, true)
		check("AddClear first J", I, func(i int) float64 { return x1[i] })
		check("AddClear first r", r, zero)
		SetAccelerated(prev)
	}
}

// TestCur1PairIsTwoCur1: the fused pass of two current receptors gives the
// bits of the two passes one after the other, which is what the network
// did before it fused them (I + C·x, then + C2·y); and first, on whatever
// I holds, gives the bits of clearing I and adding (signed zeros
// included: 0 + -0 is +0), for Cur1Pair and for Cur1.
func TestCur1PairIsTwoCur1(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 5))
	for _, acc := range []bool{false, true} {
		prev := SetAccelerated(acc)
		for n := 0; n < 40; n++ {
			for _, first := range []bool{false, true} {
				mk := func() []float64 {
					x := make([]float64, n)
					for i := range x {
						x[i] = hostileValue(rnd, 0.2)
					}
					return x
				}
				c := func() float64 { return []float64{rnd.NormFloat64(), 0, math.Copysign(0, -1)}[rnd.IntN(3)] }
				k, k2 := Recv1{A: rnd.Float64(), B: rnd.NormFloat64(), C: c()}, Recv1{A: rnd.Float64(), B: rnd.NormFloat64(), C: c()}
				I, s, r, s2, r2 := mk(), mk(), mk(), mk(), mk()
				// want: two Cur1 passes adding into I, cleared when first
				Ia, sa, ra, s2a, r2a := recvClone(I), recvClone(s), recvClone(r), recvClone(s2), recvClone(r2)
				if first {
					clear(Ia)
				}
				Cur1(Ia, sa, ra, k, false)
				Ione := recvClone(Ia) // after the first receptor alone
				Cur1(Ia, s2a, r2a, k2, false)
				// got: Cur1 alone with first, and the pair
				Ib, sb, rb := recvClone(I), recvClone(s), recvClone(r)
				Cur1(Ib, sb, rb, k, first)
				Cur1Pair(I, s, r, s2, r2, k, k2, first)
				for i := range I {
					if !sameFloat(I[i], Ia[i]) || !sameFloat(s[i], sa[i]) || !sameFloat(s2[i], s2a[i]) || r[i] != 0 || r2[i] != 0 {
						t.Fatalf("accelerated %v, first %v, n %d, element %d: pair I %v s %v s2 %v, two passes I %v s %v s2 %v", acc, first, n, i, I[i], s[i], s2[i], Ia[i], sa[i], s2a[i])
					}
					if !sameFloat(Ib[i], Ione[i]) || !sameFloat(sb[i], sa[i]) || rb[i] != 0 {
						t.Fatalf("accelerated %v, first %v, n %d, element %d: Cur1 I %v (%#x), want %v (%#x)", acc, first, n, i, Ib[i], math.Float64bits(Ib[i]), Ione[i], math.Float64bits(Ione[i]))
					}
				}
			}
		}
		SetAccelerated(prev)
	}
}

// TestAddClearFirst: first, on whatever J holds, gives the bits of
// clearing J and adding (0 + -0 is +0).
func TestAddClearFirst(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 1))
	for _, acc := range []bool{false, true} {
		prev := SetAccelerated(acc)
		for n := 0; n < 40; n++ {
			J, r := make([]float64, n), make([]float64, n)
			for i := range J {
				J[i], r[i] = hostileValue(rnd, 0.3), []float64{math.Copysign(0, -1), 0, rnd.NormFloat64()}[rnd.IntN(3)]
			}
			want, r2 := make([]float64, n), recvClone(r)
			AddClear(want, r2, false)
			AddClear(J, r, true)
			for i := range J {
				if math.Float64bits(J[i]) != math.Float64bits(want[i]) || r[i] != 0 {
					t.Fatalf("accelerated %v, n %d, element %d: J %v (%#x), want %v (%#x); r %v", acc, n, i, J[i], math.Float64bits(J[i]), want[i], math.Float64bits(want[i]), r[i])
				}
			}
		}
		SetAccelerated(prev)
	}
}

// TestRecvUnequalLengths: a length mismatch is a programming error and
// panics before anything is written.
func TestRecvUnequalLengths(t *testing.T) {
	for _, kern := range recvKernels {
		a := make([][]float64, kern.arrays)
		for j := range a {
			a[j] = []float64{1, 2, 3, 4, 5, 6, 7, 8}
		}
		a[len(a)-1] = a[len(a)-1][:7]
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: slices of lengths 8 and 7 did not panic", kern.name)
				}
			}()
			kern.run(a, make([]float64, 18))
		}()
		for j := range a {
			for i, x := range a[j] {
				if x != float64(i+1) {
					t.Errorf("%s: array %d element %d written (%v) before the panic", kern.name, j, i, x)
				}
			}
		}
	}
}

func recvClone(x []float64) []float64 { return append([]float64(nil), x...) }

// BenchmarkRecv times each kernel, generic and AVX2 alternately in the
// same process, at 4 000 elements (in cache) and 64 000 (the arrays of a
// pass outgrow L2), in ns per element.
func BenchmarkRecv(b *testing.B) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	for _, n := range []int{4000, 64000} {
		for _, kern := range recvKernels {
			a := make([][]float64, kern.arrays)
			rnd := rand.New(rand.NewPCG(7, 7))
			for j := range a {
				a[j] = make([]float64, n)
				for i := range a[j] {
					a[j][i] = rnd.Float64()
				}
			}
			// Coefficients that keep the states steady after the first
			// pass (A = 1; the two-state receptor's P rows average its
			// states), so that no value decays into the subnormals.
			k := make([]float64, 18)
			for i := range k {
				k[i] = 0.5
			}
			k[0], k[4] = 1, 1
			for _, acc := range []bool{false, true} {
				name := "generic"
				if acc {
					name = "avx2"
				}
				b.Run(fmt.Sprintf("%s/n=%d/%s", kern.name, n, name), func(b *testing.B) {
					if acc && !hasAVX2 {
						b.Skip("no AVX2")
					}
					SetAccelerated(acc)
					for b.Loop() {
						kern.run(a, k)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
				})
			}
		}
	}
}
