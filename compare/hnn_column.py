#!/usr/bin/python3
"""golgi's HNN column (simlib/models/hnn) side by side with hnn-core on NEURON.

Runs a small column (3x3 mesh by default) with the same drives in both:
hnn-core draws its drives' event times; golgi replays exactly those times
(hnn.ReplayDrive). Prints a table per case: per cell type the spike counts,
the largest spike-time difference and the largest difference of any
cell's somatic voltage over the run, and per dipole (L2, L5, agg, nAm,
baseline renormalised, not smoothed) the largest absolute difference, the
RMS difference relative to the peak, and the correlation; then the same
for the smoothed (30 ms Hamming) aggregate dipole.

hnn-core is not part of golgi: the script prepares it in a cache folder
(default ~/.cache/golgi/hnn-core) from a git snapshot of
jonescompneurolab/hnn-core (--hnn-git, default the mirror
/work/.mirror/jonescompneurolab+hnn-core/repo), working around four things
(hnn_column.md section 1): a blob missing from the snapshot
(hnn_core/param/default.hdf5, excluded from the archive), Debian's broken
nrnivmodl (a copy that calls /usr/lib/nrn/nrnmech_makefile), h5io (a stub:
only used for .hdf5 files) and Debian's joblib 1.2 (no parallel_config).

Usage: /usr/bin/python3 compare/hnn_column.py [--case all|seed|erp|erp10x10] [--json out.json]
       [--testdata simlib/models/hnn/testdata]   (rewrites the Go tests' reference runs)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# np.logspace(-4, -1, 20)[9], the tutorial grid's 10th weight
SEED_W = float(__import__("numpy").logspace(-4, -1, 20)[9])

# The cases: hnn-core's batch tutorial drive (hnn-core's batch simulation tutorial,
# weights of its 10th grid point) and the ERP example's three evoked drives
# (hnn_column.md section 7).
CASES = {
    "seed": dict(mesh=[3, 3], tstop=170.0, vsoma=True, drives=[
        dict(name="evprox", mu=40.0, sigma=5.0, numspikes=1, location="proximal", seed=2,
             ampa={t: SEED_W for t in ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"]},
             nmda={}, delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}),
    ]),
    "erp": dict(mesh=[3, 3], tstop=170.0, vsoma=True, drives=[
        dict(name="evdist1", mu=63.53, sigma=3.85, numspikes=1, location="distal", seed=274,
             ampa={"L2_basket": 0.006562, "L2_pyramidal": 7e-6, "L5_pyramidal": 0.142300},
             nmda={"L2_basket": 0.019482, "L2_pyramidal": 0.004317, "L5_pyramidal": 0.080074},
             delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_pyramidal": 0.1}),
        dict(name="evprox1", mu=26.61, sigma=2.47, numspikes=1, location="proximal", seed=544,
             ampa={"L2_basket": 0.08831, "L2_pyramidal": 0.01525, "L5_basket": 0.19934, "L5_pyramidal": 0.00865},
             nmda={}, delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}),
        dict(name="evprox2", mu=137.12, sigma=8.33, numspikes=1, location="proximal", seed=814,
             ampa={"L2_basket": 0.000003, "L2_pyramidal": 1.438840, "L5_basket": 0.008958, "L5_pyramidal": 0.684013},
             nmda={}, delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}),
    ]),
}

# the ERP example on hnn-core's default 10x10 column, for the speed line
CASES["erp10x10"] = dict(CASES["erp"], mesh=[10, 10], vsoma=False)
# the same on one golgi worker (hnn-core runs one process): the single-core speed line
CASES["erp10x10_1w"] = dict(CASES["erp10x10"], workers=1)

H5IO_STUB = '''"""Stand-in for h5io (PyPI only): hnn_core.dipole imports it at module
level but uses it only for .hdf5 dipole files, which this script never uses."""
def write_hdf5(*args, **kwargs):
    raise NotImplementedError("h5io stub")
def read_hdf5(*args, **kwargs):
    raise NotImplementedError("h5io stub")
'''


# Debian's joblib 1.2 has no parallel_config (1.3), which batch_simulate.py
# imports; batch_simulate only uses it as a context manager around Parallel,
# as parallel_backend is. In sitecustomize so that loky's worker processes
# get it too.
JOBLIB_SHIM = '''try:
    import joblib
    if not hasattr(joblib, "parallel_config"):
        joblib.parallel_config = joblib.parallel_backend
except ImportError:
    pass
'''


def prepare(git_dir, cache):
    """Extract hnn-core into cache and compile its mechanisms; return PYTHONPATH."""
    commit = subprocess.check_output(["git", "--git-dir", git_dir, "rev-parse", "HEAD"], text=True).strip()
    base = os.path.join(cache, commit[:12])
    src = os.path.join(base, "src")
    so = os.path.join(src, "hnn_core", "mod", "x86_64", "libnrnmech.so")
    shim = os.path.join(base, "shim")
    if not os.path.exists(so):
        shutil.rmtree(base, ignore_errors=True)
        os.makedirs(src)
        arch = subprocess.run(["git", "--git-dir", git_dir, "archive", "HEAD", "--", ".",
                               ":(exclude)hnn_core/param/default.hdf5"], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", src], input=arch, check=True)
        # Debian's nrnivmodl looks for its makefile and libnrniv in /usr/bin and /usr/lib
        with open("/usr/bin/nrnivmodl") as f:
            lines = f.read().split("\n")
        fixed = []
        for ln in lines:
            if ln.startswith("make ") and "nrnmech_makefile" in ln:
                ln = ('make -j 2 -f "/usr/lib/nrn/nrnmech_makefile" "ROOT=${prefix}" "libdir=/usr/lib/nrn" '
                      '"MODOBJFILES=$MODOBJS" "UserLDFLAGS=$UserLDFLAGS" "UserINCFLAGS=$UserINCFLAGS" '
                      '"LinkCoreNEURON=$LinkCoreNEURON" special &&')
            fixed.append(ln)
        nrniv = os.path.join(base, "nrnivmodl")
        with open(nrniv, "w") as f:
            f.write("\n".join(fixed))
        os.chmod(nrniv, 0o755)
        mod = os.path.join(src, "hnn_core", "mod")
        # the last step (linking special) fails for want of ivstream.h; the library is built before it
        subprocess.run([nrniv], cwd=mod, capture_output=True)
        if not os.path.exists(so):
            raise SystemExit("hnn-core: nrnivmodl did not build " + so)
        os.makedirs(os.path.join(src, "hnn_core", "mod", "x86_64", ".libs"), exist_ok=True)
        shutil.copy(so, os.path.join(src, "hnn_core", "mod", "x86_64", ".libs", "libnrnmech.so"))
    os.makedirs(shim, exist_ok=True)
    with open(os.path.join(shim, "h5io.py"), "w") as f:
        f.write(H5IO_STUB)
    with open(os.path.join(shim, "sitecustomize.py"), "w") as f:
        f.write(JOBLIB_SHIM)
    return src + os.pathsep + shim, commit


# Runs inside /usr/bin/python3 with hnn-core on the path: builds the case,
# simulates one trial, writes times, dipoles, spikes and drive events.
HNN_RUN = r'''
import json, sys, time
try:
    import joblib
    if not hasattr(joblib, "parallel_config"):
        joblib.parallel_config = joblib.parallel_backend
except ImportError:
    pass  # one trial, one process: hnn-core does not need joblib
import numpy as np
from hnn_core import jones_2009_model, simulate_dipole
case = json.load(open(sys.argv[1]))
net = jones_2009_model(mesh_shape=tuple(case["mesh"]))
for d in case["drives"]:
    kw = dict(mu=d["mu"], sigma=d["sigma"], numspikes=d["numspikes"], location=d["location"],
              weights_ampa=d["ampa"] or None, weights_nmda=d["nmda"] or None,
              synaptic_delays=d["delays"], event_seed=d["seed"])
    net.add_evoked_drive(d["name"], **kw)
t0 = time.time()
vs = "soma" if case.get("vsoma") else False
dpl = simulate_dipole(net, tstop=case["tstop"], dt=0.025, n_trials=1, record_vsec=vs)[0]
wall = time.time() - t0
cr = net.cell_response
out = dict(times=list(map(float, dpl.times)), L2=list(map(float, dpl.data["L2"])),
           L5=list(map(float, dpl.data["L5"])), agg=list(map(float, dpl.data["agg"])),
           spike_times=list(map(float, cr.spike_times[0])), spike_gids=list(map(int, cr.spike_gids[0])),
           gid_ranges={k: [v.start, v.stop] for k, v in net.gid_ranges.items()},
           events={name: [list(map(float, e)) for e in dr["events"][0]] for name, dr in net.external_drives.items()},
           wall=wall)
if vs:
    out["vsoma"] = {str(g): list(map(float, d["soma"])) for g, d in cr.vsec[0].items()}
sm = dpl.copy().smooth(30)
out["agg_smooth"] = list(map(float, sm.data["agg"]))
json.dump(out, open(sys.argv[2], "w"))
'''


# hnn-core's batch tutorial (hnn-core's batch simulation tutorial) on n_jobs
# processes: set_params(net, param_values), summary_func, the 20-point zip.
HNN_BATCH = r'''
import json, sys, time
import joblib
if not hasattr(joblib, "parallel_config"):
    joblib.parallel_config = joblib.parallel_backend  # Debian's joblib 1.2
import numpy as np
from hnn_core import jones_2009_model
from hnn_core.batch_simulate import BatchSimulate
n_jobs = int(sys.argv[2])

def set_params(net, param_values):
    w = {"L2_basket": param_values["weight_basket"], "L2_pyramidal": param_values["weight_pyr"],
         "L5_basket": param_values["weight_basket"], "L5_pyramidal": param_values["weight_pyr"]}
    net.add_evoked_drive("evprox", mu=40, sigma=5, numspikes=1, location="proximal", weights_ampa=w,
                         synaptic_delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1., "L5_pyramidal": 1.})

def summary_func(results):
    out = []
    for r in results:
        d = r["dpl"][0].copy().smooth(window_len=30).data["agg"]
        out.append([float(np.min(d)), float(np.max(d))])
    return out

grid = {"weight_basket": np.logspace(-4, -1, 20), "weight_pyr": np.logspace(-4, -1, 20)}
net = jones_2009_model(mesh_shape=(3, 3))
b = BatchSimulate(net=net, set_params=set_params, summary_func=summary_func)
t0 = time.time()
res = b.run(grid, n_jobs=n_jobs, combinations=False, backend="loky", verbose=False)
wall = time.time() - t0
peaks = [p for chunk in res["summary_statistics"] for p in chunk]
json.dump(dict(peaks=peaks, wall=wall), open(sys.argv[1], "w"))
'''


def run_batch(pythonpath, tmp, events, workers):
    """The tutorial's batch in hnn-core (n_jobs=workers) and in golgi (hnn.Batch, replaying
    hnn-core's evprox events, Workers points at once); returns both results."""
    script, hpath = os.path.join(tmp, "run_batch.py"), os.path.join(tmp, "hnn_batch.json")
    with open(script, "w") as f:
        f.write(HNN_BATCH)
    env = dict(os.environ, PYTHONPATH=pythonpath)
    subprocess.run(["/usr/bin/python3", script, hpath, str(workers)], check=True, env=env, cwd=tmp)
    case = dict(CASES["seed"], batch=True, workers=workers, events=events, vsoma=False)
    gin, gout = os.path.join(tmp, "golgi_batch_in.json"), os.path.join(tmp, "golgi_batch.json")
    with open(gin, "w") as f:
        json.dump(case, f)
    subprocess.run(["go", "run", "./compare/cmd/hnncolumn", "-in", gin, "-out", gout], check=True, cwd=ROOT,
                   env=dict(os.environ, GOTOOLCHAIN="local"))
    with open(hpath) as f:
        h = json.load(f)
    with open(gout) as f:
        g = json.load(f)
    worst = 0.0
    print(f"\n== batch: the tutorial's 20-point grid (combinations=False), {workers} workers; "
          "golgi replays hnn-core's evprox events")
    print(f"{'point':>5s} {'min_peak hnn-core':>20s} {'golgi':>20s} {'max_peak hnn-core':>20s} {'golgi':>20s}")
    for i, (hp, gp) in enumerate(zip(h["peaks"], g["peaks"])):
        print(f"{i:5d} {hp[0]:20.12e} {gp[0]:20.12e} {hp[1]:20.12e} {gp[1]:20.12e}")
        for k in range(2):
            worst = max(worst, abs(hp[k] - gp[k]) / abs(hp[k]))
    print(f"largest relative difference {worst:.3g}; wall time (this loaded machine): hnn-core {h['wall']:.1f} s, "
          f"golgi {g['wall']:.1f} s")
    return dict(worst_rel=worst, wall_hnn=h["wall"], wall_golgi=g["wall"], hnn=h["peaks"], golgi=g["peaks"])


