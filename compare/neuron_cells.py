#!/usr/bin/python3
"""Side by side: NEURON 8.2 and golgi (simlib/cell) on the same
compartmental cells, same integrator and dt; prints a table.

    /usr/bin/python3 compare/neuron_cells.py [--cases a,b] [--save FILE] [--json FILE]
                                            [--random-seeds A-B]

Run from the repository root. Each case is a plain dict in the JSON form of
package simlib/cell/cellcase (sections with NEURON's names: L, diam, nseg,
Ra, cm, mechs {suffix: {param: value}}, optional pt3d [[x, y, z, d], ...];
point processes with parameters and event times; what to record; an
optional spike detector). The same dict builds the cell in NEURON (below)
and in golgi (`go run ./compare/cmd/cellrun`, which reads the cases as JSON
on stdin). Both run h.finitialize(v_init) then
"while t < tstop - dt/2: fadvance()"; events go through a NetCon with zero
delay (nc.event(t) after finitialize), which NEURON's fixed step delivers
at the first step boundary t with t_event <= t + dt/2, as golgi does.

For every case the table gives, per recorded trace, max |v_golgi - v_NEURON|
over the whole trace; for cases with an "epsp" entry the EPSP amplitude
(peak of the first trace minus its value at the event time) in both and the
relative error; for cases with a detector the spike counts and the largest
spike time difference. Targets (issue 9): traces within 0.05 mV, EPSP
amplitudes within 0.1 %, spike times within one dt. The script exits with
status 1 when a target is missed.

--save FILE writes the cases with NEURON's traces (10 significant digits)
for the Go tests (simlib/cell/testdata/neuron_cells.json.gz; gzip when the
name ends in .gz), which then
need no NEURON.

--random-seeds A-B runs only the random trees (random_trees,
random_pt3d_trees) over seeds A..B (docs/validation.md: 10-49).

Adding a case: append a builder to CASE_BUILDERS (a function returning a
list of case dicts); helpers below build sections and points.
"""
import argparse
import gzip
import json
import math
import os
import subprocess
import sys
import time


# ---------------------------------------------------------------- cases

def section(name, L, diam, nseg=1, Ra=100.0, cm=1.0, parent=None, parent_x=1.0, mechs=None, pt3d=None,
            child_x=0):
    s = {"name": name, "L": L, "diam": diam, "nseg": nseg, "Ra": Ra, "cm": cm,
         "parent_x": parent_x, "mechs": mechs or {}}
    if child_x:
        s["child_x"] = child_x
    if parent:
        s["parent"] = parent
    if pt3d:
        s["pt3d"] = pt3d
    return s


def case(name, sections, points=(), record=(), detector=None, dt=0.025, secondorder=0,
         celsius=6.3, v_init=-65.0, tstop=50.0, epsp=None):
    c = {"name": name, "dt": dt, "secondorder": secondorder, "celsius": celsius,
         "v_init": v_init, "tstop": tstop, "sections": list(sections),
         "points": list(points), "record": list(record)}
    if detector:
        c["detector"] = detector
    if epsp:
        c["epsp"] = epsp
    return c


def passive_cable():
    """A sealed passive cable (1 mm, 2 µm, pas) with a current step at its
    0 end; v at both ends and the middle."""
    out = []
    for so in (0, 2):
        out.append(case(
            f"cable_pas_so{so}",
            [section("cable", 1000, 2, nseg=51, Ra=100, cm=1, parent=None,
                     mechs={"pas": {"g": 1e-4, "e": -65}})],
            points=[{"label": "stim", "type": "IClamp", "sec": "cable", "x": 0,
                     "params": {"del": 5, "dur": 50, "amp": 0.05}}],
            record=[{"sec": "cable", "x": 0, "var": "v"}, {"sec": "cable", "x": 0.5, "var": "v"},
                    {"sec": "cable", "x": 1, "var": "v"}],
            secondorder=so, v_init=-65, tstop=80))
    return out


