package neuron

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// PoissonSource is a population of independent Poisson spike trains. In
// each step a source fires with probability rate·dt (Brian2's PoissonGroup),
// drawing from its own random stream, so trains do not depend on the number
// of workers.
//
// The rate is, in order of precedence: RateFunc(t) if set; Rates[k] for the
// step starting at t in [k·RateDT, (k+1)·RateDT), holding the last value
// after the end (Brian2's TimedArray; ntwk's Faff_array); else Rate. The
// source is silent outside [Start, Stop) (Stop 0 means forever).
// RateFunc is called at every step, by every worker (concurrently: a pure
// function is safe); a value that is NaN, negative, infinite or above
// 1000/dt Hz stops the run with an error naming the time.
type PoissonSource struct {
	Rate     float64                 // constant rate (Hz)
	Rates    []float64               // time-varying rate (Hz), one value per RateDT
	RateDT   float64                 // spacing of Rates (ms); 0 means dt
	RateFunc func(t float64) float64 // rate (Hz) as a function of time (ms)
	Start    float64                 // first active time (ms)
	Stop     float64                 // end of activity (ms); 0: never stops
}

func (PoissonSource) Kind() string                 { return "PoissonSource" }
func (PoissonSource) DefaultMethod() scheme.Method { return scheme.Exact }

func (p PoissonSource) Validate(dt float64, m scheme.Method) error {
	maxRate := 1000 / dt // one spike per step
	check := func(name string, r float64) error {
		if !finite(r) || r < 0 {
			return field(name, r, " Hz", "must be >= 0 and finite")
		}
		if r > maxRate {
			return field(name, r, " Hz", fmt.Sprintf("at most one spike per step: must be <= 1000/dt = %v Hz", maxRate))
		}
		return nil
	}
	if err := check("Rate", p.Rate); err != nil {
		return err
	}
	if p.Rates != nil && len(p.Rates) == 0 {
		return fmt.Errorf("Rates is empty: give at least one rate (Hz), or leave Rates nil to use Rate")
	}
	for k, r := range p.Rates {
		if err := check(fmt.Sprintf("Rates[%d]", k), r); err != nil {
			return err
		}
	}
	if err := nonNegative("RateDT", p.RateDT, " ms"); err != nil {
		return err
	}
	if p.RateDT != 0 && p.RateDT < dt {
		return field("RateDT", p.RateDT, " ms", fmt.Sprintf("must be 0 (= dt) or >= dt = %v ms", dt))
	}
	if err := nonNegative("Start", p.Start, " ms"); err != nil {
		return err
	}
	if err := nonNegative("Stop", p.Stop, " ms"); err != nil {
		return err
	}
	if p.Stop != 0 && p.Stop <= p.Start {
		return field("Stop", p.Stop, " ms", fmt.Sprintf("must be 0 (never stops) or after Start = %v ms", p.Start))
	}
	if p.RateFunc != nil {
		for _, t := range []float64{p.Start, p.Start + dt} {
			if err := check(fmt.Sprintf("RateFunc(%v)", t), p.RateFunc(t)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p PoissonSource) New(c Context) Dynamics {
	d := &poisson{p: p, dt: c.DT, maxRate: 1000 / c.DT, streams: make([]rand.PCG, c.N)}
	for i := range d.streams {
		d.streams[i] = c.Stream(1, uint64(i))
	}
	if d.p.RateDT == 0 {
		d.p.RateDT = c.DT
	}
	return d
}

type poisson struct {
	p       PoissonSource
	dt      float64
	maxRate float64 // Hz: one spike per step
	streams []rand.PCG

	mu    sync.Mutex
	fault error // the first bad rate met (see Fault)
}

// Fault returns the first bad rate RateFunc returned (see Faulter).
func (d *poisson) Fault() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.fault
}

func (d *poisson) Vars() []string          { return nil }
func (d *poisson) Var(string) []float64    { return nil }
func (d *poisson) Advance(int, int, Input) {}

// rate returns the rate (Hz) for the step starting at t.
func (d *poisson) rate(t float64) float64 {
	p := &d.p
	if t < p.Start-1e-9 || (p.Stop > 0 && t >= p.Stop-1e-9) {
		return 0
	}
	switch {
	case p.RateFunc != nil:
		return p.RateFunc(t)
	case p.Rates != nil:
		k := int(math.Floor(t/p.RateDT + 1e-9))
		if k >= len(p.Rates) {
			k = len(p.Rates) - 1
		}
		return p.Rates[k]
	}
	return p.Rate
}

func (d *poisson) Spike(lo, hi int, step int64, dst []int32) []int32 {
	t := float64(step-1) * d.dt
	r := d.rate(t)
	if !(r >= 0 && r <= d.maxRate) { // only RateFunc can get here: the rest is validated
		d.mu.Lock()
		if d.fault == nil {
			d.fault = param.New(fmt.Sprintf("RateFunc(%v)", t), r, " Hz",
				fmt.Sprintf("at t = %v ms (update %d): a rate must be >= 0, finite and at most one spike per step (1000/dt = %v Hz)", t, step, d.maxRate))
		}
		d.mu.Unlock()
		return dst
	}
	prob := r * d.dt / 1000
	if !(prob > 0) {
		return dst
	}
	s := d.streams[lo:hi]
	for i := range s {
		if rng.Float64(&s[i]) < prob {
			dst = append(dst, int32(lo+i))
		}
	}
	return dst
}
