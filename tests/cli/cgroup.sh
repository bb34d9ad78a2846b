# triage cgroup: v2, v1 and hybrid fixtures (goldens), bad input, and LIVE: a
# cgroup with a 20% CPU quota running a bounded busy loop shows nr_throttled
# rising.
. "$TRIAGE_SRC/tests/lib.sh"
V2="$FIX/cg_v2/t0,$FIX/cg_v2/t1"
V1="$FIX/cg_v1/t0,$FIX/cg_v1/t1"
HY="$FIX/cg_hybrid/t0"
# Hand-computed values are in tests/unit/test_cgroup.c (web: 0.50 cores of a
# 0.50 quota, 90.0 % of periods throttled, 99.6 % of memory.max, 2 oom kills).
expect_golden cgroup_v2_top.txt $TRIAGE cgroup --root "$V2"
expect_golden cgroup_v2_web.txt $TRIAGE cgroup --root "$V2" /app.slice/web
expect_golden cgroup_v2_web.json $TRIAGE cgroup --json --root "$V2" /app.slice/web
expect_golden cgroup_v1_top.txt $TRIAGE cgroup --root "$V1"
expect_golden cgroup_v1_abc.txt $TRIAGE cgroup --root "$V1" /docker/abc
expect_golden cgroup_v1_top.json $TRIAGE cgroup --json --root "$V1"
expect_golden cgroup_hybrid_top.txt $TRIAGE cgroup --root "$HY"
js=$($TRIAGE cgroup --json --root "$V2" /app.slice/web)
echo "$js" | json_ok || fail "json invalid"
expect_eq "v2 throttled_pct" "$(echo "$js" | jq .cpu.throttled_pct)" "90"
expect_eq "v2 mem pct" "$(echo "$js" | jq .memory.pct_of_max)" "99.6"
expect_eq "v2 oom_kill +1" "$(echo "$js" | jq .memory.events_interval.oom_kill)" "1"
expect_eq "v2 memory.high max is null" "$(echo "$js" | jq .memory.high)" "null"
js=$($TRIAGE cgroup --json --root "$V2" --top 2)
expect_eq "top 2 order" "$(echo "$js" | jq -c '[.cgroups[].path]')" '["/app.slice/web","/app.slice"]'
expect_eq "groups" "$(echo "$js" | jq .groups)" "5"
# the path as a directory under the root's sys/fs/cgroup (with a hierarchy name in v1)
expect_eq "v1 by directory" "$($TRIAGE cgroup --json --root "$V1" "$FIX/cg_v1/t0/sys/fs/cgroup/memory/docker/abc" | jq -r .path)" "/docker/abc"
# bad input
expect_exit 1 $TRIAGE cgroup --root "$V2" /no/such/group
msg=$($TRIAGE cgroup --root "$FIX/cg_v2/t0" /no/such 2>&1 >/dev/null)
expect_eq "bad path message" "$msg" "triage: cgroup: no cgroup '/no/such' under $FIX/cg_v2/t0/sys/fs/cgroup"
expect_exit 1 $TRIAGE cgroup --root "$FIX/cg_v2/t0" /../../etc
# the group is gone in the second snapshot
msg=$($TRIAGE cgroup --root "$FIX/cg_v2/t0,$FIX/cg_v1/t1" /app.slice/web 2>&1 >/dev/null)
expect_eq "vanished" "$msg" "triage: cgroup: cgroup '/app.slice/web' vanished under $FIX/cg_v1/t1/sys/fs/cgroup"
expect_exit 1 $TRIAGE cgroup --root "$FIX/psi/t0"
expect_exit 2 $TRIAGE cgroup --bogus
expect_exit 2 $TRIAGE cgroup --top 0
expect_exit 2 $TRIAGE cgroup -d -1
expect_exit 2 $TRIAGE cgroup / extra
expect_exit 1 $TRIAGE cgroup --root /nonexistent
expect_exit 0 $TRIAGE cgroup --help

# LIVE: a group with a 20 % quota (v1 cpu.cfs_quota_us, or v2 cpu.max when the
# cpu controller is enabled at the root) and a busy loop bounded by timeout.
name=triage-test-cg.$$
dirs=()
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	for d in "${dirs[@]}"; do rmdir "$d" 2>/dev/null; done
}
trap cleanup EXIT
if [ -w /sys/fs/cgroup/cpu/cpu.cfs_quota_us ] && mkdir /sys/fs/cgroup/cpu/$name 2>/dev/null; then
	dirs+=(/sys/fs/cgroup/cpu/$name)
	echo 100000 >/sys/fs/cgroup/cpu/$name/cpu.cfs_period_us
	echo 20000 >/sys/fs/cgroup/cpu/$name/cpu.cfs_quota_us
	procs=(/sys/fs/cgroup/cpu/$name/cgroup.procs)
	if [ -d /sys/fs/cgroup/cpuacct ] && [ ! /sys/fs/cgroup/cpuacct -ef /sys/fs/cgroup/cpu ] &&
	   mkdir /sys/fs/cgroup/cpuacct/$name 2>/dev/null; then
		dirs+=(/sys/fs/cgroup/cpuacct/$name)
		procs+=(/sys/fs/cgroup/cpuacct/$name/cgroup.procs)
	fi
	stat=/sys/fs/cgroup/cpu/$name/cpu.stat
