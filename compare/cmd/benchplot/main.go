// Command benchplot reads the JSON lines that compare/bench.sh collects
// (compare/cmd/bench's golgi runs, compare/bench_brian2.py's Brian2 runs,
// compare/ceilings' C and Go ceilings) and writes the side-by-side
// Markdown tables and a log-log plot of run time against N (SVG), one line
// per simulator, scheme and thread count. See docs/performance.md.
//
//	go run ./compare/cmd/benchplot -md table.md -svg docs/performance.svg results.jsonl...
//
// Every configuration's time is its best run (the least disturbed by the
// machine); its peak resident set the largest of its runs. It is an error
// for a file to hold a line that is not a record of the three kinds, or a
// golgi configuration to have no Brian2 counterpart (and the other way
// round): a missing half of the table is reported, not left blank.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if err != flag.ErrHelp {
			fmt.Fprintln(os.Stderr, "benchplot:", err)
			os.Exit(1)
		}
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("benchplot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	md := fs.String("md", "", "write the Markdown tables to this file (default: standard output)")
	svg := fs.String("svg", "", "write the plot to this SVG file (default: no plot)")
	partial := fs.Bool("partial", false, "allow configurations without their counterpart (their cells read n/a)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("no input: give the JSON-lines files compare/bench.sh wrote")
	}
	var recs []Record
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		r, err := ReadRecords(f, name)
		f.Close()
		if err != nil {
			return err
		}
		recs = append(recs, r...)
	}
	res, err := Summarise(recs)
	if err != nil {
		return err
	}
	if !*partial {
		if err := res.Complete(); err != nil {
			return err
		}
	}
	w := stdout
	if *md != "" {
		f, err := os.Create(*md)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := res.WriteMarkdown(w); err != nil {
		return err
	}
	if *svg != "" {
		if err := res.Plot(*svg); err != nil {
			return fmt.Errorf("plot %s: %w", *svg, err)
		}
	}
	return nil
}
