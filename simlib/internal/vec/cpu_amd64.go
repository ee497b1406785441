//go:build amd64 && !purego

package vec

import "golang.org/x/sys/cpu"

// hasAVX2: the CPU has AVX2 and the OS saves the YMM registers (cpu.X86
// checks OSXSAVE and XCR0).
var hasAVX2 = cpu.X86.HasAVX2

// hasAVX512: AVX-512 F, DQ and VL, with the OS saving the ZMM and mask
// registers (cpu.X86 checks XCR0), for the eight-lane kernels (*512*).
var hasAVX512 = hasAVX2 && cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512VL
