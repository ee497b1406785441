package neuron

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// SizeChecker is implemented by models whose parameters fix the population
// size (explicit per-neuron data).
type SizeChecker interface {
	CheckSize(n int) error
}

// SpikeTimes is a population of sources that fire at given times:
// Times[i] lists the spike times (ms) of neuron i. A time t is emitted in
// update round(t/dt), stamped n·dt; two spikes of one neuron in the same
// step are emitted once.
type SpikeTimes struct {
	Times [][]float64 // per neuron, spike times (ms), any order
}

func (SpikeTimes) Kind() string                 { return "SpikeTimes" }
func (SpikeTimes) DefaultMethod() scheme.Method { return scheme.Exact }

func (p SpikeTimes) CheckSize(n int) error {
	if len(p.Times) != n {
		return fmt.Errorf("Times has %d rows for %d neurons: give one list per neuron", len(p.Times), n)
	}
	return nil
}

func (p SpikeTimes) Validate(dt float64, m scheme.Method) error {
	for i, ts := range p.Times {
		for k, t := range ts {
			name := fmt.Sprintf("Times[%d][%d]", i, k)
			if n, err := param.Steps(name, t, dt, param.MaxSteps); err != nil {
				return err
			} else if n < 1 {
				return field(name, t, " ms", fmt.Sprintf("must be finite and >= dt/2 = %v ms (the first step ends at dt)", dt/2))
			}
		}
	}
	return nil
}

func (p SpikeTimes) New(c Context) Dynamics {
	return newEvents(p.Times, c.DT)
}

// GaussianDrive is HNN's evoked drive (add_evoked_drive): each of the
// population's neurons fires NumSpikes spikes at times drawn independently
// from a normal distribution of mean Mu and standard deviation Sigma (ms),
// from the neuron's own stream; times that round below the first step are
// dropped, as HNN drops non-positive times.
type GaussianDrive struct {
	Mu        float64 // mean time (ms)
	Sigma     float64 // standard deviation (ms)
	NumSpikes int     // spikes per neuron
}

func (GaussianDrive) Kind() string                 { return "GaussianDrive" }
func (GaussianDrive) DefaultMethod() scheme.Method { return scheme.Exact }

// MaxDriveSpikes bounds a GaussianDrive population's spikes in all
// (NumSpikes times the size): a drive is a few spikes per neuron; long
// trains are PoissonSource's or SpikeTimes' job.
const MaxDriveSpikes = 100_000_000

func (p GaussianDrive) Validate(dt float64, m scheme.Method) error {
	maxT := float64(param.MaxSteps) * dt / 2
	return checks{
		isFinite("Mu", p.Mu, " ms"),
		nonNegative("Sigma", p.Sigma, " ms"),
		func() error {
			if math.Abs(p.Mu)+float64(40*p.Sigma) > maxT {
				return field("Mu", p.Mu, " ms", fmt.Sprintf("with Sigma = %v ms, |Mu| + 40·Sigma must be at most %.6g ms (2^52 steps)", p.Sigma, maxT))
			}
			if p.NumSpikes < 1 || p.NumSpikes > MaxDriveSpikes {
				return param.New("NumSpikes", p.NumSpikes, "", fmt.Sprintf("must be in [1, %d]", MaxDriveSpikes))
			}
			return nil
		}(),
	}.first()
}

// CheckSize bounds the spikes of the whole population (MaxDriveSpikes).
func (p GaussianDrive) CheckSize(n int) error {
	if total := float64(p.NumSpikes) * float64(n); total > MaxDriveSpikes {
		return param.New("NumSpikes", p.NumSpikes, "", fmt.Sprintf("%d spikes for %d neurons are %.3g in all: at most %d per population", p.NumSpikes, n, total, MaxDriveSpikes))
	}
	return nil
}

// Bytes estimates the memory of n neurons' drawn spikes.
func (p GaussianDrive) Bytes(n int) float64 { return float64(p.NumSpikes) * float64(n) * 40 }

// Bytes estimates the memory of the spike list.
func (p SpikeTimes) Bytes(n int) float64 {
	k := 0
	for _, ts := range p.Times {
		k += len(ts)
	}
	return float64(k) * 32
}

func (p GaussianDrive) New(c Context) Dynamics {
	times := make([][]float64, c.N)
	for i := range times {
		s := c.Stream(2, uint64(i))
		r := rand.New(&s)
		for k := 0; k < p.NumSpikes; k++ {
			t := p.Mu + float64(p.Sigma*rng.Normal(r))
			if math.Round(t/c.DT) >= 1 {
				times[i] = append(times[i], t)
			}
		}
	}
	return newEvents(times, c.DT)
}

// events emits precomputed spikes, sorted by step then neuron.
type events struct {
	steps []int64
	ids   []int32
	times [][]float64
}

func newEvents(times [][]float64, dt float64) *events {
	type ev struct {
		step int64
		id   int32
	}
	var evs []ev
	for i, ts := range times {
		for _, t := range ts {
			n, err := param.Steps("spike time", t, dt, param.MaxSteps)
			if err != nil {
				continue // beyond any run (drawn GaussianDrive tails); SpikeTimes are validated
			}
			evs = append(evs, ev{n, int32(i)})
		}
	}
	slices.SortFunc(evs, func(a, b ev) int {
		if a.step != b.step {
			return int(a.step - b.step)
		}
		return int(a.id - b.id)
	})
	evs = slices.Compact(evs)
	e := &events{steps: make([]int64, len(evs)), ids: make([]int32, len(evs)), times: times}
	for k, x := range evs {
		e.steps[k], e.ids[k] = x.step, x.id
	}
	return e
}

func (e *events) Vars() []string          { return nil }
func (e *events) Var(string) []float64    { return nil }
func (e *events) Advance(int, int, Input) {}

// Times returns the spike times of each neuron (for GaussianDrive, the
// drawn times).
func (e *events) Times() [][]float64 { return e.times }

func (e *events) Spike(lo, hi int, step int64, dst []int32) []int32 {
	k, _ := slices.BinarySearch(e.steps, step)
	for ; k < len(e.steps) && e.steps[k] == step; k++ {
		if id := e.ids[k]; int(id) >= lo && int(id) < hi {
			dst = append(dst, id)
		}
	}
	return dst
}
