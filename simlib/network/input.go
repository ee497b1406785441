package network

import "math"

// prepare computes the membrane input of neurons [lo, hi) at the start
// of the step (stimuli, and each receptor's output), and in the same pass
// over each receptor's state (which the input no longer needs) propagates
// it by one step and adds the spikes due at this update from its ring slot,
// which it clears: steps 1 and 2 of the update for the synapses.
func (p *popRT) prepare(w, lo, hi int, step int64, t float64) {
	in := &p.in
	I := in.I[lo:hi]
	n := len(I)
	if p.hasCur || len(p.stims) > 0 {
		clear(I)
		for k := range p.stims {
			s := &p.stims[k]
			if s.targets == nil {
				s.src.Add(step, t, lo, hi, in.I)
				continue
			}
			a, b := s.klo[w], s.khi[w]
			if a == b {
				continue
			}
			sc := s.scratch
			clear(sc[a:b])
			s.src.Add(step, t, a, b, sc)
			for j := a; j < b; j++ {
				in.I[s.targets[j]] += sc[j]
			}
		}
	}
	var G, GE []float64
	if p.hasCond {
		G, GE = in.G[lo:hi][:n], in.GE[lo:hi][:n]
	}
	firstCond := true
	for _, r := range p.rec {
		if r.delta {
			continue
		}
		slot := r.ring[(step%r.D)*int64(p.n):][lo:hi][:n]
		P, B, c := r.lin.P, r.lin.B, r.c
		switch {
		case r.lin.N == 1 && !r.r.Conductance:
			s := r.s[0][lo:hi][:n]
			a, b, c0 := P[0][0], B[0], c[0]
			for i := range s {
				I[i] += float64(c0 * s[i])
				s[i] = float64(a*s[i]) + float64(b*slot[i])
				slot[i] = 0
			}
		case r.lin.N == 1 && r.pair != nil:
			// two single-state conductance receptors in one pass
			q := r.pair
			s, s2 := r.s[0][lo:hi][:n], q.s[0][lo:hi][:n]
			slot2 := q.ring[(step%q.D)*int64(p.n):][lo:hi][:n]
			a, b, c0, ce := P[0][0], B[0], c[0], c[0]*r.r.ERev
			a2, b2, d0, de := q.lin.P[0][0], q.lin.B[0], q.c[0], q.c[0]*q.r.ERev
			if firstCond {
				for i := range s {
					x, y := s[i], s2[i]
					G[i] = float64(c0*x) + float64(d0*y)
					GE[i] = float64(ce*x) + float64(de*y)
					s[i] = float64(a*x) + float64(b*slot[i])
					s2[i] = float64(a2*y) + float64(b2*slot2[i])
					slot[i], slot2[i] = 0, 0
				}
			} else {
				for i := range s {
					x, y := s[i], s2[i]
					G[i] += float64(c0*x) + float64(d0*y)
					GE[i] += float64(ce*x) + float64(de*y)
					s[i] = float64(a*x) + float64(b*slot[i])
					s2[i] = float64(a2*y) + float64(b2*slot2[i])
					slot[i], slot2[i] = 0, 0
				}
			}
			firstCond = false
		case r.lin.N == 1 && r.paired:
			// done with its partner
		case r.lin.N == 1:
			s := r.s[0][lo:hi][:n]
			a, b, c0, ce := P[0][0], B[0], c[0], c[0]*r.r.ERev
			if firstCond {
				for i := range s {
					G[i] = c0 * s[i]
					GE[i] = ce * s[i]
					s[i] = float64(a*s[i]) + float64(b*slot[i])
					slot[i] = 0
				}
			} else {
				for i := range s {
					G[i] += float64(c0 * s[i])
					GE[i] += float64(ce * s[i])
					s[i] = float64(a*s[i]) + float64(b*slot[i])
					slot[i] = 0
				}
			}
			firstCond = false
		default: // two states
			s0, s1 := r.s[0][lo:hi][:n], r.s[1][lo:hi][:n]
			var dst []float64
			if r.r.Conductance {
				if firstCond {
					clear(G)
					clear(GE)
					firstCond = false
				}
				dst = G
			} else {
				dst = I
			}
			for i := range s0 {
				x, y := s0[i], s1[i]
				o := float64(c[0]*x) + float64(c[1]*y)
				dst[i] += o
				if r.r.Conductance {
					GE[i] += float64(r.r.ERev * o)
				}
				s0[i] = float64(P[0][0]*x) + float64(P[0][1]*y) + float64(B[0]*slot[i])
				s1[i] = float64(P[1][0]*x) + float64(P[1][1]*y) + float64(B[1]*slot[i])
				slot[i] = 0
			}
		}
	}
}

// receiveJumps sets the voltage jumps of delta receptors for the next
// update from the ring slots of this one (and clears them): delta spikes
// due at update n act on the membrane in update n+1, like the others.
func (p *popRT) receiveJumps(lo, hi int, step int64) {
	J := p.in.Jump[lo:hi]
	clear(J)
	for _, r := range p.rec {
		if !r.delta {
			continue
		}
		slot := r.ring[(step%r.D)*int64(p.n):][lo:hi][:len(J)]
		for i := range J {
			J[i] += slot[i]
			slot[i] = 0
		}
	}
}

// checkFinite returns an error naming the first NaN or Inf in the state of
// neurons [lo, hi).
func (p *popRT) checkFinite(lo, hi int, step int64, dt float64) error {
	for _, v := range p.check {
		// four partial sums: independent chains; NaN or Inf in any term
		// makes its sum non-finite (x - x != 0).
		v = v[lo:hi]
		var s0, s1, s2, s3 float64
		i := 0
		for ; i+4 <= len(v); i += 4 {
			s0 += v[i]
			s1 += v[i+1]
			s2 += v[i+2]
			s3 += v[i+3]
		}
		for ; i < len(v); i++ {
			s0 += v[i]
		}
		if s := s0 + s1 + s2 + s3; s-s == 0 {
			continue
		}
		names := p.varNames()
		for k, vv := range p.check {
			for i := lo; i < hi; i++ {
				if math.IsNaN(vv[i]) || math.IsInf(vv[i], 0) {
					return &FaultError{Pop: p.p.name, Model: p.p.model.Kind(), Neuron: i, Var: names[k], Value: vv[i], Step: step, T: float64(step) * dt}
				}
			}
		}
	}
	return nil
}
