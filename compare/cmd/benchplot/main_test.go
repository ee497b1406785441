package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/results.jsonl is written by hand in the format of
// compare/bench.sh's results.jsonl (the fields compare/cmd/bench and
// compare/bench_brian2.py print); its numbers are chosen so that the
// expected cells below follow by hand.
func readTestdata(t *testing.T) *Results {
	t.Helper()
	f, err := os.Open("testdata/results.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := ReadRecords(f, "results.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 10 {
		t.Fatalf("%d records, want 10 (the blank line skipped)", len(recs))
	}
	res, err := Summarise(recs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSummarise(t *testing.T) {
	res := readTestdata(t)
	b := res.Brian2[Key{"COBA", "exp-euler", 4000, 1}]
	if b == nil || b.Runs != 2 || b.RunS != 0.32 || b.PeakRSS != 10485760 {
		t.Fatalf("Brian2 COBA exp-euler: %+v: want 2 runs, best 0.32 s, largest peak 10485760", b)
	}
	if b.LoadLo != 1.0 || b.LoadHi != 2.5 {
		t.Errorf("load %v-%v, want 1-2.5 (over both runs)", b.LoadLo, b.LoadHi)
	}
	if b.UpdatesPS != 40e6/0.32 || b.EventsPS != 4.8e6/0.32 {
		t.Errorf("rates %v, %v: want 1.25e8, 1.5e7", b.UpdatesPS, b.EventsPS)
	}
	if got := res.Ceil[CeilKey{"ceiling-go", "scatter", 4000, 1}]; got != 1.5e9 {
		t.Errorf("Go scatter ceiling %v, want the better of two: 1.5e9", got)
	}
	// every configuration has both simulators and all four ceilings
	if err := res.Complete(); err != nil {
		t.Errorf("Complete: %v", err)
	}
}

func TestMarkdown(t *testing.T) {
	res := readTestdata(t)
	var b bytes.Buffer
	if err := res.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		// golgi 0.4 s against Brian2's best 0.32 s: 1.25; against Brian2's
		// forward Euler (0.1 s): 4.00
		"| COBA, exponential Euler | 4000 | 1 | cpu | 0.4 | 0.32 | 1.25 | 4.00 (euler) |  | 1e+08 | 1.25e+08 | 1e+07 | 1.5e+07 | 0.5-2.5 |",
		"| COBA, forward Euler | 4000 | 1 | cpu | 0.2 | 0.1 | 2.00 | 2.00 (euler) |",
		// 8 MiB over 320256 synapses; 10 MiB over 320000
		"| COBA, exponential Euler | 4000 | 1 | 3.2e+05 | 8.0 MiB | 26.2 | 10.0 MiB | 32.8 |",
		"| | 4000 | 1 | 4e+09 | 2e+09 | 1.6e+09 | 1.5e+09 |",
		// 1e8 updates/s over 4e9 and 2e9; 1.25e8 over 4e9; 1e7 events/s over
		// 1.6e9 and 1.5e9; 1.5e7 over 1.6e9
		"| COBA, exponential Euler | 4000 | 1 | 2.5 % | 5.0 % | 3.1 % | 0.6 % | 0.7 % | 0.9 % |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("table lacks\n%s\n in\n%s", want, md)
		}
	}
}

func TestIncomplete(t *testing.T) {
	recs, err := ReadRecords(strings.NewReader(`{"simulator":"golgi","benchmark":"CUBA","scheme":"exact","n":16000,"threads":2,"synapses":1,"syn_events":1,"neuron_updates":1,"run_s":1,"wall_s":1,"timer":"wall","peak_rss_bytes":1}`), "x")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Summarise(recs)
	if err != nil {
		t.Fatal(err)
	}
	err = res.Complete()
	if err == nil || !strings.Contains(err.Error(), "CUBA exact N=16000 threads=2: golgi ran it, Brian2 did not") ||
		!strings.Contains(err.Error(), "no ceiling-c stream ceiling at n=16000 threads=2") {
		t.Errorf("Complete: %v: want the missing Brian2 run and ceilings named", err)
	}
}

func TestDifferentModels(t *testing.T) {
	in := `{"simulator":"golgi","benchmark":"CUBA","scheme":"exact","n":4000,"threads":1,"synapses":320000,"neuron_updates":1,"run_s":1,"timer":"cpu","peak_rss_bytes":1}
{"simulator":"brian2","benchmark":"CUBA","scheme":"exact","n":4000,"threads":1,"synapses":400000,"neuron_updates":1,"run_s":1,"timer":"cpu","peak_rss_bytes":1}`
	recs, err := ReadRecords(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Summarise(recs)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Complete(); err == nil || !strings.Contains(err.Error(), "golgi built 320000 synapses, Brian2 400000: not the same model") {
		t.Errorf("Complete: %v: want the different synapse counts refused", err)
	}
}

func TestReadRecordsRejects(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`{"simulator":"nest","n":1,"threads":1}`, `simulator "nest"`},
		{`not json`, "x:1: not a JSON record"},
		{`{"simulator":"golgi","benchmark":"COBA","scheme":"euler","n":4000,"threads":2,"timer":"cpu","run_s":1,"synapses":1,"neuron_updates":1,"peak_rss_bytes":1}`, `timer "cpu" with 2 threads`},
		{`{"simulator":"brian2","benchmark":"COBA","scheme":"euler","n":4000,"threads":1,"timer":"cpu","run_s":0,"synapses":1,"neuron_updates":1,"peak_rss_bytes":1}`, "run_s = 0"},
		{`{"simulator":"ceiling-c","kernel":"gather","n":4000,"threads":1,"elements_per_s":1}`, `kernel "gather"`},
		{`{"simulator":"golgi","benchmark":"COBA","scheme":"euler","n":0,"threads":1}`, "n = 0"},
	} {
		_, err := ReadRecords(strings.NewReader(c.line), "x")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.line, err, c.want)
		}
	}
}

