#!/bin/bash
# The traced program's slowdown under triage memleak -p: memleak_known bench N
# (N malloc(64)+free pairs) alone and traced, RUNS times each; medians of the
# elapsed time and of the tracer's own CPU (utime+stime). Needs root.
#   bench/memleak_overhead.sh [N [RUNS]]
cd "$(dirname "$0")/.." || exit 1
N=${1:-1000000}; RUNS=${2:-5}
P=.output/progs/memleak_known; T=./triage
tmp=$(mktemp -d /tmp/memleak-bench.XXXXXX); trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# one MODE: prints the program's ns and the tracer's CPU ms (0 alone)
one() {
	local pid tp=
	"$P" bench "$N" >"$tmp/prog" & pid=$!
	for _ in $(seq 100); do grep -q ready "$tmp/prog" && break; sleep 0.02; done
	if [ "$1" = traced ]; then
		"$T" memleak -p "$pid" -d 120 >/dev/null 2>"$tmp/err" & tp=$!
		for _ in $(seq 200); do grep -q Tracing "$tmp/err" && break; sleep 0.05; done
	fi
	kill -USR1 "$pid"; wait "$pid"
	local ns; ns=$(tail -1 "$tmp/prog")
	local cpu=0
	if [ -n "$tp" ]; then
		cpu=$(awk '{ print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' /proc/$tp/stat)
		kill -INT "$tp"; wait "$tp"
	fi
	echo "$ns $cpu"
}
for mode in alone traced; do
	: >"$tmp/$mode"
	for _ in $(seq "$RUNS"); do one $mode >>"$tmp/$mode"; done
	echo "$mode: median $(cut -d' ' -f1 "$tmp/$mode" | median | awk -v n="$N" '{ printf "%.1f ms (%.1f ns per malloc+free)", $1 / 1e6, $1 / n }'), tracer CPU median $(cut -d' ' -f2 "$tmp/$mode" | median) ms; runs (ns): $(cut -d' ' -f1 "$tmp/$mode" | tr '\n' ' ')"
done
