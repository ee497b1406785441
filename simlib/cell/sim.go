package cell

// Sim is a standalone simulation of one cell: its Group, the event queue
// for its point processes, recorders and time. It follows NEURON's fixed
// step: New is h.finitialize(v_init); Run(tstop) is
// "while t < tstop - dt/2: fadvance()".
type Sim struct {
	g      *Group
	t      float64
	steps  int64
	queue  eventQueue
	traces []*Trace
	all    *AllV
	spikes []float64
	fault  error // a non-finite state stops the simulation for good
}

// New builds and initialises a cell (nil options mean DefaultOptions).
// Every mistake in the description is returned together.
func New(c Cell, o *Options) (*Sim, error) { return newSim(c, o) }

// Group returns the simulation's group of one cell.
func (s *Sim) Group() *Group { return s.g }

// T is the current time (ms).
func (s *Sim) T() float64 { return s.t }

// Events schedules events of weight w (µS for synapses) at the given times
// (ms) for the point process labelled label (as a VecStim through a NetCon
// with zero delay would). Events are delivered at the step boundary t when
// the event time is <= t + dt/2, as NEURON's fixed step does.
func (s *Sim) Events(label string, w float64, times ...float64) error {
	return s.events(label, w, times)
}

// Record records variable name ("v", "m_hh", "ina", ...) at (section, x)
// at t = 0 and after every step.
func (s *Sim) Record(section string, x float64, name string) (*Trace, error) {
	return s.record(section, x, name)
}

// RecordPoint records variable name ("g", "i", "A", "B") of a point process.
func (s *Sim) RecordPoint(label, name string) (*Trace, error) { return s.recordPoint(label, name) }

// RecordAllV records v at every node of the cell.
func (s *Sim) RecordAllV() *AllV { return s.recordAll() }

// Spikes returns the spike times (ms) of the cell's Detector so far.
func (s *Sim) Spikes() []float64 { return s.spikes }

// Run advances to tstop (ms, absolute time): while t < tstop - dt/2, one
// step; Run again to continue. It returns an error if tstop is not finite
// or a NaN or Inf appears in v: the recordings keep everything up to that
// step and the simulation refuses to run further.
func (s *Sim) Run(tstop float64) error { return s.run(tstop) }
