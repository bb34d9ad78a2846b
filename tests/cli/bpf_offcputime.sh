# offcputime live: a thread sleeping 50 ms in a loop (tests/progs/sleeper.c:
# frame pointers, a known function name) shows blocks of ~50 ms with its
# user stack (sleeper_loop) and kernel stack (schedule, do_nanosleep);
# folded output and the off-CPU SVG flame graph carry the same stack.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
SLEEPER=$TRIAGE_SRC/.output/progs/sleeper
[ -x "$SLEEPER" ] || skip "tests/progs/sleeper not built (make tests)"
"$SLEEPER" 100 &	# 5 s at most: killed once done
pid=$!
sleep 0.2
"$TRIAGE" offcputime -p "$pid" --json 1.5 >"$BT/off.json" 2>"$BT/off.err" || fail "offcputime: $(cat "$BT/off.err")"
out=$BT/off.json
echo "$(cat "$out")" | json_ok || fail "json invalid"
best=$(jq '[.stacks[]] | max_by(.count)' "$out")
cnt=$(echo "$best" | jq .count)
[ "${cnt:-0}" -ge 20 ] || fail "blocks of the sleeper: $cnt, want >= 20 in 1.5 s"
mean=$(echo "$best" | jq '.total_us / .count | floor')
expect_near "mean block (us)" "$mean" 50000 10000
echo "$best" | jq -e '.user | index("sleeper_loop")' >/dev/null || fail "user stack: $(echo "$best" | jq -c .user)"
echo "$best" | jq -e '.kernel | map(select(test("^do_nanosleep"))) | length > 0' >/dev/null ||
	fail "kernel stack: $(echo "$best" | jq -c .kernel)"
# folded + SVG of the same capture (while the sleeper still runs)
"$TRIAGE" offcputime -p "$pid" -f --svg "$BT/off.svg" 0.5 >"$BT/off.folded" 2>/dev/null
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
line=$(grep 'sleeper_loop' "$BT/off.folded" | sort -t' ' -k2 -n | tail -1)
echo "$line" | grep -Eq '^sleeper;.*sleeper_loop;.*schedule_\[k\].* [0-9]+$' || fail "folded: $(head -3 "$BT/off.folded")"
grep -q 'sleeper_loop' "$BT/off.svg" || fail "SVG lacks the stack"
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$BT/off.svg" || fail "SVG is not XML"
bt_no_leftovers
done_test
