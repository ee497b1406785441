package plasticity_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// One STDP synapse (DefaultPair: τ± = 20 ms, A+ = 0.01, A− = 0.0105,
// all-to-all). The pre spike at 10 ms reaches the synapse after the 1 ms
// delay, at 11 ms; the post spike at 15 ms adds 0.01·e^(−4/20) = 0.00819,
// the one at 30 ms 0.01·e^(−19/20) = 0.00387; the pre spike at 34 ms,
// arriving at 35 ms, takes 0.0105·(e^(−20/20) + e^(−5/20)) = 0.01204.
func Example() {
	net := network.New(network.Options{DT: 0.1})
	gPre := net.AddPopulation("pre", 1, neuron.SpikeTimes{Times: [][]float64{{10, 34}}})
	gPost := net.AddPopulation("post", 1, neuron.SpikeTimes{Times: [][]float64{{15, 30}}}).Receptor("e", synapse.CurrExp(5))
	pr := net.Connect(gPre, gPost, connect.AllToAll{}, network.Synapse{
		Receptor: "e", Weight: dist.Const(0.5), Delay: dist.Const(1), Plasticity: plasticity.DefaultPair(),
	})
	w := record.NewWeights(pr, nil, 5) // every 5 ms
	net.Record(w)
	if err := net.Run(40); err != nil {
		fmt.Println(err)
		return
	}
	for i, t := range w.Times() {
		fmt.Printf("%4.0f ms  w = %.5f\n", t, w.Values()[0][i])
	}
	// Output:
	//    0 ms  w = 0.50000
	//    5 ms  w = 0.50000
	//   10 ms  w = 0.50000
	//   15 ms  w = 0.50819
	//   20 ms  w = 0.50819
	//   25 ms  w = 0.50819
	//   30 ms  w = 0.51205
	//   35 ms  w = 0.50001
	//   40 ms  w = 0.50001
}
