#!/usr/bin/python3
"""Weight trajectories of deterministic spike pairs in Brian2 and golgi,
side by side: one synapse from a SpikeGeneratorGroup onto a
SpikeGeneratorGroup (golgi: SpikeTimes), every rule of simlib/plasticity
(pair STDP additive and multiplicative, all-to-all and nearest; triplet
STDP all-to-all and nearest; Tsodyks-Markram's u and x), the synapse's
variable after every step of 0.1 ms for 110 ms.

    /usr/bin/python3 compare/plasticity_brian2.py [--json out.json]

Run from the repository root (golgi runs as `go run ./compare/cmd/plasticity`,
given the cases on stdin). It prints, per case, the samples compared, the
largest |golgi - Brian2|, and both final values, and exits with status 1
if any difference exceeds 1e-12. simlib/plasticity's TestBrian2Pairs pins
the final values printed here.

The Brian2 models are written out here from docs/simlib.md "Plasticity"
(event-driven traces, on_pre before on_post, the delay on the pre pathway,
golgi's Dendritic = 0), not translated from golgi's code. Brian2's
StateMonitor records at the start of a step, before that step's
synapses: its sample i+1 is golgi's value after update i.
"""
import argparse
import json
import subprocess
import sys

import numpy as np

DT, T, DELAY, W0 = 0.1, 110.0, 0.5, 0.5
PRE = [10, 25, 26, 40, 70, 70.3, 100]
POST = [12, 24.5, 26.2, 39, 40.1, 70.5, 90, 90.5, 100.5]
PAIR = dict(TauPlus=16.8, TauMinus=33.7, APlus=0.01, AMinus=0.012, WMin=0.0, WMax=1.0)
MULT = dict(TauPlus=16.8, TauMinus=33.7, APlus=0.3, AMinus=0.4, WMin=0.1, WMax=1.0, Dependence=1)
TRIPLET = dict(TauPlus=16.8, TauX=101.0, TauMinus=33.7, TauY=125.0, A2Plus=4e-3, A3Plus=6.2e-3,
               A2Minus=7e-3, A3Minus=2.3e-4, WMin=0.0, WMax=1.0)
TM = dict(U=0.2, TauRec=50.0, TauFacil=30.0)
CASES = [
    ("pair-add-all", "pair", "w", PAIR),
    ("pair-add-nearest", "pair", "w", dict(PAIR, Pairing=1)),
    ("pair-mult-all", "pair", "w", MULT),
    ("pair-mult-nearest", "pair", "w", dict(MULT, Pairing=1)),
    ("triplet-all", "triplet", "w", TRIPLET),
    ("triplet-nearest", "triplet", "w", dict(TRIPLET, Pairing=1)),
    ("tm-u", "tsodyks-markram", "u", TM),
    ("tm-x", "tsodyks-markram", "x", TM),
]


def brian2_case(rule, var, p):
    import brian2 as b2
    from brian2 import ms
    b2.start_scope()
    b2.prefs.codegen.target = "numpy"
    b2.defaultclock.dt = DT * ms
    P = b2.SpikeGeneratorGroup(1, [0] * len(PRE), PRE * ms)
    Q = b2.SpikeGeneratorGroup(1, [0] * len(POST), POST * ms)
    ns = {}
    if rule == "pair":
        inc = "= 1" if p.get("Pairing") == 1 else "+= 1"
        ns.update(taup=p["TauPlus"] * ms, taum=p["TauMinus"] * ms, Ap=p["APlus"], Am=p["AMinus"],
                  wmin=p["WMin"], wmax=p["WMax"])
        if p.get("Dependence") == 1:
            dep, pot = "Am*(w - wmin)*apost", "Ap*(wmax - w)*apre"
        else:
            dep, pot = "Am*apost", "Ap*apre"
        S = b2.Synapses(P, Q, """w : 1
            dapre/dt = -apre/taup : 1 (event-driven)
            dapost/dt = -apost/taum : 1 (event-driven)""",
                        on_pre=f"apre {inc}\nw = clip(w - {dep}, wmin, wmax)",
                        on_post=f"apost {inc}\nw = clip(w + {pot}, wmin, wmax)", namespace=ns)
    elif rule == "triplet":
        inc = "= 1" if p.get("Pairing") == 1 else "+= 1"
        ns.update(tp=p["TauPlus"] * ms, tx=p["TauX"] * ms, tm=p["TauMinus"] * ms, ty=p["TauY"] * ms,
                  A2p=p["A2Plus"], A3p=p["A3Plus"], A2m=p["A2Minus"], A3m=p["A3Minus"],
                  wmin=p["WMin"], wmax=p["WMax"])
        S = b2.Synapses(P, Q, """w : 1
            dr1/dt = -r1/tp : 1 (event-driven)
            dr2/dt = -r2/tx : 1 (event-driven)
            do1/dt = -o1/tm : 1 (event-driven)
            do2/dt = -o2/ty : 1 (event-driven)""",
                        on_pre=f"w = clip(w - o1*(A2m + A3m*r2), wmin, wmax)\nr1 {inc}\nr2 {inc}",
                        on_post=f"w = clip(w + r1*(A2p + A3p*o2), wmin, wmax)\no1 {inc}\no2 {inc}",
                        namespace=ns)
    else:
        ns.update(U=p["U"], taud=p["TauRec"] * ms, tauf=p["TauFacil"] * ms)
        S = b2.Synapses(P, Q, """w : 1
            du/dt = -u/tauf : 1 (event-driven)
            dx/dt = (1 - x)/taud : 1 (event-driven)""",
                        on_pre="u += U*(1 - u)\nr = u*x\nx -= r", namespace=ns)
    S.connect()
    S.w = W0
    if rule == "tsodyks-markram":
        S.x = 1
    S.pre.delay = DELAY * ms
    M = b2.StateMonitor(S, var, record=[0])
    net = b2.Network(P, Q, S, M)
    net.run((T + DT) * ms, namespace={})
    return np.asarray(getattr(M, var)[0])[1:]


def golgi_cases():
    spec = dict(DT=DT, T=T, Delay=DELAY, W0=W0, Pre=PRE, Post=POST,
                Cases=[dict(Name=n, Rule=r, Var=v, Params=p) for n, r, v, p in CASES])
    res = subprocess.run(["go", "run", "./compare/cmd/plasticity"], input=json.dumps(spec),
                         capture_output=True, text=True, check=True)
    return {k: np.asarray(v) for k, v in json.loads(res.stdout).items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="write the table as JSON")
    args = ap.parse_args()
    golgi = golgi_cases()
    rows, bad = [], False
    print(f"{'case':20s} {'samples':>7s} {'max |diff|':>11s} {'golgi final':>21s} {'Brian2 final':>21s}")
    for name, rule, var, p in CASES:
        b = brian2_case(rule, var, p)
        g = golgi[name]
        n = min(len(b), len(g))
        d = float(np.max(np.abs(b[:n] - g[:n])))
        bad = bad or d > 1e-12 or n < 1100
        rows.append(dict(case=name, samples=n, max_diff=d, golgi=float(g[n - 1]), brian2=float(b[n - 1])))
        print(f"{name:20s} {n:7d} {d:11.3g} {g[n - 1]:21.17g} {b[n - 1]:21.17g}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
