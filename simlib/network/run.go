package network

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// runSummary is what the last call of Run did.
type runSummary struct {
	start, duration float64
	steps           int64
	wall            time.Duration
	status, err     string
}

// Run advances the network by duration (ms, rounded to whole steps). It can
// be called again to continue. See RunContext.
func (n *Network) Run(duration float64) error {
	return n.RunContext(context.Background(), duration)
}

// RunContext is Run with cancellation: when ctx is done the run stops
// within a few milliseconds, after a whole step, and returns ctx's error;
// the network can be run further. Each call is reported to the golgi
// kernel (package runlog).
func (n *Network) RunContext(ctx context.Context, duration float64) error {
	if ctx == nil {
		return errors.New("network: RunContext: ctx is nil: use context.Background()")
	}
	if !n.running.CompareAndSwap(false, true) {
		return errors.New("network: Run called while a run of the same network is in progress (from a Progress callback, or another goroutine): runs of one network go one after the other")
	}
	defer n.running.Store(false)
	if err := n.Build(); err != nil {
		return err
	}
	if n.fault != nil {
		return fmt.Errorf("network: stopped by an earlier fault: %w", n.fault)
	}
	if err := checkWorkers(n.opt.Workers); err != nil {
		return err
	}
	dt := n.DT()
	steps, err := param.Steps("Run duration", duration, dt, param.MaxSteps-n.steps)
	if err == nil && steps == 0 && duration > 0 {
		// it would do nothing, and a loop of such runs would never advance
		err = param.New("Run duration", duration, " ms", fmt.Sprintf("must be 0 or at least dt/2 = %v ms (durations are rounded to whole steps of dt = %v ms)", dt/2, dt))
	}
	if err != nil {
		return fmt.Errorf("network: %w", err)
	}
	if err := n.checkRunMemory(steps, duration); err != nil {
		return err
	}
	start := time.Now()
	t0 := n.Time()
	n.cacheFile = ""
	if n.cacheDir != "" {
		hit, err := n.fromCache(steps)
		if err != nil {
			return err
		}
		if hit {
			n.fresh, n.sampledAt = nil, n.steps
			n.last = runSummary{start: t0, duration: n.Time() - t0, steps: steps, wall: time.Since(start), status: "ok"}
			return runlog.Report(n.Summary())
		}
	}
	if n.stateless {
		return fmt.Errorf("network: this network was loaded from the run cache and its state was not restored; the run of %v ms from t = %v ms is not in the cache: build the network again (without EnableCache, or with the same runs) to simulate it", duration, t0)
	}
	err = n.run(ctx, steps, start)
	if err == nil {
		if cerr := n.toCache(time.Since(start)); cerr != nil {
			err = cerr
		}
	}
	status, msg := "ok", ""
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		status, msg = "cancelled", err.Error()
	default:
		status, msg = "error", err.Error()
	}
	n.last = runSummary{start: t0, duration: n.Time() - t0, steps: n.steps - int64(math.Round(t0/dt)), wall: time.Since(start), status: status, err: msg}
	if rerr := runlog.Report(n.Summary()); rerr != nil && err == nil {
		err = rerr
	}
	return err
}

// checkRunMemory refuses a run whose recorders would outgrow MaxMemory.
func (n *Network) checkRunMemory(steps int64, duration float64) error {
	total, big, bigBytes := n.memEstimate, -1, 0.0
	for k, r := range n.recs {
		if rs, ok := r.(RunSizer); ok {
			b := rs.RunBytes(steps)
			total += b
			if b > bigBytes {
				big, bigBytes = k, b
			}
		}
	}
	if limit := float64(n.memoryLimit()); total > limit && big >= 0 {
		return fmt.Errorf("network: a run of %v ms needs about %.3g GB with what the recorders will keep, but MaxMemory allows %.3g GB; the largest part is recorder %d (%T), %.3g GB: record fewer neurons, sample less often, run in shorter pieces, or raise Options.MaxMemory", duration, total/1e9, limit/1e9, big, n.recs[big], bigBytes/1e9)
	}
	return nil
}

