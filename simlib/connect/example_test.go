package connect_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/connect"
)

// A rule builds a CSR table: the targets of source i are Row(i), ascending.
// Each of the 4 targets gets exactly 2 sources, never itself.
func ExampleFixedInDegree() {
	tab, err := connect.FixedInDegree{K: 2}.Build(4, 4, true, 42)
	if err != nil {
		fmt.Println(err)
		return
	}
	in := make([]int, tab.NPost)
	for i := 0; i < tab.NPre; i++ {
		for _, j := range tab.Row(i) {
			in[j]++
		}
	}
	fmt.Println("synapses:", tab.Len(), "in-degrees:", in)
	// Output:
	// synapses: 8 in-degrees: [2 2 2 2]
}

// Same seed, same table, whatever else runs: rows draw from their own
// streams.
func ExampleFixedProbability() {
	r := connect.FixedProbability{P: 0.02}
	a, _ := r.Build(4000, 4000, true, 7)
	b, _ := r.Build(4000, 4000, true, 7)
	fmt.Println("expected:", r.Expected(4000, 4000, true))
	fmt.Println("same table:", a.Len() == b.Len() && fmt.Sprint(a.Post) == fmt.Sprint(b.Post))
	_, err := connect.FixedProbability{P: 1.2}.Build(10, 10, false, 7)
	fmt.Println(err)
	// Output:
	// expected: 319920
	// same table: true
	// fixed-probability P = 1.2: a probability must be in [0, 1]
}

// An explicit list, in any order, with a weight (pA or nS) and delay (ms)
// per pair.
func ExampleList() {
	l := connect.List{
		Pre:     []int{1, 0, 0},
		Post:    []int{0, 2, 1},
		Weights: []float64{5, 1, 2},
		Delays:  []float64{1.5, 0.5, 1},
	}
	tab, err := l.Build(2, 3, false, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := 0; i < tab.NPre; i++ {
		for k := tab.Ptr[i]; k < tab.Ptr[i+1]; k++ {
			fmt.Printf("%d -> %d  w %v  d %v ms\n", i, tab.Post[k], tab.Weight[k], tab.Delay[k])
		}
	}
	// Output:
	// 0 -> 1  w 2  d 1 ms
	// 0 -> 2  w 1  d 0.5 ms
	// 1 -> 0  w 5  d 1.5 ms
}

// Distance-dependent connectivity: five neurons on a line 100 µm apart,
// p(d) = exp(-d/1 µm) is 1 at d = 0 and about e^-100 beyond, so with
// autapses allowed each neuron connects to itself only.
func ExampleDistance() {
	pos := []float64{0, 0, 100, 0, 200, 0, 300, 0, 400, 0} // x, y (µm)
	r := connect.Distance{P0: 1, Lambda: 1, PrePos: pos, Autapses: true}
	tab, err := r.Build(5, 5, true, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	var rows [][]int32
	for i := 0; i < tab.NPre; i++ {
		rows = append(rows, tab.Row(i))
	}
	fmt.Println(rows)
	_, err = connect.Distance{P0: 0.5, Lambda: 0, PrePos: pos}.Build(5, 5, true, 1)
	fmt.Println(err)
	// Output:
	// [[0] [1] [2] [3] [4]]
	// distance Lambda = 0 µm: must be positive and finite
}
