# syscount live: a process that makes exactly 20000 getpid() calls (Python's
# os.getpid() is a real getpid(2): glibc has not cached it since 2.25) shows
# them under -p; -L adds times; -x counts only failures (getpid never fails).
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
mkfifo "$BT/go"
python3 -c '
import os, sys
open(sys.argv[1]).read()          # wait for the tracer
for _ in range(20000): os.getpid()
' "$BT/go" &
py=$!
bt_start count syscount -p "$py" -L --json -t 0 -d 30 || done_test
echo go >"$BT/go"
wait "$py"
bt_stop
out=$BT/count.out
echo "$(cat "$out")" | json_ok || fail "json invalid"
got=$(jq '.syscalls[] | select(.name == "getpid") | .count' "$out")
# our calls plus the few the interpreter makes at exit (3 here); its
# start-up happened before tracing: 20000..20010
expect_near "getpid count" "$got" 20005 5
expect_eq "getpid errors" "$(jq '.syscalls[] | select(.name == "getpid") | .errors' "$out")" 0
tot=$(jq '.syscalls[] | select(.name == "getpid") | .total_ns' "$out")
[ "${tot:-0}" -gt 0 ] || fail "-L: no time for getpid"
# text, failures only: a failing open is counted, getpid is not
mkfifo "$BT/go2"
python3 -c '
import os, sys
open(sys.argv[1]).read()
for _ in range(100):
    os.getpid()
    try: os.open("/nonexistent-triage", os.O_RDONLY)
    except OSError: pass
' "$BT/go2" &
py=$!
bt_start fail syscount -x -p "$py" || done_test
echo go >"$BT/go2"
wait "$py"
bt_stop
grep -q '^getpid' "$BT/fail.out" && fail "-x counted getpid: $(cat "$BT/fail.out")"
n=$(awk '$1 == "openat" { print $2 }' "$BT/fail.out")
# our 100, plus the interpreter's own failed lookups (imports on the first
# exception): at least 100, and not all openat calls (the successful ones)
[ "${n:-0}" -ge 100 ] && [ "${n:-0}" -lt 200 ] || fail "-x openat failures: got '${n:-}', want 100..199"
bt_no_leftovers
done_test
