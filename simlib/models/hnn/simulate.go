package hnn

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Spike is one cell's spike: its type, its index within the type (gid
// minus the type's first gid) and its time (ms, NEURON's accumulated t).
type Spike struct {
	Type string
	Cell int
	T    float64
}

// Result is one trial: the dipole (baseline renormalised, nAm, not
// smoothed), the spikes of every cell type in order of time, and the
// drive events used.
type Result struct {
	Trial  int
	Dipole Dipole
	Spikes []Spike
	Events map[string][][]float64
}

// Count returns the number of spikes of cell type typ.
func (r *Result) Count(typ string) int {
	n := 0
	for _, s := range r.Spikes {
		if s.Type == typ {
			n++
		}
	}
	return n
}

// Run runs the trial to the column's TStop and returns its result.
func (n *Net) Run(ctx context.Context) (*Result, error) {
	if n.Network.Steps() != 0 {
		return nil, fmt.Errorf("column: trial %d already ran: build the column again", n.Trial)
	}
	if err := n.Network.RunContext(ctx, float64(n.steps)*n.Column.DT); err != nil {
		return nil, err
	}
	if n.Network.Steps() != n.steps {
		return nil, fmt.Errorf("column: the network made %d steps, NEURON makes %d for tstop = %v ms", n.Network.Steps(), n.steps, n.Column.TStop)
	}
	res := &Result{Trial: n.Trial, Events: n.Events}
	for _, typ := range CellTypes {
		s := n.spikes[typ]
		for st, i := range s.All() {
			res.Spikes = append(res.Spikes, Spike{Type: typ, Cell: int(i), T: n.times[st]})
		}
	}
	sortSpikes(res.Spikes)
	l2, err := n.dipole.raw(L2PyramidalType, n.steps)
	if err != nil {
		return nil, err
	}
	l5, err := n.dipole.raw(L5PyramidalType, n.steps)
	if err != nil {
		return nil, err
	}
	if l2 == nil {
		l2 = make([]float64, n.steps+1)
	}
	if l5 == nil {
		l5 = make([]float64, n.steps+1)
	}
	res.Dipole = Renormalize(n.times, l2, l5, n.Column.Mesh.NX, n.Column.Mesh.NY)
	return res, nil
}

// Simulate runs trials 0..trials-1 of the column (hnn-core's
// simulate_dipole), each from its own drive events.
func (c Column) Simulate(ctx context.Context, trials int) ([]*Result, error) {
	if trials < 1 || trials > 10000 {
		return nil, fmt.Errorf("column: trials = %d: must be in [1, 10000]", trials)
	}
	var out []*Result
	for k := 0; k < trials; k++ {
		n, err := c.Build(k)
		if err != nil {
			return nil, err
		}
		r, err := n.Run(ctx)
		if err != nil {
			return nil, fmt.Errorf("column: trial %d: %w", k, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func sortSpikes(s []Spike) {
	order := map[string]int{}
	for i, t := range CellTypes {
		order[t] = i
	}
	slices.SortStableFunc(s, func(a, b Spike) int {
		switch {
		case a.T != b.T:
			return cmp.Compare(a.T, b.T)
		case a.Type != b.Type:
			return order[a.Type] - order[b.Type]
		}
		return a.Cell - b.Cell
	})
}
