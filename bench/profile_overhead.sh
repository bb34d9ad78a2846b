#!/usr/bin/env bash
# triage profile's costs (issue 5), briefly:
#  1. overhead: a fixed-work CPU-bound loop (bench/spin.c) timed alone and
#     under `triage profile -a -F 99`, in alternating pairs; the same with
#     `perf record -F 99 -a -g` for reference. Slowdown = median of the
#     per-pair ratios of the loop's own CPU time (CLOCK_PROCESS_CPUTIME_ID:
#     this kernel has no IRQ_TIME_ACCOUNTING, so the sampling interrupts and
#     stack walks that run on the loop's CPU are charged to the loop), and
#     of its wall time: median of pair ratios, and min over the profiled runs
#     against min over the plain ones (wall time on a shared 2-CPU machine is
#     dominated by the other tenants; the minimum is the least disturbed run).
#  2. capture-to-SVG CPU: `triage profile -a -F 99 -d D -o x.svg` against
#     `perf record -F 99 -a -g -- sleep D` + `perf script` + a folding step
#     (awk, what stackcollapse-perf.pl does; flamegraph.pl is not packaged
#     in Debian here, so its SVG step is NOT counted on perf's side), with
#     the same loop running on every CPU during both captures. CPU = user +
#     sys of the tool's processes (getrusage of the children).
# Usage: bench/profile_overhead.sh [PAIRS] [SECONDS]   (root; default 5 pairs, 4 s)
set -eu
cd "$(dirname "$0")/.."
PAIRS=${1:-5}
D=${2:-4}
T=$PWD/triage
out=$(mktemp -d /tmp/triage-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
[ -x "$T" ] || make -s triage
cc -O2 -o "$out/spin" bench/spin.c
# CPU seconds (user+sys) of a command and its children
cpu_of() { python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN); print("%.3f" % (r.ru_utime + r.ru_stime))' "$@"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# calibrate: ~1 s of work
m=200; t=$("$out/spin" $m | cut -d' ' -f1); m=$(awk -v m=$m -v t="$t" 'BEGIN { printf "%d", m / t }')

pairs() {  # $1 = name, rest = profiler command (runs while the loop runs)
	local name=$1; shift
	: > "$out/$name.w"; : > "$out/$name.c"; : > "$out/$name.w0"; : > "$out/$name.w1"
	for i in $(seq "$PAIRS"); do
		read -r w0 c0 < <("$out/spin" "$m")
		"$@" & pp=$!
		sleep 0.3	# profiler attached
		read -r w1 c1 < <("$out/spin" "$m")
		kill -INT $pp 2>/dev/null || true; wait $pp 2>/dev/null || true
		echo "$w0" >> "$out/$name.w0"; echo "$w1" >> "$out/$name.w1"
		awk -v a="$w0" -v b="$w1" 'BEGIN { print (b / a - 1) * 100 }' >> "$out/$name.w"
		awk -v a="$c0" -v b="$c1" 'BEGIN { print (b / a - 1) * 100 }' >> "$out/$name.c"
	done
	local mins
	mins=$(awk -v a="$(sort -g "$out/$name.w0" | head -1)" -v b="$(sort -g "$out/$name.w1" | head -1)" \
		'BEGIN { printf "%+.2f", (b / a - 1) * 100 }')
	printf '%-26s cpu %+6.2f%%  wall %+7.2f%% (pairs) %s%% (min/min)  [%d pairs, loop %.2f s]\n' "$name" \
		"$(median < "$out/$name.c")" "$(median < "$out/$name.w")" "$mins" "$PAIRS" "$w0"
}
echo "== overhead on a CPU-bound loop ($(nproc) CPUs)"
pairs "triage profile -a -F 99" "$T" profile -a -F 99 -d 30 -o "$out/x.svg"
pairs "perf record -F 99 -a -g" perf record -q -F 99 -a -g -o "$out/p.data" -- sleep 30

echo "== capture-to-SVG CPU, $D s of -a -F 99 with the loop on every CPU"
load() { for c in $(seq "$(nproc)"); do "$out/spin" $((m * (D + 2))) >/dev/null & done; }
load; sleep 0.2
tri=$(cpu_of "$T" profile -a -F 99 -d "$D" -o "$out/t.svg")
wait
load; sleep 0.2
rec=$(cpu_of perf record -q -F 99 -a -g -o "$out/p.data" -- sleep "$D")
wait
scr=$(cpu_of sh -c "perf script -i '$out/p.data' > '$out/p.script'")
fold=$(cpu_of awk -f bench/stackcollapse.awk "$out/p.script")
awk -f bench/stackcollapse.awk "$out/p.script" > "$out/p.folded"
psamples=$(awk '{ s += $NF } END { print s }' "$out/p.folded")
tsamples=$(grep -o 'data-total="[0-9]*"' "$out/t.svg" | grep -o '[0-9]*')
printf 'triage profile (capture+symbolize+SVG) %6.3f s CPU  (%s samples)\n' "$tri" "$tsamples"
printf 'perf record                            %6.3f s CPU\n' "$rec"
printf 'perf script                            %6.3f s CPU  (%s samples)\n' "$scr" "$psamples"
printf 'fold (awk)                             %6.3f s CPU\n' "$fold"
awk -v t="$tri" -v a="$rec" -v b="$scr" -v c="$fold" \
	'BEGIN { printf "ratio triage / (perf record + script + fold) = %.2f\n", t / (a + b + c) }'
