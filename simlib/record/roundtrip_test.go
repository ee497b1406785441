package record_test

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/randnet"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// getters lists everything a recorder gives, for comparing two recorders.
func spikeGetters(s *record.Spikes) []any {
	return []any{s.Population(), s.Len(), s.Size(), s.Steps(), s.Indices(), s.Times(), s.Trains(), s.TrainSteps(), s.Counts()}
}

func stateGetters(s *record.State) []any {
	return []any{s.Population(), s.Variable(), s.Interval(), s.Values(), s.Neurons(), s.Times()}
}

func rateGetters(r *record.Rate) []any {
	t, hz := r.Rates()
	return []any{r.Population(), r.Bin(), t, hz}
}

// TestRoundTrip is a property test: for random networks, recorders and
// run lengths, MarshalBinary then UnmarshalBinary, into a recorder of the
// same configuration or into a zero-value one, gives back every getter's
// value exactly (the issue: spike times became 0, Size 0, Trains panicked).
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for c := 0; c < 40; c++ {
		rn := randnet.New(r, uint64(c))
		net, dt, subset := rn.Net, rn.DT, rn.Subset
		sp := record.NewSpikes(net.Population("src"))
		sub := record.NewSpikes(net.Population("lif").Select(subset...))
		st := record.NewState(net.Population("lif"), "v", subset, dt*float64(r.IntN(5)))
		ge := record.NewState(net.Population("lif"), "e", []int{0}, 0)
		ra := record.NewRate(net.Population("src"), dt*float64(r.IntN(30)))
		for _, rec := range []network.Recorder{sp, sub, st, ge, ra} {
			net.Record(rec)
		}
		if err := net.Run(dt * float64(1+r.IntN(300))); err != nil {
			t.Fatal(err)
		}
		if sp.Len() == 0 && c < 3 {
			t.Fatalf("case %d: no spikes recorded: the test would prove nothing", c)
		}
		type pair struct {
			name       string
			src        interface{ MarshalBinary() ([]byte, error) }
			zero, same interface{ UnmarshalBinary([]byte) error }
			get        func(any) []any
		}
		for _, p := range []pair{
			{"spikes", sp, &record.Spikes{}, record.NewSpikes(net.Population("src")), func(x any) []any { return spikeGetters(x.(*record.Spikes)) }},
			{"spikes subset", sub, &record.Spikes{}, record.NewSpikes(net.Population("lif").Select(subset...)), func(x any) []any { return spikeGetters(x.(*record.Spikes)) }},
			{"state", st, &record.State{}, record.NewState(net.Population("lif"), "v", subset, st.Interval()), func(x any) []any { return stateGetters(x.(*record.State)) }},
			{"state e", ge, &record.State{}, record.NewState(net.Population("lif"), "e", []int{0}, 0), func(x any) []any { return stateGetters(x.(*record.State)) }},
			{"rate", ra, &record.Rate{}, record.NewRate(net.Population("src"), ra.Bin()), func(x any) []any { return rateGetters(x.(*record.Rate)) }},
		} {
			b, err := p.src.MarshalBinary()
			if err != nil {
				t.Fatalf("case %d %s: %v", c, p.name, err)
			}
			want := p.get(p.src)
			for _, dst := range []interface{ UnmarshalBinary([]byte) error }{p.zero, p.same} {
				if err := dst.UnmarshalBinary(b); err != nil {
					t.Fatalf("case %d %s: %v", c, p.name, err)
				}
				if got := p.get(dst); !reflect.DeepEqual(got, want) {
					t.Fatalf("case %d %s: after the round trip\n got %v\nwant %v", c, p.name, got, want)
				}
			}
		}
	}
}

// TestUnmarshalRefuses: data that does not fit the recorder is an error,
// never a panic or a half-loaded recorder.
func TestUnmarshalRefuses(t *testing.T) {
	net := network.New(network.Options{Workers: 1})
	net.AddPopulation("s", 3, neuron.SpikeTimes{Times: [][]float64{{1}, {2}, {3}}})
	other := network.New(network.Options{}) // recorders of other populations
	other.AddPopulation("t", 3, neuron.SpikeTimes{Times: [][]float64{{1}, {2}, {3}}})
	other.AddPopulation("x", 3, neuron.DefaultLIF())
	sp, st, ra := record.NewSpikes(net.Population("s")), record.NewState(other.Population("x"), "v", []int{0}, 0), record.NewRate(net.Population("s"), 1)
	net.Record(sp)
	net.Record(ra)
	if err := net.Run(5); err != nil {
		t.Fatal(err)
	}
	b, _ := sp.MarshalBinary()
	rb, _ := ra.MarshalBinary()
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"truncated spikes", (&record.Spikes{}).UnmarshalBinary(b[:len(b)/2]), "cannot decode"},
		{"garbage", (&record.Rate{}).UnmarshalBinary([]byte("not gob")), "cannot decode"},
		{"other population", record.NewSpikes(other.Population("t")).UnmarshalBinary(b), `the data is of a recorder of "s"`},
		{"other bin", record.NewRate(net.Population("s"), 2).UnmarshalBinary(rb), "bin 1 ms"},
		{"spikes into a state recorder", st.UnmarshalBinary(b), "the data is of a recorder"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, c.err, c.want)
		}
	}
}

// TestRefusedAttachLeavesRecorder: a recorder refused by a second network
// (it records another one) goes on recording the first exactly: the
// refused Attach changed nothing (it used to take the second network's dt
// and variable before refusing).
func TestRefusedAttachLeavesRecorder(t *testing.T) {
	a := network.New(network.Options{DT: 0.1})
	a.AddPopulation("p", 2, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 200})
	st := record.NewState(a.Population("p"), "v", []int{1}, 0)
	sp := record.NewSpikes(a.Population("p").Select(1))
	a.Record(st)
	a.Record(sp)
	if err := a.Run(1); err != nil {
		t.Fatal(err)
	}
	b := network.New(network.Options{DT: 0.05})
	b.AddPopulation("p", 5, neuron.DefaultLIF())
	b.Record(st)
	b.Record(sp)
	if err := b.Run(1); err == nil || !strings.Contains(err.Error(), "already attached to another network") {
		t.Fatalf("second network: %v", err)
	}
	if err := a.Run(1); err != nil {
		t.Fatal(err)
	}
	times, v := st.Times(), st.Values()[0]
	// 2 ms at dt 0.1: samples at 0, 0.1, ..., 2.0 (21), the last one the live state
	if len(times) != 21 || math.Abs(times[20]-2) > 1e-12 || v[20] != a.Population("p").Var("v")[1] || sp.Size() != 1 {
		t.Fatalf("after the refused attach: %d samples, last at %v ms, v %v (live %v), size %d", len(times), times[len(times)-1], v[len(v)-1], a.Population("p").Var("v")[1], sp.Size())
	}
}
