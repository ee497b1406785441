#!/usr/bin/python3
"""Run the Vogels-Abbott benchmarks (COBA and CUBA, PyNN's VAbenchmarks.py
parameters) in Brian2 and in golgi over several seeds, and test whether the
two simulators' per-seed statistics come from the same distribution.

    /usr/bin/python3 compare/va_brian2.py [--seeds 1,2,3,4,5] [--scale 1]
                                          [--bench COBA,CUBA] [--json out.json]
    /usr/bin/python3 compare/va_brian2.py --from-json a.json,b.json

Run from the repository root (golgi runs as `go run ./compare/cmd/va`).
For each benchmark and statistic (mean excitatory and inhibitory rate, mean
ISI CV over cells with >= 3 spikes, fraction of silent cells) it prints both
means, their standard errors over seeds, the difference in combined
standard errors and Welch's t-test p-value. The two agree when the
difference of means is within 3 combined standard errors, and the script
exits with status 1 if any statistic disagrees.

The Brian2 model is written out here from the same parameters, not
translated from golgi: LIF with the refractory clamp (unless refractory),
threshold v >= -50 mV, reset -60 mV, 5 ms refractory (50 clamped updates
after the spike, as golgi and NEST: Brian2's refractory is set to 5 ms + dt,
see build_va), 0.2 ms delays,
separate exc (3200) and inh (800) groups, four projections with p = 0.02
and no autapses; COBA with conductance-based exponential synapses,
method 'exponential_euler' (exact for v with the conductances frozen over
the step, as golgi's LIF with conductances), and 20 Poisson sources at
100 Hz for the first 50 ms (p = 0.01, 100 nS); CUBA with current-based
exponential synapses and method 'exact' (the exact joint propagator, as
golgi's LIF Exact scheme with current synapses).
"""
import argparse
import json
import math
import os
import subprocess
import sys

import numpy as np


def build_va(bench, seed_value, scale=1.0, method=None):
    """Build one benchmark in Brian2 under the current device (seed_value
    None: Brian2 picks a seed; method None: the scheme golgi uses by
    default, 'exponential_euler' for COBA and 'exact' for CUBA). Returns the
    Network, the exc and inh groups, their SpikeMonitors and the Synapses
    (name -> (synapses, source size))."""
    import brian2 as b2
    from brian2 import ms, mV, pF, nS, pA

    b2.start_scope()
    b2.defaultclock.dt = 0.1 * ms
    if seed_value is not None:
        b2.seed(seed_value)
    n = int(round(4000 * scale))
    n_exc = int(round(n * 4.0 / 5.0))
    n_inh = n - n_exc
    pconn = 0.02 / scale
    ns = dict(C=200 * pF, gl=10 * nS, Vt=-50 * mV, Vr=-60 * mV,
              taue=5 * ms, taui=10 * ms, Ee=0 * mV, Ei=-80 * mV)
    if bench == "COBA":
        ns["El"] = -60 * mV
        eqs = """
        dv/dt = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v))/C : volt (unless refractory)
        dge/dt = -ge/taue : siemens
        dgi/dt = -gi/taui : siemens
        """
        default_method = "exponential_euler"
        w = {"exc": 4 * nS, "inh": 51 * nS}
        target = {"exc": "ge", "inh": "gi"}
    elif bench == "CUBA":
        ns["El"] = -49 * mV
        eqs = """
        dv/dt = (gl*(El - v) + ie + ii)/C : volt (unless refractory)
        die/dt = -ie/taue : amp
        dii/dt = -ii/taui : amp
        """
        default_method = "exact"
        # PyNN: 0.27 nS * (0 - (-60)) mV and 4.5 nS * (-80 - (-60)) mV.
        w = {"exc": 16.2 * pA, "inh": -90 * pA}
        target = {"exc": "ie", "inh": "ii"}
    else:
        raise ValueError("benchmark %r: must be COBA or CUBA" % bench)
    if method is None:
        method = default_method
    groups = {}
    for name, size in (("exc", n_exc), ("inh", n_inh)):
        # golgi (like NEST) clamps v for t_refrac = 5 ms = 50 updates after
        # the update that spiked; Brian2 counts the refractory period from
        # its spike stamp, the start of that update, and so clamps one update
        # fewer (a regular LIF's ISI is one step shorter). 5 ms + dt gives
        # Brian2 golgi's (and NEST's) 50 clamped updates.
        g = b2.NeuronGroup(size, eqs, threshold="v >= Vt", reset="v = Vr",
                           refractory=5 * ms + b2.defaultclock.dt,
                           method=method, namespace=ns, name=name)
        g.v = "Vr + rand()*(Vt - Vr)"
        groups[name] = g
    objs = list(groups.values())
    syn = {}
    for pre in ("exc", "inh"):
        for post in ("exc", "inh"):
            s = b2.Synapses(groups[pre], groups[post],
                            on_pre="%s_post += w_syn" % target[pre],
                            namespace={"w_syn": w[pre]}, delay=0.2 * ms,
                            name="%s_%s" % (pre, post))
            if pre == post:
                s.connect(condition="i != j", p=pconn)
            else:
                s.connect(p=pconn)
            syn[s.name] = (s, pre)
    if bench == "COBA":
        ext = b2.PoissonGroup(20, rates="100*Hz*int(t < 50*ms)", name="ext")
        objs.append(ext)
        groups_all = dict(groups, ext=ext)
        for post in ("exc", "inh"):
            s = b2.Synapses(ext, groups[post], on_pre="ge_post += 100*nS",
                            delay=0.2 * ms, name="ext_%s" % post)
            s.connect(p=0.01)
            syn[s.name] = (s, "ext")
    else:
        groups_all = dict(groups)
    objs += [s for s, _ in syn.values()]
    mons = {k: b2.SpikeMonitor(g, name="spikes_" + k) for k, g in groups_all.items()}
    # As the PyNN script: v of excitatory cells 0 and 1 at every step.
    vmon = b2.StateMonitor(groups["exc"], "v", record=[0, 1], name="v_exc")
    net = b2.Network(objs + list(mons.values()) + [vmon])
    return net, groups, mons, syn


