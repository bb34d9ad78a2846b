# A fork storm: two shells starting /bin/true in a loop (3 s): task.fork_storm.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
baseline
for i in 1 2; do
	timeout 3 sh -c 'while :; do /bin/true; done' &
	pids+=($!)
done
sleep 0.3
run_triage -d 1 -i 0.5
expect_finding task.fork_storm tasks
# the storm burns CPU too: saturation is its consequence, not unrelated
no_unrelated task.fork_storm cpu.saturated cpu.single_thread
done_test
