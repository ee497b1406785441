//go:build amd64 && !purego

package vec

// scatterRowsAsm (scatter_amd64.s) is ScatterRows with prefetching ahead,
// W0 added when wt is nil, else wt[k] (wt at least as long as tgt). It
// returns the spikes delivered in full; fewer than len(spikes) when the
// next one's row is outside index or tgt (bad = -1) or its synapse bad has
// a target outside slot (the synapses before bad are added).
//
//go:noescape
func scatterRowsAsm(slot []float64, tgt []int32, wt *float64, index []uint32, stride int, spikes []int32, w0 float64) (done, bad int)
