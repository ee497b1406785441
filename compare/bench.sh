#!/bin/bash
# Side-by-side benchmark of golgi and Brian2 cpp_standalone on the
# Vogels-Abbott network scaled to N cells at a fixed in-degree of about 80
# (1 s simulated, dt 0.1 ms, spike monitors on every cell), with the
# machine's ceilings (compare/ceilings: a streaming update and a
# scatter-add in C and Go). Each configuration runs in its own process
# (golgi: compare/cmd/bench; Brian2: compare/bench_brian2.py, compiled once
# per configuration and cached), so its peak resident set is that of one
# build and one run. Writes results.jsonl (every run), table.md and
# performance.svg (compare/cmd/benchplot) into the output directory.
#
#	compare/bench.sh [options]
#
#	--sizes 4000,16000,65536,...  cells N (default 4000,16000,64000,256000,1000000)
#	--workloads COBA:exp-euler,COBA:euler,CUBA:exact   benchmark:scheme pairs (the default)
#	--workers 1,2                  golgi workers = Brian2 threads (1: no OpenMP)
#	--repeat R                     runs per configuration (default: 3 up to 16k cells,
#	                               2 up to 64k, 1 above)
#	--t MS                         simulated time (default 1000)
#	--out DIR                      output directory (default: a new one under $TMPDIR)
#	--svg FILE                     also copy the plot there (e.g. docs/performance.svg)
#	--cache DIR                    Brian2 projects (default ~/.cache/golgi/bench_brian2)
#	--reuse FILE                   take Brian2's runs and the ceilings from an earlier
#	                               results.jsonl instead of running them (golgi only runs);
#	                               every configuration must be in it (checked)
#	--estimate                     print the estimated time and stop
#
# Any configuration that fails stops the script with its name and log;
# nothing is skipped. Nothing else should run meanwhile: the 1-thread rows
# compare CPU times (less sensitive to a busy machine), the 2-thread rows
# wall times. See docs/performance.md.
set -euo pipefail
# The whole script is one function, read before it starts: editing or
# checking out another version of this file meanwhile cannot change a
# running benchmark.
main() {
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=4000,16000,64000,256000,1000000
workloads=COBA:exp-euler,COBA:euler,CUBA:exact
workers=1,2
repeat=
tms=1000
out=
svg=
cache=${XDG_CACHE_HOME:-$HOME/.cache}/golgi/bench_brian2
estimate_only=
reuse=
die() { echo "bench.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case $1 in
	--sizes|--workloads|--workers|--repeat|--t|--out|--svg|--cache|--reuse)
		[ $# -ge 2 ] || die "$1 needs a value"
		v=$2
		case $1 in
		--sizes) sizes=$v ;; --workloads) workloads=$v ;; --workers) workers=$v ;;
		--repeat) repeat=$v ;; --t) tms=$v ;; --out) out=$v ;; --svg) svg=$v ;; --cache) cache=$v ;;
		--reuse) reuse=$v ;;
		esac
		shift 2 ;;
	--estimate) estimate_only=1; shift ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
done

# Validate every list before running anything.
split() { tr ',' ' ' <<<"$1"; }
for n in $(split "$sizes"); do
	[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 100 ] && [ "$n" -le 4000000 ] || die "--sizes: $n: each size must be an integer from 100 to 4000000"
done
for w in $(split "$workers"); do
	[[ $w =~ ^[0-9]+$ ]] && [ "$w" -ge 1 ] && [ "$w" -le 64 ] || die "--workers: $w: each must be an integer from 1 to 64"
done
for wl in $(split "$workloads"); do
	case $wl in
	COBA:exp-euler|COBA:euler|CUBA:exact|CUBA:euler) ;;
	*) die "--workloads: $wl: must be COBA:exp-euler, COBA:euler, CUBA:exact or CUBA:euler" ;;
	esac
done
if [ -n "$repeat" ]; then
	[[ $repeat =~ ^[0-9]+$ ]] && [ "$repeat" -ge 1 ] || die "--repeat: $repeat: must be a positive integer"