func (n *Network) run(ctx context.Context, steps int64, start time.Time) error {
	e := n.e
	w := n.workerCount()
	if w != e.w {
		e.partition(w)
	}
	n.workers = w
	e.bar = newBarrier(w)
	e.recs = n.recs
	e.acct = n.account
	n.sampleAll(n.fresh)
	n.fresh = nil
	n.sampledAt = n.steps
	first := n.steps + 1
	e.first = first
	end := n.steps + steps
	chunk := int64(16)
	lastReport := time.Now()
	report := func(final bool) {
		if n.opt.Progress == nil || (!final && time.Since(lastReport) < 100*time.Millisecond) {
			return
		}
		lastReport = time.Now()
		n.opt.Progress(Progress{Step: n.steps - first + 1, Steps: steps, T: n.Time(), TEnd: float64(end) * n.DT(), Wall: time.Since(start), Spikes: n.spikes})
	}
	for n.steps < end {
		if err := ctx.Err(); err != nil {
			n.endSample()
			report(true)
			return err
		}
		from, to := n.steps+1, min(end, n.steps+chunk)
		for _, r := range n.recs {
			r.Reserve(to - from + 2) // room for this chunk, so no step allocates
		}
		t := time.Now()
		last := to
		if w == 1 {
			last = e.steps(0, from, to)
		} else {
			var wg sync.WaitGroup
			for k := 1; k < w; k++ {
				wg.Add(1)
				go func(k int) {
					defer wg.Done()
					e.steps(k, from, to)
				}(k)
			}
			last = e.steps(0, from, to)
			wg.Wait()
		}
		n.steps = last
		e.first = 0
		if e.fault != nil {
			n.fault = e.fault
			n.endSample()
			report(true)
			return e.fault
		}
		// Aim at chunks of about 20 ms of wall time.
		if el := time.Since(t); el < 10*time.Millisecond && chunk < 1<<20 {
			chunk *= 2
		} else if el > 40*time.Millisecond && chunk > 1 {
			chunk /= 2
		}
		report(false)
	}
	n.endSample()
	report(true)
	return nil
}

// endSample gives recorders the state at the end of a run, unless it was
// already sampled (a run of zero steps, or a run cancelled at once).
func (n *Network) endSample() {
	if n.steps != n.sampledAt {
		n.sampleAll(n.recs)
		n.sampledAt = n.steps
	}
}

// sampleAll gives recorders the current state of every neuron.
func (n *Network) sampleAll(recs []Recorder) {
	for _, r := range recs {
		for _, p := range n.pops {
			r.Sample(n.steps, p.index, 0, p.size)
		}
	}
}

// account runs after the delivery of update step on worker 0: spike
// counts, the fingerprint and the recorders' spikes.
func (n *Network) account(step int64, buf int) {
	for k, p := range n.e.pops {
		chunks := p.spk[buf]
		cnt := 0
		for _, c := range chunks {
			cnt += len(c)
		}
		if cnt == 0 {
			for _, r := range n.recs {
				r.Spikes(step, k, chunks)
			}
			continue
		}
		n.spikes += int64(cnt)
		b := n.fpBuf[:0]
		b = binary.LittleEndian.AppendUint32(b, uint32(k))
		b = binary.LittleEndian.AppendUint64(b, uint64(step))
		b = binary.LittleEndian.AppendUint32(b, uint32(cnt))
		for _, c := range chunks {
			for _, i := range c {
				b = binary.LittleEndian.AppendUint32(b, uint32(i))
			}
		}
		n.fp.Write(b)
		n.fpBuf = b
		for _, r := range n.recs {
			r.Spikes(step, k, chunks)
		}
	}
}

// Fingerprint returns a hash of every spike (population, update, neuron)
// since the network was built: equal fingerprints mean equal spike trains.
func (n *Network) Fingerprint() string {
	if n.fp == nil {
		return ""
	}
	return hex.EncodeToString(n.fp.Sum(nil)[:16])
}

// SpikeCount returns the number of spikes since the network was built.
func (n *Network) SpikeCount() int64 { return n.spikes }

// Summary describes the network and its last run, as reported to the
// kernel: seed, sizes, dt, the run's interval, wall time and fingerprint.
func (n *Network) Summary() runlog.Run {
	r := runlog.Run{Label: n.opt.Label, Seed: n.opt.Seed, DT: n.DT(), Workers: n.workers,
		Start: n.last.start, Duration: n.last.duration, Steps: n.last.steps, Wall: n.last.wall.Seconds(),
		Spikes: n.spikes, Fingerprint: n.Fingerprint(), Status: n.last.status, Error: n.last.err, Cached: n.cacheHit}
	for _, p := range n.pops {
		kind := ""
		if p.model != nil {
			kind = p.model.Kind()
		}
		r.Neurons += p.size
		r.Populations = append(r.Populations, runlog.Population{Name: p.name, Model: kind, Size: p.size})
	}
	for _, pr := range n.projs {
		r.Synapses += pr.Len()
	}
	return r
}
