// Package mechtest is a conformance suite for membrane mechanisms
// (package mech): any Density or Point, built-in or user-written, can be
// checked with Density or Point in a test:
//
//	func TestMyChannel(t *testing.T) { mechtest.Density(t, MyChannel{...}, mechtest.DefaultEnv()) }
//
// It checks that the defaults validate, that every variable Vars names is
// returned by Var with one value per location, that Init, Current and
// Advance touch only the locations of the range they are given (cells are
// stepped in ranges, concurrently), that the conductance added to the
// diagonal is the slope of the current (the matrix is then consistent
// with the right-hand side), that states stay finite over a voltage ramp,
// and that two instances given the same inputs give the same bits.
package mechtest
