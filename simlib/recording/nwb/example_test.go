//go:build hdf5

package nwb_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/nwb"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// Write a run's spikes and membrane potentials as an NWB file for pynwb,
// DANDI and the NWB tools.
func ExampleWrite() {
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	exc := net.AddPopulation("exc", 4, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500})
	sp := record.NewSpikes(exc)
	vm := record.NewState(exc, "v", []int{0, 1}, 0.5)
	net.Record(sp)
	net.Record(vm)
	if err := net.Run(100); err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "nwb")
	defer os.RemoveAll(dir)
	sum := net.Summary()
	opt := nwb.DefaultOptions() // knows "v" is in mV
	opt.Run = &sum              // seed, dt and fingerprint go into /general
	err := nwb.Write(filepath.Join(dir, "run.nwb"), opt, sp, vm)
	fmt.Println("written:", err == nil)
	// writing again to the same path is refused, unless opt.Overwrite
	err = nwb.Write(filepath.Join(dir, "run.nwb"), opt, sp, vm)
	fmt.Println("again:", err != nil)
	// Output:
	// written: true
	// again: true
}
