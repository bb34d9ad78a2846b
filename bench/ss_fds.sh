#!/usr/bin/env bash
# bench/ss_fds.sh: CPU time and peak RSS of triage ss / fds against iproute2 ss
# and lsof, side by side in one run (issue 4, "Scale").
#   CONNS=5000   loopback connection pairs (2 x CONNS TCP sockets + a listener)
#   PROCS=2000   idle processes for fds vs lsof +L1
#   REPS=5       runs of each command (CPU time is the mean per run)
# Everything it starts ends by itself (sleep / alarm) and is killed on exit.
# Callable standalone or from bench/run.sh; prints a Markdown table.
set -u
cd "$(dirname "$0")/.."
TRIAGE=${TRIAGE:-./triage}
CONNS=${CONNS:-5000} PROCS=${PROCS:-2000} REPS=${REPS:-5}
[ -x "$TRIAGE" ] || { echo "build first: make" >&2; exit 1; }
pids=()
tmp=$(mktemp -d /tmp/triage-bench.XXXXXX)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# measure NAME CMD...: mean user+sys ms per run over REPS runs, from
# getrusage(RUSAGE_CHILDREN) (microsecond resolution, unlike time(1)), and the
# peak RSS (KiB) of one more run under time(1) (python's own RSS would show in
# the children's ru_maxrss: it is counted before exec)
measure() {
	local name=$1; shift
	python3 - "$REPS" "$@" >"$tmp/m" <<'PY'
import resource, subprocess, sys
reps, cmd = int(sys.argv[1]), sys.argv[2:]
for _ in range(reps):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print((ru.ru_utime + ru.ru_stime) * 1000 / reps)
PY
	read -r ms <"$tmp/m"
	/usr/bin/time -o "$tmp/time" -f '%M' "$@" >/dev/null 2>&1
	rss=$(tail -1 "$tmp/time")
	printf '| %-28s | %10.1f | %11d |\n' "$name" "$ms" "$rss"
	echo "$ms" >"$tmp/$(echo "$name" | tr -c 'a-zA-Z0-9' _)"
}
ratio() {  # ratio A B: mean CPU of A / mean CPU of B
	local a b
	a=$(cat "$tmp/$(echo "$1" | tr -c 'a-zA-Z0-9' _)"); b=$(cat "$tmp/$(echo "$2" | tr -c 'a-zA-Z0-9' _)")
	awk -v a="$a" -v b="$b" 'BEGIN{if (b > 0) printf "%.2f", a / b; else print "-"}'
}

echo "## ss and fds ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, kernel $(uname -r))"
echo
python3 tests/helpers/sockload.py 120 --conns "$CONNS" >"$tmp/sock.out" & pids+=($!)
for i in $(seq 600); do grep -q ready "$tmp/sock.out" && break; sleep 0.1; done
echo "TCP sockets: triage $($TRIAGE ss -tan | tail -n +2 | wc -l), iproute2 $(ss -Htan | wc -l)"
echo
echo "| command                      | CPU ms/run | max RSS KiB |"
echo "|------------------------------|-----------:|------------:|"
measure "triage ss -tan" "$TRIAGE" ss -tan
measure "ss -tan (iproute2)" ss -tan
measure "triage ss -tanp" "$TRIAGE" ss -tanp
measure "ss -tanp (iproute2)" ss -tanp
kill "${pids[0]}" 2>/dev/null
# idle processes: bench/spawn (proc helper's) when built, else sleep(1)s
if [ -x bench/spawn ] || { [ -f bench/spawn.c ] && cc -O2 -o "$tmp/spawn" bench/spawn.c 2>/dev/null; }; then
	sp=bench/spawn; [ -x "$tmp/spawn" ] && sp=$tmp/spawn
	"$sp" "$PROCS" 120 >"$tmp/spawn.out" & pids+=($!)
	for i in $(seq 600); do grep -q ready "$tmp/spawn.out" && break; sleep 0.1; done
else
	for i in $(seq "$PROCS"); do sleep 120 & pids+=($!); done
fi
n=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
measure "triage fds ($n procs)" "$TRIAGE" fds
measure "lsof +L1 ($n procs)" lsof -nP +L1
echo
echo "Ratios (CPU): triage ss -tan / ss -tan = $(ratio "triage ss -tan" "ss -tan (iproute2)")" \
     "(target <= 0.8); triage ss -tanp / ss -tanp = $(ratio "triage ss -tanp" "ss -tanp (iproute2)");" \
     "triage fds / lsof +L1 = $(ratio "triage fds ($n procs)" "lsof +L1 ($n procs)") (target <= 0.33)"
