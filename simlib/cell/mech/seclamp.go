package mech

// SEClamp is NEURON's single-electrode voltage clamp (svclmp.mod): three
// consecutive levels Amp1..3 (mV) lasting Dur1..3 (ms) from t = 0, applied
// through the series resistance Rs (MΩ): i = (vc - v)/rs (nA, into the
// cell) while a level is on, 0 after the three. As in NEURON's fixed step
// the level is chosen at mid-step, the matrix uses di/dv = -1/rs, and the
// recorded i is recomputed with the new v after the step (after_cvode).
type SEClamp struct {
	Rs               float64 // series resistance (MΩ); NEURON's default 1
	Dur1, Dur2, Dur3 float64 // durations (ms)
	Amp1, Amp2, Amp3 float64 // command levels (mV)
}

// DefaultSEClamp returns svclmp.mod's defaults: rs 1 MΩ, all durations and
// levels 0 (off).
func DefaultSEClamp() SEClamp { return SEClamp{Rs: 1} }

func (SEClamp) Name() string { return "SEClamp" }

func (p SEClamp) Validate(Env) error {
	if !finite(p.Rs) || p.Rs < 1e-9 || p.Rs > 1e9 {
		return &ParamError{"rs", p.Rs, " MΩ", "must be in [1e-9, 1e9] (svclmp.mod's limits)"}
	}
	return First(
		NonNegative("dur1", p.Dur1, " ms"), NonNegative("dur2", p.Dur2, " ms"), NonNegative("dur3", p.Dur3, " ms"),
		Finite("amp1", p.Amp1, " mV"), Finite("amp2", p.Amp2, " mV"), Finite("amp3", p.Amp3, " mV"))
}

func (SEClamp) New(params []Point, c Context) Instance {
	n := len(params)
	mk := func() []float64 { return make([]float64, n) }
	s := &seclampState{node: c.Node, fac: mk(), rs: mk(), dur1: mk(), dur2: mk(), dur3: mk(),
		amp1: mk(), amp2: mk(), amp3: mk(), tc2: mk(), tc3: mk(), vc: mk(), i: mk(), on: mk()}
	for k, q := range params {
		p := q.(SEClamp)
		s.rs[k], s.dur1[k], s.dur2[k], s.dur3[k] = p.Rs, p.Dur1, p.Dur2, p.Dur3
		s.amp1[k], s.amp2[k], s.amp3[k] = p.Amp1, p.Amp2, p.Amp3
		s.fac[k] = 1e2 / c.Area[k]
	}
	return s
}

type seclampState struct {
	node                []int32
	fac, rs             []float64
	dur1, dur2, dur3    []float64
	amp1, amp2, amp3    []float64
	tc2, tc3, vc, i, on []float64
}

func (s *seclampState) Vars() []string {
	return []string{"i", "vc", "rs", "dur1", "dur2", "dur3", "amp1", "amp2", "amp3"}
}

func (s *seclampState) Var(name string) []float64 {
	switch name {
	case "i":
		return s.i
	case "vc":
		return s.vc
	case "rs":
		return s.rs
	case "dur1":
		return s.dur1
	case "dur2":
		return s.dur2
	case "dur3":
		return s.dur3
	case "amp1":
		return s.amp1
	case "amp2":
		return s.amp2
	case "amp3":
		return s.amp3
	}
	return nil
}

func (s *seclampState) Init(_ Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		s.tc2[k] = s.dur1[k] + s.dur2[k]
		s.tc3[k] = s.tc2[k] + s.dur3[k]
		s.on[k] = 0
	}
}

// icur is svclmp.mod's current at v.
func (s *seclampState) icur(k int, v float64) float64 {
	if s.on[k] != 0 {
		return (s.vc[k] - v) / s.rs[k]
	}
	return 0
}

// vstim chooses the command level at time t.
func (s *seclampState) vstim(k int, t float64) {
	s.on[k] = 1
	switch {
	case t < s.dur1[k]:
		s.vc[k] = s.amp1[k]
	case t < s.tc2[k]:
		s.vc[k] = s.amp2[k]
	case t < s.tc3[k]:
		s.vc[k] = s.amp3[k]
	default:
		s.vc[k] = 0
		s.on[k] = 0
	}
}

func (s *seclampState) Current(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		nd := s.node[k]
		v := st.V[nd]
		s.vstim(k, st.T)
		i1 := s.icur(k, v+0.001)
		i0 := s.icur(k, v)
		s.i[k] = i0
		g := (i1 - i0) / 0.001
		// an electrode current: added to the right-hand side, its slope
		// subtracted from the diagonal
		st.RHS[nd] += i0 * s.fac[k]
		st.D[nd] -= g * s.fac[k]
	}
}

func (s *seclampState) Advance(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		s.i[k] = s.icur(k, st.V[s.node[k]])
	}
}
