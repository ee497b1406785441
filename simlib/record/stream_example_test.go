package record_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
)

// printSink prints what a stream hands it (package recording's
// StreamWriter writes it to Parquet instead).
type printSink struct{}

func (printSink) WriteSpikes(pop string, steps []int64, neurons []int32) error {
	fmt.Println("spikes of", pop, "at updates", steps, "neurons", neurons)
	return nil
}
func (printSink) WriteState(pop, variable string, neurons []int, steps []int64, values [][]float64) error {
	return nil
}
func (printSink) Flush() error { fmt.Println("flush"); return nil }
func (printSink) Close() error { fmt.Println("close"); return nil }

// A spike stream writes to its sink during the run, in chunks; every run
// ends with a flush, and the network's Close closes the sink.
func ExampleSpikeStream() {
	net := network.New(network.Options{})
	net.AddPopulation("s", 2, neuron.SpikeTimes{Times: [][]float64{{0.5, 1.5}, {0.2}}})
	net.Record(record.NewSpikeStream(printSink{}, net.Population("s")))
	if err := net.Run(1); err != nil {
		fmt.Println(err)
	}
	if err := net.Run(1); err != nil {
		fmt.Println(err)
	}
	if err := net.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// spikes of s at updates [2 5] neurons [1 0]
	// flush
	// spikes of s at updates [15] neurons [0]
	// flush
	// close
}
