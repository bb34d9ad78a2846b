#!/usr/bin/env bash
# bench/strace_overhead.sh [REPS] [N]: the slowdown of a syscall-heavy
# process (bench/sysloop.c: N getppid() + N write(/dev/null, 1 byte)) under
# `triage strace -p` and under strace -p (ptrace), each writing its lines to a
# file, and under both tools' -c; REPS interleaved runs each, medians of ns
# per call. Needs root (BPF, ptrace of a sibling).
set -u
cd "$(dirname "$0")/.."
REPS=${1:-5} N=${2:-100000}
tmp=$(mktemp -d /tmp/triage-bench-strace.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -Wall -o "$tmp/sysloop" bench/sysloop.c || exit 1
command -v strace >/dev/null || { echo "strace not installed"; exit 1; }

# one MODE: prints ns/call of the loop
one() {
	local mode=$1 pid tr=
	rm -f "$tmp/go"; mkfifo "$tmp/go"
	"$tmp/sysloop" "$tmp/go" "$N" >"$tmp/ns" &
	pid=$!
	for _ in $(seq 200); do [ "$(cut -d' ' -f1 /proc/$pid/syscall 2>/dev/null)" = 0 ] && break; sleep 0.01; done
	case $mode in
	none) ;;
	triage|triage-c)
		./triage strace -p $pid $([ $mode = triage-c ] && echo -c) -o "$tmp/out" 2>"$tmp/err" &
		tr=$!
		for _ in $(seq 200); do grep -q '^Tracing' "$tmp/err" 2>/dev/null && break; sleep 0.01; done ;;
	strace|strace-c)
		strace -p $pid $([ $mode = strace-c ] && echo -c) -o "$tmp/out" 2>"$tmp/err" &
		tr=$!
		for _ in $(seq 200); do grep -q 'Process .* attached' "$tmp/err" 2>/dev/null && break; sleep 0.01; done ;;
	esac
	echo go >"$tmp/go"
	wait $pid
	[ -n "$tr" ] && { kill -INT $tr 2>/dev/null; wait $tr; }
	cat "$tmp/ns"
}

modes="none triage strace triage-c strace-c"
for _ in $(seq "$REPS"); do
	for m in $modes; do echo "$m $(one $m)"; done
done >"$tmp/all"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
base=$(awk '$1 == "none" { print $2 }' "$tmp/all" | median)
echo "sysloop: $N getppid() + $N write(), $REPS interleaved runs, median ns per call (load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-10s %10s %10s %14s\n' mode ns/call slowdown "added ns/call"
for m in $modes; do
	v=$(awk -v m=$m '$1 == m { print $2 }' "$tmp/all" | median)
	awk -v m=$m -v v="$v" -v b="$base" 'BEGIN { printf "%-10s %10.1f %9.2fx %14.1f\n", m, v, v / b, v - b }'
done
t=$(awk '$1 == "triage" { print $2 }' "$tmp/all" | median)
s=$(awk '$1 == "strace" { print $2 }' "$tmp/all" | median)
awk -v t="$t" -v s="$s" -v b="$base" 'BEGIN { printf "added cost, triage strace / strace: %.3f (target < 0.1)\n", (t - b) / (s - b) }'
