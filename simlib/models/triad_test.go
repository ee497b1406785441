package models

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// From testdata/izhikevich_triad.json, "engine_order_spike_steps":
// the triad with forward Euler in the documented step order; Brian2 2.5.1
// (method='euler', delay 4.5 ms) gives the same spikes.
var engineOrderSpikeSteps = [][]int64{
	{197, 869, 1643, 2425},
	{394, 1086, 1858, 2639},
	{652, 1428, 2211, 2993},
}

// From the same file, "published_spike_steps": the seed notebook's printed
// output (the Izhikevich triad seed notebook).
var publishedSpikeSteps = [][]int{
	{203, 880, 1656, 2441},
	{400, 1096, 1871, 2655},
	{658, 1436, 2222},
}

// The reference file is copied into testdata (see testdata/README.md):
// check that the numbers above are the file's.
func TestReferenceFileMatches(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "izhikevich_triad.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Published   [][]int   `json:"published_spike_steps"`
		EngineOrder [][]int64 `json:"engine_order_spike_steps"`
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ref.Published, publishedSpikeSteps) || !reflect.DeepEqual(ref.EngineOrder, engineOrderSpikeSteps) {
		t.Fatalf("embedded reference numbers differ from testdata/izhikevich_triad.json: %+v", ref)
	}
}

// The engine reproduces engine_order_spike_steps exactly, for any number of
// workers.
func TestTriadEngineOrder(t *testing.T) {
	for _, w := range []int{1, 2, 3} {
		p := DefaultTriad()
		p.Workers = w
		m, err := IzhikevichTriad(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Run(300); err != nil {
			t.Fatal(err)
		}
		got := m.Spikes.TrainSteps()
		if !reflect.DeepEqual(got, engineOrderSpikeSteps) {
			t.Fatalf("workers=%d: spike steps %v, want %v", w, got, engineOrderSpikeSteps)
		}
		if n := len(m.V.Times()); n != 3001 {
			t.Fatalf("v trace has %d samples, want 3001 (t=0..300 ms)", n)
		}
	}
}

// seedLoop is a plain transcription of the seed notebook's loop, quirks
// included: the current array I is only computed from the second step on
// (I[0] stays 0, so the first update sees no synaptic current), and neurons
// are updated one after another in place, so a delayed spike reaches a
// lower-numbered target only after that target was updated in the step.
func seedLoop() [][]int {
	const (
		C, k, b, vr, vt, vpeak, vsyn, c, a, d = 100.0, 0.7, -2.0, -60.0, -40.0, 35.0, 0.0, -50.0, 0.03, 100.0
		tau, dt, steps, delay                 = 7.0, 0.1, 3000, 45
	)
	w := [3][3]float64{{0, 12, 0}, {0, 0, 9.6}, {12, 0, 0}}
	g0 := [3]float64{10, 0, 0}
	var v, u, g, I [steps][3]float64
	spikes := make([][]int, 3)
	processed := make([]int, 3)
	for t := 0; t < steps; t++ {
		for n := 0; n < 3; n++ {
			if t == 0 {
				g[t][n], v[t][n], u[t][n] = g0[n], vr, 0
			} else {
				g[t][n] += g[t-1][n] + dt*(-g[t-1][n]/tau)
				if processed[n] < len(spikes[n]) && spikes[n][processed[n]]+delay == t {
					for m := 0; m < 3; m++ {
						g[t][m] += w[n][m]
					}
					processed[n]++
				}
				v[t][n] = v[t-1][n] + dt*(k*(v[t-1][n]-vr)*(v[t-1][n]-vt)-u[t-1][n]-I[t-1][n])/C
				u[t][n] = u[t-1][n] + dt*(a*(b*(v[t-1][n]-vr)-u[t-1][n]))
				if v[t][n] >= vpeak {
					v[t-1][n] = vpeak
					v[t][n] = c
					u[t][n] += d
					spikes[n] = append(spikes[n], t)
				}
				I[t][n] = g[t][n] * (v[t][n] - vsyn)
			}
		}
	}
	return spikes
}

func TestSeedTranscriptionReproducesPublished(t *testing.T) {
	if got := seedLoop(); !reflect.DeepEqual(got, publishedSpikeSteps) {
		t.Fatalf("seed loop gives %v, want published %v", got, publishedSpikeSteps)
	}
}
