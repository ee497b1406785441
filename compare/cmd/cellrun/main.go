// Command cellrun runs compartmental-cell cases (package cellcase's JSON,
// one case or a list, on stdin or from a file) with golgi and writes the
// results as a JSON list on stdout, one per case, with the wall time of
// each run. compare/neuron_cells.py drives it.
//
//	go run ./compare/cmd/cellrun [cases.json] > results.json
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/golgi-sim/golgi/simlib/cell/cellcase"
)

type result struct {
	*cellcase.Result
	Seconds float64 `json:"seconds"`
	Error   string  `json:"error,omitempty"`
}

func main() {
	var b []byte
	var err error
	if len(os.Args) > 1 {
		b, err = os.ReadFile(os.Args[1])
	} else {
		b, err = io.ReadAll(os.Stdin)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cellrun:", err)
		os.Exit(2)
	}
	cases, err := cellcase.Parse(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cellrun: cases:", err)
		os.Exit(2)
	}
	out := make([]result, 0, len(cases))
	failed := false
	for i := range cases {
		t0 := time.Now()
		r, err := cases[i].Run()
		res := result{Result: r, Seconds: time.Since(t0).Seconds()}
		if err != nil {
			res.Result = &cellcase.Result{Name: cases[i].Name}
			res.Error = err.Error()
			failed = true
		}
		out = append(out, res)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "cellrun:", err)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}
