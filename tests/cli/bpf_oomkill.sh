# timeout: 60
# triage oomkill: a memory cgroup (v1, else v2) with a 16 MiB limit and a
# python allocating 64 MiB in it: oomkill names the victim and its cgroup.
. "$TRIAGE_SRC/tests/lib.sh"
expect_exit 0 $TRIAGE oomkill --help
expect_exit 2 $TRIAGE oomkill -d x
expect_exit 2 $TRIAGE oomkill extra
expect_exit 2 $TRIAGE oomkill --bogus
[ "$(id -u)" = 0 ] || skip "needs root"
name=triage-oom-$$
if [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
	dir=/sys/fs/cgroup/memory/$name; v=1
elif grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	dir=/sys/fs/cgroup/$name; v=2
else
	skip "no cgroup memory controller"
fi
out=/tmp/smalltools-oom.$$
tpid=
cleanup() { [ -n "$tpid" ] && kill "$tpid" 2>/dev/null; wait 2>/dev/null; rmdir "$dir" 2>/dev/null; rm -f $out $out.err; }
trap cleanup EXIT
mkdir "$dir" || skip "cannot create a cgroup"
if [ $v = 2 ]; then echo 16M >"$dir/memory.max"; echo 0 >"$dir/memory.swap.max" 2>/dev/null
else echo 16M >"$dir/memory.limit_in_bytes"; echo 0 >"$dir/memory.swappiness" 2>/dev/null; fi
timeout 20 $TRIAGE oomkill --json -d 8 >$out 2>$out.err &
tpid=$!
for _ in $(seq 50); do grep -q Tracing $out.err 2>/dev/null && break; sleep 0.1; done
grep -q Tracing $out.err || fail "oomkill did not start: $(cat $out.err)"
timeout 15 sh -c 'echo $$ >"$1/cgroup.procs"; exec python3 -c "b = bytearray(64 << 20); import time; time.sleep(1)"' sh "$dir" 2>/dev/null
rc=$?
expect_eq "the eater was killed" "$rc" "137"
wait "$tpid"; tpid=
line=$(grep '"comm":"python3"' $out | head -1)
[ -n "$line" ] || fail "no event for python3: $(cat $out)"
echo "$line" | json_ok || fail "not JSON: $line"
expect_eq "memcg" "$(echo "$line" | jq -r .memcg)" "$name"
[ "$(echo "$line" | jq '.rss_kb')" -gt 8192 ] || fail "rss_kb too small: $line"
[ "$(echo "$line" | jq '.total_vm_kb')" -gt 16384 ] || fail "total_vm_kb too small: $line"
[ -n "$(echo "$line" | jq -r '.trigger_comm')" ] || fail "no trigger: $line"
done_test
