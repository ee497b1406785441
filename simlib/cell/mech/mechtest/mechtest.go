package mechtest

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// DefaultEnv is NEURON's default environment: dt 0.025 ms, 6.3 °C,
// backward Euler.
func DefaultEnv() mech.Env { return mech.Env{DT: 0.025, Celsius: 6.3} }

// reversal potentials used for the ions a mechanism names (mV).
var ionE = map[string]float64{"na": 50, "k": -77}

// concentrations (mM, inner and outer) given to the ions a mechanism names:
// NEURON's defaults.
var ionConc = map[string][2]float64{"na": {10, 140}, "k": {54.4, 2.5}, "ca": {5e-5, 2}}

const (
	nCells  = 3
	perCell = 2
	nLoc    = nCells * perCell
	nNodes  = nLoc + 2 // two nodes without the mechanism
)

type rig struct {
	ctx  mech.Context
	ions []string
	v    []float64
}

func newRig(ions []string, env mech.Env) *rig {
	r := &rig{ions: ions, v: make([]float64, nNodes)}
	r.ctx = mech.Context{Env: env, Cells: nCells, PerCell: perCell, Ions: map[string]*mech.Ion{}}
	for i := 0; i < nLoc; i++ {
		r.ctx.Node = append(r.ctx.Node, int32(i+1)) // node 0 and the last carry nothing
		r.ctx.Area = append(r.ctx.Area, 500+50*float64(i))
	}
	for _, name := range ions {
		e, ok := ionE[name]
		if !ok {
			e = -30
		}
		io := &mech.Ion{Name: name, E: make([]float64, nNodes), I: make([]float64, nNodes), DIDV: make([]float64, nNodes),
			Ci: make([]float64, nNodes), Co: make([]float64, nNodes)}
		for i := range io.E {
			io.E[i] = e
			io.Ci[i], io.Co[i] = ionConc[name][0], ionConc[name][1]
		}
		r.ctx.Ions[name] = io
	}
	for i := range r.v {
		r.v[i] = -65 + 3*float64(i)
	}
	return r
}

func (r *rig) step(t float64) mech.Step {
	return mech.Step{V: r.v, RHS: make([]float64, nNodes), D: make([]float64, nNodes), T: t, DT: r.ctx.DT}
}

func snapshot(inst mech.Instance) map[string][]float64 {
	out := map[string][]float64{}
	for _, n := range inst.Vars() {
		out[n] = append([]float64(nil), inst.Var(n)...)
	}
	return out
}

// Density checks a density mechanism (see the package doc).
func Density(t testing.TB, m mech.Density, env mech.Env) {
	t.Helper()
	var ions []string
	if iu, ok := m.(mech.IonUser); ok {
		ions = iu.Ions()
	}
	params := make([]mech.Density, nLoc)
	for i := range params {
		params[i] = m
	}
	check(t, m.Name(), m.Validate(env), ions, env,
		func(c mech.Context) mech.Instance { return m.New(params, c) })
}

// Point checks a point process; if it takes events, events of weight w are
// delivered to some locations during the ramp.
func Point(t testing.TB, m mech.Point, env mech.Env, w float64) {
	t.Helper()
	var ions []string
	if iu, ok := m.(mech.IonUser); ok {
		ions = iu.Ions()
	}
	params := make([]mech.Point, nLoc)
	for i := range params {
		params[i] = m
	}
	check(t, m.Name(), m.Validate(env), ions, env,
		func(c mech.Context) mech.Instance {
			inst := m.New(params, c)
			if r, ok := inst.(mech.Receiver); ok && w != 0 {
				wrapped := &receiving{Instance: inst, r: r, w: w}
				return wrapped
			}
			return inst
		})
}

// receiving delivers an event to every other location at Init.
type receiving struct {
	mech.Instance
	r mech.Receiver
	w float64
}