def soma_hh():
    """A soma (20 x 20 µm) with hh and a current step: spikes."""
    out = []
    for so, dt, celsius in ((0, 0.025, 6.3), (2, 0.025, 6.3), (0, 0.01, 6.3), (2, 0.1, 6.3), (0, 0.01, 20)):
        out.append(case(
            f"soma_hh_so{so}" + ("" if dt == 0.025 else f"_dt{dt}") + ("" if celsius == 6.3 else f"_{celsius}C"),
            [section("soma", 20, 20, mechs={"hh": {}})],
            points=[{"label": "stim", "type": "IClamp", "sec": "soma", "x": 0.5,
                     "params": {"del": 5, "dur": 40, "amp": 0.1}}],
            record=[{"sec": "soma", "x": 0.5, "var": "v"}, {"sec": "soma", "x": 0.5, "var": "m_hh"},
                    {"sec": "soma", "x": 0.5, "var": "ina"}, {"sec": "soma", "x": 0.5, "var": "ik"}],
            detector={"sec": "soma", "x": 0.5, "var": "v", "threshold": 0},
            secondorder=so, dt=dt, celsius=celsius, tstop=50))
    return out


def soma_seclamp():
    """A soma (hh) + passive dendrite under an SEClamp at the soma: steps
    to -40 and 0 mV and back; the clamp current and the dendrite's v."""
    out = []
    for so in (0, 2):
        out.append(case(
            f"soma_seclamp_so{so}",
            [section("soma", 20, 20, mechs={"hh": {}}),
             section("dend", 300, 1, nseg=11, parent="soma", parent_x=1, mechs={"pas": {"g": 1e-4, "e": -65}})],
            points=[{"label": "vc", "type": "SEClamp", "sec": "soma", "x": 0.5,
                     "params": {"rs": 2, "dur1": 5, "amp1": -65, "dur2": 10, "amp2": -40, "dur3": 5, "amp3": 0}}],
            record=[{"point": "vc", "var": "i"}, {"sec": "soma", "x": 0.5, "var": "v"},
                    {"sec": "dend", "x": 1, "var": "v"}],
            secondorder=so, tstop=25))
    return out


def soma_dend_exp2syn():
    """Soma (hh) + a passive dendrite (500 µm, 1 µm, nseg 25) with an
    Exp2Syn (0.5 / 5 ms) at 0.1, 0.5, 0.9 of the dendrite and three weights
    (two sub-threshold, one supra-threshold), one event at 10 ms."""
    out = []
    for so in (0, 2):
        for x in (0.1, 0.5, 0.9):
            for w in (0.0005, 0.002, 0.02):
                out.append(case(
                    f"soma_dend_syn_x{x}_w{w}_so{so}",
                    [section("soma", 20, 20, mechs={"hh": {}}),
                     section("dend", 500, 1, nseg=25, Ra=100, parent="soma", parent_x=1,
                             mechs={"pas": {"g": 1e-4, "e": -65}})],
                    points=[{"label": "syn", "type": "Exp2Syn", "sec": "dend", "x": x,
                             "params": {"tau1": 0.5, "tau2": 5, "e": 0},
                             "events": [10.0], "weight": w}],
                    record=[{"sec": "soma", "x": 0.5, "var": "v"}, {"sec": "dend", "x": x, "var": "v"}],
                    detector={"sec": "soma", "x": 0.5, "var": "v", "threshold": 0},
                    secondorder=so, tstop=40, epsp={"trace": 0, "t0": 10.0}))
    return out


