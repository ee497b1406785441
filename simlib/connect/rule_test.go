package connect

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// build runs a rule's Build and the table's invariants, failing the test on
// any error.
func build(t *testing.T, r Rule, nPre, nPost int, same bool, seed uint64) *Table {
	t.Helper()
	if err := r.Validate(nPre, nPost, same); err != nil {
		t.Fatalf("%s %dx%d same=%v: Validate: %v", r.Kind(), nPre, nPost, same, err)
	}
	tab, err := r.Build(nPre, nPost, same, seed)
	if err != nil {
		t.Fatalf("%s %dx%d same=%v: Build: %v", r.Kind(), nPre, nPost, same, err)
	}
	if tab.NPre != nPre || tab.NPost != nPost {
		t.Fatalf("%s: table is %dx%d, want %dx%d", r.Kind(), tab.NPre, tab.NPost, nPre, nPost)
	}
	if err := tab.Check(); err != nil {
		t.Fatalf("%s %dx%d same=%v: %v", r.Kind(), nPre, nPost, same, err)
	}
	return tab
}

// degrees returns every source's out-degree and every target's in-degree.
func degrees(tab *Table) (out, in []int) {
	out, in = make([]int, tab.NPre), make([]int, tab.NPost)
	for i := 0; i < tab.NPre; i++ {
		out[i] = len(tab.Row(i))
		for _, j := range tab.Row(i) {
			in[j]++
		}
	}
	return out, in
}

// autapses counts the synapses i -> i.
func autapses(tab *Table) int {
	n := 0
	for i := 0; i < min(tab.NPre, tab.NPost); i++ {
		for _, j := range tab.Row(i) {
			if int(j) == i {
				n++
			}
		}
	}
	return n
}

// Every rule, on a projection of a population onto itself and onto another
// one, with and without autapses: invariants hold, the size is what the
// rule promises exactly, Expected matches it, autapses appear only when
// asked, and every degree is what the rule fixes.
func TestRulesExactSizes(t *testing.T) {
	const n, m = 37, 23 // sizes that no rule divides evenly
	type shape struct {
		nPre, nPost int
		same        bool
	}
	shapes := []shape{{n, n, true}, {n, n, false}, {n, m, false}, {m, n, false}}
	for _, sh := range shapes {
		pairs := sh.nPre * sh.nPost
		noSelf := pairs
		if sh.same {
			noSelf -= sh.nPre
		}
		cases := []struct {
			r        Rule
			size     int  // exact number of synapses
			self     bool // autapses allowed
			in, out  int  // fixed degrees, -1 when not fixed
			mayBeAll bool // the rule gives every allowed pair
		}{
			{AllToAll{}, noSelf, false, -1, -1, true},
			{AllToAll{Autapses: true}, pairs, true, sh.nPre, sh.nPost, true},
			{FixedProbability{P: 1}, noSelf, false, -1, -1, true},
			{FixedProbability{P: 1, Autapses: true}, pairs, true, sh.nPre, sh.nPost, true},
			{FixedProbability{P: 0}, 0, false, 0, 0, false},
			{FixedInDegree{K: 5}, 5 * sh.nPost, false, 5, -1, false},
			{FixedInDegree{K: 5, Autapses: true}, 5 * sh.nPost, true, 5, -1, false},
			{FixedInDegree{K: 0}, 0, false, 0, 0, false},
			{FixedOutDegree{K: 7}, 7 * sh.nPre, false, -1, 7, false},
			{FixedOutDegree{K: 7, Autapses: true}, 7 * sh.nPre, true, -1, 7, false},
			{FixedOutDegree{K: 0}, 0, false, 0, 0, false},
			{FixedTotal{N: 100}, 100, false, -1, -1, false},
			{FixedTotal{N: 100, Autapses: true}, 100, true, -1, -1, false},
			{FixedTotal{N: 0}, 0, false, 0, 0, false},
			{FixedTotal{N: int64(noSelf)}, noSelf, false, -1, -1, true},
		}
		if sh.nPre == sh.nPost {
			cases = append(cases, struct {
				r        Rule
				size     int
				self     bool
				in, out  int
				mayBeAll bool
			}{OneToOne{}, sh.nPre, true, 1, 1, false})
		}
		for _, c := range cases {
			tab := build(t, c.r, sh.nPre, sh.nPost, sh.same, 11)
			name := c.r.Kind()
			if got := tab.Len(); got != int64(c.size) {
				t.Errorf("%s %+v %+v: %d synapses, want %d", name, c.r, sh, got, c.size)
			}
			if e := c.r.Expected(sh.nPre, sh.nPost, sh.same); e != float64(c.size) {
				t.Errorf("%s %+v %+v: Expected %v, want %d", name, c.r, sh, e, c.size)
			}
			if a := autapses(tab); sh.same && !c.self && a != 0 {
				t.Errorf("%s %+v %+v: %d autapses, want none", name, c.r, sh, a)
			}
			out, in := degrees(tab)
			for j, d := range in {
				if c.in >= 0 && d != c.in {
					t.Errorf("%s %+v %+v: target %d has in-degree %d, want %d", name, c.r, sh, j, d, c.in)
					break
				}
			}
			for i, d := range out {
				if c.out >= 0 && d != c.out {
					t.Errorf("%s %+v %+v: source %d has out-degree %d, want %d", name, c.r, sh, i, d, c.out)
					break
				}
			}
			if c.mayBeAll {
				want := build(t, AllToAll{Autapses: c.self}, sh.nPre, sh.nPost, sh.same, 0)
				if !reflect.DeepEqual(tab.Ptr, want.Ptr) || !reflect.DeepEqual(tab.Post, want.Post) {
					t.Errorf("%s %+v %+v: differs from all-to-all", name, c.r, sh)
				}
			}
		}
	}
}

