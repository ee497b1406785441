package mech_test

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// KSlow is a user-written channel, the whole of it in one file: a slow
// potassium current ik = gbar·n·(v - ek), n' = (n∞(v) - n)/tau with
// n∞ = 1/(1 + exp(-(v + 35)/10)), integrated as NEURON's cnexp would.
type KSlow struct {
	GBar float64 // S/cm²
	Tau  float64 // ms
}

func (KSlow) Name() string   { return "kslow" }
func (KSlow) Ions() []string { return []string{"k"} } // reads ek, adds to ik

func (p KSlow) Validate(mech.Env) error {
	return mech.First(mech.NonNegative("gbar", p.GBar, " S/cm²"), mech.Positive("tau", p.Tau, " ms"))
}

func (KSlow) New(params []mech.Density, c mech.Context) mech.Instance {
	s := &kslow{node: c.Node, k: c.Ions["k"], gbar: make([]float64, len(params)),
		tau: make([]float64, len(params)), n: make([]float64, len(params))}
	for i, q := range params {
		p := q.(KSlow)
		s.gbar[i], s.tau[i] = p.GBar, p.Tau
	}
	return s
}

// kslow is the channel's state over every segment that carries it.
type kslow struct {
	node         []int32
	k            *mech.Ion
	gbar, tau, n []float64
}

func ninf(v float64) float64 { return 1 / (1 + math.Exp(-(v+35)/10)) }

func (s *kslow) Vars() []string { return []string{"n", "gbar", "tau"} }
func (s *kslow) Var(name string) []float64 {
	switch name {
	case "n":
		return s.n
	case "gbar":
		return s.gbar
	case "tau":
		return s.tau
	}
	return nil
}

func (s *kslow) Init(st mech.Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		s.n[i] = ninf(st.V[s.node[i]])
	}
}

func (s *kslow) Current(st mech.Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		nd := s.node[i]
		g := s.gbar[i] * s.n[i] // S/cm²: the current is linear in v
		ik := g * (st.V[nd] - s.k.E[nd])
		s.k.I[nd] += ik
		s.k.DIDV[nd] += g
		st.RHS[nd] -= ik
		st.D[nd] += g
	}
}

func (s *kslow) Advance(st mech.Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		s.n[i] = mech.Cnexp(s.n[i], ninf(st.V[s.node[i]]), s.tau[i], st.DT) // NEURON's cnexp
	}
}

// A soma with hh fires tonically under a current step; adding the slow
// potassium channel makes it adapt.
func Example_userChannel() {
	run := func(extra ...mech.Density) int {
		c := cell.Cell{
			Sections: []cell.Section{{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1,
				Mechs: append([]mech.Density{mech.DefaultHH()}, extra...)}},
			Points:   []cell.PointProcess{{Section: "soma", X: 0.5, Mech: mech.IClamp{Del: 5, Dur: 200, Amp: 0.2}}},
			Detector: &cell.Detector{Section: "soma", X: 0.5, Threshold: 0},
		}
		s, err := cell.New(c, nil)
		if err != nil {
			panic(err)
		}
		if err := s.Run(210); err != nil {
			panic(err)
		}
		return len(s.Spikes())
	}
	fmt.Println("hh alone:", run(), "spikes")
	fmt.Println("hh + kslow:", run(KSlow{GBar: 0.002, Tau: 100}), "spikes")
	// Output:
	// hh alone: 16 spikes
	// hh + kslow: 11 spikes
}
