package models

import (
	"errors"
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/synapse"
	"github.com/golgi-sim/golgi/simlib/units"
)

// VA holds the parameters of the Vogels-Abbott balanced network as PyNN's
// VAbenchmarks.py sets them (Brette et al. 2007, benchmarks 1 and 2;
// PyNN's VA COBA/CUBA benchmark). COBA has conductance-based exponential
// synapses and a 50 ms Poisson kick that starts the activity; CUBA has
// current-based exponential synapses, a leak reversal above threshold and
// no kick.
type VA struct {
	Benchmark string  // "COBA" or "CUBA"
	N         int     // cells, excitatory and inhibitory (PyNN's n)
	REI       float64 // ratio of excitatory to inhibitory cells (r_ei)
	PConn     float64 // connection probability of every recurrent projection (pconn)
	// Autapses allows a cell to connect to itself. PyNN's
	// FixedProbabilityConnector allows it by default (about 80 of the
	// 320000 synapses); DefaultCOBA and DefaultCUBA have none, and neither
	// has the Brian2 model of compare/va_brian2.py.
	Autapses bool
	// Scale multiplies N and divides PConn, so that every cell keeps about
	// N·PConn recurrent inputs and the dynamics stay close to the full
	// model's; 0 means 1. Tests run Scale 0.25 (1000 cells, PConn 0.08).
	Scale float64

	Cell   neuron.LIF // cell (pF, ms, mV): area 20000 µm², cm 1 µF/cm², tau_m 20 ms
	TauExc float64    // excitatory synaptic decay (ms)
	TauInh float64    // inhibitory synaptic decay (ms)
	EExc   float64    // excitatory reversal potential (mV), COBA only
	EInh   float64    // inhibitory reversal potential (mV), COBA only
	WExc   float64    // excitatory weight: nS (COBA) or pA (CUBA)
	WInh   float64    // inhibitory weight: nS (COBA, >= 0) or pA (CUBA, negative)
	Delay  float64    // synaptic delay of every projection (ms)
	VInit  dist.Dist  // initial membrane potential (mV)

	KickN    int     // Poisson sources of the initial kick; 0: no kick (CUBA)
	KickRate float64 // their rate (Hz)
	KickStop float64 // end of the kick (ms)
	KickP    float64 // probability that a source connects to a cell
	KickW    float64 // kick weight on the excitatory receptor: nS (COBA) or pA (CUBA)

	Method  scheme.Method // integration; scheme.Default: LIF's Exact (see neuron.LIF)
	DT      float64       // step (ms)
	TStop   float64       // duration of the benchmark (ms); callers pass it to Run
	Seed    uint64        // master seed (PyNN's rngseed)
	Workers int           // 0: automatic
	// MaxMemory is the network's memory limit (network.Options.MaxMemory),
	// bytes; 0: 3/4 of the machine's physical memory.
	MaxMemory int64
}

// vaCell returns PyNN's cell: area 20000 µm², cm 1 µF/cm², g_leak 5e-5
// S/cm², so Cm = 200 pF and tau_m = Cm/g = 20 ms; v_thresh -50 mV,
// v_reset -60 mV, t_refrac 5 ms; VRest is the benchmark's E_leak.
func vaCell(el float64) neuron.LIF {
	const area = 20000 * units.Um * units.Um / (units.Cm * units.Cm) // cm²
	cm := 1 * units.UF * area                                        // 1 µF/cm² · area = 200 pF
	return neuron.LIF{Cm: cm, TauM: 20, VRest: el, VThresh: -50, VReset: -60, TauRefrac: 5}
}

func defaultVA(bench string, el float64) VA {
	return VA{
		Benchmark: bench, N: 4000, REI: 4, PConn: 0.02, Scale: 1,
		Cell:   vaCell(el),
		TauExc: 5, TauInh: 10, EExc: 0, EInh: -80,
		Delay: 0.2,
		VInit: dist.Uniform{Low: -60, High: -50},
		DT:    0.1, TStop: 1000, Seed: 98765,
	}
}

