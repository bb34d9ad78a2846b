# A CPU hog on more threads than CPUs (2 per CPU, 3 s): cpu.saturated on cpu.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
baseline
n=$(($(nproc) * 2))
for i in $(seq "$n"); do
	timeout 3 sh -c 'while :; do :; done' &
	pids+=($!)
done
sleep 0.3
run_triage -d 1 -i 0.5
expect_finding cpu.saturated cpu
# more threads than CPUs: vmstat r well above the CPU count
r=$(echo "$OUT" | jq -r '.findings[] | select(.id=="cpu.saturated") | .evidence[0]')
echo "$r" | grep -q "on $(nproc) CPUs" || fail "evidence: $r"
no_unrelated cpu.saturated
done_test
