package models

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// RSFS holds the parameters of ntwk's recurrent network of regular-spiking
// excitatory ("Exc") and fast-spiking inhibitory ("Inh") AdEx cells driven
// by a population of Poisson afferents ("AffExc"): the Model dictionary of
// ntwk's AdEx network library. Weights and probabilities are named
// pre-to-post as in ntwk (QExcInh: from Exc onto Inh).
type RSFS struct {
	NExc, NInh, NAff int     // population sizes at Scale 1
	Scale            float64 // fraction of the neurons kept, > 0 (see RSFSNetwork)

	Exc, Inh neuron.AdEx // cell models (Euler, ntwk's/Brian2's scheme)

	QExcExc, QExcInh float64 // excitatory recurrent weights (nS)
	QInhExc, QInhInh float64 // inhibitory recurrent weights (nS)
	QAffExc, QAffInh float64 // afferent weights (nS)
	PExcExc, PExcInh float64 // connection probabilities
	PInhExc, PInhInh float64
	PAffExc, PAffInh float64

	Tse, Tsi float64 // excitatory and inhibitory synaptic decay (ms)
	Ee, Ei   float64 // excitatory and inhibitory reversal potentials (mV)

	// Afferent rate (Hz) at time t (ms), ntwk's Faff_array:
	// AffBase + AffPeak·exp(-(t - AffT0)²/(2·AffSigma²)).
	AffBase, AffPeak float64 // Hz
	AffT0, AffSigma  float64 // ms

	TStop   float64 // length of the afferent rate array (ms); its last value is held after
	DT      float64 // step (ms)
	RateBin float64 // bin of the rate recorders (ms); 0: one step, as ntwk's rate monitor
	Seed    uint64
	Workers int
}

// DefaultRSFS returns the seed's Model: N_Exc 4000, N_Inh 1000, N_AffExc
// 400; Q 1 nS from Exc and AffExc, 4 nS from Inh; p 0.05 recurrent, 0.5
// afferent; Tse = Tsi = 5 ms; Ee 0, Ei -80 mV; dt 0.1 ms, tstop 1500 ms,
// SEED 3; Exc: DefaultAdEx (GLeak 10 nS, Cm 200 pF, TauRefrac 5 ms, VRest -70,
// VThresh -50, VReset -70, DeltaT 2 mV, a 0, b 40 pA, TauW 500 ms); Inh: the
// same with DeltaT 0.5 mV, b 0, TauW 1e9 ms; spikes at VThresh + 5·DeltaT;
// Faff = 4 + 4·exp(-(t-1000)²/(2·100²)) Hz. Scale 1.
func DefaultRSFS() RSFS {
	inh := neuron.DefaultAdEx()
	inh.DeltaT, inh.B, inh.TauW = 0.5, 0, 1e9
	inh.VSpike = inh.NtwkCut()
	return RSFS{
		NExc: 4000, NInh: 1000, NAff: 400, Scale: 1,
		Exc: neuron.DefaultAdEx(), Inh: inh,
		QExcExc: 1, QExcInh: 1, QInhExc: 4, QInhInh: 4, QAffExc: 1, QAffInh: 1,
		PExcExc: 0.05, PExcInh: 0.05, PInhExc: 0.05, PInhInh: 0.05, PAffExc: 0.5, PAffInh: 0.5,
		Tse: 5, Tsi: 5, Ee: 0, Ei: -80,
		AffBase: 4, AffPeak: 4, AffT0: 1000, AffSigma: 100,
		TStop: 1500, DT: 0.1, Seed: 3,
	}
}

// Faff returns the afferent rate (Hz) at time t (ms).
func (p RSFS) Faff(t float64) float64 {
	d := (t - p.AffT0) / p.AffSigma
	return p.AffBase + float64(p.AffPeak*pmath.Exp(-d*d/2))
}

// Sizes returns the population sizes at p.Scale: round(Scale·N).
func (p RSFS) Sizes() (exc, inh, aff int) {
	r := func(n int) int { return int(math.Round(p.Scale * float64(n))) }
	return r(p.NExc), r(p.NInh), r(p.NAff)
}

