package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// hostileWeights are weights whose repeated sums meet every rounding
// case: signed zeros, subnormals, values that overflow to Inf within 255
// additions, NaN and Inf themselves, and plain ones.
var hostileWeights = []float64{0.1, 1, -0.37, 1e-310, -1e-310, math.Copysign(0, -1), 0, 1e306, -7e305, math.Inf(1), math.Inf(-1), math.NaN(), 3.3e-5, 2.5e-3}

// TestCountTableIsTheDeliverySum: for every weight and count, the table's
// entry has the bits of k additions of w into a +0 float64 slot made by
// ScatterRows (the float ring's delivery), on both paths: what makes a
// count ring exact.
func TestCountTableIsTheDeliverySum(t *testing.T) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	tgt := make([]int32, 255)
	for _, w := range hostileWeights {
		tab := NewCountTable(w)
		for _, acc := range []bool{false, true} {
			SetAccelerated(acc)
			for k := 0; k <= 255; k++ {
				slot := []float64{0}
				ScatterRows(slot, &Rows{Tgt: tgt[:k], W0: w, Index: []uint32{0, uint32(k)}, Stride: 1}, []int32{0})
				if !sameFloat(slot[0], tab[k]) {
					t.Fatalf("w %v, accelerated %v: %d additions give %v, the table %v", w, acc, k, slot[0], tab[k])
				}
			}
		}
	}
}

// TestExpandCounts: the assembly and the generic kernel give the same
// bits, tab[cnt[i]], for every length from 0 to 300 at offsets 0 to 8
// (unaligned starts), counts below 16 only (the permute path), any count
// (the gather path) and groups that mix them, with hostile tables; both
// clear the counts and touch nothing outside the slices.
func TestExpandCounts(t *testing.T) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	r := rand.New(rand.NewPCG(7, 8))
	for _, w := range hostileWeights {
		tab := NewCountTable(w)
		for n := 0; n <= 300; n++ {
			off := n % 9
			for _, maxc := range []int{16, 256, 0} {
				cnt := make([]uint8, n+off+1)
				for k := range cnt {
					switch {
					case maxc == 0 && r.IntN(50) == 0:
						cnt[k] = uint8(16 + r.IntN(240)) // a wide count now and then
					case maxc == 0:
						cnt[k] = uint8(r.IntN(4))
					default:
						cnt[k] = uint8(r.IntN(maxc))
					}
				}
				var got [2][]float64
				for p, acc := range []bool{false, true} {
					SetAccelerated(acc)
					c := append([]uint8(nil), cnt...)
					d := make([]float64, n+off+1)
					d[off+n] = 42
					if off > 0 {
						d[off-1] = 42
					}
					ExpandCounts(d[off:off+n], c[off:off+n], tab)
					for k := range c {
						if k >= off && k < off+n {
							if c[k] != 0 {
								t.Fatalf("w %v, n %d, accelerated %v: count %d not cleared", w, n, acc, k-off)
							}
							if !sameFloat(d[k], tab[cnt[k]]) {
								t.Fatalf("w %v, n %d, accelerated %v: element %d: count %d gives %v, want %v", w, n, acc, k-off, cnt[k], d[k], tab[cnt[k]])
							}
						} else if c[k] != cnt[k] || (k == off+n || k == off-1) && d[k] != 42 {
							t.Fatalf("w %v, n %d, accelerated %v: wrote outside the slices at %d", w, n, acc, k-off)
						}
					}
					got[p] = d
				}
				for k := range got[0] {
					if !sameFloat(got[0][k], got[1][k]) {
						t.Fatalf("w %v, n %d: element %d: generic %v, assembly %v", w, n, k-off, got[0][k], got[1][k])
					}
				}
			}
		}
	}
}

