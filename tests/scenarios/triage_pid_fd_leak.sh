# triage --pid judges the process with triage pid's rules (issue 13, "one
# rule engine"): a process opening 40 descriptors a second (and closing
# none) for up to 40 s gets proc.fd_leak on pid:PID from `triage --pid PID`, as
# `triage pid PID` says it, with the same numbers; the host report without
# --pid has no proc.* finding on it.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
baseline
python3 - <<'PY' &
import os, time
fds, end = [], time.time() + 40
while time.time() < end:
    fds.append(os.open("/dev/null", os.O_RDONLY))
    time.sleep(0.025)
PY
pid=$!
# until the interpreter runs the loop (a launcher may exec it late)
for i in $(seq 200); do [ "$(ls /proc/$pid/fd 2>/dev/null | wc -l)" -gt 20 ] && break; sleep 0.05; done
OURS="pid:$pid"
# triage pid says it too
p=$($TRIAGE pid "$pid" -d 1 --json | jq -r '[.suggests[].id] | join(" ")')
case " $p " in *" proc.fd_leak "*) ;; *) fail "triage pid: no proc.fd_leak ($p)" ;; esac
run_triage -d 2 --pid "$pid"
expect_finding proc.fd_leak "pid:$pid" "$pid"
s=$(echo "$OUT" | jq -r --arg r "pid:$pid" '.findings[] | select(.id == "proc.fd_leak" and .resource == $r) | .summary')
echo "summary: $s"
echo "$s" | grep -qE "^python3 \(pid $pid\): fd count grew by [0-9]+ in [0-9.]+ s \(now [0-9]+\): likely leak$" \
	|| fail "summary: $s"
# 40 a second at most (less on a loaded machine): the window's own figures
rate=$(echo "$s" | sed -E 's/.*grew by ([0-9]+) in ([0-9.]+) s.*/\1 \2/' | awk '{printf "%d", $1 / $2}')
[ "$rate" -ge 10 ] && [ "$rate" -le 42 ] || fail "grew $rate a second at 40/s"
next=$(echo "$OUT" | jq -r --arg r "pid:$pid" '.findings[] | select(.id == "proc.fd_leak" and .resource == $r) | .next | join("; ")')
case "$next" in *PID*) fail "next commands keep the word PID: $next" ;; esac
# (the loop forks nothing: a fork storm is other jobs')
no_unrelated proc.fd_leak task.fork_storm
# without --pid: no proc.* finding (the host rules do not judge every process so)
run_triage -d 1
expect_eq "no proc.* without --pid" "$(echo "$OUT" | jq --arg r "pid:$pid" '[.findings[] | select(.resource == $r and (.id | startswith("proc.")))] | length')" 0
done_test
