# Recorded cgroups and thread states (codec sections 0x0b00, 0x0c00):
# a recording of the v2 and v1 fixtures' snapshots replays `triage cgroup`
# to what the snapshots print; a live recording holds a v1 test cgroup of
# our own (memory.limit_in_bytes) and the thread states; a synthetic
# three-hour recording of a process and a cgroup leaking 1 MiB a minute
# (written through the codec and the store by tests/unit/test_leak_window)
# gives mem.growth over `triage --from/--to` with the rate and time left.
# timeout: 120
. "$TRIAGE_SRC/tests/lib.sh"
tmp=$(mktemp -d /tmp/triage-cgrec.XXXXXX)
chmod 750 "$tmp"
cg=
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$cg" ] && rmdir "$cg" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# 1. Same output: the snapshots and their recording.
for v in v2 v1; do
	snaps="$FIX/cg_$v/t0,$FIX/cg_$v/t1"
	st=$tmp/$v
	$TRIAGE record --root "$snaps" --store "$st" 2>/dev/null || fail "record of the cg_$v snapshots"
	path=/app.slice/web
	[ $v = v1 ] && path=/docker/abc
	for args in "" "--json" "$path" "--json $path" "--top 2"; do
		# shellcheck disable=SC2086
		a=$($TRIAGE cgroup --root "$snaps" $args)
		# shellcheck disable=SC2086
		b=$($TRIAGE cgroup --store "$st" --from @0 $args)
		[ -n "$a" ] && [ "$a" = "$b" ] || fail "cg_$v: 'cgroup $args' replayed differs from the snapshots"
	done
	# -d on replay: the first record at least that far on (none: levels only)
	expect_eq "cg_$v -d 3600 replayed" "$($TRIAGE cgroup --store "$st" --from @0 -d 3600 --json | jq .interval_s)" null
done
# the replay takes the live tree's directory of a group too
expect_eq "recorded v1 by directory" \
	"$($TRIAGE cgroup --store "$tmp/v1" --from @0 --json /sys/fs/cgroup/memory/docker/abc | jq -r .path)" "/docker/abc"
expect_eq "recorded v2 hand-computed" \
	"$($TRIAGE cgroup --store "$tmp/v2" --from @0 --json /app.slice/web | jq -c '[.cpu.throttled_pct, .memory.pct_of_max, .memory.events_interval.oom_kill]')" \
	"[90,99.6,1]"
# bad input: no such group, a recording without cgroups, a bad time
expect_exit 1 $TRIAGE cgroup --store "$tmp/v2" --from @0 /no/such
msg=$($TRIAGE cgroup --store "$tmp/v2" --from @0 /no/such 2>&1 >/dev/null)
case "$msg" in "triage: cgroup: no cgroup '/no/such' in the recording at "*) ;; *) fail "no group message: $msg" ;; esac
expect_exit 1 $TRIAGE cgroup --store "$FIX/recording-v1/store" --from @0
msg=$(TZ=UTC $TRIAGE cgroup --store "$FIX/recording-v1/store" --from @0 2>&1 >/dev/null)
case "$msg" in *"holds no cgroups (recorded before cgroups were, or with --no-procs)") ;; *) fail "v1 recording message: $msg" ;; esac
expect_exit 2 $TRIAGE cgroup --store "$tmp/v2" --from "not a time"

# 2. Live: a v1 memory cgroup of our own with a 64 MiB limit and a sleeper
# in it, recorded with everything else; the recorded group has its limit,
# and the report over the recording reads cgroups and thread states.
if [ "$(id -u)" = 0 ] && [ -w /sys/fs/cgroup/memory/memory.limit_in_bytes ] &&
   mkdir /sys/fs/cgroup/memory/triage-test-$$ 2>/dev/null; then
	cg=/sys/fs/cgroup/memory/triage-test-$$
	echo 64M >"$cg/memory.limit_in_bytes"
	sh -c 'echo $$ >"$1"; exec timeout 20 sleep 20' sh "$cg/cgroup.procs" &
	pid=$!
	sleep 0.3
	$TRIAGE record -i 0.5 -n 3 --store "$tmp/live" 2>"$tmp/err" || fail "live record: $(cat "$tmp/err")"
	js=$($TRIAGE cgroup --store "$tmp/live" --from @0 --json "/triage-test-$$")
	expect_eq "recorded v1 limit" "$(echo "$js" | jq .memory.max)" 67108864
	expect_eq "recorded v1 version" "$(echo "$js" | jq .memory.version)" 1
	a=$($TRIAGE cgroup --store "$tmp/live" --from @0 --json --top 100000 | jq --arg p "/triage-test-$$" '[.cgroups[].path] | index($p) != null')
	expect_eq "recorded v1 group ranked (it has a limit)" "$a" true
	rep=$($TRIAGE --store "$tmp/live" --from @0 --json)
	echo "$rep" | jq -e '.unchecked[] | select(.what == "cgroups" or .what == "thread states")' >/dev/null &&
		fail "the report over the live recording misses cgroups or thread states: $(echo "$rep" | jq -c .unchecked)"
	echo "$rep" | jq -e --arg p "cgroup:/triage-test-$$" '.resources[] | select(.resource == $p)' >/dev/null ||
		fail "the recorded test cgroup is not a row of the report's matrix"
	kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=
	rmdir "$cg" && cg=
else
	skip_part "live: no writable v1 memory controller (not root, or a v2-only host)"
fi

# 3. A slow leak over three recorded hours (hand-computed in test_leak_window.c).
gen=
for d in "$TRIAGE_SRC/.output/san/tests" "$TRIAGE_SRC/.output/release/tests"; do
	[ -x "$d/test_leak_window" ] && { gen=$d/test_leak_window; break; }
done
if [ -n "$gen" ]; then
	mkdir -m 750 "$tmp/leak"
	"$gen" "$tmp/leak" || fail "writing the synthetic recording"
	js=$(TZ=UTC $TRIAGE --store "$tmp/leak" --from "2026-12-03 12:13:20" --to "2026-12-03 15:13:20" --json)
	expect_eq "leak: process" "$(echo "$js" | jq -r '.findings[] | select(.id == "mem.growth" and .resource == "pid:100") | .summary')" \
		"leaky (pid 100) grows 1.00 MiB/min: MemAvailable runs out in 3.7 h at that rate"
	expect_eq "leak: cgroup" "$(echo "$js" | jq -r '.findings[] | select(.id == "mem.growth" and .resource == "cgroup:/leak.slice/app") | .summary')" \
		"cgroup /leak.slice/app grows 1.00 MiB/min: its memory.max runs out in 3.9 h at that rate"
	expect_eq "leak: true over the whole window" \
		"$(echo "$js" | jq -c '[.findings[] | select(.id == "mem.growth")][0] | [.from, .to]')" "[1796300000,1796310800]"
	expect_eq "leak: nothing else" "$(echo "$js" | jq -c '[.findings[].resource]')" '["pid:100","cgroup:/leak.slice/app"]'
	# one slice (a minute) is too short to see it
	js=$(TZ=UTC $TRIAGE --store "$tmp/leak" --from "2026-12-03 12:13:20" --to "2026-12-03 12:15:20" --json)
	expect_eq "leak: two minutes show nothing" "$(echo "$js" | jq '[.findings[] | select(.id == "mem.growth")] | length')" 0
else
	skip_part "tests/unit/test_leak_window not built (make tests)"
fi
done_test
