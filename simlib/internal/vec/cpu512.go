package vec

import "os"

// avx512 is whether the kernels that have an AVX-512 version use it when
// the assembly is on (see AVX512).
var avx512 = hasAVX512 && os.Getenv("GOLGI_SIMD") != "avx2"

// AVX512 reports whether the kernels that have an AVX-512 version (eight
// float64 lanes: LIFCondExp) run it; the others stay AVX2. It needs the
// assembly on (Accelerated), a CPU with AVX-512 F, DQ and VL whose OS saves
// the ZMM and mask registers, and no GOLGI_SIMD=avx2 in the environment.
// The bits are the same on every path.
func AVX512() bool { return accel && avx512 }

// SetAVX512 switches the AVX-512 kernels on or off (under Accelerated) and
// returns the previous setting; on is ignored where the machine or the
// build has none. For tests and benchmarks; not safe while a network runs.
func SetAVX512(on bool) (prev bool) {
	prev = avx512
	avx512 = on && hasAVX512
	return prev
}
