//go:build !amd64 || purego

package vec

// Without the assembly fusedCounts never takes this (accel is false).
func fusedCountsAsm(scheme int, c *LIF, v []float64, ref []int32, s []float64, q Counts, s2 []float64, q2 Counts, k, k2 *Recv1, off int, dst []int32, rest func(i, j int, dst []int32) ([]int32, bool)) ([]int32, int, bool) {
	return dst, 0, true
}
