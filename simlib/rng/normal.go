package rng

import (
	"math"
	"math/rand/v2"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// Normal returns a standard normal number drawn from r by the ziggurat
// method of Marsaglia and Tsang ("The Ziggurat Method for Generating
// Random Variables", J. Stat. Softw. 5(8), 2000) with 128 strips, drawing
// from r exactly as math/rand/v2's NormFloat64 does and giving the same
// values as it does on amd64 below GOAMD64=v3, but the same bits on every
// architecture: NormFloat64 calls math.Log and math.Exp and its float32
// rejection test may be fused, so on arm64 about one draw in 100000 (a
// tail value) differs in its last bit. The tables are computed once by the
// paper's set-up procedure, in float64 with pmath, rounded as NormFloat64's.
func Normal(r *rand.Rand) float64 {
	for {
		u := r.Uint64()
		j := int32(u) // signed: the sign of the result
		i := u >> 32 & 0x7F
		x := float64(j) * float64(zig.w[i])
		if absInt32(j) < zig.k[i] {
			return x // inside the strip's rectangle: about 99% of draws
		}
		if i == 0 {
			// The base strip's tail beyond zigR, by Marsaglia's method.
			for {
				x = float64(-pmath.Log(r.Float64()) * (1.0 / zigR))
				y := -pmath.Log(r.Float64())
				if y+y >= float64(x*x) {
					break
				}
			}
			if j > 0 {
				return zigR + x
			}
			return -zigR - x
		}
		// The wedge between the rectangle and the density.
		if zig.f[i]+float32(float32(r.Float64())*(zig.f[i-1]-zig.f[i])) < float32(pmath.Exp(float64(-.5*x)*x)) {
			return x
		}
	}
}

func absInt32(i int32) uint32 {
	if i < 0 {
		return uint32(-i)
	}
	return uint32(i)
}

// zigR is where the tail starts, and zigV the area of each strip.
const (
	zigR = 3.442619855899
	zigV = 9.91256303526217e-3
)

// zig holds the ziggurat: k[i] the fast-acceptance bound of strip i (in
// units of 2^-31 of its width), w[i] its width over 2^31, f[i] the
// density at its edge.
var zig = func() (z struct {
	k [128]uint32
	w [128]float32
	f [128]float32
}) {
	const m = 1 << 31
	dn, tn := zigR, zigR
	q := zigV / pmath.Exp(float64(-.5*dn)*dn)
	z.k[0] = uint32((dn / q) * m)
	z.k[1] = 0
	z.w[0] = float32(q / m)
	z.w[127] = float32(dn / m)
	z.f[0] = 1
	z.f[127] = float32(pmath.Exp(float64(-.5*dn) * dn))
	for i := 126; i >= 1; i-- {
		dn = math.Sqrt(-2 * pmath.Log(zigV/dn+pmath.Exp(float64(-.5*dn)*dn)))
		z.k[i+1] = uint32((dn / tn) * m)
		tn = dn
		z.f[i] = float32(pmath.Exp(float64(-.5*dn) * dn))
		z.w[i] = float32(dn / m)
	}
	return
}()
