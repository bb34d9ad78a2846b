#!/usr/bin/env bash
# bench/killsnoop_overhead.sh [REPS] [N]: what killsnoop costs every other
# syscall. triage killsnoop runs a BPF program at the raw sys_exit
# tracepoint (every syscall, returning at once unless a kill, tkill or tgkill
# failed); libbpf-tools' killsnoop attaches syscalls:sys_{enter,exit}_kill,
# which need tracefs (mounted here in a private mount namespace when it is not
# mounted). bench/sysloop.c's ns per call (N getppid + N write of 1 byte to
# /dev/null) with neither, with ours, with theirs; REPS interleaved runs,
# medians. Needs root.
set -u
cd "$(dirname "$0")/.."
if [ ! -e /sys/kernel/tracing/events ] && [ -z "${KS_NS:-}" ]; then
	KS_NS=1 exec unshare -m sh -c 'mount -t tracefs tracefs /sys/kernel/tracing && exec bash "$0" "$@"' "$0" "$@"
fi
REPS=${1:-7} N=${2:-200000}
tmp=$(mktemp -d /tmp/triage-bench-kill.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -Wall -o "$tmp/sysloop" bench/sysloop.c || exit 1

one() {
	local mode=$1 pid tr=
	case $mode in
	triage) ./triage killsnoop >/dev/null 2>"$tmp/err" & tr=$!
		for _ in $(seq 300); do grep -q '^Tracing' "$tmp/err" 2>/dev/null && break; sleep 0.01; done ;;
	libbpf) /usr/sbin/killsnoop >"$tmp/lout" 2>"$tmp/err" & tr=$!
		for _ in $(seq 300); do [ -s "$tmp/lout" ] && break; sleep 0.01; done ;;
	esac
	rm -f "$tmp/go"; mkfifo "$tmp/go"
	"$tmp/sysloop" "$tmp/go" "$N" >"$tmp/ns" &
	pid=$!
	echo go >"$tmp/go"
	wait $pid
	[ -n "$tr" ] && { kill -INT $tr 2>/dev/null; wait $tr; }
	cat "$tmp/ns"
}

for _ in $(seq "$REPS"); do
	for m in none triage libbpf; do echo "$m $(one $m)"; done
done >"$tmp/all"
cat /proc/loadavg
awk '{ v[$1] = v[$1] " " $2 } END { for (m in v) print m, v[m] }' "$tmp/all" | while read -r m vals; do
	echo "$m $(echo $vals | tr ' ' '\n' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') ns/call (runs:$vals)"
done
