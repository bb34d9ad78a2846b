# The bare `triage` report: fixtures (findings, text and JSON goldens), the
# README's rule table, bad options (exit 3, one message), as nobody
# (unchecked listed), colour. The live healthy-machine check: triage_live.sh.
. "$TRIAGE_SRC/tests/lib.sh"
B=$(echo "$FIX"/triage_busy/t{0,1,2,3,4,5} | tr ' ' ,)
H=$(echo "$FIX"/triage_healthy/t{0,1,2,3,4,5} | tr ' ' ,)

# --- fixtures: the numbers are derived in tests/fixtures/gen-triage.py ---
expect_golden triage_healthy.txt $TRIAGE --root "$H"
$TRIAGE --root "$H" >/dev/null; expect_eq "healthy exit" "$?" "0"
expect_golden triage_busy.txt $TRIAGE --root "$B"
$TRIAGE --root "$B" >/dev/null; expect_eq "busy exit (critical)" "$?" "2"
js=$($TRIAGE --root "$B" --json)
echo "$js" | json_ok || fail "busy json invalid"
got=$(echo "$js" | jq -r '.findings[] | "\(.severity) \(.id) \(.resource)"' | sort | tr '\n' ';')
want="critical disk.saturated disk:vda;critical fs.full fs:/data;critical mem.low_available memory;\
info mem.oom_kill memory;warning cpu.iowait cpu;warning cpu.saturated cpu;warning disk.slow disk:vda;\
warning kernel.errors kernel;warning mem.swapping swap;warning net.errors net:eth0;warning net.softnet cpu:1;\
warning task.fork_storm tasks;\
warning tcp.listen_overflow tcp:35103;warning tcp.retrans tcp;"
expect_eq "busy findings" "$got" "$want"
# ranked: critical first, then warnings, info last
expect_eq "rank first" "$(echo "$js" | jq -r '.findings[0].severity')" "critical"
expect_eq "rank last" "$(echo "$js" | jq -r '.findings[-1].severity')" "info"
expect_eq "exit in json" "$(echo "$js" | jq .exit)" "2"
expect_eq "oom victim" "$(echo "$js" | jq -r '.findings[] | select(.id=="mem.oom_kill") | "\(.pid) \(.comm)"')" "4321 eater"
# evidence carries the numbers and their source: r=4 on 2 CPUs in 5 of 5 s
expect_eq "cpu evidence" "$(echo "$js" | jq -r '.findings[] | select(.id=="cpu.saturated") | .evidence[0]')" \
	"vmstat r=4 peak, 4.0 mean on 2 CPUs; above 2 in 5 of 5 s (/proc/stat procs_running)"
# 50 retransmitted of 5000 sent = 1.00%
expect_eq "retrans" "$(echo "$js" | jq -r '.findings[] | select(.id=="tcp.retrans") | .summary')" \
	"1.00% of TCP segments are retransmitted"
# every finding has the documented keys
expect_eq "finding keys" "$(echo "$js" | jq -c '[.findings[] | has("id","severity","resource","summary","evidence","next","action") ] | all')" "true"
expect_eq "top keys" "$(echo "$js" | jq -c 'has("resources") and has("findings") and has("unchecked")')" "true"
# USE matrix: disk vda utilization 100% from 1000 ms of io_ticks per 1000 ms
expect_eq "use disk" "$(echo "$js" | jq -r '.resources[] | select(.resource=="disk:vda") | "\(.utilization.value) \(.saturation.value) \(.status)"')" "100 8 critical"
# one CPU busy, the other idle: cpu.single_thread on cpu:1 and nothing else
S=$(echo "$FIX"/triage_single/t{0,1,2,3,4,5} | tr ' ' ,)
expect_eq "single" "$($TRIAGE --root "$S" --json | jq -r '[.findings[] | "\(.severity) \(.id) \(.resource)"] | join(";")')" \
	"warning cpu.single_thread cpu:1"
