// Package stimulus holds injected currents: DC, Steps, TimedArray and
// Noise. A stimulus is attached to a population's neurons with
// Population.Inject, or to some of them with PopulationView.Inject (a
// view: pop.Slice, pop.Select); its current (pA) is constant within a step and
// taken at the start of the step, and adds to the membrane like a bias
// current.
//
//	pop.Inject(stimulus.DC{Amplitude: 300, Start: 100, Stop: 600})
//	pop.Select(0, 1, 2).Inject(stimulus.Noise{Mean: 0, SD: 50}) // three neurons (a view)
package stimulus
