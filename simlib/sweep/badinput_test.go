package sweep_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// badInput is one row of a bad-input table: what the user did, and the
// parts the error must name: the object, its field, the value given and
// what is allowed.
type badInput struct {
	what                          string
	do                            func() error
	object, field, value, allowed string
}

// checkBadInputs runs the rows; a row passes when do returns an error
// naming the four parts, without panicking.
func checkBadInputs(t *testing.T, rows []badInput) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.what, func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						err = nil
						t.Errorf("panic: %v", p)
					}
				}()
				err = r.do()
			}()
			if err == nil {
				if !t.Failed() {
					t.Errorf("accepted; want an error naming %q, %q, %q and %q", r.object, r.field, r.value, r.allowed)
				}
				return
			}
			for _, part := range []struct{ name, s string }{{"object", r.object}, {"field", r.field}, {"value", r.value}, {"allowed", r.allowed}} {
				if !strings.Contains(err.Error(), part.s) {
					t.Errorf("error %q does not name the %s %q", err, part.name, part.s)
				}
			}
		})
	}
	t.Logf("%d bad inputs refused", len(rows))
}

func spaceErr(s *sweep.Space) func() error { return func() error { return s.Err() } }

// pointErr runs a one-point sweep whose point returns out and gives the
// point's error (a bad output fails its point, not the sweep).
func pointErr(out sweep.Output) func() error {
	return func() error {
		tab, err := sweep.Run(context.Background(), sweep.Grid(sweep.Values("x", 1)), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
			return out, nil
		}, nil)
		if err != nil {
			return fmt.Errorf("the sweep failed as a whole: %w", err)
		}
		if tab.Rows[0].Status != sweep.Failed {
			return nil
		}
		return errors.New(tab.Rows[0].Err)
	}
}

func runErr(s *sweep.Space, f sweep.Func, o *sweep.Options) func() error {
	return func() error { _, err := sweep.Run(context.Background(), s, f, o); return err }
}

func shardErr(idx, cnt int, env map[string]string) func() error {
	return func() error {
		_, err := sweep.ResolveShard(idx, cnt, func(k string) string { return env[k] })
		return err
	}
}

