# Same numbers (issue 12): `triage record -i 1` runs while a known load runs
# (a CPU hog pinned to CPU 1 with taskset, a 32 MiB dd with oflag=direct to a
# loop device this test attaches, a process holding 64 MiB it wrote), and at
# the same time the live `triage mpstat -P ALL 1 N`, `triage iostat -x 1 N`,
# `triage iostat -d LOOP 1 N` and `triage pidstat -r -p PID 1 N`; then the
# same seconds are replayed from the store.
#
# Alignment: the replay's window is the live run's own: --from the time of
# the live run's first sample (the first report's start label), --to its last
# report's label (today's date, TZ=UTC). The recorder and the live commands
# are separate processes, so their sample instants differ by a fraction of a
# second and the rates of a live interval cannot match a recorded interval
# to the digit. What matches to the digit:
#   - gauges of a steady process: pidstat -r's VSZ and RSS of the allocator
#     in every interval, live and replayed;
#   - counts of work that happened inside both windows: the kB written to the
#     loop device (iostat -d's kB_wrtn summed over the intervals) = 32768,
#     live and replayed;
#   - the views run from the store WHILE the recorder writes it (a reader
#     beside the writer: the live view of the recorded samples) and the
#     replay of the same window after the recorder stopped: byte-identical
#     (mpstat -P ALL, iostat -x, pidstat -r): record and view share samples.
# The rates of a live interval against the recorded ones (the hog's CPU 1
# %usr Average, the dd's wkB/s) are compared within a tolerance.
# timeout: 90
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (loop device, the recorder's store)"
command -v losetup >/dev/null && command -v taskset >/dev/null || skip "needs losetup and taskset"
[ "$(nproc)" -ge 2 ] || skip "needs 2 CPUs (the hog is pinned to CPU 1)"
# In a PID namespace of its own (with its own /proc): the recorder scans
# only the test's processes, not whatever else the machine runs.
if [ -z "${TRIAGE_SAME_NS:-}" ]; then
	TRIAGE_SAME_NS=1 exec unshare --pid --fork --mount-proc bash "$0" "$@"
fi
tmp=$(mktemp -d /tmp/triage-same-numbers.XXXXXX)
img=$tmp/img
truncate -s 128M "$img"
loop=$(losetup -f --show "$img" 2>/dev/null) || { rm -rf "$tmp"; skip "losetup failed (no loop driver?)"; }
dev=${loop#/dev/}
recpid= hog= alloc=
cleanup() {
	for p in $hog $alloc $recpid; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	losetup -d "$loop"
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
export TZ=UTC
st=$tmp/store
N=6

# the steady process: 64 MiB written (resident), then asleep
python3 -c 'import time
b = b"\x01" * (64 << 20)
time.sleep(28)' & alloc=$!
taskset -c 1 timeout 30 sh -c 'while :; do :; done' & hog=$!
# until the 64 MiB are resident: a steady process from then on
for i in $(seq 100); do
	rss=$(awk '$1 == "VmRSS:" {print $2}' /proc/$alloc/status 2>/dev/null)
	[ "${rss:-0}" -ge 65536 ] && break
	sleep 0.1
done
[ "${rss:-0}" -ge 65536 ] || fail "the allocator holds ${rss:-?} kB after 10 s"
timeout 40 $TRIAGE record -i 1 --store "$st" 2>"$tmp/rec.err" & recpid=$!
sleep 1.5
live=()
timeout 20 $TRIAGE mpstat -P ALL 1 $N >"$tmp/mp.live" & live+=($!)
timeout 20 $TRIAGE iostat -x 1 $N >"$tmp/iox.live" & live+=($!)
timeout 20 $TRIAGE iostat -d "$dev" 1 $N >"$tmp/iod.live" & live+=($!)
timeout 20 $TRIAGE pidstat -r -p $alloc 1 $N >"$tmp/pid.live" & live+=($!)
# the dd once every live view has printed its first interval: inside both windows
for i in $(seq 100); do
	[ "$(grep -c ' all ' "$tmp/mp.live")" -ge 1 ] && [ "$(grep -c "^$dev " "$tmp/iod.live")" -ge 2 ] && break
	sleep 0.1
done
timeout 10 dd if=/dev/zero of="$loop" bs=1M count=32 oflag=direct status=none
wait "${live[@]}"
# the live run's window: its first report's start label, its last label
day=$(date +%F)
t0=$(awk '$2 == "CPU" {print $1; exit}' "$tmp/mp.live")
t1=$(awk '$2 == "all" && $1 != "Average:" {t = $1} END {print t}' "$tmp/mp.live")
[ -n "$t0" ] && [ -n "$t1" ] || fail "no live mpstat reports: $(cat "$tmp/mp.live")"
win=(--store "$st" --from "$day $t0" --to "$day $t1")
# views from the store while the recorder is still writing it
sleep 1.2
$TRIAGE mpstat -P ALL "${win[@]}" >"$tmp/mp.during" 2>"$tmp/during.err"
$TRIAGE iostat -x "${win[@]}" >"$tmp/iox.during" 2>>"$tmp/during.err"
$TRIAGE pidstat -r -p $alloc "${win[@]}" >"$tmp/pid.during" 2>>"$tmp/during.err"
kill -0 $recpid 2>/dev/null || fail "the recorder ended early: $(cat "$tmp/rec.err")"
kill -TERM $recpid; wait $recpid; recpid=
# the replay of the same window, after the recorder stopped
$TRIAGE mpstat -P ALL "${win[@]}" >"$tmp/mp.replay" 2>/dev/null
$TRIAGE iostat -x "${win[@]}" >"$tmp/iox.replay" 2>/dev/null
$TRIAGE iostat -d "$dev" "${win[@]}" >"$tmp/iod.replay" 2>/dev/null
$TRIAGE pidstat -r -p $alloc "${win[@]}" >"$tmp/pid.replay" 2>/dev/null

# 1. Shared samples: the view while recording = the replay, to the byte.
for v in mp iox pid; do
	[ -s "$tmp/$v.replay" ] || fail "$v replay printed nothing"
	diff "$tmp/$v.during" "$tmp/$v.replay" >/dev/null || fail "$v: the view while recording differs from the replay"
done
[ -s "$tmp/during.err" ] && fail "views while recording said: $(cat "$tmp/during.err")"

# 2. Gauges of the steady process, every interval: VSZ and RSS to the digit.
gauges() { awk -v p=$alloc '$3 == p && $1 != "Average:" {print $6, $7}' "$1" | sort -u; }
g_live=$(gauges "$tmp/pid.live") g_rep=$(gauges "$tmp/pid.replay")
echo "allocator VSZ RSS: live '$g_live', replayed '$g_rep'"
[ -n "$g_live" ] || fail "no live pidstat rows: $(cat "$tmp/pid.live")"
expect_eq "pidstat -r VSZ RSS live vs replayed" "$g_rep" "$g_live"
rss=$(echo "$g_rep" | awk '{print $2}')
[ "${rss:-0}" -ge 65536 ] || fail "allocator RSS $rss kB < 64 MiB"

# 3. Work inside both windows: the dd's kB, to the digit, live and replayed.
# the first report is since boot: only the intervals count
kbi() { awk -v d="$dev" '$1 == d && n++ {s += $(NF - 1)} END {printf "%d", s}' "$1"; }
echo "loop kB written: live $(kbi "$tmp/iod.live"), replayed $(kbi "$tmp/iod.replay")"
expect_eq "iostat -d kB_wrtn, live" "$(kbi "$tmp/iod.live")" 32768
expect_eq "iostat -d kB_wrtn, replayed" "$(kbi "$tmp/iod.replay")" 32768

# 4. Rates of different instants: within a tolerance.
cpu1() { awk '$1 == "Average:" && $2 == "1" {print $3}' "$1"; }
echo "CPU 1 %usr Average: live $(cpu1 "$tmp/mp.live"), replayed $(cpu1 "$tmp/mp.replay")"
expect_near "CPU 1 %usr, live vs replayed" "$(cpu1 "$tmp/mp.replay")" "$(cpu1 "$tmp/mp.live")" 15
wk() { awk -v d="$dev" '$1 == d && n++ {s += $9} END {printf "%.0f", s}' "$1"; }
echo "loop wkB/s summed: live $(wk "$tmp/iox.live"), replayed $(wk "$tmp/iox.replay")"
expect_near "iostat -x wkB/s summed, live vs replayed" "$(wk "$tmp/iox.replay")" "$(wk "$tmp/iox.live")" 3300
done_test
