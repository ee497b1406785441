package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// lifState is the neurons' slices a LIF kernel reads and writes.
type lifState struct {
	v, g, ge, in, j []float64
	ref             []int32
}

func (s lifState) clone() lifState {
	return lifState{slices.Clone(s.v), slices.Clone(s.g), slices.Clone(s.ge), slices.Clone(s.in), slices.Clone(s.j), slices.Clone(s.ref)}
}

// sub is neurons [lo, hi) of s.
func (s lifState) sub(lo, hi int) lifState {
	return lifState{s.v[lo:hi], s.g[lo:hi], s.ge[lo:hi], s.in[lo:hi], s.j[lo:hi], s.ref[lo:hi]}
}

// lifKernel runs one kernel on s, appending spikes (off + index) to dst.
type lifKernel func(c *LIF, s lifState, off int, dst []int32) []int32

// lifKernels are the LIF kernels, generic and assembly (which is the
// generic kernel again in a build without assembly).
var lifKernels = []struct {
	name     string
	gen, asm lifKernel
}{
	{"CondExp",
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCondExpGo(c, s.v, s.ref, s.g, s.ge, s.in, s.j, off, dst)
		},
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCondExpAsm(c, s.v, s.ref, s.g, s.ge, s.in, s.j, off, dst)
		}},
	{"CondEuler",
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCondEulerGo(c, s.v, s.ref, s.g, s.ge, s.in, s.j, off, dst)
		},
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCondEulerAsm(c, s.v, s.ref, s.g, s.ge, s.in, s.j, off, dst)
		}},
	{"CurrExact",
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCurrExactGo(c, s.v, s.ref, s.in, s.j, off, dst)
		},
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCurrExactAsm(c, s.v, s.ref, s.in, s.j, off, dst)
		}},
	{"CurrEuler",
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCurrEulerGo(c, s.v, s.ref, s.in, s.j, off, dst)
		},
		func(c *LIF, s lifState, off int, dst []int32) []int32 {
			return lifCurrEulerAsm(c, s.v, s.ref, s.in, s.j, off, dst)
		}},
}

// testLIF returns the constants of a population as neuron.LIF builds them
// (Cm pF, TauM ms, dt ms, refractory steps), threshold th.
func testLIF(cm, tauM, vRest, vReset, iOffset, dt, th float64, nref int64) LIF {
	gl := cm / tauM
	prop := math.Exp(-dt / tauM) // any value will do for the comparison
	return LIF{GL: gl, Base: float64(gl*vRest) + iOffset, K: dt / cm, VRest: vRest, Prop: prop,
		R: (1 - prop) / gl, IOffset: iOffset, VReset: vReset, Th: th, NRef: nref}
}

// lifConsts are the populations the kernels are compared on: PyNN-like
// values, a threshold of NaN (advance only), ±Inf, no refractory period,
// and hostile constants.
var lifConsts = []LIF{
	testLIF(200, 20, -60, -60, 0, 0.1, -50, 50),
	testLIF(1000, 20, -65, -70, 120, 0.1, -50, 1),
	testLIF(250, 10, -70, -70, 0, 0.1, math.NaN(), 20),
	testLIF(250, 10, -70, -70, 0, 0.1, math.Inf(1), 20),
	testLIF(250, 10, -70, -70, 0, 0.1, math.Inf(-1), 3),
	testLIF(250, 10, -70, -70, 0, 0.1, -55, 0),
	testLIF(1e-300, 1e-300, 1e300, -1e300, 1e300, 1e300, 0, math.MaxInt32),
	testLIF(math.SmallestNonzeroFloat64, 1, -0.0, math.Copysign(0, -1), math.NaN(), 0.1, -0.5, 2),
}

// hostile are the values mixed into the inputs: NaNs with various payloads
// and signs, infinities, signed zeros, subnormals, the largest values, a
// conductance that takes K·gt beyond 700, one that makes gt negative or zero.
var hostile = []float64{
	math.NaN(), -math.NaN(), math.Float64frombits(0x7ff0000000000001), math.Float64frombits(0xfff8000000000123),
	math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324, -5e-324, 2.2250738585072e-308, -1e-310,
	math.MaxFloat64, -math.MaxFloat64, 1e7, 3e6, 1.4e6, -10, -1e3, -50, 700, 7000 + 1e-9,
}

