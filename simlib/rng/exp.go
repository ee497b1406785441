package rng

import (
	"math/rand/v2"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// Exp returns an exponential number with rate 1 (mean 1) drawn from r by
// the ziggurat method of Marsaglia and Tsang ("The Ziggurat Method for
// Generating Random Variables", J. Stat. Softw. 5(8), 2000) with 256
// strips, drawing from r exactly as math/rand/v2's ExpFloat64 does and
// giving the same values as it does on amd64 below GOAMD64=v3, but the
// same bits on every architecture: ExpFloat64 calls math.Log and math.Exp
// and its float32 rejection test may be fused. The tables are computed
// once by the paper's set-up procedure, in float64 with pmath, rounded as
// ExpFloat64's.
func Exp(r *rand.Rand) float64 {
	for {
		u := r.Uint64()
		j := uint32(u)
		i := uint8(u >> 32)
		x := float64(j) * float64(ezig.w[i])
		if j < ezig.k[i] {
			return x // inside the strip's rectangle: about 99% of draws
		}
		if i == 0 {
			return ezigR - pmath.Log(r.Float64()) // the tail beyond ezigR
		}
		// The wedge between the rectangle and the density.
		if ezig.f[i]+float32(float32(r.Float64())*(ezig.f[i-1]-ezig.f[i])) < float32(pmath.Exp(-x)) {
			return x
		}
	}
}

// ezigR is where the tail starts, and ezigV the area of each strip.
const (
	ezigR = 7.69711747013104972
	ezigV = 3.949659822581572e-3
)

// ezig holds the ziggurat: k[i] the fast-acceptance bound of strip i (in
// units of 2^-32 of its width), w[i] its width over 2^32, f[i] the
// density at its edge.
var ezig = func() (z struct {
	k [256]uint32
	w [256]float32
	f [256]float32
}) {
	const m = 1 << 32
	de, te := ezigR, ezigR
	q := ezigV / pmath.Exp(-de)
	z.k[0] = uint32((de / q) * m)
	z.k[1] = 0
	z.w[0] = float32(q / m)
	z.w[255] = float32(de / m)
	z.f[0] = 1
	z.f[255] = float32(pmath.Exp(-de))
	for i := 254; i >= 1; i-- {
		de = -pmath.Log(ezigV/de + pmath.Exp(-de))
		z.k[i+1] = uint32((de / te) * m)
		te = de
		z.f[i] = float32(pmath.Exp(-de))
		z.w[i] = float32(de / m)
	}
	return
}()
