package vec

// The generic receptor kernels (see recv.go): the reference arithmetic,
// which the assembly repeats lane by lane. Every product that meets an
// addition is rounded on its own (float64(x*y)), so that no compiler fuses
// it into a multiply-add.

func cur1Generic(I, s, r []float64, k Recv1) {
	s, r = s[:len(I)], r[:len(I)]
	for i := range I {
		x := s[i]
		I[i] += float64(k.C * x)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		r[i] = 0
	}
}

// cur1SetGeneric is cur1Generic on a cleared I: 0 + C·x, which is C·x
// except that -0 becomes +0.
func cur1SetGeneric(I, s, r []float64, k Recv1) {
	s, r = s[:len(I)], r[:len(I)]
	for i := range I {
		x := s[i]
		I[i] = 0 + float64(k.C*x)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		r[i] = 0
	}
}

func cur1PairGeneric(I, s, r, s2, r2 []float64, k, k2 Recv1) {
	s, r, s2, r2 = s[:len(I)], r[:len(I)], s2[:len(I)], r2[:len(I)]
	for i := range I {
		x, y := s[i], s2[i]
		I[i] = I[i] + float64(k.C*x) + float64(k2.C*y)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		s2[i] = float64(k2.A*y) + float64(k2.B*r2[i])
		r[i], r2[i] = 0, 0
	}
}

// cur1PairSetGeneric is cur1PairGeneric on a cleared I.
func cur1PairSetGeneric(I, s, r, s2, r2 []float64, k, k2 Recv1) {
	s, r, s2, r2 = s[:len(I)], r[:len(I)], s2[:len(I)], r2[:len(I)]
	for i := range I {
		x, y := s[i], s2[i]
		I[i] = 0 + float64(k.C*x) + float64(k2.C*y)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		s2[i] = float64(k2.A*y) + float64(k2.B*r2[i])
		r[i], r2[i] = 0, 0
	}
}

func cond1SetGeneric(G, GE, s, r []float64, k Recv1) {
	GE, s, r = GE[:len(G)], s[:len(G)], r[:len(G)]
	for i := range G {
		x := s[i]
		G[i] = k.C * x
		GE[i] = k.CE * x
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		r[i] = 0
	}
}

func cond1AddGeneric(G, GE, s, r []float64, k Recv1) {
	GE, s, r = GE[:len(G)], s[:len(G)], r[:len(G)]
	for i := range G {
		x := s[i]
		G[i] += float64(k.C * x)
		GE[i] += float64(k.CE * x)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		r[i] = 0
	}
}

func cond1PairSetGeneric(G, GE, s, r, s2, r2 []float64, k, k2 Recv1) {
	n := len(G)
	GE, s, r, s2, r2 = GE[:n], s[:n], r[:n], s2[:n], r2[:n]
	for i := range G {
		x, y := s[i], s2[i]
		G[i] = float64(k.C*x) + float64(k2.C*y)
		GE[i] = float64(k.CE*x) + float64(k2.CE*y)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		s2[i] = float64(k2.A*y) + float64(k2.B*r2[i])
		r[i], r2[i] = 0, 0
	}
}

func cond1PairAddGeneric(G, GE, s, r, s2, r2 []float64, k, k2 Recv1) {
	n := len(G)
	GE, s, r, s2, r2 = GE[:n], s[:n], r[:n], s2[:n], r2[:n]
	for i := range G {
		x, y := s[i], s2[i]
		G[i] += float64(k.C*x) + float64(k2.C*y)
		GE[i] += float64(k.CE*x) + float64(k2.CE*y)
		s[i] = float64(k.A*x) + float64(k.B*r[i])
		s2[i] = float64(k2.A*y) + float64(k2.B*r2[i])
		r[i], r2[i] = 0, 0
	}
}

func cur2Generic(I, s0, s1, r []float64, k Recv2) {
	n := len(I)
	s0, s1, r = s0[:n], s1[:n], r[:n]
	for i := range I {
		x, y := s0[i], s1[i]
		I[i] += float64(k.C[0]*x) + float64(k.C[1]*y)
		s0[i] = float64(k.P[0][0]*x) + float64(k.P[0][1]*y) + float64(k.B[0]*r[i])
		s1[i] = float64(k.P[1][0]*x) + float64(k.P[1][1]*y) + float64(k.B[1]*r[i])
		r[i] = 0
	}
}

func cond2Generic(G, GE, s0, s1, r []float64, k Recv2) {
	n := len(G)
	GE, s0, s1, r = GE[:n], s0[:n], s1[:n], r[:n]
	for i := range G {
		x, y := s0[i], s1[i]
		o := float64(k.C[0]*x) + float64(k.C[1]*y)
		G[i] += o
		GE[i] += float64(k.ERev * o)
		s0[i] = float64(k.P[0][0]*x) + float64(k.P[0][1]*y) + float64(k.B[0]*r[i])
		s1[i] = float64(k.P[1][0]*x) + float64(k.P[1][1]*y) + float64(k.B[1]*r[i])
		r[i] = 0
	}
}

func addClearGeneric(J, r []float64) {
	r = r[:len(J)]
	for i := range J {
		J[i] += r[i]
		r[i] = 0
	}
}

// setClearGeneric is addClearGeneric on a cleared J.
func setClearGeneric(J, r []float64) {
	r = r[:len(J)]
	for i := range J {
		J[i] = 0 + r[i]
		r[i] = 0
	}
}