// Validate checks the parameters that RSFSNetwork does not pass to a
// model; the engine checks the rest (cells, kinetics) when the network is
// built. An error names the field, its value and what is allowed.
func (p RSFS) Validate() error {
	bad := func(name string, v any, allowed string) error {
		return fmt.Errorf("RSFS: %s = %v: %s", name, v, allowed)
	}
	if !(p.Scale > 0) || math.IsInf(p.Scale, 0) {
		return bad("Scale", p.Scale, "must be positive and finite")
	}
	for _, s := range []struct {
		name string
		n    int
	}{{"NExc", p.NExc}, {"NInh", p.NInh}, {"NAff", p.NAff}} {
		if x := p.Scale * float64(s.n); x >= math.MaxInt32 {
			return bad(s.name, s.n, fmt.Sprintf("with Scale = %v this makes %.3g neurons: must be below 2^31", p.Scale, x))
		}
	}
	e, i, a := p.Sizes()
	for _, s := range []struct {
		name   string
		n, got int
	}{{"NExc", p.NExc, e}, {"NInh", p.NInh, i}, {"NAff", p.NAff, a}} {
		if s.got < 1 {
			return bad(s.name, s.n, fmt.Sprintf("with Scale = %v this leaves %d neurons: need at least 1", p.Scale, s.got))
		}
	}
	for _, q := range []struct {
		name string
		v    float64
	}{{"QExcExc", p.QExcExc}, {"QExcInh", p.QExcInh}, {"QInhExc", p.QInhExc}, {"QInhInh", p.QInhInh}, {"QAffExc", p.QAffExc}, {"QAffInh", p.QAffInh}} {
		if math.IsNaN(q.v) || math.IsInf(q.v, 0) || q.v < 0 {
			return bad(q.name, q.v, "a conductance weight must be >= 0 and finite (nS)")
		}
	}
	for _, q := range []struct {
		name string
		v    float64
	}{{"PExcExc", p.PExcExc}, {"PExcInh", p.PExcInh}, {"PInhExc", p.PInhExc}, {"PInhInh", p.PInhInh}, {"PAffExc", p.PAffExc}, {"PAffInh", p.PAffInh}} {
		if math.IsNaN(q.v) || q.v < 0 || q.v > 1 {
			return bad(q.name, q.v, "a probability must be in [0, 1]")
		}
	}
	switch {
	case math.IsNaN(p.AffBase) || math.IsInf(p.AffBase, 0) || p.AffBase < 0:
		return bad("AffBase", p.AffBase, "must be >= 0 and finite (Hz)")
	case math.IsNaN(p.AffPeak) || math.IsInf(p.AffPeak, 0) || p.AffBase+p.AffPeak < 0:
		return bad("AffPeak", p.AffPeak, "must be finite with AffBase + AffPeak >= 0 (Hz)")
	case math.IsNaN(p.AffT0) || math.IsInf(p.AffT0, 0):
		return bad("AffT0", p.AffT0, "must be finite (ms)")
	case !(p.AffSigma > 0) || math.IsInf(p.AffSigma, 0):
		return bad("AffSigma", p.AffSigma, "must be positive and finite (ms)")
	case !(p.DT > 0) || math.IsInf(p.DT, 0):
		return bad("DT", p.DT, "must be positive and finite (ms)")
	case !(p.TStop >= p.DT) || math.IsInf(p.TStop, 0):
		return bad("TStop", p.TStop, fmt.Sprintf("must be finite and at least DT = %v ms", p.DT))
	case p.TStop/p.DT > maxRateSteps:
		return bad("TStop", p.TStop, fmt.Sprintf("the afferent rate array would have %.3g entries of DT = %v ms: at most %d (TStop <= %.6g ms)", p.TStop/p.DT, p.DT, maxRateSteps, maxRateSteps*p.DT))
	case math.IsNaN(p.RateBin) || p.RateBin < 0:
		return bad("RateBin", p.RateBin, "must be >= 0 (ms; 0: one step)")
	case p.Workers < 0:
		return bad("Workers", p.Workers, "must be >= 0 (0: automatic)")
	}
	return nil
}

// maxRateSteps bounds the afferent rate array (800 MB).
const maxRateSteps = 100_000_000

// scaleConn returns the probability and weight of a projection from a
// population of n neurons at Scale 1 and ns after scaling that keep the
// expected in-degree p·n: p·n/ns, and where that would exceed 1, p = 1 and
// the weight raised by the same factor (the mean input is kept).
func scaleConn(p, q float64, n, ns int) (float64, float64) {
	ps := p * float64(n) / float64(ns)
	if ps <= 1 {
		return ps, q
	}
	return 1, q * ps
}

