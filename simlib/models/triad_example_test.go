package models_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/models"
)

// Every constructor returns the model and an error; the model embeds the
// network (Run, Summary) and its recorders (Spikes, V, U, G). The spike
// steps are Brian2's forward-Euler run of the same cells
// (engine_order_spike_steps of testdata/izhikevich_triad.json).
func ExampleIzhikevichTriad() {
	m, err := models.IzhikevichTriad(models.DefaultTriad())
	if err == nil {
		err = m.Run(300) // ms
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Spikes.TrainSteps())
	// Output:
	// [[197 869 1643 2425] [394 1086 1858 2639] [652 1428 2211 2993]]
}
