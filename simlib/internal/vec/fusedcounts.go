package vec

// The fused kernels with the receptors' slots held as counts (count rings,
// counts.go): each is ExpandCounts of each receptor's counts into its slot
// followed by the fused kernel on those slots (fused.go), with the same
// bits, but reads a byte per neuron and receptor instead of the float64
// slot, and clears the counts instead of the slot. The expansion pass and
// its scratch are gone: the slot values exist only in registers.

// Counts is a receptor's ring slot held as counts: the slot value of
// neuron i is Tab[Cnt[i]], and a pass that reads it clears Cnt[i].
type Counts struct {
	Cnt []uint8
	Tab *CountTable
}

// LIFCurrExactCounts is LIFCurrExactCur1 (s2 nil) or LIFCurrExactCur1Pair
// on the slots q (and q2) expands to, which it clears.
func LIFCurrExactCounts(c *LIF, v []float64, ref []int32, s []float64, q Counts, s2 []float64, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	return fusedCounts(currExact, "LIFCurrExactCounts", c, v, ref, s, q, s2, q2, k, k2, off, dst)
}

// LIFCondExpCounts is LIFCondExpCond1 (s2 nil) or LIFCondExpCond1Pair on
// the slots q (and q2) expands to, which it clears.
func LIFCondExpCounts(c *LIF, v []float64, ref []int32, s []float64, q Counts, s2 []float64, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	return fusedCounts(condExp, "LIFCondExpCounts", c, v, ref, s, q, s2, q2, k, k2, off, dst)
}

// LIFCondEulerCounts is LIFCondEulerCond1 (s2 nil) or
// LIFCondEulerCond1Pair on the slots q (and q2) expands to, which it
// clears.
func LIFCondEulerCounts(c *LIF, v []float64, ref []int32, s []float64, q Counts, s2 []float64, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	return fusedCounts(condEuler, "LIFCondEulerCounts", c, v, ref, s, q, s2, q2, k, k2, off, dst)
}

// countChunk is the neurons countsRange expands at a time, on the stack.
const countChunk = 64

// fusedCounts checks the lengths and tables (s2 nil: one receptor) and
// runs the count kernel of scheme on the neurons it can (fusedCountsAsm,
// with AVX-512) and countsRange on the rest.
func fusedCounts(scheme int, name string, c *LIF, v []float64, ref []int32, s []float64, q Counts, s2 []float64, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	pair := s2 != nil
	if pair {
		sameLen(name, len(v), len(ref), len(s), len(q.Cnt), len(s2), len(q2.Cnt))
	} else {
		sameLen(name, len(v), len(ref), len(s), len(q.Cnt))
	}
	if q.Tab == nil || pair && q2.Tab == nil {
		panic("vec." + name + ": a receptor's counts have no table")
	}
	rest := func(i, j int, dst []int32) ([]int32, bool) {
		return countsRange(scheme, name, c, v, ref, s, q, s2, q2, k, k2, off, i, j, dst)
	}
	i, fin := 0, true
	if accel && avx512 {
		dst, i, fin = fusedCountsAsm(scheme, c, v, ref, s, q, s2, q2, &k, &k2, off, dst, rest)
	}
	for ; i < len(v); i += countChunk {
		var f bool
		dst, f = rest(i, min(i+countChunk, len(v)), dst)
		fin = fin && f
	}
	return dst, fin
}

// countsRange expands the counts of neurons [i, j) (at most countChunk)
// into slots on the stack, which it clears, and runs the fused kernel of
// scheme on them.
func countsRange(scheme int, name string, c *LIF, v []float64, ref []int32, s []float64, q Counts, s2 []float64, q2 Counts, k, k2 Recv1, off, i, j int, dst []int32) ([]int32, bool) {
	var buf [2][countChunk]float64
	r := buf[0][:j-i]
	expandCountsGeneric(r, q.Cnt[i:j], q.Tab)
	var y, r2 []float64
	if s2 != nil {
		y, r2 = s2[i:j], buf[1][:j-i]
		expandCountsGeneric(r2, q2.Cnt[i:j], q2.Tab)
	}
	return fused(scheme, name, c, v[i:j], ref[i:j], s[i:j], r, y, r2, k, k2, off+i, dst)
}
