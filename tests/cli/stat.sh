# triage stat on this machine: software counters against the workload's own
# measure (getrusage CPU time, /proc/self/status context switches read just
# before it exits), -p against /proc/PID/status deltas, hardware events
# "not supported" where perf says so too, JSON, bad input.
. "$TRIAGE_SRC/tests/lib.sh"
P=$TRIAGE_SRC/.output/progs
[ -x "$P/ctxsw" ] || skip "test programs not built (make progs)"
tmp=$(mktemp -d /tmp/triage-stat.XXXXXX)
bg=
trap '[ -n "$bg" ] && kill $bg 2>/dev/null; rm -rf "$tmp"' EXIT

# 1. -- COMMAND: 0.5 s of CPU with ~100 sleeps
$TRIAGE stat --json -- "$P/ctxsw" 0.5 "$tmp/own" > "$tmp/s.json" 2>"$tmp/err"
expect_eq "stat exit" "$?" 0
json_ok < "$tmp/s.json" || fail "stat JSON invalid"
read -r own_ns own_vol own_nonvol < "$tmp/own"
tc=$(jq '.events[] | select(.name == "task-clock") | .value' "$tmp/s.json")
cs=$(jq '.events[] | select(.name == "context-switches") | .value' "$tmp/s.json")
# task-clock within 2% of the CPU time the program measured itself
expect_near "task-clock ns vs getrusage" "$tc" "$own_ns" "$(awk -v v="$own_ns" 'BEGIN { print v * 0.02 }')"
# every switch the status file counted, plus the ones on the way out
expect_near "context-switches vs /proc/self/status" "$cs" "$((own_vol + own_nonvol))" 3
[ "$own_vol" -ge 50 ] || fail "ctxsw slept only $own_vol times"
# hardware events: not supported here exactly when perf says so
if perf stat -e cycles -x, true 2>&1 | grep -q 'not supported'; then
	expect_eq "cycles state" "$(jq -r '.events[] | select(.name == "cycles") | .state' "$tmp/s.json")" "not supported"
	expect_eq "ipc" "$(jq .derived.ipc "$tmp/s.json")" null
	# (a loaded machine may leave ctxsw under 0.5 CPUs: then "off-CPU")
	case $(jq -r .verdict "$tmp/s.json") in "no hardware counters"|off-CPU) ;;
	*) fail "verdict $(jq -r .verdict "$tmp/s.json")" ;; esac
fi
# text: the same events, <not supported> lines, the interpretation line
$TRIAGE stat -- "$P/ctxsw" 0.1 "$tmp/own2" > "$tmp/s.txt" || fail "text exit $?"
grep -Eq '^ +[0-9.]+ msec task-clock +# +[0-9.]+ CPUs utilized' "$tmp/s.txt" || fail "no task-clock line: $(cat "$tmp/s.txt")"
grep -q 'seconds time elapsed' "$tmp/s.txt" || fail "no elapsed line"
if perf stat -e cycles -x, true 2>&1 | grep -q 'not supported'; then
	grep -Eq '^ +<not supported> +cycles$' "$tmp/s.txt" || fail "cycles not marked <not supported>"
	grep -Eq 'IPC unknown|mostly off-CPU' "$tmp/s.txt" || fail "no interpretation line"
fi

# 2. -p PID: context switches against /proc/PID/status deltas. The process
# is stopped (SIGSTOP) outside the window it runs in, so the status reads
# and the counters see the same switches whatever the machine's load.
"$P/ctxsw" 5 "$tmp/own3" & bg=$!
kill -STOP $bg
ctx() { awk '/^(non)?voluntary_ctxt_switches/ { s += $2 } END { print s }' /proc/$bg/status; }
$TRIAGE stat -p $bg -d 20 -e context-switches,task-clock --json > "$tmp/p.json" & tp=$!
for i in $(seq 100); do	# attached: its perf_event fds are open
	[ "$(ls -l /proc/$tp/fd 2>/dev/null | grep -c perf_event)" -ge 2 ] && break
	sleep 0.05