// With autapses allowed on a population onto itself, the diagonal is drawn
// like any pair: all-to-all has it, and a full in-degree (K = n) has it.
func TestAutapsesWhenAsked(t *testing.T) {
	const n = 12
	for _, r := range []Rule{AllToAll{Autapses: true}, FixedProbability{P: 1, Autapses: true},
		FixedInDegree{K: n, Autapses: true}, FixedOutDegree{K: n, Autapses: true},
		FixedTotal{N: n * n, Autapses: true}} {
		if a := autapses(build(t, r, n, n, true, 3)); a != n {
			t.Errorf("%s %+v: %d autapses, want %d", r.Kind(), r, a, n)
		}
	}
	// Between two populations the diagonal i -> i is an ordinary pair.
	if a := autapses(build(t, AllToAll{}, n, n, false, 0)); a != n {
		t.Errorf("all-to-all between two populations: %d pairs i -> i, want %d", a, n)
	}
	// Autapses are excluded even when the degree forces every other pair.
	tab := build(t, FixedInDegree{K: n - 1}, n, n, true, 5)
	if a := autapses(tab); a != 0 || tab.Len() != n*(n-1) {
		t.Errorf("fixed in-degree K=n-1: %d autapses, %d synapses; want 0 and %d", a, tab.Len(), n*(n-1))
	}
}

// OneToOne connects i to i and nothing else.
func TestOneToOne(t *testing.T) {
	tab := build(t, OneToOne{}, 9, 9, true, 0)
	for i := 0; i < 9; i++ {
		if row := tab.Row(i); len(row) != 1 || row[0] != int32(i) {
			t.Fatalf("row %d = %v, want [%d]", i, row, i)
		}
	}
}

// Same seed, same table; another seed, another table, for every rule that
// draws.
func TestDeterminism(t *testing.T) {
	rules := []Rule{
		FixedProbability{P: 0.1},
		FixedInDegree{K: 10},
		FixedOutDegree{K: 10},
		FixedTotal{N: 2000},
	}
	for _, r := range rules {
		for _, same := range []bool{true, false} {
			a := build(t, r, 200, 200, same, 42)
			b := build(t, r, 200, 200, same, 42)
			c := build(t, r, 200, 200, same, 43)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s same=%v: two builds with seed 42 differ", r.Kind(), same)
			}
			// About 2000 synapses drawn among 4e4 pairs: equal tables from
			// two seeds would mean the seed is ignored.
			if reflect.DeepEqual(a.Post, c.Post) {
				t.Errorf("%s same=%v: seeds 42 and 43 give the same table", r.Kind(), same)
			}
		}
	}
}

// A row's synapses do not depend on the number of rows after it: each
// row (column for fixed in-degree) has its own stream, so growing the
// other dimension leaves the existing rows unchanged.
func TestRowStreams(t *testing.T) {
	small := build(t, FixedProbability{P: 0.1}, 50, 300, false, 9)
	large := build(t, FixedProbability{P: 0.1}, 80, 300, false, 9)
	for i := 0; i < 50; i++ {
		if !reflect.DeepEqual(small.Row(i), large.Row(i)) {
			t.Fatalf("fixed probability row %d changes when rows are added", i)
		}
	}
	smallOut := build(t, FixedOutDegree{K: 4}, 50, 300, false, 9)
	largeOut := build(t, FixedOutDegree{K: 4}, 80, 300, false, 9)
	for i := 0; i < 50; i++ {
		if !reflect.DeepEqual(smallOut.Row(i), largeOut.Row(i)) {
			t.Fatalf("fixed out-degree row %d changes when rows are added", i)
		}
	}
}

