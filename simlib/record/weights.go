package record

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/param"
)

// Weights records a per-synapse variable of chosen synapses of a
// projection every few steps: the weights ("w", NewWeights) or a plastic
// rule's state (NewSynapseVar: "apre", "u", "x", ...). Samples are the
// values after an update, taken like State's (the state after update n at
// the start of update n+1, on the worker that owns the synapses' targets,
// and at the end of each run), so they do not depend on the number of
// workers. It is part of the network's fingerprint and of the run cache.
type Weights struct {
	proj      *network.Projection
	pi        int // the projection's index, for the cache key and digest
	pre, post string
	variable  string
	synapses  []int // nil: all, resolved at Attach
	all       bool
	interval  float64
	every     int64
	net       uint64
	idx       int // target population's index
	dt        float64
	src       []float64
	order     []int   // positions in synapses, sorted by target
	tgt       []int32 // targets of synapses in that order
	k0        int64
	vals      [][]float64
	dg        digest
}

// NewWeights records the weights of the given synapses (indices in the
// projection's table order, as Projection.Weights; none: all) every
// interval ms (rounded to steps; 0: every step; otherwise at least dt).
func NewWeights(pr *network.Projection, synapses []int, interval float64) *Weights {
	return NewSynapseVar(pr, "w", synapses, interval)
}

// NewSynapseVar records a per-synapse variable of a projection (see
// network.Projection.Var for the names) like NewWeights.
func NewSynapseVar(pr *network.Projection, variable string, synapses []int, interval float64) *Weights {
	w := &Weights{proj: pr, variable: variable, synapses: slices.Clone(synapses), all: len(synapses) == 0, interval: interval, k0: -1}
	if pr != nil {
		w.pi, w.pre, w.post = pr.Index(), pr.Pre(), pr.Post()
	}
	return w
}

func (s *Weights) what() string {
	return fmt.Sprintf("synapse recorder of projection %d %q -> %q, %s", s.pi, s.pre, s.post, s.variable)
}

func (s *Weights) Attach(v network.View) error {
	// every check first: a refused attach leaves the recorder as it was
	if s.proj == nil {
		return fmt.Errorf("synapse recorder: the projection is nil: give the value network.Connect returned")
	}
	if s.net != 0 && s.net != v.ID() {
		return fmt.Errorf("%s: already attached to another network: make a new recorder", s.what())
	}
	if !slices.Contains(v.Projections(), s.proj) {
		return fmt.Errorf("%s: the projection is not one of this network's", s.what())
	}
	idx, _, ok := v.Lookup(s.proj.PostPopulation())
	if !ok {
		return fmt.Errorf("%s: unknown target population %q", s.what(), s.proj.PostPopulation())
	}
	src := s.proj.Var(s.variable)
	if src == nil {
		return fmt.Errorf("%s: no per-synapse variable %q (has %s)", s.what(), s.variable, strings.Join(s.proj.Vars(), ", "))
	}
	dt := v.DT()
	every, err := param.Steps("interval", s.interval, dt, param.MaxSteps)
	if err == nil && s.interval != 0 && s.interval < dt*(1-1e-9) {
		err = param.New("interval", s.interval, " ms", fmt.Sprintf("must be 0 (every step) or at least dt = %v ms", dt))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", s.what(), err)
	}
	syn := s.synapses
	if s.all {
		syn = make([]int, len(src))
		for k := range syn {
			syn[k] = k
		}
	}
	for _, k := range syn {
		if k < 0 || k >= len(src) {
			return fmt.Errorf("%s: synapse %d: must be in [0, %d) (the projection's synapses, table order)", s.what(), k, len(src))
		}
	}
	targets := s.proj.Table().Post
	s.synapses, s.idx, s.dt, s.src, s.every, s.net = syn, idx, dt, src, max(1, every), v.ID()
	s.order = make([]int, len(syn))
	for k := range s.order {
		s.order[k] = k
	}
	slices.SortStableFunc(s.order, func(a, b int) int { return int(targets[syn[a]]) - int(targets[syn[b]]) })
	s.tgt = make([]int32, len(syn))
	for k, o := range s.order {
		s.tgt[k] = targets[syn[o]]
	}
	s.vals = make([][]float64, len(syn))
	return nil
}

func (s *Weights) Reserve(steps int64) { reserveRows(s.vals, steps, s.every) }

func (s *Weights) Sample(step int64, pop, lo, hi int) {
	if pop != s.idx || step%s.every != 0 {
		return
	}
	a, _ := slices.BinarySearch(s.tgt, int32(lo))
	if a == 0 && s.k0 < 0 && len(s.tgt) > 0 && int(s.tgt[0]) < hi {
		s.k0 = step / s.every // only the owner of the first synapse's target sets it
	}
	for j := a; j < len(s.tgt) && int(s.tgt[j]) < hi; j++ {
		o := s.order[j]
		s.vals[o] = append(s.vals[o], s.src[s.synapses[o]])
	}
}

func (s *Weights) Spikes(int64, int, [][]int32) {}

// Values returns one trace per recorded synapse, in the order given.
func (s *Weights) Values() [][]float64 { return s.vals }

