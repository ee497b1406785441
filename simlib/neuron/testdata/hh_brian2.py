"""Reference spike times of one Traub-Miles HH neuron, from Brian2.

The neuron is Brian2's COBAHH example cell (examples/COBAHH.py: area
20000 um^2, Cm 1 uF/cm^2, gl 5e-5 S/cm^2, El -60 mV, EK -90 mV, ENa 50 mV,
g_na 100 mS/cm^2, g_kd 30 mS/cm^2, VT -63 mV) without synapses, driven by an
injected current I: 0 pA for [0, 100) ms, 300 pA for [100, 300) ms, 0 pA for
[300, 400) ms. It starts at v = El with every gate at its steady state for
v = El (golgi's neuron.HH initial state). Integration: method
'exponential_euler'; spikes: threshold 'v > -20*mV' with refractory
'v > -20*mV' (an upward crossing, re-armed once v is back at or below -20 mV).

A second run holds the cell with -50 pA for 500 ms and records v at the end
(a stable resting state: with no input this cell fires tonically).

Brian2 stamps a spike with the time t of the step in which it is detected,
the start of that step; golgi stamps the end (n*dt), one dt later.

Regenerate hh_brian2.json (Brian2 2.5.1, numpy code generation) with:

    cd simlib/neuron/testdata && /usr/bin/python3 hh_brian2.py
"""
import json

from brian2 import (Equations, NeuronGroup, SpikeMonitor, cm, defaultclock,
                    mS, ms, mV, pA, prefs, run, siemens, start_scope, ufarad,
                    umetre, __version__)

prefs.codegen.target = 'numpy'

area = 20000 * umetre ** 2
Cm = (1 * ufarad * cm ** -2) * area
gl = (5e-5 * siemens * cm ** -2) * area
El = -60 * mV
EK = -90 * mV
ENa = 50 * mV
g_na = (100 * mS * cm ** -2) * area
g_kd = (30 * mS * cm ** -2) * area
VT = -63 * mV

eqs = Equations('''
dv/dt = (gl*(El-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK)+I)/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
I : amp
''')


def cell():
    P = NeuronGroup(1, eqs, threshold='v > -20*mV', refractory='v > -20*mV',
                    method='exponential_euler')
    P.v = El
    P.m = 'alpha_m/(alpha_m+beta_m)'
    P.h = 'alpha_h/(alpha_h+beta_h)'
    P.n = 'alpha_n/(alpha_n+beta_n)'
    return P


def step_run(dt):
    start_scope()
    defaultclock.dt = dt * ms
    P = cell()
    sm = SpikeMonitor(P)
    P.I = 0 * pA
    run(100 * ms)
    P.I = 300 * pA
    run(200 * ms)
    P.I = 0 * pA
    run(100 * ms)
    return [round(float(t / ms), 6) for t in sm.t]


def hold_run(dt):
    start_scope()
    defaultclock.dt = dt * ms
    P = cell()
    P.I = -50 * pA
    run(500 * ms)
    return float(P.v[0] / mV)


out = {
    'brian2_version': __version__,
    'method': 'exponential_euler',
    'protocol': 'I = 0 pA [0,100) ms, 300 pA [100,300) ms, 0 pA [300,400) ms; '
                'v0 = El, gates at steady state for El',
    'spike_times_note': 'Brian2 stamps the start of the detecting step; '
                        'add dt for golgi',
    'spike_times_ms': {'0.01': step_run(0.01), '0.1': step_run(0.1)},
    'hold_current_pA': -50,
    'hold_v_after_500ms_mV': {'0.01': hold_run(0.01)},
}
with open('hh_brian2.json', 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
