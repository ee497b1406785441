package mech

// IClamp is NEURON's current pulse (stim.mod): i = amp (nA) while
// del <= t < del + dur, else 0, injected into the cell (an electrode
// current). As in NEURON's fixed step, t is the middle of the step.
type IClamp struct {
	Del float64 // onset (ms)
	Dur float64 // duration (ms), >= 0
	Amp float64 // amplitude (nA), positive depolarises
}

func (IClamp) Name() string { return "IClamp" }

func (p IClamp) Validate(Env) error {
	return First(Finite("del", p.Del, " ms"), Finite("amp", p.Amp, " nA"),
		func() error {
			if !finite(p.Dur) || p.Dur < 0 || p.Dur > 1e9 {
				return &ParamError{"dur", p.Dur, " ms", "must be in [0, 1e9]"}
			}
			return nil
		}())
}

func (IClamp) New(params []Point, c Context) Instance {
	n := len(params)
	s := &iclampState{node: c.Node, fac: make([]float64, n), del: make([]float64, n), dur: make([]float64, n),
		amp: make([]float64, n), i: make([]float64, n)}
	for k, q := range params {
		p := q.(IClamp)
		s.del[k], s.dur[k], s.amp[k] = p.Del, p.Dur, p.Amp
		s.fac[k] = 1e2 / c.Area[k]
	}
	return s
}

type iclampState struct {
	node                  []int32
	fac, del, dur, amp, i []float64
}

func (s *iclampState) Vars() []string { return []string{"i", "del", "dur", "amp"} }

func (s *iclampState) Var(name string) []float64 {
	switch name {
	case "i":
		return s.i
	case "del":
		return s.del
	case "dur":
		return s.dur
	case "amp":
		return s.amp
	}
	return nil
}

func (s *iclampState) Init(_ Step, lo, hi int) { clear(s.i[lo:hi]) }

func (s *iclampState) Current(st Step, lo, hi int) {
	t := st.T
	for k := lo; k < hi; k++ {
		i := 0.0
		if t < s.del[k]+s.dur[k] && t >= s.del[k] {
			i = s.amp[k]
		}
		s.i[k] = i
		// an electrode current enters the cell: it adds to the right-hand side
		st.RHS[s.node[k]] += i * s.fac[k]
	}
}

func (s *iclampState) Advance(Step, int, int) {}