// DefaultCOBA returns benchmark 1 (COBA): E_leak -60 mV, Gexc 4 nS,
// Ginh 51 nS, reversals 0 and -80 mV, and the kick: 20 Poisson sources at
// 100 Hz for 50 ms connected with probability 0.01 and weight 0.1 µS to
// every cell's excitatory receptor.
func DefaultCOBA() VA {
	p := defaultVA("COBA", -60)
	p.WExc, p.WInh = 4*units.Nanosiemens, 51*units.Nanosiemens
	p.KickN, p.KickRate, p.KickStop, p.KickP, p.KickW = 20, 100, 50, 0.01, 0.1*units.Microsiemens
	return p
}

// DefaultVA returns DefaultCOBA or DefaultCUBA by the benchmark's name,
// "COBA" or "CUBA" (command-line tools take it as a flag).
func DefaultVA(benchmark string) (VA, error) {
	switch benchmark {
	case "COBA":
		return DefaultCOBA(), nil
	case "CUBA":
		return DefaultCUBA(), nil
	}
	return VA{}, fmt.Errorf("models: benchmark %q: must be COBA or CUBA", benchmark)
}

// DefaultCUBA returns benchmark 2 (CUBA): E_leak -49 mV and the current
// weights PyNN derives from Gexc 0.27 nS and Ginh 4.5 nS at v_mean -60 mV:
// 0.27 nS·(0-(-60)) mV = 16.2 pA and 4.5 nS·(-80-(-60)) mV = -90 pA; no
// kick.
func DefaultCUBA() VA {
	p := defaultVA("CUBA", -49)
	const vMean = -60.0
	p.WExc = 0.27 * units.Nanosiemens * (p.EExc - vMean)
	p.WInh = 4.5 * units.Nanosiemens * (p.EInh - vMean)
	return p
}

// Sizes returns the numbers of excitatory and inhibitory cells and the
// connection probability after scaling (PyNN's n_exc = round(n·r/(1+r))).
func (p VA) Sizes() (nExc, nInh int, pconn float64) {
	s := p.Scale
	if s == 0 {
		s = 1
	}
	n := int(math.Round(float64(p.N) * s))
	nExc = int(math.Round(float64(n) * p.REI / (1 + p.REI)))
	return nExc, n - nExc, p.PConn / s
}

// validate checks the fields the network cannot check itself.
func (p VA) validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf("models.VA: "+format, a...)) }
	cond := p.Benchmark == "COBA"
	if !cond && p.Benchmark != "CUBA" {
		add("Benchmark = %q: must be \"COBA\" or \"CUBA\"", p.Benchmark)
	}
	if !(p.Scale >= 0) || math.IsInf(p.Scale, 0) {
		add("Scale = %v: must be >= 0 and finite (0 means 1)", p.Scale)
	}
	if !(p.REI > 0) || math.IsInf(p.REI, 0) {
		add("REI = %v: must be positive and finite", p.REI)
	}
	if p.N < 2 {
		add("N = %d: must be at least 2", p.N)
	}
	if s := max(p.Scale, 1); len(errs) == 0 && float64(p.N)*s >= math.MaxInt32 {
		add("N = %d at Scale = %v gives %.3g cells: must be below 2^31", p.N, p.Scale, float64(p.N)*s)
	}
	if len(errs) == 0 {
		ne, ni, pc := p.Sizes()
		if ne < 1 || ni < 1 {
			add("N = %d, REI = %v, Scale = %v give %d excitatory and %d inhibitory cells: need at least one of each", p.N, p.REI, p.Scale, ne, ni)
		}
		if !(pc >= 0 && pc <= 1) {
			add("PConn = %v at Scale %v is %v: PConn/Scale must be in [0, 1]", p.PConn, p.Scale, pc)
		}
	}
	if p.KickN < 0 {
		add("KickN = %d: must be >= 0 (0: no kick)", p.KickN)
	}
	// fields the chosen benchmark may not use (E* for CUBA, Kick* without a
	// kick) must still be numbers: a NaN there is a mistake, not a choice
	for _, f := range []struct {
		name string
		v    float64
	}{{"EExc", p.EExc}, {"EInh", p.EInh}, {"KickRate", p.KickRate}, {"KickStop", p.KickStop}, {"KickP", p.KickP}, {"KickW", p.KickW}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			add("%s = %v: must be finite", f.name, f.v)
		}
	}
	if p.VInit == nil {
		add("VInit is nil: use e.g. dist.Uniform{Low: -60, High: -50}")
	}
	return errors.Join(errs...)
}

