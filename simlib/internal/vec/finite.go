package vec

// SumFinite reports whether a sum of v's elements, taken in an order of
// the kernel's choosing, is finite. True proves that every element is
// finite: a NaN term makes every later partial sum NaN, an infinite term
// makes it infinite or NaN (Inf + finite = Inf, Inf + -Inf = NaN, and
// nothing brings a non-finite sum back), and the partial sums are
// combined by addition, which keeps that. False means that some element
// is NaN or infinite, or that finite elements overflowed the sum; the
// caller then scans the elements one by one, so the order of the sum (four
// partial sums in the generic kernel, sixteen in the assembly) changes
// only how often that scan runs for overflowing values, never the answer.
func SumFinite(v []float64) bool {
	m := 0
	s := 0.0
	if accel && len(v) >= 4 {
		m = len(v) &^ 3
		s = sumAsm(m, &v[0])
	}
	s += sumGeneric(v[m:])
	return s-s == 0
}

// sumGeneric is four partial sums: independent chains, which the CPU
// overlaps.
func sumGeneric(v []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(v); i += 4 {
		s0 += v[i]
		s1 += v[i+1]
		s2 += v[i+2]
		s3 += v[i+3]
	}
	for ; i < len(v); i++ {
		s0 += v[i]
	}
	return s0 + s1 + s2 + s3
}
