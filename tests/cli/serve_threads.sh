# triage serve walks the tasks once a window: as root with BTF the task
# iterator's pass (bpf/tasks.bpf.c, want_states) gives both the process list
# and every thread's state, so the thread iterator (dump_thread) is never
# loaded, and the thread states still reach the rules: eight threads queue
# on one mutex (tests/progs/lockwait.c) and /report names the futex wait,
# read by the BPF task iterator. The second part needs idle CPUs (the rule
# judges lock contention only while the CPUs have room).
# timeout: 120
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
command -v curl >/dev/null || skip "curl not installed (make deps)"
PROG=$TRIAGE_SRC/.output/progs/lockwait
[ -x "$PROG" ] || skip "tests/progs/lockwait not built (make tests)"
tmp=$(mktemp -d /tmp/triage-servethr.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; bt_cleanup; }
trap cleanup EXIT
progs() { bpftool prog list -j 2>/dev/null | jq -r --arg n "$1" '[.[] | select(.name == $n)] | length'; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
"$PROG" 30 &
lpid=$!; pids+=($lpid)
threads0=$(progs dump_thread) tasks0=$(progs dump_task)
timeout 60 $TRIAGE serve --listen "127.0.0.1:$port" -i 2 2>"$tmp/err" &
spid=$!; pids+=($spid)
for _ in $(seq 240); do curl -sf -o "$tmp/r" "$url/report" && [ -s "$tmp/r" ] && break; sleep 0.25; done
[ -s "$tmp/r" ] || fail "no /report within 60 s: $(cat "$tmp/err")"
# two more windows, each with a thread sample from the one pass
sleep 4.5
curl -sf -o "$tmp/r" "$url/report" || fail "/report"
expect_eq "task iterators loaded by serve" "$(progs dump_task)" $((tasks0 + 1))
expect_eq "thread iterators loaded by serve" "$(progs dump_thread)" "$threads0"
jq -e '.unchecked[] | select(.what | startswith("thread states"))' "$tmp/r" >/dev/null &&
	fail "thread states unchecked: $(jq -c .unchecked "$tmp/r")"
busy=$(jq -r '.resources[] | select(.resource == "cpu") | .utilization.value // 0' "$tmp/r")
if awk -v b="$busy" 'BEGIN{exit !(b >= 45)}'; then
	skip_part "the CPUs were $busy% busy with other jobs (the rule wants < 50%): lock contention not judged"
else
	f=$(jq -c --arg p "pid:$lpid" '[.findings[] | select(.id == "task.lock_contention" and .resource == $p)][0] // empty' "$tmp/r")
	[ -n "$f" ] || fail "no task.lock_contention on pid:$lpid: $(jq -c '[.findings[].id]' "$tmp/r")"
	case "$f" in
	*"(syscall futex)"*"BPF task iterator"*|*"BPF task iterator"*"(syscall futex)"*) ;;
	*) fail "the finding does not name the futex wait read by the task iterator: $f" ;;
	esac
fi
kill "$spid"; wait "$spid" 2>/dev/null
expect_eq "task iterators after serve" "$(progs dump_task)" "$tasks0"
done_test
