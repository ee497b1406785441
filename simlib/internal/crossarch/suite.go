package crossarch

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// Result is what one network of the suite produced.
type Result struct {
	Name        string
	Spikes      int64  // spikes in the run
	Fingerprint string // Network.Fingerprint: every spike
	Traces      string // SHA-256 of the bits of every recorded trace and rate, in recorder order
}

func (r Result) String() string {
	return fmt.Sprintf("%-6s spikes %6d  fingerprint %s  traces %s", r.Name, r.Spikes, r.Fingerprint, r.Traces)
}

// traces hashes the exact bits of every value of the given series.
func traces(series ...[]float64) string {
	h := sha256.New()
	var b [8]byte
	for _, s := range series {
		binary.LittleEndian.PutUint64(b[:], uint64(len(s)))
		h.Write(b[:])
		for _, x := range s {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			h.Write(b[:])
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}

func states(ss ...*record.State) [][]float64 {
	var out [][]float64
	for _, s := range ss {
		out = append(out, s.Values()...)
	}
	return out
}

func run(name string, net *network.Network, ms float64, series func() [][]float64) (Result, error) {
	if err := net.Run(ms); err != nil {
		return Result{}, fmt.Errorf("%s: %w", name, err)
	}
	return Result{Name: name, Spikes: net.SpikeCount(), Fingerprint: net.Fingerprint(), Traces: traces(series()...)}, nil
}

// Suite runs every network of the suite on one worker and returns their
// results in a fixed order. Each is small and short (the whole suite takes
// well under a second natively, seconds under qemu).
func Suite() ([]Result, error) {
	var out []Result
	for _, f := range []func() (Result, error){va("COBA"), va("CUBA"), triad, rsfs, hh, mixed, compartmental(0), compartmental(2), hnnL5, hnnL2Basket, hnnColumn, plastic, draws} {
		r, err := f()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// va is the Vogels-Abbott benchmark at Scale 0.1 (400 cells, 80 inputs
// each), 200 ms.
func va(bench string) func() (Result, error) {
	return func() (Result, error) {
		p := models.DefaultCOBA()
		if bench == "CUBA" {
			p = models.DefaultCUBA()
		}
		p.Scale, p.Workers = 0.1, 1
		m, err := models.VANetwork(p)
		if err != nil {
			return Result{}, err
		}
		return run(bench, m.Network, 200, func() [][]float64 { return states(m.V) })
	}
}

// triad is the Izhikevich triad (forward Euler), 300 ms: v, u and the
// conductance of all three cells at every step.
func triad() (Result, error) {
	p := models.DefaultTriad()
	p.Workers = 1
	m, err := models.IzhikevichTriad(p)
	if err != nil {
		return Result{}, err
	}
	return run("triad", m.Network, 300, func() [][]float64 { return states(m.V, m.U, m.G) })
}

// rsfs is the RS-FS AdEx network at Scale 0.1 (500 cells, 40 afferents),
// 300 ms: rates and v of the first four cells of each population.
func rsfs() (Result, error) {
	p := models.DefaultRSFS()
	p.Scale, p.Workers, p.TStop = 0.1, 1, 300
	m, err := models.RSFSNetwork(p)
	if err != nil {
		return Result{}, err
	}
	return run("rsfs", m.Network, p.TStop, func() [][]float64 {
		s := states(m.ExcV, m.InhV)
		for _, r := range []*record.Rate{m.ExcRate, m.InhRate, m.AffRate} {
			_, hz := r.Rates()
			s = append(s, hz)
		}
		return s
	})
}

// hh is a COBAHH-like network of 80 Hodgkin-Huxley cells (exponential
// Euler) with conductance synapses and noisy currents, 100 ms: v, m, h, n
// of four cells.
func hh() (Result, error) {
	net := network.New(network.Options{DT: 0.05, Seed: 7, Workers: 1, Label: "crossarch-hh"})
	for _, pop := range []struct {
		name string
		n    int
	}{{"e", 64}, {"i", 16}} {
		net.AddPopulation(pop.name, pop.n, neuron.DefaultHH()).
			Receptor("exc", synapse.CondExp(5, 0)).
			Receptor("inh", synapse.CondExp(10, -80)).
			Inject(stimulus.Noise{Mean: 150, SD: 200, Start: 0, Stop: 100}).
			Init("v", dist.Normal{Mean: -60, SD: 5, Low: -70, High: -50})
	}
	for _, c := range []struct {
		pre, rec string
		w        float64
	}{{"e", "exc", 6}, {"i", "inh", 67}} {
		for _, post := range []string{"e", "i"} {
			net.Connect(net.Population(c.pre), net.Population(post), connect.FixedProbability{P: 0.2},
				network.Synapse{Receptor: c.rec, Weight: dist.Const(c.w), Delay: dist.Uniform{Low: 0.5, High: 2}})
		}
	}
	var rs []*record.State
	for _, v := range []string{"v", "m", "h", "n"} {
		r := record.NewState(net.Population("e"), v, []int{0, 1, 2, 3}, 0)
		net.Record(r)
		rs = append(rs, r)
	}
	return run("hh", net, 100, func() [][]float64 { return states(rs...) })
}

// mixed covers what the named networks do not: a distance-dependent rule
// on random positions, Normal weights and delays, alpha and bi-exponential
// receptors, a Poisson source with a rate function and Noise, 200 ms.
func mixed() (Result, error) {
	const n = 100
	pos := make([]float64, 2*n)
	r := rng.New(11, rng.Key("crossarch positions"))
	for k := range pos {
		pos[k] = 500 * r.Float64()
	}
	net := network.New(network.Options{DT: 0.1, Seed: 5, Workers: 1, Label: "crossarch-mixed"})
	net.AddPopulation("src", 20, neuron.PoissonSource{RateFunc: triangle})
	net.AddPopulation("lif", n, neuron.DefaultLIF()).
		Receptor("a", synapse.CurrAlpha(2)).
		Receptor("b", synapse.CondBiExp(1, 6, 0)).
		Inject(stimulus.Noise{Mean: 800, SD: 600, Start: 10, Stop: 190})
	net.Connect(net.Population("lif"), net.Population("lif"), connect.Distance{P0: 0.5, Lambda: 120, PrePos: pos},
		network.Synapse{Receptor: "a", Weight: dist.Normal{Mean: 300, SD: 80, Low: 0, High: 600}, Delay: dist.Normal{Mean: 1.5, SD: 0.5, Low: 0.2, High: 3}})
	net.Connect(net.Population("src"), net.Population("lif"), connect.FixedProbability{P: 0.3},
		network.Synapse{Receptor: "b", Weight: dist.Uniform{Low: 1, High: 4}, Delay: dist.Const(1)})
	v := record.NewState(net.Population("lif"), "v", []int{0, 1, 2, 3, 4}, 0)
	rate := record.NewRate(net.Population("lif"), 5)
	net.Record(v)
	net.Record(rate)
	return run("mixed", net, 200, func() [][]float64 {
		_, hz := rate.Rates()
		return append(states(v), hz)
	})
}

// draws checks the numbers under everything directly: 300000 rng.Normal
// and 300000 rng.Exp draws (Spikes counts those in the ziggurats' tails,
// |x| > 3.4426 and x > 7.6971, where math/rand/v2's NormFloat64 differs on
// arm64; Fingerprint hashes them) and pmath's functions (Exp, Expm1, Log,
// Log1p, Hypot, Pow, Log10, Cos) on a grid of 20000 arguments each
// (Traces).
func draws() (Result, error) {
	r := rng.New(13, rng.Key("crossarch normal"))
	xs := make([]float64, 300000)
	tail := int64(0)
	for k := range xs {
		xs[k] = rng.Normal(r)
		if math.Abs(xs[k]) > 3.442619855899 {
			tail++
		}
	}
	r = rng.New(13, rng.Key("crossarch exponential"))
	es := make([]float64, 300000)
	for k := range es {
		es[k] = rng.Exp(r)
		if es[k] > 7.69711747013104972 {
			tail++
		}
	}
	var fs []float64
	for k := range 20000 {
		u := float64(k)/20000 - 0.5 // [-0.5, 0.5)
		x := float64(1400 * u)      // [-700, 700)
		fs = append(fs, pmath.Exp(x), pmath.Expm1(float64(80*u)), pmath.Log(float64(k)+0.5), pmath.Log1p(float64(k)/7000-0.9), pmath.Hypot(x, float64(0.3*x)+1), pmath.Pow(10, float64(600*u)), pmath.Log10(float64(k)+0.5), pmath.Cos(float64(2000*u)))
	}
	return Result{Name: "normal", Spikes: tail, Fingerprint: traces(xs, es), Traces: traces(fs)}, nil
}

// triangle is a rate (Hz) rising from 5 to 35 Hz over 25 ms and falling
// back over the next 25, written with exact operations only (a user's
// RateFunc is the user's code: golgi cannot make it portable).
func triangle(t float64) float64 {
	ph := math.Mod(t, 50)
	if ph > 25 {
		ph = 50 - ph
	}
	return 5 + float64(1.2*ph)
}

// Format returns the lines cmd/fingerprints prints.
func Format(rs []Result) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.String())
		b.WriteByte('\n')
	}
	return b.String()
}
