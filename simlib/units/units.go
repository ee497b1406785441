package units

// Time (internal: ms).
const (
	Millisecond = 1.0
	Second      = 1000.0
	Microsecond = 1e-3 // microsecond
)

// Voltage (internal: mV).
const (
	MV   = 1.0
	Volt = 1000.0
	UV   = 1e-3 // microvolt
)

// Capacitance (internal: pF).
const (
	PF = 1.0
	NF = 1000.0
	UF = 1e6
)

// Conductance (internal: nS).
const (
	Nanosiemens  = 1.0
	Microsiemens = 1000.0 // microsiemens (PyNN's conductance weight unit)
	Millisiemens = 1e6    // millisiemens
	Picosiemens  = 1e-3
)

// Current (internal: pA).
const (
	PA = 1.0
	NA = 1000.0 // PyNN's current unit
	UA = 1e6
)

// Frequency (internal: Hz for rates; per-ms rates are Hz/1000).
const (
	Hz  = 1.0
	KHz = 1000.0
)

// Length (internal: µm).
const (
	Um = 1.0
	Mm = 1000.0
	Cm = 1e4
)

// Resistance: with mV and pA, V = R·I needs R in GΩ (mV/pA = GΩ).
const (
	GOhm = 1.0
	MOhm = 1e-3
)

// Compartment conventions (NEURON): specific capacitance in µF/cm²,
// specific conductance in S/cm², axial resistivity in Ω·cm. Area in µm²:
// 1 µm² = 1e-8 cm².
const (
	Um2 = 1.0
	Cm2 = 1e8 // µm² per cm²
)

// SpecificCapacitance returns the capacitance in pF of area um2 (µm²) with
// specific capacitance cm (µF/cm²).
func SpecificCapacitance(cm, um2 float64) float64 { return cm * UF * um2 / Cm2 }

// SpecificConductance returns the conductance in nS of area um2 (µm²) with
// specific conductance g (S/cm²).
func SpecificConductance(g, um2 float64) float64 { return g * 1e9 * um2 / Cm2 }
