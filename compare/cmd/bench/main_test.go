package main

import (
	"io"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	c, err := parseArgs([]string{"-bench", "CUBA", "-n", "16000", "-workers", "2"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Scheme != "exact" || c.N != 16000 || c.Workers != 2 || c.T != 1000 {
		t.Errorf("%+v: want CUBA's default scheme exact, 16000 cells, 2 workers, 1000 ms", c)
	}
	for _, a := range []struct {
		args []string
		want string
	}{
		{[]string{"-bench", "NEST"}, `-bench "NEST": must be COBA or CUBA`},
		{[]string{"-bench", "CUBA", "-scheme", "exp-euler"}, `-scheme "exp-euler" for CUBA: must be exact or euler`},
		{[]string{"-scheme", "exact"}, `-scheme "exact" for COBA: must be exp-euler or euler`},
		{[]string{"-n", "99"}, "-n 99: must be between 100"},
		{[]string{"-n", "4000001"}, "-n 4000001"},
		{[]string{"-workers", "0"}, "-workers 0: must be between 1"},
		{[]string{"-t", "-1"}, "-t -1: must be a positive"},
		{[]string{"-t", "NaN"}, "-t NaN"},
		{[]string{"4000"}, `unexpected argument "4000"`},
		{[]string{"-n", "x"}, `invalid value "x"`},
	} {
		_, err := parseArgs(a.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), a.want) {
			t.Errorf("%q: error %v, want one containing %q", a.args, err, a.want)
		}
	}
}

// TestRun builds and runs a small network (400 cells, 50 ms) and checks
// the record's counts against each other.
func TestRun(t *testing.T) {
	for _, c := range []Config{
		{Bench: "COBA", Scheme: "exp-euler", N: 400, Workers: 1, T: 50, Seed: 1},
		{Bench: "CUBA", Scheme: "euler", N: 400, Workers: 2, T: 50, Seed: 1},
	} {
		r, err := run(c)
		if err != nil {
			t.Fatal(err)
		}
		if r.Updates != 400*500 {
			t.Errorf("%+v: %d neuron updates, want 400 cells x 500 steps", c, r.Updates)
		}
		// about 80 recurrent inputs per cell (PConn 0.02·4000/400 = 0.2 of
		// 400), plus the COBA kick's 20 sources at p 0.01
		if r.Synapses < 400*60 || r.Synapses > 400*100 {
			t.Errorf("%+v: %d synapses, want about 400 x 80", c, r.Synapses)
		}
		if r.PeakRSS <= 0 || r.RunS <= 0 || r.WallS <= 0 {
			t.Errorf("%+v: peak RSS %d, run %v s, wall %v s: must be positive", c, r.PeakRSS, r.RunS, r.WallS)
		}
		if want := map[int]string{1: "cpu", 2: "wall"}[c.Workers]; r.Timer != want {
			t.Errorf("%+v: timer %q, want %q", c, r.Timer, want)
		}
		if c.Bench == "COBA" && (r.Spikes == 0 || r.Events == 0) {
			t.Errorf("%+v: %d spikes, %d events: the kick must make some", c, r.Spikes, r.Events)
		}
	}
}
