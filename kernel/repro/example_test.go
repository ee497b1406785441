package repro_test

import (
	"fmt"
	"time"

	"github.com/golgi-sim/golgi/kernel/repro"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

func ExampleBlock_Summary() {
	b := &repro.Block{Status: "ok", ExecutionCount: 3, Location: repro.Location{Path: "lab.ipynb", Cell: 5},
		Golgi: repro.GitState{Commit: "dc564fde4528c5b6bde6e31667fb4289c45aa389"},
		Runs:  []runlog.Run{{Seed: 42, Fingerprint: "5e00aa9d77cb34efa94751f2642c324b", Status: "ok"}}}
	t0 := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	b.SetTimes(t0, t0.Add(1500*time.Millisecond))
	fmt.Println(b.Summary())
	// Output: ✔ golgi · cell 5 (In [3]) · 1.5 s · 1 run · seed 42 · fp 5e00aa9d… · golgi dc564fd…
}
