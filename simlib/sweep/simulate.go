package sweep

import (
	"context"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
)

// Simulate makes a Func from HNN's two halves: build makes the point's
// network (HNN's set_params: use p.Seed as the network's seed), Simulate
// runs it for duration ms with the sweep's context, and summary turns the
// run network into the point's output (HNN's summary_func). A network
// built with Workers 0 is given p.Workers.
func Simulate(build func(p Point) (*network.Network, error), duration float64, summary func(p Point, net *network.Network) (Output, error)) Func {
	return func(ctx context.Context, p Point) (Output, error) {
		net, err := build(p)
		if err != nil {
			return Output{}, err
		}
		if net == nil {
			return Output{}, fmt.Errorf("sweep: Simulate: build returned no network for point %d", p.Index)
		}
		if err := net.RunContext(ctx, duration); err != nil {
			return Output{}, err
		}
		return summary(p, net)
	}
}
