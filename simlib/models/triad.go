package models

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// Triad holds the parameters of the seed notebook's three-cell network.
type Triad struct {
	Cell    neuron.Izhikevich
	W       [][]float64 // connection strengths (nS), [from][to]
	TauSyn  float64     // synaptic decay (ms)
	VSyn    float64     // synaptic reversal potential (mV)
	Delay   float64     // axonal + synaptic delay (ms)
	G0      []float64   // initial synaptic conductances (nS)
	DT      float64     // ms
	Seed    uint64
	Workers int
}

// DefaultTriad returns the seed's values: regular-spiking cells, W =
// [[0,1,0],[0,0,0.8],[1,0,0]]·12 nS, tau_syn 7 ms, v_syn 0 mV, delay
// 4.5 ms, g0 = [10, 0, 0] nS, dt 0.1 ms.
func DefaultTriad() Triad {
	return Triad{
		Cell:   neuron.DefaultIzhikevich(),
		W:      [][]float64{{0, 12, 0}, {0, 0, 9.6}, {12, 0, 0}},
		TauSyn: 7, VSyn: 0, Delay: 4.5,
		G0: []float64{10, 0, 0},
		DT: 0.1,
	}
}

// Validate checks what makes the triad's shape: W is a non-empty square
// matrix ([from][to], one row and one column per cell) and G0 is nil or has
// one value per cell. The values themselves are checked by the network
// (Build and Run report them, naming the population or projection).
func (p Triad) Validate() error {
	n := len(p.W)
	if n == 0 {
		return fmt.Errorf("models.Triad: W is empty: give the [from][to] connection matrix (nS), one row per cell")
	}
	for i, row := range p.W {
		if len(row) != n {
			return fmt.Errorf("models.Triad: W row %d has %d columns for %d cells: W must be square ([from][to])", i, len(row), n)
		}
	}
	if p.G0 != nil && len(p.G0) != n {
		return fmt.Errorf("models.Triad: G0 has %d values for %d cells: give one initial conductance (nS) per cell, or nil", len(p.G0), n)
	}
	return nil
}

// IzhikevichTriad builds the triad with forward Euler (the seed's scheme):
// population "cells" (3 neurons) with receptor "syn" (state variable
// "syn", the conductance). It records all spikes and the v, u and syn
// traces of every cell at every step. The network is not built yet, so
// more can be added; Build or Run reports any value the network rejects.
// The error reports a p that makes no triad (see Validate).
func IzhikevichTriad(p Triad) (*TriadModel, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	net := network.New(network.Options{DT: p.DT, Seed: p.Seed, Workers: p.Workers, Label: "izhikevich-triad"})
	net.AddPopulation("cells", len(p.W), p.Cell).
		Method(scheme.Euler).
		Receptor("syn", synapse.CondExp(p.TauSyn, p.VSyn)).
		InitValues("syn", p.G0)
	net.Connect(net.Population("cells"), net.Population("cells"), connect.Matrix{W: p.W}, network.Synapse{Receptor: "syn", Delay: dist.Const(p.Delay)})
	all := make([]int, len(p.W))
	for i := range all {
		all[i] = i
	}
	r := &TriadRecorders{
		Spikes: record.NewSpikes(net.Population("cells")),
		V:      record.NewState(net.Population("cells"), "v", all, 0),
		U:      record.NewState(net.Population("cells"), "u", all, 0),
		G:      record.NewState(net.Population("cells"), "syn", all, 0),
	}
	for _, rec := range []network.Recorder{r.Spikes, r.V, r.U, r.G} {
		net.Record(rec)
	}
	return &TriadModel{net, r}, nil
}

// TriadModel is what IzhikevichTriad makes: the network (embedded, so
// m.Run(100) runs it) and its recorders (embedded, so m.V is the v
// recorder).
type TriadModel struct {
	*network.Network
	*TriadRecorders
}

// TriadRecorders are the recorders IzhikevichTriad attaches.
type TriadRecorders struct {
	Spikes  *record.Spikes
	V, U, G *record.State
}
