package vec

import "os"

// accel is whether the assembly kernels are used (see Accelerated).
var accel = hasAVX2 && os.Getenv("GOLGI_SIMD") != "off"

// Accelerated reports whether the kernels run as AVX2 assembly; false
// means the generic Go kernels, which give the same bits.
func Accelerated() bool { return accel }

// SetAccelerated switches the assembly kernels on or off and returns the
// previous setting; on is ignored where the machine (or the build) has no
// assembly kernels. It is for tests and benchmarks that compare the two
// paths, and is not safe to call while a network is running.
func SetAccelerated(on bool) (prev bool) {
	prev = accel
	accel = on && hasAVX2
	return prev
}