def run_hnn(case, pythonpath, tmp):
    cpath, opath = os.path.join(tmp, "case.json"), os.path.join(tmp, "hnn.json")
    with open(cpath, "w") as f:
        json.dump(case, f)
    env = dict(os.environ, PYTHONPATH=pythonpath)
    script = os.path.join(tmp, "run_hnn.py")
    with open(script, "w") as f:
        f.write(HNN_RUN)
    subprocess.run(["/usr/bin/python3", script, cpath, opath], check=True, env=env, cwd=tmp)
    with open(opath) as f:
        return json.load(f)


def run_golgi(case, hnn, tmp):
    """golgi's column with hnn-core's own drive events (compare/cmd/hnncolumn)."""
    inp = dict(case)
    inp["events"] = hnn["events"]
    ipath, opath = os.path.join(tmp, "golgi_in.json"), os.path.join(tmp, "golgi.json")
    with open(ipath, "w") as f:
        json.dump(inp, f)
    env = dict(os.environ, GOTOOLCHAIN="local")
    subprocess.run(["go", "run", "./compare/cmd/hnncolumn", "-in", ipath, "-out", opath], check=True, cwd=ROOT, env=env)
    with open(opath) as f:
        return json.load(f)


def stats(a, b):
    import numpy as np
    a, b = np.asarray(a), np.asarray(b)
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    d = a - b
    peak = max(np.max(np.abs(a)), 1e-300)
    corr = float(np.corrcoef(a, b)[0, 1]) if np.std(a) > 0 and np.std(b) > 0 else float("nan")
    return dict(max_abs=float(np.max(np.abs(d))), rms_rel=float(np.sqrt(np.mean(d * d)) / peak), corr=corr,
                peak_hnn=float(a[np.argmax(np.abs(a))]), peak_golgi=float(b[np.argmax(np.abs(b))]),
                t_peak_hnn=int(np.argmax(np.abs(a))), t_peak_golgi=int(np.argmax(np.abs(b))))


