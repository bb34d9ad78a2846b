# Churn (issue 7): thousands of short-lived processes a second while top -b,
# pidstat and the report sample: no crash, no sanitizer report, and no
# impossible value (negative rate, percentage above 100 x CPUs) in their JSON.
. "$TRIAGE_SRC/tests/lib.sh"
stop=$(mktemp /tmp/triage-churn.XXXXXX)
pids=()
cleanup() { rm -f "$stop"; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
# two forkers, each ends by itself after 8 s at the latest
for i in 1 2; do
	( end=$((SECONDS + 8)); while [ -e "$stop" ] && [ $SECONDS -lt $end ]; do /bin/true & /bin/true & wait; done ) &
	pids+=($!)
done
sleep 0.5
f0=$(awk '/^processes/{print $2}' /proc/stat)
sane() { python3 "$TRIAGE_SRC/tests/tools/json_sane.py" || fail "$1: impossible values"; }
out=$($TRIAGE top -b -n 2 -d 1 --json 2>/tmp/churn.err.$$); rc=$?
[ $rc -eq 0 ] || fail "top -b exited $rc: $(cat /tmp/churn.err.$$)"
echo "$out" | sane "top -b"
out=$($TRIAGE pidstat -u -r -d -t -p ALL 1 2 --json 2>/tmp/churn.err.$$); rc=$?
[ $rc -eq 0 ] || fail "pidstat exited $rc: $(cat /tmp/churn.err.$$)"
echo "$out" | sane "pidstat"
out=$($TRIAGE -d 2 --json 2>/tmp/churn.err.$$); rc=$?
[ $rc -le 2 ] || fail "triage exited $rc: $(cat /tmp/churn.err.$$)"
echo "$out" | sane "triage --json"
f1=$(awk '/^processes/{print $2}' /proc/stat)
grep -qE 'Sanitizer|runtime error' /tmp/churn.err.$$ && fail "sanitizer: $(cat /tmp/churn.err.$$)"
rm -f /tmp/churn.err.$$
echo "forks during the test: $((f1 - f0))"
[ $((f1 - f0)) -gt 1000 ] || fail "churn too low to mean anything: $((f1 - f0)) forks"
done_test
