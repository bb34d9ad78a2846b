# triage --deep: with the CPUs oversubscribed for a few seconds (6 busy
# loops on 2 CPUs), the cpu.saturated finding carries runqlat's summary; the
# probes leave nothing loaded; with --root they are reported as unchecked.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
n=$(( $(nproc) * 3 ))
for _ in $(seq $n); do timeout 3 sh -c 'while :; do :; done' & done
"$TRIAGE" --deep -d 1 --json >"$BT/deep.json" 2>"$BT/deep.err"
wait
json_ok <"$BT/deep.json" || fail "json invalid"
if grep -q '"cpu.saturated"' "$BT/deep.json"; then
	grep -q 'runqlat (BPF, 1 s) run-queue latency: [0-9]* waits, mean' "$BT/deep.json" ||
		fail "no runqlat evidence: $(grep -o 'evidence[^]]*' "$BT/deep.json" | head -3)"
else
	echo "note: cpu.saturated not found with $n busy loops; runqlat evidence not checked"
fi
grep -q '"deep probes"' "$BT/deep.json" && fail "deep probes unchecked: $(grep -o '"deep probes"[^}]*' "$BT/deep.json")"
bt_no_leftovers
done_test