def compare(name, case, hnn, golgi):
    rows = dict(case=name, cells={}, dipole={})
    print(f"\n== {name}: {case['mesh'][0]}x{case['mesh'][1]} mesh, {case['tstop']} ms, drives "
          f"{', '.join(d['name'] for d in case['drives'])} (golgi replays hnn-core's event times)")
    print(f"{'cell type':14s} {'hnn-core':>9s} {'golgi':>7s} {'matched':>8s} {'max |dt| ms':>12s}")
    for typ in ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"]:
        lo, hi = hnn["gid_ranges"][typ]
        hs = sorted((g - lo, t) for g, t in zip(hnn["spike_gids"], hnn["spike_times"]) if lo <= g < hi)
        gs = sorted((s["cell"], s["t"]) for s in golgi["spikes"] if s["type"] == typ)
        matched, worst = 0, 0.0
        if len(hs) == len(gs):
            for (c1, t1), (c2, t2) in zip(hs, gs):
                if c1 == c2:
                    matched += 1
                    worst = max(worst, abs(t1 - t2))
        print(f"{typ:14s} {len(hs):9d} {len(gs):7d} {matched:8d} {worst:12.3g}")
        rows["cells"][typ] = dict(hnn=len(hs), golgi=len(gs), matched=matched, max_dt=worst)
    if "vsoma" in hnn and golgi.get("vsoma"):
        import numpy as np
        print(f"{'soma v':14s} {'max |dv| mV':>12s} {'worst cell':>10s} {'first |dv| > 1e-9 at (ms)':>26s}")
        rows["vsoma"] = {}
        for typ in ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"]:
            lo, hi = hnn["gid_ranges"][typ]
            worst, wc, first = 0.0, -1, float("nan")
            for c in range(hi - lo):
                a = np.asarray(hnn["vsoma"][str(lo + c)])
                b = np.asarray(golgi["vsoma"][typ][c])
                n = min(len(a), len(b))
                d = np.abs(a[:n] - b[:n])
                if d.max() > worst:
                    worst, wc = float(d.max()), c
                big = np.nonzero(d > 1e-9)[0]
                if len(big):
                    t1 = hnn["times"][big[0]]
                    first = t1 if not first == first or t1 < first else first
            print(f"{typ:14s} {worst:12.3g} {wc:10d} {first:26.3f}")
            rows["vsoma"][typ] = dict(max_dv=worst, cell=wc, first_above_1e9=first)
    print(f"{'dipole (nAm)':14s} {'max |diff|':>11s} {'RMS/peak':>9s} {'corr':>10s} {'peak hnn':>11s} {'peak golgi':>11s}")
    for key, gkey in [("L2", "L2"), ("L5", "L5"), ("agg", "agg"), ("agg_smooth", "agg_smooth")]:
        s = stats(hnn[key], golgi[gkey])
        print(f"{key:14s} {s['max_abs']:11.3g} {s['rms_rel']:9.2e} {s['corr']:10.7f} {s['peak_hnn']:11.4g} {s['peak_golgi']:11.4g}")
        rows["dipole"][key] = s
    print(f"wall time (one trial, this loaded machine): hnn-core {hnn['wall']:.2f} s, golgi {golgi['wall']:.2f} s")
    rows["wall"] = dict(hnn=hnn["wall"], golgi=golgi["wall"])
    return rows


