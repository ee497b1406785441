package hugepage

import (
	"os"
	"unsafe"
)

// MinBytes is the smallest slice (its capacity, in bytes) that Advise
// marks: below it a huge page would mostly hold other data.
const MinBytes = 4 << 20

// Size is the huge page size Advise aligns to.
const Size = 2 << 20

// off turns Advise off: GOLGI_HUGEPAGES=off, read at start-up.
var off = os.Getenv("GOLGI_HUGEPAGES") == "off"

// Advise asks for huge pages under s's memory, up to its capacity (see
// the package comment), and returns s.
func Advise[T any](s []T) []T {
	var zero T
	n := uintptr(cap(s)) * unsafe.Sizeof(zero)
	if off || n < MinBytes {
		return s
	}
	base := unsafe.Pointer(unsafe.SliceData(s))
	p := uintptr(base)
	if lo, hi := alignedRange(p, n); hi > lo {
		advise(unsafe.Add(base, lo-p), hi-lo)
	}
	return s
}

// alignedRange is the part [lo, hi) of the n bytes from p made of whole,
// aligned huge pages (empty, lo >= hi, when there is none).
func alignedRange(p, n uintptr) (lo, hi uintptr) {
	lo = (p + Size - 1) &^ (Size - 1)
	hi = (p + n) &^ (Size - 1)
	return lo, hi
}
