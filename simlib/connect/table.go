package connect

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/internal/hugepage"
)

// Table is a projection's synapses in compressed sparse row form: the
// synapses of source i are Post[Ptr[i]:Ptr[i+1]], targets ascending.
// Weight and Delay, when not nil, give each synapse's weight and delay (ms)
// from an explicit rule (List, Matrix); otherwise the projection's
// distributions draw them.
type Table struct {
	NPre, NPost int
	Ptr         []int64
	Post        []int32
	Weight      []float64
	Delay       []float64
}

// Len returns the number of synapses.
func (t *Table) Len() int64 { return int64(len(t.Post)) }

// Row returns the targets of source i.
func (t *Table) Row(i int) []int32 { return t.Post[t.Ptr[i]:t.Ptr[i+1]] }

// Check verifies the table's invariants: pointer monotone, targets in range
// and strictly ascending within rows, explicit data of matching length.
func (t *Table) Check() error {
	if len(t.Ptr) != t.NPre+1 || t.Ptr[0] != 0 || t.Ptr[t.NPre] != int64(len(t.Post)) {
		return fmt.Errorf("connect: table pointer has %d entries for %d sources and %d synapses", len(t.Ptr), t.NPre, len(t.Post))
	}
	for i := 0; i < t.NPre; i++ {
		if t.Ptr[i+1] < t.Ptr[i] || t.Ptr[i+1] > int64(len(t.Post)) {
			return fmt.Errorf("connect: row %d spans synapses [%d, %d) of %d: pointers must be ascending and within the synapses", i, t.Ptr[i], t.Ptr[i+1], len(t.Post))
		}
		row := t.Row(i)
		for k, j := range row {
			if j < 0 || int(j) >= t.NPost || (k > 0 && row[k-1] >= j) {
				return fmt.Errorf("connect: row %d: target %d out of order or range [0,%d)", i, j, t.NPost)
			}
		}
	}
	if t.Weight != nil && len(t.Weight) != len(t.Post) || t.Delay != nil && len(t.Delay) != len(t.Post) {
		return fmt.Errorf("connect: explicit weights/delays do not match %d synapses", len(t.Post))
	}
	return nil
}

// builder accumulates rows in order.
type builder struct{ t *Table }

func newBuilder(nPre, nPost int, capacity int64) builder {
	// the targets are a network's largest array, read at random
	// (package hugepage)
	post := hugepage.Advise(make([]int32, 0, capacity))
	return builder{&Table{NPre: nPre, NPost: nPost, Ptr: make([]int64, 1, nPre+1), Post: post}}
}

// endRow closes the current row.
func (b builder) endRow() { b.t.Ptr = append(b.t.Ptr, int64(len(b.t.Post))) }

// fromColumns builds a CSR table from per-target source lists (each
// ascending by target already, since columns are visited in order).
func fromColumns(nPre, nPost int, cols [][]int32) *Table {
	t := &Table{NPre: nPre, NPost: nPost, Ptr: make([]int64, nPre+1)}
	for _, c := range cols {
		for _, i := range c {
			t.Ptr[i+1]++
		}
	}
	for i := 0; i < nPre; i++ {
		t.Ptr[i+1] += t.Ptr[i]
	}
	t.Post = hugepage.Advise(make([]int32, t.Ptr[nPre]))
	next := make([]int64, nPre)
	copy(next, t.Ptr[:nPre])
	for j, c := range cols {
		for _, i := range c {
			t.Post[next[i]] = int32(j)
			next[i]++
		}
	}
	return t
}