def brian2_va(bench, seed_value, scale=1.0, tstop=1000.0):
    """Run one benchmark in Brian2 (runtime mode); return spike trains (ms)
    of the exc and inh cells as lists of numpy arrays."""
    from brian2 import ms
    net, groups, mons, _ = build_va(bench, seed_value, scale)
    net.run(tstop * ms)
    out = {}
    for k in ("exc", "inh"):
        tr = mons[k].spike_trains()
        out[k] = [np.asarray(tr[i] / ms) for i in range(len(groups[k]))]
    return out


def stats(trains, tstop=1000.0):
    """Statistics computed independently of golgi's analysis package."""
    def rate(ts):
        return np.mean([np.count_nonzero((t >= 0) & (t < tstop)) for t in ts]) * 1000.0 / tstop
    allt = trains["exc"] + trains["inh"]
    cvs = []
    for t in allt:
        if len(t) >= 3:
            isi = np.diff(np.sort(t))
            cvs.append(np.std(isi) / np.mean(isi))
    silent = np.mean([np.count_nonzero((t >= 0) & (t < tstop)) == 0 for t in allt])
    return {"rate_exc": rate(trains["exc"]), "rate_inh": rate(trains["inh"]),
            "cv": float(np.mean(cvs)) if cvs else 0.0, "cv_cells": len(cvs),
            "silent": float(silent)}


def golgi_runs(bench, seeds, scale):
    cmd = ["go", "run", "./compare/cmd/va", "-bench", bench,
           "-seeds", ",".join(str(s) for s in seeds), "-scale", repr(scale)]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def welch(a, b):
    """Welch's t statistic and two-sided p-value (scipy if available)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = math.sqrt(va + vb)
    if se == 0:
        return 0.0 if a.mean() == b.mean() else math.inf, 1.0 if a.mean() == b.mean() else 0.0
    t = (a.mean() - b.mean()) / se
    try:
        from scipy import stats as st
        df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
        p = 2 * st.t.sf(abs(t), df)
    except ImportError:
        p = math.erfc(abs(t) / math.sqrt(2))
    return t, p


KEYS = [("rate_exc", "exc rate (Hz)"), ("rate_inh", "inh rate (Hz)"),
        ("cv", "ISI CV"), ("silent", "silent fraction")]


def compare(bench, g, b):
    ok = True
    rows = []
    for key, label in KEYS:
        x = np.array([r[key] for r in g])
        y = np.array([r[key] for r in b])
        sx, sy = x.std(ddof=1) / math.sqrt(len(x)), y.std(ddof=1) / math.sqrt(len(y))
        se = math.sqrt(sx ** 2 + sy ** 2)
        d = x.mean() - y.mean()
        z = abs(d) / se if se > 0 else (0.0 if d == 0 else math.inf)
        t, p = welch(x, y)
        agree = z <= 3
        ok = ok and agree
        rows.append((bench, label, x.mean(), sx, y.mean(), sy, z, p, "yes" if agree else "NO"))
    return ok, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--bench", default="COBA,CUBA")
    ap.add_argument("--json", help="write every per-seed result to this file")
    ap.add_argument("--from-json", help="comma-separated files written by --json: "
                    "compare their results (pooled) instead of running")
    args = ap.parse_args()
    saved = []
    if args.from_json:
        for f in args.from_json.split(","):
            with open(f) as fh:
                saved += json.load(fh)
        seeds = sorted({r["seed"] for r in saved})
        args.scale = saved[0]["scale"]
    else:
        seeds = [int(s) for s in args.seeds.split(",")]
    if len(seeds) < 2:
        sys.exit("need at least 2 seeds for standard errors")
    allok, rows, dump = True, [], []
    for bench in args.bench.split(","):
        if saved:
            g = [r for r in saved if r["benchmark"] == bench and r["simulator"] == "golgi"]
            b = [r for r in saved if r["benchmark"] == bench and r["simulator"] == "brian2"]
        else:
            g = golgi_runs(bench, seeds, args.scale)
            b = []
            for s in seeds:
                r = stats(brian2_va(bench, s, args.scale))
                r.update(simulator="brian2", benchmark=bench, seed=s, scale=args.scale)
                b.append(r)
                print("brian2 %s seed %d: %s" % (bench, s, {k: round(r[k], 4) for k, _ in KEYS}), file=sys.stderr)
        ok, rr = compare(bench, g, b)
        allok = allok and ok
        rows += rr
        dump += g + b
    print("%d seeds per simulator, scale %g; agree: |difference| <= 3 combined standard errors"
          % (len(seeds), args.scale))
    print("| benchmark | statistic | golgi mean ± SE | Brian2 mean ± SE | |diff|/SE | Welch p | agree |")
    print("|---|---|---|---|---|---|---|")
    for bench, label, gm, gs, bm, bs, z, p, a in rows:
        print("| %s | %s | %.4g ± %.2g | %.4g ± %.2g | %.2f | %.2f | %s |" % (bench, label, gm, gs, bm, bs, z, p, a))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dump, f, indent=1)
    sys.exit(0 if allok else 1)


if __name__ == "__main__":
    main()
