package pmath

import "math"

// Exp returns e^x, the same bits on every architecture (see the package
// documentation).
func Exp(x float64) float64 {
	const (
		log2e    = 1.4426950408889634073599246810018920        // 1/ln 2
		ln2U     = 0.69314718055966295651160180568695068359375 // upper part of ln 2
		ln2L     = 0.28235290563031577122588448175013436025525412068e-12
		overflow = 7.09782712893384e+02
		// 1/n!, n = 8 .. 3: the Taylor coefficients of e^r - 1 - r - r²/2.
		c8 = 2.4801587301587301587e-5
		c7 = 1.9841269841269841270e-4
		c6 = 1.3888888888888888889e-3
		c5 = 8.3333333333333333333e-3
		c4 = 4.1666666666666666667e-2
		c3 = 1.6666666666666666667e-1
	)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return 0
	case x > overflow:
		return math.Inf(1)
	}
	// k = x/ln 2 rounded to the nearest integer (ties to even); beyond the
	// int32 range the conversion gives math.MinInt32, as the x86
	// instruction does, and the result underflows to 0 below.
	k := int32(math.MinInt32)
	if t := math.RoundToEven(float64(x * log2e)); t >= math.MinInt32 && t <= math.MaxInt32 {
		k = int32(t)
	}
	fk := float64(k)
	// r = x - k·ln 2, in two fused steps, then divided by 16.
	r := math.FMA(-fk, ln2U, x)
	r = math.FMA(-fk, ln2L, r)
	r *= 0.0625
	// y = e^r - 1 = r·(1 + r/2 + r²/6 + ... + r⁷/8!).
	p := math.FMA(c8, r, c7)
	p = math.FMA(p, r, c6)
	p = math.FMA(p, r, c5)
	p = math.FMA(p, r, c4)
	p = math.FMA(p, r, c3)
	p = math.FMA(p, r, 0.5)
	p = math.FMA(p, r, 1)
	y := float64(r * p)
	// e^{2s} - 1 = (e^s - 1)(e^s - 1 + 2), four times: e^{16r} - 1, and
	// the last step adds the 1. (The conversions keep the products
	// rounded: Go may fuse a product with an addition in a later
	// statement.)
	y = float64(y * (y + 2))
	y = float64(y * (y + 2))
	y = float64(y * (y + 2))
	y = math.FMA(y, y+2, 1)
	// Multiply by 2^k, in two steps when the result is subnormal or k is
	// 1024. (Go's amd64 assembly returns +Inf when k is 1024, for x in
	// [709.44, 709.78], where e^x is finite: the one place it differs.)
	e := int64(k) + 1023
	switch {
	case e > 0x7FF:
		return math.Inf(1)
	case e == 0x7FF: // 2^1024 is not a float64; y < 1 here
		return y * 2 * 0x1p1023
	case e > 0:
		return y * math.Float64frombits(uint64(e)<<52)
	case e < -52:
		return 0
	}
	y *= math.Float64frombits(uint64(e+1022) << 52)
	return y * math.Float64frombits(1<<52) // 2^-1022
}

// Expm1 returns e^x - 1, accurate also for x near 0, the same bits on
// every architecture (see the package documentation).
func Expm1(x float64) float64 {
	const (
		othreshold = 7.09782712893383973096e+02 // above: overflow
		ln2X56     = 3.88162421113569373274e+01 // 56·ln 2
		ln2HalfX3  = 1.03972077083991796413e+00 // 1.5·ln 2
		ln2Half    = 3.46573590279972654709e-01 // 0.5·ln 2
		ln2Hi      = 6.93147180369123816490e-01 // ln 2 in two parts
		ln2Lo      = 1.90821492927058770002e-10
		invLn2     = 1.44269504088896338700e+00
		tiny       = 1.0 / (1 << 54)
		// fdlibm's rational approximation on [0, 0.5·ln 2].
		q1 = -3.33333333333331316428e-02
		q2 = 1.58730158725481460165e-03
		q3 = -7.93650757867487942473e-05
		q4 = 4.00821782732936239552e-06
		q5 = -2.01099218183624371326e-07
	)
	switch {
	case math.IsInf(x, 1) || math.IsNaN(x):
		return x
	case math.IsInf(x, -1):
		return -1
	}
	absx, neg := x, x < 0
	if neg {
		absx = -x
	}
	if absx >= ln2X56 {
		if neg {
			return -1
		}
		if absx >= othreshold {
			return math.Inf(1)
		}
	}
	// Reduce x to hi - lo = x - k·ln 2, |x - k·ln 2| <= 0.5·ln 2, with c
	// the rounding error of hi - lo.
	var c float64
	var k int
	switch {
	case absx > ln2Half:
		var hi, lo float64
		if absx < ln2HalfX3 {
			if !neg {
				hi, lo, k = x-ln2Hi, ln2Lo, 1
			} else {
				hi, lo, k = x+ln2Hi, -ln2Lo, -1
			}
		} else {
			if !neg {
				k = int(float64(invLn2*x) + 0.5)
			} else {
				k = int(float64(invLn2*x) - 0.5)
			}
			t := float64(k)
			hi = x - float64(t*ln2Hi) // exact
			lo = float64(t * ln2Lo)
		}
		x = hi - lo
		c = (hi - x) - lo
	case absx < tiny:
		return x
	}
	hfx := 0.5 * x
	hxs := float64(x * hfx)
	r1 := 1 + float64(hxs*(q1+float64(hxs*(q2+float64(hxs*(q3+float64(hxs*(q4+float64(hxs*q5)))))))))
	t := 3 - float64(r1*hfx)
	e := float64(hxs * ((r1 - t) / (6.0 - float64(x*t))))
	if k == 0 {
		return x - (float64(x*e) - hxs)
	}
	e = float64(x*(e-c)) - c
	e -= hxs
	switch {
	case k == -1:
		return float64(0.5*(x-e)) - 0.5
	case k == 1:
		if x < -0.25 {
			return -2 * (e - (x + 0.5))
		}
		return 1 + float64(2*(x-e))
	case k <= -2 || k > 56: // e^x - 1 is e^x here
		y := 1 - (e - x)
		y = math.Float64frombits(math.Float64bits(y) + uint64(k)<<52) // y·2^k
		return y - 1
	case k < 20:
		t := math.Float64frombits(0x3ff0000000000000 - (0x20000000000000 >> uint(k))) // 1 - 2^-k
		y := t - (e - x)
		return math.Float64frombits(math.Float64bits(y) + uint64(k)<<52)
	}
	t = math.Float64frombits(uint64(0x3ff-k) << 52) // 2^-k
	y := x - (e + t)
	y++
	return math.Float64frombits(math.Float64bits(y) + uint64(k)<<52)
}
