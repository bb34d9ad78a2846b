# A process whose RSS grows steadily while we watch (4 s), at a rate that
# exhausts MemAvailable in about 10 minutes: mem.growth on that process with
# the rate and the time left.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
command -v python3 >/dev/null || skip "python3 not installed"
avail=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)
[ "$avail" -lt 120000 ] || skip "MemAvailable ${avail} MiB: the growth needed to matter would be too large"
rate=$((avail / 600 + 1))	# MiB/s: about 600 s left, under the warning's 1800
[ "$rate" -le 200 ] || rate=200
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
baseline
python3 -c '
import sys, time
rate, end, keep = int(sys.argv[1]), time.time() + 4, []
while time.time() < end:
    keep.append(bytearray((rate << 20) // 10))   # zeroed, so resident
    time.sleep(0.1)' "$rate" &
pid=$!
OURS="pid:$pid"
sleep 0.3
run_triage -d 2 -i 0.5
expect_finding mem.growth "pid:$pid" "$pid"
sum=$(echo "$OUT" | jq -r --arg r "pid:$pid" '[.findings[] | select(.id == "mem.growth" and .resource == $r)][0].summary')
echo "$sum" | grep -Eq "^python3 \(pid $pid\) grows [0-9.]+ MiB/s: .* runs out in [0-9]+ s" || fail "summary: $sum"
got=$(echo "$sum" | sed -E 's/.* grows ([0-9.]+) MiB.*/\1/')
awk -v g="$got" -v r="$rate" 'BEGIN{exit !(g > r * 0.5 && g < r * 1.5)}' || fail "rate $got MiB/s, made $rate MiB/s"
# other jobs' growing processes (compilers) are "pid:" resources of theirs
no_unrelated mem.growth
done_test