def branched_pt3d():
    """A branched cell: soma (hh) with a tapered apical trunk given by 3-D
    points (irregular spacing, diameter 3 -> 1 µm), two tufts at its 1 end,
    an oblique attached at the trunk's middle (x = 0.5), a basal dendrite
    at the soma's 0 end and an axon at the soma's 1 end; ExpSyn and Exp2Syn
    inputs on different branches (two ExpSyn events off the dt grid:
    12.0123 ms is delivered at 12.0, 12.5126 at 12.525, NEURON's t + dt/2
    rule) and a current step at the axon's far (1) end node."""
    trunk = [[0, 0, 0, 3.0], [0, 40, 0, 2.6], [5, 95, 0, 2.2], [5, 160, 3, 1.8],
             [0, 240, 0, 1.5], [0, 300, 0, 1.0]]
    tuft1 = [[0, 300, 0, 1.0], [40, 350, 0, 0.8], [90, 420, 10, 0.6]]
    tuft2 = [[0, 300, 0, 1.0], [-30, 380, 0, 0.9], [-60, 470, -5, 0.5]]
    pas = {"pas": {"g": 5e-5, "e": -65}}
    out = []
    for so in (0, 2):
        out.append(case(
            f"branched_pt3d_so{so}",
            [section("soma", 20, 20, mechs={"hh": {}}),
             section("trunk", 0, 0, nseg=9, Ra=150, parent="soma", parent_x=1, mechs=pas, pt3d=trunk),
             section("tuft1", 0, 0, nseg=5, Ra=150, parent="trunk", parent_x=1, mechs=pas, pt3d=tuft1),
             section("tuft2", 0, 0, nseg=4, Ra=150, parent="trunk", parent_x=1, mechs=pas, pt3d=tuft2),
             section("oblique", 150, 0.7, nseg=7, Ra=150, parent="trunk", parent_x=0.5, mechs=pas),
             section("basal", 200, 1.2, nseg=8, Ra=120, parent="soma", parent_x=0, mechs=pas),
             section("axon", 400, 0.8, nseg=15, Ra=100, cm=0.8, parent="soma", parent_x=1,
                     mechs={"hh": {"gnabar": 0.2}})],
            points=[{"label": "syn1", "type": "Exp2Syn", "sec": "tuft1", "x": 0.7,
                     "params": {"tau1": 0.3, "tau2": 3, "e": 0}, "events": [5.0, 25.0], "weight": 0.003},
                    {"label": "syn2", "type": "ExpSyn", "sec": "oblique", "x": 0.3,
                     "params": {"tau": 2, "e": 0}, "events": [12.0123, 12.5126], "weight": 0.004},
                    {"label": "syn3", "type": "Exp2Syn", "sec": "basal", "x": 1,
                     "params": {"tau1": 1, "tau2": 8, "e": -80}, "events": [30.0], "weight": 0.002},
                    {"label": "stim", "type": "IClamp", "sec": "axon", "x": 1,
                     "params": {"del": 35, "dur": 2, "amp": 0.3}}],
            record=[{"sec": "soma", "x": 0.5, "var": "v"}, {"sec": "tuft1", "x": 0.7, "var": "v"},
                    {"sec": "trunk", "x": 0.5, "var": "v"}, {"sec": "axon", "x": 1, "var": "v"},
                    {"sec": "basal", "x": 0, "var": "v"}, {"point": "syn1", "var": "g"}],
            detector={"sec": "axon", "x": 0.9, "var": "v", "threshold": -10},
            secondorder=so, tstop=45, epsp={"trace": 0, "t0": 5.0}))
    return out


