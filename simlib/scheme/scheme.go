package scheme

import "fmt"

// Method is an integration method.
type Method int

const (
	// Default selects the model's documented scheme.
	Default Method = iota
	// Exact uses exact propagators for linear dynamics.
	Exact
	// ExpEuler is exponential Euler with inputs frozen over the step.
	ExpEuler
	// Euler is forward Euler.
	Euler
)

func (m Method) String() string {
	switch m {
	case Default:
		return "default"
	case Exact:
		return "exact"
	case ExpEuler:
		return "exp-euler"
	case Euler:
		return "euler"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Resolve returns m, or def when m is Default.
func (m Method) Resolve(def Method) Method {
	if m == Default {
		return def
	}
	return m
}

// Valid reports whether m is one of the named methods.
func (m Method) Valid() bool { return m >= Default && m <= Euler }
