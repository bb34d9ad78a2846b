#!/usr/bin/env python3
"""The flight recorder's cost per sample next to atop -w and sadc, in one run
(issue 12, "Cost"). For each load (N processes of which B are busy: B
children of bench/ticker.c burn ~2 ms every 100 ms, the rest are idle
children of bench/spawn.c):

  triage record -i I -n K      vs   atop -w FILE I K     (every process)
  triage record --no-procs     vs   sadc I K FILE        (host only)

Each tool runs K = 1 and K = 1 + S samples; the steady cost of one sample is
the difference divided by S: CPU (user+sys from getrusage of the child), bytes
written (the store's or file's size), and the K = 1 + S run's peak RSS. The
per-day figures are bytes per sample * 86400 / interval.

triage's bytes come from its store's record headers instead (store_format.h):
the median delta record, and the KEY record (a whole sample compressed on
its own, one every 10 minutes of recording, and whenever a gap of more than
two intervals forces one, as a slow first sample at 10,000 processes can) apart;
its per-day figure counts one KEY per 120 samples (10 minutes at 5 s).

Usage: bench/record_cost.py [TRIAGE] [N:B ...]  (default ./triage 1000:50 10000:100)
Needs root (atop -w, every process's files); atop from Debian (apt-get install atop)."""
import os, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
TRIAGE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 and ":" not in sys.argv[1] else os.path.abspath("./triage")
LOADS = [tuple(int(x) for x in a.split(":")) for a in sys.argv[1:] if ":" in a] or [(1000, 50), (10000, 100)]
INTERVAL, EXTRA = 1, 10
OUT = tempfile.mkdtemp(prefix="triage-recbench-")


def build(name):
    exe = os.path.join(OUT, name)
    subprocess.run(["cc", "-O2", "-o", exe, os.path.join(HERE, name + ".c")], check=True)
    return exe


def run(cmd):
    """CPU ms, peak RSS MB and wall s of one command, as GNU time measures it
    (the child's own rusage: a forked Python's pages would inflate maxrss)."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %U %S %M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    t1 = time.monotonic()
    err = p.stderr.decode(errors="replace")
    line = [l for l in err.splitlines() if l.startswith("TIME ")]
    if p.returncode or not line:
        sys.exit("failed: %s: %s" % (" ".join(cmd), err[:300]))
    u, s_, m = line[-1].split()[1:4]
    return (float(u) + float(s_)) * 1000, int(m) / 1024, t1 - t0


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
    """mk(k, path) -> argv for k samples into path; the steady per-sample cost
    over extra more samples (GNU time counts 10 ms steps: the host-only
    tools, ~1 ms a sample, take 20)."""
    res = []
    for k in (1, 1 + extra):
        path = os.path.join(OUT, "%s-%d" % (name, k))
        shutil.rmtree(path, ignore_errors=True)
        if os.path.exists(path):
            os.unlink(path)
        cpu, rss, wall = run(mk(k, path))
        res.append((cpu, size(path), rss))
    (c1, b1, _), (c2, b2, rss) = res
    if name.startswith("triage"):
        recs = store_records(path)
        deltas = sorted(ln for ln, key in recs if not key)
        keys = [ln for ln, key in recs if key]
        if deltas:
            delta = deltas[len(deltas) // 2]
            key = max(keys) if keys else 0
            return (c2 - c1) / extra, delta, rss, key
    return (c2 - c1) / extra, (b2 - b1) / extra, rss, 0


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
        idle = subprocess.Popen([spawn, str(max(n - b - nprocs(), 0)), "300"], stdout=subprocess.PIPE)
        busy = subprocess.Popen([ticker, str(b), "300"], stdout=subprocess.PIPE)
        idle.stdout.readline(), busy.stdout.readline()
        time.sleep(1)
        total = nprocs()
        try:
            got = {}
            for name, mk in tools:
                cpu, nbytes, rss, key = tool_cost(name, mk, EXTRA if "record" in name and "no-procs" not in name or name.startswith("atop") else 20)
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
