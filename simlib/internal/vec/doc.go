// Package vec holds simlib's vector kernels: the inner loops of the
// neuron, receptor and delivery passes written once in plain Go (the
// generic kernels, which every machine can run) and, on amd64 with AVX2,
// once more in Go assembly that processes four float64 lanes at a time.
// The delivery kernel (ScatterRows, scatter.go) is scalar in both: its
// assembly adds one synapse at a time as the generic kernel does and
// differs only in fetching later spikes' rows ahead.
//
// The contract every kernel keeps:
//
//   - The same bits. The assembly performs, lane by lane, exactly the IEEE
//     operations of the generic kernel in the same order: additions,
//     multiplications, divisions and comparisons that round each result to
//     float64. No fused multiply-add appears in either (asm_test.go scans
//     the assembly; simlib/internal/crossarch disassembles the object code),
//     so a run gives the same bits with or without AVX2, on arm64, and
//     whatever GOAMD64 level it was built for.
//   - The generic kernel is the reference. Each kernel's test drives both
//     on random and hostile inputs (NaN, ±Inf, subnormals, signed zeros,
//     every length from 0 to a few blocks, unaligned starts) and requires
//     equal bits. Only which NaN a NaN result is (sign, payload) is left
//     open, as IEEE leaves it and as Go's compiler does for scalar code:
//     a NaN must be a NaN on both paths.
//   - No allocation, no bounds beyond the slices given: kernels take slices
//     of equal length (checked by the Go wrapper, which panics on a
//     mismatch, a programming error) and never read or write past them.
//
// Dispatch is a package variable set once at start-up: Accelerated reports
// whether the assembly is used, which needs amd64, AVX2 (with the OS saving
// the YMM registers) and no GOLGI_SIMD=off in the environment. The LIF
// kernels have a third version, eight lanes with AVX-512 F, DQ and VL
// (lif512_amd64.s), used under Accelerated where the CPU and OS have it
// and GOLGI_SIMD is not avx2 (AVX512). Tests and benchmarks switch between
// the paths with SetAccelerated and SetAVX512. Build with the tag purego
// to leave the assembly out altogether.
package vec
