# A cgroup with a tight CPU quota (0.1 CPU) and a busy loop in it (3 s):
# cgroup.cpu_throttled naming the cgroup.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
name=triage-throttle-$$
pid=
if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	dir=/sys/fs/cgroup/$name; v=2
elif [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
	dir=/sys/fs/cgroup/cpu/$name; v=1
else
	skip "no cgroup cpu controller (v2 cpu.max or v1 cpu.cfs_quota_us)"
fi
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rmdir "$dir" 2>/dev/null; }
trap cleanup EXIT
baseline
mkdir "$dir" || skip "cannot create a cgroup"
if [ $v = 2 ]; then echo "10000 100000" >"$dir/cpu.max"
else echo 100000 >"$dir/cpu.cfs_period_us"; echo 10000 >"$dir/cpu.cfs_quota_us"; fi
sh -c 'echo $$ >"$1/cgroup.procs"; exec timeout 3 sh -c "while :; do :; done"' sh "$dir" &
pid=$!
sleep 0.3
OURS="cgroup:/$name"
run_triage -d 1 -i 0.5
expect_finding cgroup.cpu_throttled "cgroup:/$name"
no_unrelated cgroup.cpu_throttled
done_test
