# A slow remote-like disk (issue 13: "a loop device backed by slow storage,
# 100 % busy, 80 ms per write"): a loop device over a file on a deliberately
# slow FUSE filesystem (tests/helpers/slowfs.py, each request answers after
# 80 ms), written with direct I/O by one dd. The loop device is a row of the
# USE matrix and is judged: disk.slow (await > 20 ms) on disk:loopN; when
# cpu.iowait fires too it names that disk. Bounded: dd is killed after 15 s,
# the filesystem unmounts itself after 30 s.
# timeout: 120
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import fusepy' 2>/dev/null || skip "python3-fusepy not installed"
[ -e /dev/fuse ] || skip "no /dev/fuse"
command -v losetup >/dev/null || skip "losetup not installed"
mnt=$(mktemp -d /tmp/triage-slowloop.XXXXXX)
fs= loop= dd=
cleanup() {
	[ -n "$dd" ] && kill -9 "$dd" 2>/dev/null
	[ -n "$loop" ] && losetup -d "$loop" 2>/dev/null
	[ -n "$fs" ] && kill "$fs" 2>/dev/null
	fusermount3 -u -z "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
	wait 2>/dev/null
	rmdir "$mnt" 2>/dev/null
}
trap cleanup EXIT
baseline
/usr/bin/python3 "$TRIAGE_SRC/tests/helpers/slowfs.py" "$mnt" 0.08 16 30 writable &
fs=$!
for _ in $(seq 50); do [ -e "$mnt/data" ] && break; sleep 0.1; done
[ -e "$mnt/data" ] || fail "slowfs did not mount"
loop=$(losetup -f --show "$mnt/data") || skip "cannot attach a loop device to a FUSE file here"
dev=${loop#/dev/}
timeout -s KILL 15 dd if=/dev/zero of="$loop" bs=4k count=170 oflag=direct 2>/dev/null &
dd=$!
sleep 1.5
run_triage -d 3 -i 0.5
echo "$OUT" | jq -e --arg r "disk:$dev" '.resources[] | select(.resource == $r)' >/dev/null \
	|| fail "disk:$dev is not a row of the USE matrix"
expect_finding disk.slow "disk:$dev"
ev=$(echo "$OUT" | jq -r --arg r "disk:$dev" '[.findings[] | select(.id == "disk.slow" and .resource == $r)][0].evidence[]')
echo "$ev"
echo "$ev" | grep -qE "await [0-9]{2,}\.[0-9] ms mean" || fail "disk.slow evidence lacks the await: $ev"
if echo "$OUT" | jq -e '.findings[] | select(.id == "cpu.iowait")' >/dev/null; then
	echo "$OUT" | jq -r '[.findings[] | select(.id == "cpu.iowait")][0].summary' | grep -q "$dev" \
		|| fail "cpu.iowait does not name $dev"
fi
no_unrelated disk.slow disk.saturated cpu.iowait task.d_state
done_test
