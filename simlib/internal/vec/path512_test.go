package vec

import "testing"

// simdPath is one way the kernels run: generic Go, AVX2 or AVX-512.
type simdPath struct {
	name          string
	accel, avx512 bool
}

// asmPaths are the assembly paths this machine and build have: AVX2, and
// AVX-512 (for the kernels with an eight-lane version; the others run
// AVX2 on it). None in a build without assembly.
func asmPaths() []simdPath {
	var ps []simdPath
	if hasAVX2 {
		ps = append(ps, simdPath{"avx2", true, false})
	}
	if hasAVX512 {
		ps = append(ps, simdPath{"avx512", true, true})
	}
	return ps
}

// allPaths are the generic path and the assembly paths.
func allPaths() []simdPath { return append([]simdPath{{"generic", false, false}}, asmPaths()...) }

// use switches the kernels to p and returns what restores the setting
// before.
func (p simdPath) use() (restore func()) {
	acc, wide := SetAccelerated(p.accel), SetAVX512(p.avx512)
	return func() { SetAccelerated(acc); SetAVX512(wide) }
}

// TestSetAVX512: the AVX-512 kernels run only with the assembly on, on a
// machine that has them, when switched on; GOLGI_SIMD=avx2 (read at start)
// is what SetAVX512(false) does.
func TestSetAVX512(t *testing.T) {
	acc, wide := SetAccelerated(true), SetAVX512(false)
	defer func() { SetAccelerated(acc); SetAVX512(wide) }()
	if AVX512() {
		t.Fatal("SetAVX512(false) left the AVX-512 kernels on")
	}
	SetAVX512(true)
	if AVX512() != hasAVX512 {
		t.Fatalf("SetAVX512(true): AVX512() = %v, machine has AVX-512 kernels: %v", AVX512(), hasAVX512)
	}
	SetAccelerated(false)
	if AVX512() {
		t.Fatal("SetAccelerated(false) left the AVX-512 kernels on")
	}
	if hasAVX512 && !hasAVX2 {
		t.Fatal("AVX-512 kernels without the AVX2 ones, which do their tails")
	}
}
