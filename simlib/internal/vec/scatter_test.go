package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// randomRows makes a table of nsrc rows of lengths 0 to maxLen over
// targets [0, n), each row ascending with duplicates (multapses), cut for
// stride workers like a row index of synstore.go (the cuts at random
// places in each row), with per-synapse weights that mix signs, zeros,
// subnormals and large values.
func randomRows(r *rand.Rand, nsrc, maxLen, n, stride int) (tgt []int32, w []float64, index []uint32) {
	index = make([]uint32, 0, nsrc*stride+1)
	for range nsrc {
		row := make([]int32, r.IntN(maxLen+1))
		for k := range row {
			row[k] = int32(r.IntN(n))
		}
		for k := 1; k < len(row); k++ { // ascending (insertion sort)
			for m := k; m > 0 && row[m] < row[m-1]; m-- {
				row[m], row[m-1] = row[m-1], row[m]
			}
		}
		if len(row) > 2 && r.IntN(2) == 0 {
			row[1] = row[0] // a duplicate target
		}
		start := len(tgt)
		cuts := make([]int, stride-1)
		for k := range cuts {
			cuts[k] = r.IntN(len(row) + 1)
		}
		for k := 1; k < len(cuts); k++ {
			cuts[k] = max(cuts[k], cuts[k-1])
		}
		index = append(index, uint32(start))
		for _, c := range cuts {
			index = append(index, uint32(start+c))
		}
		tgt = append(tgt, row...)
	}
	index = append(index, uint32(len(tgt)))
	w = make([]float64, len(tgt))
	for k := range w {
		switch r.IntN(5) {
		case 0:
			w[k] = math.Float64frombits(r.Uint64() & 0x800fffffffffffff) // subnormal
		case 1:
			w[k] = math.Copysign(0, float64(1-2*r.IntN(2)))
		case 2:
			w[k] = r.NormFloat64() * 1e300
		default:
			w[k] = r.NormFloat64()
		}
	}
	return tgt, w, index
}

// TestScatterRows: the assembly and the generic kernel give the same bits
// on random tables (rows of every length from 0 to 100, duplicate targets,
// row indexes cut for 1 to 3 workers, each worker's segments), one weight
// or per-synapse weights, every spike count from 0 to 40 (sources repeated
// and in any order), and leave the slot's other elements untouched. Small
// integer weights, exact in any order, show that each synapse is added
// once: the slot equals the count of each target's synapses times w0.
func TestScatterRows(t *testing.T) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	r := rand.New(rand.NewPCG(12, 12))
	const n = 300
	for _, stride := range []int{1, 2, 3} {
		tgt, w, index := randomRows(r, 101, 100, n, stride)
		for nspk := 0; nspk <= 40; nspk++ {
			spikes := make([]int32, nspk)
			for k := range spikes {
				spikes[k] = int32(r.IntN(101))
			}
			for seg := 0; seg < stride; seg++ {
				for _, perSyn := range []bool{false, true} {
					rows := Rows{Tgt: tgt, W0: r.NormFloat64(), Index: index[seg:], Stride: stride}
					if perSyn {
						rows.W = w
					}
					init := make([]float64, n+2)
					for k := range init {
						init[k] = r.NormFloat64()
					}
					var got [2][]float64
					for p, acc := range []bool{false, true} {
						SetAccelerated(acc)
						s := append([]float64(nil), init...)
						ScatterRows(s[1:n+1], &rows, spikes)
						got[p] = s
					}
					for k := range init {
						if math.Float64bits(got[0][k]) != math.Float64bits(got[1][k]) && !(math.IsNaN(got[0][k]) && math.IsNaN(got[1][k])) {
							t.Fatalf("stride %d, segment %d, per-synapse %v, %d spikes: element %d: generic %v, assembly %v", stride, seg, perSyn, nspk, k-1, got[0][k], got[1][k])
						}
					}
					if got[1][0] != init[0] || got[1][n+1] != init[n+1] {
						t.Fatalf("stride %d, %d spikes: wrote outside the slot", stride, nspk)
					}
				}
			}
			// counts: w0 = 1 on a zero slot, whole rows (segment 0 of a
			// one-segment index only)
			if stride != 1 {
				continue
			}
			want := make([]float64, n)
			for _, i := range spikes {
				for _, j := range tgt[index[i]:index[i+1]] {
					want[j]++
				}
			}
			for _, acc := range []bool{false, true} {
				SetAccelerated(acc)
				s := make([]float64, n)
				ScatterRows(s, &Rows{Tgt: tgt, W0: 1, Index: index, Stride: 1}, spikes)
				for j := range s {
					if s[j] != want[j] {
						t.Fatalf("accelerated %v, %d spikes: target %d got %v additions of 1, want %v", acc, nspk, j, s[j], want[j])
					}
				}
			}
		}
	}
}

