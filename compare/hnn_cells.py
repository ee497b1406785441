#!/usr/bin/python3
"""Side by side: hnn-core's four cell types on NEURON and golgi's
(simlib/models/hnn), same stimuli, same integrator (fixed dt 0.025 ms,
backward Euler, 37 °C, legacy units); prints a table.

    /usr/bin/python3 compare/hnn_cells.py --hnn-core PATH [--cases a,b]
                                          [--write-testdata] [--cache DIR]

Run from the repository root. PATH is hnn-core's source: a git repository
(bare or not; its HEAD is extracted with `git archive`, leaving out
hnn_core/param/default.hdf5, a blob some snapshots lack and nothing here
reads) or an already extracted tree. The default is $HNN_CORE. The script
prepares, in the cache directory (default ~/.cache/golgi/hnn-core-<commit>),
everything hnn-core needs on Debian's NEURON 8.2 (Debian's nrnivmodl
looks for its makefile and libraries in the wrong folder, h5io is PyPI-only and only used for
.hdf5 dipole files):

  * the extracted tree;
  * its mod files compiled with a copy of Debian's nrnivmodl whose make line
    names /usr/lib/nrn/nrnmech_makefile and libdir=/usr/lib/nrn (Debian's
    own looks in /usr/bin and links -L/usr/lib); the final link of
    `special` fails (ivstream.h) but Python only needs libnrnmech.so,
    copied to hnn_core/mod/x86_64/ where load_custom_mechanisms looks;
  * a stand-in module h5io (hnn_core.dipole imports it; only HDF5 dipole
    files use it, never here).

NEURON side: each cell is built by hnn-core's own builders
(cells_default.pyramidal / basket, Cell.build), as NetworkBuilder builds it
(h.nrnunit_use_legacy(1) on import of network_builder, celsius 37,
h.finitialize() without a value so each section starts at its v0). Events
reach the synapses through NetCon(None, syn).event(t) after finitialize,
on every synapse of the location (a group: one per section, each with the
full weight, as hnn-core connects drives); current steps are IClamps.
Spikes: a NetCon on soma(0.5) v, threshold 0 mV (net.threshold).
golgi side: `go run ./compare/cmd/hnncells` with the same cases as JSON
(package simlib/models/hnn/hnncase).

The table gives per case the largest |v_golgi - v_NEURON| over the run at
the soma and at the dendrites recorded (apical_tuft(0.5) and basal_2(0.5)
for pyramidal cells), the largest |Δcai| (L5 pyramidal soma), the spike
counts and the largest spike-time difference. Targets: traces within
1e-6 mV, identical spike counts, spike times within 1e-9 ms (one dt is
the issue's bound; these cells should agree to round-off). Exit status 1
when one is missed.

--write-testdata saves the cases with NEURON's samples every 0.25 ms
(12 significant digits) to simlib/models/hnn/testdata/neuron_dynamics.json.gz
for the Go test, which replays them without NEURON.
"""
import argparse
import gzip
import json
import math
import os
import shutil
import subprocess
import sys
import time

DT = 0.025
TESTDATA = "simlib/models/hnn/testdata/neuron_dynamics.json.gz"

PYR = ("L2_pyramidal", "L5_pyramidal")
# network positions of the first cell of each type (gid order), as in
# hnn-core's 10x10 column: pyramidal cells on the grid from (0, 0), L2 at
# z = 1307.4; basket cells at z = 0.2 and 0.8 of that
POS = {"L2_pyramidal": [0.0, 0.0, 1307.4], "L5_pyramidal": [0.0, 0.0, 0.0],
       "L2_basket": [0.0, 0.0, 0.8 * 1307.4], "L5_basket": [0.0, 0.0, 0.2 * 1307.4]}


# ---------------------------------------------------------------- cases

def probes(typ):
    p = [{"section": "soma", "x": 0.5, "var": "v"}]
    if typ in PYR:
        p += [{"section": "apical_tuft", "x": 0.5, "var": "v"}, {"section": "basal_2", "x": 0.5, "var": "v"}]
    if typ == "L5_pyramidal":
        p += [{"section": "soma", "x": 0.5, "var": "cai"}, {"section": "apical_1", "x": 0.5, "var": "cai"}]
    return p


