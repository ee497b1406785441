package plasticity

// Triplet is Pfister & Gerstner (2006)'s triplet STDP rule. Every synapse
// has two presynaptic traces r1 (TauPlus) and r2 (TauX) and two
// postsynaptic traces o1 (TauMinus) and o2 (TauY), dimensionless.
//
// A presynaptic spike reaching the synapse: the PSP gets w as it is, then
//
//	w ← clip(w − o1·(A2Minus + A3Minus·r2))   (r2 just before the spike)
//	r1 += 1, r2 += 1                          (Nearest: r1 = r2 = 1)
//
// A postsynaptic spike reaching the synapse:
//
//	w ← clip(w + r1·(A2Plus + A3Plus·o2))     (o2 just before the spike)
//	o1 += 1, o2 += 1                          (Nearest: o1 = o2 = 1)
//
// with clip to [WMin, WMax] (the paper's rule is additive and unbounded:
// give wide bounds). AllToAll is the paper's all-to-all interaction,
// Nearest its nearest-spike interaction; its minimal model is A3Minus = 0
// (and A2Plus = 0).
type Triplet struct {
	TauPlus  float64 // time constant of r1 (ms), > 0
	TauX     float64 // time constant of r2 (ms), > 0
	TauMinus float64 // time constant of o1 (ms), > 0
	TauY     float64 // time constant of o2 (ms), > 0
	A2Plus   float64 // pair potentiation amplitude (weight units), >= 0
	A3Plus   float64 // triplet potentiation amplitude (weight units), >= 0
	A2Minus  float64 // pair depression amplitude (weight units), >= 0
	A3Minus  float64 // triplet depression amplitude (weight units), >= 0

	WMin, WMax float64 // weight bounds (weight units), WMin <= WMax
	Pairing    Pairing // AllToAll (default) or Nearest
	Dendritic  float64 // dendritic part of the synapse's delay (ms); 0: all axonal
}

// DefaultTriplet returns the all-to-all full model fitted to visual cortex
// data in Pfister & Gerstner (2006), Table 4: τ+ = 16.8 ms, τx = 101 ms,
// τ− = 33.7 ms, τy = 125 ms, A2+ = 5·10⁻¹⁰, A3+ = 6.2·10⁻³, A2− = 7·10⁻³,
// A3− = 2.3·10⁻⁴, with weights in [0, 1].
func DefaultTriplet() Triplet {
	return Triplet{TauPlus: 16.8, TauX: 101, TauMinus: 33.7, TauY: 125,
		A2Plus: 5e-10, A3Plus: 6.2e-3, A2Minus: 7e-3, A3Minus: 2.3e-4, WMin: 0, WMax: 1}
}

func (Triplet) Kind() string                      { return "stdp-triplet" }
func (p Triplet) WeightRange() (float64, float64) { return p.WMin, p.WMax }
func (p Triplet) Timing() Timing                  { return Timing{Post: true, Dendritic: p.Dendritic} }

func (p Triplet) Validate(dt float64) error {
	const obj = "plasticity.Triplet"
	for _, err := range []error{
		checkTau(obj, "TauPlus", p.TauPlus), checkTau(obj, "TauX", p.TauX),
		checkTau(obj, "TauMinus", p.TauMinus), checkTau(obj, "TauY", p.TauY),
		checkAmp(obj, "A2Plus", p.A2Plus), checkAmp(obj, "A3Plus", p.A3Plus),
		checkAmp(obj, "A2Minus", p.A2Minus), checkAmp(obj, "A3Minus", p.A3Minus),
		checkBounds(obj, p.WMin, p.WMax), checkEnums(obj, Additive, p.Pairing),
		checkDendritic(obj, p.Dendritic, dt),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

func (p Triplet) New(w []float64, dt float64) Synapses {
	n := len(w)
	return &tripletState{p: p, dt: dt, w: w, r1: make([]float64, n), r2: make([]float64, n),
		o1: make([]float64, n), o2: make([]float64, n), last: make([]int64, n)}
}

type tripletState struct {
	p              Triplet
	dt             float64
	w              []float64
	r1, r2, o1, o2 []float64
	last           []int64
}

func (s *tripletState) advance(k int64, step int64) {
	if d := step - s.last[k]; d != 0 {
		p := &s.p
		s.r1[k] = float64(s.r1[k] * decay(d, s.dt, p.TauPlus))
		s.r2[k] = float64(s.r2[k] * decay(d, s.dt, p.TauX))
		s.o1[k] = float64(s.o1[k] * decay(d, s.dt, p.TauMinus))
		s.o2[k] = float64(s.o2[k] * decay(d, s.dt, p.TauY))
		s.last[k] = step
	}
}

func (s *tripletState) Pre(step int64, syn []int64, psp []float64) {
	p := &s.p
	for i, k := range syn {
		s.advance(k, step)
		w := s.w[k]
		psp[i] = w
		w -= float64(s.o1[k] * (p.A2Minus + float64(p.A3Minus*s.r2[k])))
		s.w[k] = clip(w, p.WMin, p.WMax)
		if p.Pairing == Nearest {
			s.r1[k], s.r2[k] = 1, 1
		} else {
			s.r1[k]++
			s.r2[k]++
		}
	}
}

func (s *tripletState) Post(step int64, syn []int64) {
	p := &s.p
	for _, k := range syn {
		s.advance(k, step)
		w := s.w[k] + float64(s.r1[k]*(p.A2Plus+float64(p.A3Plus*s.o2[k])))
		s.w[k] = clip(w, p.WMin, p.WMax)
		if p.Pairing == Nearest {
			s.o1[k], s.o2[k] = 1, 1
		} else {
			s.o1[k]++
			s.o2[k]++
		}
	}
}

func (s *tripletState) Vars() []string { return []string{"w", "r1", "r2", "o1", "o2"} }

func (s *tripletState) Var(name string) []float64 {
	switch name {
	case "w":
		return s.w
	case "r1":
		return s.r1
	case "r2":
		return s.r2
	case "o1":
		return s.o1
	case "o2":
		return s.o2
	}
	return nil
}