// TestScatterRowsEveryLength: one row of each length 0 to 100 as the only
// spike and as one of a run of spikes, on both paths, same bits.
func TestScatterRowsEveryLength(t *testing.T) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	r := rand.New(rand.NewPCG(3, 4))
	const n = 1000
	var tgt []int32
	index := []uint32{0}
	for l := 0; l <= 100; l++ {
		for range l {
			tgt = append(tgt, int32(r.IntN(n)))
		}
		index = append(index, uint32(len(tgt)))
	}
	w := make([]float64, len(tgt))
	for k := range w {
		w[k] = r.NormFloat64()
	}
	for l := 0; l <= 100; l++ {
		for _, spikes := range [][]int32{{int32(l)}, {int32(l), 100 - int32(l), int32(l), 50, int32(l)}} {
			for _, wt := range [][]float64{nil, w} {
				rows := Rows{Tgt: tgt, W: wt, W0: 0.1, Index: index, Stride: 1}
				var got [2][]float64
				for p, acc := range []bool{false, true} {
					SetAccelerated(acc)
					got[p] = make([]float64, n)
					for k := range got[p] {
						got[p][k] = float64(k) * 1e-3
					}
					ScatterRows(got[p], &rows, spikes)
				}
				for k := range got[0] {
					if math.Float64bits(got[0][k]) != math.Float64bits(got[1][k]) {
						t.Fatalf("length %d, spikes %v, per-synapse %v: element %d: generic %v, assembly %v", l, spikes, wt != nil, k, got[0][k], got[1][k])
					}
				}
			}
		}
	}
}

// TestScatterRowsBad: a source outside the index, a row outside the table,
// a target outside the slot, too few weights or a bad stride panic on both
// paths (a caller's programming error), and never write outside the slot.
func TestScatterRowsBad(t *testing.T) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	tgt := []int32{0, 1, 2, 3}
	cases := []struct {
		name   string
		rows   Rows
		spikes []int32
		msg    string
	}{
		{"source outside the index", Rows{Tgt: tgt, Index: []uint32{0, 2, 4}, Stride: 1}, []int32{0, 2}, ""},
		{"negative source", Rows{Tgt: tgt, Index: []uint32{0, 2, 4}, Stride: 1}, []int32{-1}, ""},
		{"row past the table", Rows{Tgt: tgt, Index: []uint32{0, 5}, Stride: 1}, []int32{0}, ""},
		{"row ends before it starts", Rows{Tgt: tgt, Index: []uint32{3, 1}, Stride: 1}, []int32{0}, ""},
		{"target outside the slot", Rows{Tgt: []int32{0, 1, 9, 3}, Index: []uint32{0, 4}, Stride: 1}, []int32{0}, ""},
		{"negative target", Rows{Tgt: []int32{0, -1}, Index: []uint32{0, 2}, Stride: 1}, []int32{0}, ""},
		{"too few weights", Rows{Tgt: tgt, W: []float64{1}, Index: []uint32{0, 4}, Stride: 1}, []int32{0}, "weights"},
		{"stride 0", Rows{Tgt: tgt, Index: []uint32{0, 4}, Stride: 0}, []int32{0}, "stride"},
	}
	for _, c := range cases {
		for _, acc := range []bool{false, true} {
			SetAccelerated(acc)
			back := make([]float64, 6)
			func() {
				defer func() {
					e := recover()
					if e == nil {
						t.Fatalf("%s, accelerated %v: no panic", c.name, acc)
					}
					if msg := fmt.Sprint(e); !strings.Contains(msg, c.msg) {
						t.Fatalf("%s: panic %q does not say %q", c.name, msg, c.msg)
					}
				}()
				ScatterRows(back[1:5], &c.rows, c.spikes)
			}()
			if back[0] != 0 || back[5] != 0 {
				t.Fatalf("%s, accelerated %v: wrote outside the slot", c.name, acc)
			}
		}
	}
}

// BenchmarkScatterRows: generic and assembly alternately on 80-synapse
// rows into a slot of n elements, 400 spikes a call (the COBA benchmark's
// rate at 256 000 cells), ns per synapse. The table holds every source's
// row (80 per cell) and each call takes new random sources, so rows are
// read cold at the larger sizes, as in a run.
func BenchmarkScatterRows(b *testing.B) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	for _, n := range []int{16000, 256000} {
		r := rand.New(rand.NewPCG(5, 5))
		tgt, _, index := randomRows(r, n, 160, n, 1)
		spikes := make([]int32, 400*64)
		for k := range spikes {
			spikes[k] = int32(r.IntN(n))
		}
		slot := make([]float64, n)
		for _, acc := range []bool{false, true} {
			name := "generic"
			if acc {
				name = "asm"
			}
			b.Run(fmt.Sprintf("%s/n=%d", name, n), func(b *testing.B) {
				if acc && !hasAVX2 {
					b.Skip("no assembly")
				}
				SetAccelerated(acc)
				rows := Rows{Tgt: tgt, W0: 1, Index: index, Stride: 1}
				syn, k := 0, 0
				for b.Loop() {
					s := spikes[k*400:][:400]
					k = (k + 1) % 64
					ScatterRows(slot, &rows, s)
					for _, i := range s {
						syn += int(index[i+1] - index[i])
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(syn), "ns/syn")
			})
		}
	}
}
