# runqlat live: four busy loops pinned to one CPU for 3 s wait on its run
# queue for a slice of the others (milliseconds): their per-process
# histograms must reach above 1 ms; Ctrl-C without an interval prints once.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
command -v taskset >/dev/null || skip "taskset not installed (util-linux)"
bt_start rq runqlat -P --json || done_test
pids=
for _ in 1 2 3 4; do
	taskset -c 0 bash -c 'while [ $SECONDS -lt 3 ]; do :; done' &
	pids="$pids $!"
done
sleep 2
bt_stop
wait $pids
out=$BT/rq.out
echo "$(cat "$out")" | json_ok || fail "json invalid"
over=0
for p in $pids; do
	hi=$(jq --argjson p "$p" '[.runqlat.histograms[] | select(.key == $p) | .slots[].high] | max // 0' "$out")
	[ "$hi" -gt 1023 ] && over=$((over + 1))
done
expect_eq "busy loops with run-queue waits above 1 ms" "$over" 4
expect_eq "unit" "$(jq -r .runqlat.unit "$out")" usecs
# text, ms, one interval
out=$("$TRIAGE" runqlat -m 0.3 1 2>/dev/null)
echo "$out" | grep -q 'msecs' || fail "runqlat -m: $out"
bt_no_leftovers
done_test
