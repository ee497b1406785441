package neuron

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// Model is the parameter set of a point model or spike source.
type Model interface {
	// Kind names the model, e.g. "LIF".
	Kind() string
	// Validate checks every parameter, for step dt and method m; an error
	// names the field, its value and what is allowed.
	Validate(dt float64, m scheme.Method) error
	// DefaultMethod is the model's documented integration scheme.
	DefaultMethod() scheme.Method
	// New allocates the state of a population built from the model.
	New(c Context) Dynamics
}

// Context is what a population's dynamics is built with.
type Context struct {
	N      int           // number of neurons
	DT     float64       // step (ms)
	Method scheme.Method // resolved integration method (never Default)
	Seed   uint64        // master seed
	Key    uint64        // the population's stream key
}

// Stream returns the random stream of neuron i of the population, for
// purpose (a small constant distinguishing uses).
func (c Context) Stream(purpose, i uint64) rand.PCG {
	return rng.PCG(c.Seed, c.Key, purpose, i)
}

// Input is what the membrane sees during one step, per neuron of the
// population. Slices are indexed by neuron; G, GE and Jump are nil when the
// population has no receptor of that kind.
type Input struct {
	I    []float64 // current (pA): injected plus current-based synapses
	G    []float64 // total synaptic conductance (nS)
	GE   []float64 // Σ g_r·E_r over conductance receptors (nS·mV)
	Jump []float64 // voltage jumps from delta synapses (mV), applied this step
	Step int64     // index of the update being made (from 1)
	T    float64   // time at the start of the step (ms)
}

// Dynamics is the state of a population and its update rules.
type Dynamics interface {
	// Vars names the state variables, membrane potential first when there
	// is one.
	Vars() []string
	// Var returns the slice of variable name (nil if unknown): the live
	// state, which initial conditions may set before the first step.
	Var(name string) []float64
	// Advance advances neurons [lo, hi) by one step.
	Advance(lo, hi int, in Input)
	// Spike applies threshold and reset to neurons [lo, hi) after update
	// step and appends the indices of those that fired to dst.
	Spike(lo, hi int, step int64, dst []int32) []int32
}

// Membrane is implemented by linear models integrated with scheme.Exact:
// the engine then turns current-based synaptic state into the effective
// constant current over the step (see synapse.Kinetics.Effective).
type Membrane interface {
	MembraneTau() float64 // ms
}

// AdvanceSpiker is implemented by dynamics that can advance and apply
// threshold and reset in one pass over the neurons (the engine then calls
// it instead of Advance and Spike; the result must be the same).
type AdvanceSpiker interface {
	AdvanceSpike(lo, hi int, in Input, dst []int32) []int32
}

// Faulter is implemented by dynamics that can meet a bad value at run time
// outside their state variables (a PoissonSource.RateFunc returning NaN):
// the engine calls Fault after each Spike and stops the run with its error,
// which names the field, the value, the time and what is allowed.
type Faulter interface {
	Fault() error
}

// VarRanger is implemented by dynamics whose variables have a physical
// range (HH's gates m, h, n in [0, 1]): initial values outside it are
// refused when the network is built.
type VarRanger interface {
	VarRange(name string) (lo, hi float64, ok bool)
}

// MemoryUser is implemented by models whose per-neuron data can be large
// (GaussianDrive's spike times): Bytes estimates what a population of n
// neurons allocates, for the network's memory check before anything is
// allocated.
type MemoryUser interface {
	Bytes(n int) float64
}

