package hnn

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/neuron"
)

// evprox1 is the ERP example's first proximal drive (hnn_column.md §7).
func evprox1() Drive {
	d := EvokedDrive("evprox1", 26.61, 2.47, "proximal")
	d.WeightsAMPA = map[string]float64{L2BasketType: 0.08831, L2PyramidalType: 0.01525, L5BasketType: 0.19934, L5PyramidalType: 0.00865}
	d.Delays = map[string]float64{L2BasketType: 0.1, L2PyramidalType: 0.1, L5BasketType: 1, L5PyramidalType: 1}
	d.Seed = 544
	return d
}

func smallColumn() Column {
	c := DefaultColumn(standinCells())
	c.Mesh.NX, c.Mesh.NY = 3, 3
	c.TStop = 50
	c.Drives = []Drive{evprox1()}
	return c
}

func TestMesh(t *testing.T) {
	m := DefaultMesh()
	p := m.Positions()
	// counts and origin from hnn_column.md §3 (network.py:33-120)
	want := map[string]int{L2BasketType: 35, L2PyramidalType: 100, L5BasketType: 35, L5PyramidalType: 100}
	for typ, n := range want {
		if len(p[typ]) != n {
			t.Errorf("%s: %d cells, hnn-core has %d", typ, len(p[typ]), n)
		}
	}
	if o := m.Origin(); o != (Pos{4, 4, 653}) {
		t.Errorf("origin %v, hnn-core (4, 4, 653)", o)
	}
	// pyramidal: x outer, y inner; basket: product(x∈{0,3,6,9}, y even) +
	// product(x∈{1,4,7}, y odd), stable-sorted by y
	if p[L5PyramidalType][1] != (Pos{0, 1, 0}) || p[L2PyramidalType][10] != (Pos{1, 0, 1307.4}) {
		t.Errorf("pyramidal order: %v %v", p[L5PyramidalType][1], p[L2PyramidalType][10])
	}
	wantB := []Pos{{0, 0, 0}, {3, 0, 0}, {6, 0, 0}, {9, 0, 0}, {1, 1, 0}, {4, 1, 0}, {7, 1, 0}, {0, 2, 0}}
	for i, w := range wantB {
		w.Z = 0.2 * 1307.4
		if p[L5BasketType][i] != w {
			t.Errorf("L5 basket %d at %v, want %v", i, p[L5BasketType][i], w)
		}
	}
	s := Mesh{NX: 3, NY: 3, InplaneDistance: 1, LayerSeparation: 1307.4}
	if n := len(s.Positions()[L2BasketType]); n != 3 {
		t.Errorf("3x3: %d basket cells, hnn-core 3", n)
	}
	if o := s.Origin(); o != (Pos{1, 1, 653}) {
		t.Errorf("3x3 origin %v, hnn-core (1, 1, 653)", o)
	}
}

func TestGaussian(t *testing.T) {
	// d² = 2, λ = 3: w = A·e^(-2/9), delay = 1/e^(-2/9)
	w, d := Gaussian(Pos{0, 0, 0}, Pos{1, 1, 5}, 0.0005, 1, 3, 1)
	if math.Abs(w-0.0005*math.Exp(-2.0/9)) > 1e-18 || math.Abs(d-math.Exp(2.0/9)) > 1e-15 {
		t.Errorf("w %v delay %v", w, d)
	}
}

// TestConnectionCounts checks the 16 rules' pair counts on the 10x10
// mesh against hnn_column.md §6 (autapses only for L2 basket → L2 basket),
// and that Build leaves out only pairs whose delay exceeds the run.
func TestConnectionCounts(t *testing.T) {
	c := DefaultColumn(standinCells())
	pos := c.Mesh.Positions()
	want := []int{9900, 9900, 9900, 9900, 3500, 3500, 3500, 3500, 10000, 10000, 3500, 3500, 1225, 1190, 3500, 3500}
	maxDelay := 0.0
	for k, r := range c.Connections {
		l := c.pairs(k, r, pos)
		if len(l.Pre) != want[k] {
			t.Errorf("rule %d (%s → %s): %d pairs, hnn-core %d", k, r.Src, r.Target, len(l.Pre), want[k])
		}
		maxDelay = max(maxDelay, slices.Max(l.Delays))
	}
	// across the mesh, d² = 162 µm², λ = 3: delay e^18 ms
	if want := math.Exp(162.0 / 9); math.Abs(maxDelay-want) > 1e-6*want {
		t.Errorf("longest delay %v ms, want e^18 = %v", maxDelay, want)
	}
	if testing.Short() {
		return
	}
	c.TStop = 5
	n, err := c.Build(0)
	if err != nil {
		t.Fatal(err)
	}
	k, secs := 0, []int{3, 3, 3, 3, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1}
	for ri, r := range c.Connections {
		l := c.pairs(ri, r, pos)
		kept := 0
		for _, d := range l.Delays {
			if d <= c.TStop+c.DT {
				kept++
			}
		}
		for range secs[ri] {
			if got := n.Network.Projections()[k].Len(); got != int64(kept) {
				t.Errorf("projection %d (rule %d): %d synapses, want the %d pairs with delay <= tstop", k, ri, got, kept)
			}
			k++
		}
	}
}

