package hugepage

import (
	"syscall"
	"unsafe"
)

// madvHugepage is MADV_HUGEPAGE of Linux's mman.h (the same on every
// architecture).
const madvHugepage = 14

// advise marks the n bytes from p (aligned to Size) for huge pages.
func advise(p unsafe.Pointer, n uintptr) {
	_ = syscall.Madvise(unsafe.Slice((*byte)(p), n), madvHugepage)
}
