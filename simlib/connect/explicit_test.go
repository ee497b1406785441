package connect

import (
	"reflect"
	"testing"
)

// A list given in any order becomes rows sorted by source and target, each
// weight and delay following its pair.
func TestListOrder(t *testing.T) {
	l := List{
		Pre:     []int{2, 0, 2, 0, 1},
		Post:    []int{1, 3, 0, 0, 2},
		Weights: []float64{21, 3, 20, 0.5, 12},
		Delays:  []float64{2.1, 0.3, 2.0, 0.05, 1.2},
	}
	tab := build(t, l, 3, 4, false, 0)
	want := &Table{
		NPre: 3, NPost: 4,
		Ptr:    []int64{0, 2, 3, 5},
		Post:   []int32{0, 3, 2, 0, 1},
		Weight: []float64{0.5, 3, 12, 20, 21},
		Delay:  []float64{0.05, 0.3, 1.2, 2.0, 2.1},
	}
	if !reflect.DeepEqual(tab, want) {
		t.Fatalf("got %+v\nwant %+v", tab, want)
	}
	if l.Expected(3, 4, false) != 5 {
		t.Fatalf("Expected %v, want 5", l.Expected(3, 4, false))
	}
	// Without weights and delays the table has none: the projection's
	// distributions then draw them.
	tab = build(t, List{Pre: l.Pre, Post: l.Post}, 3, 4, false, 0)
	if tab.Weight != nil || tab.Delay != nil || !reflect.DeepEqual(tab.Post, want.Post) {
		t.Fatalf("list without weights: %+v", tab)
	}
	// An explicit list may hold autapses: it says exactly what to make.
	tab = build(t, List{Pre: []int{1}, Post: []int{1}}, 3, 3, true, 0)
	if autapses(tab) != 1 {
		t.Fatalf("explicit autapse dropped: %+v", tab)
	}
}

// Empty lists make empty tables with one pointer per source.
func TestListEmpty(t *testing.T) {
	for _, l := range []List{{}, {Pre: []int{}, Post: []int{}, Weights: []float64{}, Delays: []float64{}}} {
		tab := build(t, l, 4, 2, false, 0)
		if tab.Len() != 0 || len(tab.Ptr) != 5 {
			t.Fatalf("%+v: %+v", l, tab)
		}
		if (l.Weights != nil) != (tab.Weight != nil) {
			t.Fatalf("%+v: weights %v", l, tab.Weight)
		}
	}
}

// Matrix connects the non-zero entries W[from][to] with their weights: the
// seed notebook's Izhikevich triad (the Izhikevich triad seed notebook:
// connection_strengths 0->1 12, 1->2 9.6, 2->0 12).
func TestMatrix(t *testing.T) {
	m := Matrix{W: [][]float64{{0, 12, 0}, {0, 0, 9.6}, {12, 0, 0}}}
	tab := build(t, m, 3, 3, true, 0)
	want := &Table{NPre: 3, NPost: 3, Ptr: []int64{0, 1, 2, 3}, Post: []int32{1, 2, 0}, Weight: []float64{12, 9.6, 12}}
	if !reflect.DeepEqual(tab, want) {
		t.Fatalf("got %+v, want %+v", tab, want)
	}
	// Negative weights and the diagonal are kept; zeros are not synapses.
	tab = build(t, Matrix{W: [][]float64{{-1, 0}, {0, 2}, {0, 0}}}, 3, 2, false, 0)
	want = &Table{NPre: 3, NPost: 2, Ptr: []int64{0, 1, 2, 2}, Post: []int32{0, 1}, Weight: []float64{-1, 2}}
	if !reflect.DeepEqual(tab, want) {
		t.Fatalf("got %+v, want %+v", tab, want)
	}
	tab = build(t, Matrix{W: [][]float64{{0, 0}, {0, 0}}}, 2, 2, true, 0)
	if tab.Len() != 0 || tab.Weight == nil {
		t.Fatalf("zero matrix: %+v", tab)
	}
}
