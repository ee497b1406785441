package analysis

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// StepOptions describes a current-step recording for Passive. Times are in
// ms on the trace's clock (sample i at T0 + i·Dt).
type StepOptions struct {
	Dt    float64 // ms, sampling interval (> 0)
	T0    float64 // ms, time of the first sample
	Start float64 // ms, step onset (NEURON's IClamp.del)
	// BaseStart (ms): the baseline is the mean over [BaseStart, Start);
	// 0 means from the first sample. Leave out an initial relaxation from
	// v_init this way.
	BaseStart float64
	End       float64 // ms, step offset (del + dur); 0 means the end of the trace
	Amp       float64 // nA, step amplitude (NEURON's IClamp.amp), non-zero
	Steady    float64 // ms, the steady state is the mean over [End - Steady, End); 0 means the last 10 % of the step
}

// DefaultStepOptions returns options for a step of amp nA from start to
// end ms in a trace sampled every dt ms from t = 0.
func DefaultStepOptions(dt, start, end, amp float64) StepOptions {
	return StepOptions{Dt: dt, Start: start, End: end, Amp: amp}
}

// PassiveResponse is what a current step tells about a membrane.
type PassiveResponse struct {
	Baseline float64 // mV, mean over the baseline window before the step
	Steady   float64 // mV, mean over the steady-state window
	Rin      float64 // MΩ, (Steady - Baseline) / Amp (mV/nA = MΩ)
	Tau      float64 // ms, time constant of the fitted exponential
	FitVinf  float64 // mV, asymptote of the fitted exponential
	FitRMS   float64 // mV, root-mean-square residual of the fit
}

// Passive measures input resistance and membrane time constant from the
// response v (mV) to a current step.
//
// Rin is the steady-state deflection over the current. Tau comes from a
// least-squares fit of v(t) = a + b·exp(-(t - Start)/τ) to every sample in
// [Start, End): for a given τ the best a and b are linear least squares, and
// τ minimises the remaining residual (a scan over log τ from Dt to 10× the
// step length, refined by golden-section search). For a multi-compartment
// cell the response is a sum of exponentials and Tau is the single
// exponential closest to it over the step; the slowest (membrane) time
// constant dominates when the step is long. The fit's asymptote FitVinf is
// reported beside the measured Steady: when they differ by much, the step is
// too short to reach steady state.
func Passive(v []float64, o StepOptions) (PassiveResponse, error) {
	var r PassiveResponse
	if err := o.check(v); err != nil {
		return r, err
	}
	iStart := o.index(o.Start)
	iEnd := len(v)
	if o.End != 0 {
		iEnd = o.index(o.End)
	}
	end := o.T0 + float64(float64(iEnd)*o.Dt)
	steady := o.Steady
	if steady == 0 {
		steady = 0.1 * (end - o.Start)
	}
	if iEnd-iStart < 4 {
		return r, fmt.Errorf("analysis: Passive: the step [%v, %v) ms holds %d samples: need at least 4 for the fit", o.Start, end, iEnd-iStart)
	}
	iSteady := o.index(end - steady)
	if o.Steady == 0 {
		iSteady = min(iSteady, iEnd-1) // at least one sample
	}
	if iSteady >= iEnd || iSteady < iStart {
		return r, fmt.Errorf("analysis: StepOptions.Steady = %v ms: the steady-state window must hold samples inside the step [%v, %v) ms", o.Steady, o.Start, end)
	}
	iBase := 0
	if o.BaseStart != 0 {
		iBase = o.index(o.BaseStart)
	}
	if iBase < 0 || iBase >= iStart {
		return r, fmt.Errorf("analysis: StepOptions.BaseStart = %v ms: the baseline window [BaseStart, Start = %v) must hold samples of the trace", o.BaseStart, o.Start)
	}
	r.Baseline = mean(v[iBase:iStart])
	r.Steady = mean(v[iSteady:iEnd])
	r.Rin = (r.Steady - r.Baseline) / o.Amp
	if r.Steady == r.Baseline {
		return r, fmt.Errorf("analysis: Passive: the trace does not move during the step (baseline = steady state = %v mV)", r.Baseline)
	}
	y := v[iStart:iEnd]
	t0 := o.T0 + float64(float64(iStart)*o.Dt) - o.Start // time of y[0] after the onset
	sse := func(tau float64) (float64, float64, float64) {
		return expFit(y, t0, o.Dt, tau)
	}
	lo, hi := pmath.Log(o.Dt), pmath.Log(10*(end-o.Start))
	const scan = 80
	best, bestE := 0, math.Inf(1)
	for k := 0; k <= scan; k++ {
		e, _, _ := sse(pmath.Exp(lo + float64((hi-lo)*float64(k))/scan))
		if e < bestE {
			best, bestE = k, e
		}
	}
	a := lo + float64((hi-lo)*float64(max(best-1, 0)))/scan
	b := lo + float64((hi-lo)*float64(min(best+1, scan)))/scan
	const g = 0.6180339887498949
	c, d := b-float64(g*(b-a)), a+float64(g*(b-a))
	fc, _, _ := sse(pmath.Exp(c))
	fd, _, _ := sse(pmath.Exp(d))
	for i := 0; i < 100 && b-a > 1e-12; i++ {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - float64(g*(b-a))
			fc, _, _ = sse(pmath.Exp(c))
		} else {
			a, c, fc = c, d, fd
			d = a + float64(g*(b-a))
			fd, _, _ = sse(pmath.Exp(d))
		}
	}
	r.Tau = pmath.Exp((a + b) / 2)
	e, vinf, _ := sse(r.Tau)
	r.FitVinf = vinf
	r.FitRMS = math.Sqrt(e / float64(len(y)))
	if best == 0 || best == scan {
		return r, fmt.Errorf("analysis: Passive: the fitted time constant %.4g ms is at the edge of the range searched [%v, %v] ms: the step does not look like an exponential relaxation", r.Tau, o.Dt, 10*(end-o.Start))
	}
	return r, nil
}

