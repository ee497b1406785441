// Command hnncells runs hnn-core cell cases (package hnncase's JSON, one
// case or a list, on stdin or from a file) with golgi and writes the
// results as a JSON list on stdout. compare/hnn_cells.py drives it.
//
//	go run ./compare/cmd/hnncells [cases.json] > results.json
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/golgi-sim/golgi/simlib/models/hnn/hnncase"
)

type result struct {
	*hnncase.Result
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
		fmt.Fprintln(os.Stderr, "hnncells:", err)
		os.Exit(2)
	}
	cases, err := hnncase.Parse(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hnncells: cases:", err)
		os.Exit(2)
	}
	out := make([]result, 0, len(cases))
	failed := false
	for _, c := range cases {
		t0 := time.Now()
		r, err := c.Run()
		res := result{Result: r, Seconds: time.Since(t0).Seconds()}
		if err != nil {
			res.Result = &hnncase.Result{Name: c.Name}
			res.Error = err.Error()
			failed = true
		}
		out = append(out, res)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "hnncells:", err)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}
