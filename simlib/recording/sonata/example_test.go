//go:build hdf5

package sonata_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/sonata"
)

// Write a spike file that NEST, BMTK and libsonata read, and read it back.
func ExampleWrite() {
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	input := net.AddPopulation("input", 2, neuron.SpikeTimes{Times: [][]float64{{1, 3}, {2}}})
	sp := record.NewSpikes(input)
	net.Record(sp)
	if err := net.Run(5); err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "sonata")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "spikes.h5")
	if err := sonata.Write(path, sonata.DefaultOptions(), sp); err != nil {
		fmt.Println(err)
		return
	}
	pops, err := sonata.Read(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range pops {
		fmt.Println(p.Name, p.Sorting, p.Units, p.Timestamps, p.NodeIDs)
	}
	// Output: input by_time ms [1 2 3] [0 1 0]
}
