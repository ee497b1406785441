package vec

// The receptor pass: at the start of an update each linear receptor of a
// population hands its output to the membrane input (I for a current
// receptor; G and GE for a conductance receptor, GE being the conductance
// times the reversal potential), propagates its state by one step with
// its exact propagator, s ← P·s + B·r where r is the ring slot of the spikes
// due now, and clears that slot. One kernel per shape of receptor (one or
// two states, current or conductance, alone or two single-state receptors
// in one pass); each reads and writes every element once.
//
// Every kernel takes slices of equal length (it panics otherwise: a
// programming error) that do not overlap: I, G, GE, each state and each
// slot are distinct arrays. The first multiple of four elements go to the
// assembly when Accelerated, the rest (and everything otherwise) to the
// generic kernel of recv_generic.go, which is the reference. The bits
// are the same on both paths, NaN payloads aside: where two NaNs meet in
// an addition or a product, which payload survives depends on the order
// of the operands, which neither the Go compiler nor the assembly fixes;
// a NaN stops the run anyway (the engine's finite check), and it stays a
// NaN on both paths.

// Recv1 holds the coefficients of a single-state receptor: its state s
// becomes A·s + B·r, and its output is C·s into I, or C·s into G and
// CE·s into GE (CE = C·ERev, computed once by the caller).
type Recv1 struct{ A, B, C, CE float64 }

// Recv2 holds the coefficients of a two-state receptor: its output is
// o = C[0]·s0 + C[1]·s1 (into I, or into G with ERev·o into GE), and its
// state becomes s0 ← P[0][0]·s0 + P[0][1]·s1 + B[0]·r,
// s1 ← P[1][0]·s0 + P[1][1]·s1 + B[1]·r (both from the old s0 and s1).
type Recv2 struct {
	C    [2]float64
	P    [2][2]float64
	B    [2]float64
	ERev float64 // mV, conductance receptors only
}

// Cur1 is a single-state current receptor: I += C·s, then s ← A·s + B·r and
// r ← 0, element by element. With first (no stimulus and no receptor
// before it has written I this update) I ← 0 + C·s instead: the bits of
// clearing I and adding, in one pass (0 + -0 is +0).
func Cur1(I, s, r []float64, k Recv1, first bool) {
	n := len(I)
	sameLen("Cur1", n, len(s), len(r))
	m := 0
	if accel && n >= 4 {
		m = n &^ 3
		cur1Asm(m, &I[0], &s[0], &r[0], &k, !first)
	}
	if first {
		cur1SetGeneric(I[m:], s[m:], r[m:], k)
	} else {
		cur1Generic(I[m:], s[m:], r[m:], k)
	}
}

// Cur1Pair is two single-state current receptors in one pass: the same as
// Cur1(I, s, r, k, first) followed by Cur1(I, s2, r2, k2, false), bit for
// bit (I gets the first output added, then the second: (I + C·s) + C2·s2,
// with 0 for I when first).
func Cur1Pair(I, s, r, s2, r2 []float64, k, k2 Recv1, first bool) {
	n := len(I)
	sameLen("Cur1Pair", n, len(s), len(r), len(s2), len(r2))
	m := 0
	if accel && n >= 4 {
		m = n &^ 3
		cur1PairAsm(m, &I[0], &s[0], &r[0], &s2[0], &r2[0], &k, &k2, !first)
	}
	if first {
		cur1PairSetGeneric(I[m:], s[m:], r[m:], s2[m:], r2[m:], k, k2)
	} else {
		cur1PairGeneric(I[m:], s[m:], r[m:], s2[m:], r2[m:], k, k2)
	}
}

// Cond1 is a single-state conductance receptor: G ← C·s and GE ← CE·s when
// first (the population's first conductance receptor of the update), else
// G += C·s and GE += CE·s; then s ← A·s + B·r and r ← 0.
func Cond1(G, GE, s, r []float64, k Recv1, first bool) {
	n := len(G)
	sameLen("Cond1", n, len(GE), len(s), len(r))
	m := 0
	if accel && n >= 4 {
		m = n &^ 3
		cond1Asm(m, &G[0], &GE[0], &s[0], &r[0], &k, !first)
	}
	if first {
		cond1SetGeneric(G[m:], GE[m:], s[m:], r[m:], k)
	} else {
		cond1AddGeneric(G[m:], GE[m:], s[m:], r[m:], k)
	}
}

// Cond1Pair is two single-state conductance receptors in one pass. With
// x = s and y = s2 before the step: G ← C·x + C2·y and GE ← CE·x + CE2·y
// when first, else G += (C·x + C2·y) and GE += (CE·x + CE2·y) (the pair's
// sum is added, as one term); then s ← A·x + B·r, s2 ← A2·y + B2·r2, and
// both slots are cleared.
func Cond1Pair(G, GE, s, r, s2, r2 []float64, k, k2 Recv1, first bool) {
	n := len(G)
	sameLen("Cond1Pair", n, len(GE), len(s), len(r), len(s2), len(r2))
	m := 0
	if accel && n >= 4 {
		m = n &^ 3
		cond1PairAsm(m, &G[0], &GE[0], &s[0], &r[0], &s2[0], &r2[0], &k, &k2, !first)
	}
	if first {
		cond1PairSetGeneric(G[m:], GE[m:], s[m:], r[m:], s2[m:], r2[m:], k, k2)
	} else {
		cond1PairAddGeneric(G[m:], GE[m:], s[m:], r[m:], s2[m:], r2[m:], k, k2)
	}
}

// Cur2 is a two-state current receptor: I += o (see Recv2), then the state
// is propagated and r cleared.
func Cur2(I, s0, s1, r []float64, k Recv2) {
	n := len(I)
	sameLen("Cur2", n, len(s0), len(s1), len(r))
	m := 0
	if accel && n >= 4 {
		m = n &^ 3
		cur2Asm(m, &I[0], &s0[0], &s1[0], &r[0], &k)
	}
	cur2Generic(I[m:], s0[m:], s1[m:], r[m:], k)
}

// Cond2 is a two-state conductance receptor: G += o and GE += ERev·o (see
// Recv2; the caller clears G and GE first when it is the first conductance
// receptor), then the state is propagated and r cleared.
func Cond2(G, GE, s0, s1, r []float64, k Recv2) {
	n := len(G)
	sameLen("Cond2", n, len(GE), len(s0), len(s1), len(r))
	m := 0
	if accel && n >= 4 {
		m = n &^ 3
		cond2Asm(m, &G[0], &GE[0], &s0[0], &s1[0], &r[0], &k)
	}
	cond2Generic(G[m:], GE[m:], s0[m:], s1[m:], r[m:], k)
}

// AddClear adds r into J and clears r, element by element: a delta
// receptor's ring slot becoming the voltage jumps of the next update.
// With first (the population's first delta receptor) J ← 0 + r instead:
// the bits of clearing J and adding, in one pass.
func AddClear(J, r []float64, first bool) {
	n := len(J)
	sameLen("AddClear", n, len(r))
	m := 0
	if accel && n >= 4 {
		m = n &^ 3
		addClearAsm(m, &J[0], &r[0], !first)
	}
	if first {
		setClearGeneric(J[m:], r[m:])
	} else {
		addClearGeneric(J[m:], r[m:])
	}
}