func TestSameNetwork(t *testing.T) {
	in := `{"simulator":"golgi","benchmark":"COBA","scheme":"euler","n":4000,"threads":1,"timer":"cpu","run_s":1,"synapses":10,"neuron_updates":1,"peak_rss_bytes":1}
{"simulator":"golgi","benchmark":"COBA","scheme":"euler","n":4000,"threads":1,"timer":"cpu","run_s":1,"synapses":11,"neuron_updates":1,"peak_rss_bytes":1}`
	recs, err := ReadRecords(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Summarise(recs); err == nil || !strings.Contains(err.Error(), "not the same network") {
		t.Errorf("Summarise: %v: want two runs of one configuration with different synapse counts refused", err)
	}
}

func TestSeriesAndPlot(t *testing.T) {
	res := readTestdata(t)
	s := res.Series()
	if len(s) != 4 || s[0].Label != "golgi COBA exp-euler, 1 thr" || s[3].Label != "Brian2 COBA euler, 1 thr" {
		t.Fatalf("series %+v: want golgi's two then Brian2's two", s)
	}
	svg := filepath.Join(t.TempDir(), "p.svg")
	if err := res.Plot(svg); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("Brian2 COBA euler")) {
		t.Errorf("plot is not an SVG with the legend (%d bytes)", len(b))
	}
}

func TestRun(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run([]string{"testdata/results.jsonl"}, &out, &errb); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "| workload | N | threads |") {
		t.Errorf("no table on standard output:\n%s", out.String())
	}
	if err := run(nil, &out, &errb); err == nil {
		t.Error("run without input files: no error")
	}
}

func TestSizeLabel(t *testing.T) {
	for n, want := range map[int]string{4000: "4k", 16000: "16k", 256000: "256k", 1_000_000: "1M", 1_500_000: "1.5M", 65536: "65536", 400: "400"} {
		if got := sizeLabel(n); got != want {
			t.Errorf("sizeLabel(%d) = %q, want %q", n, got, want)
		}
	}
}
