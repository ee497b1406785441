//go:build amd64 && !purego

package vec

import "math"

// expConsts are ExpNeg's constants four times over, the memory operands
// of the assembly's exponential (lif_amd64.s): the assembly computes with
// the very values of the Go code.
type expConsts struct {
	invLn2x64, shift, ln2Hi, ln2Lo [4]float64
	max, sign                      [4]float64 // 700 (the polynomial's range) and -0 (to negate)
	c120, c24, c6, c2, one         [4]float64 // the Taylor coefficients, innermost first
	bias, low6                     [4]uint64  // 1023·64 and 63, for the integer steps
	perm                           [8]uint32  // VPERMD's pick of the low halves of four int64
}

var expC = expConsts{
	invLn2x64: four(expInvLn2x64), shift: four(expShift), ln2Hi: four(expLn2Hi), ln2Lo: four(expLn2Lo),
	max: four(expMax), sign: four(math.Float64frombits(1 << 63)),
	c120: four(1.0 / 120), c24: four(1.0 / 24), c6: four(1.0 / 6), c2: four(1.0 / 2), one: four(1),
	bias: [4]uint64{1023 * 64, 1023 * 64, 1023 * 64, 1023 * 64}, low6: [4]uint64{63, 63, 63, 63},
	perm: [8]uint32{0, 2, 4, 6, 0, 2, 4, 6},
}

func four(x float64) [4]float64 { return [4]float64{x, x, x, x} }