func runColumn(t *testing.T, c Column) *Result {
	t.Helper()
	n, err := c.Build(0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := n.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestColumnRun(t *testing.T) {
	c := smallColumn()
	c.Workers = 1
	r := runColumn(t, c)
	steps := c.Steps()
	if steps != 2000 || len(r.Dipole.T) != 2001 || len(r.Dipole.Agg) != 2001 {
		t.Fatalf("steps %d, %d samples", steps, len(r.Dipole.T))
	}
	// the drive: one event per drive cell (cell specific, every type)
	ev := r.Events["evprox1"]
	if len(ev) != 3+9+3+9 {
		t.Fatalf("%d drive cells, want 24", len(ev))
	}
	// the stand-in L5 pyramidal cells stay below threshold
	for typ, n := range map[string]int{L2BasketType: 1, L2PyramidalType: 1, L5BasketType: 1} {
		if r.Count(typ) < n {
			t.Errorf("%s: %d spikes: the drive should make them fire", typ, r.Count(typ))
		}
	}
	peak := 0.0
	for i := range r.Dipole.Agg {
		if d := r.Dipole.Agg[i] - r.Dipole.L2[i] - r.Dipole.L5[i]; math.Abs(d) > 1e-15 {
			t.Fatalf("agg != L2 + L5 at %d: %v", i, d)
		}
		peak = max(peak, math.Abs(r.Dipole.L5[i]))
	}
	if peak == 0 {
		t.Error("the L5 dipole never moves")
	}
	// same bits with two workers
	c.Workers = 2
	r2 := runColumn(t, c)
	if !slices.Equal(r.Dipole.Agg, r2.Dipole.Agg) || !slices.Equal(r.Spikes, r2.Spikes) {
		t.Error("two workers differ from one")
	}
	// replaying the drive's own events gives the same run
	rep := ReplayDrive("evprox1", ev, "proximal")
	d := evprox1()
	rep.WeightsAMPA, rep.Delays = d.WeightsAMPA, d.Delays
	c.Drives = []Drive{rep}
	r3 := runColumn(t, c)
	if !slices.Equal(r.Dipole.Agg, r3.Dipole.Agg) || !slices.Equal(r.Spikes, r3.Spikes) {
		t.Error("replaying the events differs from generating them")
	}
	// another seed: other events
	c.Drives = []Drive{evprox1()}
	c.Drives[0].Seed = 1
	r4 := runColumn(t, c)
	if slices.Equal(r.Events["evprox1"][0], r4.Events["evprox1"][0]) {
		t.Error("another seed gives the same events")
	}
}

// TestDriveArrival checks that a replayed event reaches its cell at the
// update NEURON delivers it: the first n with te + delay <= t_n + dt/2.
func TestDriveArrival(t *testing.T) {
	c := smallColumn()
	ev := make([][]float64, 9)
	for i := range ev {
		ev[i] = []float64{10 + 0.01*float64(i), 10.0123 + 0.001*float64(i)}
	}
	d := ReplayDrive("x", ev, "distal")
	d.WeightsAMPA = map[string]float64{L2PyramidalType: 0.001}
	d.Delays = map[string]float64{L2PyramidalType: 0.3}
	c.Drives = []Drive{d}
	n, err := c.Build(0)
	if err != nil {
		t.Fatal(err)
	}
	src := n.Network.Population("x/" + L2PyramidalType).Model().(neuron.SpikeTimes)
	var pr = n.Network.Projections()[len(n.Network.Projections())-1]
	D := pr.DelaySteps()[0]
	tn := neuronTimes(c.DT, 1000)
	pos := c.Mesh.Positions()[L2PyramidalType]
	for j := range 9 {
		_, delay := Gaussian(c.Mesh.Origin(), pos[j], 1, 0.3, 3, 1)
		var want []int64
		for _, te := range ev[j] {
			k := int64(0)
			for !(te+delay <= tn[k]+0.5*c.DT) {
				k++
			}
			want = append(want, k)
		}
		slices.Sort(want)
		var got []int64
		for l := 0; l*9+j < len(src.Times); l++ {
			for _, ts := range src.Times[l*9+j] {
				got = append(got, int64(math.Round(ts/c.DT))+int64(D))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("cell %d: arrivals %v, NEURON's %v", j, got, want)
		}
	}
}

func TestColumnBadInput(t *testing.T) {
	cases := []struct {
		name string
		mod  func(c *Column)
		want []string
	}{
		{"unknown cell type in a drive", func(c *Column) { c.Drives[0].WeightsAMPA["L3_pyramidal"] = 1 }, []string{`WeightsAMPA["L3_pyramidal"]`, "unknown cell type"}},
		{"unknown section", func(c *Column) { c.Drives[0].Location = "axon" }, []string{`location "axon"`, "no such section"}},
		{"distal onto L5 basket", func(c *Column) { c.Drives[0].Location = "distal" }, []string{"group is empty on L5_basket"}},
		{"negative weight", func(c *Column) { c.Drives[0].WeightsAMPA[L2PyramidalType] = -1 }, []string{`WeightsAMPA["L2_pyramidal"] = -1`, ">= 0"}},
		{"sigma 0", func(c *Column) { c.Drives[0].Sigma = 0 }, []string{"Sigma = 0"}},
		{"sigma NaN", func(c *Column) { c.Drives[0].Sigma = math.NaN() }, []string{"Sigma = NaN"}},
		{"poisson tstop beyond the run", func(c *Column) {
			p := PoissonDrive("p", 10, "proximal")
			p.WeightsAMPA = map[string]float64{L2PyramidalType: 1}
			p.TStop = 1000
			c.Drives = append(c.Drives, p)
		}, []string{`drive 1 ("p")`, "TStop = 1000", "tstop = 50"}},
		{"poisson rate 0", func(c *Column) {
			p := PoissonDrive("p", 0, "proximal")
			p.WeightsAMPA = map[string]float64{L2PyramidalType: 1}
			c.Drives = append(c.Drives, p)
		}, []string{"Rate = 0 Hz"}},
		{"bursty burst longer than its period", func(c *Column) {
			b := BurstyDrive("b", 100, "distal")
			b.WeightsAMPA = map[string]float64{L2PyramidalType: 1}
			b.SpikeISI = 20
			c.Drives = append(c.Drives, b)
		}, []string{"burst lasts 20 ms", "period 10 ms"}},
		{"replay: wrong number of trains", func(c *Column) {
			r := ReplayDrive("r", [][]float64{{1}}, "proximal")
			r.WeightsAMPA = map[string]float64{L2PyramidalType: 1}
			c.Drives = append(c.Drives, r)
		}, []string{"1 trains for 9 drive cells"}},
		{"replay: event after tstop", func(c *Column) {
			r := ReplayDrive("r", make([][]float64, 9), "proximal")
			r.Events[3] = []float64{60}
			r.WeightsAMPA = map[string]float64{L2PyramidalType: 1}
			c.Drives = append(c.Drives, r)
		}, []string{"Events[3][0] = 60 ms"}},
		{"duplicate drive", func(c *Column) { c.Drives = append(c.Drives, c.Drives[0]) }, []string{"used twice"}},
		{"no targets", func(c *Column) { c.Drives[0].WeightsAMPA = nil }, []string{"name no cell type"}},
		{"probability", func(c *Column) { c.Drives[0].Probability = 1.5 }, []string{"Probability = 1.5"}},
		{"NDriveCells 0", func(c *Column) { c.Drives[0].CellSpecific = false }, []string{"NDriveCells = 0"}},
		{"connection: receptor not carried", func(c *Column) { c.Connections[0].Receptor = "gabab"; c.Connections[0].Target = L2BasketType }, []string{`receptor "gabab"`, "L2_basket has no such synapse"}},
		{"connection: negative weight", func(c *Column) { c.Connections[3].Weight = -0.1 }, []string{"connection 3", "Weight = -0.1"}},
		{"connection: lamtha", func(c *Column) { c.Connections[3].Lamtha = 0 }, []string{"Lamtha = 0"}},
		{"mesh", func(c *Column) { c.Mesh.NX = 0 }, []string{"NX, NY = 0, 3"}},
		{"tstop", func(c *Column) { c.TStop = -1 }, []string{"TStop = -1"}},
		{"dt", func(c *Column) { c.DT = 0 }, []string{"DT = 0"}},
		{"missing cell type", func(c *Column) { delete(c.Cells, L5BasketType) }, []string{`no "L5_basket"`}},
		{"bias section", func(c *Column) {
			c.Biases = []TonicBias{{Type: L5PyramidalType, Section: "axon", Amp: 1}}
		}, []string{"tonic bias 0", `Section "axon"`}},
		{"bias tstop", func(c *Column) {
			c.Biases = []TonicBias{{Type: L5PyramidalType, Section: "soma", Amp: 1, TStop: 80}}
		}, []string{"TStop = 80"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := smallColumn()
			c.Cells = standinCells()
			c.Connections = DefaultConnections()
			tc.mod(&c)
			_, err := c.Build(0)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
