#!/usr/bin/python3
"""A spike of one compartmental cell triggers an EPSP in another, in NEURON
8.2 and in golgi's network (compare/cmd/cellnet), side by side.

    /usr/bin/python3 compare/neuron_net.py

Two ball-and-stick cells (soma L = diam = 20 um with hh; dend L 300 um,
diam 1 um, nseg 9, pas g 1e-4 S/cm2 e -65 mV; Ra 100 ohm cm, cm 1 uF/cm2),
celsius 6.3 degC, v_init -65 mV, dt 0.025 ms, backward Euler, 30 ms run as
"while t < tstop - dt/2: fadvance()". Cell A gets an IClamp of 1 nA from 2
to 3 ms at soma(0.5); a NetCon from A's soma(0.5) v (threshold 0 mV, delay
2 ms, weight 0.0005 uS) drives an Exp2Syn (tau1 0.5, tau2 5 ms, e 0 mV) at
B's dend(0.5). golgi builds the same as a network.Network of two
cell.Population (the network of simlib/cell's TestCellToCell, which pins
NEURON's numbers printed here).

Printed: A's spike time, B's somatic EPSP (peak v - v at the event's
arrival, peak time), and the largest |v_golgi - v_NEURON| over B's trace.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DT, TSTOP = 0.025, 30.0


def ball_stick(h, name):
    soma = h.Section(name=name + ".soma")
    soma.L, soma.diam, soma.nseg, soma.Ra, soma.cm = 20, 20, 1, 100, 1
    soma.insert("hh")
    dend = h.Section(name=name + ".dend")
    dend.L, dend.diam, dend.nseg, dend.Ra, dend.cm = 300, 1, 9, 100, 1
    dend.insert("pas")
    for seg in dend:
        seg.pas.g, seg.pas.e = 1e-4, -65
    dend.connect(soma(1), 0)
    return soma, dend


def run_neuron():
    from neuron import h
    h.celsius, h.dt, h.secondorder = 6.3, DT, 0
    a_soma, a_dend = ball_stick(h, "A")
    b_soma, b_dend = ball_stick(h, "B")
    clamp = h.IClamp(a_soma(0.5))
    clamp.delay, clamp.dur, clamp.amp = 2, 1, 1
    syn = h.Exp2Syn(b_dend(0.5))
    syn.tau1, syn.tau2, syn.e = 0.5, 5, 0
    nc = h.NetCon(a_soma(0.5)._ref_v, syn, sec=a_soma)
    nc.threshold, nc.delay, nc.weight[0] = 0, 2, 0.0005
    spikes = h.Vector()
    nc.record(spikes)
    v = h.Vector().record(b_soma(0.5)._ref_v)
    h.finitialize(-65)
    while h.t < TSTOP - DT / 2:
        h.fadvance()
    return list(spikes), list(v)


def main():
    env = dict(os.environ, GOTOOLCHAIN="local")
    p = subprocess.run(["go", "run", "./compare/cmd/cellnet"], cwd=ROOT, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("golgi failed:\n" + p.stderr)
    g = json.loads(p.stdout)
    n_spk, n_v = run_neuron()
    if len(n_spk) != 1 or len(g["spikes_a"]) != 1:
        sys.exit("cell A fired %d times in NEURON and %d in golgi, expected once" % (len(n_spk), len(g["spikes_a"])))
    if len(n_v) != len(g["v_b"]):
        sys.exit("%d samples in NEURON, %d in golgi" % (len(n_v), len(g["v_b"])))
    arrive = int(round((g["spikes_a"][0] + 2) / DT))  # update of the event's arrival

    def epsp(v):
        k = max(range(len(v)), key=lambda i: v[i])
        return v[k] - v[arrive], k * DT, v[k]

    na, nt, nv = epsp(n_v)
    ga, gt, gv = epsp(g["v_b"])
    dv = max(abs(x - y) for x, y in zip(n_v, g["v_b"]))
    print("| cell A -> cell B (Exp2Syn at dend(0.5), delay 2 ms) | NEURON 8.2 | golgi network | difference |")
    print("|---|---|---|---|")
    print("| A's spike time (ms) | %.10g | %.10g | %.3g |" % (n_spk[0], g["spikes_a"][0], g["spikes_a"][0] - n_spk[0]))
    print("| B's somatic EPSP, peak - v at arrival (mV) | %.12g | %.12g | %.3g |" % (na, ga, ga - na))
    print("| B's peak v (mV) | %.15g | %.15g | %.3g |" % (nv, gv, gv - nv))
    print("| time of B's peak (ms) | %.6g | %.6g | %.3g |" % (nt, gt, gt - nt))
    print("| max abs v difference over B's trace (mV) | | | %.3g |" % dv)


if __name__ == "__main__":
    main()
