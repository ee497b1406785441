package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/internal/testnet"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

// crashEnv, when set to a store directory, makes the test binary run the
// crash sweep into it instead of the tests (see TestSIGKILLResume).
const crashEnv = "GOLGI_SWEEP_CRASH_STORE"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashEnv); dir != "" {
		os.Exit(crashChild(dir))
	}
	os.Exit(m.Run())
}

func crashSpace() *sweep.Space {
	return sweep.Grid(sweep.Linspace("w_in", 2, 8, 8), sweep.Values("w_rec", 0, 0.4, 0.8, 1.2, 1.6))
}

// crashChild runs the sweep with two workers, printing a line after each
// point is stored.
func crashChild(dir string) int {
	var mu sync.Mutex // OnResult is called concurrently
	out := bufio.NewWriter(os.Stdout)
	f := testnet.Func(testnet.Small, true)
	_, err := store.Run(context.Background(), dir, crashSpace(), f, &store.Options{
		Options: sweep.Options{Workers: 2, Seed: 77, OnResult: func(r sweep.Result) error {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(out, "stored %d\n", r.Index)
			return out.Flush()
		}},
		Version: "crash",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// A sweep process killed with SIGKILL mid-run, three times, then run to
// the end, holds every point exactly once, with complete data files and
// no orphan, and equals the in-memory run bit for bit.
func TestSIGKILLResume(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary; skipped under -short")
	}
	dir := t.TempDir()
	// Kill after these many points were stored by the run; the kill lands
	// while the two workers are busy computing, writing Parquet files or
	// committing rows.
	for k, after := range []int{3, 7, 12} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashEnv+"="+dir)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		n := 0
		for n < after && sc.Scan() {
			n++
		}
		if n < after {
			cmd.Wait()
			t.Fatalf("the child stored only %d points before exiting", n)
		}
		time.Sleep(time.Duration(k) * 700 * time.Microsecond) // land at other moments of a point
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("the child was not killed by SIGKILL: %v", err)
		}
	}
	mid := stored(t, dir)
	if mid.Len() < 22 || mid.Len() >= 40 {
		t.Fatalf("after three kills the store holds %d points, want at least 3+7+12 and fewer than 40", mid.Len())
	}
	start := time.Now()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("final run: %v", err)
	}
	lines := 0
	for _, c := range out {
		if c == '\n' {
			lines++
		}
	}
	if lines != 40-mid.Len() {
		t.Fatalf("final run stored %d points, want the %d missing", lines, 40-mid.Len())
	}
	tab := stored(t, dir)
	seen := map[int]int{}
	for _, r := range tab.Rows {
		seen[r.Index]++
	}
	for i := 0; i < 40; i++ {
		if seen[i] != 1 {
			t.Fatalf("point %d stored %d times", i, seen[i])
		}
	}
	ref := inline(t, crashSpace(), testnet.Func(testnet.Small, true), 77)
	if d := ref.Diff(tab); d != "" {
		t.Fatalf("after kills and resume the table differs from the in-memory run: %s", d)
	}
	checkData(t, dir, tab, ref)
	if _, err := os.Stat(filepath.Join(dir, store.DBName)); err != nil {
		t.Fatal(err)
	}
	t.Logf("final run of %d points: %v", 40-mid.Len(), time.Since(start))
}
