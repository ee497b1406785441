package record

import (
	"fmt"
	"math"
	"slices"

	"github.com/golgi-sim/golgi/simlib/network"
)

// Rate records the population rate: spikes per neuron per second, in bins.
type Rate struct {
	pop    string
	bin    float64
	idx    int
	dt     float64
	size   int
	first  int64   // first update counted, -1 before the first sample
	counts []int32 // spikes of update first+k
	dg     digest
}

// NewRate records the rate of population pop in bins of bin ms (rounded to
// steps; 0 means one step).
func NewRate(pop string, bin float64) *Rate { return &Rate{pop: pop, bin: bin, first: -1} }

func (r *Rate) Attach(v network.View) error {
	idx, size, ok := v.Lookup(r.pop)
	if !ok {
		return fmt.Errorf("rate recorder: unknown population %q", r.pop)
	}
	if math.IsNaN(r.bin) || r.bin < 0 {
		return fmt.Errorf("rate recorder of %q: bin = %v ms: must be >= 0", r.pop, r.bin)
	}
	r.idx, r.dt, r.size = idx, v.DT(), size
	return nil
}

func (r *Rate) Reserve(steps int64) { r.counts = slices.Grow(r.counts, int(steps)) }

// extend makes room for the counts of updates up to step.
func (r *Rate) extend(step int64) {
	for int64(len(r.counts)) < step-r.first+1 {
		r.counts = append(r.counts, 0)
	}
}

// Sample marks where counting starts: the first sample (taken when the
// recorder is attached) is followed by the first counted update.
func (r *Rate) Sample(step int64, pop, lo, hi int) {
	if pop == r.idx && r.first < 0 {
		r.first = step + 1
	}
}

func (r *Rate) Spikes(step int64, pop int, chunks [][]int32) {
	if pop != r.idx {
		return
	}
	r.extend(step)
	n := 0
	for _, c := range chunks {
		n += len(c)
	}
	r.counts[step-r.first] += int32(n)
}

// Rates returns the start time of each bin (ms) and the population rate in
// it (Hz); a last, partial bin is scaled to its width.
func (r *Rate) Rates() (t, hz []float64) {
	steps := max(1, int64(math.Round(r.bin/r.dt)))
	total := int64(len(r.counts))
	for k := int64(0); k < total; k += steps {
		c := 0
		end := min(k+steps, total)
		for j := k; j < end; j++ {
			c += int(r.counts[j])
		}
		width := float64(end-k) * r.dt
		t = append(t, float64(r.first-1+k)*r.dt)
		hz = append(hz, float64(c)/float64(r.size)/(width/1000))
	}
	return t, hz
}
