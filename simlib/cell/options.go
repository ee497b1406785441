package cell

// Options are the simulation settings, NEURON's globals.
type Options struct {
	DT          float64 // step (ms); NEURON's default 0.025
	SecondOrder int     // 0: backward Euler (NEURON's default), 2: Crank-Nicolson (NEURON's secondorder = 2)
	Celsius     float64 // temperature (°C); NEURON's default 6.3
	VInit       float64 // initial membrane potential at every node (mV); NEURON's default -65
}

// DefaultOptions returns NEURON's defaults: dt 0.025 ms, backward Euler,
// celsius 6.3 °C, v_init -65 mV.
func DefaultOptions() Options {
	return Options{DT: 0.025, SecondOrder: 0, Celsius: 6.3, VInit: -65}
}

// MaxDT is the largest step accepted (ms).
const MaxDT = 1.0
