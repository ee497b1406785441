package widgets

import (
	"math"
	"testing"
)

// Live is false outside a notebook whatever the environment says, and
// GOLGI_HEADLESS cannot make it true.
func TestLiveOutsideNotebook(t *testing.T) {
	t.Setenv("GONB_JUPYTER_KERNEL_ID", "k")
	t.Setenv(HeadlessEnv, "0")
	if IsNotebook() || Live() {
		t.Errorf("IsNotebook() = %v, Live() = %v under go test; want false, false", IsNotebook(), Live())
	}
}

func TestFormatTime(t *testing.T) {
	for _, c := range []struct {
		t, dt float64
		want  string
	}{
		{197 * 0.1, 0.1, "19.7"},     // 19.700000000000003 in float64
		{1234.5, 0.1, "1234.5"},      // 4 significant digits would say 1235
		{40 * 0.025, 0.025, "1.000"}, // dt's decimals, also for a round time
		{7, 1, "7"},
		{0.3, 0.01, "0.30"},
		{math.NaN(), 0.1, "–"},
		{1.5, 0, "1.500"}, // no valid dt: 3 decimals
	} {
		if got := FormatTime(c.t, c.dt); got != c.want {
			t.Errorf("FormatTime(%v, %v) = %q, want %q", c.t, c.dt, got, c.want)
		}
	}
}
