//go:build amd64 && !purego

package vec

// expandCountsAVX512 (counts_amd64.s) is expandCountsGeneric for n counts,
// n a positive multiple of 64.
//
//go:noescape
func expandCountsAVX512(dst *float64, cnt *uint8, tab *CountTable, n int)

// scatterCountsAsm (counts_amd64.s) is ScatterCounts with prefetching
// ahead; done and bad as scatterRowsAsm's.
//
//go:noescape
func scatterCountsAsm(cnt []uint8, tgt []int32, index []uint32, stride int, spikes []int32) (done, bad int)
