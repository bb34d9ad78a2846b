#!/usr/bin/env bash
# bench/top_overhead.sh [REPS] [N]: what triage filetop and tcptop cost.
# filetop: dd of N blocks of 512 bytes from /dev/zero to a file in /dev/shm
# (N reads of a device, N writes of a regular file); tcptop: a python
# exchanging N messages of 1 KiB each way over a loopback TCP connection.
# Each load untraced, under the tool, and (filetop) under `filetop -a`, REPS
# interleaved runs: medians of the load's ns per call and of the tool's own
# CPU (utime + stime from /proc/PID/stat, ms), 1 s intervals to /dev/null.
# The BPF programs run in the traced process: their cost is the load's
# slowdown; with STATS=1 (kernel.bpf_stats_enabled set while measuring, then
# restored) each program's own run time per call is printed too, for the
# load and (filetop) for unrelated syscalls (bench/sysloop.c: getppid and
# writes to /dev/null, which every syscall hook sees). libbpf-tools'
# filetop/tcptop are tried too (they need kprobes).
set -u
cd "$(dirname "$0")/.."
REPS=${1:-5} N=${2:-200000}
tmp=$(mktemp -d /tmp/triage-bench-top.XXXXXX)
trap 'rm -rf "$tmp" /dev/shm/triage-bench-top.$$' EXIT
cat >"$tmp/tcpload.py" <<'PY'
import socket, sys, time
n = int(sys.argv[1])
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1)
c = socket.create_connection(l.getsockname()); s, _ = l.accept()
msg = b"x" * 1024
t = time.perf_counter_ns()
for _ in range(n):
    c.send(msg); s.recv(1024); s.send(msg); c.recv(1024)
print((time.perf_counter_ns() - t) / (4 * n))
PY

load() { # filetop|tcptop: prints ns per call
	if [ "$1" = filetop ]; then
		local t0=$(date +%s%N)
		dd if=/dev/zero of=/dev/shm/triage-bench-top.$$ bs=512 count="$N" 2>/dev/null
		echo $(( ($(date +%s%N) - t0) / (2 * N) ))
	else
		python3 "$tmp/tcpload.py" "$N"
	fi
}
cpu_ms() { awk '{ print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$1/stat"; }

one() { # LOAD MODE: "ns/call tool-ms"
	local tool=$1 mode=$2 tr= ns ms=0
	case $mode in
	none) ;;
	triage|triage-a)
		./triage $tool $([ $mode = triage-a ] && echo -a) -C 1 >/dev/null 2>"$tmp/err" &
		tr=$!
		for _ in $(seq 200); do grep -q '^Tracing' "$tmp/err" 2>/dev/null && break; sleep 0.01; done ;;
	esac
	ns=$(load $tool)
	if [ -n "$tr" ]; then ms=$(cpu_ms $tr); kill -INT $tr; wait $tr; fi
	echo "$ns $ms"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load $(cut -d' ' -f1-3 /proc/loadavg), $REPS interleaved runs, N=$N, medians"
for tool in filetop tcptop; do
	modes="none triage"; [ $tool = filetop ] && modes="none triage triage-a"
	for _ in $(seq "$REPS"); do
		for m in $modes; do echo "$m $(one $tool $m)"; done
	done >"$tmp/$tool"
	base=$(awk '$1 == "none" { print $2 }' "$tmp/$tool" | median)
	printf '%-8s %-9s %10s %9s %12s %12s\n' tool mode ns/call slowdown "added ns" "tool CPU ms"
	for m in $modes; do
		v=$(awk -v m=$m '$1 == m { print $2 }' "$tmp/$tool" | median)
		c=$(awk -v m=$m '$1 == m { print $3 }' "$tmp/$tool" | median)
		awk -v t=$tool -v m=$m -v v="$v" -v b="$base" -v c="$c" \
			'BEGIN { printf "%-8s %-9s %10.1f %8.2fx %12.1f %12.1f\n", t, m, v, v / b, v - b, c }'
	done
	if command -v "/usr/sbin/$tool" >/dev/null; then
		r=$(timeout 3 "/usr/sbin/$tool" -C 1 1 2>&1 >/dev/null | tail -1)
		echo "libbpf-tools $tool: ${r:-ran}"
	fi
done

[ "${STATS:-0}" = 1 ] || exit 0
cc -O2 -Wall -o "$tmp/sysloop" bench/sysloop.c || exit 1
orig=$(cat /proc/sys/kernel/bpf_stats_enabled)
echo 1 >/proc/sys/kernel/bpf_stats_enabled
trap 'echo $orig >/proc/sys/kernel/bpf_stats_enabled; rm -rf "$tmp" /dev/shm/triage-bench-top.$$' EXIT
stats() { # TOOL LOAD: "prog ns/run" of the tool's programs
	local tool=$1 what=$2 tr before
	before=$(bpftool prog show -j | jq 'map(.id) | max // 0')
	./triage $tool -C 1 >/dev/null 2>"$tmp/err" &
	tr=$!
	for _ in $(seq 200); do grep -q '^Tracing' "$tmp/err" 2>/dev/null && break; sleep 0.01; done
	case $what in
	sysloop) mkfifo "$tmp/go.$tr"; "$tmp/sysloop" "$tmp/go.$tr" "$N" >/dev/null & l=$!
		echo go >"$tmp/go.$tr"; wait $l ;;
	*) load $tool >/dev/null ;;
	esac
	# this tool's programs only: loaded since it started (another session
	# may run a tracer too)
	bpftool prog show -j | jq -r --argjson before "$before" '.[] | select(.id > $before) |
		select(.name | test("^(sys_enter_btf|sys_exit_btf|tcptop_send_btf|tcptop_recv_btf)$")) |
		"\(.name) \(.run_time_ns / .run_cnt)"'
	kill -INT $tr; wait $tr
}
echo "BPF run time per call (bpf_stats), medians of $REPS:"
for tw in filetop:load filetop:sysloop tcptop:load; do
	for _ in $(seq "$REPS"); do stats ${tw%:*} ${tw#*:}; done >"$tmp/st"
	for p in $(awk '{ print $1 }' "$tmp/st" | sort -u); do
		printf '  %-8s %-8s %-14s %6.0f ns\n' ${tw%:*} ${tw#*:} $p "$(awk -v p=$p '$1 == p { print $2 }' "$tmp/st" | median)"
	done
done
