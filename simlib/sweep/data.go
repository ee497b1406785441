package sweep

import "github.com/golgi-sim/golgi/simlib/record"

// SpikeData turns a spike recorder's spikes into a Data called name with
// columns step (the update index), t_ms (step·dt) and neuron.
func SpikeData(name string, s *record.Spikes) Data {
	steps, ids := s.Steps(), s.Indices()
	st := make([]int64, len(steps))
	nr := make([]int64, len(ids))
	copy(st, steps)
	for k, i := range ids {
		nr[k] = int64(i)
	}
	return Data{Name: name, Columns: []Column{
		{Name: "step", Int: st},
		{Name: "t_ms", Float: s.Times()},
		{Name: "neuron", Int: nr},
	}}
}

// TraceData turns a state recorder's traces into a Data called name in
// long form: columns t_ms, neuron and value, one row per sample.
func TraceData(name string, s *record.State) Data {
	t := s.Times()
	vals := s.Values()
	n := len(t) * len(vals)
	ts, vs := make([]float64, 0, n), make([]float64, 0, n)
	ns := make([]int64, 0, n)
	for k, nr := range s.Neurons() {
		for j, v := range vals[k] {
			ts = append(ts, t[j])
			ns = append(ns, int64(nr))
			vs = append(vs, v)
		}
	}
	return Data{Name: name, Columns: []Column{
		{Name: "t_ms", Float: ts},
		{Name: "neuron", Int: ns},
		{Name: "value", Float: vs},
	}}
}
