package hugepage

import (
	"testing"
	"unsafe"
)

// alignedRange keeps whole, aligned huge pages only.
func TestAlignedRange(t *testing.T) {
	for _, c := range []struct{ p, n, lo, hi uintptr }{
		{0, 2 * Size, 0, 2 * Size},
		{1, 2 * Size, Size, 2 * Size},
		{Size - 1, Size + 1, Size, 2 * Size},
		{Size + 1, Size, 2 * Size, 2 * Size}, // no whole page: empty
		{3 * Size, Size - 1, 3 * Size, 3 * Size},
	} {
		lo, hi := alignedRange(c.p, c.n)
		if lo != c.lo || hi != c.hi {
			t.Errorf("alignedRange(%#x, %#x) = [%#x, %#x), want [%#x, %#x)", c.p, c.n, lo, hi, c.lo, c.hi)
		}
		if hi > lo && (lo < c.p || hi > c.p+c.n || lo%Size != 0 || hi%Size != 0) {
			t.Errorf("alignedRange(%#x, %#x) = [%#x, %#x): outside the bytes or not aligned", c.p, c.n, lo, hi)
		}
	}
}

// Advise returns its slice as it was and leaves the values alone, for
// small, empty and large slices, on and off.
func TestAdviseKeepsTheSlice(t *testing.T) {
	defer func(prev bool) { off = prev }(off)
	for _, o := range []bool{false, true} {
		off = o
		for _, n := range []int{0, 1, 1000, MinBytes/8 - 1, 3 * MinBytes / 8} {
			s := make([]float64, n, n+5)
			for i := range s {
				s[i] = float64(i) + 0.5
			}
			got := Advise(s)
			if unsafe.SliceData(got) != unsafe.SliceData(s) || len(got) != n || cap(got) != n+5 {
				t.Fatalf("off %v, %d elements: Advise changed the slice", o, n)
			}
			for i, v := range got {
				if v != float64(i)+0.5 {
					t.Fatalf("off %v, %d elements: s[%d] = %v, want %v", o, n, i, v, float64(i)+0.5)
				}
			}
		}
	}
	var nilSlice []int32
	if Advise(nilSlice) != nil {
		t.Fatal("Advise(nil) is not nil")
	}
}
