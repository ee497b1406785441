package record_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// memSink is a Sink that keeps what it is given, copied, and counts calls;
// fail makes a call fail from the given write on.
type memSink struct {
	mu                      sync.Mutex
	steps                   map[string][]int64
	ids                     map[string][]int32
	sSteps                  map[string][]int64
	sVals                   map[string][][]float64
	writes, flushes, closes int
	failAt                  int // 1-based write that fails, 0: none
	failFlush, failClose    error
}

func newMemSink() *memSink {
	return &memSink{steps: map[string][]int64{}, ids: map[string][]int32{}, sSteps: map[string][]int64{}, sVals: map[string][][]float64{}}
}

func (m *memSink) write() error {
	m.writes++
	if m.failAt > 0 && m.writes >= m.failAt {
		return fmt.Errorf("memSink: write %d refused (test)", m.writes)
	}
	return nil
}

func (m *memSink) WriteSpikes(pop string, steps []int64, neurons []int32) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return err
	}
	m.steps[pop] = append(m.steps[pop], steps...)
	m.ids[pop] = append(m.ids[pop], neurons...)
	return nil
}

func (m *memSink) WriteState(pop, variable string, neurons []int, steps []int64, values [][]float64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return err
	}
	key := fmt.Sprintf("%s.%s%v", pop, variable, neurons)
	m.sSteps[key] = append(m.sSteps[key], steps...)
	for _, v := range values {
		if len(v) != len(neurons) {
			return fmt.Errorf("memSink: a sample of %d values for %d neurons", len(v), len(neurons))
		}
		m.sVals[key] = append(m.sVals[key], slices.Clone(v))
	}
	return nil
}

func (m *memSink) Flush() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.flushes++
	return m.failFlush
}

func (m *memSink) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closes++
	return m.failClose
}