// expFit returns the residual sum of squares of the best a + b·e^{-t/τ}
// through y (y[i] at t0 + i·dt) for the given τ, and a and b.
func expFit(y []float64, t0, dt, tau float64) (sse, a, b float64) {
	var n, sx, sy, sxx, sxy float64
	q := pmath.Exp(-dt / tau)
	x := pmath.Exp(-t0 / tau)
	for _, yi := range y {
		n++
		sx += x
		sy += yi
		sxx += float64(x * x)
		sxy += float64(x * yi)
		x *= q
	}
	den := float64(n*sxx) - float64(sx*sx)
	if den <= 0 {
		return math.Inf(1), 0, 0
	}
	b = (float64(n*sxy) - float64(sx*sy)) / den
	a = (sy - float64(b*sx)) / n
	x = pmath.Exp(-t0 / tau)
	for _, yi := range y {
		r := yi - a - float64(b*x)
		sse += float64(r * r)
		x *= q
	}
	return sse, a, b
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func (o StepOptions) index(t float64) int {
	return int(math.Ceil((t-o.T0)/o.Dt - 1e-9))
}

func (o StepOptions) check(v []float64) error {
	if !(o.Dt > 0) || math.IsInf(o.Dt, 0) {
		return fmt.Errorf("analysis: StepOptions.Dt = %v ms: must be finite and > 0", o.Dt)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"T0", o.T0}, {"Start", o.Start}, {"End", o.End}, {"Amp", o.Amp}, {"Steady", o.Steady}, {"BaseStart", o.BaseStart}} {
		if !finite(f.v) {
			return fmt.Errorf("analysis: StepOptions.%s = %v: must be finite", f.name, f.v)
		}
	}
	if o.Amp == 0 {
		return fmt.Errorf("analysis: StepOptions.Amp = 0 nA: a step needs a non-zero current")
	}
	if o.Steady < 0 {
		return fmt.Errorf("analysis: StepOptions.Steady = %v ms: must be >= 0 (0 means the last 10 %% of the step)", o.Steady)
	}
	end := o.T0 + float64(float64(len(v))*o.Dt)
	if len(v) == 0 {
		return fmt.Errorf("analysis: Passive: empty trace")
	}
	if o.index(o.Start) < 1 || o.Start >= end {
		return fmt.Errorf("analysis: StepOptions.Start = %v ms: must leave at least one baseline sample and lie inside the trace [%v, %v) ms", o.Start, o.T0, end)
	}
	if o.End != 0 && (o.End <= o.Start || o.End > end) {
		return fmt.Errorf("analysis: StepOptions.End = %v ms: must be after Start = %v ms and inside the trace (ends at %v ms), or 0 for the end of the trace", o.End, o.Start, end)
	}
	for i, x := range v {
		if !finite(x) {
			return fmt.Errorf("analysis: Passive: v[%d] = %v (t = %v ms): the trace must be finite", i, x, o.T0+float64(float64(i)*o.Dt))
		}
	}
	return nil
}
