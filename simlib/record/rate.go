package record

import (
	"fmt"
	"slices"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/param"
)

// Rate records the rate of a population or of a view of one
// (network.Group): spikes per neuron of the group per second, in bins.
type Rate struct {
	g        network.Group
	pop      string // network.GroupKey(g): the configuration
	label    string // g.String()
	bin      float64
	idx      int
	dt       float64
	size     int
	keep     []bool // the neurons of the view; nil: all
	binSteps int64
	net      uint64  // ID of the network attached to, 0 before
	first    int64   // first update counted, -1 before the first sample
	counts   []int32 // spikes of update first+k
	dg       digest
}

// NewRate records the rate of g (a population or a view of one) in bins
// of bin ms (rounded to steps; 0 means one step; otherwise at least dt).
func NewRate(g network.Group, bin float64) *Rate {
	return &Rate{g: g, pop: network.GroupKey(g), label: groupLabel(g), bin: bin, first: -1}
}

func (r *Rate) Attach(v network.View) error {
	// first: a refused attach must not touch the recorder of another network
	if r.net != 0 && r.net != v.ID() {
		return fmt.Errorf("rate recorder of %q: already attached to another network: make a new recorder", r.label)
	}
	idx, size, members, err := v.Group(r.g)
	if err != nil {
		return fmt.Errorf("rate recorder of %q: %w", r.label, err)
	}
	var keep []bool
	if members != nil {
		keep = make([]bool, size)
		for _, i := range members {
			keep[i] = true
		}
		size = len(members)
	}
	dt := v.DT()
	n, err := param.Steps("bin", r.bin, dt, param.MaxSteps)
	if err == nil && r.bin != 0 && r.bin < dt*(1-1e-9) {
		err = param.New("bin", r.bin, " ms", fmt.Sprintf("must be 0 (one step) or at least dt = %v ms", dt))
	}
	if err != nil {
		return fmt.Errorf("rate recorder of %q: %w", r.label, err)
	}
	r.idx, r.dt, r.size, r.binSteps, r.net, r.keep = idx, dt, size, max(1, n), v.ID(), keep
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
		if r.keep == nil {
			n += len(c)
			continue
		}
		for _, i := range c {
			if r.keep[i] {
				n++
			}
		}
	}
	r.counts[step-r.first] += int32(n)
}

// Rates returns the start time of each bin (ms) and the population rate in
// it (Hz); a last, partial bin is scaled to its width.
func (r *Rate) Rates() (t, hz []float64) {
	steps := r.binSteps
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

// Population returns the name of the recorded group: the population's
// ("exc") or the view's ("exc[0:3200]").
func (r *Rate) Population() string { return r.label }

// Group returns the recorded group (nil for a recorder restored from
// data into a zero Rate).
func (r *Rate) Group() network.Group { return r.g }

// Bin returns the bin width asked for (ms; 0: one step).
func (r *Rate) Bin() float64 { return r.bin }

// RunBytes estimates what a run of steps updates adds to the counts
// (network.RunSizer).
func (r *Rate) RunBytes(steps int64) float64 { return 4 * float64(steps) }
