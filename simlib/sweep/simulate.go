package sweep

import (
	"context"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
)

// Simulate makes a Func from HNN's two halves. build makes the point's
// network (HNN's set_params: use p.Seed as the network's seed) and
// whatever its summary needs to see (the recorders it attached, handles
// of its populations: a value of any type M, often a small struct);
// Simulate runs the network for duration ms with the sweep's context; and
// summary turns the run network and what build made into the point's
// output (HNN's summary_func). A network built with Workers 0 is given
// p.Workers.
//
//	type made struct{ e, i *record.Spikes }
//	f := sweep.Simulate(func(p sweep.Point) (*network.Network, made, error) {
//		net, e, i := build(p)
//		m := made{record.NewSpikes(e), record.NewSpikes(i)}
//		net.Record(m.e)
//		net.Record(m.i)
//		return net, m, nil
//	}, 500, func(p sweep.Point, net *network.Network, m made) (sweep.Output, error) {
//		return sweep.Output{Metrics: sweep.Metrics{"rate_E": rate(m.e, 500)}}, nil
//	})
func Simulate[M any](build func(p Point) (*network.Network, M, error), duration float64, summary func(p Point, net *network.Network, made M) (Output, error)) Func {
	return func(ctx context.Context, p Point) (Output, error) {
		if build == nil || summary == nil {
			return Output{}, fmt.Errorf("sweep: Simulate: build and summary must not be nil (build nil: %v, summary nil: %v)", build == nil, summary == nil)
		}
		net, made, err := build(p)
		if err != nil {
			return Output{}, err
		}
		if net == nil {
			return Output{}, fmt.Errorf("sweep: Simulate: build returned no network for point %d", p.Index)
		}
		if net.Workers() == 0 && p.Workers > 0 {
			net.SetWorkers(p.Workers)
		}
		if err := net.RunContext(ctx, duration); err != nil {
			return Output{}, err
		}
		return summary(p, net, made)
	}
}