def case(name, typ, tstop, iclamp=(), events=(), pos=None):
    return {"name": name, "type": typ, "pos": pos or POS[typ], "tstop": tstop,
            "iclamp": list(iclamp), "events": list(events), "record": probes(typ), "every": 1}


def ev(loc, receptor, weight, *times):
    return {"loc": loc, "receptor": receptor, "weight": weight, "times": list(times)}


def build_cases():
    cs = []
    steps = {"L2_pyramidal": (0.1, 0.5), "L5_pyramidal": (0.2, 1.0), "L2_basket": (0.05, 0.3), "L5_basket": (0.05, 0.3)}
    for typ in ("L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"):
        lo, hi = steps[typ]
        for amp in (lo, hi):
            cs.append(case(f"{typ}_step_{amp}nA", typ, 60,
                           iclamp=[{"section": "soma", "x": 0.5, "del": 5, "dur": 40, "amp": amp}]))
        if typ in PYR:
            # one event per receptor and group, weak: subthreshold PSPs
            cs.append(case(f"{typ}_psps", typ, 90, events=[
                ev("proximal", "ampa", 0.0005, 5), ev("proximal", "nmda", 0.0005, 15),
                ev("distal", "ampa", 0.0005, 25), ev("distal", "nmda", 0.0005, 35),
                ev("soma", "gabaa", 0.005, 45), ev("soma", "gabab", 0.005, 55),
                ev("apical_1", "gabaa", 0.002, 65)]))
            # strong: spikes from proximal and distal drives, then inhibition
            cs.append(case(f"{typ}_drive", typ, 100, events=[
                ev("proximal", "ampa", 0.02, 5), ev("distal", "ampa", 0.02, 25), ev("distal", "nmda", 0.01, 25),
                ev("proximal", "nmda", 0.01, 45), ev("soma", "gabaa", 0.05, 47), ev("soma", "gabab", 0.02, 47),
                ev("proximal", "ampa", 0.02, 70, 72, 74)]))
            # another position on the grid (single-precision points differ)
            cs.append(case(f"{typ}_drive_at_9_9", typ, 40, pos=[9.0, 9.0, POS[typ][2]], events=[
                ev("proximal", "ampa", 0.02, 5), ev("distal", "ampa", 0.02, 20)]))
        else:
            evs = [ev("proximal", "ampa", 0.0005, 5), ev("soma", "nmda", 0.0005, 15), ev("soma", "gabaa", 0.005, 30),
                   ev("proximal", "ampa", 0.01, 45)]
            if typ == "L2_basket":
                evs.append(ev("distal", "nmda", 0.005, 60))
            cs.append(case(f"{typ}_synapses", typ, 90, events=evs))
    return cs


# ---------------------------------------------------------------- hnn-core setup

def git_dir(path):
    for cand in (os.path.join(path, ".git"), path):
        if os.path.isfile(os.path.join(cand, "HEAD")) and os.path.isdir(os.path.join(cand, "objects")):
            return cand
    return None


