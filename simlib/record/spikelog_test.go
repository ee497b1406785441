package record

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

// naiveLog is what a spike log must give: every spike's update and neuron
// appended in order.
type naiveLog struct {
	steps []int64
	ids   []int32
}

func (r *naiveLog) add(step int64, ids, pos []int32) {
	for _, i := range ids {
		if pos != nil {
			if i = pos[i]; i < 0 {
				continue
			}
		}
		r.steps, r.ids = append(r.steps, step), append(r.ids, i)
	}
}

// check compares l with r through every way a log is read.
func (r *naiveLog) check(t *testing.T, what string, l *spikeLog) {
	t.Helper()
	if l.n != len(r.ids) {
		t.Fatalf("%s: %d spikes, want %d", what, l.n, len(r.ids))
	}
	var steps []int64
	var ids []int32
	l.each(func(st int64, i int32) bool { steps, ids = append(steps, st), append(ids, i); return true })
	if !slices.Equal(steps, r.steps) || !slices.Equal(ids, r.ids) {
		t.Fatalf("%s: each gives updates %v neurons %v, want %v %v", what, steps, ids, r.steps, r.ids)
	}
	seen := 0
	l.each(func(int64, int32) bool { seen++; return seen < 3 })
	if want := min(3, len(r.ids)); seen != want {
		t.Fatalf("%s: each went on to spike %d after being stopped at %d", what, seen, want)
	}
	if got := l.stepsOnce(); !slices.Equal(got, r.steps) {
		t.Fatalf("%s: steps (not kept) %v, want %v", what, got, r.steps)
	}
	if got := l.stepsOf(); !slices.Equal(got, r.steps) {
		t.Fatalf("%s: steps %v, want %v", what, got, r.steps)
	}
	if got := l.indices(); !slices.Equal(got, r.ids) {
		t.Fatalf("%s: indices %v, want %v", what, got, r.ids)
	}
}

// TestSpikeLogMatchesAppend: random updates (gaps of 0 to 3, some longer
// than 2^32 updates), several calls per update, empty calls, views, and
// Steps/Indices read in the middle of recording (the expansion and the
// join then go on from where they stopped), against plain appends.
func TestSpikeLogMatchesAppend(t *testing.T) {
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var pos []int32
		if seed%3 == 1 { // a view: every other neuron, numbered from 0
			pos = make([]int32, 50)
			for i := range pos {
				pos[i] = -1
				if i%2 == 0 {
					pos[i] = int32(i / 2)
				}
			}
		}
		var l spikeLog
		var r naiveLog
		step := int64(rng.IntN(3))
		if seed%5 == 0 {
			step = math.MaxUint32 + 5 // the first gap needs a run of no spikes
		}
		for range 400 {
			for range rng.IntN(3) {
				ids := make([]int32, rng.IntN(60))
				for k := range ids {
					ids[k] = int32(rng.IntN(50))
				}
				l.add(step, ids, pos)
				r.add(step, ids, pos)
			}
			if rng.IntN(40) == 0 {
				r.check(t, "mid-run", &l)
			}
			step += int64(rng.IntN(4))
			if rng.IntN(100) == 0 {
				step += 3*math.MaxUint32 + int64(rng.IntN(9))
			}
		}
		r.check(t, "end", &l)
	}
}

// TestSpikeLogNeverMoves: recording never copies the spikes it holds: a
// chunk's memory stays where it was as later chunks fill.
func TestSpikeLogNeverMoves(t *testing.T) {
	var l spikeLog
	ids := make([]int32, 1000)
	l.add(0, ids, nil)
	first := unsafe.SliceData(l.chunks[0])
	for st := int64(1); st < 2000; st++ {
		l.add(st, ids, nil)
	}
	if got := unsafe.SliceData(l.chunks[0]); got != first {
		t.Fatalf("the first chunk moved from %p to %p", first, got)
	}
	if len(l.chunks) < 10 {
		t.Fatalf("2e6 spikes in %d chunks: want chunks of at most %d", len(l.chunks), maxChunk)
	}
	for k, c := range l.chunks {
		if cap(c) > maxChunk {
			t.Fatalf("chunk %d holds %d: want at most %d", k, cap(c), maxChunk)
		}
	}
	if st := l.stepsOnce(); len(st) != l.n || l.steps != nil {
		t.Fatalf("stepsOnce gave %d updates of %d and kept %d", len(st), l.n, len(l.steps))
	}
	if len(l.runs) != 2000 {
		t.Fatalf("2000 updates with spikes in %d runs", len(l.runs))
	}
}

// TestSpikeLogSetThenAdd: a log restored from slices goes on recording
// after them, and reads back what it was given without copying it.
func TestSpikeLogSetThenAdd(t *testing.T) {
	steps := []int64{0, 0, 3, 3, 3, 9, math.MaxUint32 + 20}
	ids := []int32{1, 2, 3, 4, 5, 6, 7}
	var l spikeLog
	l.set(steps, ids)
	r := naiveLog{slices.Clone(steps), slices.Clone(ids)}
	if unsafe.SliceData(l.stepsOf()) != unsafe.SliceData(steps) || unsafe.SliceData(l.indices()) != unsafe.SliceData(ids) {
		t.Fatal("a restored log copied its slices")
	}
	r.check(t, "restored", &l)
	for _, st := range []int64{math.MaxUint32 + 20, math.MaxUint32 + 21, 2*math.MaxUint32 + 40} {
		l.add(st, []int32{8, 9}, nil)
		r.add(st, []int32{8, 9}, nil)
		r.check(t, "restored, then recorded", &l)
	}
	var empty spikeLog
	empty.set(nil, nil)
	(&naiveLog{}).check(t, "empty", &empty)
}

// TestSpikeLogFullRun: a run that reaches MaxUint32 spikes goes on in a
// new run of the same update (mark alone: no neurons are stored).
func TestSpikeLogFullRun(t *testing.T) {
	var l spikeLog
	l.mark(4, math.MaxUint32-1)
	l.mark(4, 3)
	l.mark(6, 1)
	want := []spikeRun{{4, math.MaxUint32}, {0, 2}, {2, 1}}
	if !slices.Equal(l.runs, want) {
		t.Fatalf("runs %v, want %v", l.runs, want)
	}
	if l.n != math.MaxUint32+3 {
		t.Fatalf("%d spikes, want %d", l.n, math.MaxUint32+3)
	}
}

// TestSpikeLogOutOfOrder: an update before the last is refused (the
// network never gives one; restored data is checked before).
func TestSpikeLogOutOfOrder(t *testing.T) {
	var l spikeLog
	l.add(5, []int32{1}, nil)
	defer func() {
		if recover() == nil {
			t.Fatal("a spike at update 4 after update 5 was taken")
		}
	}()
	l.add(4, []int32{1}, nil)
}
