# triage top --source bpf: the task iterator prints what /proc/PID/stat does.
# A zoo of tasks (threads that exited and threads alive, nice, SCHED_FIFO,
# stopped, zombie, a non-dumpable task of nobody's) and every other process:
# each row read from the iterator equals the /proc row, field for field,
# whenever /proc read the same before and after. Then --source auto's choice.
# timeout: 240
. "$TRIAGE_SRC/tests/lib.sh"
expect_exit 2 $TRIAGE top -b -n 1 --source bogus
expect_exit 1 $TRIAGE top -b -n 1 --source bpf --root "$FIX/pids/t1"
expect_eq "auto on a capture" "$($TRIAGE top -b -n 1 --json --root "$FIX/pids/t1" | jq -r .frames[0].source)" proc
[ "$(id -u)" = 0 ] || skip "not root: the task iterator needs CAP_BPF (fixture checks passed)"
[ -r /sys/kernel/btf/vmlinux ] || skip "no kernel BTF (fixture checks passed)"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"

tmp=$(mktemp -d)
kids=
cleanup() { for k in $kids; do kill -CONT "$k" 2>/dev/null; kill "$k" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# Not root: --source bpf says so and fails; auto quietly reads /proc.
err=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE top -b -n 1 --source bpf 2>&1 >/dev/null)
rc=$?
expect_eq "bpf as nobody: exit" "$rc" 1
echo "$err" | grep -q 'run as root' || fail "bpf as nobody: '$err'"
expect_eq "auto as nobody" "$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE top -b -n 1 --json | jq -r .frames[0].source)" proc

# The zoo; every member ends by itself within 30 s.
cat >"$tmp/threads.py" <<'PY'
import threading, time
def spin(s):
    e = time.time() + s
    while time.time() < e: pass
dead = [threading.Thread(target=spin, args=(0.3,)) for _ in range(2)]
for t in dead: t.start()
for t in dead: t.join()          # their time now sits in signal_struct
alive = threading.Thread(target=lambda: (spin(0.2), time.sleep(30)), daemon=True)
alive.start()
spin(0.1)
time.sleep(30)
PY
/usr/bin/python3 "$tmp/threads.py" & THR=$!
nice -n 7 sleep 30 & NICE=$!
if chrt -f 10 true 2>/dev/null; then chrt -f 10 sleep 30 & FIFO=$!; else FIFO=; fi
sleep 30 & STOP=$!
kill -STOP $STOP
/usr/bin/python3 -c 'import os, time
if os.fork() == 0: os._exit(0)
time.sleep(30)' & ZPAR=$!
setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 -c \
	'import ctypes, time; ctypes.CDLL(None).prctl(4, 0, 0, 0, 0); time.sleep(30)' & ND=$!
kids="$THR $NICE $FIFO $STOP $ZPAR $ND"
sleep 1.5	# the threads have spun and the zombie is made

# The iterator first: a /proc read stores the kernel's split in the task
# (signal->prev_cputime), which would then mask a wrong sum of threads.
for s in bpf proc1 proc2; do
	$TRIAGE top -b -n 1 --json -o PID --source ${s%[12]} >"$tmp/$s.json" || fail "top --source ${s%[12]}"
done
expect_eq "bpf source named" "$(jq -r .frames[0].source "$tmp/bpf.json")" bpf
python3 - "$tmp" "$THR $NICE $FIFO $STOP $ND" "$$" <<'PY' || fail "rows differ between the sources (above)"
import json, sys
d, zoo = sys.argv[1], [int(p) for p in sys.argv[2].split()]
me = int(sys.argv[3])  # this shell runs (forks the next top) between the reads
def rows(n):
    return {p["pid"]: {k: v for k, v in p.items() if k != "cpu_pct"}
            for p in json.load(open(f"{d}/{n}.json"))["frames"][0]["processes"]}
def kthread(p):  # read from /proc by both sources: nothing to compare
    try:
        st = open(f"/proc/{p}/stat").read()
        return int(st[st.rindex(")") + 2:].split()[6]) & 0x00200000
    except (OSError, ValueError):
        return True
a, b, c = rows("proc1"), rows("bpf"), rows("proc2")
stable = [p for p in a if p in c and a[p] == c[p] and p in b and not kthread(p) and p != me]
bad = [(p, a[p], b[p]) for p in stable if a[p] != b[p]]
for p, x, y in bad[:10]:
    print("pid", p, "proc", x, "bpf", y)
missing = [p for p in zoo if p not in stable]
print(f"{len(stable)} stable processes compared, {len(bad)} differ; zoo not stable: {missing}")
sys.exit(1 if bad or missing or len(stable) < 8 else 0)
PY
# The zoo as the iterator saw it (procps's meaning of each column).
row() { jq -c --argjson p "$1" '.frames[0].processes[] | select(.pid == $p) | ['"$2"']' "$tmp/bpf.json"; }
expect_eq "nice 7" "$(row $NICE '.ni, .pr')" "[7,27]"
[ -n "$FIFO" ] && expect_eq "SCHED_FIFO 10" "$(row $FIFO '.pr, .ni')" "[-11,0]"
expect_eq "stopped" "$(row $STOP .s)" '["T"]'
expect_eq "non-dumpable, nobody's" "$(row $ND .user)" "[\"$(id -nu 65534)\"]"
Z=$(awk '{print $1}' /proc/$ZPAR/task/$ZPAR/children 2>/dev/null)
if [ -n "$Z" ]; then expect_eq "zombie" "$(row "$Z" '.s, .virt_kb')" '["Z",0]'; else fail "no zombie child of $ZPAR"; fi
t=$(row $THR .time_cs | tr -d '[]')
# (the rows equal /proc's above; this says the dead threads' time is in)
[ "${t:-0}" -ge 30 ] 2>/dev/null || fail "threads' TIME+ $t cs < 30: the exited threads' 0.3 s is missing"

# auto: the iterator from 3,000 tasks on, /proc below or with -p.
expect_eq "auto, few tasks" "$($TRIAGE top -b -n 1 --json | jq -r .frames[0].source)" \
	"$(awk '{split($4, a, "/"); print (a[2] >= 3000 ? "bpf" : "proc")}' /proc/loadavg)"
cc -O2 -o "$tmp/spawn" "$TRIAGE_SRC/bench/spawn.c" || fail "cc bench/spawn.c"
"$tmp/spawn" 3100 30 >"$tmp/ready" & kids="$kids $!"
for _ in $(seq 100); do grep -q ready "$tmp/ready" && break; sleep 0.1; done
expect_eq "auto, 3,100 more tasks" "$($TRIAGE top -b -n 1 --json | jq -r .frames[0].source)" bpf
expect_eq "auto with -p" "$($TRIAGE top -b -n 1 --json -p $NICE | jq -r .frames[0].source)" proc
done_test