// TestBadInputs is the list of what package sweep refuses, and why.
func TestBadInputs(t *testing.T) {
	nop := func(ctx context.Context, p sweep.Point) (sweep.Output, error) { return sweep.Output{}, nil }
	six := sweep.Grid(sweep.Values("a", 1, 2, 3), sweep.Values("b", 1, 2))
	negz := math.Copysign(0, -1)
	nan, inf := math.NaN(), math.Inf(1)
	col := func(name string, v ...float64) sweep.Column { return sweep.Column{Name: name, Float: v} }
	data := func(name string, cols ...sweep.Column) sweep.Output {
		return sweep.Output{Data: []sweep.Data{{Name: name, Columns: cols}}}
	}
	var tab *sweep.Table
	if tt, err := sweep.Run(context.Background(), six, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"loss": nan}}, nil
	}, nil); err != nil {
		t.Fatal(err)
	} else {
		tab = tt
	}
	checkBadInputs(t, []badInput{
		// Spaces: names.
		{"grid without parameters", spaceErr(sweep.Grid()), "Grid", "parameters", "no parameters given", "at least one"},
		{"name not an identifier", spaceErr(sweep.Grid(sweep.Values("bad name", 1))), "Grid", "parameter 0 name", `"bad name"`, "must be an identifier"},
		{"name empty", spaceErr(sweep.Zip(sweep.Values("", 1))), "Zip", "parameter 0 name", `""`, "must be an identifier"},
		{"name twice", spaceErr(sweep.Grid(sweep.Values("a", 1), sweep.Values("a", 2))), "Grid", `parameter "a"`, "given twice", "must be unique"},
		{"names differing only by case", spaceErr(sweep.Grid(sweep.Values("Rate", 1), sweep.Values("rate", 2))), "Grid", `parameters "Rate" and "rate"`, "differ only by case", "unique ignoring case"},
		// Spaces: values.
		{"no values", spaceErr(sweep.Grid(sweep.Values("a"))), "Grid", `parameter "a"`, "no values", "at least one"},
		{"NaN value", spaceErr(sweep.Grid(sweep.Values("a", 1, nan))), "Grid", `parameter "a" value 1`, "NaN", "must be finite"},
		{"+Inf value", spaceErr(sweep.Zip(sweep.Values("a", inf))), "Zip", `parameter "a" value 0`, "+Inf", "must be finite"},
		{"-Inf value", spaceErr(sweep.Grid(sweep.Values("a", -inf))), "Grid", `parameter "a" value 0`, "-Inf", "must be finite"},
		{"negative zero", spaceErr(sweep.Grid(sweep.Values("a", 1, negz))), "Grid", `parameter "a" value 1`, "= -0", "must not be -0 (write 0"},
		{"value twice in a grid", spaceErr(sweep.Grid(sweep.Values("a", 1, 2, 1))), "Grid", `parameter "a" value 2`, "= 1 repeats value 0", "each value once"},
		{"0 and -0 in a grid", spaceErr(sweep.Grid(sweep.Values("a", 0, negz))), "Grid", `parameter "a" value 1`, "= -0", "must not be -0"},
		{"label twice in a grid", spaceErr(sweep.Grid(sweep.Labels("sec", "soma", "dend", "soma"))), "Grid", `parameter "sec" label 2`, `"soma" repeats label 0`, "each label once"},
		{"empty label", spaceErr(sweep.Grid(sweep.Labels("sec", "soma", ""))), "Grid", `parameter "sec" label 1`, "is empty", "must be non-empty"},
		{"label with NUL", spaceErr(sweep.Zip(sweep.Labels("sec", "so\x00ma"))), "Zip", `parameter "sec" label 0`, `"so\x00ma"`, "UTF-8 text without NUL"},
		{"label not UTF-8", spaceErr(sweep.Grid(sweep.Labels("sec", "\xff"))), "Grid", `parameter "sec" label 0`, `"\xff"`, "UTF-8 text without NUL"},
		{"values and labels", spaceErr(sweep.Grid(sweep.Param{Name: "a", Values: []float64{1}, Labels: []string{"x"}})), "Grid", `parameter "a"`, "both Values and Labels", "give one"},
		{"Linspace n < 0", spaceErr(sweep.Grid(sweep.Linspace("a", 0, 1, -3))), "Grid", `parameter "a": Linspace n`, "-3", "must be in [1, 67108864]"},
		{"Linspace n huge (no allocation)", spaceErr(sweep.Grid(sweep.Linspace("a", 0, 1, 1<<40))), "Grid", `parameter "a": Linspace n`, "1099511627776", "must be in [1, 67108864]"},
		{"Linspace n = 0", spaceErr(sweep.Grid(sweep.Linspace("a", 0, 1, 0))), "Grid", `parameter "a"`, "no values", "at least one"},
		{"Linspace NaN bound", spaceErr(sweep.Grid(sweep.Linspace("a", nan, 1, 3))), "Grid", `parameter "a" value 0`, "NaN", "must be finite"},
		{"Linspace infinite bound", spaceErr(sweep.Grid(sweep.Linspace("a", 0, inf, 3))), "Grid", `parameter "a" value 0`, "NaN", "must be finite"},
		{"Logspace bound 0", spaceErr(sweep.Grid(sweep.Logspace("w", 0, 1, 3))), "Grid", `parameter "w": Logspace bounds`, "lo = 0", "must both be > 0"},
		{"Logspace NaN bound", spaceErr(sweep.Zip(sweep.Logspace("w", 1, nan, 3))), "Zip", `parameter "w": Logspace bounds`, "hi = NaN", "must both be > 0"},
		{"Logspace n huge", spaceErr(sweep.Zip(sweep.Logspace("w", 1, 2, 1<<31))), "Zip", `parameter "w": Logspace n`, "2147483648", "must be in [1, 67108864]"},
		{"grid too large (product overflows)", spaceErr(sweep.Grid(sweep.Linspace("a", 0, 1, 1<<14), sweep.Linspace("b", 0, 1, 1<<14), sweep.Linspace("c", 0, 1, 1<<14))), "Grid", "points", "more than 67108864", "split the sweep"},
		{"zip of different lengths", spaceErr(sweep.Zip(sweep.Values("a", 1, 2), sweep.Values("b", 1))), "Zip", `parameter "a" has 2 values and "b" has 1`, "1", "same number of values"},
		{"list without rows", spaceErr(sweep.List([]string{"a"})), "List", "points", "no points given", "at least one row"},
		{"list row too short", spaceErr(sweep.List([]string{"a", "b"}, []float64{1, 2}, []float64{1})), "List", "row 1", "has 1 values for 2 parameters", "(a, b)"},
		{"list NaN", spaceErr(sweep.List([]string{"a"}, []float64{nan})), "List", `row 0 parameter "a"`, "NaN", "must be finite"},
		{"list -0", spaceErr(sweep.List([]string{"a"}, []float64{negz})), "List", `row 0 parameter "a"`, "= -0", "must not be -0"},
		{"list names twice", spaceErr(sweep.List([]string{"a", "a"}, []float64{1, 2})), "List", `parameter "a"`, "given twice", "must be unique"},
		{"random n = 0", spaceErr(sweep.Random(1, 0, sweep.Uniform("a", 0, 1))), "Random", "n", "= 0 points", "must be in [1, 67108864]"},
		{"random n huge", spaceErr(sweep.Random(1, 1<<40, sweep.Uniform("a", 0, 1))), "Random", "n", "= 1099511627776 points", "must be in [1, 67108864]"},
		{"latin hypercube n < 0", spaceErr(sweep.LatinHypercube(1, -1, sweep.Uniform("a", 0, 1))), "LatinHypercube", "n", "= -1 points", "must be in [1, 67108864]"},
		{"random without ranges", spaceErr(sweep.Random(1, 5)), "Random", "parameters", "no parameters given", "at least one"},
		{"range empty", spaceErr(sweep.Random(1, 5, sweep.Uniform("a", 1, 1))), "Random", `range "a"`, "[1, 1)", "Lo < Hi"},
		{"range reversed", spaceErr(sweep.LatinHypercube(1, 5, sweep.Uniform("a", 2, 1))), "LatinHypercube", `range "a"`, "[2, 1)", "Lo < Hi"},
		{"range NaN", spaceErr(sweep.Random(1, 5, sweep.Uniform("a", nan, 1))), "Random", `range "a"`, "[NaN, 1)", "finite"},
		{"range infinite", spaceErr(sweep.Random(1, 5, sweep.Uniform("a", 0, inf))), "Random", `range "a"`, "[0, +Inf)", "finite"},
		{"log range through 0", spaceErr(sweep.LatinHypercube(1, 5, sweep.LogUniform("a", -1, 1))), "LatinHypercube", `log range "a"`, "[-1, 1)", "Lo must be > 0"},
		{"range names by case", spaceErr(sweep.Random(1, 5, sweep.Uniform("tau", 0, 1), sweep.Uniform("TAU", 0, 1))), "Random", `parameters "tau" and "TAU"`, "differ only by case", "unique ignoring case"},
		// Run and its options.
		{"nil space", runErr(nil, nop, nil), "Run", "space", "is nil", "give a space"},
		{"invalid space", runErr(sweep.Grid(sweep.Values("a")), nop, nil), "Grid", `parameter "a"`, "no values", "at least one"},
		{"nil function", runErr(six, nil, nil), "Run", "function", "is nil", "give a Func"},
		{"workers < 0", runErr(six, nop, &sweep.Options{Workers: -1}), "Options", "Workers", "-1", "must be >= 0"},
		{"shard index out of range", runErr(six, nop, &sweep.Options{Shard: sweep.Shard{Index: 5, Count: 2}}), "shard 5 of 2", "Index", "= 5", "must be in [0, 2)"},
		{"shard index < 0", runErr(six, nop, &sweep.Options{Shard: sweep.Shard{Index: -1, Count: 2}}), "shard -1 of 2", "Index", "= -1", "must be in [0, 2)"},
		{"shard count < 0", runErr(six, nop, &sweep.Options{Shard: sweep.Shard{Index: 0, Count: -4}}), "shard 0 of -4", "Count", "= -4", "must be >= 1"},
		{"shard index without count", runErr(six, nop, &sweep.Options{Shard: sweep.Shard{Index: 2}}), "shard 2 of 0", "Index", "= 2", "give Count"},
		{"index out of range", runErr(six, nop, &sweep.Options{Indices: []int{12}}), "Options.Indices", "index", "12", "must be in [0, 6)"},
		{"negative index", runErr(six, nop, &sweep.Options{Indices: []int{-1}}), "Options.Indices", "index", "-1", "must be in [0, 6)"},
		{"index outside the shard", runErr(six, nop, &sweep.Options{Indices: []int{1}, Shard: sweep.Shard{Index: 0, Count: 2}}), "Options.Indices", "index 1", "not in shard 0 of 2", "i mod 2 = 0"},
		// Shards from flags and SLURM.
		{"-shards < 0", shardErr(-1, -2, nil), "sweep", "-shards", "-2", "must be >= 1"},
		{"-shard < -1", shardErr(-5, 4, nil), "sweep", "-shard", "-5", "must be in [0, -shards)"},
		{"-shard >= -shards", shardErr(4, 4, nil), "shard index", "-shard", "4", "must be in [0, 4)"},
		{"-shards without -shard", shardErr(-1, 4, nil), "-shards", "-shard", "4", "give the shard index"},
		{"-shard without -shards", shardErr(1, 0, nil), "shard 1", "-shards", "without a count", "give -shards"},
		{"SLURM task ID not a number", shardErr(-1, 8, map[string]string{sweep.EnvTaskID: "x"}), "$SLURM_ARRAY_TASK_ID", "shard index", `"x"`, "integer >= 0"},
		{"SLURM task ID < 0", shardErr(-1, 8, map[string]string{sweep.EnvTaskID: "-1"}), "$SLURM_ARRAY_TASK_ID", "shard index", `"-1"`, "integer >= 0"},
		{"SLURM task ID beyond the shards", shardErr(-1, 8, map[string]string{sweep.EnvTaskID: "8"}), "$SLURM_ARRAY_TASK_ID", "shard index", "8", "numbered 0-7"},
		{"SLURM task without -shards (resubmitted alone)", shardErr(-1, 0, map[string]string{sweep.EnvTaskID: "3", sweep.EnvTaskCount: "1"}), "$SLURM_ARRAY_TASK_ID", "-shards", `"1"`, "give -shards"},
		// A point's output (the point fails with the error; the others go on).
		{"metric name not an identifier", pointErr(sweep.Output{Metrics: sweep.Metrics{"firing rate": 1}}), "metric", "name", `"firing rate"`, "must be an identifier"},
		{"data name not an identifier", pointErr(data("v trace", col("t", 1))), "data", "name", `"v trace"`, "must be an identifier"},
		{"data without columns", pointErr(data("v")), `data "v"`, "columns", "no columns", "at least one"},
		{"data column name twice", pointErr(data("v", col("t", 1), col("t", 2))), `data "v"`, "column", `"t"`, "unique identifiers"},
		{"data column both kinds", pointErr(sweep.Output{Data: []sweep.Data{{Name: "v", Columns: []sweep.Column{{Name: "t", Float: []float64{1}, Int: []int64{1}}}}}}), `data "v"`, `column "t"`, "both Float and Int", "give one"},
		{"data columns of unequal lengths", pointErr(data("v", col("t", 1, 2), col("x", 1))), `data "v"`, `column "x"`, "has 1 values", "equal lengths"},
		{"data name twice", pointErr(sweep.Output{Data: []sweep.Data{{Name: "v", Columns: []sweep.Column{col("t", 1)}}, {Name: "v", Columns: []sweep.Column{col("t", 1)}}}}), "data", "name", `"v" given twice`, "must be unique"},
		// Tables.
		{"sort by an unknown column", func() error { _, err := tab.Sort("nope", false); return err }, "table", "column", `"nope"`, "parameters [a b], metrics [loss], index, wall_s"},
		{"CSV of a row without its parameters", func() error {
			return (&sweep.Table{Dims: []sweep.Dim{{Name: "a"}}, Rows: []sweep.Result{{Index: 4}}}).WriteCSV(io.Discard)
		}, "WriteCSV", "row of point 4", "0 parameter values", "for 1 parameters"},
		{"best of a metric no point has", func() error { _, err := tab.Best("loss"); return err }, "Best", `"loss"`, "no computed point has a value", "6 rows, 6 done"},
	})
}
