//go:build amd64 && !purego

package vec

import "golang.org/x/sys/cpu"

// hasAVX2: the CPU has AVX2 and the OS saves the YMM registers (cpu.X86
// checks OSXSAVE and XCR0).
var hasAVX2 = cpu.X86.HasAVX2
