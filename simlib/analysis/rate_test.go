package analysis

import (
	"math"
	"strings"
	"testing"
)

// Hand-counted: in [0, 500) ms the trains have 3, 0 and 1 spikes (the
// spike at 500 is outside the half-open window).
var handTrains = [][]float64{{10, 20, 499.9, 500}, {}, {250}}

func TestRatesHand(t *testing.T) {
	r, err := Rates(handTrains, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{6, 0, 2} // counts / 0.5 s
	for i := range want {
		if math.Abs(r[i]-want[i]) > 1e-12 {
			t.Fatalf("Rates = %v, want %v", r, want)
		}
	}
	m, err := MeanRate(handTrains, 0, 500)
	if err != nil || math.Abs(m-8.0/3) > 1e-12 { // 4 spikes / 3 neurons / 0.5 s
		t.Fatalf("MeanRate = %v, %v; want 8/3 Hz", m, err)
	}
	f, err := SilentFraction(handTrains, 0, 500)
	if err != nil || f != 1.0/3 {
		t.Fatalf("SilentFraction = %v, %v; want 1/3", f, err)
	}
	if f, _ := SilentFraction(handTrains, 300, 1000); f != 2.0/3 { // only the spike at 499.9 and 500 fall in
		t.Fatalf("SilentFraction [300,1000) = %v, want 2/3", f)
	}
}

func TestBadWindows(t *testing.T) {
	for _, w := range [][2]float64{{5, 5}, {10, 0}, {math.NaN(), 1}, {0, math.Inf(1)}} {
		if _, err := Rates(handTrains, w[0], w[1]); err == nil || !strings.Contains(err.Error(), "window") {
			t.Errorf("Rates window %v: err = %v, want a window error", w, err)
		}
	}
	if _, err := MeanRate(nil, 0, 1); err == nil {
		t.Error("MeanRate of no trains: no error")
	}
	for _, b := range []float64{0, -1, math.NaN()} {
		if _, err := BinCounts(handTrains[0], 0, 10, b); err == nil || !strings.Contains(err.Error(), "bin") {
			t.Errorf("bin %v: err = %v", b, err)
		}
	}
	if _, err := PopulationRate(nil, 0, 0, 10, 1); err == nil || !strings.Contains(err.Error(), "n = 0") {
		t.Errorf("PopulationRate n=0: err = %v", err)
	}
}

func TestBinCountsAndPopulationRate(t *testing.T) {
	// Bins of 4 ms over [0, 10): [0,4) [4,8) [8,10) (the last is 2 ms wide).
	c, err := BinCounts([]float64{0, 3.99, 4, 9.99, 10, -1}, 0, 10, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 3 || c[0] != 2 || c[1] != 1 || c[2] != 1 {
		t.Fatalf("BinCounts = %v, want [2 1 1]", c)
	}
	// 2 neurons: bin 0 has 2 spikes over 4 ms -> 2/(2·0.004 s) = 250 Hz;
	// bin 2 has 1 spike over 2 ms -> 1/(2·0.002 s) = 250 Hz.
	r, err := PopulationRate([]float64{9.99, 0, 3.99, 4}, 2, 0, 10, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{250, 125, 250}
	for i := range want {
		if math.Abs(r[i]-want[i]) > 1e-9 {
			t.Fatalf("PopulationRate = %v, want %v", r, want)
		}
	}
	// Exact division: 1000 ms in 1 ms bins is 1000 bins, not 1001.
	if c, _ := BinCounts(nil, 0, 1000, 0.1); len(c) != 10000 {
		t.Fatalf("0.1 ms bins over 1000 ms: %d bins, want 10000", len(c))
	}
}
