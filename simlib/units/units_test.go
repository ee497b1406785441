package units

import (
	"math"
	"testing"
)

// The PyNN VA benchmark cell: area 20000 µm², cm 1 µF/cm², g_leak 5e-5 S/cm²,
// giving 200 pF and 10 nS (tau_m = 20 ms), as the script computes
// (PyNN's VA COBA/CUBA benchmark).
func TestSpecific(t *testing.T) {
	c := SpecificCapacitance(1, 20000)
	g := SpecificConductance(5e-5, 20000)
	if math.Abs(c-200) > 1e-9 || math.Abs(g-10) > 1e-9 || math.Abs(c/g-20) > 1e-9 {
		t.Fatalf("C=%v pF g=%v nS tau=%v ms, want 200, 10, 20", c, g, c/g)
	}
	if 0.1*Microsiemens != 100 || 0.27*NA != 270 {
		t.Fatal("unit constants")
	}
}
