package vec

import ()

// The fused kernels do a population's receptor pass and its LIF update in
// one loop: for each neuron they compute the receptors' outputs (kept in
// registers, never stored), propagate the receptor states and clear their
// ring slots, then advance v and apply the threshold. Each gives the bits
// of the receptor kernel (Cur1/Cur1Pair with first, Cond1/Cond1Pair with
// first) followed by the LIF kernel on what it wrote, for a population
// with no other input: I is zero for the conductance kernels (no
// stimulus, no current receptor) and the jumps are zero (no delta
// receptor), which the kernels add as +0, as the two passes would.
//
// v, ref and every state s and slot r are the neurons' slices (equal
// lengths, distinct arrays); spikes are appended to dst as off + index.
// Each also returns fin: true proves every v it stored finite (no NaN, no
// Inf), which spares the caller a pass over v to check it; false says
// only that some v may not be (finite values can make the generic
// kernel's test, a sum, overflow), and the caller scans.

// LIFCurrExactCur1 is Cur1(I, s, r, k, true) followed by
// LIFCurrExact(c, v, ref, I, zeros, off, dst).
func LIFCurrExactCur1(c *LIF, v []float64, ref []int32, s, r []float64, k Recv1, off int, dst []int32) ([]int32, bool) {
	return fused(currExact, "LIFCurrExactCur1", c, v, ref, s, r, nil, nil, k, Recv1{}, off, dst)
}

// LIFCurrExactCur1Pair is Cur1Pair(I, s, r, s2, r2, k, k2, true) followed
// by LIFCurrExact(c, v, ref, I, zeros, off, dst).
func LIFCurrExactCur1Pair(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	return fused(currExact, "LIFCurrExactCur1Pair", c, v, ref, s, r, s2, r2, k, k2, off, dst)
}

// LIFCondExpCond1 is Cond1(G, GE, s, r, k, true) followed by
// LIFCondExp(c, v, ref, G, GE, zeros, zeros, off, dst).
func LIFCondExpCond1(c *LIF, v []float64, ref []int32, s, r []float64, k Recv1, off int, dst []int32) ([]int32, bool) {
	return fused(condExp, "LIFCondExpCond1", c, v, ref, s, r, nil, nil, k, Recv1{}, off, dst)
}

// LIFCondExpCond1Pair is Cond1Pair(G, GE, s, r, s2, r2, k, k2, true)
// followed by LIFCondExp(c, v, ref, G, GE, zeros, zeros, off, dst).
func LIFCondExpCond1Pair(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	return fused(condExp, "LIFCondExpCond1Pair", c, v, ref, s, r, s2, r2, k, k2, off, dst)
}

// LIFCondEulerCond1 is Cond1(G, GE, s, r, k, true) followed by
// LIFCondEuler(c, v, ref, G, GE, zeros, zeros, off, dst).
func LIFCondEulerCond1(c *LIF, v []float64, ref []int32, s, r []float64, k Recv1, off int, dst []int32) ([]int32, bool) {
	return fused(condEuler, "LIFCondEulerCond1", c, v, ref, s, r, nil, nil, k, Recv1{}, off, dst)
}

// LIFCondEulerCond1Pair is Cond1Pair(G, GE, s, r, s2, r2, k, k2, true)
// followed by LIFCondEuler(c, v, ref, G, GE, zeros, zeros, off, dst).
func LIFCondEulerCond1Pair(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	return fused(condEuler, "LIFCondEulerCond1Pair", c, v, ref, s, r, s2, r2, k, k2, off, dst)
}

// The fused schemes.
const (
	currExact = iota
	condExp
	condEuler
)

// fused checks the lengths (s2 nil: one receptor) and runs the kernel of
// scheme: the assembly when Accelerated, else the generic kernel.
func fused(scheme int, name string, c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
	var kp2 *Recv1
	if s2 != nil {
		sameLen(name, len(v), len(ref), len(s), len(r), len(s2), len(r2))
		kp2 = &k2
	} else {
		sameLen(name, len(v), len(ref), len(s), len(r))
	}
	switch {
	case accel && scheme == currExact:
		return fusedCurrExactAsm(c, v, ref, s, r, s2, r2, &k, kp2, off, dst)
	case accel && scheme == condExp:
		return fusedCondExpAsm(c, v, ref, s, r, s2, r2, &k, kp2, off, dst)
	case accel:
		return fusedCondEulerAsm(c, v, ref, s, r, s2, r2, &k, kp2, off, dst)
	case scheme == currExact:
		dst = fusedCurrExactGo(c, v, ref, s, r, s2, r2, k, k2, off, dst)
	case scheme == condExp:
		dst = fusedCondExpGo(c, v, ref, s, r, s2, r2, k, k2, off, dst)
	default:
		dst = fusedCondEulerGo(c, v, ref, s, r, s2, r2, k, k2, off, dst)
	}
	return dst, SumFinite(v)
}