def prepare_hnn_core(src, cache):
    """Returns (tree, shim) ready for sys.path."""
    gd = git_dir(src)
    if gd:
        commit = subprocess.run(["git", "--git-dir", gd, "rev-parse", "HEAD"], check=True,
                                capture_output=True, text=True).stdout.strip()
        cache = cache or os.path.expanduser(f"~/.cache/golgi/hnn-core-{commit[:12]}")
        tree = os.path.join(cache, "tree")
        if not os.path.isdir(os.path.join(tree, "hnn_core")):
            os.makedirs(tree, exist_ok=True)
            arch = subprocess.run(["git", "--git-dir", gd, "archive", "HEAD", "--", ".",
                                   ":(exclude)hnn_core/param/default.hdf5"], check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", tree], input=arch, check=True)
    else:
        if not os.path.isdir(os.path.join(src, "hnn_core")):
            sys.exit(f"hnn_cells.py: {src} is neither a git repository nor a tree with hnn_core/")
        tree = src
        cache = cache or os.path.expanduser("~/.cache/golgi/hnn-core-tree")
    os.makedirs(cache, exist_ok=True)
    mod = os.path.join(tree, "hnn_core", "mod")
    lib = os.path.join(mod, "x86_64", "libnrnmech.so")
    if not os.path.isfile(lib):
        nrniv = os.path.join(cache, "nrnivmodl")
        with open("/usr/bin/nrnivmodl") as f:
            text = f.read()
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.startswith("make ") and "nrnmech_makefile" in line:
                lines[i] = ('make -j 2 -f "/usr/lib/nrn/nrnmech_makefile" "ROOT=${prefix}" "libdir=/usr/lib/nrn" '
                            '"MODOBJFILES=$MODOBJS" "UserLDFLAGS=$UserLDFLAGS" "UserINCFLAGS=$UserINCFLAGS" '
                            '"LinkCoreNEURON=$LinkCoreNEURON" special &&')
                break
        else:
            sys.exit("hnn_cells.py: could not find the make line of /usr/bin/nrnivmodl to patch")
        with open(nrniv, "w") as f:
            f.write("\n".join(lines))
        os.chmod(nrniv, 0o755)
        log = os.path.join(cache, "nrnivmodl.log")
        with open(log, "w") as f:
            subprocess.run(["bash", nrniv], cwd=mod, stdout=f, stderr=subprocess.STDOUT)  # `special` fails; see above
        built = os.path.join(mod, "x86_64", ".libs", "libnrnmech.so")
        if not os.path.isfile(built):
            sys.exit(f"hnn_cells.py: nrnivmodl did not build libnrnmech.so (see {log})")
        shutil.copyfile(built, lib)
    shim = os.path.join(cache, "shim")
    os.makedirs(shim, exist_ok=True)
    with open(os.path.join(shim, "h5io.py"), "w") as f:
        f.write('"""Stand-in for h5io (PyPI only): hnn_core.dipole imports it; HDF5 dipole files are not used here."""\n'
                "def write_hdf5(*a, **k):\n    raise NotImplementedError('h5io stand-in')\n"
                "def read_hdf5(*a, **k):\n    raise NotImplementedError('h5io stand-in')\n")
    return tree, shim


# ---------------------------------------------------------------- NEURON

def run_neuron(cases, tree, shim):
    sys.path.insert(0, shim)
    sys.path.insert(0, tree)
    import io
    import contextlib
    with contextlib.redirect_stdout(io.StringIO()):
        from hnn_core.network_builder import load_custom_mechanisms  # sets h.nrnunit_use_legacy(1)
        load_custom_mechanisms()
        from hnn_core.cells_default import pyramidal, basket
    from neuron import h
    h.load_file("stdrun.hoc")
    h.CVode().active(0)
    out = []
    for c in cases:
        typ = c["type"]
        cell = pyramidal(typ) if typ in PYR else basket(typ)
        cell.pos = tuple(c["pos"])
        if typ in PYR:
            cell.build(sec_name_apical="apical_trunk")
        else:
            cell.build()
        secs = cell._nrn_sections
        h.dt = DT
        h.celsius = 37.0
        h.secondorder = 0
        keep = []
        for ic in c["iclamp"]:
            s = h.IClamp(secs[ic["section"]](ic["x"]))
            s.delay, s.dur, s.amp = ic["del"], ic["dur"], ic["amp"]
            keep.append(s)
        recs = []
        for p in c["record"]:
            seg = secs[p["section"]](p["x"])
            recs.append(h.Vector().record(getattr(seg, "_ref_" + p["var"])))
        spk = h.Vector()
        det = h.NetCon(secs["soma"](0.5)._ref_v, None, sec=secs["soma"])
        det.threshold = 0.0
        det.record(spk)
        ncs = []
        for e in c["events"]:
            names = cell.sect_loc[e["loc"]] if e["loc"] in ("proximal", "distal") else [e["loc"]]
            for sname in names:
                nc = h.NetCon(None, cell._nrn_synapses[f"{sname}_{e['receptor']}"])
                nc.weight[0] = e["weight"]
                nc.delay = 0
                ncs.append((nc, e["times"]))
        h.finitialize()
        for nc, times in ncs:
            for t in times:
                nc.event(t)
        t0 = time.time()
        tv = [h.t]
        while h.t < c["tstop"] - DT / 2:
            h.fadvance()
            tv.append(h.t)
        out.append({"name": c["name"], "t": tv, "traces": [list(r) for r in recs], "spikes": list(spk),
                    "seconds": time.time() - t0})
        del ncs, det, keep, recs, tv, spk, cell
    return out


def run_golgi(cases):
    p = subprocess.run(["go", "run", "./compare/cmd/hnncells"], input=json.dumps(cases), capture_output=True, text=True)
    if p.returncode != 0 and not p.stdout:
        sys.exit("golgi failed:\n" + p.stderr)
    return json.loads(p.stdout)


# ---------------------------------------------------------------- table

def compare(cases, nrn, golgi):
    rows, ok = [], True
    for c, n, g in zip(cases, nrn, golgi):
        if g.get("error"):
            rows.append((c["name"], "golgi error: " + g["error"]))
            ok = False
            continue
        dv = {}
        for k, p in enumerate(c["record"]):
            key = p["var"] if p["var"] != "v" else ("soma" if p["section"] == "soma" else "dend")
            a, b = n["traces"][k], g["traces"][k]
            if len(a) != len(b):
                ok = False
                rows.append((c["name"], f"trace lengths differ: NEURON {len(a)}, golgi {len(b)}"))
                continue
            d = max(abs(x - y) for x, y in zip(a, b))
            dv[key] = max(dv.get(key, 0.0), d)
        ns, gs = n["spikes"], g["spikes"]
        dts = max((abs(x - y) for x, y in zip(ns, gs)), default=0.0)
        good = len(ns) == len(gs) and dts <= 1e-9 and dv.get("soma", 0) <= 1e-6 and dv.get("dend", 0) <= 1e-6
        ok = ok and good
        rows.append((c["name"], dv, len(ns), len(gs), dts, ns[:4], n["seconds"], g["seconds"], good))
    return rows, ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hnn-core", default=os.environ.get("HNN_CORE"), help="hnn-core git repository or extracted tree")
    ap.add_argument("--cache", help="where to extract and build hnn-core (default ~/.cache/golgi/hnn-core-<commit>)")
    ap.add_argument("--cases", help="comma-separated case names")
    ap.add_argument("--write-testdata", action="store_true", help="save NEURON's samples for the Go test (" + TESTDATA + ")")
    a = ap.parse_args()
    if not a.hnn_core:
        sys.exit("hnn_cells.py: give --hnn-core PATH (or set HNN_CORE): hnn-core's git repository or source tree")
    cases = build_cases()
    if a.cases:
        want = set(a.cases.split(","))
        cases = [c for c in cases if c["name"] in want]
    tree, shim = prepare_hnn_core(a.hnn_core, a.cache)
    nrn = run_neuron(cases, tree, shim)
    golgi = run_golgi(cases)
    rows, ok = compare(cases, nrn, golgi)
    print(f"{'case':32s} {'soma |dv| mV':>12s} {'dend |dv| mV':>12s} {'|dcai| mM':>10s} {'spikes N/g':>10s} "
          f"{'max|dt| ms':>10s} {'NEURON s':>8s} {'golgi s':>8s}  first spikes (NEURON)")
    for r in rows:
        if len(r) == 2:
            print(f"{r[0]:32s} {r[1]}")
            continue
        name, dv, nn, ng, dts, first, ns, gs, good = r
        cai = f"{dv['cai']:10.2e}" if "cai" in dv else f"{'-':>10s}"
        dend = f"{dv['dend']:12.2e}" if "dend" in dv else f"{'-':>12s}"
        print(f"{name:32s} {dv.get('soma', 0):12.2e} {dend} {cai} {nn:>4d}/{ng:<5d} {dts:10.1e} {ns:8.3f} {gs:8.3f}  "
              f"{', '.join(f'{t:.3f}' for t in first)}{'' if good else '   <-- MISSED'}")
    print("(wall times on a shared, loaded machine: indicative only; golgi's includes no build, NEURON's no cell building)")
    if a.write_testdata:
        every = 10
        data = []
        for c, n in zip(cases, nrn):
            d = dict(c)
            d["neuron"] = {"every": every, "t": [float(f"{x:.12g}") for x in n["t"][::every]],
                           "traces": [[float(f"{x:.12g}") for x in tr[::every]] for tr in n["traces"]],
                           "spikes": n["spikes"]}
            data.append(d)
        with gzip.open(TESTDATA, "wt") as f:
            json.dump({"source": "compare/hnn_cells.py --write-testdata: NEURON 8.2 (Debian) with hnn-core's builders",
                       "cases": data}, f)
        print("wrote", TESTDATA)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
