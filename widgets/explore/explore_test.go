package explore

import (
	"errors"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/widgets/chart"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		p    Param
		want string
	}{
		{Param{Name: "w", Min: 1, Max: 1, Step: 0.1, Value: 1}, `param "w": Min = 1, Max = 1; need Min < Max`},
		{Param{Name: "w", Min: 0, Max: 1, Step: 0, Value: 0}, `param "w": Step = 0; must be > 0`},
		{Param{Name: "w", Min: 0, Max: 1, Step: 0.1, Value: 2}, `param "w": Value = 2 outside [Min, Max] = [0, 1]`},
		{Param{Min: 0, Max: 1, Step: 0.1}, `param 0: Name is empty`},
	} {
		err := check([]Param{c.p})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("check(%+v) = %v, want %q", c.p, err, c.want)
		}
	}
	if err := check([]Param{{Name: "a", Max: 1, Step: 1}, {Name: "a", Max: 1, Step: 1}}); err == nil {
		t.Error("duplicate names accepted")
	}
}

func TestSliderPositions(t *testing.T) {
	p := Param{Name: "tau", Min: 5, Max: 20, Step: 0.5, Value: 10}
	if p.steps() != 30 || p.index(10) != 10 || p.at(10) != 10 || p.at(30) != 20 {
		t.Errorf("steps %d, index(10) %d, at(10) %v, at(30) %v; want 30, 10, 10, 20", p.steps(), p.index(10), p.at(10), p.at(30))
	}
}

// Outside a notebook Run checks the parameters, computes the model once at
// the defaults and returns its error; it never creates a slider (which
// would block without a browser).
func TestRunOutsideNotebook(t *testing.T) {
	params := []Param{{Name: "rate", Unit: "Hz", Min: 1, Max: 50, Step: 1, Value: 10}}
	calls := 0
	var got Values
	sentinel := errors.New("model failed")
	err := Run(params, func(v Values) (*chart.Chart, error) {
		calls++
		got = v
		return nil, sentinel
	}, nil)
	if calls != 1 || got["rate"] != 10 || !errors.Is(err, sentinel) {
		t.Errorf("calls %d, values %v, err %v; want 1, rate=10, the model's error", calls, got, err)
	}
}

func TestPanelHeadless(t *testing.T) {
	params := []Param{{Name: "w", Unit: "nS", Min: 0, Max: 1, Step: 0.1, Value: 0.5}, {Name: "tau", Min: 1, Max: 2, Step: 1, Value: 1}}
	c, err := chart.Line([]float64{0, 1}, []chart.Series{{Name: "y", Values: []float64{0, 1}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GONB_TMP_DIR", t.TempDir())
	t.Setenv("GOLGI_ECHARTS", t.TempDir()+"/missing.js") // library absent: the panel says how to get it
	h := library() + panel(params, defaults(params), Headless, c, nil)
	for _, want := range []string{"w = 0.5 nS, tau = 1", Headless, "golgi-chart", "ECharts library is not installed"} {
		if !strings.Contains(h, want) {
			t.Errorf("panel lacks %q:\n%.600s", want, h)
		}
	}
	if p := panel(params, defaults(params), "", c, nil); strings.Contains(p, "golgi-error") || strings.Contains(p, "(function(define") {
		t.Error("a panel (replaced when a slider moves) must not carry the library or its error")
	}
}
