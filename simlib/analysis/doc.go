// Package analysis computes summary statistics of simulation output from
// plain slices: spike trains as [][]float64 of times (ms, one slice per
// neuron, as record.Spikes.Trains returns them) and traces as []float64.
//
//   - Rates, MeanRate, SilentFraction: firing rates (Hz) in a window [t0, t1);
//   - ISICV, ISICVs, MeanISICV: coefficient of variation of inter-spike
//     intervals; neurons with fewer than 3 spikes (fewer than 2 intervals)
//     have no CV and are left out, never reported as NaN;
//   - PopulationRate, BinCounts: histograms of spikes in bins;
//   - GaussianSmooth: smoothing of a sampled signal;
//   - Chi, SpikeCountChi: the synchrony measure χ of Golomb and Hansel
//     (2000), 0 for independent and 1 for identical signals;
//   - EPSPAmplitude: peak minus baseline of a trace;
//   - MeasureEPSP: amplitude, peak time, 10-90 % rise time and half width of
//     a postsynaptic potential, from a baseline window and a peak window;
//   - Passive: input resistance (MΩ) and membrane time constant (ms, an
//     exponential fit) from the response to a current step (nA);
//   - MinMax: the extremes of a signal (HNN's dipole min/max peaks).
//
// Times are in ms and rates in Hz, as everywhere in simlib. Bad parameters
// (an empty window, a non-positive bin) return an error naming the
// argument; slices of mismatched lengths are a programming error and panic.
//
//	trains := spikes.Trains()
//	rates, err := analysis.Rates(trains, 0, 1000)
//	cv, n := analysis.MeanISICV(trains) // n neurons had >= 3 spikes
package analysis