def reversed_child():
    """Sections attached by their 1 end (connect child(1), parent(x)): a
    dendrite on the soma by its 1 end, a branch on that dendrite's far (0)
    end, another by its 1 end at the dendrite's x = 0.3; an Exp2Syn at
    dend(0.2) and v at both ends and inside."""
    pas = {"pas": {"g": 1e-4, "e": -65}}
    out = []
    for so in (0, 2):
        out.append(case(
            f"reversed_child_so{so}",
            [section("soma", 20, 20, mechs={"hh": {}}),
             section("dend", 400, 1.5, nseg=13, parent="soma", parent_x=1, child_x=1, mechs=pas),
             section("b1", 150, 0.8, nseg=5, parent="dend", parent_x=0, mechs=pas),
             section("b2", 120, 0.6, nseg=4, parent="dend", parent_x=0.3, child_x=1, mechs=pas)],
            points=[{"label": "syn", "type": "Exp2Syn", "sec": "dend", "x": 0.2,
                     "params": {"tau1": 0.5, "tau2": 5, "e": 0}, "events": [5.0], "weight": 0.003},
                    {"label": "syn2", "type": "ExpSyn", "sec": "b2", "x": 0,
                     "params": {"tau": 3, "e": 0}, "events": [15.0], "weight": 0.002}],
            record=[{"sec": "soma", "x": 0.5, "var": "v"}, {"sec": "dend", "x": 0.2, "var": "v"},
                    {"sec": "dend", "x": 0, "var": "v"}, {"sec": "dend", "x": 1, "var": "v"},
                    {"sec": "b1", "x": 1, "var": "v"}, {"sec": "b2", "x": 0, "var": "v"},
                    {"sec": "b2", "x": 0.9, "var": "v"}],
            secondorder=so, tstop=30, epsp={"trace": 0, "t0": 5.0}))
    return out


def random_pt3d(rnd, npts):
    """A random walk of npts 3-D points with diameters 0.3-4 µm (some
    points 1e-4 µm apart or coincident, with different diameters)."""
    pts, x, y, z = [], 0.0, 0.0, 0.0
    for k in range(npts):
        pts.append([round(x, 4), round(y, 4), round(z, 4), round(rnd.uniform(0.3, 4), 3)])
        # the first step is long (a section must have a length); later ones
        # may be tiny, giving nearly coincident points
        step = rnd.uniform(5, 60) if k == 0 else rnd.choice([rnd.uniform(0.5, 60), rnd.uniform(0.5, 60), 1e-4, 0])
        x += step * rnd.uniform(-1, 1)
        y += step * rnd.uniform(0, 1)
        z += step * rnd.uniform(-1, 1)
    return pts


def random_pt3d_trees(seeds=(1, 2)):
    """Random trees whose dendrites are given by random 3-D points."""
    import random
    out = []
    for seed in seeds:
        rnd = random.Random(1000 + seed)
        n = rnd.randint(4, 9)
        secs = [section("soma", 20, 20, mechs={"hh": {}})]
        for i in range(1, n):
            secs.append(section(f"d{i}", 0, 0, nseg=rnd.choice([1, 3, 7, 12]), Ra=rnd.uniform(60, 200),
                                parent=rnd.choice(["soma"] + [f"d{j}" for j in range(1, i)]),
                                parent_x=rnd.choice([0.0, 1.0, round(rnd.uniform(0.05, 0.95), 3)]),
                                mechs={"pas": {"g": 1e-4, "e": -65}}, pt3d=random_pt3d(rnd, rnd.randint(2, 9))))
        pts = [{"label": f"syn{j}", "type": "Exp2Syn", "sec": f"d{rnd.randrange(1, n)}",
                "x": rnd.choice([0.0, 1.0, round(rnd.random(), 3)]), "params": {"tau1": 0.5, "tau2": 4, "e": 0},
                "events": [round(rnd.uniform(2, 20), 3)], "weight": rnd.uniform(0.001, 0.006)} for j in range(3)]
        rec = [{"sec": "soma", "x": 0.5, "var": "v"}] + [
            {"sec": f"d{rnd.randrange(1, n)}", "x": rnd.choice([0.0, 1.0, round(rnd.random(), 3)]), "var": "v"}
            for _ in range(3)]
        so = (0, 2)[seed % 2]
        out.append(case(f"random_pt3d_seed{seed}_so{so}", secs, points=pts, record=rec,
                        detector={"sec": "soma", "x": 0.5, "var": "v", "threshold": 0},
                        secondorder=so, tstop=30))
    return out


