package widgets

import (
	"math"
	"strconv"
)

// TimeDecimals returns the number of decimals that show every multiple of
// the time step dt exactly: 1 for dt = 0.1 ms, 3 for 0.025 ms, 0 for 1 ms
// (at most 9). A dt that is not a positive finite number gives 3.
func TimeDecimals(dt float64) int {
	if !(dt > 0) || math.IsInf(dt, 0) {
		return 3
	}
	for d := 0; d < 9; d++ {
		s := dt * math.Pow10(d)
		if math.Abs(s-math.Round(s)) <= 1e-9*math.Max(1, s) {
			return d
		}
	}
	return 9
}

// FormatTime formats a time t on a grid of step dt with the decimals of dt
// (TimeDecimals): FormatTime(197*0.1, 0.1) is "19.7", not
// 19.700000000000003. NaN gives "–".
func FormatTime(t, dt float64) string {
	if math.IsNaN(t) {
		return "–"
	}
	return strconv.FormatFloat(t, 'f', TimeDecimals(dt), 64)
}
