package network

import "math"

// Compact synaptic storage (docs/architecture.md, "Data layout and
// parallel step"): a projection keeps its targets (CSR, int32), and its
// weights and delays once when they are the same for every synapse, per
// synapse only when they vary. Per-synapse delays are uint16 when the
// longest fits, int32 otherwise.

// weight returns the weight of synapse k (table order).
func (pr *projRT) weight(k int64) float64 {
	if pr.w == nil {
		return pr.w0
	}
	return pr.w[k]
}

// delay returns the delay of synapse k (table order) in steps.
func (pr *projRT) delay(k int64) int32 {
	switch {
	case pr.d16 != nil:
		return int32(pr.d16[k])
	case pr.d != nil:
		return pr.d[k]
	}
	return pr.d0
}

// perSynapseDelays reports whether the delays are stored per synapse.
func (pr *projRT) perSynapseDelays() bool { return pr.d16 != nil || pr.d != nil }

// setDelays stores per-synapse delays (steps, each in [1, maxDelaySteps]):
// as uint16 when the longest fits, else as given.
func (pr *projRT) setDelays(d []int32) {
	hi := int32(0)
	for _, x := range d {
		hi = max(hi, x)
	}
	if hi > math.MaxUint16 {
		pr.d, pr.d16 = d, nil
		return
	}
	pr.d16, pr.d = make([]uint16, len(d)), nil
	for k, x := range d {
		pr.d16[k] = uint16(x)
	}
}

// minDelay and maxDelay return the shortest and longest delay in steps.
func (pr *projRT) minDelay() int32 {
	if !pr.perSynapseDelays() {
		return pr.d0
	}
	lo := int32(math.MaxInt32)
	for k := range int64(len(pr.tgt)) {
		lo = min(lo, pr.delay(k))
	}
	return lo
}

func (pr *projRT) maxDelay() int32 {
	if !pr.perSynapseDelays() {
		return pr.d0
	}
	hi := int32(0)
	for k := range int64(len(pr.tgt)) {
		hi = max(hi, pr.delay(k))
	}
	return hi
}

// weights returns every synapse's weight in table order: the stored
// slice when they are per synapse, else a new one filled with w0.
func (pr *projRT) weights() []float64 {
	if pr.w != nil {
		return pr.w
	}
	w := make([]float64, len(pr.tgt))
	for k := range w {
		w[k] = pr.w0
	}
	return w
}

// delaySteps returns every synapse's delay in steps in table order: the
// stored slice when it is int32, else a new one.
func (pr *projRT) delaySteps() []int32 {
	if pr.d != nil {
		return pr.d
	}
	d := make([]int32, len(pr.tgt))
	for k := range d {
		d[k] = pr.delay(int64(k))
	}
	return d
}