def random_trees(seeds=(1, 2, 3, 4)):
    """Random trees (fixed seeds): 6-14 sections, each attached to a random
    earlier one at x in {0, 1, a random interior point} by its 0 or 1 end,
    random L, diam, nseg, Ra, cm; hh in the root, pas or hh elsewhere
    (some with their own ena, ek);
    synapses and a clamp at random places (ends included), v recorded at
    random places."""
    import random
    out = []
    for seed in seeds:
        rnd = random.Random(seed)
        n = rnd.randint(6, 14)
        secs = [section("s0", rnd.uniform(10, 30), rnd.uniform(10, 30), nseg=rnd.choice([1, 3]),
                        Ra=rnd.uniform(50, 200), mechs={"hh": {}})]
        for i in range(1, n):
            parent = rnd.randrange(i)
            px = rnd.choice([0.0, 1.0, round(rnd.uniform(0.05, 0.95), 3)])
            mechs = ({"hh": {"gnabar": rnd.uniform(0.05, 0.15)}} if rnd.random() < 0.3
                     else {"pas": {"g": rnd.uniform(2e-5, 2e-4), "e": rnd.uniform(-70, -60)}})
            secs.append(section(f"s{i}", rnd.uniform(20, 400), rnd.uniform(0.4, 3), nseg=rnd.choice([1, 2, 5, 9, 14]),
                                Ra=rnd.uniform(50, 250), cm=rnd.uniform(0.7, 1.5), parent=f"s{parent}",
                                parent_x=px, child_x=rnd.choice([0, 0, 1]), mechs=mechs))
            if "hh" in mechs and rnd.random() < 0.5:
                secs[-1]["ions"] = {"ena": rnd.uniform(45, 60), "ek": rnd.uniform(-85, -70)}
        pts = []
        for j in range(3):
            pts.append({"label": f"syn{j}", "type": rnd.choice(["ExpSyn", "Exp2Syn"]), "sec": f"s{rnd.randrange(n)}",
                        "x": rnd.choice([0.0, 1.0, round(rnd.random(), 3)]), "params": {},
                        "events": sorted(round(rnd.uniform(1, 30), 4) for _ in range(3)),
                        "weight": rnd.uniform(0.001, 0.01)})
            if pts[-1]["type"] == "ExpSyn":
                pts[-1]["params"] = {"tau": rnd.uniform(0.5, 5), "e": 0}
            else:
                pts[-1]["params"] = {"tau1": rnd.uniform(0.2, 1), "tau2": rnd.uniform(2, 10), "e": 0}
        pts.append({"label": "stim", "type": "IClamp", "sec": f"s{rnd.randrange(n)}", "x": rnd.choice([0.0, 1.0, 0.5]),
                    "params": {"del": 10, "dur": 5, "amp": rnd.uniform(0.05, 0.3)}})
        rec = [{"sec": "s0", "x": 0.5, "var": "v"}] + [
            {"sec": f"s{rnd.randrange(n)}", "x": rnd.choice([0.0, 1.0, round(rnd.random(), 3)]), "var": "v"}
            for _ in range(4)]
        so = (0, 2)[seed % 2]
        out.append(case(f"random_tree_seed{seed}_so{so}", secs, points=pts, record=rec,
                        detector={"sec": "s0", "x": 0.5, "var": "v", "threshold": 0},
                        secondorder=so, tstop=40))
    return out


# cell-build adds the SWC and PT5B rows here (functions returning lists of cases).
CASE_BUILDERS = [passive_cable, soma_hh, soma_seclamp, soma_dend_exp2syn, branched_pt3d, reversed_child,
                 random_trees, random_pt3d_trees]


# ---------------------------------------------------------------- NEURON

