# triage top -b: fixture goldens, bad input, live against procps top.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/pids
export TZ=UTC TRIAGE_TIME=1763700000
R="--root $F/t0,$F/t1"
# Frame t0 -> t1 (2.00 s): burner 160 ticks -> 80.0 %CPU, TIME+ 0:12.60,
# RES 2560 pages = 10240 KiB, %MEM 10240/8000000 = 0.1; alice from etc/passwd.
expect_golden top_b.txt $TRIAGE top -b -n 1 $R
expect_golden top_mem_w.txt $TRIAGE top -b -n 1 -o %MEM -w 120 $R
expect_golden top_boot.txt $TRIAGE top -b -n 1 -o -PID --root $F/t1
out=$($TRIAGE top -b -n 1 $R)
expect_eq "first row" "$(echo "$out" | sed -n 8p | awk '{print $1, $2, $9, $10, $11, $12}')" "100 alice 80.0 0.1 0:12.60 burner"
expect_eq "tasks" "$(echo "$out" | sed -n 2p)" "Tasks:   6 total,   1 running,   5 sleeping,   0 stopped,   0 zombie"
expect_eq "80 columns" "$(echo "$out" | awk 'length($0) > 80' | wc -l)" "0"
# /proc/stat over 400 ticks: us 180 -> 45.0, sy 40 -> 10.0, id 170 -> 42.5, wa 10 -> 2.5
expect_eq "cpu line" "$(echo "$out" | sed -n 3p)" "%Cpu(s): 45.0 us, 10.0 sy,  0.0 ni, 42.5 id,  2.5 wa,  0.0 hi,  0.0 si,  0.0 st "
# MemTotal 8000000 kB = 7812.5 MiB; used = total - MemAvailable = 2000000 kB = 1953.1;
# buff/cache = 100000 + 900000 + 24000 kB = 1000.0 MiB; swap used 1 GiB
expect_eq "mem line" "$(echo "$out" | sed -n 4p)" "MiB Mem :   7812.5 total,   4882.8 free,   1953.1 used,   1000.0 buff/cache     "
expect_eq "swap line" "$(echo "$out" | sed -n 5p)" "MiB Swap:   2048.0 total,   1024.0 free,   1024.0 used.   5859.4 avail Mem "
js=$($TRIAGE top -b -n 1 --json $R)
echo "$js" | json_ok || fail "json invalid"
expect_eq "json first" "$(echo "$js" | jq -c '.frames[0].processes[0] | [.pid, .user, .cpu_pct, .res_kb]')" '[100,"alice",80,10240]'
expect_eq "json count" "$(echo "$js" | jq '.frames[0].processes | length')" "6"
# -u USER (procps top -u): a name of the root's etc/passwd or a uid
expect_eq "-u alice" "$($TRIAGE top -b -n 1 -u alice $R | awk 'NR > 7 {print $1}' | sort -n | tr '\n' ' ')" "100 500 "
expect_eq "-u 0" "$($TRIAGE top -b -n 1 -u 0 $R | awk 'NR > 7 {print $1}' | sort -n | tr '\n' ' ')" "1 42 300 400 "
expect_exit 1 $TRIAGE top -b -n 1 -u nosuchuser $R
# bad input
expect_exit 2 $TRIAGE top --bogus
expect_exit 2 $TRIAGE top -b -n 0
expect_exit 2 $TRIAGE top -b -n -1
expect_exit 2 $TRIAGE top -b -d abc
expect_exit 2 $TRIAGE top -b -o BOGUS
expect_exit 2 $TRIAGE top -b extra
expect_exit 1 $TRIAGE top -b -n 1 -p 999999
expect_exit 1 $TRIAGE top -b -n 1 --root /nonexistent
expect_exit 0 $TRIAGE top --help
command -v top >/dev/null || skip "procps top not installed (fixture checks passed)"
unset TRIAGE_TIME
# LIVE: a busy loop near 100 %CPU, and a 100 MiB process's RES, in both tops.
python3 -c 'import time
b = bytearray(100 << 20)
e = time.time() + 7
while time.time() < e: pass' &
BUSY=$!
sleep 1.5
# Two frames of each tool at the same time: the second frame's %CPU covers the
# same second in both (steadier than the 0.15 s priming window).
top -b -n 2 -d 1 -p $BUSY >/tmp/procps-top.$$ &
ours=$($TRIAGE top -b -n 2 -d 1 -p $BUSY | awk -v p=$BUSY '$1 == p {v = $6 " " $9} END {print v}')
wait $!
theirs=$(awk -v p=$BUSY '$1 == p {v = $6 " " $9} END {print v}' /tmp/procps-top.$$)
rm -f /tmp/procps-top.$$
echo "RES %CPU: triage $ours, procps $theirs"
expect_near "RES vs procps (KiB)" "${ours% *}" "${theirs% *}" 1024
[ "${ours% *}" -ge 102400 ] 2>/dev/null || fail "RES ${ours% *} < 100 MiB"
# ~100 on an idle machine; up to 8 jobs share these 2 CPUs, so: busy (>= 15)
# and within 25 points of procps over the same second.
c=${ours#* }
[ "${c%.*}" -ge 15 ] 2>/dev/null || fail "busy %CPU $c < 15"
expect_near "busy %CPU vs procps" "$c" "${theirs#* }" 25
kill $BUSY 2>/dev/null; wait $BUSY 2>/dev/null
# A task that is not dumpable (prctl PR_SET_DUMPABLE 0, as ssh-agent does)
# owns its /proc directory but not the files in it: USER is still its euid.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 -c \
		'import ctypes, time; ctypes.CDLL(None).prctl(4, 0, 0, 0, 0); time.sleep(3)' &
	ND=$!
	sleep 1
	want=$(top -b -n 1 -p $ND | awk -v p=$ND '$1 == p {print $2}')
	got=$($TRIAGE top -b -n 1 -p $ND | awk -v p=$ND '$1 == p {print $2}')
	expect_eq "non-dumpable task's USER (procps: $want)" "$got" "$(id -nu 65534)"
	wait $ND
fi
# whole-system frame: in a PID namespace of its own (so the machine's other
# processes do not count) the shell, 3 sleeps and the tool itself: 5 tasks,
# 4 sleeping, 1 running, in both tops
if [ "$(id -u)" = 0 ] && unshare -pf --mount-proc true 2>/dev/null; then
	tasks() { unshare -pf --mount-proc bash -c 'for i in 1 2 3; do sleep 5 & done; sleep 0.2; "$@" >"$0"; kill %1 %2 %3' "$tmp/frame" "$@"
		awk '/^Tasks:/ {print $2, $4, $6}' "$tmp/frame"; }
	tmp=$(mktemp -d /tmp/triage-top.XXXXXX)
	expect_eq "task count" "$(tasks $TRIAGE top -b -n 1)" "5 1 4"
	expect_eq "task count = procps" "$(tasks $TRIAGE top -b -n 1)" "$(tasks top -b -n 1)"
	rm -rf "$tmp"
else
	skip_part "task count: needs root and unshare -p (PID namespace)"
fi
done_test