// Bad parameters are errors from Validate and from Build (never a panic),
// naming the field and its value.
func TestBadInput(t *testing.T) {
	xy2 := []float64{0, 0, 10, 0} // two neurons 10 µm apart
	cases := []struct {
		r           Rule
		nPre, nPost int
		same        bool
		want        []string // substrings of the error
	}{
		{FixedProbability{P: -0.1}, 10, 10, false, []string{"P = -0.1", "[0, 1]"}},
		{FixedProbability{P: 1.5}, 10, 10, false, []string{"P = 1.5", "[0, 1]"}},
		{FixedProbability{P: math.NaN()}, 10, 10, false, []string{"P = NaN"}},
		{FixedProbability{P: math.Inf(1)}, 10, 10, false, []string{"P = +Inf"}},
		{OneToOne{}, 10, 9, false, []string{"10 sources", "9 targets"}},
		{FixedInDegree{K: 11}, 10, 20, false, []string{"K = 11", "[0, 10]"}},
		{FixedInDegree{K: 10}, 10, 10, true, []string{"K = 10", "[0, 9]"}},
		{FixedInDegree{K: -1}, 10, 10, false, []string{"K = -1"}},
		{FixedOutDegree{K: 21}, 10, 20, false, []string{"K = 21", "[0, 20]"}},
		{FixedOutDegree{K: 10}, 10, 10, true, []string{"K = 10", "[0, 9]"}},
		{FixedOutDegree{K: -3}, 10, 10, false, []string{"K = -3"}},
		{FixedTotal{N: 101}, 10, 10, false, []string{"N = 101", "[0, 100]"}},
		{FixedTotal{N: 91}, 10, 10, true, []string{"N = 91", "[0, 90]"}},
		{FixedTotal{N: -1}, 10, 10, false, []string{"N = -1"}},
		{List{Pre: []int{0, 1}, Post: []int{0}}, 10, 10, false, []string{"2 sources", "1 targets"}},
		{List{Pre: []int{0, 10}, Post: []int{0, 1}}, 10, 10, false, []string{"Pre[1] = 10", "[0, 10)"}},
		{List{Pre: []int{-1}, Post: []int{0}}, 10, 10, false, []string{"Pre[0] = -1"}},
		{List{Pre: []int{0, 1}, Post: []int{3, 5}}, 10, 5, false, []string{"Post[1] = 5", "[0, 5)"}},
		{List{Pre: []int{0}, Post: []int{0}, Weights: []float64{1, 2}}, 10, 10, false, []string{"2 weights", "1 pairs"}},
		{List{Pre: []int{0}, Post: []int{0}, Delays: []float64{}}, 10, 10, false, []string{"0 delays", "1 pairs"}},
		{List{Pre: []int{0}, Post: []int{0}, Weights: []float64{math.NaN()}}, 10, 10, false, []string{"Weights[0] = NaN"}},
		{List{Pre: []int{0}, Post: []int{0}, Delays: []float64{-1}}, 10, 10, false, []string{"Delays[0] = -1"}},
		{List{Pre: []int{0}, Post: []int{0}, Delays: []float64{math.Inf(1)}}, 10, 10, false, []string{"Delays[0] = +Inf"}},
		{List{Pre: []int{3, 1, 3}, Post: []int{4, 2, 4}}, 10, 10, false, []string{"(3, 4)", "twice", "entries 0 and 2"}},
		{Matrix{W: [][]float64{{1, 0}, {0, 1}}}, 3, 2, false, []string{"2 rows", "3 sources"}},
		{Matrix{W: [][]float64{{1, 0}, {0, 1, 0}}}, 2, 2, false, []string{"row 1", "3 columns", "2 targets"}},
		{Matrix{W: [][]float64{{1, math.Inf(-1)}}}, 1, 2, false, []string{"W[0][1] = -Inf"}},
		{Matrix{}, 1, 1, false, []string{"0 rows", "1 sources"}},
		{Distance{P0: -0.1, Lambda: 1, PrePos: xy2}, 2, 2, true, []string{"P0 = -0.1", "[0, 1]"}},
		{Distance{P0: 1.1, Lambda: 1, PrePos: xy2}, 2, 2, true, []string{"P0 = 1.1"}},
		{Distance{P0: math.NaN(), Lambda: 1, PrePos: xy2}, 2, 2, true, []string{"P0 = NaN"}},
		{Distance{P0: 0.5, Lambda: 0, PrePos: xy2}, 2, 2, true, []string{"Lambda = 0 µm", "positive"}},
		{Distance{P0: 0.5, Lambda: -3, PrePos: xy2}, 2, 2, true, []string{"Lambda = -3 µm"}},
		{Distance{P0: 0.5, Lambda: math.NaN(), PrePos: xy2}, 2, 2, true, []string{"Lambda = NaN µm"}},
		{Distance{P0: 0.5, Lambda: math.Inf(1), PrePos: xy2}, 2, 2, true, []string{"Lambda = +Inf µm"}},
		{Distance{P0: 0.5, Lambda: 1, PrePos: xy2[:3]}, 2, 2, true, []string{"PrePos has 3 values for 2 sources", "4 values"}},
		{Distance{P0: 0.5, Lambda: 1, PrePos: xy2}, 2, 2, false, []string{"PostPos is nil"}},
		{Distance{P0: 0.5, Lambda: 1, PrePos: xy2, PostPos: xy2}, 2, 3, false, []string{"PostPos has 4 values for 3 targets", "6 values"}},
		{Distance{P0: 0.5, Lambda: 1, PrePos: xy2, PostPos: []float64{0, 0, math.Inf(-1), 0}}, 2, 2, false, []string{"PostPos[2] = -Inf µm", "neuron 1"}},
		{Distance{P0: 0.5, Lambda: 1, PrePos: []float64{math.NaN(), 0, 0, 0}}, 2, 2, true, []string{"PrePos[0] = NaN µm", "neuron 0"}},
	}
	for _, c := range cases {
		name := c.r.Kind()
		verr := c.r.Validate(c.nPre, c.nPost, c.same)
		var berr error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s %+v: Build panicked: %v", name, c.r, p)
				}
			}()
			var tab *Table
			tab, berr = c.r.Build(c.nPre, c.nPost, c.same, 1)
			if berr == nil {
				t.Errorf("%s %+v: Build returned a table of %d synapses and no error", name, c.r, tab.Len())
			}
		}()
		for _, w := range c.want {
			if berr != nil && !strings.Contains(berr.Error(), w) {
				t.Errorf("%s %+v: Build error %q does not say %q", name, c.r, berr, w)
			}
		}
		// The duplicate pair is found while building (Validate is linear
		// and does not sort); every other mistake Validate reports.
		if _, dup := c.r.(List); dup && strings.Contains(strings.Join(c.want, " "), "twice") {
			continue
		}
		if verr == nil {
			t.Errorf("%s %+v: Validate returned no error", name, c.r)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(verr.Error(), w) {
				t.Errorf("%s %+v: Validate error %q does not say %q", name, c.r, verr, w)
			}
		}
	}
}