def run_neuron(c):
    from neuron import h
    secs = {}
    for s in c["sections"]:
        sec = h.Section(name=s["name"])
        if s.get("pt3d"):
            h.pt3dclear(sec=sec)
            for x, y, z, d in s["pt3d"]:
                h.pt3dadd(x, y, z, d, sec=sec)
        else:
            sec.L = s["L"]
            sec.diam = s["diam"]
        sec.nseg = s["nseg"]
        sec.Ra = s["Ra"]
        sec.cm = s["cm"]
        for m, params in s.get("mechs", {}).items():
            sec.insert(m)
            for seg in sec:
                for p, v in params.items():
                    setattr(seg, f"{p}_{m}", v)
        secs[s["name"]] = sec
    for s in c["sections"]:
        if s.get("parent"):
            secs[s["name"]].connect(secs[s["parent"]](s["parent_x"]), s.get("child_x", 0))
    for s in c["sections"]:
        for ion, v in s.get("ions", {}).items():
            for seg in secs[s["name"]]:
                setattr(seg, ion, v)
    pps, ncs = {}, []
    for p in c["points"]:
        pp = getattr(h, p["type"])(secs[p["sec"]](p["x"]))
        for k, v in p.get("params", {}).items():
            setattr(pp, k, v)
        pps[p["label"]] = pp
    vecs = []
    tvec = h.Vector().record(h._ref_t)
    for r in c["record"]:
        if r.get("point"):
            ref = getattr(pps[r["point"]], "_ref_" + r["var"])
        else:
            seg = secs[r["sec"]](r["x"])
            ref = getattr(seg, "_ref_" + r["var"])
        vecs.append(h.Vector().record(ref))
    spikes = h.Vector()
    det = None
    if c.get("detector"):
        d = c["detector"]
        sec = secs[d["sec"]]
        det = h.NetCon(sec(d["x"])._ref_v, None, sec=sec)
        det.threshold = d["threshold"]
        det.record(spikes)
    h.dt = c["dt"]
    h.secondorder = c["secondorder"]
    h.celsius = c["celsius"]
    h.finitialize(c["v_init"])
    for p in c["points"]:
        if p.get("events"):
            nc = h.NetCon(None, pps[p["label"]])
            nc.weight[0] = p["weight"]
            nc.delay = 0
            for te in p["events"]:
                nc.event(te)
            ncs.append(nc)
    t0 = time.perf_counter()
    tstop, dt = c["tstop"], c["dt"]
    while h.t < tstop - dt / 2:
        h.fadvance()
    secs_run = time.perf_counter() - t0
    res = {"name": c["name"], "t": list(tvec), "traces": [list(v) for v in vecs],
           "spikes": list(spikes), "seconds": secs_run}
    # free the cell before the next case
    del ncs, det, pps, vecs
    for sec in list(secs.values()):
        h.delete_section(sec=sec)
    return res


# ---------------------------------------------------------------- golgi

def run_golgi(cases):
    p = subprocess.run(["go", "run", "./compare/cmd/cellrun"], input=json.dumps(cases),
                       capture_output=True, text=True)
    if p.returncode not in (0, 1) or not p.stdout:
        sys.exit("cellrun failed:\n" + p.stderr)
    return json.loads(p.stdout)


# ---------------------------------------------------------------- compare

def epsp_amp(t, v, t0):
    i0 = min(range(len(t)), key=lambda i: abs(t[i] - t0))
    return max(v[i0:]) - v[i0]


