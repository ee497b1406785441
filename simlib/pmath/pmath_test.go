package pmath

import (
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
)

// inputs returns special values and 200000 deterministic draws spread over
// [lo, hi], half uniform and half on a logarithmic scale near 0.
func inputs(lo, hi float64) []float64 {
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1e-300, -1e-300, 5e-324, 1e-20, -1e-20,
		math.Ln2 / 2, 3 * math.Ln2 / 2, 56 * math.Ln2, 709.78, -745, -708, 708, 1e10, -1e10,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		xs = append(xs, lo+(hi-lo)*r.Float64())
		s := math.Pow(10, -20*r.Float64())
		if r.IntN(2) == 0 {
			s = -s
		}
		xs = append(xs, s)
	}
	return xs
}

// ulps returns how many float64 values lie between a and b (0 if both are
// NaN or equal).
func ulps(a, b float64) float64 {
	if a == b || math.IsNaN(a) && math.IsNaN(b) {
		return 0
	}
	if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) || math.Signbit(a) != math.Signbit(b) {
		return math.Inf(1)
	}
	ia, ib := int64(math.Float64bits(math.Abs(a))), int64(math.Float64bits(math.Abs(b)))
	return math.Abs(float64(ia - ib))
}

// cpuHasFMA reports whether math.Exp takes its FMA path (amd64 with AVX
// and FMA), from /proc/cpuinfo.
func cpuHasFMA(t *testing.T) bool {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Logf("cannot read /proc/cpuinfo (%v): not comparing Exp with math.Exp bit for bit", err)
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "flags") {
			f := " " + line + " "
			return strings.Contains(f, " avx ") && strings.Contains(f, " fma ")
		}
	}
	return false
}

// Every function is within two ulps of the standard library's on every
// architecture (both are within one ulp of the true value; Hypot's 1+q²
// fused on arm64 moves it by up to two; Pow, whose error is that of
// Exp(yf·Log(x)), within 8), and bit for bit equal to it where
// the standard library takes the same path: math.Log and Log10 on amd64
// (assembly without FMA), math.Exp and Pow on amd64 with FMA (its FMA
// path), and Expm1,
// Log1p, Hypot on amd64 below GOAMD64=v3 (Go code, not fused).
func TestMatchesStd(t *testing.T) {
	amd64 := runtime.GOARCH == "amd64"
	fma := amd64 && cpuHasFMA(t)
	cases := []struct {
		name   string
		f, std func(float64) float64
		lo, hi float64
		ulps   float64 // tolerance against math
		exact  bool
	}{
		{"Exp", Exp, math.Exp, -750, 710, 2, fma},
		{"Expm1", Expm1, math.Expm1, -40, 710, 2, amd64 && stdUnfused},
		{"Log", Log, math.Log, 0, 1e6, 2, amd64},
		{"Log1p", Log1p, math.Log1p, -1, 1e6, 2, amd64 && stdUnfused},
		{"Log10", Log10, math.Log10, 0, 1e6, 2, amd64},
		{"Pow(10, x)", func(x float64) float64 { return Pow(10, x) }, func(x float64) float64 { return math.Pow(10, x) }, -300, 300, 8, fma},
		{"Pow(|x|+0.5, 7.25)", func(x float64) float64 { return Pow(math.Abs(x)+0.5, 7.25) }, func(x float64) float64 { return math.Pow(math.Abs(x)+0.5, 7.25) }, -50, 50, 8, fma},
		{"Hypot", func(x float64) float64 { return Hypot(x, 0.75*x+3) }, func(x float64) float64 { return math.Hypot(x, 0.75*x+3) }, -1e3, 1e3, 3, amd64 && stdUnfused},
	}
	for _, c := range cases {
		worst, differ := 0.0, 0
		xs := inputs(c.lo, c.hi)
		for _, x := range xs {
			got, want := c.f(x), c.std(x)
			if (c.name == "Log" || c.name == "Log10") && x > 0 && x < 0x1p-1022 {
				// amd64's assembly mishandles subnormals
				want = c.std(x*0x1p54) - 54*c.std(2)
				if u := ulps(got, want); u > 1 {
					t.Errorf("%s(%g) = %v, want %v", c.name, x, got, want)
				}
				continue
			}
			if c.name == "Exp" && math.IsInf(want, 1) && x < 709.79 {
				want = math.Exp(x-1) * math.E // amd64's math.Exp overflows early
				if u := ulps(got, want); u > 2 {
					t.Errorf("Exp(%v) = %v, want %v", x, got, want)
				}
				continue
			}
			u := ulps(got, want)
			if u > 0 {
				differ++
			}
			worst = max(worst, u)
			if u > c.ulps || c.exact && u != 0 {
				t.Errorf("%s(%v) = %v (%#x), math: %v (%#x)", c.name, x, got, math.Float64bits(got), want, math.Float64bits(want))
				break
			}
		}
		t.Logf("%s: %d inputs, %d differ from the math package (at most %v ulp); bit-exact check: %v", c.name, len(xs), differ, worst, c.exact)
	}
}

// Known values: e^1, ln 2, expm1 and log1p near 0, 3-4-5.
func TestValues(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"Exp(1)", Exp(1), math.E},
		{"Exp(0)", Exp(0), 1},
		{"Exp(-Inf)", Exp(math.Inf(-1)), 0},
		{"Log(2)", Log(2), math.Ln2},
		{"Log(1)", Log(1), 0},
		{"Log(e)", Log(math.E), 1},
		{"Expm1(1e-10)", Expm1(1e-10), 1.00000000005e-10},
		{"Log1p(1e-10)", Log1p(1e-10), 9.9999999995e-11},
		{"Hypot(3, 4)", Hypot(3, 4), 5},
		{"Log10(1000)", Log10(1000), 3},
		{"Pow(2, 10)", Pow(2, 10), 1024},
		{"Pow(10, -3)", Pow(10, -3), 0.001},
		{"Pow(2, 0.5)", Pow(2, 0.5), math.Sqrt2},
		{"Pow(-2, 3)", Pow(-2, 3), -8},
		{"Hypot(3e300, 4e300)", Hypot(3e300, 4e300), 5e300},
	} {
		if ulps(c.got, c.want) > 1 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !math.IsNaN(Log(-1)) || !math.IsInf(Log(0), -1) || !math.IsInf(Exp(710), 1) || Expm1(-50) != -1 || !math.IsNaN(Log1p(-2)) {
		t.Errorf("special values: Log(-1) %v, Log(0) %v, Exp(710) %v, Expm1(-50) %v, Log1p(-2) %v", Log(-1), Log(0), Exp(710), Expm1(-50), Log1p(-2))
	}
}
