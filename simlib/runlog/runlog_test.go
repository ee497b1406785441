package runlog

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func pt(i int) *int { return &i }

// Order gathers a sweep's point runs at the sweep's record, by point, and
// leaves other runs where they were: the order of the input does not
// matter for runs of concurrent points.
func TestOrder(t *testing.T) {
	in := []Run{
		{Label: "before"},
		{Label: "p2", Sweep: 1, Point: pt(2)},
		{Label: "p0", Sweep: 1, Point: pt(0)},
		{Label: "p1 first", Sweep: 1, Point: pt(1)},
		{Label: "p1 second", Sweep: 1, Point: pt(1)},
		{Label: "sweep 1", Kind: "sweep", Sweep: 1},
		{Label: "between"},
		{Label: "q1", Sweep: 2, Point: pt(1)},
		{Label: "q0", Sweep: 2, Point: pt(0)}, // sweep 2 has no record (the program died)
		{Label: "after"},
	}
	want := []string{"before", "p0", "p1 first", "p1 second", "p2", "sweep 1", "between", "q0", "q1", "after"}
	var got []string
	for _, r := range Order(in) {
		got = append(got, r.Label)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Order:\n got %q\nwant %q", got, want)
	}
	// Another completion order of sweep 1's points gives the same list.
	swapped := append([]Run(nil), in...)
	swapped[1], swapped[2] = swapped[2], swapped[1]
	swapped[3], swapped[1] = swapped[1], swapped[3]
	if !reflect.DeepEqual(Order(swapped), Order(in)) {
		t.Fatal("Order depends on the completion order of a sweep's points")
	}
	if in[1].Label != "p2" {
		t.Fatal("Order modified its input")
	}
}

func TestPointContext(t *testing.T) {
	if _, _, ok := PointOf(context.Background()); ok {
		t.Fatal("an untagged context has a point")
	}
	s, p, ok := PointOf(WithPoint(context.Background(), 3, 17))
	if !ok || s != 3 || p != 17 {
		t.Fatalf("PointOf = %d, %d, %v; want 3, 17, true", s, p, ok)
	}
	if a, b := NextSweep(), NextSweep(); b != a+1 || a < 1 {
		t.Fatalf("NextSweep gave %d then %d", a, b)
	}
	if n := SweepOf(WithSweep(context.Background(), 7)); n != 7 {
		t.Fatalf("SweepOf a context with 7 = %d", n)
	}
	a := SweepOf(context.Background())
	if b := SweepOf(WithSweep(context.Background(), 0)); b != a+1 {
		t.Fatalf("SweepOf without a number gave %d then %d, want new numbers", a, b)
	}
}

// A line written before the fields added for interrupted runs and sweeps
// (a kernel of an older golgi) still reads.
func TestReadOldLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "runs.jsonl")
	old := `{"seed":42,"neurons":3,"synapses":3,"populations":null,"dt_ms":0.1,"start_ms":0,"duration_ms":300,"steps":3000,"workers":1,"wall_s":0.5,"spikes":11,"fingerprint":"fp-a","status":"ok"}`
	if err := Append(p, Run{Label: "new", Point: pt(0), Sweep: 1, StepsAsked: 10}); err != nil {
		t.Fatal(err)
	}
	if err := writeRaw(p, old+"\n"); err != nil {
		t.Fatal(err)
	}
	runs, err := Read(p)
	if err != nil || len(runs) != 2 {
		t.Fatalf("Read = %+v, %v", runs, err)
	}
	if runs[0].Point == nil || *runs[0].Point != 0 || runs[0].StepsAsked != 10 {
		t.Errorf("new line read back as %+v", runs[0])
	}
	if runs[1].Fingerprint != "fp-a" || runs[1].Steps != 3000 || runs[1].Point != nil {
		t.Errorf("old line read as %+v", runs[1])
	}
}

func writeRaw(path, s string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// A result's fingerprint covers its label, names and exact bits, not the
// order of the map; any NaN is one NaN.
func TestResult(t *testing.T) {
	a := ResultRun("rates", map[string]float64{"exc_hz": 5.25, "inh_hz": 12.5, "bad": math.NaN()})
	if a.Kind != "result" || a.Status != "ok" || a.ValuesText() != "bad=NaN exc_hz=5.25 inh_hz=12.5" {
		t.Fatalf("result %+v (%s)", a, a.ValuesText())
	}
	same := ResultRun("rates", map[string]float64{"inh_hz": 12.5, "bad": -math.NaN(), "exc_hz": 5.25})
	if same.Fingerprint != a.Fingerprint {
		t.Error("the same values give another fingerprint")
	}
	for name, r := range map[string]Run{
		"one ulp":     ResultRun("rates", map[string]float64{"exc_hz": math.Nextafter(5.25, 6), "inh_hz": 12.5, "bad": math.NaN()}),
		"other label": ResultRun("rate", map[string]float64{"exc_hz": 5.25, "inh_hz": 12.5, "bad": math.NaN()}),
		"other name":  ResultRun("rates", map[string]float64{"exc": 5.25, "inh_hz": 12.5, "bad": math.NaN()}),
		"fewer":       ResultRun("rates", map[string]float64{"exc_hz": 5.25, "inh_hz": 12.5}),
	} {
		if r.Fingerprint == a.Fingerprint {
			t.Errorf("%s: same fingerprint", name)
		}
	}
	p := filepath.Join(t.TempDir(), "runs.jsonl")
	t.Setenv(EnvVar, p)
	if err := Result("rates", map[string]float64{"exc_hz": 5.25, "inh_hz": 12.5, "bad": math.NaN()}); err != nil {
		t.Fatal(err)
	}
	runs, err := Read(p)
	if err != nil || len(runs) != 1 || runs[0].Fingerprint != a.Fingerprint || runs[0].Values["bad"] != "NaN" {
		t.Fatalf("reported %+v, %v", runs, err)
	}
}
