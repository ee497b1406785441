package models_test

import (
	"context"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/models"
)

// One point of the Wscale grid: the synapse at the dendrite's middle with
// 0.003 µS, the EPSP at the soma and its loss against the 5 mV target.
func ExampleWscale_Simulate() {
	w := models.DefaultWscale()
	p, err := w.Simulate(context.Background(), "dendrite", 0.003)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("EPSP %.3f mV, loss %.1e, spikes %d\n", p.EPSP, p.Loss, p.Spikes)
	// Output: EPSP 4.996 mV, loss 1.7e-05, spikes 0
}
