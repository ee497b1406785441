#!/bin/sh
# Times golgi (go test -bench, Workers 1 and 2) and Brian2 cpp_standalone
# (threads 1 and 2) on the full COBA benchmark (4000 cells, 1 s of
# simulated time, run phase only) on this machine, one after the other,
# and prints a Markdown table with the ratios. Run from anywhere:
#
#	compare/bench.sh [output.md]
#
# Nothing else should run meanwhile. See docs/performance.md.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "golgi: go test -bench COBA -benchtime 3x ..." >&2
go test ./simlib/models -run '^$' -bench '^BenchmarkCOBA$' -benchtime 3x -count 1 | tee "$tmp/golgi.txt" >&2
echo "brian2: compare/bench_brian2.py ..." >&2
/usr/bin/python3 compare/bench_brian2.py --bench COBA --threads 1,2 --repeat 3 > "$tmp/brian2.json" 2> "$tmp/brian2.err" || { cat "$tmp/brian2.err" >&2; exit 1; }
load1=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/python3 - "$tmp/golgi.txt" "$tmp/brian2.json" "$load0" "$load1" > "$tmp/table.md" <<'PY'
import json, platform, re, subprocess, sys
golgi = {}
for line in open(sys.argv[1]):
    m = re.match(r"BenchmarkCOBA/Workers=(\d+)\S*\s+\d+\s+(.*)", line)
    if m:
        vals = dict((u, float(v)) for v, u in re.findall(r"([\d.e+-]+) (\S+)", m.group(2)))
        golgi[int(m.group(1))] = vals
brian = {r["threads"]: r for r in map(json.loads, open(sys.argv[2]))}
cpu = "unknown"
for l in open("/proc/cpuinfo"):
    if l.startswith("model name"):
        cpu = l.split(":", 1)[1].strip()
        break
go = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.strip()
import os
print("Machine: %s (%d cores), %s %s; %s; Brian2 2.5.1 cpp_standalone (g++ -O3 -ffast-math -march=native, OpenMP). Load average before/after: %s / %s." % (cpu, os.cpu_count(), platform.system(), platform.machine(), go, sys.argv[3], sys.argv[4]))
print()
print("| COBA, 4000 cells, 1 s | wall s/run | CPU s/run | neuron updates/s | synaptic events/s | golgi / Brian2 |")
print("|---|---|---|---|---|---|")
for w in sorted(set(golgi) | set(brian)):
    g, b = golgi.get(w), brian.get(w)
    cpu = b and b["timer"].startswith("cpu")
    if b:
        print("| Brian2 cpp_standalone, %d thread%s | %s | %s | %.3g | %.3g | |" % (
            w, "s" if w > 1 else "", "-" if cpu else "%.3f" % b["run_s"], "%.3f" % b["run_s"] if cpu else "-",
            b["neuron_updates_per_s"], b["syn_events_per_s"]))
    if g:
        # Same timer on both sides: CPU time for one thread, wall time for two.
        mine = g["cpu-s/run"] if cpu else g["s/run"]
        ratio = "%.2f (%s time)" % (mine / b["run_s"], "CPU" if cpu else "wall") if b else "n/a"
        print("| golgi, Workers=%d | %.3f | %.3f | %.3g | %.3g | %s |" % (
            w, g["s/run"], g["cpu-s/run"], g["neuron-updates/s"], g["syn-events/s"], ratio))
print()
print("Rates per second use each row's own timer (golgi: wall).")
PY
cat "$tmp/table.md"
if [ -n "$out" ]; then cp "$tmp/table.md" "$out"; fi