// streamNet is a network with spikes and a state to record: Poisson
// sources driving a LIF population.
func streamNet(workers int) *network.Network {
	net := network.New(network.Options{Seed: 7, Workers: workers})
	net.AddPopulation("src", 200, neuron.PoissonSource{Rate: 40})
	net.AddPopulation("lif", 60, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
	net.Connect(net.Population("src"), net.Population("lif"), connect.FixedInDegree{K: 20}, network.Synapse{Receptor: "e", Weight: dist.Const(300), Delay: dist.Const(0.5)})
	return net
}

// transpose turns traces [neuron][sample] into samples [sample][neuron].
func transpose(v [][]float64) [][]float64 {
	if len(v) == 0 {
		return nil
	}
	out := make([][]float64, len(v[0]))
	for s := range out {
		for k := range v {
			out[s] = append(out[s], v[k][s])
		}
	}
	return out
}

// TestStreamRoundTrip: what the streams hand to their sink is, bit for bit,
// what the in-memory recorders of the same network hold, for 1 and 2
// workers, in one run or in pieces, with chunks of a few spikes or samples
// and flushes between chunks; and the network's fingerprint is the same
// whether it streamed or not.
func TestStreamRoundTrip(t *testing.T) {
	subset := []int{41, 3, 17, 59, 0} // state: in the order given
	view := []int{0, 3, 17, 41, 59}   // spikes: a view of src
	for _, workers := range []int{1, 2} {
		for _, pieces := range [][]float64{{300}, {37.3, 0, 100.1, 162.6}} {
			name := fmt.Sprintf("workers %d, runs %v", workers, pieces)
			memNet, strNet := streamNet(workers), streamNet(workers)
			mp := memNet.Population
			sp, sub := record.NewSpikes(mp("lif")), record.NewSpikes(mp("src").Select(view...))
			st, st2 := record.NewState(mp("lif"), "v", subset, 0.3), record.NewState(mp("lif"), "v", []int{5}, 0)
			sink := newMemSink()
			opt := record.StreamOptions{Chunk: 7, FlushEvery: 1e-9}
			for _, r := range []network.Recorder{sp, sub, st, st2} {
				memNet.Record(r)
			}
			for _, r := range []network.Recorder{
				record.NewSpikeStream(sink, strNet.Population("lif")).SetOptions(opt),
				record.NewSpikeStream(sink, strNet.Population("src").Select(view...)).SetOptions(opt),
				record.NewStateStream(sink, strNet.Population("lif"), "v", subset, 0.3).SetOptions(record.StreamOptions{Chunk: 3, FlushEvery: 1e-9}),
				record.NewStateStream(sink, strNet.Population("lif"), "v", []int{5}, 0),
			} {
				strNet.Record(r)
			}
			for _, d := range pieces {
				if err := memNet.Run(d); err != nil {
					t.Fatal(err)
				}
				if err := strNet.Run(d); err != nil {
					t.Fatal(err)
				}
			}
			key := fmt.Sprintf("lif.v%v", subset)
			if sp.Len() < 100 || sub.Len() < 40 || len(st.Times()) < 100 {
				t.Fatalf("%s: %d, %d spikes, %d samples: too few for the test to mean something", name, sp.Len(), sub.Len(), len(st.Times()))
			}
			// the sink has the first pieces already (Run flushed): check
			// it before Close
			for _, c := range []struct {
				what      string
				got, want any
			}{
				{"lif spike steps", sink.steps["lif"], sp.Steps()},
				{"lif spike neurons", sink.ids["lif"], sp.Indices()},
				{"src subset spike steps", sink.steps[sub.Population()], sub.Steps()},
				{"src subset spike neurons", sink.ids[sub.Population()], sub.Indices()},
				{"v samples", sink.sVals[key], transpose(st.Values())},
				{"v sample steps", sink.sSteps[key], sampleSteps(st.Times(), 0.1)},
				{"v of neuron 5", sink.sVals["lif.v[5]"], transpose(st2.Values())},
				{"v of neuron 5, steps", sink.sSteps["lif.v[5]"], sampleSteps(st2.Times(), 0.1)},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Fatalf("%s: %s: streamed %.300v\nrecorded %.300v", name, c.what, fmt.Sprint(c.got), fmt.Sprint(c.want))
				}
			}
			if memNet.Fingerprint() != strNet.Fingerprint() || memNet.SpikeFingerprint() != strNet.SpikeFingerprint() {
				t.Fatalf("%s: fingerprint %s streamed, %s recorded in memory", name, strNet.Fingerprint(), memNet.Fingerprint())
			}
			if sink.flushes < len(pieces) || sink.writes < 100 {
				t.Fatalf("%s: %d writes, %d flushes: the chunks and flushes were not exercised", name, sink.writes, sink.flushes)
			}
			if err := strNet.Close(); err != nil {
				t.Fatal(err)
			}
			if sink.closes != 1 {
				t.Fatalf("%s: %d closes of the sink shared by 4 streams: want 1 (by the last)", name, sink.closes)
			}
			if err := strNet.Run(1); err == nil || !strings.Contains(err.Error(), "Close was called") {
				t.Fatalf("%s: a run after Close: %v", name, err)
			}
			if err := strNet.Close(); err != nil {
				t.Fatalf("a second Close: %v", err)
			}
		}
	}
}

// sampleSteps turns sample times (ms) back into update indices.
func sampleSteps(times []float64, dt float64) []int64 {
	s := make([]int64, len(times))
	for k, t := range times {
		s[k] = int64(t/dt + 0.5)
	}
	return s
}

