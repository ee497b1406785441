package network_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// TestHostileInputsNeverPanic builds and runs 20000 (-short: 4000) small networks whose
// parameters (model, receptor, stimulus, weights, delays, rule, recorders,
// dt, duration) get, each with probability 1/6, one field set to an extreme
// value (NaN, ±Inf, 0, -1, ±1e300, 1e-300, the smallest subnormal, ...).
// Every one must end in an error or a finished run: no panic (a worker's
// panic would crash the test binary), no hang.

var (
	descMu sync.Mutex
	desc   string
)

var extremes = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, -1, 1e300, -1e300, 1e-300, 1e10, 5e-324, 0.05, 1e6}
var intExtremes = []int64{0, -1, 1 << 40, math.MaxInt32, 1e9, 7}

func mutate(r *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.Float64:
		v.SetFloat(extremes[r.IntN(len(extremes))])
	case reflect.Int, reflect.Int64:
		v.SetInt(intExtremes[r.IntN(len(intExtremes))])
	}
}

func mutated[T any](r *rand.Rand, x T) T {
	if r.IntN(6) != 0 {
		return x
	}
	v := reflect.ValueOf(&x).Elem()
	if v.Kind() == reflect.Struct {
		n := v.NumField()
		i := r.IntN(n)
		mutate(r, v.Field(i))
	} else {
		mutate(r, v)
	}
	return x
}

func TestHostileInputsNeverPanic(t *testing.T) {
	ok := 0
	r := rand.New(rand.NewPCG(7, 8))
	cases := 20000
	if testing.Short() {
		cases = 4000
	}
	for c := 0; c < cases; c++ {
		c := c
		done := make(chan string, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					done <- fmt.Sprintf("PANIC %v", p)
				}
			}()
			var m neuron.Model
			switch r.IntN(7) {
			case 0:
				m = mutated(r, neuron.DefaultLIF())
			case 1:
				m = mutated(r, neuron.DefaultAdEx())
			case 2:
				m = mutated(r, neuron.DefaultIzhikevich())
			case 3:
				m = mutated(r, neuron.DefaultHH())
			case 4:
				m = mutated(r, neuron.PoissonSource{Rate: 50, Start: 0, Stop: 10})
			case 5:
				m = mutated(r, neuron.GaussianDrive{Mu: 1, Sigma: 1, NumSpikes: 2})
			case 6:
				m = neuron.SpikeTimes{Times: [][]float64{{mutated(r, 1.0)}, {1}, {2}, {3}}}
			}
			dt := 0.1
			if r.IntN(10) == 0 {
				dt = mutated(r, 0.1)
			}
			net := network.New(network.Options{DT: dt, Workers: r.IntN(4), MaxMemory: 1 << 30})
			var rec synapse.Receptor
			switch r.IntN(4) {
			case 0:
				rec = synapse.CondExp(mutated(r, 5.0), 0)
			case 1:
				rec = synapse.CurrAlpha(mutated(r, 2.0))
			case 2:
				b := mutated(r, synapse.BiExp{Rise: 1, Decay: 5})
				rec = synapse.Receptor{Kinetics: b, Conductance: r.IntN(2) == 0, ERev: mutated(r, 0.0)}
			case 3:
				rec = synapse.DeltaJump()
			}
			p := net.AddPopulation("p", 4, m).Receptor("e", rec)
			var st stimulus.Stimulus
			switch r.IntN(4) {
			case 0:
				st = mutated(r, stimulus.DC{Amplitude: 100, Start: 1, Stop: 5})
			case 1:
				st = mutated(r, stimulus.Noise{Mean: 100, SD: 10})
			case 2:
				st = stimulus.TimedArray{Values: []float64{mutated(r, 1.0)}, DT: mutated(r, 0.1), Start: mutated(r, 0.0)}
			case 3:
				st = stimulus.Steps{Times: []float64{mutated(r, 1.0)}, Amplitudes: []float64{mutated(r, 1.0)}}
			}
			p.Inject(st)
			var w, d dist.Dist
			switch r.IntN(4) {
			case 0:
				w = dist.Const(mutated(r, 1.0))
			case 1:
				w = mutated(r, dist.Uniform{Low: 0, High: 1})
			case 2:
				w = mutated(r, dist.Normal{Mean: 1, SD: 1})
			case 3:
				w = mutated(r, dist.LogNormal{Mu: 0, Sigma: 1})
			}
			switch r.IntN(3) {
			case 0:
				d = dist.Const(mutated(r, 1.0))
			case 1:
				d = mutated(r, dist.Uniform{Low: 0.5, High: 2})
			}
			var rule connect.Rule
			switch r.IntN(5) {
			case 0:
				rule = mutated(r, connect.FixedProbability{P: 0.5})
			case 1:
				rule = connect.FixedInDegree{K: int(mutated(r, int64(2)))}
			case 2:
				rule = connect.FixedTotal{N: mutated(r, int64(3))}
			case 3:
				rule = connect.List{Pre: []int{0}, Post: []int{1}, Delays: []float64{mutated(r, 1.0)}}
			case 4:
				rule = connect.Distance{P0: mutated(r, 0.5), Lambda: mutated(r, 10.0), PrePos: make([]float64, 8)}
			}
			net.Connect(net.Population("p"), net.Population("p"), rule, network.Synapse{Receptor: "e", Weight: w, Delay: d})
			if r.IntN(3) == 0 {
				net.Population("p").Init("v", w)
			}
			net.Record(record.NewState(net.Population("p"), "v", []int{0}, mutated(r, 0.1)))
			net.Record(record.NewRate(net.Population("p"), mutated(r, 1.0)))
			sp := record.NewSpikes(net.Population("p"))
			net.Record(sp)
			dur := 3.0
			if r.IntN(10) == 0 { // extremes, but no long legitimate run (1e6 ms is 1e7 steps)
				dur = []float64{math.NaN(), math.Inf(1), -1, 0, 1e19, 1e300, 0.04}[r.IntN(7)]
			}
			descMu.Lock()
			desc = fmt.Sprintf("model %#v dt %v dur %v rule %#v w %v d %v stim %#v rec %#v", m, dt, dur, rule, w, d, st, rec)
			descMu.Unlock()
			err := net.Run(dur)
			_ = sp.Trains()
			if err != nil {
				done <- "err " + err.Error()
				return
			}
			done <- "ok"
		}()
		select {
		case s := <-done:
			if s == "ok" {
				ok++
			}
			if len(s) > 5 && s[:5] == "PANIC" {
				t.Errorf("case %d: %s", c, s)
			}
		case <-time.After(20 * time.Second):
			descMu.Lock()
			t.Fatalf("case %d: hang: %s", c, desc)
		}
	}
	// the runs must also run, not only be refused (about 2.5% finish)
	if ok < cases/200 {
		t.Fatalf("only %d of the networks ran: the test exercises validation only", ok)
	}
}
