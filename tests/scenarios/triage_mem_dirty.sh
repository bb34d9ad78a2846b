# A dirty-page backlog onto a slow device (issue 13's "1.8 GB dirty, the
# backup's sync storm stalls the WAL writer", scaled down): dd writes 48 MiB
# into a loop device whose backing file is on a deliberately slow FUSE
# filesystem (tests/helpers/slowfs.py: each write request answers after
# 50 ms), with the dirty limits lowered to 16 MiB (background 4 MiB) for the
# test. mem.dirty must fire and name dd, throttled in balance_dirty_pages.
# Bounded: dd is killed after 25 s, the filesystem unmounts itself after 40 s;
# the limits are restored on exit.
# timeout: 120
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
V=/proc/sys/vm
saved="$(cat $V/dirty_bytes) $(cat $V/dirty_background_bytes) $(cat $V/dirty_ratio) $(cat $V/dirty_background_ratio)"
dd=
restore() {
	read -r b bb r br <<<"$saved"
	# writing a ratio clears the matching bytes setting, and back
	if [ "$b" != 0 ]; then echo "$b" >$V/dirty_bytes; else echo "$r" >$V/dirty_ratio; fi
	if [ "$bb" != 0 ]; then echo "$bb" >$V/dirty_background_bytes; else echo "$br" >$V/dirty_background_ratio; fi
}
cleanup() {
	[ -n "$dd" ] && kill -9 "$dd" 2>/dev/null
	restore
	slow_loop_free
}
trap cleanup EXIT
baseline
slow_loop 0.05 64 40
echo $((16 << 20)) >$V/dirty_bytes
echo $((4 << 20)) >$V/dirty_background_bytes
timeout -s KILL 25 dd if=/dev/zero of="$LOOP" bs=1M count=48 2>/dev/null &
dd=$!
sleep 2
writer=$(pgrep -P "$dd" -x dd)
[ -n "$writer" ] || fail "dd did not start" 
run_triage -d 3 -i 0.5
grep -E '^nr_(dirty|writeback|dirty_threshold) ' /proc/vmstat | tr '\n' ' '; echo
expect_finding mem.dirty memory
ev=$(echo "$OUT" | jq -r '[.findings[] | select(.id == "mem.dirty")][0].evidence[]')
echo "$ev"
echo "$ev" | grep -q "nr_dirty_threshold" || fail "mem.dirty evidence lacks its source: $ev"
# the limit is global: other writers on the machine are stalled too and may be named
echo "$ev" | grep -q "^dd (pid $writer): .* throttled in balance_dirty_pages" \
	|| fail "mem.dirty does not name dd (pid $writer) throttled in balance_dirty_pages: $ev"
no_unrelated mem.dirty cpu.iowait task.d_state disk.saturated disk.slow
done_test
