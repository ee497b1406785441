package network_test

import (
	"context"
	"errors"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/interrupt"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/runlog"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// subthreshold is 3 LIF cells (default parameters: input resistance
// TauM/Cm = 20 MΩ, so 750 pA reach threshold, 15 mV above rest) driven by a
// DC of amp pA, well below threshold: no spike whatever amp is here.
// Each of recs makes a recorder of the cells.
func subthreshold(amp float64, recs ...func(cells *network.Population) network.Recorder) *network.Network {
	net := network.New(network.Options{Seed: 1, Workers: 1})
	cells := net.AddPopulation("cells", 3, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: amp, Start: 5})
	for _, r := range recs {
		net.Record(r(cells))
	}
	return net
}

// The fingerprint covers the recorded traces: a change of a sub-threshold
// current changes no spike but every EPSP-like trace, and the fingerprint.
func TestFingerprintCoversTraces(t *testing.T) {
	run := func(amp float64, withRecorders bool) *network.Network {
		var recs []func(*network.Population) network.Recorder
		if withRecorders {
			recs = append(recs,
				func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{2, 0}, 0.5) },
				func(p *network.Population) network.Recorder { return record.NewRate(p, 5) })
		}
		net := subthreshold(amp, recs...)
		if err := net.Run(50); err != nil {
			t.Fatal(err)
		}
		if net.SpikeCount() != 0 {
			t.Fatalf("DC %v pA: %d spikes, want 0 (sub-threshold)", amp, net.SpikeCount())
		}
		return net
	}
	a, b := run(300, true), run(301, true)
	if a.SpikeFingerprint() != b.SpikeFingerprint() {
		t.Fatal("spike fingerprints differ without spikes")
	}
	if a.Fingerprint() == b.Fingerprint() {
		t.Fatalf("300 pA and 301 pA give the same fingerprint %s: traces are not covered", a.Fingerprint())
	}
	if a.Fingerprint() == a.SpikeFingerprint() {
		t.Fatal("a network with a state recorder has its spike fingerprint")
	}
	if again := run(300, true); again.Fingerprint() != a.Fingerprint() {
		t.Fatal("the same run gives another fingerprint")
	}
	if s := a.Summary(); s.Fingerprint != a.Fingerprint() || s.SpikeFingerprint != a.SpikeFingerprint() {
		t.Fatalf("summary fingerprints %s %s, want %s %s", s.Fingerprint, s.SpikeFingerprint, a.Fingerprint(), a.SpikeFingerprint())
	}
	// Without state or rate recorders, the fingerprint is the spikes'
	// (as before recorders were hashed).
	plain := run(300, false)
	if plain.Fingerprint() != plain.SpikeFingerprint() || plain.Fingerprint() != a.SpikeFingerprint() {
		t.Fatalf("no recorders: fingerprint %s, spike fingerprint %s, want both %s", plain.Fingerprint(), plain.SpikeFingerprint(), a.SpikeFingerprint())
	}
	// A trace that differs in one sample's last bit changes it too.
	c := subthreshold(300)
	st := record.NewState(c.Population("cells"), "v", []int{0}, 0)
	c.Record(st)
	if err := c.Run(10); err != nil {
		t.Fatal(err)
	}
	before := c.Fingerprint()
	st.Values()[0][50] = math.Nextafter(st.Values()[0][50], math.Inf(1))
	// The digest hashes each sample once (incrementally): a later change
	// of recorded data is not seen; a fresh recorder with the changed data
	// (as the run cache restores it) gives a different digest.
	d := subthreshold(300)
	fresh := record.NewState(d.Population("cells"), "v", []int{0}, 0)
	d.Record(fresh)
	if err := d.Run(10); err != nil {
		t.Fatal(err)
	}
	if d.Fingerprint() != before {
		t.Fatal("the same run gives another fingerprint")
	}
	data, err := st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := fresh.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if d.Fingerprint() == before {
		t.Fatal("a trace changed in one bit of one sample has the same fingerprint")
	}
}

// Traces are hashed in time order after each run: a recording split into
// several runs, or made with several workers, has the fingerprint of one.
func TestFingerprintOfTracesIndependentOfSplitsAndWorkers(t *testing.T) {
	var ref string
	for _, w := range []int{1, 2, 3} {
		for _, pieces := range [][]float64{{200}, {13.3, 0, 86.7, 100}} {
			net, _, _ := randomNet(11, w)
			net.Record(record.NewRate(net.Population("inh"), 2))
			net.Record(record.NewState(net.Population("inh"), "v", []int{9, 3}, 0))
			for _, d := range pieces {
				if err := net.Run(d); err != nil {
					t.Fatal(err)
				}
				_ = net.Fingerprint() // hashes what is new so far
			}
			fp := net.Fingerprint()
			if ref == "" {
				ref = fp
				if fp == net.SpikeFingerprint() {
					t.Fatal("state recorders are not in the fingerprint")
				}
			} else if fp != ref {
				t.Fatalf("workers %d, pieces %v: fingerprint %s, want %s", w, pieces, fp, ref)
			}
		}
	}
}

