package param

import (
	"fmt"
	"math"
)

// Error is a bad parameter: Object (may be empty when the caller adds it),
// Field, the Value given and what is Allowed. Callers can errors.As it.
type Error struct {
	Object  string // e.g. `population "exc" (LIF)`, or empty
	Field   string // e.g. "TRef", "Rates[3]"
	Value   any    // the value given
	Unit    string // e.g. " ms", or empty
	Allowed string // what is allowed, e.g. "must be >= 0 and finite"
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s = %v%s: %s", e.Field, e.Value, e.Unit, e.Allowed)
	if e.Object != "" {
		s = e.Object + ": " + s
	}
	return s
}

// New returns an *Error for field with value v (unit like " ms").
func New(field string, v any, unit, allowed string) *Error {
	return &Error{Field: field, Value: v, Unit: unit, Allowed: allowed}
}

// MaxSteps bounds every step count: 2^53, the largest count whose time
// n·dt is still computed exactly from an exact dt, and far beyond any run
// (2^53 steps of 0.1 ms are 28 000 years).
const MaxSteps int64 = 1 << 53

// Steps converts a time ms (ms) to a whole number of steps of dt (ms),
// rounding to the nearest, and checks it: ms must be finite and >= 0, and
// the count at most limit (at most MaxSteps). The error names field, the
// value and the allowed range. It is the only conversion from a time to a
// step count in simlib.
func Steps(field string, ms, dt float64, limit int64) (int64, error) {
	limit = min(limit, MaxSteps)
	if math.IsNaN(ms) || math.IsInf(ms, 0) || ms < 0 {
		return 0, New(field, ms, " ms", fmt.Sprintf("must be finite, >= 0 and at most %.6g ms (%d steps of dt = %v ms)", float64(limit)*dt, limit, dt))
	}
	x := math.Round(ms / dt)
	if !(x <= float64(limit)) { // also NaN from a bad dt
		return 0, New(field, ms, " ms", fmt.Sprintf("must be at most %.6g ms (%d steps of dt = %v ms)", float64(limit)*dt, limit, dt))
	}
	return int64(x), nil
}

// Steps32 is Steps for counts stored in an int32 (limit at most
// math.MaxInt32).
func Steps32(field string, ms, dt float64, limit int32) (int32, error) {
	n, err := Steps(field, ms, dt, int64(limit))
	return int32(n), err
}
