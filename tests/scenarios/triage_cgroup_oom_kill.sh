# A cgroup with a 32 MiB memory limit whose process allocates 256 MiB and is
# OOM-killed during the window: cgroup.oom_kill on the cgroup, mem.oom_kill
# naming the victim.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
name=triage-oom-$$
if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	dir=/sys/fs/cgroup/$name; v=2
elif [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
	dir=/sys/fs/cgroup/memory/$name; v=1
else
	skip "no cgroup memory controller"
fi
tpid=
cleanup() { [ -n "$tpid" ] && kill "$tpid" 2>/dev/null; wait 2>/dev/null; rmdir "$dir" 2>/dev/null; }
trap cleanup EXIT
baseline
mkdir "$dir" || skip "cannot create a cgroup"
if [ $v = 2 ]; then echo 32M >"$dir/memory.max"; echo 0 >"$dir/memory.swap.max" 2>/dev/null
else echo 32M >"$dir/memory.limit_in_bytes"; echo 0 >"$dir/memory.swappiness" 2>/dev/null; fi
OURS="cgroup:/$name"
out=$(mktemp)
$TRIAGE --json -d 3 >"$out" &
tpid=$!
sleep 0.3
# the eater: in the cgroup, allocates and touches 256 MiB; the OOM killer ends it
sh -c 'echo $$ >"$1/cgroup.procs"; exec python3 -c "b = bytearray(256 << 20); import time; time.sleep(1)"' sh "$dir" 2>/dev/null
eater_rc=$?
wait "$tpid"; RC=$?; tpid=
OUT=$(cat "$out"); rm -f "$out"
echo "$OUT" | json_ok || fail "invalid JSON"
echo "findings: $(echo "$OUT" | jq -c '[.findings[] | "\(.severity) \(.id) \(.resource) \(.comm // "")"]')"
expect_eq "the eater was killed (SIGKILL)" "$eater_rc" "137"
expect_finding cgroup.oom_kill "cgroup:/$name"
expect_finding mem.oom_kill memory
# the victim, named from the kernel log when it is readable
v=$(echo "$OUT" | jq -r '.findings[] | select(.id=="mem.oom_kill") | .comm // empty')
[ -z "$v" ] || expect_eq "victim" "$v" "python3"
no_unrelated cgroup.oom_kill mem.oom_kill cgroup.memory_near_limit mem.pressure
done_test
