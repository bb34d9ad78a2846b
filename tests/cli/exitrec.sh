# Short-lived processes are not lost (issue 12): the recorder's exit program
# (bpf/exitstat.bpf.c) records every process that ends between two samples,
# and the replayed top -b and report see them with their CPU time.
#  1. 300 children (tests/progs/forkburn.c) that each burn 50 ms of CPU and
#     exit, recorded at 5-s samples: every one appears once as ended (state X)
#     in the replayed top, with its CPU time (TIME+) within 1 cs of what wait4
#     says the kernel accounted (its user and system times cut to ticks, as
#     /proc/PID/stat shows them; their sum within 2 %), and its %CPU in that
#     frame is what it used from the older sample (or its start) to its exit:
#     TIME+ less TIME+ at the older sample, over the interval (to the 0.05 of
#     the one-decimal rounding).
#     The replayed pidstat (-u, text and JSON) lists every one once as ended
#     ("<fbchild>", "exited": true, no CPU number) in the interval it ended
#     in, and its rows add up to its CPU time (each row's %CPU x the
#     interval, in ticks, within 1 tick of wait4's); the Average lists every
#     one once, with all of its CPU time over the Average's span.
#  2. The raw_tp fallback (TRIAGE_BPF_RAW_TP=1) records them the same way.
#  3. Without BPF (root's uid without capabilities): one line on stderr, the
#     recorder carries on, and the replay shows the store's note.
# The report's use of them (fork storm, CPU rules) is covered by
# tests/unit/test_exited.c on synthetic samples, where the rules fire for sure.
# timeout: 300
. "$TRIAGE_SRC/tests/lib.sh"
FB=$TRIAGE_SRC/.output/progs/forkburn
[ -x "$FB" ] || skip "tests/progs/forkburn not built (make tests)"
[ "$(id -u)" = 0 ] || skip "not root: the exit program needs CAP_BPF"
[ -r /sys/kernel/btf/vmlinux ] || skip "no kernel BTF"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
tmp=$(mktemp -d /tmp/triage-exitrec.XXXXXX)
recpid=
cleanup() { [ -n "$recpid" ] && kill -9 "$recpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# check STORE TRUTH WHAT: the replayed top's ended children against wait4's figures
check() {
	timeout 120 $TRIAGE top -b -w 512 --json --store "$1" --from @0 >"$tmp/top.json" 2>"$tmp/top.err" \
		|| fail "$3: top replay exited $?: $(head -3 "$tmp/top.err")"
	python3 - "$tmp/top.json" "$2" <<'PY' >"$tmp/check" 2>&1 || fail "$3: $(cat "$tmp/check")"
import json, sys
text = open(sys.argv[1]).read()
truth = {}
for line in open(sys.argv[2]):
    pid, us, sy = map(int, line.split())
    # /proc/PID/stat's ticks: user and system each cut to whole ticks
    # (USER_HZ 100), so TIME+ in centiseconds
    truth[pid] = us // 10000 + sy // 10000
dec, i, frames = json.JSONDecoder(), 0, []
while True:
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    doc, i = dec.raw_decode(text, i)
    frames.extend(doc["frames"] if "frames" in doc else [doc])  # a replay: one document
seen, bad, badpct, prev_up, alive, got_cs = {}, [], [], None, {}, 0
for f in frames:
    dt = f["uptime_s"] - prev_up if prev_up is not None else None
    prev_up = f["uptime_s"]
    now = {}
    for p in f["processes"]:
        pid = p["pid"]
        # (the name too: with pid_max 32768 on a busy machine a child's PID
        # may be another process's earlier in the recording)
        if pid not in truth or p["command"] not in ("fbchild", "forkburn"):
            continue
        if not p.get("exited"):
            now[pid] = p["time_cs"]      # alive at this sample
            continue
        seen[pid] = seen.get(pid, 0) + 1
        got_cs += p["time_cs"]
        if abs(p["time_cs"] - truth[pid]) > 1:
            bad.append((pid, p["time_cs"], truth[pid]))
        # its %CPU: what it used from the older sample (or its start) to its exit
        if dt:
            want = (p["time_cs"] - alive.get(pid, 0)) / dt
            if abs(p["cpu_pct"] - want) > 0.051:
                badpct.append((pid, p["cpu_pct"], round(want, 3)))
    alive = now
missing = [p for p in truth if p not in seen]
twice = [p for p, n in seen.items() if n > 1]
total = sum(truth.values())
err = []
if missing:
    err.append("%d of %d children never shown as ended (e.g. %s)" % (len(missing), len(truth), missing[:5]))
if twice:
    err.append("%d children shown as ended twice" % len(twice))
if bad:
    err.append("%d children with TIME+ off by more than 1 cs (pid, got, want): %s" % (len(bad), bad[:5]))
if badpct:
    err.append("%d ended children's %%CPU is not their CPU since the older sample (pid, got, want): %s"
               % (len(badpct), badpct[:5]))
if abs(got_cs - total) > max(0.02 * total, len(truth)):  # each child within 1 cs (above)
    err.append("ended children's TIME+ add up to %.2f s, wait4 says %.2f s" % (got_cs / 100, total / 100))
print("; ".join(err) if err else "ok: %d ended, their TIME+ %.2f s, wait4 %.2f s" % (len(seen), got_cs / 100, total / 100))
sys.exit(1 if err else 0)
PY
	echo "$3: $(cat "$tmp/check")"
}

# check_pidstat STORE TRUTH WHAT: the replayed pidstat's rows of the children
check_pidstat() {
	timeout 120 $TRIAGE pidstat --json --store "$1" --from @0 >"$tmp/pidstat.json" 2>"$tmp/pidstat.err" \
		|| fail "$3: pidstat --json replay exited $?: $(head -3 "$tmp/pidstat.err")"
	timeout 120 $TRIAGE pidstat --store "$1" --from @0 >"$tmp/pidstat.txt" 2>"$tmp/pidstat.err" \
		|| fail "$3: pidstat replay exited $?: $(head -3 "$tmp/pidstat.err")"
	python3 - "$tmp/pidstat.json" "$tmp/pidstat.txt" "$2" <<'PY' >"$tmp/check" 2>&1 || fail "$3: pidstat: $(cat "$tmp/check")"
import json, sys
doc = json.load(open(sys.argv[1]))
truth = {}
for line in open(sys.argv[3]):
    pid, us, sy = map(int, line.split())
    truth[pid] = us // 10000 + sy // 10000     # ticks, as in check
err = []
# each row's CPU in ticks: %CPU of one CPU x the interval (USER_HZ 100)
used, ended, odd = {}, {}, []
for st in doc["statistics"]:
    for t in st["tasks"]:
        if t["pid"] not in truth or t["command"] not in ("fbchild", "forkburn"):
            continue    # (a PID reused: see check)
        used[t["pid"]] = used.get(t["pid"], 0) + t["cpu"]["cpu_pct"] * st["interval_s"]
        if t.get("exited"):
            ended[t["pid"]] = ended.get(t["pid"], 0) + 1
            c = t["cpu"]
            if t["command"] != "fbchild" or c["cpu"] is not None or abs(c["usr_pct"] + c["system_pct"] - c["cpu_pct"]) > 0.011:
                odd.append(t)
missing = [p for p in truth if p not in ended]
if missing:
    err.append("%d of %d children never listed as ended (e.g. %s)" % (len(missing), len(truth), missing[:5]))
if [p for p, n in ended.items() if n > 1]:
    err.append("children listed as ended twice")
if odd:
    err.append("%d odd ended rows, e.g. %s" % (len(odd), odd[0]))
off = [(p, round(used.get(p, 0), 2), truth[p]) for p in truth if abs(used.get(p, 0) - truth[p]) > 1.1]
if off:
    err.append("%d children whose rows add up to other than wait4's ticks (pid, rows, wait4): %s" % (len(off), off[:5]))
total, got = sum(truth.values()), sum(used.get(p, 0) for p in truth)
if abs(got - total) > max(0.02 * total, len(truth)):
    err.append("the children's rows add up to %.2f s, wait4 says %.2f s" % (got / 100, total / 100))
# the Average: each child once, with all of its CPU time over the span
avg, span, aoff = {}, doc["average"]["interval_s"], []
for t in doc["average"]["tasks"]:
    if t["pid"] in truth and t.get("exited") and t["command"] == "fbchild":
        avg[t["pid"]] = avg.get(t["pid"], 0) + 1
        if abs(t["cpu"]["cpu_pct"] * span - truth[t["pid"]]) > 1.2:
            aoff.append((t["pid"], t["cpu"]["cpu_pct"], truth[t["pid"]]))
if len(avg) != len(truth) or any(n != 1 for n in avg.values()):
    err.append("the Average lists %d of %d children as ended" % (len(avg), len(truth)))
if aoff:
    err.append("%d Average rows off wait4 (pid, %%CPU, ticks): %s" % (len(aoff), aoff[:5]))
# text: "<fbchild>" in the Command column, the CPU column "-", the
# header's 10 columns; once per child in the intervals and in the Average
lines = [l.split() for l in open(sys.argv[2])]
rows = [w for w in lines if w and w[-1] == "<fbchild>" and int(w[2]) in truth]
ivl = [w for w in rows if w[0] != "Average:"]
if len(ivl) != len(truth) or len(rows) - len(ivl) != len(truth):
    err.append("text: %d interval and %d Average <fbchild> rows, want %d each" % (len(ivl), len(rows) - len(ivl), len(truth)))
if [w for w in rows if len(w) != 10 or w[8] != "-"]:
    err.append("text: an ended row is not 10 columns with CPU '-': %s" % [w for w in rows if len(w) != 10 or w[8] != "-"][0])
print("; ".join(err) if err else "ok: %d ended, their rows %.2f s, wait4 %.2f s" % (len(ended), got / 100, total / 100))
sys.exit(1 if err else 0)
PY
	echo "$3: $(cat "$tmp/check")"
}

# 1. 300 children of 50 ms CPU each at 5-s samples.
st=$tmp/st
$TRIAGE record -i 5 --store "$st" 2>"$tmp/rec.err" & recpid=$!
# two records first: the first replayed frame (its older sample unknown
# to the JSON) holds none of the children
wait_records "$st" 2 || fail "no first records"
timeout 120 "$FB" 300 50 2 >"$tmp/truth" || fail "forkburn exited $?"
expect_eq "children reaped" "$(wc -l <"$tmp/truth")" 300
n=$(store_records "$st")
wait_records "$st" $((n + 1)) || fail "no record after the children"
kill -TERM $recpid; wait $recpid; rc=$?; recpid=
expect_eq "recorder exit" $rc 0
[ -s "$tmp/rec.err" ] && fail "recorder said: $(cat "$tmp/rec.err")"
check "$st" "$tmp/truth" "tp_btf"
check_pidstat "$st" "$tmp/truth" "tp_btf"
# the JSON frames count what ended in them
$TRIAGE top -b -n 1 --json --store "$st" --from @0 | jq -e '.frames[0].exited >= 0' >/dev/null || fail "top --json has no exited count"

# 2. The raw_tp fallback, a shorter run.
st=$tmp/raw
TRIAGE_BPF_RAW_TP=1 $TRIAGE record -i 1 --store "$st" 2>"$tmp/rec.err" & recpid=$!
wait_records "$st" 2 || fail "raw_tp: no first records"
timeout 60 "$FB" 20 30 2 >"$tmp/truth" || fail "forkburn exited $?"
n=$(store_records "$st")
wait_records "$st" $((n + 1)) || fail "raw_tp: no record after the children"
kill -TERM $recpid; wait $recpid; recpid=
[ -s "$tmp/rec.err" ] && fail "raw_tp recorder said: $(cat "$tmp/rec.err")"
check "$st" "$tmp/truth" "raw_tp"
check_pidstat "$st" "$tmp/truth" "raw_tp"

# 3. No BPF: uid 0 without capabilities. One line, the recording goes on,
#    and the replay says what the store noted.
st=$tmp/nobpf
setpriv --inh-caps=-all --bounding-set=-all -- $TRIAGE record -i 0.3 -n 3 --store "$st" 2>"$tmp/rec.err"
expect_eq "no-BPF recorder exit" $? 0
# (the kernel log needs CAP_SYSLOG: its own line, said once too)
expect_eq "no-BPF exit lines on stderr" "$(grep -c 'end between samples' "$tmp/rec.err")" 1
grep -q "processes that end between samples are not recorded: permission denied" "$tmp/rec.err" \
	|| fail "no-BPF message: $(cat "$tmp/rec.err")"
expect_eq "no-BPF records" "$(store_records "$st")" 3
$TRIAGE top -b -n 1 --json --store "$st" --from @0 2>"$tmp/top.err" | jq -e '.frames[0] | has("exited") | not' >/dev/null \
	|| fail "no-BPF replay claims to know the exits"
grep -q "note: the recording says processes that end between samples are not recorded" "$tmp/top.err" \
	|| fail "replay does not show the store's note: $(cat "$tmp/top.err")"
expect_eq "note said once" "$(grep -c 'note:' "$tmp/top.err")" 1
done_test
