# triage pid: the pid_busy fixture (golden, JSON values), bad input, without
# privileges, and LIVE against /proc, ls and pidstat for a process set up by
# tests/helpers/pidload.py (fds, deleted files, a full accept queue,
# CLOSE_WAIT sockets, a spinning thread).
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/pid_busy
P=$(cat "$F/PID")
export TZ=UTC TRIAGE_TIME=1795238400
# Hand-computed values in tests/unit/test_pidinfo.c (27.0 % CPU over 2.33 s,
# fds 30 -> 72, 3 CLOSE-WAIT, accept queue 3 of 2, cgroup throttled 90 %).
expect_golden pid_busy.txt $TRIAGE pid --root "$F/t0,$F/t1" "$P"
expect_golden pid_busy.json $TRIAGE pid --json --root "$F/t0,$F/t1" "$P"
js=$($TRIAGE pid --json --root "$F/t0,$F/t1" "$P")
echo "$js" | json_ok || fail "json invalid"
expect_eq "fds" "$(echo "$js" | jq -c '[.fds.count, .fds.delta, .fds.deleted, .fds.by_type.socket]')" "[72,42,2,9]"
expect_eq "close_wait" "$(echo "$js" | jq '.sockets.tcp["CLOSE-WAIT"]')" "3"
expect_eq "full listener" "$(echo "$js" | jq -c '[.sockets.listen[] | select(.backlog == 2) | .accept_queue, .fill_pct]')" "[3,150]"
expect_eq "hints" "$(echo "$js" | jq -c '[.suggests[].id] | sort')" \
	'["cgroup.cpu_throttled","cgroup.memory_near_limit","cgroup.oom_kill","proc.deleted_open","proc.fd_leak","tcp.listen_overflow"]'
# the table's thresholds (analysis/rules_proc.c): 3 CLOSE-WAIT is below tcp.close_wait's 100
expect_eq "severities" "$(echo "$js" | jq -c '[.suggests[] | select(.severity == "critical") | .id] | sort')" \
	'["cgroup.cpu_throttled","cgroup.memory_near_limit","cgroup.oom_kill"]'
expect_eq "cgroup" "$(echo "$js" | jq -r .cgroup.path)" "/app.slice/web"
expect_eq "threads" "$(echo "$js" | jq '[.threads, (.top_threads | length)]' | tr -d ' \n')" "[2,2]"
# one snapshot: levels, no rates
js1=$($TRIAGE pid --json --root "$F/t1" "$P")
expect_eq "one sample" "$(echo "$js1" | jq -c '[.interval_s, .cpu.pct, .fds.count]')" "[null,null,72]"
# bad input
expect_exit 2 $TRIAGE pid
expect_exit 2 $TRIAGE pid abc
expect_exit 2 $TRIAGE pid 0
expect_exit 2 $TRIAGE pid 1 2
expect_exit 2 $TRIAGE pid --bogus 1
expect_exit 2 $TRIAGE pid -d 0 1
expect_exit 1 $TRIAGE pid --root /nonexistent 1
expect_exit 1 $TRIAGE pid --root "$F/t1" 999999
msg=$($TRIAGE pid --root "$F/t1" 999999 2>&1 >/dev/null)
expect_eq "missing PID message" "$msg" "triage: pid: no process 999999 (nothing in $F/t1/proc/999999)"
expect_exit 0 $TRIAGE pid --help
unset TRIAGE_TIME