def write_testdata(folder, name, case, hnn, commit):
    import gzip
    ref = dict(provenance=f"compare/hnn_column.py --testdata: hnn-core {commit[:12]} on Debian's NEURON 8.2.2, "
               f"case {name!r} of the script (one trial, dt 0.025 ms); dipoles in nAm after hnn-core's baseline "
               "renormalisation, not smoothed, agg_smooth after smooth(30); spike times in ms (NEURON's t + 1e-10)",
               case=case, events=hnn["events"], times=hnn["times"], L2=hnn["L2"], L5=hnn["L5"], agg=hnn["agg"],
               agg_smooth=hnn["agg_smooth"], gid_ranges=hnn["gid_ranges"], spike_gids=hnn["spike_gids"],
               spike_times=hnn["spike_times"])
    with gzip.open(os.path.join(folder, f"hnn_core_{name}.json.gz"), "wt") as f:
        json.dump(ref, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", default="all", choices=["all"] + list(CASES),
                    help="all: seed and erp (the 3x3 cases); erp10x10: the ERP example on the 10x10 column")
    ap.add_argument("--hnn-git", default=os.environ.get("HNN_CORE_GIT", "/work/.mirror/jonescompneurolab+hnn-core/repo"))
    ap.add_argument("--cache", default=os.path.join(os.path.expanduser("~"), ".cache", "golgi", "hnn-core"))
    ap.add_argument("--json", help="write the table's numbers to this file")
    ap.add_argument("--batch", action="store_true", help="also run the tutorial's 20-point batch in both "
                    "(needs joblib: apt-get install python3-joblib)")
    ap.add_argument("--workers", type=int, default=2, help="n_jobs / golgi's sweep workers for --batch")
    ap.add_argument("--testdata", help="write hnn-core's run of each case (events, dipoles, spikes) as "
                    "hnn_core_<case>.json.gz into this folder (simlib/models/hnn/testdata)")
    a = ap.parse_args()
    if not os.path.isdir(a.hnn_git):
        raise SystemExit(f"hnn-core git snapshot not found at {a.hnn_git} (set --hnn-git or HNN_CORE_GIT)")
    pp, commit = prepare(a.hnn_git, a.cache)
    print(f"hnn-core {commit[:12]} on NEURON (Debian), /usr/bin/python3")
    out = dict(hnn_core=commit, cases=[])
    with tempfile.TemporaryDirectory() as tmp:
        names = ["seed", "erp"] if a.case == "all" else [a.case]
        if a.batch and "seed" not in names:
            names = ["seed"] + names
        for name in names:
            case = CASES[name]
            hnn = run_hnn(case, pp, tmp)
            if a.testdata:
                write_testdata(a.testdata, name, case, hnn, commit)
            golgi = run_golgi(case, hnn, tmp)
            out["cases"].append(compare(name, case, hnn, golgi))
            if a.batch and name == "seed":
                out["batch"] = run_batch(pp, tmp, hnn["events"], a.workers)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
