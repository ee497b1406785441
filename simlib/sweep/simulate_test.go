package sweep_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/sweep"
)

// made is what the test's build hands its summary.
type made struct {
	spikes *record.Spikes
	driven *record.Spikes // of the view of the driven cell only
}

// Simulate builds, runs for the duration and summarises, the summary
// reading the recorders its build made; a build error fails the point; the
// results read by name. A LIF cell (tau 20 ms, 1 nF, 15 mV from rest to
// threshold) driven by I fires every tau·ln(R·I/(R·I - 15 mV)) ms
// (R = 20 MΩ): 27.7 ms at 1 nA (R·I = 20 mV), so 3 spikes in 100 ms; at
// 0.5 nA (R·I = 10 mV) it never fires. Of the two cells only the first is
// driven.
func TestSimulate(t *testing.T) {
	f := sweep.Simulate(func(p sweep.Point) (*network.Network, made, error) {
		if p.Float("i_pa") < 0 {
			return nil, made{}, errors.New("negative drive")
		}
		net := network.New(network.Options{Seed: p.Seed})
		c := net.AddPopulation("c", 2, neuron.DefaultLIF())
		c.Slice(0, 1).Inject(stimulus.DC{Amplitude: p.Float("i_pa")})
		m := made{spikes: record.NewSpikes(c), driven: record.NewSpikes(c.Slice(0, 1))}
		net.Record(m.spikes)
		net.Record(m.driven)
		return net, m, nil
	}, 100, func(p sweep.Point, net *network.Network, m made) (sweep.Output, error) {
		if net.Workers() != p.Workers {
			return sweep.Output{}, errors.New("the network was not given the point's workers")
		}
		return sweep.Output{Metrics: sweep.Metrics{"spikes": float64(m.spikes.Len()), "driven": float64(m.driven.Len()), "t_ms": net.Time()}}, nil
	})
	tab, err := sweep.Run(context.Background(), sweep.Grid(sweep.Values("i_pa", -1, 500, 1000), sweep.Labels("cell", "lif")), f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows[0].Status != sweep.Failed || tab.Rows[0].Err != "negative drive" {
		t.Fatalf("point 0: %+v", tab.Rows[0])
	}
	num := func(r sweep.Result, name string) float64 {
		t.Helper()
		v, err := r.Num(name)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for k, want := range []float64{0, 3} {
		r := tab.Rows[k+1]
		if num(r, "spikes") != want || num(r, "driven") != want || num(r, "t_ms") != 100 {
			t.Fatalf("point %d: %v spikes, %v of the driven cell, t %v ms; want %v, %v, 100", r.Index, num(r, "spikes"), num(r, "driven"), num(r, "t_ms"), want, want)
		}
		if i := num(r, "i_pa"); i != r.Values[0].Num || i != []float64{500, 1000}[k] {
			t.Fatalf("point %d: i_pa %v, values %v", r.Index, i, r.Values)
		}
		if l, err := r.Label("cell"); err != nil || l != "lif" {
			t.Fatalf("point %d: label %q, %v", r.Index, l, err)
		}
	}
	for _, c := range []struct {
		err  error
		want []string
	}{
		{second(tab.Rows[2].Num("rate_E")), []string{`point 2 has no parameter or metric "rate_E"`, `parameters "i_pa", "cell"`, `metrics "driven", "spikes", "t_ms"`}},
		{second(tab.Rows[0].Num("spikes")), []string{`point 0 has no parameter or metric "spikes"`, "it is failed: negative drive"}},
		{second(tab.Rows[1].Label("sec")), []string{`point 1 has no parameter or metric "sec"`}},
		{second(sweep.Result{Index: 4, Status: sweep.Done}.Num("x")), []string{"parameters none; metrics none"}},
	} {
		for _, w := range c.want {
			if c.err == nil || !strings.Contains(c.err.Error(), w) {
				t.Errorf("error %v does not say %q", c.err, w)
			}
		}
	}
	nilBuild := sweep.Simulate[made](nil, 10, nil)
	if _, err := nilBuild(context.Background(), sweep.Grid(sweep.Values("x", 1)).Point(0, 1)); err == nil || !strings.Contains(err.Error(), "must not be nil") {
		t.Errorf("nil build and summary: %v", err)
	}
}

func second[T any](_ T, err error) error { return err }
