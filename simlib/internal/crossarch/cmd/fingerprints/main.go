// Command fingerprints prints one line per network of the cross-architecture
// suite (package crossarch): spike count, spike fingerprint and a hash of
// every recorded trace. Its output must be the same on every machine.
package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/golgi-sim/golgi/simlib/internal/crossarch"
)

func main() {
	rs, err := crossarch.Suite()
	if err != nil {
		fmt.Fprintln(os.Stderr, "fingerprints:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "fingerprints: %s/%s\n", runtime.GOOS, runtime.GOARCH)
	fmt.Print(crossarch.Format(rs))
}
