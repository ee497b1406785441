//go:build !amd64 || purego

package vec

// expandCountsAVX512 and scatterCountsAsm are never called without
// assembly (Accelerated is false); they exist for the build.
func expandCountsAVX512(dst *float64, cnt *uint8, tab *CountTable, n int) {
	panic("vec: expandCountsAVX512 without assembly")
}

func scatterCountsAsm(cnt []uint8, tgt []int32, index []uint32, stride int, spikes []int32) (done, bad int) {
	panic("vec: scatterCountsAsm without assembly")
}