// A plain Run (no context) interrupted by SIGINT stops after a whole step,
// returns an error wrapping interrupt.ErrSignal and context.Canceled, and is
// reported with status "interrupted" and how far it got. Here the test
// handles SIGINT itself, so the signal, handed on after the run, does not
// end it, and the network runs further.
func TestInterruptedPlainRunIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.jsonl")
	t.Setenv(runlog.EnvVar, path)
	caught := make(chan os.Signal, 4)
	signal.Notify(caught, os.Interrupt)
	defer signal.Stop(caught)

	net, _, _ := randomNet(4, 2)
	go func() {
		time.Sleep(100 * time.Millisecond)
		syscall.Kill(syscall.Getpid(), syscall.SIGINT)
	}()
	err := net.Run(1e6) // 10^7 steps: minutes
	if !errors.Is(err, interrupt.ErrSignal) || !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Run returned %v, want interrupt.ErrSignal and context.Canceled", err)
	}
	runs, rerr := runlog.Read(path)
	if rerr != nil || len(runs) != 1 {
		t.Fatalf("run log %+v, %v; want one run", runs, rerr)
	}
	r := runs[0]
	if r.Status != "interrupted" || r.Error != err.Error() || r.StepsAsked != 10_000_000 ||
		r.Steps <= 0 || r.Steps >= r.StepsAsked || r.Steps != net.Steps() || r.Reached != net.Time() || r.Fingerprint != net.Fingerprint() {
		t.Fatalf("logged run %+v; want interrupted after %d of 10000000 steps at %v ms", r, net.Steps(), net.Time())
	}
	select {
	case <-caught:
	case <-time.After(5 * time.Second):
		t.Fatal("the signal was not handed on after the run")
	}
	s0 := net.Steps()
	if err := net.Run(10); err != nil || net.Steps() != s0+100 {
		t.Fatalf("run after the interrupt: %v, %d steps, want %d", err, net.Steps(), s0+100)
	}
}

// panicky panics when it sees the first spike.
type panicky struct{}

func (panicky) Attach(network.View) error   { return nil }
func (panicky) Reserve(int64)               {}
func (panicky) Sample(int64, int, int, int) {}
func (panicky) Spikes(_ int64, _ int, c [][]int32) {
	for _, x := range c {
		if len(x) > 0 {
			panic("recorder fails")
		}
	}
}

// A run that panics is reported (status "panic"), then the panic goes on.
func TestPanickingRunIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.jsonl")
	t.Setenv(runlog.EnvVar, path)
	net, _, _ := randomNet(4, 1)
	net.Record(panicky{})
	func() {
		defer func() {
			if p := recover(); p != "recorder fails" {
				t.Fatalf("recovered %v, want the recorder's panic", p)
			}
		}()
		net.Run(100)
		t.Fatal("Run returned")
	}()
	runs, err := runlog.Read(path)
	if err != nil || len(runs) != 1 || runs[0].Status != "panic" || runs[0].Error != "recorder fails" || runs[0].StepsAsked != 1000 {
		t.Fatalf("run log %+v, %v; want one run with status panic", runs, err)
	}
}

// sampleFails panics when asked to sample neurons past the first (another
// worker's range than worker 0's).
type sampleFails struct{ panicky }

func (sampleFails) Sample(step int64, pop, lo, hi int) {
	if lo > 0 && step > 0 {
		panic("sample fails")
	}
}

// A panic on another worker than the main goroutine's stops every worker
// (no deadlock at the barrier), is reported, and goes on from Run as a
// *WorkerPanic; the network then refuses to run.
func TestWorkerPanicIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.jsonl")
	t.Setenv(runlog.EnvVar, path)
	net, _, _ := randomNet(4, 3)
	net.Record(sampleFails{})
	func() {
		defer func() {
			p := recover()
			wp, ok := p.(*network.WorkerPanic)
			if !ok || wp.Worker == 0 || wp.Value != "sample fails" || len(wp.Stack) == 0 {
				t.Fatalf("recovered %v, want a *WorkerPanic of worker 1 or 2", p)
			}
		}()
		net.Run(100)
		t.Fatal("Run returned")
	}()
	runs, err := runlog.Read(path)
	if err != nil || len(runs) != 1 || runs[0].Status != "panic" || !strings.Contains(runs[0].Error, "panicked: sample fails") || strings.Contains(runs[0].Error, "goroutine") {
		t.Fatalf("run log %+v, %v; want one run with status panic and the message without the stack", runs, err)
	}
	if err := net.Run(1); err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("run after a panic: %v, want a refusal naming the panic", err)
	}
}

// A run given a sweep point's context records the sweep and the point.
func TestRunRecordsPoint(t *testing.T) {
	net := subthreshold(100)
	if err := net.RunContext(runlog.WithPoint(context.Background(), 2, 0), 1); err != nil {
		t.Fatal(err)
	}
	if s := net.Summary(); s.Sweep != 2 || s.Point == nil || *s.Point != 0 {
		t.Fatalf("summary sweep %d point %v, want 2, 0", s.Sweep, s.Point)
	}
}
