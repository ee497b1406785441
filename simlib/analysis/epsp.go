package analysis

import (
	"errors"
	"fmt"
	"math"
)

// EPSPOptions says how a trace is sampled and where to look for an EPSP.
// Times are in ms on the trace's own clock: sample i is at T0 + i·Dt.
type EPSPOptions struct {
	Dt        float64 // ms, sampling interval (> 0)
	T0        float64 // ms, time of the first sample
	BaseStart float64 // ms, baseline window [BaseStart, BaseEnd): its mean is the baseline
	BaseEnd   float64 // ms
	PeakStart float64 // ms, the peak is searched in [PeakStart, PeakEnd)
	PeakEnd   float64 // ms; 0 means the end of the trace
}

// DefaultEPSPOptions returns options for a trace sampled every dt ms from
// t = 0 whose event arrives at onset ms: the baseline is [0, onset) and the
// peak is searched from onset to the end of the trace.
func DefaultEPSPOptions(dt, onset float64) EPSPOptions {
	return EPSPOptions{Dt: dt, BaseStart: 0, BaseEnd: onset, PeakStart: onset}
}

// EPSP is the shape of one postsynaptic potential.
type EPSP struct {
	Baseline  float64 // mV, mean of the baseline window
	Peak      float64 // mV, largest sample in the peak window
	Amplitude float64 // mV, Peak - Baseline (> 0)
	PeakTime  float64 // ms, time of the largest sample
	Rise10    float64 // ms, last upward crossing of 10 % of the amplitude before the peak
	Rise90    float64 // ms, last upward crossing of 90 % before the peak
	RiseTime  float64 // ms, Rise90 - Rise10
	HalfStart float64 // ms, last upward crossing of 50 % before the peak
	HalfEnd   float64 // ms, first downward crossing of 50 % after the peak
	HalfWidth float64 // ms, HalfEnd - HalfStart
}

// ErrNoHalfDecay is returned (wrapped) by MeasureEPSP when the trace does not
// fall back to half the amplitude before the end of the peak window. The
// EPSP's other fields are valid; HalfEnd and HalfWidth are NaN.
var ErrNoHalfDecay = errors.New("the potential does not decay to half its amplitude inside the peak window")

// MeasureEPSP measures amplitude, peak time, 10-90 % rise time and width at
// half amplitude of a depolarisation in trace v (mV).
//
// The peak is the largest sample (no interpolation: the error is at most
// half a sample of the peak's curvature). Crossing times of a fraction f of
// the amplitude are interpolated linearly between the two samples that
// bracket Baseline + f·Amplitude, searching backwards from the peak for the
// rising flank and forwards for the falling one, so noise before the onset
// does not matter. A trace with no depolarisation in the peak window, or a
// rising flank that never starts below 10 % inside the window, is an error.
func MeasureEPSP(v []float64, o EPSPOptions) (EPSP, error) {
	var e EPSP
	if err := o.check(len(v)); err != nil {
		return e, err
	}
	b0, b1 := o.index(o.BaseStart), o.index(o.BaseEnd)
	p0, p1 := o.index(o.PeakStart), len(v)
	if o.PeakEnd != 0 {
		p1 = o.index(o.PeakEnd)
	}
	if b1 <= b0 {
		return e, fmt.Errorf("analysis: MeasureEPSP: baseline window [%v, %v) ms holds no sample (dt = %v ms, T0 = %v ms)", o.BaseStart, o.BaseEnd, o.Dt, o.T0)
	}
	if p1 <= p0 {
		return e, fmt.Errorf("analysis: MeasureEPSP: peak window [%v, %v) ms holds no sample (dt = %v ms, T0 = %v ms)", o.PeakStart, o.PeakEnd, o.Dt, o.T0)
	}
	for _, w := range [][2]int{{b0, b1}, {p0, p1}} {
		for i := w[0]; i < w[1]; i++ {
			if !finite(v[i]) {
				return e, fmt.Errorf("analysis: MeasureEPSP: v[%d] = %v (t = %v ms): the trace must be finite", i, v[i], o.time(float64(i)))
			}
		}
	}
	for _, x := range v[b0:b1] {
		e.Baseline += x
	}
	e.Baseline /= float64(b1 - b0)
	ip := p0
	for i := p0; i < p1; i++ {
		if v[i] > v[ip] {
			ip = i
		}
	}
	e.Peak, e.PeakTime = v[ip], o.time(float64(ip))
	e.Amplitude = e.Peak - e.Baseline
	if !(e.Amplitude > 0) {
		return e, fmt.Errorf("analysis: MeasureEPSP: peak %v mV at %v ms is not above the baseline %v mV: no EPSP in [%v, %v) ms", e.Peak, e.PeakTime, e.Baseline, o.PeakStart, o.time(float64(p1)))
	}
	var ok bool
	level := func(f float64) float64 { return e.Baseline + float64(f*e.Amplitude) }
	for _, c := range []struct {
		f   float64
		dst *float64
	}{{0.1, &e.Rise10}, {0.9, &e.Rise90}, {0.5, &e.HalfStart}} {
		if *c.dst, ok = o.crossBack(v, ip, p0, level(c.f)); !ok {
			return e, fmt.Errorf("analysis: MeasureEPSP: the trace does not start below %g %% of the amplitude (%.6g mV) after %v ms: move PeakStart before the onset", 100*c.f, level(c.f), o.PeakStart)
		}
	}
	e.RiseTime = e.Rise90 - e.Rise10
	if e.HalfEnd, ok = o.crossForward(v, ip, p1, level(0.5)); !ok {
		e.HalfEnd, e.HalfWidth = math.NaN(), math.NaN()
		return e, fmt.Errorf("analysis: MeasureEPSP: peak at %v ms: %w (it ends at %v ms)", e.PeakTime, ErrNoHalfDecay, o.time(float64(p1)))
	}
	e.HalfWidth = e.HalfEnd - e.HalfStart
	return e, nil
}

