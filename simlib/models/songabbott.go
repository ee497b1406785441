package models

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// SongAbbott holds the parameters of Song, Miller & Abbott (2000)'s STDP
// network as Brian2's documentation example "synapses/STDP" runs it: N
// Poisson inputs onto one leaky integrate-and-fire cell through
// conductance synapses whose weights follow additive, all-to-all pair STDP
// with hard bounds. Depression slightly outweighs potentiation, so the
// inputs compete and the weights end near the bounds (a bimodal
// distribution) while the output rate settles.
//
// Brian2 writes the cell with a dimensionless conductance ge (in units of
// the leak conductance): taum dv/dt = ge·(Ee − v) + El − v. DefaultSongAbbott
// gives the cell Cm = 10 pF and TauM = 10 ms, a leak conductance of 1 nS,
// so golgi's conductances and weights in nS are Brian2's numbers.
type SongAbbott struct {
	N     int        // Poisson inputs
	Rate  float64    // their rate (Hz)
	Cell  neuron.LIF // the output cell (pF, ms, mV)
	TauE  float64    // decay of the excitatory conductance (ms)
	EExc  float64    // its reversal potential (mV)
	STDP  plasticity.Pair
	Delay float64 // input delay (ms), at least dt; see DefaultSongAbbott

	// WeightInterval samples every synapse's weight every so many ms
	// (record.Weights, m.Weights); 0: no weight recorder (the final
	// weights are m.Input.Weights()).
	WeightInterval float64

	Method  scheme.Method // the cell's integration; Brian2's example uses forward Euler
	DT      float64       // step (ms)
	TStop   float64       // duration (ms); callers pass it to Run
	Seed    uint64
	Workers int // 0: automatic
}

// DefaultSongAbbott returns Brian2's example: 1000 inputs at 15 Hz; taum
// 10 ms, El −74 mV, vt −54 mV, vr −60 mV, no refractory period; taue 5 ms,
// Ee 0 mV; τ± 20 ms, gmax 0.01 (nS here), dApre = 0.01·gmax, dApost =
// −1.05·dApre; initial weights uniform in [0, gmax]; forward Euler, dt
// 0.1 ms, 100 s. Brian2's example has no synaptic delay: golgi's smallest
// delay is one step, which moves every input train one step later and
// leaves the timing at the synapse as Brian2's (the pre event at the
// synapse one step before its PSP acts on v, the post event at the spike's
// step).
func DefaultSongAbbott() SongAbbott {
	return SongAbbott{
		N: 1000, Rate: 15,
		Cell: neuron.LIF{Cm: 10, TauM: 10, VRest: -74, VThresh: -54, VReset: -60},
		TauE: 5, EExc: 0,
		STDP:  plasticity.Pair{TauPlus: 20, TauMinus: 20, APlus: 1e-4, AMinus: 1.05e-4, WMin: 0, WMax: 0.01},
		Delay: 0.1, WeightInterval: 1000,
		Method: scheme.Euler, DT: 0.1, TStop: 100000,
	}
}

// Validate checks what makes the network's shape (N >= 1, WeightInterval
// >= 0); the network checks the values themselves when it is built.
func (p SongAbbott) Validate() error {
	if p.N < 1 {
		return fmt.Errorf("models.SongAbbott: N = %d: give at least 1 Poisson input", p.N)
	}
	if !(p.WeightInterval >= 0) {
		return fmt.Errorf("models.SongAbbott: WeightInterval = %g ms: must be >= 0 (0: no weight recorder)", p.WeightInterval)
	}
	return nil
}

// SongAbbottNetwork builds the network: population "in" (N Poisson
// sources), population "out" (the cell, receptor "ge"), the plastic
// projection in -> out (m.Input), a spike recorder of the cell (m.Spikes)
// and, if WeightInterval > 0, a weight recorder of every synapse
// (m.Weights). The initial weights are uniform in [STDP.WMin, STDP.WMax].
func SongAbbottNetwork(p SongAbbott) (*SongAbbottModel, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	net := network.New(network.Options{DT: p.DT, Seed: p.Seed, Workers: p.Workers, Label: "song-miller-abbott"})
	in := net.AddPopulation("in", p.N, neuron.PoissonSource{Rate: p.Rate})
	out := net.AddPopulation("out", 1, p.Cell).Method(p.Method).Receptor("ge", synapse.CondExp(p.TauE, p.EExc))
	m := &SongAbbottModel{Network: net, P: p}
	m.Input = net.Connect(in, out, connect.AllToAll{}, network.Synapse{
		Receptor: "ge", Weight: dist.Uniform{Low: p.STDP.WMin, High: p.STDP.WMax},
		Delay: dist.Const(p.Delay), Plasticity: p.STDP,
	})
	m.Spikes = record.NewSpikes(out)
	net.Record(m.Spikes)
	if p.WeightInterval > 0 {
		m.Weights = record.NewWeights(m.Input, nil, p.WeightInterval)
		net.Record(m.Weights)
	}
	return m, nil
}

// SongAbbottModel is what SongAbbottNetwork makes: the network (embedded),
// its parameters, the plastic projection and the recorders.
type SongAbbottModel struct {
	*network.Network
	P       SongAbbott
	Input   *network.Projection
	Spikes  *record.Spikes
	Weights *record.Weights // nil if P.WeightInterval is 0
}

// SongAbbottStats summarises a run as compare/song_abbott_brian2.py does
// for golgi and Brian2 alike: weights as fractions of the range
// [WMin, WMax].
type SongAbbottStats struct {
	Mean    float64     // mean weight
	Low     float64     // fraction of synapses below 0.1 (near WMin)
	High    float64     // fraction above 0.9 (near WMax)
	Hist    [10]float64 // fraction of synapses in each tenth of the range (the last bin includes 1)
	Rate    float64     // output rate over the whole run (Hz)
	RateEnd float64     // output rate over the last 10 s (Hz; the whole run if shorter)
}

// Stats summarises the weights now and the output spikes of the runs so
// far (t = 0 to the network's time now).
func (m *SongAbbottModel) Stats() SongAbbottStats {
	var s SongAbbottStats
	w := m.Input.Weights()
	lo, span := m.P.STDP.WMin, m.P.STDP.WMax-m.P.STDP.WMin
	for _, x := range w {
		f := 0.0
		if span > 0 {
			f = (x - lo) / span
		}
		s.Mean += f
		if f < 0.1 {
			s.Low++
		}
		if f > 0.9 {
			s.High++
		}
		b := int(f * 10)
		b = min(max(b, 0), 9)
		s.Hist[b]++
	}
	n := float64(len(w))
	s.Mean, s.Low, s.High = s.Mean/n, s.Low/n, s.High/n
	for i := range s.Hist {
		s.Hist[i] /= n
	}
	now := m.Steps()
	if now > 0 {
		dt := m.DT()
		s.Rate = float64(m.Spikes.Len()) / (float64(float64(now)*dt) / 1000)
		win := min(int64(10000/dt+0.5), now)
		k := 0
		for st := range m.Spikes.All() {
			if st > now-win {
				k++
			}
		}
		s.RateEnd = float64(k) / (float64(float64(win)*dt) / 1000)
	}
	return s
}