def compare(c, n, g):
    row = {"name": c["name"], "dt": c["dt"], "so": c["secondorder"]}
    if g.get("error"):
        row["error"] = g["error"]
        return row
    row["maxdv"] = [max(abs(a - b) for a, b in zip(x, y)) if len(x) == len(y) else float("nan")
                    for x, y in zip(n["traces"], g["traces"])]
    if c.get("epsp"):
        e = c["epsp"]
        an = epsp_amp(n["t"], n["traces"][e["trace"]], e["t0"])
        ag = epsp_amp(g["t"], g["traces"][e["trace"]], e["t0"])
        row["epsp_neuron"], row["epsp_golgi"] = an, ag
        row["epsp_rel"] = abs(ag - an) / abs(an) if an else float("nan")
    if c.get("detector"):
        row["spikes_neuron"], row["spikes_golgi"] = len(n["spikes"]), len(g["spikes"])
        if len(n["spikes"]) == len(g["spikes"]):
            row["spike_dt"] = max((abs(a - b) for a, b in zip(n["spikes"], g["spikes"])), default=0.0)
        else:
            row["spike_dt"] = float("inf")
    row["sec_neuron"], row["sec_golgi"] = n["seconds"], g["seconds"]
    return row


def ok(row, c):
    if "error" in row:
        return False
    if any(not (d <= 0.05) for d in row["maxdv"]):
        return False
    if "epsp_rel" in row and row["epsp_neuron"] < 20 and not (row["epsp_rel"] <= 1e-3):
        # sub-threshold EPSPs (below 20 mV) within 0.1 %
        return False
    if "spike_dt" in row and not (row["spike_dt"] <= c["dt"] + 1e-9):
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", help="comma-separated substrings of case names to run")
    ap.add_argument("--save", help="write cases + NEURON results here (for the Go tests)")
    ap.add_argument("--json", help="write the table rows as JSON here")
    ap.add_argument("--random-seeds", help="A-B: run only the random builders, over seeds A..B")
    a = ap.parse_args()
    cases = [c for b in CASE_BUILDERS for c in b()]
    if a.random_seeds:
        lo, hi = (int(x) for x in a.random_seeds.split("-"))
        seeds = range(lo, hi + 1)
        cases = random_trees(seeds) + random_pt3d_trees(seeds)
    if a.cases:
        keys = a.cases.split(",")
        cases = [c for c in cases if any(k in c["name"] for k in keys)]
    import neuron
    nver = neuron.__version__
    neu = [run_neuron(c) for c in cases]
    gol = run_golgi(cases)
    rows = [compare(c, n, g) for c, n, g in zip(cases, neu, gol)]
    print(f"NEURON {nver} vs golgi simlib/cell; same dt, same integrator (so = secondorder)\n")
    print(f"| {'case':34s} | so | max abs diff per trace (mV; nA, mA/cm² for currents) | EPSP NEURON (mV) | EPSP golgi | rel err | spikes N/g | max spike dt (ms) | pass |")
    print("|" + "---|" * 9)
    bad = 0
    for c, r in zip(cases, rows):
        passed = ok(r, c)
        bad += not passed
        if "error" in r:
            print(f"| {r['name']:34s} | {r['so']} | golgi error: {r['error']} | | | | | | FAIL |")
            continue
        dv = ", ".join(f"{d:.2e}" for d in r["maxdv"])
        ep = (f"{r['epsp_neuron']:.6f} | {r['epsp_golgi']:.6f} | {r['epsp_rel']:.1e}"
              if "epsp_rel" in r else " | | ")
        sp = (f"{r['spikes_neuron']}/{r['spikes_golgi']} | {r['spike_dt']:.3g}"
              if "spike_dt" in r else " | ")
        print(f"| {r['name']:34s} | {r['so']} | {dv} | {ep} | {sp} | {'ok' if passed else 'FAIL'} |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    if a.save:
        def short(xs):
            return [float(f"{x:.10g}") for x in xs]
        out = {"provenance": {"script": "compare/neuron_cells.py", "neuron": nver,
                              "date": time.strftime("%Y-%m-%d", time.gmtime())},
               "cases": [dict(c, neuron={"t_n": len(n["t"]), "traces": [short(v) for v in n["traces"]],
                                         "spikes": n["spikes"]}, table=r)
                         for c, n, r in zip(cases, neu, rows)]}
        opener = gzip.open if a.save.endswith(".gz") else open
        with opener(a.save, "wt") as f:
            json.dump(out, f, separators=(",", ":"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
