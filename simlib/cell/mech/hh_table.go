package mech

// advanceTable is hhState.Advance when the rates come from NEURON's table:
// the same floating-point operations in the same order as lookup and
// cnexp (bit-identical, TestHHAdvanceTable), without copying each
// location's six rates through two returned arrays: 25 % less CPU time
// for an hh cable (compare/neuron_speed.py's workload; docs/performance.md).
func (s *hhState) advanceTable(st Step, lo, hi int) {
	dt, tb, V := st.DT, s.tb, st.V
	node := s.node[lo:hi]
	m, h, nn := s.m[lo:hi][:len(node)], s.h[lo:hi][:len(node)], s.nn[lo:hi][:len(node)]
	for i, nd := range node {
		xi := tb.mfac * (V[nd] - hhTmin)
		var r *[6]float64
		var q [6]float64
		switch {
		case xi != xi: // NaN, as lookup returns it
			q = [6]float64{xi, xi, xi, xi, xi, xi}
			r = &q
		case xi <= 0:
			r = &tb.t[0]
		case xi >= hhTn:
			r = &tb.t[hhTn]
		default:
			j := int(xi)
			th := xi - float64(j)
			a, b := &tb.t[j], &tb.t[j+1]
			q[0] = a[0] + th*(b[0]-a[0])
			q[1] = a[1] + th*(b[1]-a[1])
			q[2] = a[2] + th*(b[2]-a[2])
			q[3] = a[3] + th*(b[3]-a[3])
			q[4] = a[4] + th*(b[4]-a[4])
			q[5] = a[5] + th*(b[5]-a[5])
			r = &q
		}
		m[i] = cnexp(m[i], r[0], r[1], dt)
		h[i] = cnexp(h[i], r[2], r[3], dt)
		nn[i] = cnexp(nn[i], r[4], r[5], dt)
	}
}
