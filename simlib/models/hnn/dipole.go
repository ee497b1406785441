package hnn

import (
	"fmt"
	"math"
	"sync"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/pmath"
)

// Dipole is a trial's current dipole as hnn-core reports it: per layer
// (the sum over that layer's pyramidal cells) and aggregate, in nAm, on
// NEURON's time points (ms).
type Dipole struct {
	T           []float64 // ms: NEURON's accumulated t, 0 .. tstop
	L2, L5, Agg []float64 // nAm
}

// dipoleRecorder sums the "dipole" variable (fAm) of each pyramidal
// population over its cells, in cell order, at every step. It keeps only
// the steps whose cells have not all been sampled yet (workers own cell
// ranges and are at most a few windows apart), so its memory is the
// per-step sums plus a few steps of per-cell values.
type dipoleRecorder struct {
	pops   []string
	idx    []int // population index per pops entry, -1 unknown
	size   []int
	src    [][]float64
	mu     sync.Mutex
	pend   []map[int64]*pendingStep // per pop
	free   []*pendingStep
	sums   [][]float64 // per pop, per step: fAm
	filled [][]bool
}

type pendingStep struct {
	vals []float64
	seen []bool
	n    int
}

func newDipoleRecorder(pops []string) *dipoleRecorder {
	return &dipoleRecorder{pops: pops}
}

func (r *dipoleRecorder) Attach(v network.View) error {
	r.idx = make([]int, len(r.pops))
	r.size = make([]int, len(r.pops))
	r.src = make([][]float64, len(r.pops))
	r.pend = make([]map[int64]*pendingStep, len(r.pops))
	r.sums = make([][]float64, len(r.pops))
	r.filled = make([][]bool, len(r.pops))
	for k, name := range r.pops {
		i, n, ok := v.Lookup(name)
		if !ok {
			return fmt.Errorf("dipole recorder: no population %q", name)
		}
		r.idx[k], r.size[k] = i, n
		r.src[k] = v.Var(i, "dipole")
		if r.src[k] == nil {
			return fmt.Errorf("dipole recorder: population %q has no variable \"dipole\"", name)
		}
		r.pend[k] = map[int64]*pendingStep{}
	}
	return nil
}

func (r *dipoleRecorder) Reserve(steps int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.sums {
		n := len(r.sums[k]) + int(steps) + 1
		if cap(r.sums[k]) < n {
			s := make([]float64, len(r.sums[k]), n)
			copy(s, r.sums[k])
			r.sums[k] = s
			f := make([]bool, len(r.filled[k]), n)
			copy(f, r.filled[k])
			r.filled[k] = f
		}
	}
}

func (r *dipoleRecorder) Sample(step int64, pop, lo, hi int) {
	k := -1
	for j, i := range r.idx {
		if i == pop {
			k = j
		}
	}
	if k < 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if step < int64(len(r.filled[k])) && r.filled[k][step] {
		return
	}
	p := r.pend[k][step]
	if p == nil {
		if n := len(r.free); n > 0 {
			p, r.free = r.free[n-1], r.free[:n-1]
			clear(p.seen)
			p.n = 0
		} else {
			p = &pendingStep{vals: make([]float64, r.size[k]), seen: make([]bool, r.size[k])}
		}
		if len(p.vals) != r.size[k] {
			p = &pendingStep{vals: make([]float64, r.size[k]), seen: make([]bool, r.size[k])}
		}
		r.pend[k][step] = p
	}
	src := r.src[k]
	for i := lo; i < hi; i++ {
		p.vals[i] = src[i]
		if !p.seen[i] {
			p.seen[i] = true
			p.n++
		}
	}
	if p.n < r.size[k] {
		return
	}
	// every cell of the step: hnn-core's nrn_dpl.add(cell.dipole), cell by cell
	s := 0.0
	for _, x := range p.vals {
		s += x
	}
	for int64(len(r.sums[k])) <= step {
		r.sums[k] = append(r.sums[k], math.NaN())
		r.filled[k] = append(r.filled[k], false)
	}
	r.sums[k][step], r.filled[k][step] = s, true
	delete(r.pend[k], step)
	r.free = append(r.free, p)
}

func (r *dipoleRecorder) Spikes(int64, int, [][]int32) {}

