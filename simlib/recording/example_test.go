package recording_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/recording"
)

// Save a run's recorders and the network's summary in one call; load them
// back in another, as golgi's own recorders.
func Example() {
	m, err := models.IzhikevichTriad(models.DefaultTriad())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := m.Run(300); err != nil {
		fmt.Println(err)
		return
	}
	tmp, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "triad")

	if err := recording.Save(dir, m.Network, m.Spikes, m.V); err != nil {
		fmt.Println(err)
		return
	}

	got, err := recording.Load(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	spk, v := got.SpikesOf("cells"), got.StateOf("cells", "v")
	fmt.Println("spikes:", spk.Len(), "first at", spk.Times()[0], "ms")
	fmt.Println("v samples:", len(v.Times()), "of", len(v.Neurons()), "neurons")
	fmt.Println("same fingerprint:", got.Summary.Fingerprint == m.Fingerprint())
	// The triad's 12 spikes are those of its reference
	// (simlib/models/testdata/izhikevich_triad.json); 3001 samples are
	// 300 ms at 0.1 ms, and the initial state.

	// Output:
	// spikes: 12 first at 19.700000000000003 ms
	// v samples: 3001 of 3 neurons
	// same fingerprint: true
}
