# triage stat/profile as an unprivileged user with kernel.perf_event_paranoid
# = 2 (set for the test, restored on exit): -a is refused with a clear
# message and exit 1; a COMMAND is counted/profiled in user space only.
. "$TRIAGE_SRC/tests/lib.sh"
P=$TRIAGE_SRC/.output/progs
[ "$(id -u)" = 0 ] || skip "needs root to switch user and set perf_event_paranoid"
id nobody >/dev/null 2>&1 || skip "no user nobody"
command -v setpriv >/dev/null || skip "no setpriv"
[ -x "$P/known_profile" ] || skip "test programs not built (make progs)"
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$@"; }
as_nobody test -x "$TRIAGE" || skip "$TRIAGE not reachable by nobody"
as_nobody test -x "$P/known_profile" || skip "$P not reachable by nobody"
old=$(cat /proc/sys/kernel/perf_event_paranoid)
trap 'echo "$old" > /proc/sys/kernel/perf_event_paranoid' EXIT
echo 2 > /proc/sys/kernel/perf_event_paranoid || skip "cannot set perf_event_paranoid"

err=$(as_nobody "$TRIAGE" stat -a -d 0.1 2>&1 >/dev/null); rc=$?
expect_eq "stat -a status" "$rc" 1
expect_eq "stat -a message" "$err" \
	"triage: stat: cannot open perf events: Permission denied (kernel.perf_event_paranoid is 2; -a needs root, CAP_PERFMON or a value <= 0)"
err=$(as_nobody "$TRIAGE" profile -a -d 0.1 -o /dev/null 2>&1); rc=$?
expect_eq "profile -a status" "$rc" 1
case $err in *"Permission denied (kernel.perf_event_paranoid is 2; -a needs root"*) ;;
*) fail "profile -a message: $err" ;; esac

# a command of one's own: counted, user space only
out=$(as_nobody "$TRIAGE" stat --json -e task-clock,page-faults -- "$P/known_profile" 0.2 2>/dev/null); rc=$?
expect_eq "stat COMMAND status" "$rc" 0
tc=$(echo "$out" | jq '.events[] | select(.name == "task-clock") | .value')
expect_near "nobody task-clock (ns)" "$tc" 200000000 20000000
out=$(as_nobody "$TRIAGE" profile -F 499 --format folded -- "$P/known_profile" 0.3 2>/tmp/triage-nonroot.$$); rc=$?
expect_eq "profile COMMAND status" "$rc" 0
grep -q 'kernel stacks not permitted' /tmp/triage-nonroot.$$ || fail "no user-only note: $(cat /tmp/triage-nonroot.$$)"
rm -f /tmp/triage-nonroot.$$
echo "$out" | grep -q ';main;hot_main ' || fail "nobody profile lacks hot_main: $out"
echo "$out" | grep -q '_\[k\]' && fail "kernel frames although not permitted"
done_test
