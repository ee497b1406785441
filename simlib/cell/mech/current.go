package mech

// The membrane current of a mechanism enters the node's equation as
// NEURON's generated nrn_cur does: the current i0 at v goes into the
// right-hand side and the numerical conductance (i1 - i0)/0.001, from the
// current i1 at v + 0.001 mV, onto the diagonal. These helpers are that
// step, one for each kind of current.

// nonspecificCurrent adds a density mechanism's nonspecific current
// (NONSPECIFIC_CURRENT) at node nd.
func nonspecificCurrent(st Step, nd int32, i0, i1 float64) {
	st.RHS[nd] -= i0
	st.D[nd] += (i1 - i0) / 0.001
}

// ionCurrent adds a density mechanism's current of ion (USEION ... WRITE
// i...) at node nd: into the ion's total and its derivative as well.
func ionCurrent(st Step, ion *Ion, nd int32, i0, i1 float64) {
	g := (i1 - i0) / 0.001
	ion.DIDV[nd] += g
	ion.I[nd] += i0
	st.RHS[nd] -= i0
	st.D[nd] += g
}

// pointCurrent adds a point process's current at node nd, scaled by fac
// (100/area: nA to mA/cm²).
func pointCurrent(st Step, nd int32, fac, i0, i1 float64) {
	g := (i1 - i0) / 0.001
	st.RHS[nd] -= float64(i0 * fac)
	st.D[nd] += float64(g * fac)
}
