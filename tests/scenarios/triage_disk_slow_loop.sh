# A slow remote-like disk (issue 13: "a loop device backed by slow storage,
# 100 % busy, 80 ms per write"): a loop device over a file on a deliberately
# slow FUSE filesystem (tests/helpers/slowfs.py, each request answers after
# 80 ms), written with direct I/O by one dd. The loop device is a row of the
# USE matrix and is judged: disk.slow (await > 20 ms) on disk:loopN; when
# cpu.iowait fires too it names that disk. Bounded: dd is killed after 15 s,
# the filesystem unmounts itself after 30 s.
# timeout: 120
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
dd=
cleanup() {
	[ -n "$dd" ] && kill -9 "$dd" 2>/dev/null
	slow_loop_free
}
trap cleanup EXIT
baseline
slow_loop 0.08 16 30
dev=${LOOP#/dev/}
timeout -s KILL 15 dd if=/dev/zero of="$LOOP" bs=4k count=170 oflag=direct 2>/dev/null &
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
