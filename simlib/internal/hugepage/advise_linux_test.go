package hugepage

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// thpMode is the selected mode of transparent huge pages ("always",
// "madvise", "never"), "" when the file is missing.
func thpMode(t *testing.T) string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return ""
	}
	s := string(b)
	a, z := strings.Index(s, "["), strings.Index(s, "]")
	if a < 0 || z < a {
		t.Fatalf("transparent_hugepage/enabled: %q: no selected mode", s)
	}
	return s[a+1 : z]
}

// anonHuge is the AnonHugePages (kB) of the mapping of /proc/self/smaps
// holding address p.
func anonHuge(t *testing.T, p uintptr) int {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 { // a mapping's header
			in = lo <= p && p < hi
			continue
		}
		if in && strings.HasPrefix(line, "AnonHugePages:") {
			var kb int
			if _, err := fmt.Sscanf(strings.TrimPrefix(line, "AnonHugePages:"), "%d", &kb); err != nil {
				t.Fatalf("smaps: %q: %v", line, err)
			}
			return kb
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("smaps: no mapping holds %#x", p)
	return 0
}

// On Linux with transparent huge pages for madvised memory, a new slice
// that Advise marked is backed by huge pages once written; with
// GOLGI_HUGEPAGES=off (off) it is not.
func TestAdviseGivesHugePages(t *testing.T) {
	mode := thpMode(t)
	if mode != "madvise" && mode != "always" {
		t.Logf("transparent huge pages %q: the advice is ignored here; only checking that it is harmless", mode)
	}
	defer func(prev bool) { off = prev }(off)
	for _, o := range []bool{false, true} {
		off = o
		s := Advise(make([]int32, 16<<20/4))
		for i := range s {
			s[i] = int32(i)
		}
		p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
		lo, _ := alignedRange(p, uintptr(len(s))*4)
		kb := anonHuge(t, lo)
		t.Logf("off %v, mode %q: AnonHugePages %d kB in the mapping of the slice", o, mode, kb)
		switch {
		case !o && mode == "madvise" && kb < Size/1024:
			t.Errorf("advised, mode madvise: %d kB of huge pages in the slice's mapping, want at least one page (%d kB)", kb, Size/1024)
		case o && mode == "madvise" && kb > 0:
			t.Errorf("off, mode madvise: %d kB of huge pages in the slice's mapping, want 0", kb)
		}
		for i, v := range s {
			if v != int32(i) {
				t.Fatalf("s[%d] = %d, want %d", i, v, i)
			}
		}
	}
}
