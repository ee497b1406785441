// Package procstat reads what the comparison commands (compare/cmd/bench,
// compare/cmd/synmem) report about their own process from Linux's /proc:
// the peak resident set and the load average.
package procstat
