# Twelve readers stuck in D on a hung FUSE mount (tests/helpers/slowfs.py:
# reads answer after 6 s; page-cache reads, so the readers wait on the folio
# lock): task.d_state says what they wait on, the wait channel grouped, and
# the mount with its filesystem type. Bounded: readers are killed after 8 s,
# the filesystem unmounts itself after 12 s.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import fusepy' 2>/dev/null || skip "python3-fusepy not installed"
[ -e /dev/fuse ] || skip "no /dev/fuse"
mnt=$(mktemp -d /tmp/triage-fuse.XXXXXX)
fs=
cleanup() {
	[ -n "$fs" ] && kill "$fs" 2>/dev/null
	pkill_ours
	fusermount3 -u -z "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
	wait 2>/dev/null
	rmdir "$mnt" 2>/dev/null
}
readers=()
pkill_ours() { for p in "${readers[@]}"; do kill -9 "$p" 2>/dev/null; done; }
trap cleanup EXIT
baseline
/usr/bin/python3 "$TRIAGE_SRC/tests/helpers/slowfs.py" "$mnt" 6 4 12 &
fs=$!
for _ in $(seq 50); do [ -e "$mnt/data" ] && break; sleep 0.1; done
[ -e "$mnt/data" ] || fail "slowfs did not mount"
for i in $(seq 12); do
	timeout -s KILL 8 dd if="$mnt/data" of=/dev/null bs=4k count=1 2>/dev/null &
	readers+=($!)
done
sleep 1
run_triage -d 2 -i 0.5
busy=$(echo "$OUT" | jq -r '.resources[] | select(.resource == "cpu") | .utilization.value // 0')
if awk -v b="$busy" 'BEGIN{exit !(b >= 45)}'; then
	skip "the CPUs were $busy% busy with other jobs: task.d_state rightly wants CPUs with room (the unit test forces it)"
fi
expect_finding task.d_state tasks
ev=$(echo "$OUT" | jq -r '[.findings[] | select(.id == "task.d_state")][0].evidence[]')
echo "$ev"
# the readers wait in open (page invalidation) or in read (the folio lock):
# the groups must account for at least 10 of the 12
n=$(echo "$ev" | awk '/^[0-9]+ task\(s\) in / {s += $1} END {print s + 0}')
[ "$n" -ge 10 ] || fail "task.d_state groups $n readers by wait channel, want >= 10 of 12"
echo "$ev" | grep -q "read on $mnt (fuse" || fail "task.d_state does not name the mount $mnt (fuse)"
# readers in D on page-cache I/O count as iowait: a consequence, not unrelated
no_unrelated task.d_state cpu.iowait
done_test