# LIVE: a process with 50 files (5 deleted), a full accept queue, 120
# CLOSE_WAIT sockets (past tcp.close_wait's 100) and a thread spinning for
# 30 s; it ends after 40 s (or when the test does).
dir=$(mktemp -d /tmp/triage-pid.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
python3 "$TRIAGE_SRC/tests/helpers/pidload.py" 40 --files 50 --deleted 5 --full 4 --closewait 120 --busy 30 "$dir" >"$dir/out" &
pid=$!
for _ in $(seq 300); do grep -q ready "$dir/out" 2>/dev/null && break; sleep 0.05; done
port=$(awk '{print $2}' "$dir/out")
pidstat -u -p "$pid" 1 1 >"$dir/pidstat" 2>&1 &
ps_pid=$!
js=$($TRIAGE pid --json -d 1 "$pid")
wait "$ps_pid"
echo "$js" | json_ok || fail "live json invalid"
# fds against ls, deleted against the links, sockets against ss
expect_eq "live fd count = ls" "$(echo "$js" | jq .fds.count)" "$(ls "/proc/$pid/fd" | wc -l)"
expect_eq "live deleted" "$(echo "$js" | jq .fds.deleted)" "$(find "/proc/$pid/fd" -lname '*(deleted)' | wc -l)"
expect_eq "live deleted = 5" "$(echo "$js" | jq .fds.deleted)" "5"
expect_eq "live close_wait" "$(echo "$js" | jq '.sockets.tcp["CLOSE-WAIT"]')" "120"
expect_eq "live accept queue" "$(echo "$js" | jq -c --argjson p "$port" '[.sockets.listen[] | select(.port == $p) | .accept_queue, .backlog]')" "[3,2]"
if command -v ss >/dev/null; then
	theirs=$(ss -Hltn "sport = :$port" | awk '{print $2 "/" $3}')
	expect_eq "live accept queue = ss" "$(echo "$js" | jq -r --argjson p "$port" '.sockets.listen[] | select(.port == $p) | "\(.accept_queue)/\(.backlog)"')" "$theirs"
fi
# threads, state, ppid, oom against /proc
expect_eq "live threads" "$(echo "$js" | jq .threads)" "$(ls "/proc/$pid/task" | wc -l)"
expect_eq "live ppid" "$(echo "$js" | jq .ppid)" "$(awk '/^PPid:/ {print $2}' "/proc/$pid/status")"
expect_eq "live oom_score_adj" "$(echo "$js" | jq .oom_score_adj)" "$(cat "/proc/$pid/oom_score_adj")"
expect_near "live oom_score" "$(echo "$js" | jq .oom_score)" "$(cat "/proc/$pid/oom_score")" 5
# RSS within 10 % of VmRSS read right after (the process is idle but python)
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
expect_near "live rss_kb" "$(echo "$js" | jq .memory.rss_kb)" "$rss" "$((rss / 10))"
expect_eq "live hints" "$(echo "$js" | jq -c '[.suggests[].id | select(. == "tcp.close_wait" or . == "tcp.listen_overflow" or . == "proc.deleted_open")] | sort')" \
	'["proc.deleted_open","tcp.close_wait","tcp.listen_overflow"]'
# CPU over the same second as pidstat (its %CPU; 2 shared CPUs: 25 points)
theirs=$(awk '/^Average:/ && $0 !~ /%CPU/ {print $(NF-2)}' "$dir/pidstat")
ours=$(echo "$js" | jq .cpu.pct)
echo "live cpu: triage $ours%, pidstat $theirs%; busiest thread $(echo "$js" | jq .top_threads[0].cpu_pct)%"
[ -n "$theirs" ] && expect_near "live cpu vs pidstat" "$ours" "$theirs" 25
# without privileges: still runs, lists what it could not read
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	js=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE pid --json -d 0.2 "$pid")
	expect_eq "unprivileged exit" "$?" "0"
	expect_eq "unprivileged unavailable" "$(echo "$js" | jq -c '[.unavailable[].what] | map(select(. == "fds" or . == "smaps_rollup")) | sort')" '["fds","smaps_rollup"]'
fi
# another network namespace: its sockets are not in our sock_diag dump, and
# it says so instead of showing none
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
	unshare -n sleep 3 &
	upid=$!
	sleep 0.2
	js=$($TRIAGE pid --json -d 0.1 "$upid")
	expect_eq "other netns" "$(echo "$js" | jq -c '[.sockets, (.unavailable[] | select(.what == "sockets") | .reason | test("network namespace"))]')" "[null,true]"
	kill "$upid" 2>/dev/null
fi
# $$-style: this shell
js=$($TRIAGE pid --json -d 0.2 $$)
expect_eq "self comm" "$(echo "$js" | jq -r .comm)" "$(cat /proc/$$/comm)"
expect_eq "self fds" "$(echo "$js" | jq .fds.soft_limit)" "$(awk '/^Max open files/ {print $4}' /proc/$$/limits)"
done_test
