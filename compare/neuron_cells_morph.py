#!/usr/bin/python3
"""Side by side, NEURON 8.2 and golgi: cells from an SWC file and the
Wscale PT5B-like cell. Uses the machinery of compare/neuron_cells.py
(same cases, same runs, same table and targets).

    /usr/bin/python3 compare/neuron_cells_morph.py [--save FILE] [--json FILE]

Run from the repository root.

SWC (simlib/morph/testdata/branched.swc and traced.swc, hand-written): NEURON reads the
file with its own Import3d (Import3d_SWC_read + Import3d_GUI.instantiate),
golgi with morph.ReadSWC + netpyne.FromMorphology
(`go run ./compare/cmd/morphcase`). The script first prints both
morphologies section by section (3-D points, L, area, parent and position)
and fails when they differ (names included: NEURON's dend[3] must be
golgi's dend_3); NEURON's cell is then rebuilt from its own
Import3d sections and both run the same cases: hh at the soma, pas
elsewhere, an Exp2Syn on an apical branch and on a basal dendrite at sub-
and supra-threshold weights.

Wscale: models.WscaleCell without hd (NEURON has no built-in hd and the
h_migliore.mod text is not in this repository): one Exp2Syn event
(tau1 0.05, tau2 5.3 ms, e 0) at 701 ms at the middle of each section,
1000 ms, v_init -65 mV, 6.3 degC, as models.DefaultWscale runs it; the
seed's EPSP (max of soma v in [700, 900] ms minus v just before 700 ms).
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import neuron_cells as nc  # noqa: E402

SWCS = {"branched": "simlib/morph/testdata/branched.swc", "traced": "simlib/morph/testdata/traced.swc",
        "firstbranch": "simlib/morph/testdata/branch_at_first.swc", "dendroot": "simlib/morph/testdata/dend_root.swc"}
STEMS = {1: "soma", 2: "axon", 3: "dend", 4: "apic"}
SWC_RA = 150.0
SWC_MECHS = {"soma": {"hh": {}}, "axon": {"hh": {}},
             "dend": {"pas": {"g": 1e-4, "e": -65}}, "apic": {"pas": {"g": 1e-4, "e": -65}}}


def golgi_sections(args):
    p = subprocess.run(["go", "run", "./compare/cmd/morphcase"] + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("morphcase failed:\n" + p.stderr)
    return json.loads(p.stdout)


def key(pt):
    return tuple(round(v, 3) for v in pt[:3])


def neuron_swc_sections(path, golgi):
    """Import the SWC with NEURON's Import3d; return its sections in the
    case form, named as golgi names them (matched by their last 3-D point)."""
    from neuron import h
    h.load_file("stdlib.hoc")
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    r.quiet = 1
    r.input(path)
    gui = h.Import3d_GUI(r, 0)
    gui.instantiate(None)
    by_end = {key(s["pt3d"][-1]): s for s in golgi}
    name_of, out = {}, []
    secs = list(h.allsec())
    for sec in secs:
        pts = [[sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i)] for i in range(sec.n3d())]
        g = by_end.get(key(pts[-1]))
        if g is None:
            sys.exit(f"NEURON section {sec.name()} ends at {pts[-1]}: no golgi section ends there")
        name_of[sec.name()] = g["name"]
        out.append((sec, pts, g))
    res = []
    for sec, pts, g in out:
        ps = sec.parentseg()
        s = {"name": g["name"], "L": sec.L, "diam": sec.diam, "nseg": g["nseg"], "Ra": SWC_RA, "cm": 1.0,
             "parent_x": ps.x if ps is not None else 0.0, "pt3d": pts, "mechs": g.get("mechs", {}),
             "neuron_name": sec.name(), "neuron_area": sum(seg.area() for seg in sec)}
        if ps is not None:
            s["parent"] = name_of[ps.sec.name()]
        res.append(s)
    for sec in secs:
        h.delete_section(sec=sec)
    # parents before children, in golgi's order
    order = {g["name"]: i for i, g in enumerate(golgi)}
    res.sort(key=lambda s: order[s["name"]])
    return res


def golgi_area(s):
    """Total lateral area of the frusta (the sum over segments, as NEURON and golgi integrate it)."""
    import math
    a = 0.0
    p = s["pt3d"]
    for i in range(1, len(p)):
        ds = math.dist(p[i - 1][:3], p[i][:3])
        d1, d2 = p[i - 1][3], p[i][3]
        a += math.pi / 2 * (d1 + d2) * math.sqrt(ds * ds + (d2 - d1) ** 2 / 4)
    return a


def check_morphology(path, ns, gs):
    print(f"SWC {path}: NEURON Import3d vs golgi morph.ReadSWC + netpyne.FromMorphology\n")
    print("| section (golgi) | NEURON | n3d N/g | L N (µm) | L g | area N (µm²) | area g | parent N | parent g | same |")
    print("|" + "---|" * 10)
    bad = 0
    g_by = {g["name"]: g for g in gs}
    for s in ns:
        g = g_by[s["name"]]
        import math
        Lg = sum(math.dist(g["pt3d"][i - 1][:3], g["pt3d"][i][:3]) for i in range(1, len(g["pt3d"])))
        same_pts = len(s["pt3d"]) == len(g["pt3d"]) and all(
            abs(a - b) <= 1e-6 * max(1, abs(a)) for p, q in zip(s["pt3d"], g["pt3d"]) for a, b in zip(p, q))
        pn = f'{s.get("parent", "-")}({s["parent_x"]:g})'
        pg = f'{g.get("parent", "-")}({g["parent_x"]:g})'
        # names: NEURON's dend[3] is golgi's (and NetPyNE's) dend_3
        same_name = s["neuron_name"].replace("[", "_").rstrip("]") == s["name"]
        same = same_pts and same_name and pn == pg and abs(s["L"] - Lg) < 1e-9 * Lg
        bad += not same
        print(f'| {s["name"]} | {s["neuron_name"]} | {len(s["pt3d"])}/{len(g["pt3d"])} | {s["L"]:.6f} | {Lg:.6f} | '
              f'{s["neuron_area"]:.4f} | {golgi_area(g):.4f} | {pn} | {pg} | {"yes" if same else "NO"} |')
    print()
    return bad


def swc_types(path):
    """The SWC types present in a file."""
    out = set()
    with open(path) as f:
        for line in f:
            line = line.split("#")[0].split()
            if len(line) == 7:
                out.add(int(line[1]))
    return out


def swc_cases(label, sections):
    root = sections[0]["name"]
    soma = {"sec": root, "x": 0.5, "var": "v"}
    out = []
    names = [s["name"] for s in sections]
    for where in [n for n in ("apic_1", "dend_0", "dend_2", "axon_0") if n in names and n != root][:3]:
        for w in (0.0005, 0.005):
            out.append(nc.case(
                f"swc_{label}_{where}_w{w:g}", sections,
                points=[{"label": "syn", "type": "Exp2Syn", "sec": where, "x": 0.5,
                         "params": {"tau1": 0.5, "tau2": 5, "e": 0}, "events": [5.0], "weight": w}],
                record=[soma, {"sec": where, "x": 0.5, "var": "v"}],
                detector={"sec": root, "x": 0.5, "var": "v", "threshold": 0},
                tstop=40, epsp={"trace": 0, "t0": 5.0}))
    return out


def wscale_cases(sections):
    out = []
    for sec in ("soma", "dendrite", "axon_0", "axon_1"):
        for w in (0.001, 0.002):
            out.append(nc.case(
                f"wscale_nohd_{sec}_w{w:g}", sections,
                points=[{"label": "syn", "type": "Exp2Syn", "sec": sec, "x": 0.5,
                         "params": {"tau1": 0.05, "tau2": 5.3, "e": 0}, "events": [701.0], "weight": w}],
                record=[{"sec": "soma", "x": 0.5, "var": "v"}],
                detector={"sec": "soma", "x": 0.5, "var": "v", "threshold": 0},
                tstop=1000, epsp={"trace": 0, "t0": 700.0}))
    return out


def seed_epsp(t, v):
    """The seed's calculate_epsp: max over [700, 900) ms minus the sample before 700 ms."""
    i0 = min(range(len(t)), key=lambda i: abs(t[i] - 700))
    i1 = min(range(len(t)), key=lambda i: abs(t[i] - 900))
    return max(v[i0:i1]) - v[i0 - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--save", help="write cases + NEURON results here (for the Go tests)")
    ap.add_argument("--json", help="write the table rows as JSON here")
    a = ap.parse_args()
    import neuron
    nver = neuron.__version__
    bad, cases_n, cases_g = 0, [], []
    for label, path in SWCS.items():
        present = {STEMS[t] for t in swc_types(path) if t in STEMS}
        mechs = json.dumps({k: v for k, v in SWC_MECHS.items() if k in present})
        gs = golgi_sections(["-swc", path, "-ra", str(SWC_RA), "-mechs", mechs])
        ns = neuron_swc_sections(path, gs)
        bad += check_morphology(path, ns, gs)
        for s in ns:
            del s["neuron_name"], s["neuron_area"]
        cases_n += swc_cases(label, ns)
        cases_g += swc_cases(label, gs)
    ws = golgi_sections(["-wscale", "-nohd"])
    cases_n += wscale_cases(ws)
    cases_g += wscale_cases(ws)
    neu = [nc.run_neuron(c) for c in cases_n]
    gol = nc.run_golgi(cases_g)
    rows = [nc.compare(c, n, g) for c, n, g in zip(cases_g, neu, gol)]
    for c, n, g, r in zip(cases_g, neu, gol, rows):
        if c["name"].startswith("wscale") and "error" not in r:
            r["seed_epsp_neuron"] = seed_epsp(n["t"], n["traces"][0])
            r["seed_epsp_golgi"] = seed_epsp(g["t"], g["traces"][0])
    print(f"NEURON {nver} vs golgi; same dt 0.025 ms, backward Euler\n")
    print("| case | max abs dv per trace (mV) | EPSP NEURON (mV) | EPSP golgi | rel err | spikes N/g | max spike dt (ms) | pass |")
    print("|" + "---|" * 8)
    for c, r in zip(cases_g, rows):
        passed = nc.ok(r, c)
        bad += not passed
        if "error" in r:
            print(f"| {r['name']} | golgi error: {r['error']} | | | | | | FAIL |")
            continue
        dv = ", ".join(f"{d:.2e}" for d in r["maxdv"])
        print(f"| {r['name']} | {dv} | {r['epsp_neuron']:.6f} | {r['epsp_golgi']:.6f} | {r['epsp_rel']:.1e} | "
              f"{r['spikes_neuron']}/{r['spikes_golgi']} | {r['spike_dt']:.3g} | {'ok' if passed else 'FAIL'} |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    if rows and any("seed_epsp_neuron" in r for r in rows):
        print("\nWscale cell without hd, the seed's EPSP (max of soma v in [700, 900] ms minus v just before 700 ms)\n")
        print("| case | seed EPSP NEURON (mV) | seed EPSP golgi (mV) | rel err |")
        print("|---|---|---|---|")
        for r in rows:
            if "seed_epsp_neuron" in r:
                en, eg = r["seed_epsp_neuron"], r["seed_epsp_golgi"]
                print(f"| {r['name']} | {en:.9f} | {eg:.9f} | {abs(eg - en) / abs(en):.1e} |")
    if a.save:
        # Traces are kept in part to keep the file small: every 2nd sample
        # of the 40 ms SWC cases, the samples from 695 to 760 ms of the
        # 1000 ms Wscale cases; "first" and "stride" say which.
        def short(xs):
            return [float(f"{x:.9g}") for x in xs]
        saved = []
        for c, n, r in zip(cases_g, neu, rows):
            if c["tstop"] > 100:
                first, stride, last = int(695 / c["dt"]), 1, int(760 / c["dt"]) + 1
            else:
                first, stride, last = 0, 2, len(n["t"])
            saved.append(dict(c, neuron={"t_n": len(n["t"]), "first": first, "stride": stride,
                                         "traces": [short(v[first:last:stride]) for v in n["traces"]],
                                         "spikes": n["spikes"]}, table=r))
        out = {"provenance": {"script": "compare/neuron_cells_morph.py", "neuron": nver,
                              "date": time.strftime("%Y-%m-%d", time.gmtime()),
                              "note": "sections of the swc_* cases are golgi's (morph.ReadSWC + netpyne.FromMorphology); "
                                      "NEURON ran on its own Import3d sections, checked equal to them"},
               "cases": saved}
        with open(a.save, "w") as f:
            json.dump(out, f, separators=(",", ":"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
