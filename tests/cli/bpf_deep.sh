# triage --deep: with the CPUs oversubscribed for a few seconds (6 busy
# loops on 2 CPUs), the cpu.saturated finding carries runqlat's summary; the
# probes leave nothing loaded; with --root they are reported as unchecked.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
# 3 busy loops per CPU make runnable tasks per CPU ~3 (crit 2.0): the finding
# must fire; a loaded machine only adds to it. Up to 2 tries (the window may
# start before the loops are all running).
n=$(( $(nproc) * 3 ))
for try in 1 2; do
	for _ in $(seq $n); do timeout 3 sh -c 'while :; do :; done' & done
	sleep 0.3
	"$TRIAGE" --deep -d 1 --json >"$BT/deep.json" 2>"$BT/deep.err"
	wait
	json_ok <"$BT/deep.json" || fail "json invalid"
	grep -q '"cpu.saturated"' "$BT/deep.json" && break
	echo "try $try: cpu.saturated did not fire with $n busy loops on $(nproc) CPUs"
done
grep -q '"cpu.saturated"' "$BT/deep.json" || fail "cpu.saturated not found with $n busy loops on $(nproc) CPUs"
grep -q 'runqlat (BPF, 1 s) run-queue latency: [0-9]* waits, mean' "$BT/deep.json" ||
	fail "no runqlat evidence: $(grep -o 'evidence[^]]*' "$BT/deep.json" | head -3)"
grep -q '"deep probes"' "$BT/deep.json" && fail "deep probes unchecked: $(grep -o '"deep probes"[^}]*' "$BT/deep.json")"
bt_no_leftovers
done_test