// randomLIF fills n neurons near threshold with a fraction bad of hostile
// values, from r.
func randomLIF(r *rand.Rand, c LIF, n int, bad float64) lifState {
	s := lifState{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]int32, n)}
	pick := func(x float64) float64 {
		if r.Float64() < bad {
			return hostile[r.IntN(len(hostile))]
		}
		return x
	}
	for i := range n {
		th := c.Th
		if math.IsNaN(th) || math.IsInf(th, 0) {
			th = -50
		}
		s.v[i] = pick(th - 12 + 14*r.Float64())
		s.g[i] = pick(60 * r.Float64())
		s.ge[i] = pick(s.g[i] * (-80 + 80*r.Float64()))
		s.in[i] = pick(-300 + 1200*r.Float64())
		if r.IntN(10) == 0 {
			s.j[i] = pick(4 * r.Float64())
		} else {
			s.j[i] = pick(0)
		}
		switch k := r.IntN(12); {
		case k < 7:
		case k < 10:
			s.ref[i] = int32(1 + r.IntN(5))
		case k < 11:
			s.ref[i] = -int32(r.IntN(3))
		default:
			s.ref[i] = []int32{math.MaxInt32, math.MinInt32, 1}[r.IntN(3)]
		}
	}
	return s
}

// sameBits reports where a and b differ in their bits ("" if nowhere).
func sameBits(a, b lifState, sa, sb []int32) string {
	for _, f := range []struct {
		name string
		x, y []float64
	}{{"v", a.v, b.v}, {"g", a.g, b.g}, {"ge", a.ge, b.ge}, {"in", a.in, b.in}, {"j", a.j, b.j}} {
		for i := range f.x {
			if math.Float64bits(f.x[i]) != math.Float64bits(f.y[i]) && !(math.IsNaN(f.x[i]) && math.IsNaN(f.y[i])) {
				return fmt.Sprintf("%s[%d]: %v (%#x) vs %v (%#x)", f.name, i, f.x[i], math.Float64bits(f.x[i]), f.y[i], math.Float64bits(f.y[i]))
			}
		}
	}
	if !slices.Equal(a.ref, b.ref) {
		for i := range a.ref {
			if a.ref[i] != b.ref[i] {
				return fmt.Sprintf("ref[%d]: %d vs %d", i, a.ref[i], b.ref[i])
			}
		}
	}
	if !slices.Equal(sa, sb) {
		return fmt.Sprintf("spikes %v vs %v", sa, sb)
	}
	return ""
}

// needAsm skips a comparison that would compare the generic kernel with
// itself.
func needAsm(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no assembly kernels in this build or on this machine: nothing to compare")
	}
}

// Each assembly path (AVX2, AVX-512) and the generic kernels give the
// same bits of v, ref and the spikes, on every length from 0 to 70 at every start (aligned or not)
// and on blocks beyond lifBlock, for random inputs with hostile values
// mixed in, for each population of lifConsts; spikes are appended after
// what dst holds.
func TestLIFKernelsSameBits(t *testing.T) {
	needAsm(t)
	r := rand.New(rand.NewPCG(12, 1))
	lengths := kernelLengths()
	for _, p := range asmPaths() {
		restore := p.use()
		for _, k := range lifKernels {
			spikes, clamped, fallbacks := 0, 0, 0
			for ci, c := range lifConsts {
				for _, bad := range []float64{0, 0.02, 0.3} {
					for _, n := range lengths {
						for start := range 4 {
							all := randomLIF(r, c, start+n+3, bad)
							a, b := all.clone(), all.clone()
							prefix := []int32{-7, 3}
							sa := k.gen(&c, a.sub(start, start+n), 1000+start, slices.Clone(prefix))
							sb := k.asm(&c, b.sub(start, start+n), 1000+start, slices.Clone(prefix))
							if d := sameBits(a, b, sa, sb); d != "" {
								t.Fatalf("%s, population %d, bad %v, n %d, start %d: generic vs %s: %s", k.name, ci, bad, n, start, p.name, d)
							}
							spikes += len(sa) - len(prefix)
							for i := start; i < start+n; i++ {
								if all.ref[i] > 0 {
									clamped++
								}
								if x := float64(c.K * (c.GL + all.g[i])); !(x >= 0 && x <= expMax) && all.ref[i] <= 0 {
									fallbacks++
								}
							}
						}
					}
				}
			}
			// The comparison must have met spikes, clamped neurons and, for
			// the exponential, lanes outside the polynomial's range.
			if spikes < 1000 || clamped < 1000 || fallbacks < 100 {
				t.Errorf("%s, %s: %d spikes, %d clamped, %d lanes beyond the polynomial: too few to compare", k.name, p.name, spikes, clamped, fallbacks)
			}
		}
		restore()
	}
}