// field reports a bad parameter as "field = value unit: what is allowed".
func field(name string, v float64, unit, allowed string) error {
	return param.New(name, v, unit, allowed)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checks runs parameter checks in order and returns the first failure.
type checks []error

func (c checks) first() error {
	for _, e := range c {
		if e != nil {
			return e
		}
	}
	return nil
}

func positive(name string, v float64, unit string) error {
	if !finite(v) || v <= 0 {
		return field(name, v, unit, "must be positive and finite")
	}
	return nil
}

func nonNegative(name string, v float64, unit string) error {
	if !finite(v) || v < 0 {
		return field(name, v, unit, "must be >= 0 and finite")
	}
	return nil
}

func isFinite(name string, v float64, unit string) error {
	if !finite(v) {
		return field(name, v, unit, "must be finite")
	}
	return nil
}

// timeConstant checks that tau is positive and not shorter than dt.
func timeConstant(name string, tau, dt float64) error {
	if err := positive(name, tau, " ms"); err != nil {
		return err
	}
	if tau < dt {
		return fmt.Errorf("%s = %v ms is shorter than dt = %v ms: use dt <= %v ms", name, tau, dt, tau)
	}
	return nil
}

// methodIn checks that m is one of the allowed methods.
func methodIn(kind string, m scheme.Method, allowed ...scheme.Method) error {
	for _, a := range allowed {
		if m == a {
			return nil
		}
	}
	return fmt.Errorf("method = %v: %s supports %v", m, kind, allowed)
}

// refractory checks that a refractory period fits the int32 step counter.
func refractory(name string, tref, dt float64) error {
	_, err := param.Steps32(name, tref, dt, math.MaxInt32)
	return err
}

// refractorySteps rounds a refractory period to whole steps (checked by
// refractory in Validate).
func refractorySteps(tref, dt float64) int32 {
	n, _ := param.Steps32("refractory period", tref, dt, math.MaxInt32)
	return n
}

func fill(s []float64, v float64) []float64 {
	for i := range s {
		s[i] = v
	}
	return s
}

// expTable[j] = 2^(j/64): the values math.Exp2(j/64) gives on amd64
// (Go 1.26.8), written out because math.Exp2 is assembly on arm64 and its
// Go code is fused on amd64 from GOAMD64=v3, which changes some last bits.
// TestExpTable checks each against 2^(j/64) computed with math/big.
var expTable = [64]float64{
	0x1p+00, 0x1.02c9a3e778061p+00, 0x1.059b0d3158574p+00, 0x1.0874518759bc8p+00,
	0x1.0b5586cf9890fp+00, 0x1.0e3ec32d3d1a2p+00, 0x1.11301d0125b51p+00, 0x1.1429aaea92dep+00,
	0x1.172b83c7d517bp+00, 0x1.1a35beb6fcb75p+00, 0x1.1d4873168b9aap+00, 0x1.2063b88628cd6p+00,
	0x1.2387a6e756238p+00, 0x1.26b4565e27cddp+00, 0x1.29e9df51fdee1p+00, 0x1.2d285a6e4030bp+00,
	0x1.306fe0a31b715p+00, 0x1.33c08b26416ffp+00, 0x1.371a7373aa9cbp+00, 0x1.3a7db34e59ff7p+00,
	0x1.3dea64c123422p+00, 0x1.4160a21f72e2ap+00, 0x1.44e086061892dp+00, 0x1.486a2b5c13cdp+00,
	0x1.4bfdad5362a27p+00, 0x1.4f9b2769d2ca7p+00, 0x1.5342b569d4f82p+00, 0x1.56f4736b527dap+00,
	0x1.5ab07dd485429p+00, 0x1.5e76f15ad2148p+00, 0x1.6247eb03a5584p+00, 0x1.6623882552224p+00,
	0x1.6a09e667f3bccp+00, 0x1.6dfb23c651a2fp+00, 0x1.71f75e8ec5f74p+00, 0x1.75feb564267c9p+00,
	0x1.7a11473eb0187p+00, 0x1.7e2f336cf4e62p+00, 0x1.82589994cce12p+00, 0x1.868d99b4492ecp+00,
	0x1.8ace5422aa0dcp+00, 0x1.8f1ae99157736p+00, 0x1.93737b0cdc5e5p+00, 0x1.97d829fde4e5p+00,
	0x1.9c49182a3f09p+00, 0x1.a0c667b5de565p+00, 0x1.a5503b23e255cp+00, 0x1.a9e6b5579fdbfp+00,
	0x1.ae89f995ad3aep+00, 0x1.b33a2b84f15fbp+00, 0x1.b7f76f2fb5e47p+00, 0x1.bcc1e904bc1d2p+00,
	0x1.c199bdd85529cp+00, 0x1.c67f12e57d14bp+00, 0x1.cb720dcef9069p+00, 0x1.d072d4a07897cp+00,
	0x1.d5818dcfba487p+00, 0x1.da9e603db3286p+00, 0x1.dfc97337b9b5fp+00, 0x1.e502ee78b3ff6p+00,
	0x1.ea4afa2a490dap+00, 0x1.efa1bee615a27p+00, 0x1.f50765b6e454p+00, 0x1.fa7c1819e90d8p+00,
}

// expNeg returns e^{-x} for the membrane decay of conductance-based models,
// within about two ulps of math.Exp and about three times faster: with
// k = round(-x·64/ln2), e^{-x} = 2^(k>>6) · 2^((k&63)/64) · e^r, where
// |r| <= ln2/128 and e^r is its Taylor polynomial to r^5 (truncation below
// 4e-17 relative). Outside [0, 700] it calls math.Exp.
func expNeg(x float64) float64 {
	if !(x >= 0 && x <= 700) {
		return pmath.Exp(-x)
	}
	kf := (float64(-x*expInvLn2x64) + expShift) - expShift // round to an integer
	r := (-x - float64(kf*expLn2Hi)) - float64(kf*expLn2Lo)
	p := 1 + float64(r*(1+float64(r*(1.0/2+float64(r*(1.0/6+float64(r*(1.0/24+float64(r*(1.0/120))))))))))
	k := int64(kf)
	scale := math.Float64frombits(uint64(1023+(k>>6)) << 52) // 2^floor(k/64)
	return scale * expTable[k&63] * p
}

const (
	expInvLn2x64 = 64 / math.Ln2
	expLn2Hi     = 6.93147180369123816490e-01 / 64 // ln 2 split in two parts
	expLn2Lo     = 1.90821492927058770002e-10 / 64
	expShift     = 0x1.8p52 // adding and removing it rounds to an integer
)
