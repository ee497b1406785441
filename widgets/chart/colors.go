package chart

import (
	"fmt"
	"math"
	"strconv"
)

// Viridis is matplotlib's viridis colour map at ten evenly spaced stops
// (from matplotlib's _cm_listed.py, rounded to 8 bits), the map the hnn-core
// batch example uses for its overlay of dipole waveforms.
var Viridis = []string{
	"#440154", "#482878", "#3e4989", "#31688e", "#26828e",
	"#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725",
}

// ColorAt returns the colour of map cm (hex stops such as Viridis) at u in
// [0,1], interpolated linearly between stops in RGB.
func ColorAt(cm []string, u float64) string {
	if math.IsNaN(u) {
		u = 0
	}
	u = math.Max(0, math.Min(1, u))
	pos := float64(u * float64(len(cm)-1))
	i := int(pos)
	if i >= len(cm)-1 {
		return cm[len(cm)-1]
	}
	f := pos - float64(i)
	a, b := rgb(cm[i]), rgb(cm[i+1])
	var c [3]int
	for k := range c {
		c[k] = int(math.Round(float64(float64(a[k])*(1-f)) + float64(float64(b[k])*f)))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// RGB returns the red, green and blue of a "#rrggbb" colour.
func RGB(hex string) [3]int { return rgb(hex) }

func rgb(hex string) [3]int {
	var c [3]int
	fmt.Sscanf(hex, "#%02x%02x%02x", &c[0], &c[1], &c[2])
	return c
}

// formatG formats v compactly for axis labels: 3 significant digits.
func formatG(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }

// Labels formats swept parameter values as axis labels for Heatmap, with 3
// significant digits: Labels([]float64{1e-4, 0.00056234}) is
// ["0.0001", "0.000562"].
func Labels(values []float64) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = formatG(v)
	}
	return out
}
