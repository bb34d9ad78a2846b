# One busy thread pinned to one CPU while the others have room (3 s):
# cpu.single_thread on that CPU, naming the process.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
command -v taskset >/dev/null || skip "taskset (util-linux) not installed"
[ "$(nproc)" -ge 2 ] || skip "one CPU: no other CPU to have room"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
baseline
case " $BASE_IDS " in *" cpu.saturated "*)
	skip "the other CPUs are busy with other jobs (cpu.saturated before the scenario): no room to show one thread as the limit" ;;
esac
cpu=$(($(nproc) - 1))
# bash's own clock (no fork, no timeout wrapper): $! is the spinning process
taskset -c "$cpu" bash -c 'while [ $SECONDS -lt 3 ]; do :; done' &
pid=$!
sleep 0.3
run_triage -d 1 -i 0.5
expect_finding cpu.single_thread "cpu:$cpu" "$pid"
no_unrelated cpu.single_thread
done_test
