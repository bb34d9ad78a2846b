#!/usr/bin/env bash
# bench/tui_cost.sh [PROCS [SECONDS [FIRST_PROCS]]]: first the time to the
# first frame of the interactive triage top, htop and procps top at about
# FIRST_PROCS processes (default 1,000; bench/tui_first_frame.py), then the
# CPU per refresh of the interactive
# triage top next to htop and procps top, all three at once in detached tmux
# sessions of 120x40, each refreshing every second, with PROCS idle
# processes (bench/spawn; default 10,000) for SECONDS (default 20). CPU is
# utime + stime from /proc/PID/stat, read after a 3 s warm-up (start-up and
# the first scans left out) and at the end; per refresh = CPU / seconds
# (one refresh a second). Prints a Markdown table. Bounded: the sessions and
# the spawned processes end with the script.
set -u
cd "$(dirname "$0")/.."
N=${1:-10000}
SECS=${2:-20}
N1=${3:-1000}
TRIAGE=${TRIAGE:-$PWD/triage}
mkdir -p .output/bench
cc -O2 -Wall -o .output/bench/spawn bench/spawn.c || exit 1
command -v tmux >/dev/null || { echo "tmux not installed"; exit 1; }
TM="tmux -L triage-bench-$$ -f /dev/null"
W=$(mktemp -d /tmp/triage-tui-bench.XXXXXX)
spawn_pid=
cleanup() {
	$TM kill-server 2>/dev/null
	[ -n "$spawn_pid" ] && kill "$spawn_pid" 2>/dev/null && wait "$spawn_pid" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT INT TERM
# the first frame at about N1 processes
have=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
more=$((N1 > have ? N1 - have : 0))
.output/bench/spawn "$more" 120 >"$W/spawn1.out" &
spawn_pid=$!
for ((i = 0; i < 3000; i++)); do grep -q ready "$W/spawn1.out" 2>/dev/null && break; sleep 0.1; done
python3 bench/tui_first_frame.py "$TRIAGE" 7
echo
kill "$spawn_pid" 2>/dev/null; wait "$spawn_pid" 2>/dev/null
spawn_pid=
# the CPU per refresh at about N processes
have=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
more=$((N > have ? N - have : 0))
.output/bench/spawn "$more" $((SECS + 400)) >"$W/spawn.out" &
spawn_pid=$!
for ((i = 0; i < 3000; i++)); do grep -q ready "$W/spawn.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$W/spawn.out" || { echo "spawn: not ready after 300 s"; exit 1; }
nproc_now=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)

# the tools: name | command (1 s refresh each)
tools=("triage top|$TRIAGE top -d 1" "htop|htop -d 10" "procps top|top -d 1")
for i in "${!tools[@]}"; do
	cmd=${tools[$i]#*|}
	$TM new-session -d -s "s$i" -x 120 -y 40 "sh -c 'echo \$\$ >$W/$i.pid; exec $cmd'"
done
for i in "${!tools[@]}"; do
	for ((k = 0; k < 100; k++)); do [ -s "$W/$i.pid" ] && break; sleep 0.1; done
	[ -s "$W/$i.pid" ] || { echo "${tools[$i]%%|*} did not start"; exit 1; }
done
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null; }
sleep 3
declare -A t0
for i in "${!tools[@]}"; do t0[$i]=$(cpu_ticks "$(cat "$W/$i.pid")"); done
start=$(date +%s.%N)
sleep "$SECS"
mid=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
end=$(date +%s.%N)
hz=$(getconf CLK_TCK)
echo "| tool | CPU ms per refresh | ratio to htop |"
echo "|---|---:|---:|"
declare -A per
for i in "${!tools[@]}"; do
	t1=$(cpu_ticks "$(cat "$W/$i.pid")")
	per[$i]=$(awk -v a="${t0[$i]}" -v b="$t1" -v s="$start" -v e="$end" -v hz="$hz" \
		'BEGIN { printf "%.1f", (b - a) * 1000 / hz / (e - s) }')
done
for i in "${!tools[@]}"; do
	echo "| ${tools[$i]%%|*} | ${per[$i]} | $(awk -v a="${per[$i]}" -v h="${per[1]}" 'BEGIN { printf "%.2f", (h > 0) ? a / h : 0 }') |"
done
echo
echo "$nproc_now processes at the start ($(cat "$W/spawn.out") spawned), $mid at the end; $SECS s measured after 3 s, 1 s refresh, tmux 120x40, load $(cut -d' ' -f1-3 /proc/loadavg)"
