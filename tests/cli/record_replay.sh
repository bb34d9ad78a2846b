# Replay everywhere (issue 12, part 4): every interval command on the one
# sample loop (mpstat, iostat, pidstat, sar; vmstat, free, psi and top in
# record.sh) prints, over a recording of snapshot trees, what it prints over
# the same snapshots with --root A,B,C (same bytes, same parser, same
# numbers); the first version's recording replays too; bad --from/--to is
# bad usage (exit 2, one line); the one-moment commands (uptime, df, ss -s)
# print the window's last sample.
# timeout: 180
. "$TRIAGE_SRC/tests/lib.sh"
S1=$FIX/recording-v1/store
busy=$(for i in 0 1 2 3 4 5; do printf '%s,' "$FIX/triage_busy/t$i"; done); busy=${busy%,}
pids=$FIX/pids/t0,$FIX/pids/t1
tmp=$(mktemp -d /tmp/triage-record-replay.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

$TRIAGE record --root "$busy" --store "$tmp/busy" 2>/dev/null || fail "record of the busy snapshots"
$TRIAGE record --root "$pids" --store "$tmp/pids" 2>/dev/null || fail "record of the process snapshots"

# same CMD ARGS...: stdout over the snapshots equals stdout over their recording
same() {
	local store=$1 roots=$2; shift 2
	diff <(TZ=UTC TRIAGE_TIME=${T0:-} "$TRIAGE" "$@" --root "$roots" 2>/dev/null) \
		<(TZ=UTC "$TRIAGE" "$@" --store "$store" --from @0 2>/dev/null) >"$tmp/diff" \
		|| fail "'$*' replay differs from the snapshots: $(head -5 "$tmp/diff")"
	[ -s "$tmp/diff" ] || [ -n "$(TZ=UTC "$TRIAGE" "$@" --store "$store" --from @0 2>/dev/null)" ] \
		|| fail "'$*' replay printed nothing"
}

# 1. The sysstat views: every report of the recording equals the snapshots'.
for args in "mpstat" "mpstat -P ALL" "mpstat -P ALL --json" "mpstat -I SUM" \
	"iostat" "iostat -x" "iostat -c" "iostat -d -y" "iostat -s -t" "iostat -x --json" "iostat -p ALL"; do
	# shellcheck disable=SC2086
	same "$tmp/busy" "$busy" $args
done
for args in "sar" "sar -P ALL" "sar -r ALL" "sar -q ALL" "sar -b" "sar -d" "sar -B -W -S" "sar -w" \
	"sar -n DEV" "sar -n EDEV,SOFT" "sar -n TCP,ETCP,IP" "sar -F" "sar -A" "sar -u --json"; do
	# shellcheck disable=SC2086
	same "$tmp/busy" "$busy" $args
done
# sysstat's habit: sar -f DIR -s HH:MM:SS -e HH:MM:SS (clock times of the
# recording's day), the same as --store DIR --from/--to
expect_eq "sar -f -s -e" "$(TZ=UTC $TRIAGE sar -u -f "$tmp/busy" -s 17:00:01 -e 17:00:03 2>/dev/null)" \
	"$(TZ=UTC $TRIAGE sar -u --store "$tmp/busy" --from "2026-09-21 17:00:01" --to "2026-09-21 17:00:03" 2>/dev/null)"
expect_eq "sar -f -s -e intervals" "$(TZ=UTC $TRIAGE sar -u -f "$tmp/busy" -s 17:00:01 -e 17:00:03 | grep -c '^17:.* all ')" 2
expect_eq "sar -f (whole recording)" "$(TZ=UTC $TRIAGE sar -q -f "$tmp/busy" | grep -c '^17:00:0[1-5] ')" 5
expect_eq "sar -f -e" "$(TZ=UTC $TRIAGE sar -q -f "$tmp/busy" -e 17:00:02 | grep -c '^17:00:0[1-5] ')" 2
expect_exit 2 $TRIAGE sar -f "$tmp/busy" -s 25:99
err=$($TRIAGE sar -y --store "$tmp/busy" --from @0 2>&1 >/dev/null)
expect_eq "sar -y: not recorded, said" "$(echo "$err" | grep -c 'holds no serial lines')" 1
# pidstat: the snapshots' clock is TRIAGE_TIME (the first snapshot's time,
# btime + uptime), the recording's the recorded one
btime=$(awk '$1 == "btime" {print $2}' "$FIX/pids/t0/proc/stat")
up=$(awk '{printf "%d", $1}' "$FIX/pids/t0/proc/uptime")
T0=$((btime + up))
for args in "pidstat" "pidstat -r -d" "pidstat -w -v -U" "pidstat -u -l" "pidstat -r -h" \
	"pidstat -u -R -T ALL" "pidstat -d --json" "pidstat -r -p 1,4242"; do
	# shellcheck disable=SC2086
	same "$tmp/pids" "$pids" $args
done
T0=
# the one-moment commands: the last snapshot, the window's last sample
same "$tmp/busy" "$busy" df
same "$tmp/busy" "$busy" df -i
$TRIAGE df --json --store "$tmp/busy" --from @0 2>/dev/null | json_ok || fail "df --json replay is not JSON"
same "$tmp/busy" "$busy" ss -s
same "$tmp/busy" "$busy" ss -s --json
# uptime: its clock is now under --root, the recorded time on replay
expect_eq "uptime replay" "$($TRIAGE uptime --store "$tmp/busy" --from @0 2>/dev/null | cut -c10-)" \
	"$($TRIAGE uptime --root "$busy" | cut -c10-)"
expect_eq "uptime replay time" "$(TZ=UTC $TRIAGE uptime --store "$tmp/busy" --from @0 2>/dev/null | cut -c1-9)" " 17:00:05"
expect_eq "uptime --to" "$(TZ=UTC $TRIAGE uptime --store "$tmp/busy" --from @0 --to "2026-09-21 17:00:02" 2>/dev/null | cut -c1-9)" " 17:00:02"
expect_eq "uptime -p replay" "$($TRIAGE uptime -p --store "$tmp/busy" --from @0 2>/dev/null)" "$($TRIAGE uptime -p --root "$busy")"
# what a recording does not hold is said in one line, and the rest printed
err=$($TRIAGE uptime --store "$tmp/busy" --from @0 2>&1 >/dev/null)
expect_eq "uptime: no utmp said" "$err" "triage: uptime: the recording holds no run/utmp: the user count is 0"
err=$($TRIAGE df --store "$tmp/busy" --from @0 2>&1 >/dev/null)
expect_eq "df: no open files said" "$(echo "$err" | grep -c 'holds no open files')" 1
err=$($TRIAGE pidstat -s -p 1 --store "$tmp/pids" --from @0 2>&1 >/dev/null)
expect_eq "pidstat -s: no stack said" "$(echo "$err" | grep -c 'holds no \[stack\]')" 1
err=$($TRIAGE mpstat -T --store "$tmp/busy" --from @0 2>&1 >/dev/null)
expect_eq "mpstat -T: no topology said" "$(echo "$err" | grep -c 'has no CPU topology')" 1

# 2. A coarser interval on replay: every second record of the 1-s range.
expect_eq "mpstat 2 intervals" "$($TRIAGE mpstat --store "$tmp/busy" --from @0 2 2>/dev/null | grep -c '^[0-9].* all ')" 2
expect_eq "iostat -d 2 reports" "$($TRIAGE iostat -d --store "$tmp/busy" --from @0 2 2>/dev/null | grep -c '^Device')" 3

# 3. The first version's recording replays (no kernel identity recorded then:
#    the banner says "?", nor filesystems or file handles: sar -F, -v left
#    out; the rest equals the snapshots').
for args in "mpstat -P ALL" "iostat -x" "sar -u -r -q -b -d -n DEV,TCP"; do
	# shellcheck disable=SC2086
	diff <(TZ=UTC $TRIAGE $args --root "$busy" 2>/dev/null | tail -n +2) \
		<(TZ=UTC $TRIAGE $args --store "$S1" --from "2026-09-21 17:00:00" 2>/dev/null | tail -n +2) >/dev/null \
		|| fail "v1 recording: $args differs from the snapshots"
done
diff <(TZ=UTC TRIAGE_TIME=1763701000 $TRIAGE pidstat -r -d --root "$pids" | tail -n +2) \
	<(TZ=UTC $TRIAGE pidstat -r -d --store "$S1" --from @0 --to "2025-11-21 04:56:42" | tail -n +2) >/dev/null \
	|| fail "v1 recording: pidstat -r -d differs from the snapshots"
# (it holds no sockets at all: said, exit 1)
expect_exit 1 $TRIAGE ss -s --store "$S1" --from "2026-09-21 17:00:00"

# 4. Bad --from/--to: bad usage, one line; a window outside the recording: 1.
for c in "mpstat" "iostat" "pidstat" "sar" "uptime" "df" "ss -s"; do
	# shellcheck disable=SC2086
	expect_exit 2 $TRIAGE $c --store "$tmp/busy" --from banana
	# shellcheck disable=SC2086
	expect_exit 2 $TRIAGE $c --store "$tmp/busy" --from "2026-09-21 17:00:05" --to "2026-09-21 17:00:00"
	# shellcheck disable=SC2086
	expect_exit 1 $TRIAGE $c --store "$tmp/busy" --from "2020-01-01 00:00" --to "2020-01-02 00:00"
done
expect_exit 2 $TRIAGE pidstat --store "$tmp/pids" --from @0 -e true
expect_exit 2 $TRIAGE ss -t --store "$tmp/busy" --from @0
done_test