elif grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null && mkdir /sys/fs/cgroup/$name 2>/dev/null; then
	dirs+=(/sys/fs/cgroup/$name)
	echo "20000 100000" >/sys/fs/cgroup/$name/cpu.max
	procs=(/sys/fs/cgroup/$name/cgroup.procs)
	stat=/sys/fs/cgroup/$name/cpu.stat
else
	skip_part "live: no writable cpu controller (not root, or no v1 cpu / v2 cpu.max); the fixtures above cover the figures"
	done_test
fi
# the loop joins the group(s) before it starts, and ends by itself after 4 s
sh -c 'for f in "$@"; do echo $$ >"$f"; done; exec timeout 4 sh -c "while :; do :; done"' sh "${procs[@]}" &
pid=$!
sleep 0.5
before=$(awk '$1 == "nr_throttled" {print $2}' "$stat")
js=$($TRIAGE cgroup --json -d 1.5 "/$name")
after=$(awk '$1 == "nr_throttled" {print $2}' "$stat")
echo "$js" | json_ok || fail "live json invalid: $js"
ours=$(echo "$js" | jq .cpu.nr_throttled)
echo "live: nr_throttled before $before, ours $ours, after $after; $(echo "$js" | jq -c '.cpu | {usage_cores, throttled_per_s, throttled_pct, throttled_time_per_s}')"
awk -v a="$before" -v b="$ours" -v c="$after" 'BEGIN { exit !(a <= b && b <= c && b > a) }' || fail "nr_throttled not rising within [$before, $after]: $ours"
# 1.5 s at 10 periods/s: about 15 periods, nearly all throttled
expect_near "live throttled/s" "$(echo "$js" | jq .cpu.throttled_per_s)" 10 3
expect_near "live throttled %" "$(echo "$js" | jq .cpu.throttled_pct)" 95 15
expect_eq "live quota" "$(echo "$js" | jq .cpu.quota_cores)" "0.2"
usage=$(echo "$js" | jq .cpu.usage_cores)
[ "$usage" != null ] && expect_near "live usage cores" "$usage" 0.2 0.06
# the ranking names it first among throttled groups
expect_eq "live ranked" "$($TRIAGE cgroup --json -d 0.5 | jq -r --arg n "/$name" '[.cgroups[].path] | index($n) != null')" "true"
# groups created and removed while the walk runs: skipped, never an error
churn=${dirs[0]}/churn
mkdir "$churn" && dirs=("$churn" "${dirs[@]}")
(for i in $(seq 12); do mkdir "$churn/g$i" 2>/dev/null; mkdir "$churn/g$i/x" 2>/dev/null
	rmdir "$churn/g$i/x" "$churn/g$i" 2>/dev/null; done) &
cpid=$!
for i in 1 2 3; do expect_exit 0 $TRIAGE cgroup -d 0.1 --top 3; done
wait "$cpid"
rmdir "$churn"/*/* "$churn"/* 2>/dev/null
# a v1 memory group of 16 MiB whose process asks for 64 MiB is OOM-killed
# during the interval: oom_kill +1 (memory.oom_control)
mem=/sys/fs/cgroup/memory/$name
if [ -w /sys/fs/cgroup/memory/memory.limit_in_bytes ] && mkdir "$mem" 2>/dev/null; then
	dirs=("$mem" "${dirs[@]}")
	echo 16M >"$mem/memory.limit_in_bytes"
	echo 16M >"$mem/memory.memsw.limit_in_bytes" 2>/dev/null
	(sleep 0.3; sh -c 'echo $$ >"$1"; exec python3 -c "b = bytearray(64 << 20); b[::4096] = b\"x\" * (len(b) // 4096)"' sh "$mem/cgroup.procs" 2>/dev/null) &
	hog=$!
	js=$($TRIAGE cgroup --json -d 1.2 "/$name")
	wait "$hog"
	echo "live oom: $(echo "$js" | jq -c '.memory | {current, max, oom_kill, oom_kill_interval, failcnt}')"
	expect_eq "live oom_kill in the interval" "$(echo "$js" | jq .memory.oom_kill_interval)" "1"
	expect_eq "live memory limit" "$(echo "$js" | jq .memory.max)" "16777216"
else
	skip_part "live v1 memory OOM: no writable v1 memory controller (v2 OOM: scenarios/triage_cgroup_oom_kill.sh)"
fi
done_test
