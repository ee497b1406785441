//go:build linux

package procstat

import (
	"math"
	"testing"
)

func TestPeakRSS(t *testing.T) {
	before, err := PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	// touch 64 MiB: the peak must grow by about that much
	b := make([]byte, 64<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	after, err := PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	if after-before < 60<<20 {
		t.Errorf("peak RSS %d -> %d after touching 64 MiB: want it up by about 64 MiB", before, after)
	}
	_ = b[len(b)-1]
	if l := Load1(); math.IsNaN(l) || l < 0 {
		t.Errorf("Load1() = %v: want a number >= 0 on Linux", l)
	}
}
