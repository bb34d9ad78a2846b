# triage dump --select exits (issue 12): the processes that ended between
# two recorded samples, one row each, from the recorder's exit program.
#  1. 20 children (tests/progs/forkburn.c, exit status 5) that each burn
#     30 ms, recorded at 1-s samples: each is one CSV row, named fbchild,
#     its parent forkburn's pid, its utime + stime ticks within 1 of what
#     wait4 says, exit_code 5 and no signal, started before it exited and
#     exited in the window, its share of the interval (cpu_pct) positive
#     and never more than its whole life's ticks over the interval.
#  2. A sleep killed with SIGKILL: signal 9, no exit_code.
#  3. --format json: one document holding the same rows (signal null).
#  4. Bad usage: exits with another group in CSV, an unknown group named
#     with the list that includes exits.
# timeout: 120
. "$TRIAGE_SRC/tests/lib.sh"
FB=$TRIAGE_SRC/.output/progs/forkburn
[ -x "$FB" ] || skip "tests/progs/forkburn not built (make tests)"
[ "$(id -u)" = 0 ] || skip "not root: the exit program needs CAP_BPF"
[ -r /sys/kernel/btf/vmlinux ] || skip "no kernel BTF"
tmp=$(mktemp -d /tmp/triage-dumpexits.XXXXXX)
recpid=
cleanup() { [ -n "$recpid" ] && kill -9 "$recpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

st=$tmp/st
$TRIAGE record -i 1 --store "$st" 2>"$tmp/rec.err" & recpid=$!
wait_records "$st" 2 || fail "no first records"
t0=$(date +%s)
# (forkburn itself, not a timeout around it: its pid is the children's ppid)
"$FB" 20 30 2 5 >"$tmp/truth" & fbpid=$!
wait $fbpid || fail "forkburn exited $?"
sleep 30 & sp=$!
for _ in $(seq 100); do [ "$(cat /proc/$sp/comm 2>/dev/null)" = sleep ] && break; sleep 0.02; done
kill -KILL $sp
wait $sp 2>/dev/null
n=$(store_records "$st")
wait_records "$st" $((n + 1)) || fail "no record after the children"
kill -TERM $recpid; wait $recpid; recpid=
[ -s "$tmp/rec.err" ] && fail "recorder said: $(cat "$tmp/rec.err")"

$TRIAGE dump --store "$st" --from @0 --select exits >"$tmp/exits.csv" 2>"$tmp/dump.err" || fail "dump exits: $(cat "$tmp/dump.err")"
$TRIAGE dump --store "$st" --from @0 --select exits --format json >"$tmp/exits.json" 2>>"$tmp/dump.err" \
	|| fail "dump exits json: $(cat "$tmp/dump.err")"
json_ok <"$tmp/exits.json" || fail "dump --select exits --format json is not one JSON document"
python3 - "$tmp/exits.csv" "$tmp/exits.json" "$tmp/truth" "$fbpid" "$sp" "$t0" <<'PY' >"$tmp/check" 2>&1 || fail "$(cat "$tmp/check")"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
doc = json.load(open(sys.argv[2]))
fbpid, sp, t0 = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
truth = {}
for line in open(sys.argv[3]):
    pid, us, sy = map(int, line.split())
    truth[pid] = us // 10000 + sy // 10000
err = []
want = "time,comm,pid,ppid,uid,start_time,exit_time,utime_ticks,stime_ticks,cpu_pct,usr_pct,sys_pct,minflt,majflt,maxrss_kb,read_bytes,write_bytes,exit_code,signal"
if open(sys.argv[1]).readline().strip() != want:
    err.append("header: " + open(sys.argv[1]).readline().strip())
# (by name too: with pid_max 32768 on a busy machine a child's PID may be
# another process's earlier in the recording)
kids = [r for r in rows if int(r["pid"]) in truth and r["comm"] in ("fbchild", "forkburn")]
seen = {}
for r in kids:
    p = int(r["pid"])
    seen[p] = seen.get(p, 0) + 1
    ticks = int(r["utime_ticks"]) + int(r["stime_ticks"])
    what = []
    if r["comm"] != "fbchild":
        what.append("comm " + r["comm"])
    if int(r["ppid"]) != fbpid:
        what.append("ppid %s, forkburn is %d" % (r["ppid"], fbpid))
    if abs(ticks - truth[p]) > 1:
        what.append("ticks %d, wait4 %d" % (ticks, truth[p]))
    if r["exit_code"] != "5" or r["signal"] != "":
        what.append("exit_code %r signal %r" % (r["exit_code"], r["signal"]))
    if not (t0 - 1 <= float(r["start_time"]) <= float(r["exit_time"]) + 0.01 <= int(r["time"]) + 1.01):
        what.append("start %s exit %s row %s" % (r["start_time"], r["exit_time"], r["time"]))
    if not 0 <= float(r["cpu_pct"]) <= ticks * 100 / 0.9:   # a tick is 1 % of 1 s; intervals ~1 s
        what.append("cpu_pct " + r["cpu_pct"])
    if what:
        err.append("pid %d: %s" % (p, ", ".join(what)))
if sorted(seen) != sorted(truth) or any(n != 1 for n in seen.values()):
    err.append("%d of %d children, %d rows" % (len(seen), len(truth), len(kids)))
if sum(float(r["cpu_pct"]) for r in kids) <= 0:
    err.append("no share of the intervals")
k = [r for r in rows if int(r["pid"]) == sp and r["comm"] in ("sleep", "bash")]
if len(k) != 1 or k[0]["signal"] != "9" or k[0]["exit_code"] != "" or k[0]["comm"] != "sleep":
    err.append("the killed sleep: %s" % k)
j = [r for r in doc["rows"] if r["group"] == "exits"]
if len(j) != len(rows) or [r for r in doc["rows"] if r["group"] != "exits"]:
    err.append("json: %d exits rows, csv %d" % (len(j), len(rows)))
jk = [r for r in j if r["pid"] in truth and r["comm"] in ("fbchild", "forkburn")]
if len(jk) != len(truth) or any(r["exit_code"] != 5 or r["signal"] is not None or r["comm"] != "fbchild" for r in jk):
    err.append("json children: %s" % jk[:1])
js = [r for r in j if r["pid"] == sp and r["comm"] in ("sleep", "bash")]
if len(js) != 1 or js[0]["signal"] != 9 or js[0]["exit_code"] is not None:
    err.append("json killed sleep: %s" % js)
print("; ".join(err) if err else "ok: %d children, %d exits rows" % (len(seen), len(rows)))
sys.exit(1 if err else 0)
PY
echo "$(cat "$tmp/check")"

# every group (json's default) includes the exits
$TRIAGE dump --store "$st" --from @0 --format json | jq -e '[.rows[] | select(.group == "exits")] | length > 20' >/dev/null \
	|| fail "dump --format json (all groups) has no exits rows"
expect_exit 2 $TRIAGE dump --store "$st" --from @0 --select exits,cpu
$TRIAGE dump --store "$st" --from @0 --select nope 2>&1 | grep -q "proc, exits, all" || fail "unknown group message"
done_test
