#!/usr/bin/env bash
# make bench: runs every benchmark in bench/ side by side with the classic
# tools and rewrites bench/RESULTS.md from bench/sections/*.md.
#   bench/run.sh             per-process tools at 100/2,000/10,000 processes
#                            (rewrites its section, 1-processes.md, itself)
#   bench/ss_fds.sh          ss -tan at 10,000 sockets, fds vs lsof +L1
#   bench/profile_overhead.sh  profile -a -F 99 overhead, capture-to-SVG cost
#   bench/triage_cost.py     the default 5 s report vs the 10-command checklist
#   bench/bpf_startup.sh     BPF tools vs libbpf-tools: start-up, CPU, RSS
#   bench/tui_cost.sh        interactive top vs htop and procps top under tmux
#   bench/strace_overhead.sh slowdown of a syscall loop: triage strace vs strace
#   bench/top_overhead.sh    filetop and tcptop: slowdown of a dd / a loopback exchange, BPF ns per call
#   bench/cachestat_overhead.sh  cachestat: a cached dd bs=4k / bs=1M alone and traced, BPF ns per call
#   bench/record_cost.py     triage record vs atop -w and sadc, per sample
#   bench/exitstat_bench.c   the recorder's exit program on a fork/exit loop
#   bench/record_sections.c  the recorder's cgroups and thread states per sample
#   bench/serve_cost.py      triage serve vs node_exporter 1.5 at 2,000 processes
# Each other script's output goes to sections/N-name.latest.md, printed under
# that section's method and analysis (sections/N-name.md, written by hand).
# BENCH_ONLY="ss_fds bpf" runs only those. Needs root for the BPF and profile
# benchmarks; brief on purpose (the machine may be shared).
set -u
cd "$(dirname "$0")/.."
[ -x ./triage ] || make -s triage || exit 1
want() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
latest() {  # NAME FILE CMD...: run CMD, keep its output as the section's latest run
	local name=$1 file=$2; shift 2
	want "$name" || return 0
	echo "bench: $*" >&2
	{
		echo "Latest \`make bench\` run, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), command \`$*\`:"
		echo
		echo '```'
		"$@" 2>&1 | tail -60
		echo '```'
	} >"bench/sections/$file.latest.md"
}
want processes && bench/run.sh
latest ss_fds 2-ss_fds env CONNS=5000 PROCS=10000 REPS=3 bench/ss_fds.sh
latest profile 3-profile bench/profile_overhead.sh 5 4
latest triage_cost 4-triage_cost python3 bench/triage_cost.py ./triage 2000
latest bpf 5-bpf bench/bpf_startup.sh 5 0.5
latest tui 6-tui bench/tui_cost.sh 10000 20 1000
latest strace 7-strace bench/strace_overhead.sh 5 50000
latest top 12-top env STATS=1 bench/top_overhead.sh 5 200000
latest memleak 14-memleak bench/memleak_overhead.sh 200000 3
latest biotop 13-biotop_killsnoop sh -c 'python3 bench/biotop_overhead.py ./triage 7 20000 && bench/killsnoop_overhead.sh 9 200000'
latest cachestat 16-cachestat bench/cachestat_overhead.sh 5 1024
latest record 8-record python3 bench/record_cost.py ./triage 1000:50 10000:100
if want exitstat && mkdir -p .output/bench && make -s .output/release/libtriage.a && cc -O2 -Isrc -I.output/bpf -o .output/bench/exitstat_bench bench/exitstat_bench.c \
	.output/release/libtriage.a $(pkg-config --static --libs libbpf libelf zlib libzstd) 2>/dev/null; then
	latest exitstat 9-exitstat .output/bench/exitstat_bench 300 5
fi
latest record_sections 10-record_sections sh -c 'mkdir -p .output/bench && cc -O2 -Isrc -I.output/bpf \
	-o .output/bench/record_sections bench/record_sections.c .output/release/libtriage.a \
	$(pkg-config --libs libbpf libzstd) -lelf -lz -lm && .output/bench/record_sections 10 1'
latest serve_cost 11-serve_cost python3 bench/serve_cost.py ./triage 2000 15 8
{
	echo "# Benchmarks: triage next to the classic tools"
	echo
	echo "Written by \`make bench\` (bench/all.sh) from bench/sections/. Each section"
	echo "says its command, its method and what it found; a section's latest raw run"
	echo "follows it when \`make bench\` produced one. CPU is user+sys from the"
	echo "kernel's rusage of the measured process; RSS is its peak."
	for f in $(ls bench/sections/[0-9]*-*.md | sort -t/ -k3 -n); do
		case $f in *.latest.md) continue ;; esac
		echo
		cat "$f"
		if [ -f "${f%.md}.latest.md" ]; then echo; cat "${f%.md}.latest.md"; fi
	done
} >bench/RESULTS.md
echo "wrote bench/RESULTS.md" >&2