// Table.Check reports each broken invariant as an error, never a panic.
func TestTableCheck(t *testing.T) {
	good := func() *Table {
		return &Table{NPre: 3, NPost: 4, Ptr: []int64{0, 2, 2, 3}, Post: []int32{1, 3, 0}}
	}
	if err := good().Check(); err != nil {
		t.Fatalf("a valid table: %v", err)
	}
	cases := []struct {
		name   string
		mangle func(*Table)
	}{
		{"short pointer", func(t *Table) { t.Ptr = t.Ptr[:3] }},
		{"pointer not from 0", func(t *Table) { t.Ptr[0] = 1 }},
		{"pointer end", func(t *Table) { t.Ptr[3] = 2 }},
		{"pointer decreasing", func(t *Table) { t.Ptr[1], t.Ptr[2] = 3, 2 }},
		{"pointer beyond the synapses", func(t *Table) { t.Ptr = []int64{0, 9, 2, 3} }},
		{"target out of range", func(t *Table) { t.Post[1] = 4 }},
		{"negative target", func(t *Table) { t.Post[2] = -1 }},
		{"targets not ascending", func(t *Table) { t.Post[0], t.Post[1] = 3, 1 }},
		{"repeated target", func(t *Table) { t.Post[0] = 3 }},
		{"weights length", func(t *Table) { t.Weight = []float64{1, 2} }},
		{"delays length", func(t *Table) { t.Delay = []float64{1, 2, 3, 4} }},
	}
	for _, c := range cases {
		tab := good()
		c.mangle(tab)
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: Check panicked: %v", c.name, p)
				}
			}()
			if err := tab.Check(); err == nil {
				t.Errorf("%s: Check found nothing wrong in %+v", c.name, tab)
			}
		}()
	}
}
