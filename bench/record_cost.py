#!/usr/bin/env python3
"""The flight recorder's cost per sample next to atop -w and sadc, in one run
(issue 12, "Cost"). For each load (N processes of which B are busy: B
children of bench/ticker.c burn ~2 ms every 100 ms, the rest are idle
children of bench/spawn.c):

  triage record -i I -n K      vs   atop -w FILE I K     (every process)
  triage record --no-procs     vs   sadc I K FILE        (host only)

Each tool runs for 1 + S samples (S = 10, 1-s interval) while this script
watches what it writes: every time the store or file grows (a sample
written), it reads the tool's CPU time so far (the sum of its threads'
/proc/PID/task/TID/schedstat run time, in ns) and its peak RSS (VmHWM). The
cost of one sample is the median of the CPU between two consecutive writes,
the first one (start-up, BPF loading, the first full scan) left out; bytes
are the median growth per write the same way. A median of intervals within
one run does not mind other jobs on the machine starting or ending processes
between two runs, as a difference of two runs did. The per-day figures are
bytes per sample * 86400 / 5 (the recorder's default interval).

triage's bytes come from its store's record headers (store_format.h): the
median delta record, and the KEY record (a whole sample compressed on its
own, one every 10 minutes of recording, or after a gap of more than two
intervals) apart; its per-day figure counts one KEY per 120 samples.

Usage: bench/record_cost.py [TRIAGE] [N:B ...]  (default ./triage 1000:50 10000:100)
Needs root (atop -w, every process's files); atop from Debian (apt-get install atop)."""
import os, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
TRIAGE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 and ":" not in sys.argv[1] else os.path.abspath("./triage")
LOADS = [tuple(int(x) for x in a.split(":")) for a in sys.argv[1:] if ":" in a] or [(1000, 50), (10000, 100)]
INTERVAL, EXTRA = 1, 10
OUT = tempfile.mkdtemp(prefix="triage-recbench-")


def build(name):
    # a name of its own: another job's clean-up by name ("pkill spawn") must
    # not end this load halfway through a run, as happened here
    exe = os.path.join(OUT, "recbench-" + name)
    subprocess.run(["cc", "-O2", "-o", exe, os.path.join(HERE, name + ".c")], check=True)
    return exe


def cpu_ns(pid):
    """Run time of every thread of pid so far, ns (schedstat's first field)."""
    total = 0
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return None
    for t in tids:
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, t)) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


def hwm_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def median(v):
    v = sorted(v)
    return v[len(v) // 2] if v else float("nan")


def size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def store_records(path):
    """(length, is_key) of every record of a store's segments."""
    import struct
    out = []
    for f in sorted(os.listdir(path)):
        if not f.endswith(".trs"):
            continue
        d = open(os.path.join(path, f), "rb").read()
        o = 64
        while o + 48 <= len(d):
            magic, ln, _t, _m, _iv, fl = struct.unpack_from("<4sIqqII", d, o)
            if magic != b"TREC" or ln < 48:
                break
            out.append((ln, bool(fl & 0x10000)))
            o += ln
    return out


def tool_cost(name, mk, extra):
    """mk(k, path) -> argv for k samples into path: (CPU ms per sample, bytes
    per sample, peak RSS MB, KEY bytes or 0)."""
    path = os.path.join(OUT, name.replace(" ", "_"))
    shutil.rmtree(path, ignore_errors=True)
    if os.path.exists(path):
        os.unlink(path)
    p = subprocess.Popen(mk(1 + extra, path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen, last = [], 0
    while p.poll() is None:
        sz = size(path) if os.path.exists(path) else 0
        if sz != last:
            c = cpu_ns(p.pid)
            if c is not None:
                seen.append((sz, c, hwm_mb(p.pid)))
            last = sz
        time.sleep(0.003)
    err = p.stderr.read().decode(errors="replace")
    if p.returncode:
        sys.exit("failed: %s: %s" % (" ".join(mk(1 + extra, path)), err[:300]))
    # the first write (or a file header and the first sample) left out
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(seen[1:], seen[2:])]
    cpu = median([c for _, c in steps]) / 1e6
    nbytes, key = median([b for b, _ in steps]), 0
    rss = max((m for _, _, m in seen), default=0.0)
    if name.startswith("triage"):
        recs = store_records(path)
        deltas = [ln for ln, k in recs if not k]
        keys = [ln for ln, k in recs if k]
        if deltas:
            nbytes, key = median(deltas), max(keys) if keys else 0
    return cpu, nbytes, rss, key


def nprocs():
    return sum(1 for d in os.listdir("/proc") if d.isdigit())


def main():
    spawn, ticker = build("spawn"), build("ticker")
    tools = [
        ("triage record", lambda k, p: [TRIAGE, "record", "-i", str(INTERVAL), "-n", str(k), "--store", p]),
        ("atop -w", lambda k, p: ["atop", "-w", p, str(INTERVAL), str(k)]),
        ("triage record --no-procs", lambda k, p: [TRIAGE, "record", "--no-procs", "-i", str(INTERVAL), "-n", str(k), "--store", p]),
        ("sadc", lambda k, p: ["/usr/lib/sysstat/sadc", str(INTERVAL), str(k), p]),
    ]
    print("| processes (busy) | tool | CPU per sample | bytes per sample (KEY) | peak RSS | per day at 5 s |")
    print("|---|---|---|---|---|---|")
    for n, b in LOADS:
        idle = subprocess.Popen([spawn, str(max(n - b - nprocs(), 0)), "600"], stdout=subprocess.PIPE)
        busy = subprocess.Popen([ticker, str(b), "600"], stdout=subprocess.PIPE)
        idle.stdout.readline(), busy.stdout.readline()
        time.sleep(1)
        total = nprocs()
        try:
            got = {}
            for name, mk in tools:
                cpu, nbytes, rss, key = tool_cost(name, mk, EXTRA)
                day = (nbytes * 119 + key) / 120 * 86400 / 5 if key else nbytes * 86400 / 5
                got[name] = (cpu, nbytes)
                print("| %d (%d) | %s | %.1f ms | %s B%s | %.1f MB | %.1f MB |" % (
                    total, b, name, cpu, format(int(nbytes), ","),
                    " (%s)" % format(key, ",") if key else "", rss, day / 1e6))
                sys.stdout.flush()
            for a, z in (("triage record", "atop -w"), ("triage record --no-procs", "sadc")):
                (ca, ba), (cz, bz) = got[a], got[z]
                print("| %d (%d) | %s / %s | %.3f | %.3f | | |" % (
                    total, b, a, z, ca / cz if cz else float("nan"), ba / bz if bz else float("nan")))
        finally:
            idle.terminate(), busy.terminate()
            idle.wait(), busy.wait()
    shutil.rmtree(OUT, ignore_errors=True)


if __name__ == "__main__":
    main()
