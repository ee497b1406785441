package sweep

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func nums(s *Space) [][]float64 {
	var out [][]float64
	for i := 0; i < s.Len(); i++ {
		var row []float64
		for _, v := range s.Values(i) {
			row = append(row, v.Num)
		}
		out = append(out, row)
	}
	return out
}

func TestGridLastParameterFastest(t *testing.T) {
	s := Grid(Values("a", 1, 2), Labels("sec", "soma", "dend", "axon"))
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{1, 0}, {1, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}}
	if got := nums(s); !reflect.DeepEqual(got, want) {
		t.Fatalf("grid %v, want %v", got, want)
	}
	p := s.Point(4, 7)
	if p.Float("a") != 2 || p.Label("sec") != "dend" || p.String() != "a=2 sec=dend" {
		t.Fatalf("point 4: %v", p)
	}
	if p.Seed != PointSeed(7, 4) || p.Seed == PointSeed(7, 3) || p.Seed == PointSeed(8, 4) {
		t.Fatalf("seed of point 4 is %d: must be PointSeed(master, index)", p.Seed)
	}
}

func TestZipAndList(t *testing.T) {
	z := Zip(Values("x", 1, 2, 3), Values("y", 10, 20, 30))
	if got := nums(z); !reflect.DeepEqual(got, [][]float64{{1, 10}, {2, 20}, {3, 30}}) {
		t.Fatalf("zip %v", got)
	}
	l := List([]string{"x", "y"}, []float64{5, 6}, []float64{7, 8})
	if got := nums(l); !reflect.DeepEqual(got, [][]float64{{5, 6}, {7, 8}}) {
		t.Fatalf("list %v", got)
	}
}

// numpy.logspace(-4, -1, 20), the weight grid of the HNN batch seed
// (hnn-core's batch simulation tutorial prints 9.999999999999999e-05 and
// 0.00014384498882876628 as its first two values; the others are from
// numpy 1.24 on this machine). Go's Pow and numpy's may differ by an ulp.
var numpyLogspace = map[int]float64{0: 9.999999999999999e-05, 1: 0.00014384498882876628, 5: 0.0006158482110660266, 19: 0.09999999999999999}

func TestLogspaceMatchesNumpy(t *testing.T) {
	p := Logspace("w", 1e-4, 1e-1, 20)
	if len(p.Values) != 20 {
		t.Fatalf("%d values", len(p.Values))
	}
	for k, want := range numpyLogspace {
		got := p.Values[k]
		if d := math.Abs(float64(int64(math.Float64bits(got)) - int64(math.Float64bits(want)))); d > 2 {
			t.Errorf("value %d = %v, numpy %v (%v ulp apart)", k, got, want, d)
		}
	}
	// numpy.linspace(0, 1, 7)[3] == 0.5 exactly; the end points are exact.
	l := Linspace("x", 0, 1, 7)
	if l.Values[3] != 0.5 || l.Values[0] != 0 || l.Values[6] != 1 {
		t.Fatalf("linspace %v", l.Values)
	}
}

func TestSpaceErrors(t *testing.T) {
	cases := []struct {
		s    *Space
		want string
	}{
		{Grid(), "no parameters"},
		{Grid(Values("a", 1), Values("a", 2)), `"a" given twice`},
		{Grid(Values("bad name", 1)), "must be an identifier"},
		{Grid(Values("a")), "has no values"},
		{Grid(Values("a", math.NaN())), "must be finite"},
		{Grid(Logspace("w", 0, 1, 3)), "must both be > 0"},
		{Zip(Values("a", 1, 2), Values("b", 1)), "same number of values"},
		{List([]string{"a", "b"}, []float64{1}), "row 0 has 1 values for 2"},
		{List([]string{"a"}), "no points"},
		{Random(1, 0, Uniform("a", 0, 1)), "n = 0"},
		{Grid(Linspace("a", 0, 1, 1000), Linspace("b", 0, 1, 1000), Linspace("c", 0, 1, 1000)), "split the sweep"},
		{Random(1, 5, Uniform("a", 1, 1)), "Lo < Hi"},
		{LatinHypercube(1, 5, LogUniform("a", -1, 1)), "Lo must be > 0"},
	}
	for _, c := range cases {
		if c.s.Err() == nil || !strings.Contains(c.s.Err().Error(), c.want) {
			t.Errorf("error %v, want one containing %q", c.s.Err(), c.want)
		}
	}
}

