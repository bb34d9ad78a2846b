# timeout: 60
# syslat live: a process whose read() waits 20 ms (a timerfd's) shows it in the 16-31 ms slot of the read histogram under
# -p -e read -m, with -P its pid and name; intervals print one JSON object
# each; nothing stays attached.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
slow_read() {  # FIFO: wait for "go", then one read() of a timerfd set to 20 ms
	exec python3 -c '
import ctypes, os, sys, time
open(sys.argv[1]).read()
# real-time when root: woken on time however loaded the machine is
try: os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
except OSError: pass
libc = ctypes.CDLL(None, use_errno=True)
class ts(ctypes.Structure): _fields_ = [("s", ctypes.c_long), ("ns", ctypes.c_long)]
class its(ctypes.Structure): _fields_ = [("interval", ts), ("value", ts)]
fd = libc.timerfd_create(1, 0)  # CLOCK_MONOTONIC
t = time.monotonic()
libc.timerfd_settime(fd, 0, ctypes.byref(its(ts(0, 0), ts(0, 20000000))), None)
os.read(fd, 8)
print("%.1f" % ((time.monotonic() - t) * 1000))
' "$1"
}
# start_slow NAME ARGS...: slow_read in the background, blocked opening its
# fifo (python3 in openat, syscall 257 on x86_64: its start-up is over) before
# syslat ARGS starts; then go, wait, stop. $SLOW_MS: the program's own measure.
start_slow() {
	local name=$1 py; shift
	rm -f "$BT/go"; mkfifo "$BT/go"
	slow_read "$BT/go" >"$BT/ms" &
	py=$!
	for _ in $(seq 200); do
		[ "$(cat /proc/$py/comm 2>/dev/null)" = python3 ] &&
			[ "$(cut -d' ' -f1 /proc/$py/syscall 2>/dev/null)" = 257 ] && break
		sleep 0.02
	done
	bt_start "$name" syslat -p $py "$@" || return 1
	echo go >"$BT/go"
	wait $py
	bt_stop
	SLOW_PID=$py SLOW_MS=$(cat "$BT/ms")
}
# in_range MS: the program saw its read take 17-30 ms (on a loaded machine the
# writer may run late; then the run is tried again, 5 times at most)
in_range() { awk -v m="$1" 'BEGIN { exit !(m >= 17 && m <= 30) }'; }
for try in 1 2 3 4 5; do
	start_slow lat -e read -m -P --json || done_test
	in_range "$SLOW_MS" && break
done
in_range "$SLOW_MS" || skip_part "the machine is too loaded: the 20 ms read took $SLOW_MS ms in 5 tries"
out=$BT/lat.out
echo "$(cat "$out")" | json_ok || fail "json invalid: $(cat "$out")"
expect_eq "only read" "$(jq -r '.histograms[].syscall' "$out" | sort -u)" read
expect_eq "unit" "$(jq -r .unit "$out")" msecs
expect_eq "-P pid" "$(jq -r '.histograms[0].pid' "$out")" "$SLOW_PID"
expect_eq "-P comm" "$(jq -r '.histograms[0].comm' "$out")" python3
slow=$(jq '[.histograms[].slots[] | select(.low >= 16) | .count] | add // 0' "$out")
expect_eq "one slow read (the program measured $SLOW_MS ms)" "$slow" 1
if in_range "$SLOW_MS"; then
	n=$(jq '[.histograms[].slots[] | select(.low == 16 and .high == 31) | .count] | add // 0' "$out")
	expect_eq "the 20 ms read in 16-31 ms (the program measured $SLOW_MS ms)" "$n" 1
fi

# text, microseconds: the same read in 16384-32767 us
for try in 1 2 3 4 5; do
	start_slow us -e read || done_test
	in_range "$SLOW_MS" && break
done
grep -q '^syscall = read$' "$BT/us.out" || fail "text heading: $(head -3 "$BT/us.out")"
if in_range "$SLOW_MS"; then
	grep -qE '^ +16384 -> 32767 +: 1 ' "$BT/us.out" || fail "text slot ($SLOW_MS ms): $(cat "$BT/us.out")"
fi

# intervals: one JSON object each, count honoured
bt_start iv syslat --json 0.3 2 || done_test
bt_wait
expect_eq "intervals" "$(wc -l <"$BT/iv.out")" 2
expect_eq "interval json" "$(jq -r .unit "$BT/iv.out" | sort -u)" usecs

expect_exit 0 $TRIAGE syslat --help
expect_exit 2 $TRIAGE syslat --bogus
expect_exit 2 $TRIAGE syslat -e nosuchcall
expect_exit 2 $TRIAGE syslat 0
expect_exit 2 $TRIAGE syslat 1 2 3
expect_exit 2 $TRIAGE syslat -p abc
bt_no_leftovers
done_test
