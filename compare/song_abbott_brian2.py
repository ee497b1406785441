#!/usr/bin/python3
"""Song, Miller & Abbott (2000)'s STDP network in Brian2 2.5.1
(cpp_standalone) and golgi, side by side over seeds: the final weight
distribution, the output rate, and the run time.

    /usr/bin/python3 compare/song_abbott_brian2.py [--seeds 5] [--t 100]
                                                   [--dir DIR] [--json out.json]

Run from the repository root (golgi runs as `go run ./compare/cmd/songabbott`,
models.DefaultSongAbbott, seeds 1..n, one worker). The model is Brian2's
documentation example "synapses/STDP" (adapted from Song, Miller & Abbott
2000 and Song & Abbott 2001): 1000 Poisson inputs at 15 Hz onto one LIF cell
(taum 10 ms, El -74 mV, vt -54 mV, vr -60 mV, a dimensionless conductance
ge with taue 5 ms and Ee 0 mV, forward Euler, dt 0.1 ms), additive
all-to-all pair STDP with traces (taupre = taupost = 20 ms, dApre =
0.01 gmax, dApost = -1.05 dApre, w clipped to [0, gmax], gmax 0.01),
initial weights uniform in [0, gmax], 100 s as in the example. Two
changes, both said in models.DefaultSongAbbott: the cell starts at El
(Brian2's default v = 0 makes one spike at t = 0), and golgi's input
delay is one step (its smallest), which shifts every input train by one
step and keeps the timing at the synapse as Brian2's zero delay.

Table: per statistic (weights as fractions of gmax: mean, fraction below
0.1 and above 0.9, ten histogram bins; output rate over the run and over
its last 10 s) the mean and standard deviation over seeds and the range,
golgi beside Brian2, and whether golgi's mean lies within Brian2's mean +-
3 SD (exit status 1 if not, for all but the histogram bins). Speed: each seed's run phase, Brian2's
cpp_standalone main loop (compiled once, single-threaded without OpenMP,
its std::clock CPU timer) beside golgi's CPU time around net.Run (one
worker); builds and compilation are not timed. golgi's seeds run while
Brian2 compiles and runs, so both are timed on a machine that is busy.
simlib/models's TestSongAbbottBrian2 pins the Brian2 numbers printed here.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

STATS = ["Mean", "Low", "High", "Rate", "RateEnd"]


def stats(w, gmax, spike_t, T):
    """The summary of models.SongAbbottStats: w in [0, gmax], spike times (s), T (s)."""
    f = np.asarray(w) / gmax
    hist = np.zeros(10)
    for b in np.clip((f * 10).astype(int), 0, 9):
        hist[b] += 1
    win = min(10.0, T)
    return {"Mean": float(f.mean()), "Low": float((f < 0.1).mean()), "High": float((f > 0.9).mean()),
            "Hist": list(hist / len(f)), "Rate": len(spike_t) / T,
            "RateEnd": float((np.asarray(spike_t) > T - win).sum()) / win}


def brian2_seed(seed, T, directory):
    import brian2 as b2
    from brian2 import ms, mV, Hz, second
    b2.set_device("cpp_standalone", directory=directory, build_on_run=False)
    b2.device.reinit()
    b2.device.activate(directory=directory, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = 0.1 * ms
    gmax = 0.01
    ns = dict(taum=10 * ms, taupre=20 * ms, taupost=20 * ms, Ee=0 * mV, vt=-54 * mV, vr=-60 * mV,
              El=-74 * mV, taue=5 * ms, gmax=gmax, dApre=0.01 * gmax, dApost=-1.05 * 0.01 * gmax)
    b2.seed(seed)
    # Fixed names: every seed generates the same code but main.cpp, so
    # only main.cpp is recompiled.
    inp = b2.PoissonGroup(1000, rates=15 * Hz, name="inputs")
    cell = b2.NeuronGroup(1, """dv/dt = (ge*(Ee - v) + El - v)/taum : volt
                                dge/dt = -ge/taue : 1""",
                          threshold="v > vt", reset="v = vr", method="euler", name="cell", namespace=ns)
    cell.v = -74 * mV
    S = b2.Synapses(inp, cell, """w : 1
                    dApre/dt = -Apre/taupre : 1 (event-driven)
                    dApost/dt = -Apost/taupost : 1 (event-driven)""",
                    on_pre="""ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)""",
                    on_post="""Apost += dApost
                    w = clip(w + Apre, 0, gmax)""", name="stdp", namespace=ns)
    S.connect()
    S.w = "rand()*gmax"
    M = b2.SpikeMonitor(cell, name="cellspikes")
    net = b2.Network(inp, cell, S, M, name="songabbott")
    net.run(T * second)
    b2.device.build(directory=directory, compile=True, run=False)
    b2.device.run(directory=directory, with_output=False, run_args=[])
    w = np.asarray(S.w[:])
    st = np.asarray(M.t / second)
    return dict(Seed=seed, Stats=stats(w, gmax, st, T), Spikes=len(st), RunS=b2.device._last_run_time,
                Events=None)


def summary(rows, key):
    x = np.array([r["Stats"][key] for r in rows])
    return x.mean(), x.std(ddof=1) if len(x) > 1 else 0.0, x.min(), x.max()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default="5", help="n (seeds 1..n) or a list a,b,c, for each simulator")
    ap.add_argument("--t", type=float, default=100.0, help="simulated duration (s)")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "golgi_song_abbott_brian2"))
    ap.add_argument("--json", help="write every seed's results as JSON")
    args = ap.parse_args()
    seeds = [int(x) for x in args.seeds.split(",")] if "," in args.seeds else list(range(1, int(args.seeds) + 1))
    # golgi writes to a file, not a pipe: nothing reads it until Brian2 is done.
    golgi_out = tempfile.TemporaryFile(mode="w+")
    golgi_proc = subprocess.Popen(["go", "run", "./compare/cmd/songabbott", "-seeds",
                                   ",".join(map(str, seeds)), "-t", str(args.t * 1000)],
                                  stdout=golgi_out, text=True)
    brian = []
    for s in seeds:
        brian.append(brian2_seed(s, args.t, args.dir))
        print(f"Brian2 seed {s}: " + json.dumps(dict(brian[-1]["Stats"], RunS=brian[-1]["RunS"])), flush=True)
    if golgi_proc.wait() != 0:
        sys.exit("golgi failed")
    golgi_out.seek(0)
    golgi = [json.loads(line) for line in golgi_out if line.strip()]
    for g in golgi:
        print(f"golgi  seed {g['Seed']}: " + json.dumps(dict(g["Stats"], CPUS=g["CPUS"])))

    print(f"\nSong-Miller-Abbott STDP, {args.t:g} s, {len(seeds)} seeds each: mean ± SD [min, max]")
    print(f"{'statistic':10s} {'golgi':>36s} {'Brian2 2.5.1 cpp_standalone':>36s} {'within 3 SD':>11s}")
    bad = False
    names = STATS + [f"Hist[{i}]" for i in range(10)]
    for key in names:
        if key.startswith("Hist"):
            i = int(key[5:-1])
            for r in golgi + brian:
                r["Stats"][key] = r["Stats"]["Hist"][i]
        gm, gs, gmin, gmax_ = summary(golgi, key)
        bm, bs, bmin, bmax_ = summary(brian, key)
        ok = abs(gm - bm) <= 3 * bs
        if key in STATS:  # the bins are shown, not judged: with few seeds a bin's SD can be 0
            bad = bad or not ok
        print(f"{key:10s} {gm:9.4f} ± {gs:7.4f} [{gmin:7.4f}, {gmax_:7.4f}] "
              f"{bm:9.4f} ± {bs:7.4f} [{bmin:7.4f}, {bmax_:7.4f}] {'yes' if ok else 'NO':>11s}")

    gcpu = np.array([g["CPUS"] for g in golgi])
    bcpu = np.array([b["RunS"] for b in brian])
    events = np.mean([g["Events"] for g in golgi])
    print(f"\nrun phase of {args.t:g} s simulated, per seed (CPU s; machine shared with other jobs):")
    print(f"  golgi (1 worker, getrusage)              {gcpu.mean():7.2f} ± {gcpu.std(ddof=1) if len(gcpu) > 1 else 0:5.2f}"
          f"  min {gcpu.min():6.2f}")
    print(f"  Brian2 cpp_standalone (1 thread, clock)  {bcpu.mean():7.2f} ± {bcpu.std(ddof=1) if len(bcpu) > 1 else 0:5.2f}"
          f"  min {bcpu.min():6.2f}")
    print(f"  Brian2 / golgi (best runs)               {bcpu.min() / gcpu.min():7.2f}")
    print(f"  input events per run {events:.0f}: golgi {events / gcpu.min():.3g}/s, Brian2 {events / bcpu.min():.3g}/s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(golgi=golgi, brian2=brian, t=args.t), f, indent=1)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
