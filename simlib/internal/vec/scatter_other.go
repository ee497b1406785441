//go:build !amd64 || purego

package vec

// scatterRowsAsm is never called without assembly (Accelerated is false);
// it exists for the build.
func scatterRowsAsm(slot []float64, tgt []int32, wt *float64, index []uint32, stride int, spikes []int32, w0 float64) (done, bad int) {
	panic("vec: scatterRowsAsm without assembly")
}
