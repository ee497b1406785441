// Package sim connects simlib to golgi's widgets: charts straight from
// recorders, progress bars for network runs and sweeps, and tables of run
// summaries and sweep results.
//
//	net.SetProgress(sim.RunProgress())
//	net.Run(1000)
//	c, err := sim.Raster(exc, inh) // *record.Spikes
//	chart.Display(c)
//
// The widgets themselves (package chart, figure, progress, table) take
// plain Go data and know nothing of simlib; this package is the thin layer
// between them.
package sim
