// Package assets finds and fetches the files that golgi's notebook display
// needs but the repository does not ship: the ECharts library.
//
// ECharts is fetched once, at setup time, from the npm registry (package
// echarts at EChartsVersion, file dist/echarts.min.js) into the user's cache
// directory, and loaded from there into each notebook, so that charts render
// with no network, on reopen and in exported HTML.
//
// The location is $GOLGI_ECHARTS when set, otherwise
// <user cache dir>/golgi/echarts-<version>/echarts.min.js.
package assets
