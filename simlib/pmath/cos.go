package pmath

import "math"

// Cody-Waite reduction constants (π/4 in three parts whose products with
// integers below 2^29 are exact or nearly so) and the minimax polynomials
// of Moshier's Cephes library (sin.c) for sin and cos on [-π/4, π/4].
const (
	pi4A = 7.85398125648498535156e-1
	pi4B = 3.77489470793079817668e-8
	pi4C = 2.69515142907905952645e-15

	sin0, sin1, sin2 = 1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6
	sin3, sin4, sin5 = -1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1
	cos0, cos1, cos2 = -1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7
	cos3, cos4, cos5 = 2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2

	// CosMaxArg is the largest |x| Cos reduces accurately.
	CosMaxArg = 1 << 29
)

// Cos returns the cosine of x (radians), the same bits on every
// architecture, by Cephes' method as math.Cos computes it below 2^29:
// reduction to the octant by the three-part π/4 and a degree-6
// polynomial in z² for sin or cos of the remainder. It equals math.Cos
// bit for bit on amd64 below GOAMD64=v3 for |x| < CosMaxArg. Beyond
// CosMaxArg (where math.Cos needs a Payne-Hanek reduction) and for ±Inf
// and NaN it returns NaN: simlib's arguments are within a few π.
func Cos(x float64) float64 {
	x = math.Abs(x)
	if !(x < CosMaxArg) {
		return math.NaN()
	}
	j := uint64(x * (4 / math.Pi)) // octant
	y := float64(j)
	if j&1 == 1 {
		j++
		y++
	}
	j &= 7
	z := float64(float64(x-float64(y*pi4A))-float64(y*pi4B)) - float64(y*pi4C)
	neg := false
	if j > 3 {
		j -= 4
		neg = !neg
	}
	if j > 1 {
		neg = !neg
	}
	zz := float64(z * z)
	var c float64
	if j == 1 || j == 2 {
		p := float64(float64(sin0*zz) + sin1)
		p = float64(float64(p*zz) + sin2)
		p = float64(float64(p*zz) + sin3)
		p = float64(float64(p*zz) + sin4)
		p = float64(float64(p*zz) + sin5)
		c = z + float64(float64(z*zz)*p)
	} else {
		p := float64(float64(cos0*zz) + cos1)
		p = float64(float64(p*zz) + cos2)
		p = float64(float64(p*zz) + cos3)
		p = float64(float64(p*zz) + cos4)
		p = float64(float64(p*zz) + cos5)
		c = float64(1.0-float64(0.5*zz)) + float64(float64(zz*zz)*p)
	}
	if neg {
		return -c
	}
	return c
}
