#!/usr/bin/python3
"""Speed of golgi's compartmental cells beside NEURON 8.2, on this machine,
one after the other, and a table with the ratios.

    /usr/bin/python3 compare/neuron_speed.py [--repeat 3] [--cells 1,100]
                                             [--tstop 1000] [--json FILE]

The workload (issue 9): a cell of one unbranched section of 100 segments
with NEURON's hh everywhere (L 1000 um, diam 2 um, Ra 100 ohm cm,
cm 1 uF/cm2, celsius 6.3 degC), an IClamp of 0.2 nA from 10 ms at its 0 end
so that it fires throughout; dt 0.025 ms, backward Euler
(secondorder 0), 1 s of simulated time = 40000 steps; one such cell, and
100 independent copies. compare/cmd/cellspeed builds the same cell in golgi
(simlib/cell): its parameters are written in both places, keep them equal.

What is timed, on both sides, is the run only (NEURON: h.continuerun after
h.finitialize; golgi: the stepping loop, after the build), as process CPU
time (time.process_time here, getrusage there), which a busy machine
inflates much less than wall time; wall time is printed too. NEURON runs
single-threaded with its defaults, and again with
cvode.cache_efficient(1) (its faster memory layout, what CoreNEURON-style
users turn on); golgi runs with one worker: standalone (cell.Group, one
call per step) and as a network population (network.Network, Workers 1).
The best of --repeat runs is reported for each. The spike count of the
first cell is printed for both as a check that the two did the same work.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The cell (compare/cmd/cellspeed/main.go has the same numbers).
L, DIAM, NSEG, RA, CM = 1000.0, 2.0, 100, 100.0, 1.0
STIM_DEL, STIM_DUR, STIM_AMP = 10.0, 1e9, 0.2
DT, CELSIUS, VINIT = 0.025, 6.3, -65.0


def neuron_run(ncells, tstop, cache_efficient):
    from neuron import h
    h.load_file("stdrun.hoc")
    secs, stims, ncs, spk = [], [], [], []
    for k in range(ncells):
        s = h.Section(name="cable%d" % k)
        s.L, s.diam, s.nseg, s.Ra, s.cm = L, DIAM, NSEG, RA, CM
        s.insert("hh")
        st = h.IClamp(s(0))
        st.delay, st.dur, st.amp = STIM_DEL, STIM_DUR, STIM_AMP
        secs.append(s)
        stims.append(st)
    # spike detection at the first cell's 0.5, NEURON's NetCon default threshold 10 mV
    nc = h.NetCon(secs[0](0.5)._ref_v, None, sec=secs[0])
    nc.threshold = 10
    times = h.Vector()
    nc.record(times)
    h.dt, h.celsius, h.secondorder = DT, CELSIUS, 0
    h.cvode.active(0)
    h.cvode.cache_efficient(1 if cache_efficient else 0)
    h.finitialize(VINIT)
    c0, w0 = time.process_time(), time.perf_counter()
    h.continuerun(tstop)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    steps = int(round(h.t / h.dt))
    out = {"cpu_s": cpu, "wall_s": wall, "steps": steps, "spikes": len(times)}
    h.cvode.cache_efficient(0)
    del nc, stims, secs
    return out


def neuron_child(args):
    """Run one NEURON measurement in this process (fresh per measurement)."""
    r = neuron_run(args.child_cells, args.tstop, args.child_cache)
    print(json.dumps(r))


def measure_neuron(ncells, tstop, cache, repeat):
    runs = []
    for _ in range(repeat):
        p = subprocess.run([sys.executable, os.path.abspath(__file__), "--child-cells", str(ncells),
                            "--tstop", str(tstop)] + (["--child-cache"] if cache else []),
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("NEURON run failed:\n" + p.stderr)
        runs.append(json.loads(p.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["cpu_s"]), runs


def measure_golgi(binary, ncells, tstop, mode, repeat):
    p = subprocess.run([binary, "-cells", str(ncells), "-tstop", str(tstop), "-mode", mode,
                        "-repeat", str(repeat)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("golgi run failed:\n" + p.stderr)
    runs = [json.loads(l) for l in p.stdout.strip().splitlines()]
    return min(runs, key=lambda r: r["cpu_s"]), runs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cells", default="1,100")
    ap.add_argument("--tstop", type=float, default=1000.0)
    ap.add_argument("--json", default="")
    ap.add_argument("--child-cells", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--child-cache", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_cells:
        return neuron_child(args)

    tmp = tempfile.mkdtemp()
    binary = os.path.join(tmp, "cellspeed")
    env = dict(os.environ, GOTOOLCHAIN="local")
    b = subprocess.run(["go", "build", "-o", binary, "./compare/cmd/cellspeed"], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    if b.returncode != 0:
        sys.exit("go build failed:\n" + b.stderr)
    load0 = open("/proc/loadavg").read().split()[:3]
    rows, raw = [], []
    for n in [int(x) for x in args.cells.split(",")]:
        cs = n * NSEG * round(args.tstop / DT)  # compartment-steps
        res = {}
        res["NEURON 8.2"] = measure_neuron(n, args.tstop, False, args.repeat)
        res["NEURON 8.2, cache_efficient"] = measure_neuron(n, args.tstop, True, args.repeat)
        res["golgi, cell.Group"] = measure_golgi(binary, n, args.tstop, "group", args.repeat)
        res["golgi, network (Workers 1)"] = measure_golgi(binary, n, args.tstop, "network", args.repeat)
        nrn = min(res["NEURON 8.2"][0]["cpu_s"], res["NEURON 8.2, cache_efficient"][0]["cpu_s"])
        for name, (best, runs) in res.items():
            rows.append((n, name, best, cs, best["cpu_s"] / nrn))
            raw.append({"cells": n, "who": name, "best": best, "runs": runs})
    load1 = open("/proc/loadavg").read().split()[:3]
    cpu = "unknown"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    go = subprocess.run(["go", "version"], capture_output=True, text=True, env=env).stdout.strip()
    print("Machine: %s (%d cores), %s %s; %s; NEURON 8.2 (Debian python3-neuron). Load average before/after: %s / %s. Best of %d runs, CPU time of the run phase." % (
        cpu, os.cpu_count(), platform.system(), platform.machine(), go, " ".join(load0), " ".join(load1), args.repeat))
    print()
    print("| hh cable, 100 segments, 1 s at dt 0.025 ms | CPU s | wall s | compartment-steps/s | spikes (cell 0) | CPU time / NEURON's best |")
    print("|---|---|---|---|---|---|")
    for n, name, best, cs, ratio in rows:
        print("| %d cell%s, %s | %.3f | %.3f | %.3g | %d | %.2f |" % (
            n, "" if n == 1 else "s", name, best["cpu_s"], best["wall_s"], cs / best["cpu_s"], best["spikes"], ratio))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()
