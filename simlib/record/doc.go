// Package record holds recorders: Spikes (of a population or a view of
// one), State (variables of chosen neurons at a chosen interval) and Rate
// (the rate of a population or a view). Each records a network.Group (a
// population's handle or a view: exc.Slice(0, 100)), numbers a view's
// neurons from 0, implements network.Recorder and returns its data as
// plain slices, easy to hand to charts and analysis.
//
//	sp := record.NewSpikes(exc)
//	vm := record.NewState(exc, "v", []int{0, 1}, 0.1) // every 0.1 ms
//	ve := record.NewState(exc.Slice(0, 4), "v", nil, 0) // every neuron of the view, every step
//	net.Record(sp)
//	net.Record(vm)
//	net.Run(1000)
//	t, i := sp.Times(), sp.Indices()
//	v := vm.Values()[0] // neuron 0's trace, sampled at vm.Times()
//
// The recorders are network.Cacheable: MarshalBinary and UnmarshalBinary
// round-trip everything they hold (configuration, dt, size, data), and
// UnmarshalBinary refuses data of another configuration or data that does
// not fit. A recorder attaches to one network only.
//
// Spike times are stamped at the end of the update that produced them
// (n·dt); states are sampled after the update (time n·dt), starting with
// the initial state at time 0.
//
// For long runs of large networks, SpikeStream and StateStream record as
// Spikes and State do but keep only a chunk in memory: full chunks go to a
// background goroutine that writes them to a Sink (package recording's
// Parquet StreamWriter), off the engine's workers. They take part in the
// engine's recorder life cycle (network.Flusher, Chunker, Closer): flushed
// at the end of every run, so the output is complete when Run returns, and
// during a run every few chunks or seconds, so a killed run leaves
// everything up to the last flush; a sink's error stops the run. A run's
// fingerprint is the same whether it streamed or not.
//
//	w, _ := recording.NewStreamWriter("run", recording.MetaOf(net))
//	net.Record(record.NewSpikeStream(w, "exc"))
//
// State and Rate are network.Digester: what they record is part of the
// network's Fingerprint (every sample's exact bits, hashed after each run,
// never while stepping). All three are network.Cacheable.
package record
