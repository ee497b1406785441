package vec

import "fmt"

// The delivery pass: each spike of a step adds its synapses' weights to
// the ring slot of their arrival, target by target (docs/architecture.md,
// "Data layout and parallel step"). The kernel takes the spikes of one
// projection in one call, so that it can fetch ahead: while it adds one
// spike's row it prefetches the row of a later spike and the row-index
// entry of a later one still, which a row read at a random place in a
// table of tens of megabytes otherwise costs in full at every spike. The
// additions are the generic kernel's, one at a time in the same order
// (spikes in order, each row in table order), so that the bits are the
// same, duplicate targets included.

// Rows describes where each source's synapses are: source i's row is
// Tgt[Index[i·Stride] : Index[i·Stride+1]] (a row index cut for several
// workers, synstore.go, is passed from the worker's entry on with the
// segments per row as Stride; a plain CSR row pointer has Stride 1), with
// per-synapse weights W at the same positions, or one weight W0 for all
// when W is nil.
type Rows struct {
	Tgt    []int32
	W      []float64
	W0     float64
	Index  []uint32
	Stride int
}

// ScatterRows adds, for each source i of spikes in order, each synapse's
// weight to slot[target] in row order. It panics (a caller's programming
// error) when a source's row or a target lies outside the slices, when W
// is not nil and shorter than Tgt, or when Stride is outside [1, 65536]; additions
// made before the bad row or target stay.
func ScatterRows(slot []float64, r *Rows, spikes []int32) {
	if r.Stride < 1 || r.Stride > maxStride || r.W != nil && len(r.W) < len(r.Tgt) {
		panic(fmt.Sprintf("vec.ScatterRows: stride %d, %d weights for %d targets", r.Stride, len(r.W), len(r.Tgt)))
	}
	done := 0
	if accel && len(spikes) > 0 {
		var wt *float64
		if len(r.W) > 0 {
			wt = &r.W[0] // len(W) >= len(Tgt) >= a row's end
		}
		bad := 0
		done, bad = scatterRowsAsm(slot, r.Tgt, wt, r.Index, r.Stride, spikes, r.W0)
		if done < len(spikes) {
			panic(scatterFault("ScatterRows", len(slot), r, spikes[done], bad))
		}
	}
	scatterRowsGeneric(slot, r, spikes[done:])
}

// maxStride bounds Rows.Stride (a row index has at most 16 segments per
// row), which keeps source·Stride far from overflowing.
const maxStride = 1 << 16

// scatterFault describes the bad row or target that stopped the assembly
// kernel (slot the slot's length): bad is the synapse whose target is
// outside the slot, or -1 when the row itself is outside the index or the
// table.
func scatterFault(kernel string, slot int, r *Rows, i int32, bad int) string {
	if bad >= 0 {
		return fmt.Sprintf("vec.%s: source %d: synapse %d's target %d outside the slot of %d", kernel, i, bad, r.Tgt[bad], slot)
	}
	return fmt.Sprintf("vec.%s: source %d: row outside the index of %d entries (stride %d) or the table of %d synapses", kernel, i, len(r.Index), r.Stride, len(r.Tgt))
}

// scatterRowsGeneric is the reference kernel.
func scatterRowsGeneric(slot []float64, r *Rows, spikes []int32) {
	for _, i := range spikes {
		e := int(uint32(i)) * r.Stride
		row := r.Tgt[r.Index[e]:r.Index[e+1]]
		if r.W == nil {
			w0 := r.W0
			for _, j := range row {
				slot[j] += w0
			}
			continue
		}
		wt := r.W[r.Index[e]:][:len(row)]
		for k, j := range row {
			slot[j] += wt[k]
		}
	}
}
