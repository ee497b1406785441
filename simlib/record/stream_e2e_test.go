package record_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// End-to-end tests of the streams with package recording's Parquet
// StreamWriter, in child processes (the test binary run again, with
// childEnv saying what to do).

const childEnv = "GOLGI_STREAM_TEST_CHILD"

// child runs the test binary again as a child doing what (see the tests'
// child branches), with its output in stdout.
func child(t *testing.T, test, what string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+what)
	cmd.Stderr = os.Stderr
	return cmd
}

// killNet is the killed run's network: Poisson sources driving LIF cells
// (dt 0.1 ms).
func killNet() *network.Network {
	net := network.New(network.Options{Seed: 11, Workers: 2})
	net.AddPopulation("src", 2000, neuron.PoissonSource{Rate: 20})
	net.AddPopulation("lif", 400, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
	net.Connect(net.Population("src"), net.Population("lif"), connect.FixedInDegree{K: 40}, network.Synapse{Receptor: "e", Weight: dist.Const(250), Delay: dist.Const(1)})
	return net
}

var killVm = []int{7, 3, 399, 200}

// TestStreamKilledRun: a child process runs a long network streaming its
// spikes and a state to a recording, flushing every 20 ms of wall time;
// the parent SIGKILLs it after a few flushed parts. The recording then
// loads, and holds, bit for bit, every spike and sample of a rerun of the
// same network up to the last update it has.
func TestStreamKilledRun(t *testing.T) {
	if dir, ok := strings.CutPrefix(os.Getenv(childEnv), "kill:"); ok {
		net := killNet()
		w, err := recording.NewStreamWriter(dir, recording.MetaOf(net))
		if err != nil {
			t.Fatal(err)
		}
		opt := record.StreamOptions{Chunk: 4096, FlushEvery: 0.02}
		net.Record(record.NewSpikeStream(w, net.Population("lif")).SetOptions(opt))
		net.Record(record.NewSpikeStream(w, net.Population("src")).SetOptions(opt))
		net.Record(record.NewStateStream(w, net.Population("lif"), "v", killVm, 0.5).SetOptions(record.StreamOptions{Chunk: 64, FlushEvery: 0.02}))
		// runs until killed (at most two minutes, should the parent be gone)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		err = net.RunContext(ctx, 1e7)
		t.Fatalf("the child was not killed: run ended with %v", err)
	}
	if testing.Short() {
		t.Skip("runs a child process for a few seconds")
	}
	dir := filepath.Join(t.TempDir(), "killed")
	cmd := child(t, "TestStreamKilledRun", "kill:"+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	parts := func(table string) int {
		m, _ := filepath.Glob(filepath.Join(dir, table, "part-*.parquet"))
		return len(m)
	}
	deadline := time.Now().Add(90 * time.Second)
	for parts("spikes") < 10 || parts("state") < 10 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("after 90 s the child wrote %d spike parts, %d state parts: want 10 before killing it", parts("spikes"), parts("state"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(30 * time.Millisecond) // in the middle of writing more, likely
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("child: %v: want it killed", err)
	}
	rec, err := recording.Load(dir)
	if err != nil {
		t.Fatalf("the killed run's recording does not load: %v", err)
	}
	lif, src, vm := rec.SpikesOf("lif"), rec.SpikesOf("src"), rec.StateOf("lif", "v")
	if lif == nil || src == nil || vm == nil {
		t.Fatalf("loaded %d spike and %d state recorders (%v, %v, %v): want 2 and 1", len(rec.Spikes), len(rec.States), lif, src, vm)
	}
	last := func(s *record.Spikes) int64 {
		if s.Len() == 0 {
			t.Fatalf("no spikes of %q loaded", s.Population())
		}
		return s.Steps()[s.Len()-1]
	}
	tv := vm.Times()
	if len(tv) < 2 {
		t.Fatalf("%d samples loaded", len(tv))
	}
	lastV := int64(tv[len(tv)-1]/0.1 + 0.5)
	steps := max(last(lif), last(src), lastV)
	// every stream flushes every 20 ms of wall time (its own clock: the
	// streams lag one another by up to that): each reaches past half the
	// run (the lif cells fill a chunk of 4096 spikes in about 300 ms of
	// simulated time: without a flush of partial chunks they lagged by
	// two thirds)
	for _, l := range []int64{last(lif), last(src), lastV} {
		if l < steps/2 {
			t.Fatalf("the streams reach updates %d, %d, %d: one lags (a partial chunk not flushed in time)", last(lif), last(src), lastV)
		}
	}
	t.Logf("killed at update %d or later: %d + %d spikes, %d samples of %d neurons in the recording", steps, lif.Len(), src.Len(), len(tv), len(killVm))

	// the rerun, in memory, to the last update the recording has
	net := killNet()
	rl, rs, rv := record.NewSpikes(net.Population("lif")), record.NewSpikes(net.Population("src")), record.NewState(net.Population("lif"), "v", killVm, 0.5)
	for _, r := range []network.Recorder{rl, rs, rv} {
		net.Record(r)
	}
	if err := net.Run(float64(steps) * 0.1); err != nil {
		t.Fatal(err)
	}
	if net.Steps() != steps {
		t.Fatalf("rerun to update %d reached %d", steps, net.Steps())
	}
	upTo := func(s *record.Spikes, end int64) ([]int64, []int32) {
		n := 0
		for n < s.Len() && s.Steps()[n] <= end {
			n++
		}
		return s.Steps()[:n], s.Indices()[:n]
	}
	for _, c := range []struct {
		name           string
		loaded, rerun  *record.Spikes
		end            int64
		minSpikesCheck int
	}{{"lif", lif, rl, last(lif), 100}, {"src", src, rs, last(src), 1000}} {
		st, id := upTo(c.rerun, c.end)
		if len(st) < c.minSpikesCheck || !reflect.DeepEqual(c.loaded.Steps(), st) || !reflect.DeepEqual(c.loaded.Indices(), id) {
			t.Fatalf("spikes of %q: the recording has %d up to update %d, the rerun %d (or they differ)", c.name, c.loaded.Len(), c.end, len(st))
		}
	}
	for k := range killVm {
		want := rv.Values()[k][:len(tv)]
		if !reflect.DeepEqual(vm.Values()[k], want) {
			t.Fatalf("v of neuron %d: the recording's %d samples differ from the rerun's", killVm[k], len(tv))
		}
	}
	if !reflect.DeepEqual(tv, rv.Times()[:len(tv)]) {
		t.Fatalf("sample times differ from the rerun's")
	}
}

// memNet is the peak-memory test's network: 100 000 Poisson sources at
// 2 Hz, dt 1 ms (200 000 spikes per simulated second).
func memNet() *network.Network {
	net := network.New(network.Options{Seed: 3, DT: 1})
	net.AddPopulation("src", 100_000, neuron.PoissonSource{Rate: 2})
	return net
}

// TestStreamPeakMemory: a 100 000-neuron network run for 10 s streams its
// spikes (2 million) to a Parquet recording with a peak RSS within 10 % of
// a 1 s run's. Each run is a child process that reports its VmHWM; two
// further children record 1 s and 10 s in memory (record.Spikes) to show
// that the measure sees a recording that grows by more than the 10 %
// (about 7 MB more: 4 bytes a spike, plus 8 bytes an update with spikes).
func TestStreamPeakMemory(t *testing.T) {
	if what, ok := strings.CutPrefix(os.Getenv(childEnv), "mem:"); ok {
		f := strings.SplitN(what, ":", 3) // seconds:mode:dir
		secs, _ := strconv.ParseFloat(f[0], 64)
		// Go's collector lets the heap grow to twice what is live before
		// it collects (GOGC 100), so a peak depends on when a short run
		// ends in that cycle: at 5 % the peak follows what is held (at 25 % a
		// loaded machine still gave ratios up to 1.14; at 10 %, whose slack
		// is about the 2.5 MB the bound allows, CI once gave 1.104).
		debug.SetGCPercent(5)
		net := memNet()
		var w *recording.StreamWriter
		if f[1] == "stream" {
			var err error
			if w, err = recording.NewStreamWriter(f[2], recording.MetaOf(net)); err != nil {
				t.Fatal(err)
			}
			net.Record(record.NewSpikeStream(w, net.Population("src")).SetOptions(memOpt))
		} else {
			net.Record(record.NewSpikes(net.Population("src")))
		}
		if err := net.Run(secs * 1000); err != nil {
			t.Fatal(err)
		}
		if err := net.Close(); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("spikes %d\nvmhwm_kb %d\n", net.SpikeCount(), vmHWM(t))
		return
	}
	if testing.Short() {
		t.Skip("runs 21 s of a 100 000-neuron network in child processes")
	}
	type result struct{ spikes, kb int64 }
	run := func(secs float64, mode string) result {
		dir := filepath.Join(t.TempDir(), "rec")
		cmd := child(t, "TestStreamPeakMemory", fmt.Sprintf("mem:%v:%s:%s", secs, mode, dir))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child (%v s, %s): %v\n%s", secs, mode, err, out)
		}
		var r result
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			fmt.Sscanf(sc.Text(), "spikes %d", &r.spikes)
			fmt.Sscanf(sc.Text(), "vmhwm_kb %d", &r.kb)
		}
		if r.kb == 0 || r.spikes == 0 {
			t.Fatalf("child (%v s, %s) reported nothing:\n%s", secs, mode, out)
		}
		if mode == "stream" {
			rec, err := recording.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := rec.SpikesOf("src").Len(); int64(got) != r.spikes {
				t.Fatalf("the %v s recording has %d spikes, the run made %d", secs, got, r.spikes)
			}
		}
		return r
	}
	// A peak RSS also depends on when the collector and the writer's
	// goroutine happened to run (on a busy machine a 10 s run once peaked
	// 14 % above a 1 s run, 5 % on other runs): each figure is the least of
	// three runs, which a recording that really grows would still show.
	least := func(secs float64, mode string) result {
		r := run(secs, mode)
		for range 2 {
			if q := run(secs, mode); q.kb < r.kb {
				r = q
			}
		}
		return r
	}
	short, long := least(1, "stream"), least(10, "stream")
	ratio := float64(long.kb) / float64(short.kb)
	t.Logf("peak RSS streaming: 1 s %d kB (%d spikes), 10 s %d kB (%d spikes): ratio %.3f", short.kb, short.spikes, long.kb, long.spikes, ratio)
	// 2 Hz × 100 000 neurons × 10 s = 2e6 spikes expected; at least 1.6e6
	if long.spikes < 1_600_000 {
		t.Fatalf("the 10 s run made %d spikes: want about 2e6", long.spikes)
	}
	if ratio > 1.10 {
		t.Fatalf("peak RSS of the 10 s run is %.3f times the 1 s run's: want at most 1.10", ratio)
	}
	// The control: a recorder that keeps every spike in memory (Spikes,
	// about 4 bytes a spike) must grow by more than the bound allows,
	// or the bound could not fail.
	mem1, mem10 := run(1, "memory"), run(10, "memory")
	grow := mem10.kb - mem1.kb
	t.Logf("peak RSS recording in memory: 1 s %d kB, 10 s %d kB: %d kB more", mem1.kb, mem10.kb, grow)
	if float64(grow) <= 0.10*float64(short.kb) {
		t.Fatalf("recording 10 s in memory peaks %d kB above recording 1 s, within the 10 %% (%d kB) allowed to streaming: the measure cannot tell", grow, short.kb/10)
	}
}

// vmHWM returns the process's peak resident set size (kB).
func vmHWM(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// memOpt flushes every chunk of 16384 spikes (the 1 s run has about
// 200 000), so that the recording's buffer is the same in both runs.
var memOpt = record.StreamOptions{Chunk: 1 << 14, FlushAfter: 1, FlushEvery: 1000}
