// Package widgets shows golgi's results in Jupyter notebooks run by GoNB, and
// writes them to files for papers and reports.
//
// The work is split by concept, one package each:
//
//   - chart: interactive ECharts charts (spike raster, traces, population
//     rate, histograms, sweep heatmaps, metric against parameter, waveform
//     overlays, generic line and scatter), built by pure functions from plain
//     Go data into a Chart value that holds the ECharts option (JSON) and can
//     be shown in a notebook or saved as a standalone HTML file that renders
//     offline;
//   - figure: static figures for papers with gonum/plot (raster, traces,
//     rate, heatmap, histogram, metric against parameter, overlay) as SVG,
//     PNG or PDF, to file or inline;
//   - progress: a progress bar for network runs and sweeps that updates in
//     place in a notebook and writes \r lines to a terminal elsewhere;
//   - table: HTML tables of sweep results and run summaries, sortable;
//   - explore: parameter sliders bound to a small model that re-runs and
//     redraws its chart, which show their defaults in a headless run;
//   - assets: the ECharts library, fetched once at setup time.
//
// This package holds what they share: whether the program runs inside a GoNB
// notebook, and the display call that does nothing outside one. Building
// output is apart from showing it, so every builder can be used and tested
// under `go run` and `go test`.
//
// Times are in milliseconds, rates in Hz, as in simlib.
package widgets
