#!/usr/bin/env bash
# bench/cachestat_overhead.sh [REPS] [MIB]: what the system-wide
# `triage cachestat` costs a page-cache access. A MIB MiB file (default 1024)
# under /var/tmp is read once to cache it, then dd reads it to /dev/null
# with bs=4k (one read(2), one mm_filemap_get_pages, per page) and bs=1M
# (256 pages a read, 9 tracepoint hits), alone and with `triage cachestat 1`
# running; REPS interleaved rounds (default 5), medians of dd's own seconds,
# as ns per 4 KiB page. Then one more traced bs=4k read with
# kernel.bpf_stats_enabled on (it slows every program: not during the timed
# rounds) for the programs' own run time per call (bpftool prog's
# run_time_ns/run_cnt).
# libbpf-tools' and bcc's cachestat attach kprobes/fentry: they cannot run
# on this kernel, so there is nothing to compare with. Needs root.
set -u
cd "$(dirname "$0")/.."
REPS=${1:-5} MIB=${2:-1024}
tmp=$(mktemp -d /var/tmp/triage-bench-cache.XXXXXX)
tr=
old_stats=$(cat /proc/sys/kernel/bpf_stats_enabled)
cleanup() {
	[ -n "$tr" ] && kill -INT "$tr" 2>/dev/null && wait "$tr"
	echo "$old_stats" >/proc/sys/kernel/bpf_stats_enabled
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
dd if=/dev/zero of="$tmp/f" bs=1M count="$MIB" status=none && cat "$tmp/f" >/dev/null
pages=$((MIB * 256))

# ddsecs BS: dd's seconds to read the cached file
ddsecs() { LC_ALL=C dd if="$tmp/f" of=/dev/null bs="$1" 2>&1 | sed -n 's/.* copied, \([0-9.e-]*\) s,.*/\1/p'; }

start() {
	./triage cachestat 1 >"$tmp/out" 2>"$tmp/err" & tr=$!
	for _ in $(seq 300); do grep -q '^Tracing' "$tmp/err" 2>/dev/null && break; sleep 0.01; done
}
stop() { kill -INT "$tr"; wait "$tr"; tr=; }

echo 0 >/proc/sys/kernel/bpf_stats_enabled
for _ in $(seq "$REPS"); do
	for bs in 4k 1M; do
		echo "none $bs $(ddsecs $bs)"
		start
		echo "triage $bs $(ddsecs $bs)"
		stop
	done
done >"$tmp/all"
echo 1 >/proc/sys/kernel/bpf_stats_enabled
start
ddsecs 4k >/dev/null
bpftool prog show -j 2>/dev/null | jq -r '.[] | select(.name // "" | test("^cs_")) |
	"prog \(.name) \(.run_time_ns // 0) \(.run_cnt // 0)"' >"$tmp/progs"
stop
echo "$old_stats" >/proc/sys/kernel/bpf_stats_enabled
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); file: $MIB MiB ($pages pages), cached; $REPS rounds"
for bs in 4k 1M; do
	for m in none triage; do
		awk -v m=$m -v b=$bs '$1 == m && $2 == b { print $3 }' "$tmp/all" | sort -g |
			awk -v m=$m -v b=$bs -v p=$pages '{ a[NR] = $1 } END {
				s = a[int((NR + 1) / 2)]
				printf "dd bs=%s %-6s median %.3f s  %.1f ns/page  (min %.3f max %.3f)\n", b, m, s, s * 1e9 / p, a[1], a[NR] }'
	done
done
# per program, over the one traced read (and whatever else ran meanwhile)
awk '$1 == "prog" { t[$2] += $3; n[$2] += $4 } END {
	for (p in t) if (n[p]) printf "%-13s %10d calls %7.1f ns/call\n", p, n[p], t[p] / n[p] }' "$tmp/progs" | sort