func (x *receiving) Init(s mech.Step, lo, hi int) {
	x.Instance.Init(s, lo, hi)
	for i := lo; i < hi; i += 2 {
		x.r.Receive(i, x.w, 0)
	}
}

func check(t testing.TB, name string, verr error, ions []string, env mech.Env, build func(mech.Context) mech.Instance) {
	t.Helper()
	if verr != nil {
		t.Fatalf("%s: the parameters do not validate: %v", name, verr)
	}
	if name == "" {
		t.Errorf("empty Name")
	}
	r := newRig(ions, env)
	inst := build(r.ctx)
	vars := inst.Vars()
	if len(vars) == 0 {
		t.Errorf("%s: Vars is empty", name)
	}
	for _, v := range vars {
		if got := len(inst.Var(v)); got != nLoc {
			t.Errorf("%s: Var(%q) has %d values, want one per location (%d)", name, v, got, nLoc)
		}
	}
	if inst.Var("no such variable") != nil {
		t.Errorf("%s: Var of an unknown name should be nil", name)
	}
	inst.Init(r.step(0), 0, nLoc)

	// ranges: [perCell, 2*perCell) touches only its locations and nodes
	lo, hi := perCell, 2*perCell
	before := snapshot(inst)
	s := r.step(0.0125)
	inst.Current(s, lo, hi)
	for nd := range s.RHS {
		inRange := nd >= int(r.ctx.Node[lo]) && nd <= int(r.ctx.Node[hi-1])
		if !inRange && (s.RHS[nd] != 0 || s.D[nd] != 0) {
			t.Errorf("%s: Current(%d, %d) wrote node %d outside its range", name, lo, hi, nd)
		}
	}
	inst.Advance(r.step(0.025), lo, hi)
	after := snapshot(inst)
	for v, old := range before {
		for i := range old {
			if (i < lo || i >= hi) && !same(old[i], after[v][i]) {
				t.Errorf("%s: Advance(%d, %d) changed %s at location %d outside its range", name, lo, hi, v, i)
			}
		}
	}

	// the conductance is the slope of the current, location by location
	s0 := r.step(0.5)
	inst.Current(s0, 0, nLoc)
	const dv = 1e-3
	for i := range r.v {
		r.v[i] += dv
	}
	s1 := r.step(0.5)
	inst.Current(s1, 0, nLoc)
	for i := range r.v {
		r.v[i] -= dv
	}
	for _, nd := range r.ctx.Node {
		slope := -(s1.RHS[nd] - s0.RHS[nd]) / dv
		g := s0.D[nd]
		if math.Abs(slope-g) > 1e-3*math.Abs(g)+1e-9 {
			t.Errorf("%s: at node %d the diagonal gets %g but the current's slope is %g", name, nd, g, slope)
		}
	}

	// a ramp from -100 to +60 mV and back keeps every variable finite, and
	// a second instance gives the same bits
	r2 := newRig(ions, env)
	inst = build(r.ctx)
	twin := build(r2.ctx)
	inst.Init(r.step(0), 0, nLoc)
	twin.Init(r2.step(0), 0, nLoc)
	for k := 0; k < 400; k++ {
		v := -100 + 160*math.Abs(math.Sin(float64(k)*0.02))
		for i := range r.v {
			r.v[i] = v + float64(i)
			r2.v[i] = r.v[i]
		}
		tt := float64(k) * env.DT
		inst.Current(r.step(tt+env.DT/2), 0, nLoc)
		twin.Current(r2.step(tt+env.DT/2), 0, nLoc)
		inst.Advance(r.step(tt+env.DT), 0, nLoc)
		twin.Advance(r2.step(tt+env.DT), 0, nLoc)
	}
	a, b := snapshot(inst), snapshot(twin)
	for v, xs := range a {
		for i, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("%s: %s at location %d is %v after a voltage ramp", name, v, i, x)
			}
			if !same(x, b[v][i]) {
				t.Errorf("%s: %s at location %d differs between two identical instances", name, v, i)
			}
		}
	}
}

func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
