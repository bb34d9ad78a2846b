# The raw_tp fallbacks (what kernels without BTF-typed tracepoints load),
# forced with TRIAGE_BPF_RAW_TP=1: the programs really are raw tracepoints,
# and the execsnoop and TCP live tests pass with them; runqlat and biolatency
# histograms fill.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
export TRIAGE_BPF_RAW_TP=1
bt_start rq runqlat --json || done_test
types=$(bpftool prog list -j | jq -r '.[] | select(.name == "switch_raw" or .name == "switch_btf") | "\(.name) \(.type)"' | sort -u)
sleep 0.3
bt_stop
expect_eq "loaded as raw tracepoints" "$types" "switch_raw raw_tracepoint"
[ "$(jq '.runqlat.histograms[0].count' "$BT/rq.out")" -gt 0 ] || fail "runqlat raw: empty: $(cat "$BT/rq.out")"
for t in execsnoop tcp; do
	bash "$TRIAGE_SRC/tests/cli/bpf_$t.sh" >"$BT/$t.log" 2>&1
	rc=$?
	[ $rc = 0 ] || [ $rc = 77 ] || fail "bpf_$t.sh with raw_tp: $(tail -5 "$BT/$t.log")"
done
bt_no_leftovers
done_test
