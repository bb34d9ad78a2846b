# The past diagnosed: `triage record` at 1 s while a CPU-saturation episode
# runs, then an OOM kill in a memory-limited cgroup, then a quiet spell;
# `triage --from/--to` over each part reports the expected finding with the
# time it was true, and nothing (exit 0) over the quiet part. The report
# over a window takes the intervals that overlap it (the sample before
# --from is the first baseline), so an episode may begin up to an interval
# before --from: one second, or two when the recorder (an ASan build) is late.
# timeout: 120
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
name=triage-past-$$
if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	dir=/sys/fs/cgroup/$name; v=2
elif [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
	dir=/sys/fs/cgroup/memory/$name; v=1
else
	skip "no cgroup memory controller"
fi
store=$(mktemp -d /tmp/triage-past.XXXXXX)
recpid= pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	[ -n "$recpid" ] && kill "$recpid" 2>/dev/null
	wait 2>/dev/null; rmdir "$dir" 2>/dev/null; rm -rf "$store"
}
trap cleanup EXIT
[ -n "${KEEP_STORE:-}" ] && store=$KEEP_STORE
baseline
now() { date '+%Y-%m-%d %H:%M:%S'; }
$TRIAGE record -i 1 --store "$store/s" 2>"$store/err" & recpid=$!
sleep 2.2

# 1. CPU saturation: 3 spinners per CPU for 8 s
t1=$(now)
for i in $(seq $(($(nproc) * 3))); do timeout 8 sh -c 'while :; do :; done' & pids+=($!); done
wait "${pids[@]}" 2>/dev/null; pids=()
t2=$(now)
sleep 2

# 2. an OOM kill in a cgroup limited to 32 MiB
mkdir "$dir" || skip "cannot create a cgroup"
if [ $v = 2 ]; then echo 32M >"$dir/memory.max"; echo 0 >"$dir/memory.swap.max" 2>/dev/null
else echo 32M >"$dir/memory.limit_in_bytes"; echo 0 >"$dir/memory.swappiness" 2>/dev/null; fi
t3=$(now)
sh -c 'echo $$ >"$1/cgroup.procs"; exec python3 -c "b = bytearray(256 << 20)"' sh "$dir" 2>/dev/null
expect_eq "the eater was killed" $? 137
sleep 2
t4=$(now)
sleep 1

# 3. quiet
t5=$(now)
sleep 12
t6=$(now)
sleep 1.5
kill "$recpid"; wait "$recpid"; rc=$?; recpid=
expect_eq "recorder exit on SIGTERM" $rc 0
[ -s "$store/err" ] && fail "recorder said: $(cat "$store/err")"

ep() { $TRIAGE --json --store "$store/s" --slice 4 --from "$1" --to "$2"; }
OUT=$(ep "$t1" "$t2"); RC=$?
echo "part 1 ($t1 to $t2): $(echo "$OUT" | jq -c '[.findings[] | "\(.severity) \(.id) \(.resource) \(.from)-\(.to)"]')"
expect_finding cpu.saturated cpu
from=$(echo "$OUT" | jq '[.findings[] | select(.id=="cpu.saturated")][0].from')
to=$(echo "$OUT" | jq '[.findings[] | select(.id=="cpu.saturated")][0].to')
a=$(date -d "$t1" +%s); b=$(date -d "$t2" +%s)
[ "$from" -ge $((a - 3)) ] && [ "$to" -le $((b + 3)) ] && [ "$to" -gt "$from" ] \
	|| fail "cpu.saturated from $from to $to, outside the episode $a..$b"

OUT=$(ep "$t3" "$t4"); RC=$?
echo "part 2 ($t3 to $t4): $(echo "$OUT" | jq -c '[.findings[] | "\(.severity) \(.id) \(.resource) \(.from)-\(.to)"]')"
got=$(echo "$OUT" | jq '[.findings[] | select(.id=="mem.oom_kill" and .severity != "info")] | length')
[ "$got" -ge 1 ] || fail "no mem.oom_kill over the OOM part"
from=$(echo "$OUT" | jq '[.findings[] | select(.id=="mem.oom_kill")][0].from')
[ "$from" -ge $(( $(date -d "$t3" +%s) - 3 )) ] || fail "mem.oom_kill from $from, before $t3"

# the whole recording: both episodes, each with its own time
OUT=$(ep "$t1" "$t6"); RC=$?
expect_finding cpu.saturated cpu
expect_eq "OOM episode in the whole window" "$(echo "$OUT" | jq '[.findings[] | select(.id=="mem.oom_kill" and .severity != "info")] | length')" 1

OUT=$(ep "$t5" "$t6"); RC=$?
echo "part 3 ($t5 to $t6): $(echo "$OUT" | jq -c '[.findings[] | "\(.severity) \(.id) \(.resource)"]')"
no_unrelated
done_test
