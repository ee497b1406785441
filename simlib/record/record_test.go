package record_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// sources fire at known steps: neuron i at the times given.
func sources(times [][]float64) *network.Network {
	net := network.New(network.Options{DT: 0.1, Workers: 1})
	net.AddPopulation("s", len(times), neuron.SpikeTimes{Times: times})
	return net
}

func TestSpikes(t *testing.T) {
	net := sources([][]float64{{0.5, 1.0}, {0.3}, {1.0, 2.0}})
	all, some := record.NewSpikes(net.Population("s")), record.NewSpikes(net.Population("s").Select(2))
	net.Record(all)
	net.Record(some)
	if err := net.Run(3); err != nil {
		t.Fatal(err)
	}
	// update n is stamped n·dt; within a step, neurons in index order.
	if want := []int64{3, 5, 10, 10, 20}; !reflect.DeepEqual(all.Steps(), want) {
		t.Fatalf("steps %v, want %v", all.Steps(), want)
	}
	if want := []int32{1, 0, 0, 2, 2}; !reflect.DeepEqual(all.Indices(), want) {
		t.Fatalf("indices %v, want %v", all.Indices(), want)
	}
	if want := [][]float64{{0.5, 1.0}, {0.30000000000000004}, {1.0, 2.0}}; !reflect.DeepEqual(all.Trains(), want) {
		t.Fatalf("trains %v, want %v", all.Trains(), want)
	}
	if want := []int{2, 1, 2}; !reflect.DeepEqual(all.Counts(), want) {
		t.Fatalf("counts %v", all.Counts())
	}
	if some.Len() != 2 || some.Indices()[0] != 0 || some.Size() != 1 { // numbered within the view
		t.Fatalf("subset recorder has %v", some.Indices())
	}
}

func TestState(t *testing.T) {
	net := network.New(network.Options{DT: 0.1, Workers: 2})
	lif := neuron.DefaultLIF()
	net.AddPopulation("n", 5, lif).Method(scheme.Exact).Select(4).Inject(stimulus.DC{Amplitude: 100})
	st := record.NewState(net.Population("n"), "v", []int{4, 0}, 0.5) // unsorted on purpose
	net.Record(st)
	if err := net.Run(2); err != nil {
		t.Fatal(err)
	}
	if want := []float64{0, 0.5, 1, 1.5, 2}; !reflect.DeepEqual(st.Times(), want) {
		t.Fatalf("times %v, want %v", st.Times(), want)
	}
	v4, v0 := st.Values()[0], st.Values()[1]
	// neuron 4: exact relaxation towards VRest + R·I with R = tauM/Cm.
	for k, tm := range st.Times() {
		want := lif.VRest + 100*lif.TauM/lif.Cm*(1-math.Exp(-tm/lif.TauM))
		if math.Abs(v4[k]-want) > 1e-9 || v0[k] != lif.VRest {
			t.Fatalf("t=%v: v4 %v (want %v), v0 %v", tm, v4[k], want, v0[k])
		}
	}
	// A recorder added after the network was built starts with the state
	// at that time.
	late := record.NewState(net.Population("n"), "v", []int{4}, 0)
	net.Record(late)
	if err := net.Run(0.3); err != nil {
		t.Fatal(err)
	}
	if got := late.Times(); len(got) != 4 || math.Abs(got[0]-2) > 1e-12 || math.Abs(late.Values()[0][0]-v4[4]) > 0 {
		t.Fatalf("late recorder times %v values %v", got, late.Values())
	}
}

func TestRate(t *testing.T) {
	// 4 neurons; 3 spikes in [0, 1) ms, 1 in [1, 2), none in [2, 2.5).
	net := sources([][]float64{{0.2, 1.5}, {0.4}, {0.9}, {}})
	r := record.NewRate(net.Population("s"), 1)
	net.Record(r)
	if err := net.Run(2.5); err != nil {
		t.Fatal(err)
	}
	tm, hz := r.Rates()
	// bins start at 0, 1, 2 ms; rate = spikes / 4 neurons / width (s).
	if want := []float64{0, 1, 2}; !reflect.DeepEqual(tm, want) {
		t.Fatalf("bin times %v, want %v", tm, want)
	}
	for k, want := range []float64{3 / 4.0 / 0.001, 1 / 4.0 / 0.001, 0} {
		if math.Abs(hz[k]-want) > 1e-9 {
			t.Fatalf("bin %d: %v Hz, want %v", k, hz[k], want)
		}
	}
}

func TestAttachErrors(t *testing.T) {
	for _, c := range []struct {
		rec  func(s *network.Population) network.Recorder
		want string
	}{
		{func(s *network.Population) network.Recorder { return record.NewSpikes(s.Network().Population("x")) }, `unknown population "x"`},
		{func(s *network.Population) network.Recorder { return record.NewSpikes(s.Select(9)) }, "neuron 9"},
		{func(s *network.Population) network.Recorder { return record.NewState(s, "v", []int{0}, 0) }, `no variable "v"`},
		{func(s *network.Population) network.Recorder { return record.NewRate(s, -1) }, "bin = -1"},
	} {
		net := sources([][]float64{{1}})
		r := c.rec(net.Population("s"))
		net.Record(r)
		err := net.Run(1)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%T: error %v, want %q", r, err, c.want)
		}
	}
}