// Over many steps of a network-like drive (spiking, clamping, releasing),
// each assembly path and the generic kernels stay bit-identical.
func TestLIFKernelsSameBitsOverSteps(t *testing.T) {
	needAsm(t)
	const n, steps = 203, 3000
	for _, p := range asmPaths() {
		restore := p.use()
		for _, k := range lifKernels {
			c := lifConsts[0]
			r := rand.New(rand.NewPCG(5, 9))
			s := randomLIF(r, c, n, 0)
			clear(s.ref)
			a, b := s.clone(), s.clone()
			var sa, sb []int32
			total := 0
			for step := range steps {
				for i := range n { // the same fresh input to both
					a.g[i] = 30 * r.Float64()
					a.ge[i] = 0
					a.in[i] = 2000 * r.Float64()
					a.j[i] = 0
					if r.IntN(50) == 0 {
						a.j[i] = 2
					}
				}
				copy(b.g, a.g)
				copy(b.ge, a.ge)
				copy(b.in, a.in)
				copy(b.j, a.j)
				sa = k.gen(&c, a, 0, sa[:0])
				sb = k.asm(&c, b, 0, sb[:0])
				if d := sameBits(a, b, sa, sb); d != "" {
					t.Fatalf("%s step %d: generic vs %s: %s", k.name, step, p.name, d)
				}
				total += len(sa)
			}
			if total < n*steps/100 {
				t.Errorf("%s: %d spikes in %d neuron-steps: too few to compare", k.name, total, n*steps)
			}
		}
		restore()
	}
}

// The exponential inside LIFCondExp is ExpNeg's, bit for bit, on both
// paths: with vinf = 0, v = 1 and no jump the kernel's new v is e^{-K·gt}.
func TestLIFCondExpMatchesExpNeg(t *testing.T) {
	c := LIF{K: 0x1p-600, Th: math.NaN()} // gt = g, x = K·g exact
	var xs []float64
	for i := 0; i <= 100000; i++ {
		xs = append(xs, float64(i)*0.007, float64(i)*1e-9)
	}
	xs = append(xs, 700, math.Nextafter(700, 0), math.Nextafter(700, 800), 5e-324, -5e-324, 1e300)
	n := len(xs)
	s := lifState{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]int32, n)}
	for _, p := range allPaths() {
		restore := p.use()
		for i, x := range xs {
			s.v[i], s.g[i] = 1, x*0x1p600
			if x == 0 {
				s.g[i] = 5e-324 // K·g underflows to 0; gt = 0 would make vinf NaN
			}
		}
		LIFCondExp(&c, s.v, s.ref, s.g, s.ge, s.in, s.j, 0, nil)
		restore()
		for i := range xs {
			x := float64(c.K * (c.GL + s.g[i]))
			if want := ExpNeg(x); math.Float64bits(s.v[i]) != math.Float64bits(want) {
				t.Fatalf("%s: x = %v: kernel e^-x = %v, ExpNeg = %v", p.name, x, s.v[i], want)
			}
		}
	}
}

