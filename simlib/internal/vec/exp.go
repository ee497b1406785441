package vec

import (
	"math"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// ExpNeg returns e^{-x} for the membrane decay of conductance-based models,
// within about two ulps of math.Exp and about three times faster: with
// k = round(-x·64/ln2), e^{-x} = 2^(k>>6) · 2^((k&63)/64) · e^r, where
// |r| <= ln2/128 and e^r is its Taylor polynomial to r^5 (truncation below
// 4e-17 relative). Outside [0, 700] (and for NaN) it returns pmath.Exp(-x).
//
// The LIF kernels (lif.go, lif_amd64.s) repeat these steps inline, lane by
// lane, in the same order: a change here must be made there too, and
// TestLIFCondExpMatchesExpNeg checks that they agree.
func ExpNeg(x float64) float64 {
	if !(x >= 0 && x <= 700) {
		return pmath.Exp(-x)
	}
	kf := (float64(-x*expInvLn2x64) + expShift) - expShift // round to an integer
	r := (-x - float64(kf*expLn2Hi)) - float64(kf*expLn2Lo)
	p := 1 + float64(r*(1+float64(r*(1.0/2+float64(r*(1.0/6+float64(r*(1.0/24+float64(r*(1.0/120))))))))))
	k := int64(kf)
	scale := math.Float64frombits(uint64(1023+(k>>6)) << 52) // 2^floor(k/64)
	return scale * expTable[k&63] * p
}

const (
	expInvLn2x64 = 64 / math.Ln2
	expLn2Hi     = 6.93147180369123816490e-01 / 64 // ln 2 split in two parts
	expLn2Lo     = 1.90821492927058770002e-10 / 64
	expShift     = 0x1.8p52 // adding and removing it rounds to an integer
	expMax       = 700      // above: pmath.Exp
)

// expTable[j] = 2^(j/64): the values math.Exp2(j/64) gives on amd64
// (Go 1.26.8), written out because math.Exp2 is assembly on arm64 and its
// Go code is fused on amd64 from GOAMD64=v3, which changes some last bits.
// TestExpTable checks each against 2^(j/64) computed with math/big.
var expTable = [64]float64{
	0x1p+00, 0x1.02c9a3e778061p+00, 0x1.059b0d3158574p+00, 0x1.0874518759bc8p+00,
	0x1.0b5586cf9890fp+00, 0x1.0e3ec32d3d1a2p+00, 0x1.11301d0125b51p+00, 0x1.1429aaea92dep+00,
	0x1.172b83c7d517bp+00, 0x1.1a35beb6fcb75p+00, 0x1.1d4873168b9aap+00, 0x1.2063b88628cd6p+00,
	0x1.2387a6e756238p+00, 0x1.26b4565e27cddp+00, 0x1.29e9df51fdee1p+00, 0x1.2d285a6e4030bp+00,
	0x1.306fe0a31b715p+00, 0x1.33c08b26416ffp+00, 0x1.371a7373aa9cbp+00, 0x1.3a7db34e59ff7p+00,
	0x1.3dea64c123422p+00, 0x1.4160a21f72e2ap+00, 0x1.44e086061892dp+00, 0x1.486a2b5c13cdp+00,
	0x1.4bfdad5362a27p+00, 0x1.4f9b2769d2ca7p+00, 0x1.5342b569d4f82p+00, 0x1.56f4736b527dap+00,
	0x1.5ab07dd485429p+00, 0x1.5e76f15ad2148p+00, 0x1.6247eb03a5584p+00, 0x1.6623882552224p+00,
	0x1.6a09e667f3bccp+00, 0x1.6dfb23c651a2fp+00, 0x1.71f75e8ec5f74p+00, 0x1.75feb564267c9p+00,
	0x1.7a11473eb0187p+00, 0x1.7e2f336cf4e62p+00, 0x1.82589994cce12p+00, 0x1.868d99b4492ecp+00,
	0x1.8ace5422aa0dcp+00, 0x1.8f1ae99157736p+00, 0x1.93737b0cdc5e5p+00, 0x1.97d829fde4e5p+00,
	0x1.9c49182a3f09p+00, 0x1.a0c667b5de565p+00, 0x1.a5503b23e255cp+00, 0x1.a9e6b5579fdbfp+00,
	0x1.ae89f995ad3aep+00, 0x1.b33a2b84f15fbp+00, 0x1.b7f76f2fb5e47p+00, 0x1.bcc1e904bc1d2p+00,
	0x1.c199bdd85529cp+00, 0x1.c67f12e57d14bp+00, 0x1.cb720dcef9069p+00, 0x1.d072d4a07897cp+00,
	0x1.d5818dcfba487p+00, 0x1.da9e603db3286p+00, 0x1.dfc97337b9b5fp+00, 0x1.e502ee78b3ff6p+00,
	0x1.ea4afa2a490dap+00, 0x1.efa1bee615a27p+00, 0x1.f50765b6e454p+00, 0x1.fa7c1819e90d8p+00,
}
