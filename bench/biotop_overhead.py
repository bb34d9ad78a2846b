#!/usr/bin/env python3
"""triage biotop under a block I/O load: its CPU, the kernel-side cost per
request, and what it costs the workload (as root).

A loop device over a file in /dev/shm (no disk under it: less noise)
takes REPS rounds of `dd bs=4k
oflag=direct` (COUNT writes each, one request each), interleaved: alone,
then with `triage biotop -C 1` tracing. For each traced round: biotop's
user+sys CPU (wait4), and with kernel.bpf_stats_enabled=1 (restored after)
the run time of its BPF programs divided by the requests; and biotop run
as long again with no dd, for its start-up CPU. libbpf-tools'
biotop cannot be compared on this kernel: it attaches a kprobe to
blk_account_io_start and CONFIG_KPROBES is off.

Usage: bench/biotop_overhead.py [TRIAGE] [REPS] [COUNT]"""
import json, os, signal, statistics, subprocess, sys, tempfile, time

triage = sys.argv[1] if len(sys.argv) > 1 else "./triage"
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
count = int(sys.argv[3]) if len(sys.argv) > 3 else 20000


NAMES = {"io_start_btf", "insert_btf", "issue_btf", "complete_btf"}


def progs():
    """id -> run time (ns) of the loaded programs named as biotop's."""
    out = json.loads(subprocess.check_output(["bpftool", "prog", "show", "-j"]))
    return {p["id"]: p.get("run_time_ns", 0) for p in out if p.get("name") in NAMES}


def dd(loop):
    t = time.monotonic()
    subprocess.run(["dd", "if=/dev/zero", "of=" + loop, "bs=4k", "count=%d" % count,
                    "oflag=direct"], check=True, stderr=subprocess.DEVNULL)
    return time.monotonic() - t


def traced(loop, idle=0.0):
    """biotop -C 1 while dd runs (or, with idle, for that many seconds of no
    load of ours): dd's wall time, biotop's CPU ms, BPF ns per request."""
    old = progs()
    p = subprocess.Popen([triage, "biotop", "-C", "1"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    p.stderr.readline()                 # "Tracing ..."
    if idle:
        time.sleep(idle)
        wall = idle
    else:
        wall = dd(loop)
    ns = sum(v for i, v in progs().items() if i not in old)  # biotop's: new, from 0
    p.send_signal(signal.SIGINT)
    _, _, ru = os.wait4(p.pid, 0)
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, ns / count


def main():
    img = tempfile.NamedTemporaryFile(dir="/dev/shm", prefix="biotop-bench.", delete=False)
    img.truncate(256 << 20)
    img.close()
    loop = subprocess.check_output(["losetup", "-f", "--show", img.name], text=True).strip()
    stats = open("/proc/sys/kernel/bpf_stats_enabled").read().strip()
    alone, wall, cpu, per, idle = [], [], [], [], []
    try:
        with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
            f.write("1")
        for _ in range(reps):
            alone.append(dd(loop))
            w, c, n = traced(loop)
            wall.append(w); cpu.append(c); per.append(n)
            idle.append(traced(loop, w)[1])
    finally:
        with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
            f.write(stats)
        subprocess.run(["losetup", "-d", loop])
        os.unlink(img.name)
    print("rounds alone %s, with biotop %s" % (["%.2f" % x for x in alone], ["%.2f" % x for x in wall]))
    med = statistics.median
    print("load average: %s" % open("/proc/loadavg").read().strip())
    print("%d rounds of dd bs=4k count=%d oflag=direct to %s, medians:" % (reps, count, loop))
    print("  dd alone            %.3f s (%.0f IOPS)" % (med(alone), count / med(alone)))
    print("  dd with biotop      %.3f s (%.0f IOPS), %+.1f%%" % (
        med(wall), count / med(wall), (med(wall) / med(alone) - 1) * 100))
    print("  biotop CPU          %.1f ms user+sys from start to exit, with dd (%.2f s)" % (
        med(cpu), med(wall)))
    print("  biotop CPU idle     %.1f ms for the same time without dd (start-up: BTF, load)" % med(idle))
    print("  counting+reporting  %.1f ms more under the load (paired median)" % med(
        [c - i for c, i in zip(cpu, idle)]))
    print("  BPF programs        %.0f ns per request (io_start+issue+complete)" % med(per))


main()
