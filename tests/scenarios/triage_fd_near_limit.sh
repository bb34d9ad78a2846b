# A process holding 95 of a soft RLIMIT_NOFILE of 100 (6 s): fd.near_limit on it.
# It runs in a cgroup named like a systemd unit (a directory the test makes on
# the v2 hierarchy): the finding names the cgroup and the unit.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
pid=
V2=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
unit=triage-fd-$$.service
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null
	[ -n "$V2" ] && rmdir "$V2/$unit" 2>/dev/null
}
trap cleanup EXIT
baseline
python3 - <<'PY' &
import os, resource, time
resource.setrlimit(resource.RLIMIT_NOFILE, (100, 100))
have = len(os.listdir("/proc/self/fd")) - 1   # minus the listdir's own
fds = [os.open("/dev/null", os.O_RDONLY) for _ in range(95 - have)]
time.sleep(6)
PY
pid=$!
in_unit=
if [ -n "$V2" ] && mkdir "$V2/$unit" 2>/dev/null && echo "$pid" >"$V2/$unit/cgroup.procs" 2>/dev/null; then
	in_unit=1
else
	skip_part "cgroup naming: cannot make a v2 cgroup here"
fi
for i in $(seq 60); do [ "$(ls /proc/$pid/fd 2>/dev/null | wc -l)" = 95 ] && break; sleep 0.05; done
expect_eq "setup: open fds (ls /proc/PID/fd)" "$(ls /proc/$pid/fd | wc -l)" "95"
OURS="pid:$pid"
run_triage -d 1
expect_finding fd.near_limit "pid:$pid" "$pid"
s=$(echo "$OUT" | jq -r --arg r "pid:$pid" '.findings[] | select(.resource==$r) | .summary')
expect_eq "summary" "$s" "python3 (pid $pid) has 95 of its 100 file descriptors open (95%)"
if [ -n "$in_unit" ]; then
	ev=$(echo "$OUT" | jq -r --arg r "pid:$pid" '.findings[] | select(.resource==$r) | .evidence[]')
	echo "$ev" | grep -qxF "pid $pid runs in cgroup /$unit (systemd unit $unit)" || fail "cgroup and unit not named: $ev"
fi
no_unrelated fd.near_limit
done_test
