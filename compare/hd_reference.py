#!/usr/bin/python3
"""hd (Migliore's Ih, simlib/cell/mech/hd.go) against an independent
Python implementation of the same equations and of NEURON's fixed step.

    /usr/bin/python3 compare/hd_reference.py [--save FILE]

NEURON has no built-in hd and the repository does not carry the
h_migliore.mod text (NetPyNE's examples/M1detailed/mod/h_migliore.mod), so
NEURON cannot run hd here. Instead:

1. A one-compartment cell (soma L = diam = 20 um, cm 1, pas g 1e-4 S/cm2,
   e -65 mV) with a hyperpolarising IClamp (-0.05 nA from 20 to 420 ms) is
   run by NEURON 8.2 and by the Python stepper below, which writes
   NEURON's fixed step for one node by hand (currents at v(t) and at
   t + dt/2, NEURON's numerical conductance (i(v+0.001) - i(v))/0.001, the
   backward-Euler voltage update, then the states at the new v). The two
   must agree to round-off: the stepper is NEURON's.
2. The same cell with hd (gbar 1e-3 S/cm2, the mod file's other defaults)
   at 34 degC is run by the Python stepper (hd written from the mod
   file's equations: linf, taul, qt, cnexp) and by golgi
   (go run ./compare/cmd/cellrun): traces of v and of l must agree within
   1e-9 mV / 1e-9.

The script prints a table and exits 1 when a target is missed.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import neuron_cells as nc  # noqa: E402

DT, TSTOP, VINIT = 0.025, 600.0, -65.0
L = DIAM = 20.0
AREA = math.pi * DIAM * L  # um2
CLAMP = {"del": 20.0, "dur": 400.0, "amp": -0.05}
PAS = {"g": 1e-4, "e": -65.0}
HD = {"gbar": 1e-3, "ehd": -30.0, "vhalfl": -90.0, "vhalft": -75.0, "a0t": 0.0046, "zetal": 4.0,
      "zetat": 2.2, "gmt": 0.4, "q10": 4.5, "qtl": 1.0, "clk": 0.0, "elk": -70.0}


class HDRef:
    """hd from the mod file's equations."""

    def __init__(self, p, celsius):
        self.p = p
        self.qt = p["q10"] ** ((celsius - 33) / 10)
        self.l = 0.0

    def rate(self, v):
        p = self.p
        a = math.exp(0.0378 * p["zetat"] * (v - p["vhalft"]))
        linf = 1 / (1 + math.exp(0.0378 * p["zetal"] * (v - p["vhalfl"])))
        taul = math.exp(0.0378 * p["zetat"] * p["gmt"] * (v - p["vhalft"])) / (p["qtl"] * self.qt * p["a0t"] * (1 + a))
        return linf, taul

    def init(self, v):
        self.l = self.rate(v)[0]

    def current(self, v):
        p = self.p
        return p["gbar"] * self.l * (v - p["ehd"]) + p["clk"] * p["gbar"] * (v - p["elk"])

    def state(self, v, dt):
        linf, tau = self.rate(v)
        self.l = self.l + (1 - math.exp(dt * (-1.0 / tau))) * (-(linf / tau) / (-1.0 / tau) - self.l)


def python_run(with_hd, celsius):
    """NEURON's fixed step for one node, by hand."""
    v, t = VINIT, 0.0
    hd = HDRef(HD, celsius) if with_hd else None
    if hd:
        hd.init(v)
    ts, vs, ls = [t], [v], [hd.l if hd else 0.0]
    def cur(vv):
        i = PAS["g"] * (vv - PAS["e"])
        return i + (hd.current(vv) if hd else 0.0)
    n = 0
    while t < TSTOP - DT / 2:
        tm = t + DT / 2
        i0 = cur(v)
        g = (cur(v + 0.001) - i0) / 0.001
        iel = CLAMP["amp"] if CLAMP["del"] <= tm < CLAMP["del"] + CLAMP["dur"] else 0.0
        rhs = -i0 + iel * 1e2 / AREA
        d = 1e-3 * 1.0 / DT + g
        v += rhs / d
        n += 1
        t = n * DT
        if hd:
            hd.state(v, DT)
        ts.append(t)
        vs.append(v)
        ls.append(hd.l if hd else 0.0)
    return ts, vs, ls