// The kernels do what their documentation says, on a hand-made case: a
// clamped neuron counts down at VReset, one crossing the threshold resets,
// is clamped and fires, others follow their equation.
func TestLIFKernelsSemantics(t *testing.T) {
	c := testLIF(200, 20, -60, -61, 10, 0.1, -50, 7)
	for _, p := range allPaths() {
		restore := p.use()
		for _, k := range lifKernels {
			const n = 9 // two groups of four and a tail
			s := lifState{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]int32, n)}
			for i := range n {
				s.v[i], s.in[i], s.g[i], s.ge[i] = -55, 100, 5, -300
			}
			s.ref[1] = 3
			s.v[5], s.j[5] = -50.5, 40 // fires
			s.v[8], s.j[8] = -49, 20   // fires in the tail
			kernel := map[string]lifKernel{"CondExp": func(c *LIF, s lifState, off int, dst []int32) []int32 {
				return LIFCondExp(c, s.v, s.ref, s.g, s.ge, s.in, s.j, off, dst)
			}, "CondEuler": func(c *LIF, s lifState, off int, dst []int32) []int32 {
				return LIFCondEuler(c, s.v, s.ref, s.g, s.ge, s.in, s.j, off, dst)
			}, "CurrExact": func(c *LIF, s lifState, off int, dst []int32) []int32 {
				return LIFCurrExact(c, s.v, s.ref, s.in, s.j, off, dst)
			}, "CurrEuler": func(c *LIF, s lifState, off int, dst []int32) []int32 {
				return LIFCurrEuler(c, s.v, s.ref, s.in, s.j, off, dst)
			}}[k.name]
			got := kernel(&c, s, 100, nil)
			if !slices.Equal(got, []int32{105, 108}) {
				t.Errorf("%s (%s): spikes %v, want [105 108]", k.name, p.name, got)
			}
			if s.v[1] != c.VReset || s.ref[1] != 2 {
				t.Errorf("%s: clamped neuron: v %v ref %d, want %v and 2", k.name, s.v[1], s.ref[1], c.VReset)
			}
			if s.v[5] != c.VReset || s.ref[5] != 7 || s.v[8] != c.VReset || s.ref[8] != 7 {
				t.Errorf("%s: fired neurons: v %v %v ref %d %d, want %v and 7", k.name, s.v[5], s.v[8], s.ref[5], s.ref[8], c.VReset)
			}
			var want float64 // neuron 0, by the kernel's documented equation
			switch v, g, ge, in := -55.0, 5.0, -300.0, 100.0; k.name {
			case "CondExp":
				gt := c.GL + g
				vinf := (c.Base + ge + in) / gt
				want = vinf + (v-vinf)*math.Exp(-c.K*gt)
			case "CondEuler":
				want = v + c.K*(c.Base-(c.GL+g)*v+ge+in)
			case "CurrExact":
				want = c.VRest + (v-c.VRest)*c.Prop + (in+c.IOffset)*c.R
			case "CurrEuler":
				want = v + c.K*(c.Base-c.GL*v+in)
			}
			if math.Abs(s.v[0]-want) > 1e-12 || s.ref[0] != 0 {
				t.Errorf("%s: v = %v, want %v (ref %d, want 0)", k.name, s.v[0], want, s.ref[0])
			}
		}
		restore()
	}
}

// The kernels allocate nothing when dst has room.
func TestLIFKernelsAllocateNothing(t *testing.T) {
	c := lifConsts[0]
	s := randomLIF(rand.New(rand.NewPCG(1, 2)), c, 1000, 0)
	dst := make([]int32, 0, 1000)
	for _, k := range lifKernels {
		if a := testing.AllocsPerRun(20, func() { dst = k.gen(&c, s, 0, dst[:0]) }); a != 0 {
			t.Errorf("%s, generic: %v allocations", k.name, a)
		}
		if a := testing.AllocsPerRun(20, func() { dst = k.asm(&c, s, 0, dst[:0]) }); a != 0 {
			t.Errorf("%s, assembly: %v allocations", k.name, a)
		}
	}
}

// A mismatch of lengths is a programming error: the wrapper panics rather
// than read past a slice.
func TestLIFKernelsLengthMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic on slices of different lengths")
		}
	}()
	c := lifConsts[0]
	LIFCurrExact(&c, make([]float64, 8), make([]int32, 8), make([]float64, 7), make([]float64, 8), 0, nil)
}

// kernelLengths are the lengths the LIF, fused and count kernels' tests
// run: every one from 0 to 70 (the tails after groups of four and
// eight) and some around and beyond lifBlock.
func kernelLengths() []int {
	var lengths []int
	for n := 0; n <= 70; n++ {
		lengths = append(lengths, n)
	}
	return append(lengths, lifBlock-1, lifBlock, lifBlock+5, 2*lifBlock+63)
}
