package dist_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/internal/badinput"
)

// The distributions' bad-input table: what each distribution refuses, and
// why (Validate; the network adds the projection or population that uses
// it). The error names the distribution, the field, the value and what is
// allowed.

func validate(d dist.Dist) func() error { return d.Validate }

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	badinput.Run(t, []badinput.Case{
		{"Const NaN", validate(dist.Const(nan)), []string{"Const = NaN", "must be finite"}},
		{"Const -Inf", validate(dist.Const(-inf)), []string{"Const = -Inf", "must be finite"}},
		{"Uniform high < low", validate(dist.Uniform{Low: 2, High: 1}), []string{"Uniform{Low: 2, High: 1}", "Low <= High"}},
		{"Uniform low NaN", validate(dist.Uniform{Low: nan, High: 1}), []string{"Uniform{Low: NaN", "finite Low <= High"}},
		{"Uniform high +Inf", validate(dist.Uniform{Low: 0, High: inf}), []string{"High: +Inf", "finite"}},
		{"Uniform width overflows", validate(dist.Uniform{Low: -1e308, High: 1e308}), []string{"Uniform{Low: -1e+308, High: 1e+308}", "High - Low overflows", "width must be finite"}},
		{"Normal mean NaN", validate(dist.Normal{Mean: nan, SD: 1}), []string{"Normal.Mean = NaN", "must be finite"}},
		{"Normal sd -1", validate(dist.Normal{SD: -1}), []string{"Normal.SD = -1", ">= 0"}},
		{"Normal sd +Inf", validate(dist.Normal{SD: inf}), []string{"Normal.SD = +Inf", "finite"}},
		{"Normal clip reversed", validate(dist.Normal{SD: 1, Low: 3, High: 1}), []string{"Normal clip [Low = 3, High = 1]", "Low <= High"}},
		{"Normal clip NaN", validate(dist.Normal{SD: 1, Low: nan, High: 1}), []string{"Normal clip [Low = NaN, High = 1]", "Low <= High"}},
		{"LogNormal sigma -1", validate(dist.LogNormal{Sigma: -1}), []string{"LogNormal{Mu: 0, Sigma: -1}", "Sigma >= 0"}},
		{"LogNormal mu +Inf", validate(dist.LogNormal{Mu: inf}), []string{"LogNormal{Mu: +Inf", "finite Mu"}},
		{"LogNormal sign 2", validate(dist.LogNormal{Sign: 2}), []string{"LogNormal.Sign = 2", "0, 1 or -1"}},
	})
}
