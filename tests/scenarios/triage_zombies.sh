# A parent that forks 80 children and never reaps them (4 s): task.zombies,
# naming that parent and how many zombies it holds.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
command -v python3 >/dev/null || skip "python3 not installed"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
baseline
python3 -c '
import os, time
for i in range(80):
    if os.fork() == 0:
        os._exit(0)
time.sleep(4)' &
pid=$!
OURS="pid:$pid"
sleep 0.5
run_triage -d 1 -i 0.5
expect_finding task.zombies tasks
echo "$OUT" | jq -r '[.findings[] | select(.id == "task.zombies")][0].evidence[]' |
	grep -q "^80 of them are children of python3 (pid $pid)" || fail "task.zombies does not name the parent $pid with its 80 zombies"
# the forks are the scenario's own (80 in half a second)
no_unrelated task.zombies task.fork_storm
done_test