func TestRandomWithinRangesAndRepeatable(t *testing.T) {
	s := Random(3, 500, Uniform("a", -2, 3), LogUniform("b", 1e-3, 1e2))
	a := nums(s)
	if !reflect.DeepEqual(a, nums(Random(3, 500, Uniform("a", -2, 3), LogUniform("b", 1e-3, 1e2)))) {
		t.Fatal("same seed gave other points")
	}
	if reflect.DeepEqual(a, nums(Random(4, 500, Uniform("a", -2, 3), LogUniform("b", 1e-3, 1e2)))) {
		t.Fatal("another seed gave the same points")
	}
	below := 0
	for _, r := range a {
		if r[0] < -2 || r[0] >= 3 || r[1] < 1e-3 || r[1] >= 1e2 {
			t.Fatalf("point %v out of range", r)
		}
		if r[1] < 1 { // log-uniform: 3 of 5 decades are below 1
			below++
		}
	}
	// Binomial(500, 0.6): mean 300, sd 11; 5 sd.
	if below < 245 || below > 355 {
		t.Fatalf("%d of 500 log-uniform points below 1, want about 300", below)
	}
}

// Every one of the n strata of every range holds exactly one point.
func TestLatinHypercubeStrata(t *testing.T) {
	const n = 64
	s := LatinHypercube(9, n, Uniform("a", 0, 8), LogUniform("b", 1, 1e4))
	for k, stratum := range []func(x float64) int{
		func(x float64) int { return int(x / 8 * n) },
		func(x float64) int { return int(math.Log10(x) / 4 * n) },
	} {
		seen := make([]int, n)
		for _, r := range nums(s) {
			seen[stratum(r[k])]++
		}
		for j, c := range seen {
			if c != 1 {
				t.Fatalf("range %d stratum %d has %d points, want 1", k, j, c)
			}
		}
	}
	if nums(s)[0][0] == nums(LatinHypercube(10, n, Uniform("a", 0, 8), LogUniform("b", 1, 1e4)))[0][0] {
		t.Fatal("another seed gave the same first point")
	}
}

func TestDefinitionChangesWithValues(t *testing.T) {
	a := Grid(Values("a", 1, 2), Values("b", 3)).Definition()
	if a != Grid(Values("a", 1, 2), Values("b", 3)).Definition() {
		t.Fatal("equal spaces, different definitions")
	}
	for _, s := range []*Space{
		Grid(Values("a", 1, 2.0000000000000004), Values("b", 3)),
		Grid(Values("a", 1, 2), Values("c", 3)),
		Zip(Values("a", 1, 2), Values("b", 3, 3)),
	} {
		if s.Definition() == a {
			t.Fatalf("%s: same definition as the original", s.Definition())
		}
	}
}

func TestResolveShard(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		idx, cnt int
		env      map[string]string
		want     Shard
		err      string
	}{
		{-1, 0, nil, Shard{}, ""},
		{2, 4, nil, Shard{2, 4}, ""},
		{-1, 8, map[string]string{EnvTaskID: "3", EnvTaskCount: "8", EnvTaskMin: "0"}, Shard{3, 8}, ""},
		// A task resubmitted alone (sbatch --array=5): SLURM sets
		// MIN = MAX = ID = 5 and COUNT = 1; it is shard 5 of the sweep.
		{-1, 8, map[string]string{EnvTaskID: "5", EnvTaskMin: "5", EnvTaskCount: "1"}, Shard{5, 8}, ""},
		{-1, 8, map[string]string{EnvTaskID: "7"}, Shard{7, 8}, ""},
		{-1, 0, map[string]string{EnvTaskID: "5", EnvTaskMin: "5", EnvTaskCount: "1"}, Shard{}, "give -shards"},
		{-1, 8, map[string]string{EnvTaskID: "8"}, Shard{}, "numbered 0-7"},
		{4, 4, nil, Shard{}, "must be in [0, 4)"},
		{-1, 4, nil, Shard{}, "without -shard"},
		{1, 0, nil, Shard{}, "without a count"},
		{-1, 0, map[string]string{EnvTaskID: "x"}, Shard{}, "must be an integer >= 0"},
	}
	for _, c := range cases {
		got, err := ResolveShard(c.idx, c.cnt, env(c.env))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%+v: error %v, want %q", c, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%+v: got %v, %v", c, got, err)
		}
	}
}
