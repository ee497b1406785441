#!/usr/bin/python3
"""Time Brian2's cpp_standalone run of the Vogels-Abbott benchmark (the
model of compare/va_brian2.py, scaled to N cells at a fixed in-degree of
about 80) and print one JSON object per run.

    /usr/bin/python3 compare/bench_brian2.py [--bench COBA] [--scheme exp-euler]
        [--n 4000] [--threads 1] [--repeat 3] [--t 1000] [--cache DIR]

Schemes: COBA exp-euler (Brian2's 'exponential_euler': v exactly for the
conductances frozen over the step, golgi's default) or euler (forward
Euler, 'euler', the scheme of Brian2's own COBA example); CUBA exact
('exact', golgi's default) or euler.

What is timed: the run phase only, as compare/cmd/bench times net.Run and
not the build. Brian2's generated Network::run measures its own main loop
(every step's state update, thresholds, spike propagation, resets and
monitors) and writes it to results/last_run_info.txt, which Brian2 reads
back as device._last_run_time. For 1 thread the script compiles without
OpenMP and that timer is the process's CPU time (std::clock), comparable to
golgi's CPU time with one worker and little affected by other processes on
a busy machine; for 2 or more threads it compiles with OpenMP and the timer
is wall time (omp_get_wtime), comparable to golgi's wall time. Compilation,
synapse creation, initialisation and writing results are outside it.

Peak resident set: the generated binary runs under GNU time (/usr/bin/time
-f %M), which reports the binary's own peak (it creates the synapses, runs
and writes the results; Python and the compiler are not counted), as
compare/cmd/bench reports golgi's whole process.

The project is generated and compiled once per configuration in its own
directory under --cache (default $TMPDIR/golgi_bench_brian2) and kept:
Brian2 rewrites only files whose contents changed and make recompiles only
those, so a second invocation of the same configuration does not compile.
The binary is run --repeat times; every run is one JSON line.

Brian2's defaults compile with -O3 -ffast-math -march=native.
"""
import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from va_brian2 import build_va  # noqa: E402

# scheme name (as compare/cmd/bench) -> Brian2 method, per benchmark
SCHEMES = {"COBA": {"exp-euler": "exponential_euler", "euler": "euler"},
           "CUBA": {"exact": "exact", "euler": "euler"}}
MAX_N = 4000000


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def bench(bench_name, scheme, n, threads, repeat, tstop, directory, seed_value):
    import brian2 as b2
    from brian2 import ms

    b2.set_device("cpp_standalone", directory=directory, build_on_run=False)
    b2.device.reinit()
    b2.device.activate(directory=directory, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
    rss_file = "results/peak_rss_kb.txt"  # relative to the project directory
    b2.prefs.devices.cpp_standalone.run_cmd_unix = ["/usr/bin/time", "-f", "%M", "-o", rss_file, "./main"]
    net, groups, mons, syn = build_va(bench_name, seed_value, n / 4000.0, SCHEMES[bench_name][scheme])
    cells = len(groups["exc"]) + len(groups["inh"])
    if cells != n:
        raise SystemExit("bench_brian2: --n %d gives %d cells" % (n, cells))
    net.run(tstop * ms)
    t0 = time.time()
    b2.device.build(directory=directory, compile=True, run=False)
    build_s = time.time() - t0
    steps = int(round(tstop / 0.1))
    for k in range(repeat):
        l0 = load1()
        if os.path.exists(os.path.join(directory, rss_file)):
            os.remove(os.path.join(directory, rss_file))
        t1 = time.time()
        b2.device.run(directory=directory, with_output=False, run_args=[])
        binary_s = time.time() - t1
        with open(os.path.join(directory, rss_file)) as f:
            rss = int(f.read().split()[-1]) * 1024
        run_s = b2.device._last_run_time
        # Synaptic events: each spike of a source times its out-degree.
        events = 0
        for s, pre in syn.values():
            deg = np.bincount(np.asarray(s.i[:]), minlength=len(mons[pre].source))
            events += int(deg[np.asarray(mons[pre].i[:])].sum())
        rec = {"simulator": "brian2", "benchmark": bench_name, "scheme": scheme, "n": cells,
               "threads": threads, "t_ms": tstop,
               "synapses": int(sum(len(s) for s, _ in syn.values())),
               "spikes": int(sum(m.num_spikes for m in mons.values())),
               "syn_events": events, "neuron_updates": cells * steps,
               # the first run's build_s is the code generation and
               # compilation (short when cached), later runs' 0
               "build_s": build_s if k == 0 else 0.0,
               "binary_s": binary_s, "run_s": run_s,
               "timer": "wall" if threads > 1 else "cpu",
               "peak_rss_bytes": rss, "load1": [l0, load1()],
               "brian2": b2.__version__, "method": SCHEMES[bench_name][scheme],
               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t1))}
        print(json.dumps(rec), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", default="COBA", help="COBA or CUBA")
    ap.add_argument("--scheme", default="", help="COBA: exp-euler (default) or euler; CUBA: exact (default) or euler")
    ap.add_argument("--n", type=int, default=4000, help="cells (in-degree stays about 80)")
    ap.add_argument("--threads", type=int, default=1, help="1: no OpenMP; more: OpenMP threads")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--t", type=float, default=1000.0, help="simulated time (ms)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "golgi_bench_brian2"),
                    help="directory of the generated projects, one per configuration, kept between runs")
    a = ap.parse_args()
    if a.bench not in SCHEMES:
        ap.error("--bench %r: must be COBA or CUBA" % a.bench)
    if not a.scheme:
        a.scheme = {"COBA": "exp-euler", "CUBA": "exact"}[a.bench]
    if a.scheme not in SCHEMES[a.bench]:
        ap.error("--scheme %r for %s: must be one of %s" % (a.scheme, a.bench, ", ".join(SCHEMES[a.bench])))
    if not 100 <= a.n <= MAX_N:
        ap.error("--n %d: must be between 100 and %d cells" % (a.n, MAX_N))
    if not 1 <= a.threads <= 1024:
        ap.error("--threads %d: must be between 1 and 1024" % a.threads)
    if a.repeat < 1:
        ap.error("--repeat %d: must be at least 1" % a.repeat)
    if not (a.t > 0 and a.t < float("inf")):
        ap.error("--t %r: must be a positive, finite time in ms" % a.t)
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bench_brian2: /usr/bin/time (GNU time, Debian package 'time') is needed for the peak RSS")
    d = os.path.join(a.cache, "%s_%s_n%d_t%d" % (a.bench, a.scheme, a.n, a.threads))
    os.makedirs(d, exist_ok=True)
    bench(a.bench, a.scheme, a.n, a.threads, a.repeat, a.t, d, a.seed)


if __name__ == "__main__":
    main()