// Synapses returns the recorded synapses (table order indices), in the
// order given (all of them once attached, if none were given).
func (s *Weights) Synapses() []int { return s.synapses }

// Variable returns the recorded variable's name.
func (s *Weights) Variable() string { return s.variable }

// Projection returns a readable label of the recorded projection: its
// source and target groups and its index in the network, "pre → post #0".
func (s *Weights) Projection() string { return fmt.Sprintf("%s → %s #%d", s.pre, s.post, s.pi) }

// Interval returns the sampling interval asked for (ms; 0: every step).
func (s *Weights) Interval() float64 { return s.interval }

// Times returns the sample times (ms).
func (s *Weights) Times() []float64 {
	n := 0
	if len(s.vals) > 0 {
		n = len(s.vals[0])
	}
	t := make([]float64, n)
	for i := range t {
		t[i] = float64((s.k0+int64(i))*s.every) * s.dt
	}
	return t
}

// At returns every recorded synapse's value at sample i (a histogram's
// input), in the order the synapses were given.
func (s *Weights) At(i int) []float64 {
	out := make([]float64, len(s.vals))
	for k, v := range s.vals {
		out[k] = v[i]
	}
	return out
}

// RunBytes estimates what a run of steps updates adds (network.RunSizer).
func (s *Weights) RunBytes(steps int64) float64 {
	n := len(s.synapses)
	if s.all && s.proj != nil {
		n = int(s.proj.Len())
	}
	return float64(n) * 8 * (float64(steps)/float64(max(1, s.every)) + 1)
}

// Digest returns the hash of the samples recorded so far (see
// network.Digester): a header (kind, projection, variable, synapses,
// interval in steps, first sample) and every sample's values in the order
// the synapses were given, exact bits.
func (s *Weights) Digest() []byte {
	d := &s.dg
	d.init()
	if !d.head && s.k0 >= 0 {
		d.str("synapses")
		d.u64(uint64(s.pi))
		d.str(s.pre)
		d.str(s.post)
		d.str(s.variable)
		d.u64(uint64(len(s.synapses)))
		for _, k := range s.synapses {
			d.u64(uint64(k))
		}
		d.u64(uint64(s.every))
		d.u64(uint64(s.k0))
		d.head = true
	}
	if d.head {
		n := -1
		for _, v := range s.vals {
			if n < 0 || len(v) < n {
				n = len(v)
			}
		}
		for ; d.done < n; d.done++ {
			for _, v := range s.vals {
				d.u64(math.Float64bits(v[d.done]))
			}
			d.flush(false)
		}
	}
	return d.sum()
}

type weightsData struct {
	Proj           int
	Pre, Post, Var string
	Synapses       []int
	All            bool
	Interval       float64
	Every          int64
	DT             float64
	K0             int64
	Vals           [][]float64
}

// CacheKey describes the recorder's configuration.
func (s *Weights) CacheKey() string {
	return fmt.Sprintf("synapses %d %q %q %q %v %v %v", s.pi, s.pre, s.post, s.variable, s.all, s.synapses, s.interval)
}

// MarshalBinary encodes the recorder: configuration, dt, sampling and
// values.
func (s *Weights) MarshalBinary() ([]byte, error) {
	return encode(weightsData{s.pi, s.pre, s.post, s.variable, s.synapses, s.all, s.interval, s.every, s.dt, s.k0, s.vals})
}

// UnmarshalBinary restores a recorder encoded by MarshalBinary into one
// made with the same configuration.
func (s *Weights) UnmarshalBinary(b []byte) error {
	var d weightsData
	if err := decode(b, &d); err != nil {
		return err
	}
	if s.proj != nil && (s.pi != d.Proj || s.pre != d.Pre || s.post != d.Post || s.variable != d.Var || s.all != d.All || !s.all && !slices.Equal(s.synapses, d.Synapses)) {
		return fmt.Errorf("record: %s: the data is of a recorder of projection %d %q -> %q, %s", s.what(), d.Proj, d.Pre, d.Post, d.Var)
	}
	if len(d.Vals) != len(d.Synapses) && !(d.Vals == nil && d.Every == 0) {
		return fmt.Errorf("record: %s: data has %d traces for %d synapses", s.what(), len(d.Vals), len(d.Synapses))
	}
	hasData := false
	for k := range d.Vals {
		if len(d.Vals[k]) != len(d.Vals[0]) {
			return fmt.Errorf("record: %s: trace %d has %d samples, trace 0 has %d", s.what(), k, len(d.Vals[k]), len(d.Vals[0]))
		}
		if d.Vals[k] == nil {
			d.Vals[k] = []float64{}
		}
		hasData = hasData || len(d.Vals[k]) > 0
	}
	if hasData && d.Every < 1 {
		return fmt.Errorf("record: %s: data samples every %d steps: must be >= 1", s.what(), d.Every)
	}
	if err := validDT("synapse recorder", d.DT, hasData); err != nil {
		return err
	}
	s.pi, s.pre, s.post, s.variable, s.synapses, s.all = d.Proj, d.Pre, d.Post, d.Var, d.Synapses, d.All
	s.interval, s.every, s.dt, s.k0, s.vals = d.Interval, d.Every, d.DT, d.K0, d.Vals
	s.dg.reset()
	return nil
}
