// Command sweeptool is "golgi sweep" for the SLURM integration test,
// until the golgi command wires package cli: sweeptool ARGS is golgi
// sweep ARGS.
package main

import (
	"os"

	"github.com/golgi-sim/golgi/simlib/sweep/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
