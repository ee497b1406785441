// Package crossarch holds the networks and checks that show simlib gives
// the same bits on every machine: amd64 at any GOAMD64 level and arm64.
//
// Suite runs small versions of the determinism suite's networks (the
// Vogels-Abbott COBA and CUBA benchmarks, the Izhikevich triad, the RS-FS
// AdEx network, a Hodgkin-Huxley network, a LIF network on a distance
// rule with alpha and bi-exponential synapses, noise and Normal weights,
// a compartmental cell of package cell by backward Euler and by
// Crank-Nicolson, and two of hnn-core's cells of simlib/models/hnn, an L5
// pyramidal cell with all its mechanisms under synaptic events and an L2
// basket cell, and hnn-core's column on a 3×3 mesh with evoked, Poisson
// and bursty drives and its smoothed dipole, and a LIF network with every
// synapse model of simlib/plasticity) and returns, for each, the spike fingerprint (for the
// cell, a hash of its spike times) and a SHA-256 of the exact bits of every
// recorded state trace and rate. cmd/fingerprints prints
// them. The tests build that program for amd64 (GOAMD64=v1, v3 and v4,
// run natively when the CPU has the instructions) and arm64 (run under
// qemu-aarch64) and require every line equal; they disassemble simlib's
// and widgets' object code for arm64 and amd64 v3 to require that no
// floating-point multiply-add appears except where the source calls
// math.FMA; and they parse simlib's sources to require that no
// architecture-dependent library function is called (see
// docs/architecture.md, "The same bits on every machine").
package crossarch
