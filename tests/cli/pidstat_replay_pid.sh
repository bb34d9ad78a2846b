# Replayed pidstat -p PID (snapshots, the recording): a process that is not
# in the window's first sample (it started later) is shown from the interval
# it appears in, as live pidstat started at the window's start would show it;
# a PID in no sample of the window is named in one line, exit 1, nothing on
# stdout. Fixture snapshots and their recording, then a live recording with
# a process started after the recorder.
# timeout: 120
. "$TRIAGE_SRC/tests/lib.sh"
export TZ=UTC
P=$FIX/pids
tmp=$(mktemp -d /tmp/triage-pidstat-replay.XXXXXX)
recpid= late=
cleanup() {
	[ -n "$recpid" ] && kill -9 "$recpid" 2>/dev/null
	[ -n "$late" ] && kill -9 "$late" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# 1. Fixtures: newbie (PID 400) is only in t1, started during t0 -> t1
#    (10.00 %CPU, tests/fixtures/pids/gen.py).
$TRIAGE record --root "$P/t0,$P/t1" --store "$tmp/pids" 2>/dev/null || fail "record of the process snapshots"
for src in "--root $P/t0,$P/t1" "--store $tmp/pids --from @0"; do
	# shellcheck disable=SC2086 # the source options are split on purpose
	out=$($TRIAGE pidstat -p 400 $src 2>"$tmp/err"); rc=$?
	expect_eq "-p 400 $src: exit" "$rc" 0
	expect_eq "-p 400 $src: stderr" "$(cat "$tmp/err")" ""
	expect_eq "-p 400 $src: newbie's row" "$(echo "$out" | awk '$1 != "Average:" && $3 == 400 {print $8, $10}')" "10.00 newbie"
	expect_eq "-p 400 $src: its Average" "$(echo "$out" | awk '$1 == "Average:" && $3 == 400 {print $8}')" "10.00"
	# listed with one that is in both: both rows
	# shellcheck disable=SC2086
	expect_eq "-p 100,400 $src" "$($TRIAGE pidstat -p 100,400 $src | awk '$1 != "Average:" && $3 ~ /^[0-9]+$/ {print $3}' | tr '\n' ' ')" "100 400 "
	# one that never is: named, the others shown
	# shellcheck disable=SC2086
	out=$($TRIAGE pidstat -p 400,4242 $src 2>"$tmp/err"); rc=$?
	expect_eq "-p 400,4242 $src: exit" "$rc" 0
	expect_eq "-p 400,4242 $src: rows" "$(echo "$out" | awk '$1 != "Average:" && $3 == 400' | wc -l)" 1
	expect_eq "-p 400,4242 $src: 4242 named" "$(grep -c 'no process with PID 4242' "$tmp/err")" 1
	# shellcheck disable=SC2086
	expect_exit 1 $TRIAGE pidstat -p 4242 $src
	# shellcheck disable=SC2086
	expect_eq "-p 4242 $src: stdout" "$($TRIAGE pidstat -p 4242 $src 2>/dev/null)" ""
	# shellcheck disable=SC2086
	expect_exit 1 $TRIAGE pidstat -p 4242 --json $src
done
expect_eq "in no snapshot: the message" "$($TRIAGE pidstat -p 4242 --root "$P/t0,$P/t1" 2>&1)" \
	"triage: pidstat: no process with PID 4242 in the snapshots"
win=$($TRIAGE history --store "$tmp/pids" --json | jq -r '.ranges[0] | "\(.from) to \(.to)"')
expect_eq "in no recorded sample: the message" "$($TRIAGE pidstat -p 4242 --store "$tmp/pids" --from @0 2>&1)" \
	"triage: pidstat: no process with PID 4242 in the recorded samples from $win"
# live: a PID that does not exist is still refused at once
expect_exit 1 $TRIAGE pidstat -p 4242 --root "$P/t0"

# 2. Live: record 1-s samples; a CPU-bound process starts after the recorder
#    has written two samples and runs 3 s; an early one ran and ended before
#    the recorder started (in no sample).
sh -c 'exit 0' & early=$!
wait "$early"
$TRIAGE record -i 1 --store "$tmp/live" 2>"$tmp/rec.err" & recpid=$!
wait_records "$tmp/live" 2 || fail "no records: $(cat "$tmp/rec.err")"
bash -c 'while [ "$SECONDS" -lt 3 ]; do :; done' & late=$!; lateid=$late
wait "$late"; late=
n=$(store_records "$tmp/live")
wait_records "$tmp/live" $((n + 1)) || fail "no record after the late process ended"
kill -TERM "$recpid"; wait "$recpid"; rc=$?; recpid=
expect_eq "recorder exit on SIGTERM" "$rc" 0
out=$($TRIAGE pidstat -p "$lateid" --store "$tmp/live" --from @0 2>"$tmp/err"); rc=$?
expect_eq "late PID: exit" "$rc" 0
grep -q "no process with PID" "$tmp/err" && fail "late PID refused: $(cat "$tmp/err")"
rows=$(echo "$out" | awk -v p="$lateid" '$1 != "Average:" && $3 == p')
[ "$(echo "$rows" | grep -c .)" -ge 2 ] || fail "late PID $lateid: want at least 2 interval rows, got: $out"
# not in the first interval: it started after the second sample
first=$(echo "$out" | awk '/%CPU/ {n++; if (n == 2) {print $1; exit}}')
expect_eq "late PID absent from the first interval" "$(echo "$out" | awk -v t="$first" -v p="$lateid" '$1 == t && $3 == p' | wc -l)" 0
busy=$(echo "$rows" | awk '$8 + 0 >= 50' | wc -l)
[ "$busy" -ge 1 ] || fail "late PID $lateid: no interval at >= 50 %CPU: $rows"
# its rows while it ran, then (when the recorder's exit program loaded) the
# one of the interval it ended in: "<bash>"
expect_eq "late PID: command" "$(echo "$rows" | awk '{print $NF}' | grep -c -x bash)" "$(echo "$rows" | grep -v -c '<bash>')"
[ "$(echo "$rows" | grep -v -c '<bash>')" -ge 2 ] || fail "late PID $lateid: want at least 2 rows while it ran: $rows"
js=$($TRIAGE pidstat -p "$lateid" --json --store "$tmp/live" --from @0 2>/dev/null)
[ "$(echo "$js" | jq --argjson p "$lateid" '[.statistics[].tasks[] | select(.pid == $p)] | length')" -ge 2 ] \
	|| fail "late PID in JSON: $(echo "$js" | head -c 400)"
# the early one is in no sample of the window
out=$($TRIAGE pidstat -p "$early" --store "$tmp/live" --from @0 2>&1 >/dev/null); rc=$?
expect_eq "early PID: exit" "$rc" 1
expect_eq "early PID: one line" "$(echo "$out" | grep -c "no process with PID $early in the recorded samples from ")" 1
expect_eq "early PID: nothing else" "$(echo "$out" | wc -l)" 1
done_test
