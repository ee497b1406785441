//go:build hdf5

// Command golgi-export converts a golgi recording saved as Parquet
// (simlib/recording.Save, or a streamed recording) to NWB 2 or to a SONATA
// spike file. It is built only with the build tag hdf5 (it needs libhdf5):
//
//	go run -tags hdf5 ./simlib/recording/cmd/golgi-export nwb run.parquet run.nwb
//	go run -tags hdf5 ./simlib/recording/cmd/golgi-export sonata run.parquet spikes.h5
//
// nwb writes every spike, state and rate recorder of the recording (not
// its synapse recorders yet, the weights table: it says how many), with
// the run's summary in /general; state variables other than v need their unit:
// -unit w=amperes:1e-12 (golgi's pA to amperes). sonata writes every spike
// recorder, -sorting by_time (default), by_id or none. An existing OUT is
// refused unless -overwrite is given and golgi wrote it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/recording"
	"github.com/golgi-sim/golgi/simlib/recording/nwb"
	"github.com/golgi-sim/golgi/simlib/recording/sonata"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "golgi-export:", err)
		os.Exit(1)
	}
}

const usage = `usage: golgi-export nwb [-overwrite] [-identifier S] [-description S] [-unit VAR=NAME:CONVERSION]... IN OUT
       golgi-export sonata [-overwrite] [-sorting by_time|by_id|none] IN OUT
IN is a golgi recording saved as Parquet (simlib/recording.Save); OUT a new file.`

// units is the repeated -unit flag.
type units map[string]nwb.Unit

func (u units) String() string { return fmt.Sprint(map[string]nwb.Unit(u)) }

func (u units) Set(s string) error {
	v, rest, ok := strings.Cut(s, "=")
	name, conv, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || v == "" || name == "" {
		return fmt.Errorf("-unit %q: want VAR=NAME:CONVERSION, such as w=amperes:1e-12", s)
	}
	c, err := strconv.ParseFloat(conv, 64)
	if err != nil || !(c > 0) {
		return fmt.Errorf("-unit %q: conversion %q must be a positive number", s, conv)
	}
	u[v] = nwb.Unit{Name: name, Conversion: c}
	return nil
}

func run(args []string, out io.Writer) error {
	if len(args) == 0 || (args[0] != "nwb" && args[0] != "sonata") {
		return fmt.Errorf("%s", usage)
	}
	format := args[0]
	fs := flag.NewFlagSet("golgi-export "+format, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	overwrite := fs.Bool("overwrite", false, "replace OUT when golgi wrote it")
	nopt := nwb.DefaultOptions()
	sopt := sonata.DefaultOptions()
	us := units(nopt.Units)
	if format == "nwb" {
		fs.StringVar(&nopt.Identifier, "identifier", "", "the file's unique identifier (default: a random UUID)")
		fs.StringVar(&nopt.SessionDescription, "description", nopt.SessionDescription, "the session description")
		fs.Var(us, "unit", "VAR=NAME:CONVERSION, the NWB unit of a state variable")
	} else {
		fs.StringVar(&sopt.Sorting, "sorting", sopt.Sorting, "by_time, by_id or none")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%v\n%s", err, usage)
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("want IN and OUT, got %d arguments\n%s", fs.NArg(), usage)
	}
	in, dst := fs.Arg(0), fs.Arg(1)
	rec, err := recording.Load(in)
	if err != nil {
		return err
	}
	switch format {
	case "nwb":
		var recs []network.Recorder
		for _, s := range rec.Spikes {
			recs = append(recs, s)
		}
		for _, s := range rec.States {
			recs = append(recs, s)
		}
		for _, r := range rec.Rates {
			recs = append(recs, r)
		}
		nopt.Run, nopt.Overwrite, nopt.Units = rec.Summary, *overwrite, us
		if err := nwb.Write(dst, nopt, recs...); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s: %d spike, %d state and %d rate recorders\n", dst, len(rec.Spikes), len(rec.States), len(rec.Rates))
		if n := len(rec.Weights); n > 0 {
			// the NWB writer has no synapse recorders yet: say so, do not drop them silently
			fmt.Fprintf(out, "not written: %d synapse recorders (the weights table; NWB export of weights is not supported yet)\n", n)
		}
	case "sonata":
		sopt.Run, sopt.Overwrite = rec.Summary, *overwrite
		if err := sonata.Write(dst, sopt, rec.Spikes...); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s: %d populations\n", dst, len(rec.Spikes))
	}
	return nil
}