$TRIAGE --root "$S" >/dev/null; expect_eq "single exit (warning)" "$?" "1"
hj=$($TRIAGE --root "$H" --json)
expect_eq "healthy findings" "$(echo "$hj" | jq '.findings | length')" "0"
expect_eq "healthy status" "$(echo "$hj" | jq -r .status)" "ok"

# --- the rule table in the README is the one in the code ---
$TRIAGE --rules >/tmp/triage-rules.$$
while IFS= read -r line; do
	grep -qF -- "$line" "$TRIAGE_SRC/README.md" || fail "README lacks rule line: $line"
done </tmp/triage-rules.$$
expect_eq "rules count" "$(grep -c '^| `' /tmp/triage-rules.$$ | awk '{print ($1 >= 30)}')" "1"
rm -f /tmp/triage-rules.$$

# --- bad input: exit 3, one line on stderr ---
for args in "--bogus" "-d 0" "-d abc" "-i 2 -d 1" "-d 1000 -i 1" "--pid 0" "--pid 99999999" \
	    "--root /nonexistent" "-d"; do
	expect_exit 3 $TRIAGE $args
	n=$($TRIAGE $args 2>&1 >/dev/null | wc -l)
	expect_eq "one message for '$args'" "$n" "1"
done
mkdir -p /tmp/triage-empty.$$/proc
expect_exit 3 $TRIAGE --root /tmp/triage-empty.$$
rm -rf /tmp/triage-empty.$$
$TRIAGE -d 1 --help | grep -q "Exit status: 0 no finding above info, 1 warning, 2 critical, 3 could not run" \
	|| fail "triage --help documents the exit statuses"
$TRIAGE --help | grep -q "0 nothing above info, 1 warning, 2 critical" || fail "main --help documents them"

# --- --pid: the process is reported besides the host ---
sleep 60 &	# killed below; long enough for a loaded machine
sp=$!
pj=$($TRIAGE -d 1 --pid $sp --json)
expect_eq "focus pid" "$(echo "$pj" | jq .focus.pid)" "$sp"
expect_eq "focus comm" "$(echo "$pj" | jq -r .focus.comm)" "sleep"
expect_eq "focus threads" "$(echo "$pj" | jq .focus.threads)" "1"
expect_eq "focus fds" "$(echo "$pj" | jq .focus.fds)" "$(ls /proc/$sp/fd | wc -l)"
$TRIAGE -d 1 --pid $sp --no-color | grep -q "^Process $sp (sleep): state S, 1 thread(s)" || fail "focus line"
kill $sp; wait $sp 2>/dev/null

# --- not root: still runs, lists what it could not check ---
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups $TRIAGE -d 1 --json 2>/dev/null); rc=$?
	[ $rc -le 2 ] || fail "as nobody: exit $rc"
	echo "$out" | json_ok || fail "as nobody: json invalid"
	n=$(echo "$out" | jq '.unchecked | length')
	awk -v n="$n" 'BEGIN{exit !(n >= 1)}' || fail "as nobody: nothing under unchecked"
	echo "$out" | jq -r '.unchecked[].what' | grep -q "descriptors" || fail "as nobody: fds of others not listed"
fi

# --- colour: only on a terminal, never with NO_COLOR or --no-color ---
if command -v script >/dev/null; then
	c=$(script -qec "$TRIAGE --root $H" /dev/null | grep -c $'\033\[')
	[ "$c" -gt 0 ] || fail "no colour on a terminal"
	c=$(NO_COLOR=1 script -qec "$TRIAGE --root $H" /dev/null | grep -c $'\033\[')
	expect_eq "NO_COLOR" "$c" "0"
	c=$(script -qec "$TRIAGE --root $H --no-color" /dev/null | grep -c $'\033\[')
	expect_eq "--no-color" "$c" "0"
fi
c=$($TRIAGE --root "$H" | grep -c $'\033\[')
expect_eq "no colour in a pipe" "$c" "0"
done_test
