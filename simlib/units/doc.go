// Package units holds conversion constants into simlib's internal unit
// system: ms, mV, pF, nS, pA, Hz and µm.
//
// Multiply a value by its unit to convert it in, divide to convert it out:
//
//	tau := 20 * units.Millisecond // 20 (ms)
//	c := 0.2 * units.NF        // 200 (pF)
//	w := 0.1 * units.Microsiemens // 100 (nS), PyNN's weight unit for conductances
//	fmt.Println(v / units.Volt) // mV to V
//
// The system is consistent (nS·mV = pA, pF·mV/ms = pA, MΩ·pA = µV·1e0...):
// see Resistance for the one conversion that needs care.
//
// Multi-compartment cells use NEURON's conventions for specific quantities
// (µF/cm², S/cm², mA/cm², Ω·cm); the constants below the compartment
// heading convert them.
package units
