// Package chart builds interactive ECharts charts (through go-echarts
// v2.6.7) from plain Go data, for notebooks and standalone HTML files.
//
// Builders are pure functions from data to a *Chart, which holds the
// ECharts option as JSON:
//
//	Raster         spike raster, one colour per population, 10^5+ spikes
//	               in ECharts' large mode, downsampled above MaxPoints,
//	               the spike count in the subtitle
//	Traces         membrane potential or any state over time, zoomable
//	Rate           population firing rates over time
//	Histogram      distributions (rates, ISI CV) with shared bins
//	Heatmap        a metric over a 2-D sweep, with a colour scale
//	MetricVsParam  sweep metrics against a parameter, log x axis
//	Overlay        many waveforms coloured by a parameter (viridis), with
//	               the colour scale
//	Line, Scatter  generic curves and points
//
// Times are in ms and rates in Hz. Data that does not fit (slices of
// different lengths, non-finite times, values <= 0 on a log axis) is an
// error naming the object, the field and the value, never a panic.
//
// Show a chart with Display (in a GoNB notebook; nothing elsewhere), save
// it with SaveHTML or SavePage (a standalone page with the ECharts library
// inlined, which renders offline), or embed it with HTML.
//
// The ECharts library (echarts@5.4.3, about 1 MB) comes from the local copy
// that `golgi setup` fetches (package assets); no chart ever loads it from
// the network. In a notebook it is sent once per kernel, with the first
// chart displayed, wrapped so that it sets window.echarts even under
// RequireJS; every later chart costs its data plus about 1 KB. Without the
// local copy, Display shows how to get it and returns assets.ErrNoECharts.
package chart
