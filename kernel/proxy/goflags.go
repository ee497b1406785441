package proxy

import "strings"

// CellLinkFlag is what the kernel adds to GOFLAGS in GoNB's environment:
// GoNB builds every cell's program with `go build` and no flags of its own
// (unless a cell sets %goflags), and the go command reads GOFLAGS. -w drops
// the DWARF debug information, which halves the linker's time (about
// 0.2 s of a warm COBA cell's 0.7 s, docs/performance.md "Time to first
// result"); panics' stack traces, runtime/pprof and `go version -m` (the
// modules of the repro block) do not use DWARF and are unchanged; only a
// debugger such as Delve would need it (Config.DWARF keeps it).
const CellLinkFlag = "-ldflags=-w"

// cellGoFlags returns the GOFLAGS to give GoNB, from the GOFLAGS the kernel
// was started with: CellLinkFlag added, unless dwarf is set or goflags
// already sets -ldflags (the user's choice then stands). A cell's
// %goflags -ldflags=... overrides it too: the go command lets a flag on
// its command line win over GOFLAGS.
func cellGoFlags(goflags string, dwarf bool) string {
	if dwarf {
		return goflags
	}
	for _, f := range strings.Fields(goflags) {
		name, _, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if name == "ldflags" {
			return goflags
		}
	}
	if strings.TrimSpace(goflags) == "" {
		return CellLinkFlag
	}
	return goflags + " " + CellLinkFlag
}
