package sweep_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/internal/testnet"
)

func space() *sweep.Space {
	return sweep.Grid(sweep.Logspace("w_in", 2, 8, 4), sweep.Values("w_rec", 0, 0.5, 1))
}

// The full table is bit-identical for 1, 2 and 8 workers and for 4 shards
// run separately and put together.
func TestDeterministicAcrossWorkersAndShards(t *testing.T) {
	f := testnet.Func(testnet.Small, false)
	var ref *sweep.Table
	for _, w := range []int{1, 2, 8} {
		tab, err := sweep.Run(context.Background(), space(), f, &sweep.Options{Workers: w, Seed: 11})
		if err != nil {
			t.Fatal(err)
		}
		if tab.Count(sweep.Done) != 12 {
			t.Fatalf("workers=%d: %d of 12 done", w, tab.Count(sweep.Done))
		}
		if ref == nil {
			ref = tab
			continue
		}
		if d := ref.Diff(tab); d != "" || ref.Fingerprint() != tab.Fingerprint() {
			t.Fatalf("workers=%d differs from workers=1: %s", w, d)
		}
	}
	var rows []sweep.Result
	for k := 0; k < 4; k++ {
		tab, err := sweep.Run(context.Background(), space(), f, &sweep.Options{Workers: 2, Seed: 11, Shard: sweep.Shard{Index: k, Count: 4}})
		if err != nil {
			t.Fatal(err)
		}
		if tab.Len() != 3 {
			t.Fatalf("shard %d has %d points, want 3", k, tab.Len())
		}
		rows = append(rows, tab.Rows...)
	}
	merged := sweep.NewTable(space().Dims(), rows)
	if d := ref.Diff(merged); d != "" {
		t.Fatalf("4 shards differ from 1 worker: %s", d)
	}
	// The sweep does something: spikes grow with the input weight.
	r0, r1 := ref.Rows[0].Metric("spikes"), ref.Rows[9].Metric("spikes")
	if !(r1 > r0) {
		t.Fatalf("spikes at w_in=2: %v, at w_in=8: %v: want more with the stronger input", r0, r1)
	}
	// Another master seed gives other results.
	other, _ := sweep.Run(context.Background(), space(), f, &sweep.Options{Seed: 12})
	if other.Fingerprint() == ref.Fingerprint() {
		t.Fatal("master seed 12 gives the same table as 11")
	}
}

// A point that errors or panics is recorded, the others go on.
func TestErrorsAndPanicsRecorded(t *testing.T) {
	s := sweep.Values("x", 0, 1, 2, 3, 4, 5)
	tab, err := sweep.Run(context.Background(), sweep.Grid(s), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		switch p.Index {
		case 1:
			return sweep.Output{}, errors.New("bad point")
		case 3:
			var m map[string]int
			m["x"] = 1 // a nil map write panics
		case 4:
			return sweep.Output{Metrics: sweep.Metrics{"not a name": 1}}, nil
		}
		return sweep.Output{Metrics: sweep.Metrics{"sq": p.Float("x") * p.Float("x")}}, nil
	}, &sweep.Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []sweep.Status{sweep.Done, sweep.Failed, sweep.Done, sweep.Failed, sweep.Failed, sweep.Done}
	for k, r := range tab.Rows {
		if r.Index != k || r.Status != want[k] {
			t.Fatalf("row %d: index %d status %s, want %s", k, r.Index, r.Status, want[k])
		}
	}
	if tab.Rows[1].Err != "bad point" || !strings.HasPrefix(tab.Rows[3].Err, "panic: assignment to entry in nil map") ||
		!strings.Contains(tab.Rows[3].Stack, "run_test.go") || !strings.Contains(tab.Rows[4].Err, "must be an identifier") {
		t.Fatalf("errors: %q, %q (stack %d bytes), %q", tab.Rows[1].Err, tab.Rows[3].Err, len(tab.Rows[3].Stack), tab.Rows[4].Err)
	}
	if tab.Rows[5].Metric("sq") != 25 {
		t.Fatalf("point 5: sq = %v", tab.Rows[5].Metric("sq"))
	}
}

// Cancelling stops the sweep: running points see it, the rest stay
// pending, Run returns the context's error, no goroutine is left.
func TestCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int32
	tab, err := sweep.Run(ctx, sweep.Grid(sweep.Linspace("x", 0, 1, 50)), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		if started.Add(1) == 4 {
			cancel() // this point sees its own cancellation
			<-ctx.Done()
			return sweep.Output{}, ctx.Err()
		}
		select {
		case <-ctx.Done():
			return sweep.Output{}, ctx.Err()
		case <-time.After(time.Duration(p.Index%3) * time.Millisecond):
		}
		return sweep.Output{Metrics: sweep.Metrics{"x": p.Float("x")}}, nil
	}, &sweep.Options{Workers: 2})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	done, pend, canc := tab.Count(sweep.Done), tab.Count(sweep.Pending), tab.Count(sweep.Cancelled)
	if done+pend+canc != 50 || pend < 40 || canc < 1 || int(started.Load()) != done+canc {
		t.Fatalf("done %d pending %d cancelled %d started %d", done, pend, canc, started.Load())
	}
	time.Sleep(10 * time.Millisecond)
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after, %d before", n, before)
	}
}

