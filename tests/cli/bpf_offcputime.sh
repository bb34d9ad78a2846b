# offcputime live: a thread sleeping 50 ms in a loop shows blocks of ~50 ms
# with a kernel stack; folded output has one line per stack ending in µs.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
python3 -c '
import threading, time
def sleeper():
    for _ in range(40): time.sleep(0.05)
t = threading.Thread(target=sleeper); t.start(); t.join()
' &
py=$!
sleep 0.2
"$TRIAGE" offcputime -p "$py" --json 1.5 >"$BT/off.json" 2>"$BT/off.err" || fail "offcputime: $(cat "$BT/off.err")"
wait $py
out=$BT/off.json
echo "$(cat "$out")" | json_ok || fail "json invalid"
# the sleeper's stack: most blocks, mean 50 ms (+/- 10 ms)
best=$(jq '[.stacks[] | select(.count >= 10)] | max_by(.count)' "$out")
cnt=$(echo "$best" | jq .count)
[ "${cnt:-0}" -ge 20 ] || fail "blocks of the sleeper: $cnt, want >= 20 in 1.5 s"
mean=$(echo "$best" | jq '.total_us / .count | floor')
expect_near "mean block (us)" "$mean" 50000 10000
[ "$(echo "$best" | jq '.kernel | length')" -ge 2 ] || fail "no kernel stack: $best"
# folded: "comm;...;frame us" lines
python3 -c 'import time; [time.sleep(0.05) for _ in range(20)]' &
py=$!
sleep 0.1
"$TRIAGE" offcputime -f -p "$py" 0.6 >"$BT/off.folded" 2>/dev/null
wait $py
grep -Eq '^python3;.+ [0-9]+$' "$BT/off.folded" || fail "folded: $(head -3 "$BT/off.folded")"
bt_no_leftovers
done_test