// TestStreamErrorStopsRun: a sink that fails stops the run with an error
// naming the recorder and the sink's error; what came before is in the
// sink and in the other recorders, and the network refuses to run on.
func TestStreamErrorStopsRun(t *testing.T) {
	net := streamNet(2)
	sink := newMemSink()
	sink.failAt = 4
	sp := record.NewSpikes(net.Population("src"))
	net.Record(sp)
	net.Record(record.NewSpikeStream(sink, net.Population("src")).SetOptions(record.StreamOptions{Chunk: 50, FlushEvery: 1000}))
	err := net.Run(1000)
	var re *network.RecorderError
	if !errors.As(err, &re) || re.Index != 1 || re.Op != "flush" {
		t.Fatalf("run with a failing sink: %v", err)
	}
	for _, want := range []string{`recorder 1 (spike stream of "src")`, "flush failed at t = ", "memSink: write 4 refused", "everything recorded before is kept"} {
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("error %q does not say %q", err, want)
		}
	}
	if net.Time() >= 1000 || net.Time() <= 0 {
		t.Fatalf("the run went to t = %v ms: it should have stopped at the failure", net.Time())
	}
	// 3 writes succeeded, of chunks of at least 50 spikes (a chunk ends
	// with a whole step), and are what the in-memory recorder has first
	got := len(sink.ids["src"])
	if got < 150 || got >= sp.Len() || !slices.Equal(sink.ids["src"], sp.Indices()[:got]) || !slices.Equal(sink.steps["src"], sp.Steps()[:got]) {
		t.Fatalf("the sink holds %d spikes, the in-memory recorder %d: want the 3 chunks written before the failure, as recorded", got, sp.Len())
	}
	if sp.Steps()[sp.Len()-1] > net.Steps() {
		t.Fatalf("the in-memory recorder has spikes after the end of the run")
	}
	if err := net.Run(1); err == nil || !strings.Contains(err.Error(), "memSink: write 4 refused") {
		t.Fatalf("a run after the failure: %v", err)
	}
}

// TestStreamFlushCloseErrors: errors of the sink's Flush at the end of a
// run and of its Close are returned, naming the recorder.
func TestStreamFlushCloseErrors(t *testing.T) {
	net := streamNet(1)
	sink := newMemSink()
	sink.failFlush = errors.New("disk full (test)")
	net.Record(record.NewStateStream(sink, net.Population("lif"), "v", []int{1}, 0))
	err := net.Run(5)
	if err == nil || !strings.Contains(err.Error(), `recorder 0 (state stream of "lif".v): flush failed`) || !strings.Contains(err.Error(), "disk full (test)") {
		t.Fatalf("run whose final flush fails: %v", err)
	}
	if s := net.Summary(); s.Status != "error" {
		t.Fatalf("summary status %q after a failed flush", s.Status)
	}

	net = streamNet(1)
	sink = newMemSink()
	sink.failClose = errors.New("cannot close (test)")
	net.Record(record.NewSpikeStream(sink, net.Population("src")))
	if err := net.Run(5); err != nil {
		t.Fatal(err)
	}
	err = net.Close()
	var re *network.RecorderError
	if !errors.As(err, &re) || re.Op != "close" || !strings.Contains(err.Error(), `recorder 0 (spike stream of "src"): close failed: cannot close (test)`) {
		t.Fatalf("Close with a failing sink: %v", err)
	}
}

// TestStreamBadInput: streams refuse a nil sink, bad options and what the
// in-memory recorders refuse.
func TestStreamBadInput(t *testing.T) {
	type mk = func(net *network.Network) network.Recorder
	run := func(r mk) error {
		net := streamNet(1)
		net.Record(r(net))
		return net.Run(1)
	}
	closed := func(net *network.Network) network.Recorder {
		s := record.NewSpikeStream(newMemSink(), net.Population("src"))
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name string
		r    mk
		want []string
	}{
		{"nil sink", func(net *network.Network) network.Recorder { return record.NewSpikeStream(nil, net.Population("src")) }, []string{`spike stream of "src"`, "the sink is nil"}},
		{"nil sink (state)", func(net *network.Network) network.Recorder {
			return record.NewStateStream(nil, net.Population("lif"), "v", []int{0}, 0)
		}, []string{`state stream of "lif".v`, "the sink is nil"}},
		{"chunk -1", func(net *network.Network) network.Recorder {
			return record.NewSpikeStream(newMemSink(), net.Population("src")).SetOptions(record.StreamOptions{Chunk: -1})
		}, []string{`spike stream of "src"`, "Chunk = -1", "must be in [1,"}},
		{"flush NaN", func(net *network.Network) network.Recorder {
			return record.NewStateStream(newMemSink(), net.Population("lif"), "v", []int{0}, 0).SetOptions(record.StreamOptions{FlushEvery: nanF()})
		}, []string{`state stream of "lif".v`, "FlushEvery = NaN s", "finite"}},
		{"unknown population", func(net *network.Network) network.Recorder {
			return record.NewSpikeStream(newMemSink(), net.Population("x"))
		}, []string{`unknown population "x"`}},
		{"neuron out of range", func(net *network.Network) network.Recorder {
			return record.NewStateStream(newMemSink(), net.Population("lif"), "v", []int{60}, 0)
		}, []string{"neuron 60", "must be in [0, 60)"}},
		{"closed before use", closed, []string{`spike stream of "src"`, "the stream is closed"}},
	} {
		err := run(c.r)
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %v, want it to say %q", c.name, err, w)
			}
		}
	}
}