func TestOnResultErrorStops(t *testing.T) {
	var calls atomic.Int32
	_, err := sweep.Run(context.Background(), sweep.Grid(sweep.Linspace("x", 0, 1, 100)), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{}, nil
	}, &sweep.Options{Workers: 1, OnResult: func(r sweep.Result) error {
		if calls.Add(1) == 5 {
			return errors.New("disk full")
		}
		return nil
	}})
	if err == nil || !strings.Contains(err.Error(), "point 4: disk full") || calls.Load() != 5 {
		t.Fatalf("error %v after %d calls, want point 4's after 5", err, calls.Load())
	}
}

func TestProgress(t *testing.T) {
	var last sweep.Progress
	calls := 0
	_, err := sweep.Run(context.Background(), sweep.Grid(sweep.Linspace("x", 0, 1, 10)), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		if p.Index == 7 {
			return sweep.Output{}, errors.New("no")
		}
		return sweep.Output{}, nil
	}, &sweep.Options{Workers: 2, Progress: func(p sweep.Progress) {
		if p.Done < last.Done {
			t.Errorf("progress went back from %d to %d", last.Done, p.Done)
		}
		last = p
		calls++
	}})
	if err != nil {
		t.Fatal(err)
	}
	// One call at the start, one per point, one at the end.
	if calls != 12 || last.Done != 10 || last.Failed != 1 || last.Total != 10 || last.Fraction() != 1 {
		t.Fatalf("%d calls, last %+v", calls, last)
	}
}

func TestTableSortBestCSV(t *testing.T) {
	tab, err := sweep.Run(context.Background(), sweep.Grid(sweep.Values("a", 3, 1, 2), sweep.Labels("sec", "soma", "dend")),
		func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
			if p.Index == 2 {
				return sweep.Output{}, errors.New("x")
			}
			loss := math.Abs(p.Float("a") - 2 + p.Float("sec")/10)
			m := sweep.Metrics{"loss": loss}
			if p.Index == 5 {
				m["loss"] = math.NaN()
			}
			return sweep.Output{Metrics: m}, nil
		}, &sweep.Options{Workers: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	best, err := tab.Best("loss")
	// a=2, sec=soma: loss 0 (point 4).
	if err != nil || best.Index != 4 || best.Values[1].Label != "soma" {
		t.Fatalf("best %+v, %v", best, err)
	}
	s, err := tab.Sort("loss", false)
	if err != nil {
		t.Fatal(err)
	}
	var order []int
	for _, r := range s.Rows {
		order = append(order, r.Index)
	}
	// losses: 0:(3,soma) 1, 1:(3,dend) 1.1, 2:failed, 3:(1,dend) 0.9,
	// 4:(2,soma) 0, 5:NaN; NaN and missing go last.
	if fmt.Sprint(order) != "[4 3 0 1 2 5]" {
		t.Fatalf("sorted %v", order)
	}
	if _, err := tab.Sort("nope", false); err == nil || !strings.Contains(err.Error(), `no column "nope"`) {
		t.Fatalf("error %v", err)
	}
	if n := tab.Done().Len(); n != 5 {
		t.Fatalf("%d done", n)
	}
	var buf bytes.Buffer
	if err := tab.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "index,seed,a,sec,status,loss,error,start,end,wall_s,host" || len(recs) != 7 {
		t.Fatalf("csv header %v, %d records", recs[0], len(recs))
	}
	if recs[2][3] != "dend" || recs[3][4] != "failed" || recs[3][6] != "x" || recs[6][5] != "NaN" {
		t.Fatalf("csv rows %v", recs[1:])
	}
	for k, r := range tab.Rows {
		if seed, _ := strconv.ParseUint(recs[k+1][1], 10, 64); seed != r.Seed {
			t.Fatalf("row %d seed %s vs %d", k, recs[k+1][1], r.Seed)
		}
		if r.Status == sweep.Done && !math.IsNaN(r.Metric("loss")) {
			v, _ := strconv.ParseFloat(recs[k+1][5], 64)
			if math.Float64bits(v) != math.Float64bits(r.Metric("loss")) {
				t.Fatalf("row %d: CSV loss %s does not parse back to %v", k, recs[k+1][5], r.Metric("loss"))
			}
		}
	}
}
