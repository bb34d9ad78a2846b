# The task and thread iterators in a PID namespace of its own (unshare --pid
# --fork --mount-proc, as a container): they load (they used to refuse any
# namespace but the initial one) and number tasks as that namespace's /proc
# does (src/bpf/pidns.bpf.h). Inside it a parent holds 60 zombies: the report
# with the thread iterator names the parent by its PID in the namespace, and
# the recorder's task iterator pass gives the namespace's process list (a
# wrong numbering would find no process under its /proc). Counts only: no
# timing, so the machine's load does not matter.
# timeout: 180
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (BPF, unshare -p)"
[ -r /sys/kernel/btf/vmlinux ] || skip "no BTF"
unshare -pf --mount-proc true 2>/dev/null || skip "unshare -p unavailable"
command -v jq >/dev/null || skip "jq not installed"
tmp=$(mktemp -d /tmp/triage-iterns.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# runs as PID 1 of the namespace; every process it starts ends by itself
cat >"$tmp/inner.sh" <<'INNER'
tmp=$1
python3 -c '
import os, sys, time
for i in range(60):
    if os.fork() == 0:
        os._exit(0)
open(sys.argv[1], "w").write(str(os.getpid()))
time.sleep(60)' "$tmp/parent" &
holder=$!
for _ in $(seq 200); do
	z=0; for s in /proc/[0-9]*/stat; do [ "$(awk '{print $3}' "$s" 2>/dev/null)" = Z ] && z=$((z + 1)); done
	[ "$z" -ge 60 ] && break; sleep 0.05
done
echo "$z" >"$tmp/zombies"
TRIAGE_THREADS=bpf timeout 60 "$TRIAGE" --json -d 1 >"$tmp/report.json" 2>"$tmp/report.err"
timeout 60 "$TRIAGE" record --store "$tmp/st" -i 0.5 -n 2 2>"$tmp/record.err"
ls -d /proc/[0-9]* | wc -l >"$tmp/nprocs"
timeout 60 "$TRIAGE" top -b -n 1 --store "$tmp/st" --from @0 >"$tmp/top" 2>&1
kill "$holder"; wait "$holder" 2>/dev/null
INNER
TRIAGE=$TRIAGE unshare -pf --mount-proc bash "$tmp/inner.sh" "$tmp"

expect_eq "zombies made" "$(cat "$tmp/zombies")" 60
parent=$(cat "$tmp/parent")
[ "$parent" -lt 100 ] || fail "the holder's PID in the namespace is $parent (not the namespace's numbering?)"
json_ok <"$tmp/report.json" || fail "report JSON: $(head -c 300 "$tmp/report.json") $(cat "$tmp/report.err")"
unchk=$(jq -r '.unchecked[] | select(.what | test("thread states")) | .why' "$tmp/report.json")
expect_eq "thread iterator loaded in the namespace" "$unchk" ""
sum=$(jq -r '.findings[] | select(.id == "task.zombies") | .summary' "$tmp/report.json")
case $sum in
*"(pid $parent) does not reap 60 of them"*) ;;
*) fail "task.zombies names the parent by its namespace PID $parent: '$sum'" ;;
esac
grep -q "task iterator is unavailable" "$tmp/record.err" && fail "recorder: $(cat "$tmp/record.err")"
# the recorded process list: the namespace's processes (holder, zombies, the
# shell, the recorder; top counted after the recorder ended, so within 2)
total=$(awk '/^Tasks:/ {print $2; exit}' "$tmp/top")
zomb=$(awk '/^Tasks:/ {for (i = 1; i <= NF; i++) if ($i ~ /^zombie/) print $(i - 1); exit}' "$tmp/top")
expect_eq "recorded zombies (task iterator)" "$zomb" 60
expect_near "recorded tasks (task iterator)" "$total" "$(cat "$tmp/nprocs")" 2
done_test
