# Thread states in the recording: eight threads queue on one mutex whose
# holder sleeps 5 ms inside it, CPUs idle (tests/progs/lockwait.c), while
# `triage record -i 1` runs; `triage --from/--to` over the recording then
# reports task.lock_contention on that process, naming the futex wait, as
# the live report does, from the recorded per-process aggregates alone (the
# process has ended when the report runs). As root with BTF the states
# come from the recorder's one task-iterator pass.
# timeout: 90
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
PROG=$TRIAGE_SRC/.output/progs/lockwait
[ -x "$PROG" ] || skip "tests/progs/lockwait not built (make tests)"
store=$(mktemp -d /tmp/triage-recthr.XXXXXX)
chmod 750 "$store"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$store"; }
trap cleanup EXIT
baseline
case " $BASE_IDS " in *" cpu.saturated "*)
	skip "the CPUs are busy with other jobs (cpu.saturated before the scenario): the rule needs idle CPUs" ;;
esac
"$PROG" 7 &
pid=$!
OURS="pid:$pid"
sleep 0.3
$TRIAGE record -i 1 -n 6 --store "$store/s" 2>"$store/err" || fail "record: $(cat "$store/err")"
wait "$pid" 2>/dev/null
lpid=$pid
pid=
[ -d "/proc/$lpid" ] && fail "the process is still there: the report would not be judging the past alone"
run_triage --store "$store/s" --from @0
busy=$(echo "$OUT" | jq -r '.resources[] | select(.resource == "cpu") | .utilization.value // 0')
if awk -v b="$busy" 'BEGIN{exit !(b >= 45)}'; then
	skip "the CPUs were $busy% busy with other jobs during the recording (the rule wants < 50%)"
fi
echo "$OUT" | jq -e '.unchecked[] | select(.what == "thread states")' >/dev/null && fail "thread states not in the recording"
expect_finding task.lock_contention "pid:$lpid" "$lpid"
got=$(echo "$OUT" | jq -r '[.findings[] | select(.id == "task.lock_contention")][0].summary')
case "$got" in
*"lockwait (pid $lpid): 9 threads; "*"(syscall futex)"*) ;;
*) fail "summary does not name the process and the futex wait: $got" ;;
esac
# as root with BTF the recorder's task iterator pass carries the thread
# states too (at any number of tasks; /proc before)
if [ "$(id -u)" = 0 ] && [ -r /sys/kernel/btf/vmlinux ] && [ -z "${TRIAGE_THREADS:-}" ]; then
	echo "$OUT" | jq -r '[.findings[] | select(.id == "task.lock_contention")][0].evidence[]' |
		grep -q "(BPF task iterator)" || fail "the recorded thread states were not read by the task iterator"
fi
echo "$OUT" | jq -e '[.findings[] | select(.id == "task.lock_contention")][0] | .from and .to' >/dev/null ||
	fail "the finding has no time"
no_unrelated task.lock_contention
done_test
