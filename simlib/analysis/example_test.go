package analysis_test

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/analysis"
)

func Example() {
	// Spike times (ms) of three neurons over one second.
	trains := [][]float64{
		{100, 200, 300, 400, 500, 600, 700, 800, 900},
		{50, 60, 400, 410},
		{},
	}
	rates, _ := analysis.Rates(trains, 0, 1000)
	mean, _ := analysis.MeanRate(trains, 0, 1000)
	silent, _ := analysis.SilentFraction(trains, 0, 1000)
	// Neuron 1: ISIs 10, 340, 10 ms, CV = sqrt(24200)/120 = 1.296; neuron 0: 0.
	cv, n := analysis.MeanISICV(trains)
	fmt.Println("rates (Hz):", rates)
	fmt.Printf("mean rate %.3g Hz, silent %.3g\n", mean, silent)
	fmt.Printf("mean ISI CV %.3f over %d neurons with >= 3 spikes\n", cv, n)
	// Output:
	// rates (Hz): [9 4 0]
	// mean rate 4.33 Hz, silent 0.333
	// mean ISI CV 0.648 over 2 neurons with >= 3 spikes
}

func ExamplePopulationRate() {
	// Two neurons; 10 ms bins over 30 ms.
	times := []float64{1, 2, 15, 25, 26, 27}
	r, _ := analysis.PopulationRate(times, 2, 0, 30, 10)
	fmt.Println(r)
	// Output: [100 50 150]
}

func ExampleEPSPAmplitude() {
	v := []float64{-65, -65, -64.2, -63.5, -63.9, -64.6}
	a, _ := analysis.EPSPAmplitude(v, 2)
	fmt.Printf("%.1f mV\n", a)
	// Output: 1.5 mV
}

func ExampleMeasureEPSP() {
	// A triangular EPSP sampled every 0.5 ms: 2 ms up, 4 ms down from 1 ms.
	v := []float64{-65, -65, -65, -64.5, -64, -63.5, -63, -63.25, -63.5, -63.75, -64, -64.25, -64.5, -64.75, -65, -65}
	e, _ := analysis.MeasureEPSP(v, analysis.DefaultEPSPOptions(0.5, 1))
	fmt.Printf("%.2f mV at %.1f ms, rise %.2f ms, half width %.2f ms\n", e.Amplitude, e.PeakTime, e.RiseTime, e.HalfWidth)
	// Output: 2.00 mV at 3.0 ms, rise 1.60 ms, half width 3.00 ms
}

func ExamplePassive() {
	// v = -65 - 0.1 nA · 100 MΩ · (1 - e^{-t/10 ms}) after a step at 5 ms.
	dt := 0.1
	v := make([]float64, 2000)
	for i := range v {
		v[i] = -65
		if t := float64(i)*dt - 5; t > 0 {
			v[i] -= 10 * (1 - math.Exp(-t/10))
		}
	}
	p, _ := analysis.Passive(v, analysis.DefaultStepOptions(dt, 5, 0, -0.1))
	fmt.Printf("Rin %.1f MΩ, tau %.2f ms\n", p.Rin, p.Tau)
	// Output: Rin 100.0 MΩ, tau 10.00 ms
}