func nanF() float64 { z := 0.0; return z / z }

// TestStreamAddedAfterBuild: streams added to a network that already ran
// (their first sample is not at a multiple of the interval) record what
// the in-memory recorders added at the same time record, and the
// fingerprints agree.
func TestStreamAddedAfterBuild(t *testing.T) {
	memNet, strNet := streamNet(2), streamNet(2)
	for _, n := range []*network.Network{memNet, strNet} {
		if err := n.Run(5); err != nil { // 50 updates; interval 0.3 ms: 3
			t.Fatal(err)
		}
	}
	st, sp := record.NewState(memNet.Population("lif"), "v", []int{9, 2}, 0.3), record.NewSpikes(memNet.Population("lif"))
	memNet.Record(st)
	memNet.Record(sp)
	sink := newMemSink()
	strNet.Record(record.NewStateStream(sink, strNet.Population("lif"), "v", []int{9, 2}, 0.3).SetOptions(record.StreamOptions{Chunk: 5}))
	strNet.Record(record.NewSpikeStream(sink, strNet.Population("lif")).SetOptions(record.StreamOptions{Chunk: 3}))
	for _, n := range []*network.Network{memNet, strNet} {
		if err := n.Run(60); err != nil {
			t.Fatal(err)
		}
	}
	key := "lif.v[9 2]"
	if got := sink.sSteps[key]; len(got) < 100 || got[0] != 51 || !reflect.DeepEqual(got, sampleSteps(st.Times(), 0.1)) || !reflect.DeepEqual(sink.sVals[key], transpose(st.Values())) {
		t.Fatalf("streamed %d samples from update %v; recorded %d from %v ms", len(got), got[:min(1, len(got))], len(st.Times()), st.Times()[:1])
	}
	if sp.Len() < 10 || !reflect.DeepEqual(sink.ids["lif"], sp.Indices()) || !reflect.DeepEqual(sink.steps["lif"], sp.Steps()) {
		t.Fatalf("streamed %d spikes, recorded %d (or they differ)", len(sink.ids["lif"]), sp.Len())
	}
	if memNet.Fingerprint() != strNet.Fingerprint() {
		t.Fatalf("fingerprint %s streamed, %s in memory", strNet.Fingerprint(), memNet.Fingerprint())
	}
}

// panicSink panics when written to.
type panicSink struct{ memSink }

func (*panicSink) WriteSpikes(string, []int64, []int32) error { panic("panicSink (test)") }

// TestStreamSinkPanic: a sink that panics (on the stream's goroutine) is an
// error of the run, not the end of the program.
func TestStreamSinkPanic(t *testing.T) {
	net := streamNet(1)
	net.Record(record.NewSpikeStream(&panicSink{}, net.Population("src")))
	err := net.Run(10)
	if err == nil || !strings.Contains(err.Error(), "the sink panicked: panicSink (test)") {
		t.Fatalf("run with a panicking sink: %v", err)
	}
}