// TestScatterCounts: on random tables (duplicates, row indexes cut for 1
// to 3 workers, each worker's segment) the assembly and the generic kernel
// give the same counts, and counts expanded with w's table give the bits
// ScatterRows gives a float64 slot that starts at +0.
func TestScatterCounts(t *testing.T) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	r := rand.New(rand.NewPCG(9, 10))
	const n = 300
	for _, stride := range []int{1, 2, 3} {
		tgt, _, index := randomRows(r, 101, 100, n, stride)
		for nspk := 0; nspk <= 40; nspk++ {
			spikes := make([]int32, nspk)
			for k := range spikes {
				spikes[k] = int32(r.IntN(101))
			}
			for seg := 0; seg < stride; seg++ {
				w := hostileWeights[r.IntN(len(hostileWeights))]
				rows := Rows{Tgt: tgt, W0: w, Index: index[seg:], Stride: stride}
				var cnts [2][]uint8
				for p, acc := range []bool{false, true} {
					SetAccelerated(acc)
					c := make([]uint8, n+2)
					ScatterCounts(c[1:n+1], &rows, spikes)
					if c[0] != 0 || c[n+1] != 0 {
						t.Fatalf("stride %d, accelerated %v: wrote outside the counts", stride, acc)
					}
					cnts[p] = c[1 : n+1]
				}
				for j := range cnts[0] {
					if cnts[0][j] != cnts[1][j] {
						t.Fatalf("stride %d, segment %d, %d spikes: target %d: generic %d, assembly %d", stride, seg, nspk, j, cnts[0][j], cnts[1][j])
					}
				}
				slot := make([]float64, n)
				ScatterRows(slot, &rows, spikes)
				d := make([]float64, n)
				ExpandCounts(d, cnts[1], NewCountTable(w))
				for j := range d {
					if !sameFloat(d[j], slot[j]) {
						t.Fatalf("stride %d, w %v, %d spikes: target %d: counts give %v, the float slot %v", stride, w, nspk, j, d[j], slot[j])
					}
				}
			}
		}
	}
}

// TestScatterCountsBad: a bad row, target or stride, or per-synapse
// weights panic on both paths (the generic kernel's bad rows and targets
// with the runtime's index error) and never write outside the counts.
func TestScatterCountsBad(t *testing.T) {
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
		{"target outside", Rows{Tgt: []int32{0, 1, 9, 3}, Index: []uint32{0, 4}, Stride: 1}, []int32{0}, ""},
		{"negative target", Rows{Tgt: []int32{0, -1}, Index: []uint32{0, 2}, Stride: 1}, []int32{0}, ""},
		{"weights", Rows{Tgt: tgt, W: []float64{1, 1, 1, 1}, Index: []uint32{0, 4}, Stride: 1}, []int32{0}, "one weight"},
		{"stride 0", Rows{Tgt: tgt, Index: []uint32{0, 4}, Stride: 0}, []int32{0}, "stride"},
	}
	for _, c := range cases {
		for _, acc := range []bool{false, true} {
			SetAccelerated(acc)
			back := make([]uint8, 6)
			func() {
				defer func() {
					e := recover()
					if e == nil {
						t.Fatalf("%s, accelerated %v: no panic", c.name, acc)
					}
					if msg := fmt.Sprint(e); !strings.Contains(msg, c.msg) || c.msg != "" && !strings.Contains(msg, "ScatterCounts") {
						t.Fatalf("%s: panic %q does not say %q", c.name, msg, c.msg)
					}
				}()
				ScatterCounts(back[1:5], &c.rows, c.spikes)
			}()
			if back[0] != 0 || back[5] != 0 {
				t.Fatalf("%s, accelerated %v: wrote outside the counts", c.name, acc)
			}
		}
	}
}

// BenchmarkExpandCounts: the generic kernel and the assembly on 4096
// counts (one block of the engine's, refilled by a copy), ns per count, at
// the VA's arrival rate (about 0.05 per cell, receptor and step).
func BenchmarkExpandCounts(b *testing.B) {
	prev := Accelerated()
	defer SetAccelerated(prev)
	tab := NewCountTable(0.6)
	dst := make([]float64, 4096)
	cnt := make([]uint8, 4096)
	r := rand.New(rand.NewPCG(1, 1))
	pattern := make([]uint8, len(cnt))
	for k := range pattern {
		if r.IntN(20) == 0 {
			pattern[k] = 1
		}
	}
	for _, acc := range []bool{false, true} {
		name := "generic"
		if acc {
			name = "asm"
		}
		b.Run(name, func(b *testing.B) {
			if acc && !hasAVX512 {
				b.Skip("no AVX-512")
			}
			SetAccelerated(acc)
			for b.Loop() {
				copy(cnt, pattern)
				ExpandCounts(dst, cnt, tab)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cnt)), "ns/count")
		})
	}
}

// TestNoCounts: one count anywhere, at each position of stretches that
// end inside and on the words NoCounts reads, is seen.
func TestNoCounts(t *testing.T) {
	for n := range 20 {
		cnt := make([]uint8, n)
		if !NoCounts(cnt) {
			t.Fatalf("%d zero counts: NoCounts false", n)
		}
		for i := range n {
			cnt[i] = 1
			if NoCounts(cnt) {
				t.Errorf("count 1 at %d of %d: NoCounts true", i, n)
			}
			cnt[i] = 0
		}
	}
}
