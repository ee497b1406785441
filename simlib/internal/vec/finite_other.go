//go:build !amd64 || purego

package vec

// sumAsm is never called without assembly (Accelerated is false); it
// exists for the build.
func sumAsm(n int, v *float64) float64 { return sumGeneric(unsafeSlice(v, n)) }
