#!/usr/bin/env python3
"""`triage serve` next to node_exporter 1.5 (Debian's prometheus-node-exporter),
in one run, both scraped on the same paired loop (issue 16, "Cost").

Inside a PID namespace of its own (unshare --pid --fork --mount-proc: its
/proc holds only what the benchmark starts) with N idle processes
(bench/spawn.c), both exporters run on loopback and a scraper GETs both
/metrics every I seconds for K intervals. triage serve samples on its own
interval (-i I: one window, with every rule judged, per scrape interval);
node_exporter collects at each scrape (its default collectors). The CPU of
each over the K intervals after a warm-up of two, divided by K, is its cost
per scrape interval: in ns from a cgroup v1 cpuacct group of its own
(cpuacct.usage, exited threads included), else utime + stime from
/proc/PID/stat (10-ms ticks: 1.25 ms an interval at K = 8).

Usage: bench/serve_cost.py [TRIAGE] [N] [INTERVAL] [K]   (default ./triage 2000 15 8)
Needs root (unshare) and prometheus-node-exporter."""
import os, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
TRIAGE = os.path.abspath(args[0]) if args and not args[0].isdigit() else os.path.abspath("./triage")
nums = [a for a in args if a.replace(".", "").isdigit()]
N = int(nums[0]) if nums else 2000
INTERVAL = float(nums[1]) if len(nums) > 1 else 15
K = int(nums[2]) if len(nums) > 2 else 8
TPORT, NPORT = 19847 + os.getpid() % 1000, 19100 + os.getpid() % 1000


def inner():
    """Runs as PID 1 of the new namespace."""
    out = tempfile.mkdtemp(prefix="triage-servebench-")
    spawn = os.path.join(out, "spawn")
    subprocess.run(["cc", "-O2", "-o", spawn, os.path.join(HERE, "spawn.c")], check=True)
    life = int(INTERVAL * (K + 6) + 60)
    sp = subprocess.Popen([spawn, str(N), str(life)], stdout=subprocess.PIPE)
    sp.stdout.readline()
    tri = subprocess.Popen(["timeout", str(life), TRIAGE, "serve", "--listen", "127.0.0.1:%d" % TPORT,
                            "-i", str(INTERVAL)], stderr=subprocess.DEVNULL)
    ne = subprocess.Popen(["timeout", str(life), "prometheus-node-exporter",
                           "--web.listen-address=127.0.0.1:%d" % NPORT], stderr=subprocess.DEVNULL)
    time.sleep(1)
    tpid, npid = child(tri.pid), child(ne.pid)
    cg_put(tpid)
    cg_put(npid)
    # wait for triage's first window
    for _ in range(int(INTERVAL * 4) + 60):
        if get(TPORT) > 0:
            break
        time.sleep(0.5)
    nprocs = sum(1 for d in os.listdir("/proc") if d.isdigit())
    scrape_loop(2, tpid, npid)				# warm-up
    c0 = (cpu(tpid), cpu(npid))
    sizes = scrape_loop(K, tpid, npid)
    c1 = (cpu(tpid), cpu(npid))
    rss = (peak(tpid), peak(npid))
    for p in (tri, ne, sp):
        p.terminate()
    for p in (tri, ne, sp):
        p.wait()
    cg_remove()
    t, n = (c1[0] - c0[0]) / K, (c1[1] - c0[1]) / K
    print("processes in the namespace: %d; interval %g s; %d intervals after 2 of warm-up" % (nprocs, INTERVAL, K))
    print("%-34s %14s %10s %12s" % ("exporter", "CPU ms/interval", "peak RSS", "bytes/scrape"))
    print("%-34s %14.1f %8.1f MB %12d" % ("triage serve -i %g" % INTERVAL, t, rss[0] / 1024, sizes[0]))
    print("%-34s %14.1f %8.1f MB %12d" % ("prometheus-node-exporter 1.5", n, rss[1] / 1024, sizes[1]))
    print("ratio triage / node_exporter: %.2f" % (t / n if n > 0 else float("nan")))


def child(pid):
    """The exporter under `timeout`."""
    for _ in range(100):
        try:
            c = open("/proc/%d/task/%d/children" % (pid, pid)).read().split()
            if c:
                return int(c[0])
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit("no child of %d" % pid)


def get(port):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=30) as r:
            return len(r.read())
    except Exception:
        return 0


def scrape_loop(k, tpid, npid):
    nxt = time.monotonic()
    sizes = (0, 0)
    for _ in range(k):
        nxt += INTERVAL
        sizes = (get(TPORT), get(NPORT))
        time.sleep(max(0, nxt - time.monotonic()))
    return sizes


CG = "/sys/fs/cgroup/cpuacct"
groups = {}


def cg_put(pid):
    """Move the exporter (every thread, and those it makes later) into a
    cpuacct group of its own, whose cpuacct.usage counts its CPU in ns,
    exited threads included. None when there is no cgroup v1 cpuacct."""
    d = os.path.join(CG, "triage-servebench-%d-%d" % (os.getpid(), pid))
    try:
        os.mkdir(d)
        with open(os.path.join(d, "cgroup.procs"), "w") as f:
            f.write(str(pid))
    except OSError:
        return
    groups[pid] = d


def cg_remove():
    for d in groups.values():
        try:
            os.rmdir(d)
        except OSError:
            pass


def cpu(pid):
    """ms of CPU so far: the group's cpuacct.usage, else utime + stime."""
    if pid in groups:
        return int(open(os.path.join(groups[pid], "cpuacct.usage")).read()) / 1e6
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def peak(pid):
    for l in open("/proc/%d/status" % pid):
        if l.startswith("VmHWM:"):
            return int(l.split()[1])
    return 0


if __name__ == "__main__":
    if os.environ.get("SERVE_BENCH_INNER") == "1":
        inner()
    else:
        env = dict(os.environ, SERVE_BENCH_INNER="1")
        sys.exit(subprocess.call(["unshare", "--pid", "--fork", "--mount-proc", sys.executable,
                                  os.path.abspath(__file__)] + sys.argv[1:], env=env))
