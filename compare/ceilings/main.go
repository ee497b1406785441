// Command ceilings measures the machine's ceilings for golgi's two hot
// passes in plain Go (scalar loops, no bounds checks in them), beside the
// same kernels in C (c/ceilings.c, gcc -O3 -march=native):
//
//   - stream: v[i] = a*v[i] + b*x[i] over N float64s (24 bytes of memory
//     traffic per element), the neuron pass's shape;
//   - scatter: ring[target[k]] += w over K = 80·N uniformly random int32
//     targets in [0, N), read in order, the delivery pass's shape (every
//     synapse of the fixed in-degree 80 network once).
//
// It prints one JSON object per kernel, size and thread count: elements
// per second (best of 3 timed passes of at least 0.1 s) and GB/s. With
// -threads T the stream splits the array and the scatter splits the
// targets, each goroutine with its own ring (no atomics, no merge); the
// goroutines do not meet between passes, where a simulator meets every
// step or window: an upper bound. compare/bench.sh runs both programs.
//
//	go run ./compare/ceilings -threads 1 4000 16000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"
)

// Ceiling is one measurement.
type Ceiling struct {
	Simulator string  `json:"simulator"` // "ceiling-go"
	Kernel    string  `json:"kernel"`    // "stream" or "scatter"
	N         int     `json:"n"`
	Threads   int     `json:"threads"`
	PerS      float64 `json:"elements_per_s"`
	GBs       float64 `json:"gb_per_s"`
	Bytes     int     `json:"bytes_per_element"`
}

const maxN = 100_000_000

func parseArgs(args []string, stderr io.Writer) (threads int, sizes []int, err error) {
	fs := flag.NewFlagSet("ceilings", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&threads, "threads", 1, "goroutines, each with its share of the elements")
	if err := fs.Parse(args); err != nil {
		return 0, nil, err
	}
	if threads < 1 || threads > 1024 {
		return 0, nil, fmt.Errorf("ceilings: -threads %d: must be between 1 and 1024", threads)
	}
	if fs.NArg() == 0 {
		return 0, nil, fmt.Errorf("ceilings: no size: give one or more element counts N, e.g. 4000 16000")
	}
	for _, a := range fs.Args() {
		n, err := strconv.Atoi(a)
		if err != nil || n < 1 || n > maxN {
			return 0, nil, fmt.Errorf("ceilings: size %q: must be an integer between 1 and %d", a, maxN)
		}
		sizes = append(sizes, n)
	}
	return threads, sizes, nil
}

func main() {
	threads, sizes, err := parseArgs(os.Args[1:], os.Stderr)
	if err == flag.ErrHelp {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	enc := json.NewEncoder(os.Stdout)
	for _, n := range sizes {
		for _, c := range measure(n, threads) {
			if err := enc.Encode(c); err != nil {
				fmt.Fprintln(os.Stderr, "ceilings:", err)
				os.Exit(1)
			}
		}
	}
}

// measure runs both kernels at size n.
func measure(n, threads int) []Ceiling {
	var r uint64 = 0x9E3779B97F4A7C15
	next := func() uint64 { // xorshift64*
		r ^= r >> 12
		r ^= r << 25
		r ^= r >> 27
		return r * 2685821657736338717
	}
	v, x := make([]float64, n), make([]float64, n)
	for i := range v {
		v[i] = -60 + float64(next()>>11)*0x1p-53*10
		x[i] = float64(next()>>11) * 0x1p-53
	}
	k := 80 * n
	t := make([]int32, k)
	for j := range t {
		t[j] = int32((next() >> 32) % uint64(n))
	}
	ring := make([]float64, n*threads)
	es := best(func(reps int) { parallel(threads, n, reps, func(lo, hi int) { stream(v[lo:hi], x[lo:hi]) }) }, n)
	ek := best(func(reps int) {
		var wg sync.WaitGroup
		for id := range threads {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g, tt := ring[id*n:(id+1)*n], t[k*id/threads:k*(id+1)/threads]
				for range reps {
					scatter(g, tt)
				}
			}()
		}
		wg.Wait()
	}, k)
	return []Ceiling{
		{"ceiling-go", "stream", n, threads, es, es * 24 / 1e9, 24},
		{"ceiling-go", "scatter", n, threads, ek, ek * 4 / 1e9, 4},
	}
}

// parallel runs f on threads shares of [0, n), reps times each, without
// meeting between repetitions.
func parallel(threads, n, reps int, f func(lo, hi int)) {
	var wg sync.WaitGroup
	for id := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := n*id/threads, n*(id+1)/threads
			for range reps {
				f(lo, hi)
			}
		}()
	}
	wg.Wait()
}

func stream(v, x []float64) {
	const a, b = 0.999, 0.001
	x = x[:len(v)]
	for i := range v {
		v[i] = a*v[i] + b*x[i]
	}
}

func scatter(ring []float64, t []int32) {
	const w = 1e-3
	for _, j := range t {
		ring[j] += w
	}
}

// best calibrates the repetitions of run to at least 0.1 s and returns
// the best of 3 timed passes in elements (per repetition: elems) per
// second.
func best(run func(reps int), elems int) float64 {
	reps := 1
	for {
		t0 := time.Now()
		run(reps)
		if time.Since(t0) >= 100*time.Millisecond {
			break
		}
		reps *= 2
	}
	var b float64
	for range 3 {
		t0 := time.Now()
		run(reps)
		if e := float64(elems) * float64(reps) / time.Since(t0).Seconds(); e > b {
			b = e
		}
	}
	return b
}