// raw returns pop's summed dipole (fAm) for steps 0..n, hnn-core's 0 at
// step 0 (NEURON records Qtotal at finitialize before AFTER INITIAL adds
// to it).
func (r *dipoleRecorder) raw(pop string, n int64) ([]float64, error) {
	for k, name := range r.pops {
		if name != pop {
			continue
		}
		if int64(len(r.sums[k])) < n+1 {
			return nil, fmt.Errorf("dipole of %q: %d steps recorded, %d expected", pop, len(r.sums[k]), n+1)
		}
		out := make([]float64, n+1)
		for s := int64(1); s <= n; s++ {
			if !r.filled[k][s] {
				return nil, fmt.Errorf("dipole of %q: step %d was not recorded for every cell", pop, s)
			}
			out[s] = r.sums[k][s]
		}
		return out, nil
	}
	return nil, nil
}

// Renormalize applies hnn-core's _baseline_renormalize for an nx×ny mesh
// (dipole.py:727-779) to raw layer dipoles (fAm) and converts them to nAm
// (×1e-6, _convert_fAm_to_nAm), in hnn-core's order of operations.
func Renormalize(t, l2, l5 []float64, nx, ny int) Dipole {
	N := float64(nx * ny)
	d := Dipole{T: append([]float64(nil), t...), L2: make([]float64, len(t)), L5: make([]float64, len(t)), Agg: make([]float64, len(t))}
	const m, b, t1, m1, b1 = 3.4770508e-3, -51.231085, 750.0, 1.01e-4, -48.412078
	for i, ti := range t {
		x2 := l2[i] - float64(N*0.0443)
		x5 := l5[i]
		switch {
		case ti <= 37:
			x5 -= float64(N * -49.0502)
		case ti < t1:
			x5 -= float64(N * (float64(m*ti) + b))
		default:
			x5 -= float64(N * (float64(m1*ti) + b1))
		}
		agg := x2 + x5
		d.L2[i], d.L5[i], d.Agg[i] = x2*1e-6, x5*1e-6, agg*1e-6
	}
	return d
}

// Smooth returns the dipole convolved with a normalised Hamming window of
// window ms (hnn-core's Dipole.smooth: winsz = round(1e-3·window·sfreq)
// samples, numpy's hamming and convolve(..., 'same')), each of L2, L5 and
// Agg separately.
func (d Dipole) Smooth(window float64) (Dipole, error) {
	if len(d.T) < 2 {
		return d, fmt.Errorf("dipole: %d samples: smoothing needs at least 2", len(d.T))
	}
	if !finite(window) || window < 1 {
		return d, fmt.Errorf("dipole: smoothing window = %v ms: must be >= 1 ms and finite", window)
	}
	sfreq := 1000 / (d.T[1] - d.T[0])
	winsz := int(math.RoundToEven(1e-3 * window * sfreq))
	if winsz > len(d.T) {
		return d, fmt.Errorf("dipole: smoothing window = %v ms is %d samples, longer than the %d samples of the dipole", window, winsz, len(d.T))
	}
	w := hamming(winsz)
	out := Dipole{T: append([]float64(nil), d.T...)}
	out.L2, out.L5, out.Agg = convolveSame(d.L2, w), convolveSame(d.L5, w), convolveSame(d.Agg, w)
	return out, nil
}

// Scale returns the dipole multiplied by f (hnn-core's Dipole.scale).
func (d Dipole) Scale(f float64) Dipole {
	out := Dipole{T: append([]float64(nil), d.T...), L2: make([]float64, len(d.L2)), L5: make([]float64, len(d.L5)), Agg: make([]float64, len(d.Agg))}
	for i := range d.L2 {
		out.L2[i], out.L5[i], out.Agg[i] = d.L2[i]*f, d.L5[i]*f, d.Agg[i]*f
	}
	return out
}

// hamming is numpy's hamming(M) divided by its sum.
func hamming(M int) []float64 {
	w := make([]float64, M)
	if M == 1 {
		w[0] = 1
		return w
	}
	s := 0.0
	for k := range w {
		n := float64(1 - M + 2*k)
		w[k] = 0.54 + float64(0.46*pmath.Cos(math.Pi*n/float64(M-1)))
		s += w[k]
	}
	for k := range w {
		w[k] /= s
	}
	return w
}

// convolveSame is numpy's convolve(x, w, 'same') for len(w) <= len(x):
// the full convolution's samples (M-1)/2 .. (M-1)/2+N-1.
func convolveSame(x, w []float64) []float64 {
	N, M := len(x), len(w)
	off := (M - 1) / 2
	out := make([]float64, N)
	for i := range out {
		n := i + off
		s := 0.0
		for j := max(0, n-M+1); j <= min(n, N-1); j++ {
			s += float64(x[j] * w[n-j])
		}
		out[i] = s
	}
	return out
}
