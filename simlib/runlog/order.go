package runlog

import (
	"context"
	"slices"
	"sync/atomic"
)

type pointKey struct{}

type pointTag struct{ sweep, point int }

// WithPoint returns ctx tagged with a sweep's number and a point's index:
// network runs given the context (RunContext) record them, so that Order
// can list a sweep's runs by point whatever order they finished in.
// Package sweep tags every point's context.
func WithPoint(ctx context.Context, sweep, point int) context.Context {
	return context.WithValue(ctx, pointKey{}, pointTag{sweep, point})
}

// PointOf returns the sweep and point ctx was tagged with by WithPoint.
func PointOf(ctx context.Context) (sweep, point int, ok bool) {
	if ctx == nil {
		return 0, 0, false
	}
	t, ok := ctx.Value(pointKey{}).(pointTag)
	return t.sweep, t.point, ok
}

var sweeps atomic.Int64

// NextSweep numbers the sweeps of a program: 1, 2, ... in the order they
// start.
func NextSweep() int { return int(sweeps.Add(1)) }

type sweepKey struct{}

// WithSweep returns ctx carrying a sweep number (from NextSweep) for the
// sweep about to run with it: a store that runs a sweep numbers it so that
// its own record and the sweep's share the number.
func WithSweep(ctx context.Context, number int) context.Context {
	return context.WithValue(ctx, sweepKey{}, number)
}

// SweepOf returns the number WithSweep put in ctx, or NextSweep() when
// there is none (or it is 0: a sweep passes its points a context with 0,
// so that a sweep inside a point gets a number of its own).
func SweepOf(ctx context.Context) int {
	if ctx != nil {
		if n, ok := ctx.Value(sweepKey{}).(int); ok && n > 0 {
			return n
		}
	}
	return NextSweep()
}

// Order returns runs in a stable order, the one the kernel records: runs
// outside sweeps stay in the order they were reported; the runs of a sweep's
// points are gathered where the sweep's last record is (or, if there is
// none, where the sweep's first run is), ordered by point index and, within
// a point, by the order they were reported, followed by the sweep's records
// (the sweep's, then a store's) in the order they were reported.
// Points computed concurrently finish in an order that depends on timing;
// this order does not. runs is not modified.
func Order(runs []Run) []Run {
	anchor := map[int]int{} // sweep -> position of its group
	for i, r := range runs {
		if r.Sweep != 0 && r.Point == nil {
			anchor[r.Sweep] = i
		}
	}
	for i, r := range runs {
		if _, ok := anchor[r.Sweep]; r.Sweep != 0 && !ok {
			anchor[r.Sweep] = i
		}
	}
	type item struct {
		pos, last, point, i int
	}
	items := make([]item, len(runs))
	for i, r := range runs {
		it := item{pos: i, i: i}
		if r.Sweep != 0 {
			it.pos = anchor[r.Sweep]
			if r.Point != nil {
				it.point = *r.Point
			} else {
				it.last = 1
			}
		}
		items[i] = it
	}
	slices.SortStableFunc(items, func(a, b item) int {
		for _, d := range [...]int{a.pos - b.pos, a.last - b.last, a.point - b.point, a.i - b.i} {
			if d != 0 {
				return d
			}
		}
		return 0
	})
	out := make([]Run, len(runs))
	for k, it := range items {
		out[k] = runs[it.i]
	}
	return out
}
