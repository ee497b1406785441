package network

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"time"

	"github.com/golgi-sim/golgi/simlib/interrupt"
	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// runSummary is what the last call of Run did.
type runSummary struct {
	start, duration float64
	reached         float64
	steps, asked    int64
	wall            time.Duration
	status, err     string
	sweep           int
	point           *int
}

// Run advances the network by duration (ms, rounded to whole steps). It can
// be called again to continue. See RunContext.
func (n *Network) Run(duration float64) error {
	return n.RunContext(context.Background(), duration)
}

// RunContext is Run with cancellation: when ctx is done the run stops
// within a few milliseconds, after a whole step, and returns ctx's error;
// the network can be run further. A SIGINT or SIGTERM while it runs (a
// kernel interrupt) stops it the same way, whatever ctx is, with an error
// wrapping interrupt.ErrSignal and context.Canceled; then the signal takes
// its course (package interrupt). Each call that starts is reported to the
// golgi kernel (package runlog) when it ends, however it ends: with its
// status and how far it got.
func (n *Network) RunContext(ctx context.Context, duration float64) (err error) {
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
	if n.closed {
		return errors.New("network: Close was called: a closed network does not run (its streaming recorders closed their files); make it again with network.New")
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
	t0, s0 := n.Time(), n.steps
	watch := interrupt.Start()
	n.last = runSummary{start: t0, asked: steps, status: "running"}
	if sw, pt, ok := runlog.PointOf(ctx); ok {
		n.last.sweep, n.last.point = sw, &pt
	}
	// The run is reported when it ends, however: a panic (in a recorder,
	// say) is reported, then goes on; the watch stops last, since it may
	// hand an interrupt on to the default action, which ends the program.
	defer func() {
		p := recover()
		status, msg := "ok", ""
		switch {
		case p != nil:
			status, msg = "panic", fmt.Sprint(p)
			if wp, ok := p.(*WorkerPanic); ok {
				msg = fmt.Sprintf("worker %d panicked: %v", wp.Worker, wp.Value)
			}
			if n.fault == nil {
				n.fault = fmt.Errorf("network: a run panicked: %s", msg)
			}
			// what the streaming recorders hold is written still
			if ferr := n.flushAfterPanic(); ferr != nil {
				msg += "; and " + ferr.Error()
			}
		case err == nil:
		case errors.Is(err, interrupt.ErrSignal):
			status, msg = "interrupted", err.Error()
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			status, msg = "cancelled", err.Error()
		default:
			status, msg = "error", err.Error()
		}
		l := &n.last
		l.duration, l.reached, l.steps, l.wall, l.status, l.err = n.Time()-t0, n.Time(), n.steps-s0, time.Since(start), status, msg
		if rerr := runlog.Report(n.Summary()); rerr != nil && err == nil && p == nil {
			err = rerr
		}
		watch.Stop()
		if p != nil {
			panic(p)
		}
	}()
	n.cacheFile = ""
	if n.cacheDir != "" {
		hit, err := n.fromCache(steps)
		if err != nil {
			return err
		}
		if hit {
			n.fresh, n.sampledAt = nil, n.steps
			return nil
		}
	}
	if n.stateless {
		return fmt.Errorf("network: this network was loaded from the run cache and its state was not restored; the run of %v ms from t = %v ms is not in the cache: build the network again (without EnableCache, or with the same runs) to simulate it", duration, t0)
	}
	err = n.run(ctx, watch, steps, start)
	// However the run ended, the recorders that write out get all of it
	// (after its last sample) before Run returns.
	if ferr := n.flushAll(); ferr != nil {
		if n.fault == nil {
			n.fault = ferr
		}
		if err == nil {
			err = ferr
		}
	}
	if err == nil {
		err = n.toCache(time.Since(start))
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

func (n *Network) run(ctx context.Context, watch *interrupt.Watch, steps int64, start time.Time) error {
	e := n.e
	w := n.workerCount()
	if w != e.w {
		e.partition(w)
	}
	n.workers = w
	e.bar = newBarrier(w)
	e.stat, e.mark = make([]workerStat, w), nil
	e.recs = n.recs
	e.acct = n.account
	n.sampleAll(n.fresh)
	n.fresh = nil
	n.sampledAt = n.steps
	first := n.steps + 1
	e.first = first
	end := n.steps + steps
	chunk := int64(16)
	maxChunk := n.maxChunk()
	lastReport := time.Now()
	report := func(final bool) {
		if n.opt.Progress == nil || (!final && time.Since(lastReport) < 100*time.Millisecond) {
			return
		}
		lastReport = time.Now()
		n.opt.Progress(Progress{Step: n.steps - first + 1, Steps: steps, T: n.Time(), TEnd: float64(end) * n.DT(), Wall: time.Since(start), Spikes: n.spikes})
	}
	var pool *workerPool
	if w > 1 {
		pool = e.startPool()
		defer pool.stop()
	}
	var perr *WorkerPanic
	for n.steps < end {
		err := ctx.Err()
		if err == nil {
			err = interrupted(ctx, watch)
		}
		if err != nil {
			n.endSample()
			report(true)
			return err
		}
		from, to := n.steps+1, min(end, n.steps+min(chunk, maxChunk))
		for _, r := range n.recs {
			r.Reserve(to - from + 2) // room for this chunk, so no step allocates
		}
		t := time.Now()
		last := to
		if w == 1 {
			last = e.steps(0, from, to) // a panic goes up as it is
		} else if last, perr = pool.run(from, to); perr != nil {
			n.fault = perr
			panic(perr)
		}
		n.steps = last
		e.first = 0
		if e.fault != nil {
			n.fault = e.fault
			n.endSample()
			report(true)
			return e.fault
		}
		if err := n.flushDue(); err != nil {
			n.fault = err
			n.endSample()
			report(true)
			return err
		}
		e.rebalance()
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

// flushAfterPanic flushes the recorders after a run panicked; a recorder
// that panics again (the panic may have been its own) is left alone.
func (n *Network) flushAfterPanic() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("flushing the recorders after the panic panicked too: %v", p)
		}
	}()
	return n.flushAll()
}

// interrupted returns the watch's error once it saw a signal; when ctx
// is cancelled too within a moment (the program handles the signal and
// cancels the context it gave the run, as interrupt.Context does), ctx's
// error: the run was cancelled as the program asked.
func interrupted(ctx context.Context, watch *interrupt.Watch) error {
	err := watch.Err()
	if err == nil || ctx.Done() == nil {
		return err
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(50 * time.Millisecond):
		return err
	}
}

// WorkerPanic is the panic of a run whose worker goroutine panicked (in a
// model's, stimulus' or recorder's code): Value is the worker's panic
// value, Stack the worker's stack then. The network refuses to run on.
type WorkerPanic struct {
	Worker int
	Value  any
	Stack  []byte
}

func (p *WorkerPanic) Error() string {
	return fmt.Sprintf("network: worker %d panicked: %v\n\n%s", p.Worker, p.Value, p.Stack)
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

// Fingerprint returns a hash of everything the network produced since it
// was built: every spike (population, update, neuron) and every sample of
// the recorders that implement Digester (package record's State and Rate:
// every value's exact bits), combined in the order the recorders were
// added. Equal fingerprints mean bit-identical spike trains and recordings.
// A network with no such recorder has its SpikeFingerprint. Each call
// hashes only what was recorded since the previous one.
func (n *Network) Fingerprint() string {
	if n.fp == nil {
		return ""
	}
	sp := n.fp.Sum(nil)
	var h hash.Hash
	for k, r := range n.recs {
		d, ok := r.(Digester)
		if !ok {
			continue
		}
		if h == nil {
			h = sha256.New()
			h.Write([]byte("golgi network fingerprint 2\n"))
			h.Write(sp)
		}
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], uint32(k))
		h.Write(b[:])
		h.Write(d.Digest())
	}
	// the weights of plastic projections, as they are now
	if n.hasPlastic() {
		if h == nil {
			h = sha256.New()
			h.Write([]byte("golgi network fingerprint 2\n"))
			h.Write(sp)
		}
		h.Write([]byte("plastic weights\n"))
		n.hashPlastic(h)
	}
	if h == nil {
		return hex.EncodeToString(sp[:16])
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// SpikeFingerprint returns a hash of every spike (population, update,
// neuron) since the network was built: equal spike fingerprints mean equal
// spike trains.
func (n *Network) SpikeFingerprint() string {
	if n.fp == nil {
		return ""
	}
	return hex.EncodeToString(n.fp.Sum(nil)[:16])
}

// SpikeCount returns the number of spikes since the network was built.
func (n *Network) SpikeCount() int64 { return n.spikes }

// Summary describes the network and its last run, as reported to the
// kernel: seed, sizes, dt, the run's interval and how much of it was done,
// wall time, status and fingerprints.
func (n *Network) Summary() runlog.Run {
	l := n.last
	r := runlog.Run{Label: n.opt.Label, Sweep: l.sweep, Point: l.point, Seed: n.opt.Seed, DT: n.DT(), Workers: n.workers,
		Start: l.start, Duration: l.duration, Reached: l.reached, Steps: l.steps, StepsAsked: l.asked, Wall: l.wall.Seconds(),
		Spikes: n.spikes, Fingerprint: n.Fingerprint(), SpikeFingerprint: n.SpikeFingerprint(), Status: l.status, Error: l.err, Cached: n.cacheHit}
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