done
sleep 0.1
c0=$(ctx); kill -CONT $bg; sleep 0.4; kill -STOP $bg; sleep 0.05; c1=$(ctx)
kill -INT $tp; wait $tp || fail "-p exit $?"
kill $bg; kill -CONT $bg; wait $bg 2>/dev/null; bg=
pcs=$(jq '.events[] | select(.name == "context-switches") | .value' "$tmp/p.json")
expect_near "-p context-switches vs status delta" "$pcs" "$((c1 - c0))" 2
[ $((c1 - c0)) -ge 10 ] || fail "ctxsw switched only $((c1 - c0)) times"
expect_eq "-p events asked" "$(jq '.events | length' "$tmp/p.json")" 2

# 3. -a for a moment: task-clock ~ CPUs x elapsed (idle counted, as perf)
$TRIAGE stat -a -d 0.2 -e task-clock --json > "$tmp/a.json" || fail "-a exit $?"
expect_near "-a CPUs utilized" "$(jq .derived.cpus_utilized "$tmp/a.json")" "$(nproc)" 0.1

# only unsupported events: printed as such, still exit 0
if perf stat -e cycles -x, true 2>&1 | grep -q 'not supported'; then
	out=$($TRIAGE stat -e cycles,instructions -- true); rc=$?
	expect_eq "hardware only: status" "$rc" 0
	expect_eq "hardware only: lines" "$(echo "$out" | grep -c '<not supported>')" 2
fi

# 4. live against perf stat on the same workload (two runs of a program that
# stops at 0.2 s of CPU): task-clock within 5%, page faults within 10% + 3
if command -v perf >/dev/null; then
	theirs=$(perf stat -x, -e task-clock,page-faults -- "$P/ctxsw" 0.2 /dev/null 2>&1 >/dev/null)
	ours=$($TRIAGE stat --json -e task-clock,page-faults -- "$P/ctxsw" 0.2 /dev/null)
	p_tc=$(echo "$theirs" | awk -F, '$3 == "task-clock" { print $1 * 1e6 }')
	p_pf=$(echo "$theirs" | awk -F, '$3 == "page-faults" { print $1 }')
	o_tc=$(echo "$ours" | jq '.events[0].value')
	o_pf=$(echo "$ours" | jq '.events[1].value')
	expect_near "task-clock vs perf stat (ns)" "$o_tc" "$p_tc" "$(awk -v v="$p_tc" 'BEGIN { print v * 0.05 }')"
	expect_near "page-faults vs perf stat" "$o_pf" "$p_pf" "$(awk -v v="$p_pf" 'BEGIN { print int(v * 0.1) + 3 }')"
fi

# 5. bad input
expect_exit 2 $TRIAGE stat -e bogus -- true
msg=$($TRIAGE stat -e cycles,bogus -- true 2>&1 | head -1)
case $msg in "triage: stat: unknown event 'bogus'"*) ;; *) fail "unknown event message: $msg" ;; esac
expect_exit 2 $TRIAGE stat
expect_exit 2 $TRIAGE stat -a -- true
expect_exit 2 $TRIAGE stat -d 1 -- true
expect_exit 2 $TRIAGE stat -p abc
expect_exit 1 $TRIAGE stat -- /nonexistent/command
sh -c 'exit 0' & gone=$!; wait $gone
expect_exit 1 $TRIAGE stat -p "$gone" -d 0.1
msg=$($TRIAGE stat -p "$gone" -d 0.1 2>&1)
expect_eq "gone message" "$msg" "triage: stat: process $gone: No such process"
# the command's failure is reported, the counts still printed
$TRIAGE stat -- sh -c 'exit 3' >/dev/null 2>"$tmp/e3"; rc=$?
expect_eq "failing command: stat status" "$rc" 0
grep -q "exited with status 3" "$tmp/e3" || fail "exit status of the command not reported"
done_test
