// Package param holds what every simlib package uses to refuse bad
// parameters: Error, the typed error naming a field, its value and what is
// allowed, and Steps, the one checked conversion of a time in ms to a whole
// number of steps of dt (refractory periods, delays, run durations, recorder
// intervals, spike times). Steps refuses NaN, ±Inf, negative times and
// counts above a limit instead of letting a float-to-integer conversion
// overflow into a wrong count.
//
//	n, err := param.Steps("TRef", 2, 0.1, math.MaxInt32) // 20, nil
//	_, err = param.Steps("TRef", 1e10, 0.1, math.MaxInt32)
//	// TRef = 1e+10 ms: must be at most 2.14748e+08 ms (2147483647 steps of dt = 0.1 ms)
package param