// The generic fused kernels: the statements of the receptor kernel and of
// the LIF kernel for one neuron, one after the other; s2 nil for one
// receptor.

// fusedCurrExactGo is LIFCurrExactCur1 (s2 nil) or LIFCurrExactCur1Pair.
func fusedCurrExactGo(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 Recv1, off int, dst []int32) []int32 {
	n := len(v)
	ref, s, r = ref[:n], s[:n], r[:n]
	pair := s2 != nil
	if pair {
		s2, r2 = s2[:n], r2[:n]
	}
	rest, prop, ioff, rr, t := c.VRest, c.Prop, c.IOffset, c.R, c.threshold()
	for i := range v {
		x := s[i]
		in := 0 + float64(k.C*x)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		r[i] = 0
		if pair {
			y := s2[i]
			in += float64(k2.C * y)
			s2[i] = float64(k2.A*y) + float64(k2.B*r2[i])
			r2[i] = 0
		}
		if ref[i] > 0 {
			ref[i]--
			v[i] = t.vr
			continue
		}
		vi := rest + float64((v[i]-rest)*prop) + float64((in+ioff)*rr) + 0
		dst = t.settle(v, ref, i, vi, off, dst)
	}
	return dst
}

// fusedCondExpGo is LIFCondExpCond1 (s2 nil) or LIFCondExpCond1Pair.
func fusedCondExpGo(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 Recv1, off int, dst []int32) []int32 {
	n := len(v)
	ref, s, r = ref[:n], s[:n], r[:n]
	pair := s2 != nil
	if pair {
		s2, r2 = s2[:n], r2[:n]
	}
	gl, base, kk, t := c.GL, c.Base, c.K, c.threshold()
	for i := range v {
		g, ge := condRecv(s, r, s2, r2, i, &k, &k2, pair)
		if ref[i] > 0 {
			ref[i]--
			v[i] = t.vr
			continue
		}
		// lifCondExpGo's steps, with no current and no jump (both +0,
		// added as that kernel adds them).
		gt := gl + g
		vinf := (base + ge + 0) / gt
		e := ExpNeg(float64(kk * gt))
		dst = t.settle(v, ref, i, vinf+float64((v[i]-vinf)*e)+0, off, dst)
	}
	return dst
}

// fusedCondEulerGo is LIFCondEulerCond1 (s2 nil) or LIFCondEulerCond1Pair:
// lifCondEulerGo's step with no current and no jump (both +0, added as
// that kernel adds them).
func fusedCondEulerGo(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 Recv1, off int, dst []int32) []int32 {
	n := len(v)
	ref, s, r = ref[:n], s[:n], r[:n]
	pair := s2 != nil
	if pair {
		s2, r2 = s2[:n], r2[:n]
	}
	gl, base, kk, t := c.GL, c.Base, c.K, c.threshold()
	for i := range v {
		g, ge := condRecv(s, r, s2, r2, i, &k, &k2, pair)
		if ref[i] > 0 {
			ref[i]--
			v[i] = t.vr
			continue
		}
		vi := v[i] + (float64(kk*(base-float64((gl+g)*v[i])+ge+0)) + 0)
		dst = t.settle(v, ref, i, vi, off, dst)
	}
	return dst
}

// condRecv is the conductance receptor pass of the generic fused kernels
// for neuron i (the second receptor when pair): the outputs g = C·s (+
// C₂·s₂) and ge = CE·s (+ CE₂·s₂) of the states at the start of the step,
// each product rounded (they meet additions), then the states propagated
// by A·s + B·slot and the slots cleared.
func condRecv(s, r, s2, r2 []float64, i int, k, k2 *Recv1, pair bool) (g, ge float64) {
	x := s[i]
	g, ge = float64(k.C*x), float64(k.CE*x)
	s[i] = float64(k.A*x) + float64(k.B*r[i])
	r[i] = 0
	if pair {
		y := s2[i]
		g += float64(k2.C * y)
		ge += float64(k2.CE * y)
		s2[i] = float64(k2.A*y) + float64(k2.B*r2[i])
		r2[i] = 0
	}
	return g, ge
}

// deref is *k, or zero coefficients for a nil k (no second receptor).
func deref(k *Recv1) Recv1 {
	if k == nil {
		return Recv1{}
	}
	return *k
}