func (o EPSPOptions) check(n int) error {
	if !(o.Dt > 0) || math.IsInf(o.Dt, 0) {
		return fmt.Errorf("analysis: EPSPOptions.Dt = %v ms: must be finite and > 0", o.Dt)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"T0", o.T0}, {"BaseStart", o.BaseStart}, {"BaseEnd", o.BaseEnd}, {"PeakStart", o.PeakStart}, {"PeakEnd", o.PeakEnd}} {
		if !finite(f.v) {
			return fmt.Errorf("analysis: EPSPOptions.%s = %v ms: must be finite", f.name, f.v)
		}
	}
	end := o.time(float64(n))
	if n == 0 {
		return fmt.Errorf("analysis: MeasureEPSP: empty trace")
	}
	if o.BaseStart < o.T0 || o.BaseEnd > end || o.BaseEnd <= o.BaseStart {
		return fmt.Errorf("analysis: EPSPOptions baseline [%v, %v) ms: must be a non-empty window inside the trace [%v, %v) ms", o.BaseStart, o.BaseEnd, o.T0, end)
	}
	pe := o.PeakEnd
	if pe == 0 {
		pe = end
	}
	if o.PeakStart < o.T0 || pe > end || pe <= o.PeakStart {
		return fmt.Errorf("analysis: EPSPOptions peak window [%v, %v) ms: must be a non-empty window inside the trace [%v, %v) ms", o.PeakStart, o.PeakEnd, o.T0, end)
	}
	return nil
}

// index is the first sample at or after time t (ms), with a tolerance of
// 1e-9 samples so that t = T0 + k·Dt maps to k despite rounding.
func (o EPSPOptions) index(t float64) int {
	return int(math.Ceil((t-o.T0)/o.Dt - 1e-9))
}

func (o EPSPOptions) time(i float64) float64 { return o.T0 + float64(i*o.Dt) }

// crossBack walks from sample ip down to lo and returns the interpolated
// time at which the trace rises through level on the flank before ip.
func (o EPSPOptions) crossBack(v []float64, ip, lo int, level float64) (float64, bool) {
	for i := ip; i > lo; i-- {
		if v[i-1] < level && v[i] >= level {
			return o.time(float64(i-1) + (level-v[i-1])/(v[i]-v[i-1])), true
		}
	}
	return 0, false
}

// crossForward walks from sample ip up to hi and returns the interpolated
// time at which the trace falls through level after ip.
func (o EPSPOptions) crossForward(v []float64, ip, hi int, level float64) (float64, bool) {
	for i := ip; i+1 < hi; i++ {
		if v[i] >= level && v[i+1] < level {
			return o.time(float64(i) + (v[i]-level)/(v[i]-v[i+1])), true
		}
	}
	return 0, false
}