// RSFSNetwork builds ntwk's RS-FS network: populations "Exc" and "Inh" of
// AdEx cells (forward Euler) with conductance receptors "exc"
// (CondExp(Tse, Ee)) and "inh" (CondExp(Tsi, Ei)), and "AffExc", Poisson
// sources whose rate follows Faff on the step grid up to TStop (a
// PoissonSource with Rates, ntwk's Faff_array). Every projection is
// connect.FixedProbability without autapses, with ntwk's zero delay, i.e.
// one step (as Brian2: a spike acts from the next step). Cells start at
// rest (v = VRest, w = 0, no conductance), as ntwk's initialize_to_rest.
//
// At Scale s every population has round(s·N) neurons and every projection
// keeps its expected in-degree p·N_pre (and hence the mean and variance of
// each cell's input) by using probability p·N_pre/round(s·N_pre); where
// that would exceed 1, the probability is 1 and the weight Q is multiplied
// by the excess, which keeps the mean input only. At Scale 0.1 the afferent
// projections (p 0.5 of 400 = 200 inputs) become all-to-all from 40
// afferents with weights 5 nS.
//
// RSFSNetwork checks p with Validate and returns what it finds; the
// invalid values the engine sees (model parameters, probabilities, sizes)
// are returned by the network's Build and Run. The network is not built
// yet, so more can be added.
//
// Note: ntwk may draw the afferent input of each target neuron as an
// independent train; here afferents are one shared population, as the
// seed's N_AffExc and p_AffExc_* describe.
func RSFSNetwork(p RSFS) (*RSFSModel, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	net := network.New(network.Options{DT: p.DT, Seed: p.Seed, Workers: p.Workers, Label: "ntwk-rs-fs"})
	nE, nI, nA := p.Sizes()
	for _, pop := range []struct {
		name string
		n    int
		cell neuron.AdEx
	}{{"Exc", nE, p.Exc}, {"Inh", nI, p.Inh}} {
		net.AddPopulation(pop.name, pop.n, pop.cell).
			Receptor("exc", synapse.CondExp(p.Tse, p.Ee)).
			Receptor("inh", synapse.CondExp(p.Tsi, p.Ei))
	}
	rates := make([]float64, int(math.Round(p.TStop/p.DT)))
	for k := range rates {
		rates[k] = p.Faff(float64(k) * p.DT)
	}
	net.AddPopulation("AffExc", nA, neuron.PoissonSource{Rates: rates, RateDT: p.DT})
	for _, c := range []struct {
		pre, post, receptor string
		p, q                float64
		n, ns               int
	}{
		{"Exc", "Exc", "exc", p.PExcExc, p.QExcExc, p.NExc, nE},
		{"Exc", "Inh", "exc", p.PExcInh, p.QExcInh, p.NExc, nE},
		{"Inh", "Exc", "inh", p.PInhExc, p.QInhExc, p.NInh, nI},
		{"Inh", "Inh", "inh", p.PInhInh, p.QInhInh, p.NInh, nI},
		{"AffExc", "Exc", "exc", p.PAffExc, p.QAffExc, p.NAff, nA},
		{"AffExc", "Inh", "exc", p.PAffInh, p.QAffInh, p.NAff, nA},
	} {
		prob, q := c.p, c.q
		if c.ns > 0 {
			prob, q = scaleConn(c.p, c.q, c.n, c.ns)
		}
		net.Connect(net.Population(c.pre), net.Population(c.post), connect.FixedProbability{P: prob}, network.Synapse{Receptor: c.receptor, Weight: dist.Const(q)})
	}
	r := &RSFSRecorders{
		ExcSpikes: record.NewSpikes(net.Population("Exc")), InhSpikes: record.NewSpikes(net.Population("Inh")), AffSpikes: record.NewSpikes(net.Population("AffExc")),
		ExcRate: record.NewRate(net.Population("Exc"), p.RateBin), InhRate: record.NewRate(net.Population("Inh"), p.RateBin), AffRate: record.NewRate(net.Population("AffExc"), p.RateBin),
		ExcV: record.NewState(net.Population("Exc"), "v", firstN(4, nE), 0), InhV: record.NewState(net.Population("Inh"), "v", firstN(4, nI), 0),
	}
	for _, rec := range []network.Recorder{r.ExcSpikes, r.InhSpikes, r.AffSpikes, r.ExcRate, r.InhRate, r.AffRate, r.ExcV, r.InhV} {
		net.Record(rec)
	}
	return &RSFSModel{net, r}, nil
}

// RSFSModel is what RSFSNetwork makes: the network (embedded, so
// m.Run(1500) runs it) and its recorders (embedded, so m.ExcRate is the
// Exc population's rate recorder).
type RSFSModel struct {
	*network.Network
	*RSFSRecorders
}

// firstN returns 0..min(k, n)-1.
func firstN(k, n int) []int {
	s := make([]int, max(0, min(k, n)))
	for i := range s {
		s[i] = i
	}
	return s
}

// RSFSRecorders are the recorders RSFSNetwork attaches: every spike and
// the population rate of each population, and v of the first four cells of
// Exc and Inh at every step (ntwk's with_raster and with_Vm=4).
type RSFSRecorders struct {
	ExcSpikes, InhSpikes, AffSpikes *record.Spikes
	ExcRate, InhRate, AffRate       *record.Rate
	ExcV, InhV                      *record.State
}