fi
[[ $tms =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v t="$tms" 'BEGIN{exit !(t > 0)}' || die "--t: $tms: must be a positive number of ms"
[ -n "$sizes" ] && [ -n "$workloads" ] && [ -n "$workers" ] || die "--sizes, --workloads and --workers must not be empty"
if [ -n "$reuse" ]; then
	[ -r "$reuse" ] || die "--reuse: $reuse: no such readable file"
	reuse=$(cd "$(dirname "$reuse")" && pwd)/$(basename "$reuse")
fi
reps() { # runs of a configuration of $1 cells
	if [ -n "$repeat" ]; then echo "$repeat"
	elif [ "$1" -le 16000 ]; then echo 3
	elif [ "$1" -le 64000 ]; then echo 2
	else echo 1
	fi
}
pdir() { echo "$cache/${1%%:*}_${1#*:}_n$2_t$3"; } # bench_brian2.py's project directory

# Estimated time on an idle 2-core machine (AMD EPYC, 2026-12-02): seconds
# per cell and simulated second of each run phase with 1 thread (golgi:
# CPU time at 16k cells, main c82f400 with the AVX2 neuron and receptor
# kernels, measured under load, times 1.3 for the larger N whose state
# leaves the caches; Brian2 2.5.1 from issue 12's idle figures), 2 threads
# taken as 0.7 of that; build and result handling per cell and run; a
# Brian2 compilation 20 s unless its project is cached.
estimate() {
	local total=0 g=0 b=0 c=0 nc=0
	for n in $(split "$sizes"); do
		r=$(reps "$n")
		for wl in $(split "$workloads"); do
			for w in $(split "$workers"); do
				read -r gs bs < <(awk -v wl="$wl" -v n="$n" -v w="$w" -v r="$r" -v t="$tms" 'BEGIN{
					g["COBA:exp-euler"]=4.7e-5; g["COBA:euler"]=3.2e-5; g["CUBA:exact"]=2.0e-5; g["CUBA:euler"]=2.0e-5
					b["COBA:exp-euler"]=8.4e-5; b["COBA:euler"]=3.0e-5; b["CUBA:exact"]=1.5e-5; b["CUBA:euler"]=1.5e-5
					f = (w > 1) ? 0.7 : 1
					printf "%.1f %.1f\n", r*(n*g[wl]*f*t/1000 + 6e-6*n + 0.3), r*(n*b[wl]*f*t/1000 + 6e-6*n + 0.5) + 5 }')
				g=$(awk -v a="$g" -v x="$gs" 'BEGIN{print a+x}')
				[ -z "$reuse" ] || bs=0
				b=$(awk -v a="$b" -v x="$bs" 'BEGIN{print a+x}')
				if [ -z "$reuse" ] && [ ! -x "$(pdir "$wl" "$n" "$w")/main" ]; then nc=$((nc + 1)); fi
			done
		done
	done
	c=$(awk -v s="$sizes" -v w="$workers" 'BEGIN{print 2*split(s,a,",")*split(w,b,",")*1.5 + 30}')
	total=$(awk -v g="$g" -v b="$b" -v nc="$nc" -v c="$c" 'BEGIN{printf "%.0f", g + b + 20*nc + c}')
	printf 'bench.sh: estimated %d min %02d s on an idle 2-core machine: golgi %.0f s, Brian2 runs %.0f s, %d Brian2 compilations %d s (the others cached), tools and ceilings %.0f s\n' \
		$((total / 60)) $((total % 60)) "$g" "$b" "$nc" $((20 * nc)) "$c" >&2
}
estimate
[ -z "$estimate_only" ] || exit 0

command -v go >/dev/null || die "go is not on PATH"
command -v gcc >/dev/null || die "gcc is needed for compare/ceilings/c (apt-get install gcc)"
[ -x /usr/bin/python3 ] || die "/usr/bin/python3 (Debian's, with python3-brian) is needed"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time, apt-get install time) is needed for Brian2's peak RSS"
/usr/bin/python3 -c 'import brian2' 2>/dev/null || die "Brian2 is not importable by /usr/bin/python3 (apt-get install python3-brian)"

if [ -z "$out" ]; then out=$(mktemp -d "${TMPDIR:-/tmp}/golgi-bench-$(date -u +%Y%m%dT%H%M%S)-XXXX"); fi
mkdir -p "$out" "$cache"
out=$(cd "$out" && pwd)
[ ! -e "$out/results.jsonl" ] || die "$out/results.jsonl exists: choose a new --out"
res=$out/results.jsonl
logs=$out/logs
mkdir -p "$logs" "$out/bin"
echo "bench.sh: results in $out" >&2
cd "$root"
start=$(date +%s)
{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (modified)')"
	echo "cpu: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
	echo "go: $(go version)"
	echo "gcc: $(gcc --version | head -1)"
	echo "brian2: $(/usr/bin/python3 -c 'import brian2; print(brian2.__version__)' 2>/dev/null)"
	echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sizes: $sizes; workloads: $workloads; workers: $workers; t: $tms ms"
} > "$out/machine.txt"

echo "bench.sh: building the Go tools and the C ceilings ..." >&2
go build -o "$out/bin/bench" ./compare/cmd/bench || die "go build ./compare/cmd/bench failed"
go build -o "$out/bin/ceilings-go" ./compare/ceilings || die "go build ./compare/ceilings failed"
go build -o "$out/bin/benchplot" ./compare/cmd/benchplot || die "go build ./compare/cmd/benchplot failed"
gcc -O3 -march=native -fopenmp -o "$out/bin/ceilings-c" compare/ceilings/c/ceilings.c || die "gcc compare/ceilings/c/ceilings.c failed"

# run LABEL LOG CMD...: runs CMD, appends its standard output (JSON lines)
# to the results, and stops the script with the label and log on failure.
run() {
	local label=$1 log=$2
	shift 2
	local t0=$SECONDS
	local rc=0
	"$@" > "$log.out" 2> "$log.err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "bench.sh: FAILED: $label (exit status $rc): $*" >&2
		tail -n 20 "$log.err" >&2
		die "stopped at $label; logs: $log.err, $log.out"
	fi
	if ! [ -s "$log.out" ]; then die "FAILED: $label printed no result; log: $log.err"; fi
	cat "$log.out" >> "$res"
	echo "bench.sh: $label: $((SECONDS - t0)) s, load $(cut -d' ' -f1 /proc/loadavg)" >&2
}

# pick SIM BENCH SCHEME N THREADS: copies the matching records of the
# --reuse file into the results; fails if there are none.
pick() {
	/usr/bin/python3 - "$reuse" "$@" >> "$res" <<'PY' || die "--reuse $reuse: no $1 record for $2 $3 N=$4 threads=$5 at t=$tms ms: run it (drop --reuse)"
import json, sys
f, sim, bench, scheme, n, th = sys.argv[1:7]
found = 0
for line in open(f):
    if not line.strip():
        continue
    r = json.loads(line)
    if r.get("simulator") != sim or r.get("n") != int(n) or r.get("threads") != int(th):
        continue
    if sim.startswith("ceiling-") and r.get("kernel") != scheme:
        continue
    if not sim.startswith("ceiling-") and (r.get("benchmark"), r.get("scheme")) != (bench, scheme):
        continue
    if not sim.startswith("ceiling-") and float(r.get("t_ms", 0)) != float(sys.argv[7]):
        continue
    print(json.dumps(r))
    found += 1
sys.exit(0 if found else 1)
PY
	local what="$1 $2 $3"
	[ "$2" != - ] || what="$1 $3"
	echo "bench.sh: reused $what N=$4 threads=$5 from $reuse" >&2
}

for w in $(split "$workers"); do
	if [ -n "$reuse" ]; then
		for n in $(split "$sizes"); do
			for sim in ceiling-c ceiling-go; do
				for kern in stream scatter; do pick "$sim" - "$kern" "$n" "$w" "$tms"; done
			done
		done
		continue
	fi
	run "ceilings C, $w thread(s)" "$logs/ceil-c-t$w" "$out/bin/ceilings-c" -threads "$w" $(split "$sizes")
	run "ceilings Go, $w thread(s)" "$logs/ceil-go-t$w" "$out/bin/ceilings-go" -threads "$w" $(split "$sizes")
done
for n in $(split "$sizes"); do
	r=$(reps "$n")
	for wl in $(split "$workloads"); do
		bench=${wl%%:*} scheme=${wl#*:}
		for w in $(split "$workers"); do
			tag=$bench-$scheme-n$n-t$w
			if [ -n "$reuse" ]; then
				pick brian2 "$bench" "$scheme" "$n" "$w" "$tms"
			else
				run "Brian2 $bench $scheme N=$n threads=$w (x$r)" "$logs/brian2-$tag" \
					/usr/bin/python3 compare/bench_brian2.py --bench "$bench" --scheme "$scheme" --n "$n" \
					--threads "$w" --repeat "$r" --t "$tms" --cache "$cache"
			fi
		done
		# golgi's runs alternate the worker counts (1, 2, 1, 2, ...), so
		# that the speed-up compares runs minutes apart at most, not runs
		# on either side of Brian2's (the machine's speed drifts)
		for i in $(seq "$r"); do
			for w in $(split "$workers"); do
				tag=$bench-$scheme-n$n-t$w
				run "golgi $bench $scheme N=$n workers=$w (run $i/$r)" "$logs/golgi-$tag-$i" \
					"$out/bin/bench" -bench "$bench" -scheme "$scheme" -n "$n" -workers "$w" -t "$tms"
			done
		done
	done
done
[ -z "$reuse" ] || echo "Brian2 runs and ceilings: reused from $reuse" >> "$out/machine.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "elapsed: $(($(date +%s) - start)) s" >> "$out/machine.txt"
"$out/bin/benchplot" -md "$out/table.md" -svg "$out/performance.svg" "$res" || die "benchplot failed on $res"
if [ -n "$svg" ]; then cp "$out/performance.svg" "$svg"; fi
cat "$out/machine.txt"
echo
cat "$out/table.md"
echo "bench.sh: done in $(($(date +%s) - start)) s; $out/{results.jsonl,table.md,performance.svg,machine.txt}" >&2
}
main "$@"
exit