def make_case(name, with_hd, celsius):
    mechs = {"pas": dict(PAS)}
    if with_hd:
        mechs["hd"] = dict(HD)
    rec = [{"sec": "soma", "x": 0.5, "var": "v"}]
    if with_hd:
        rec.append({"sec": "soma", "x": 0.5, "var": "l_hd"})
    return nc.case(name, [nc.section("soma", L, DIAM, nseg=1, Ra=100, cm=1, mechs=mechs)],
                   points=[{"label": "stim", "type": "IClamp", "sec": "soma", "x": 0.5, "params": dict(CLAMP)}],
                   record=rec, celsius=celsius, v_init=VINIT, tstop=TSTOP, dt=DT)


def maxdiff(a, b):
    return max(abs(x - y) for x, y in zip(a, b)) if len(a) == len(b) else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--save", help="write the Python reference traces here (for the Go tests)")
    a = ap.parse_args()
    import neuron
    bad = 0
    rows = []
    # 1. The stepper against NEURON (pas only).
    c0 = make_case("pas_iclamp", False, 34.0)
    n0 = nc.run_neuron(c0)
    t0, v0, _ = python_run(False, 34.0)
    d0 = maxdiff(n0["traces"][0], v0)
    rows.append(("Python stepper vs NEURON " + neuron.__version__, "pas + IClamp, 34 degC", f"{d0:.2e}", "", d0 <= 1e-9))
    # 2. hd: golgi against the Python reference, at 34 and 6.3 degC.
    cases = [make_case("hd_iclamp_34C", True, 34.0), make_case("hd_iclamp_6.3C", True, 6.3)]
    gol = nc.run_golgi(cases)
    refs = []
    for c, g in zip(cases, gol):
        if g.get("error"):
            rows.append(("golgi vs Python", c["name"], "error: " + g["error"], "", False))
            continue
        tr, vr, lr = python_run(True, c["celsius"])
        refs.append({"name": c["name"], "celsius": c["celsius"], "v": vr, "l": lr})
        dv, dl = maxdiff(g["traces"][0], vr), maxdiff(g["traces"][1], lr)
        sag = min(vr) - vr[int((CLAMP["del"] + CLAMP["dur"]) / DT) - 1]
        rows.append(("golgi vs Python", f"{c['name']} (sag {-sag:.3f} mV)", f"{dv:.2e}", f"{dl:.2e}", dv <= 1e-9 and dl <= 1e-9))
    print("hd: one compartment, IClamp -0.05 nA 20-420 ms, dt 0.025 ms, backward Euler\n")
    print("| comparison | case | max abs dv (mV) | max abs dl | pass |")
    print("|---|---|---|---|---|")
    for r in rows:
        bad += not r[4]
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {'ok' if r[4] else 'FAIL'} |")
    if a.save:
        def short(xs, k=20):
            return [float(f"{x:.12g}") for x in xs[::k]]
        out = {"provenance": {"script": "compare/hd_reference.py", "date": time.strftime("%Y-%m-%d", time.gmtime()),
                              "note": "Python reference of hd (h_migliore.mod's equations) with NEURON's fixed step; "
                                      "the stepper matched NEURON " + neuron.__version__ + f" on pas to {d0:.1e} mV; every 20th sample"},
               "cases": [dict(c, ref={"stride": 20, "v": short(r["v"]), "l": short(r["l"])}) for c, r in zip(cases, refs)]}
        with open(a.save, "w") as f:
            json.dump(out, f, separators=(",", ":"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
