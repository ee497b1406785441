package mechtest

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// TestBuiltins runs the suite on every built-in mechanism.
func TestBuiltins(t *testing.T) {
	env := DefaultEnv()
	Density(t, mech.DefaultPas(), env)
	Density(t, mech.DefaultHH(), env)
	Density(t, mech.HH{GNaBar: 0.12, GKBar: 0.036, GL: 0.0003, EL: -54.3, NoTable: true}, mech.Env{DT: 0.01, Celsius: 37})
	Point(t, mech.DefaultExpSyn(), env, 0.001)
	Point(t, mech.DefaultExp2Syn(), env, 0.001)
	Point(t, mech.IClamp{Del: 1, Dur: 5, Amp: 0.1}, env, 0)
	Point(t, mech.SEClamp{Rs: 1, Dur1: 2, Amp1: -40, Dur2: 3, Amp2: 0}, env, 0)
}

// broken adds current outside its range: the suite must notice.
type broken struct{ mech.Pas }

func (b broken) New(p []mech.Density, c mech.Context) mech.Instance {
	q := make([]mech.Density, len(p))
	for i := range p {
		q[i] = b.Pas
	}
	return &brokenState{Instance: b.Pas.New(q, c), node: c.Node}
}

type brokenState struct {
	mech.Instance
	node []int32
}

func (s *brokenState) Current(st mech.Step, lo, hi int) {
	s.Instance.Current(st, 0, len(s.node)) // ignores the range
}

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestSuiteCatchesRangeViolation(t *testing.T) {
	r := &recorder{TB: t}
	Density(r, broken{mech.DefaultPas()}, DefaultEnv())
	if !r.failed {
		t.Error("a mechanism writing outside its range passed the suite")
	}
}
