// Package figure draws static figures for papers with gonum/plot: spike
// raster, traces, population rate, sweep heatmap, histogram, metric against
// parameter and waveform overlay. A Figure saves to SVG, PNG or PDF (by the
// file's extension) and shows inline in a notebook as SVG.
//
// The builders take the same plain data as package chart (chart.Spikes,
// times in ms), so a figure for the paper is one call away from the
// interactive chart. The returned Figure exposes its *plot.Plot for any
// further styling gonum/plot allows.
package figure