// VANetwork builds the benchmark: populations "exc" and "inh" (LIF, with
// receptors "exc" and "inh": synapse.CondExp for COBA, synapse.CurrExp for
// CUBA), the four recurrent projections (connect.FixedProbability, without
// autapses unless p.Autapses; PyNN's variant without views) and, when KickN > 0, population "ext"
// of Poisson sources projecting onto both. It records the spikes of every
// cell and v of excitatory cells 0 and 1 at every step, as the PyNN script
// does. The network is not built yet, so more can be added; Build or Run
// reports any parameter the network rejects. The error reports fields of p
// that make no network.
func VANetwork(p VA) (*VAModel, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	nExc, nInh, pconn := p.Sizes()
	net := network.New(network.Options{DT: p.DT, Seed: p.Seed, Workers: p.Workers, MaxMemory: p.MaxMemory, Label: "va-" + p.Benchmark})
	recExc, recInh := synapse.CurrExp(p.TauExc), synapse.CurrExp(p.TauInh)
	if p.Benchmark == "COBA" {
		recExc, recInh = synapse.CondExp(p.TauExc, p.EExc), synapse.CondExp(p.TauInh, p.EInh)
	}
	for _, pop := range []struct {
		name string
		n    int
	}{{"exc", nExc}, {"inh", nInh}} {
		net.AddPopulation(pop.name, pop.n, p.Cell).
			Method(p.Method).
			Receptor("exc", recExc).
			Receptor("inh", recInh).
			Init("v", p.VInit)
	}
	rule := connect.FixedProbability{P: pconn, Autapses: p.Autapses}
	delay := dist.Const(p.Delay)
	for _, pre := range []string{"exc", "inh"} {
		w := p.WExc
		if pre == "inh" {
			w = p.WInh
		}
		for _, post := range []string{"exc", "inh"} {
			net.Connect(net.Population(pre), net.Population(post), rule, network.Synapse{Receptor: pre, Weight: dist.Const(w), Delay: delay})
		}
	}
	if p.KickN > 0 {
		net.AddPopulation("ext", p.KickN, neuron.PoissonSource{Rate: p.KickRate, Stop: p.KickStop})
		for _, post := range []string{"exc", "inh"} {
			net.Connect(net.Population("ext"), net.Population(post), connect.FixedProbability{P: p.KickP},
				network.Synapse{Receptor: "exc", Weight: dist.Const(p.KickW), Delay: delay})
		}
	}
	r := &VARecorders{
		Exc: record.NewSpikes(net.Population("exc")),
		Inh: record.NewSpikes(net.Population("inh")),
		V:   record.NewState(net.Population("exc"), "v", []int{0, 1}, 0),
	}
	for _, rec := range []network.Recorder{r.Exc, r.Inh, r.V} {
		net.Record(rec)
	}
	return &VAModel{net, r}, nil
}

// VAModel is what VANetwork makes: the network (embedded, so m.Run(1000)
// runs it) and its recorders (embedded, so m.Exc is the excitatory spike
// recorder).
type VAModel struct {
	*network.Network
	*VARecorders
}

// VARecorders are the recorders VANetwork attaches.
type VARecorders struct {
	Exc, Inh *record.Spikes // every cell's spikes
	V        *record.State  // v of excitatory cells 0 and 1, every step
}
