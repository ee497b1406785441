package record

// Data and Restore give a recorder's whole content as plain values and
// make a recorder back from them, for storage formats other than the run
// cache's (package recording writes them as Parquet). Restore checks the
// data exactly as UnmarshalBinary does (it goes through it): a restored
// recorder gives what the original gave, its Digest included, and data
// that does not fit is refused. The slices of a Data share the recorder's
// memory: do not modify them. A restored recorder has no Group (it is not
// attached to a network).

// SpikesData is what a spike recorder holds.
type SpikesData struct {
	Pop   string  // network.GroupKey of the recorded group
	Label string  // the group's name, as Population gives it
	DT    float64 // time step (ms) of the network attached to
	Size  int     // size of the group
	Steps []int64 // update of each spike
	IDs   []int32 // neuron (index in the group) of each spike
}

// Data returns what the recorder holds (shared, do not modify).
func (s *Spikes) Data() SpikesData {
	return SpikesData{s.key, s.label, s.dt, s.size, s.Steps(), s.Indices()}
}

// RestoreSpikes makes a spike recorder holding d.
func RestoreSpikes(d SpikesData) (*Spikes, error) {
	return restore(&Spikes{}, spikesData(d))
}

// StateData is what a state recorder holds.
type StateData struct {
	Pop, Variable string // Pop: network.GroupKey of the recorded group
	Label         string
	Neurons       []int   // in the order given
	Interval      float64 // asked for (ms; 0: every step)
	Every         int64   // sampling interval (updates)
	DT            float64 // time step (ms)
	K0            int64   // sample index of the first sample (-1: none yet)
	Vals          [][]float64
}

// Data returns what the recorder holds (shared, do not modify).
func (s *State) Data() StateData {
	return StateData{s.pop, s.variable, s.label, s.neurons, s.interval, s.every, s.dt, s.k0, s.vals}
}

// RestoreState makes a state recorder holding d.
func RestoreState(d StateData) (*State, error) {
	return restore(&State{k0: -1}, stateData(d))
}

// RateData is what a rate recorder holds.
type RateData struct {
	Pop      string // network.GroupKey of the recorded group
	Label    string
	Bin      float64 // asked for (ms; 0: one step)
	BinSteps int64   // bin width (updates)
	DT       float64 // time step (ms)
	Size     int     // size of the group
	First    int64   // first update counted (-1: none yet)
	Counts   []int32 // spikes of update First+k
}

// Data returns what the recorder holds (shared, do not modify).
func (r *Rate) Data() RateData {
	return RateData{r.pop, r.label, r.bin, r.binSteps, r.dt, r.size, r.first, r.counts}
}

// RestoreRate makes a rate recorder holding d.
func RestoreRate(d RateData) (*Rate, error) {
	return restore(&Rate{first: -1}, rateData(d))
}

type unmarshaler interface{ UnmarshalBinary([]byte) error }

func restore[R unmarshaler](r R, d any) (R, error) {
	var zero R
	b, err := encode(d)
	if err != nil {
		return zero, err
	}
	if err := r.UnmarshalBinary(b); err != nil {
		return zero, err
	}
	return r, nil
}

// WeightsData is what a synapse recorder (NewWeights, NewSynapseVar)
// holds.
type WeightsData struct {
	Proj      int    // the projection's index in its network
	Pre, Post string // names of the projection's source and target groups
	Variable  string // "w" or a plastic rule's variable
	Synapses  []int  // table order indices, in the order given
	All       bool   // every synapse was asked for (none given)
	Interval  float64
	Every     int64 // sampling interval (updates)
	DT        float64
	K0        int64       // sample index of the first sample (-1: none yet)
	Vals      [][]float64 // one trace per synapse, in the order given
}

// Data returns what the recorder holds (shared, do not modify).
func (s *Weights) Data() WeightsData {
	return WeightsData{s.pi, s.pre, s.post, s.variable, s.synapses, s.all, s.interval, s.every, s.dt, s.k0, s.vals}
}

// RestoreWeights makes a synapse recorder holding d.
func RestoreWeights(d WeightsData) (*Weights, error) {
	return restore(&Weights{k0: -1}, weightsData{d.Proj, d.Pre, d.Post, d.Variable, d.Synapses, d.All, d.Interval, d.Every, d.DT, d.K0, d.Vals})
}
