package sweep_test

import (
	"context"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/examples"
)

// A grid of two parameters; the function returns metrics; the table is
// ordered by index whatever the number of workers.
func Example() {
	space := sweep.Grid(sweep.Values("a", 1, 2), sweep.Labels("sec", "soma", "dend"))
	tab, err := sweep.Run(context.Background(), space, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"score": p.Float("a") * 10 / (1 + p.Float("sec"))}}, nil
	}, &sweep.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range tab.Rows {
		fmt.Println(r.Index, r.Values, r.Status, r.Metric("score"))
	}
	best, _ := tab.Best("score")
	fmt.Println("lowest score at", best.Values)
	// Output:
	// 0 [1 soma] done 10
	// 1 [1 dend] done 5
	// 2 [2 soma] done 20
	// 3 [2 dend] done 10
	// lowest score at [1 dend]
}

// Zip pairs values like HNN's combinations=False; Grid takes every
// combination.
func ExampleZip() {
	z := sweep.Zip(sweep.Values("x", 1, 2, 3), sweep.Values("y", 10, 20, 30))
	g := sweep.Grid(sweep.Values("x", 1, 2, 3), sweep.Values("y", 10, 20, 30))
	fmt.Println(z.Len(), z.Values(2), g.Len(), g.Values(2))
	// Output:
	// 3 [3 30] 9 [1 30]
}

// A Latin hypercube of 4 points puts one point in each quarter of every
// range (a log range is cut on a log scale).
func ExampleLatinHypercube() {
	s := sweep.LatinHypercube(7, 4, sweep.Uniform("tau", 0, 20), sweep.LogUniform("rate", 1, 1e4))
	for i := 0; i < s.Len(); i++ {
		v := s.Values(i)
		fmt.Printf("tau quarter %d, rate decade %d\n", int(v[0].Num/5), int(log10(v[1].Num)))
	}
	// Output:
	// tau quarter 2, rate decade 2
	// tau quarter 1, rate decade 3
	// tau quarter 3, rate decade 1
	// tau quarter 0, rate decade 0
}

// Wscale's grid search (Wscale's EPSP grid search README) on a point
// neuron: weight x section, where a section stands for a receptor time
// constant and a delay (examples.Sections), one presynaptic spike, the
// EPSP amplitude and its squared error to a 0.5 mV target; Best gives the
// configuration of least loss.
func Example_wscale() {
	tab, err := sweep.Run(context.Background(), examples.WscaleSpace(), examples.EPSP(0.5), &sweep.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("EPSP (mV)   soma dendrite axon_0 axon_1")
	for w := 0; w < 6; w++ {
		fmt.Printf("w = %v nS:", tab.Rows[4*w].Values[0])
		for s := 0; s < 4; s++ {
			fmt.Printf(" %6.3f", tab.Rows[4*w+s].Metric("epsp_mv"))
		}
		fmt.Println()
	}
	best, _ := tab.Best("loss")
	w, _ := best.Num("weight") // a parameter of every point
	sec, _ := best.Label("sec")
	fmt.Printf("best: weight %v nS at %s, EPSP %.3f mV\n", w, sec, best.Metric("epsp_mv"))
	// Output:
	// EPSP (mV)   soma dendrite axon_0 axon_1
	// w = 1 nS:  0.101  0.282  0.056  0.080
	// w = 2 nS:  0.202  0.562  0.112  0.159
	// w = 3 nS:  0.303  0.841  0.168  0.239
	// w = 4 nS:  0.404  1.118  0.224  0.318
	// w = 5 nS:  0.504  1.394  0.280  0.397
	// w = 6 nS:  0.604  1.668  0.336  0.476
	// best: weight 5 nS at soma, EPSP 0.504 mV
}

// HNN-core's batch simulation (hnn-core's batch simulation tutorial): 20 points
// zipping two drive weights on a log scale, a summary function giving the
// min and max of a smoothed population signal.
func Example_batch() {
	tab, err := sweep.Run(context.Background(), examples.BatchSpace(), examples.Batch(100, false), &sweep.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range tab.Rows { // results by name
		w, err := r.Num("weight_pyr")
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("weight %7.3f nS: min %.2f mV, max %.2f mV, %3.0f spikes\n", w, r.Metric("min_peak"), r.Metric("max_peak"), r.Metric("pyr_spikes"))
	}
	// Output:
	// weight   0.100 nS: min -65.15 mV, max -64.83 mV,   0 spikes
	// weight   0.144 nS: min -65.19 mV, max -64.73 mV,   0 spikes
	// weight   0.207 nS: min -65.11 mV, max -64.62 mV,   0 spikes
	// weight   0.298 nS: min -65.11 mV, max -64.46 mV,   0 spikes
	// weight   0.428 nS: min -65.05 mV, max -64.26 mV,   0 spikes
	// weight   0.616 nS: min -64.97 mV, max -63.91 mV,   0 spikes
	// weight   0.886 nS: min -64.98 mV, max -63.43 mV,   0 spikes
	// weight   1.274 nS: min -65.10 mV, max -62.85 mV,   0 spikes
	// weight   1.833 nS: min -64.98 mV, max -61.71 mV,   0 spikes
	// weight   2.637 nS: min -64.93 mV, max -60.39 mV,   0 spikes
	// weight   3.793 nS: min -65.00 mV, max -58.82 mV,   0 spikes
	// weight   5.456 nS: min -65.04 mV, max -55.98 mV,   0 spikes
	// weight   7.848 nS: min -65.00 mV, max -53.94 mV,   4 spikes
	// weight  11.288 nS: min -65.11 mV, max -54.09 mV,   8 spikes
	// weight  16.238 nS: min -67.19 mV, max -55.06 mV,  16 spikes
	// weight  23.357 nS: min -70.33 mV, max -55.88 mV,  39 spikes
	// weight  33.598 nS: min -71.37 mV, max -55.27 mV,  37 spikes
	// weight  48.329 nS: min -72.47 mV, max -55.98 mV,  80 spikes
	// weight  69.519 nS: min -74.45 mV, max -55.97 mV, 121 spikes
	// weight 100.000 nS: min -74.85 mV, max -55.61 mV, 214 spikes
}

func log10(x float64) float64 {
	n := 0.0
	for x >= 10 {
		x /= 10
		n++
	}
	return n
}
