package sweep_test

import (
	"context"
	"errors"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/sweep"
)

// Simulate builds, runs for the duration and summarises; a build error
// fails the point. A LIF cell (tau 20 ms, 1 nF, 15 mV from rest to
// threshold) driven by I fires every tau·ln(R·I/(R·I - 15 mV)) ms
// (R = 20 MΩ): 27.7 ms at 1 nA (R·I = 20 mV), so 3 spikes in 100 ms; at
// 0.5 nA (R·I = 10 mV) it never fires.
func TestSimulate(t *testing.T) {
	f := sweep.Simulate(func(p sweep.Point) (*network.Network, error) {
		if p.Float("i_pa") < 0 {
			return nil, errors.New("negative drive")
		}
		net := network.New(network.Options{Seed: p.Seed, Workers: p.Workers})
		net.AddPopulation("c", 1, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: p.Float("i_pa")})
		net.Record(record.NewSpikes(net.Population("c")))
		return net, nil
	}, 100, func(p sweep.Point, net *network.Network) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"spikes": float64(net.SpikeCount()), "t_ms": net.Time()}}, nil
	})
	tab, err := sweep.Run(context.Background(), sweep.Grid(sweep.Values("i_pa", -1, 500, 1000)), f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows[0].Status != sweep.Failed || tab.Rows[0].Err != "negative drive" {
		t.Fatalf("point 0: %+v", tab.Rows[0])
	}
	if tab.Rows[1].Metric("spikes") != 0 || tab.Rows[2].Metric("spikes") != 3 || tab.Rows[2].Metric("t_ms") != 100 {
		t.Fatalf("spikes %v and %v, t %v ms", tab.Rows[1].Metric("spikes"), tab.Rows[2].Metric("spikes"), tab.Rows[2].Metric("t_ms"))
	}
}
