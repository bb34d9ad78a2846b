#!/usr/bin/env python3
"""CPU cost of the bare `triage` report (issue 3, "Must hold"), measured with
getrusage(RUSAGE_CHILDREN) around each run (user + system time of the child):

  1. the 10-command checklist run once, each for one interval (uptime;
     dmesg | tail; vmstat 1 2; mpstat -P ALL 1 1; pidstat 1 1; iostat -xz 1 2;
     free -m; sar -n DEV 1 1; sar -n TCP,ETCP 1 1; top -b -n 1), summed;
  2. `triage` (default: 5 s at 1 s, text to /dev/null), 3 runs, median;
  3. the same with N extra idle processes (bench/spawn.c, each ends by itself).

Usage: bench/triage_cost.py [TRIAGE] [N...]   (default ./triage, N = 2000)
Prints a Markdown table for bench/RESULTS.md."""
import os, resource, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
TRIAGE = sys.argv[1] if len(sys.argv) > 1 else "./triage"
COUNTS = [int(a) for a in sys.argv[2:]] or [2000]
CHECKLIST = ["uptime", "dmesg | tail", "vmstat 1 2", "mpstat -P ALL 1 1", "pidstat 1 1",
             "iostat -xz 1 2", "free -m", "sar -n DEV 1 1", "sar -n TCP,ETCP 1 1", "top -b -n 1"]


def cpu_ms(cmd, shell=False):
    """CPU (user+sys, ms) and wall time (s) of one command and its children."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run(cmd, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1 = time.monotonic()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000, t1 - t0


def nprocs():
    return sum(1 for d in os.listdir("/proc") if d.isdigit())


def triage_runs(n=3):
    runs = [cpu_ms([TRIAGE]) for _ in range(n)]
    return statistics.median(c for c, _ in runs), max(w for _, w in runs)


def loadavg():
    return open("/proc/loadavg").read().split()[0]


def main():
    spawn = os.path.join(HERE, "..", ".output", "spawn")
    subprocess.run(["cc", "-O2", "-o", spawn, os.path.join(HERE, "spawn.c")], check=True)
    print("| processes | load1 | command | CPU ms | % of one CPU over its run | wall s |")
    print("|---|---|---|---|---|---|")
    n0 = nprocs()
    total = sum(cpu_ms(c, shell=True)[0] for c in CHECKLIST)
    print(f"| {n0} | {loadavg()} | the 10-command checklist once | {total:.1f} | | |")
    cpu, wall = triage_runs()
    print(f"| {n0} | {loadavg()} | `triage` (5 s) | {cpu:.1f} | {cpu / 50:.2f} | {wall:.2f} |")
    for extra in COUNTS:
        p = subprocess.Popen([spawn, str(extra), "60"], stdout=subprocess.PIPE, text=True)
        p.stdout.readline()  # "ready N"
        try:
            n = nprocs()
            total = sum(cpu_ms(c, shell=True)[0] for c in CHECKLIST)
            print(f"| {n} | {loadavg()} | the 10-command checklist once | {total:.1f} | | |")
            cpu, wall = triage_runs()
            print(f"| {n} | {loadavg()} | `triage` (5 s) | {cpu:.1f} | {cpu / 50:.2f} | {wall:.2f} |")
        finally:
            # end the children we started, by their ids, then their parent
            try:
                kids = open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()
            except OSError:
                kids = []
            for k in kids:
                try:
                    os.kill(int(k), 15)
                except OSError:
                    pass
            p.terminate()
            p.wait()


if __name__ == "__main__":
    main()
