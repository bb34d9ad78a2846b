#!/usr/bin/env python3
"""The recorder's thread states and cgroups (issue 12 "cgroups", issue 13
"thread-state sampling ... at 1 Hz into the store"): the CPU and bytes they
add to one recorded sample, in one run, on this machine as it is and with
P processes of T sleeping threads added (bench/threads.c).

For each mode, `triage record -i 0.25 -n K --store DIR` runs with K = 1 and
K = 1 + S (S = 20); the steady cost of one sample is the difference divided by S
(user+sys from GNU time of the child, median of 3), and the bytes one
record adds on disk likewise (the store compresses each record against
the previous one). Modes: TRIAGE_THREADS=off (cgroups, no thread states),
proc (proc/PID/task/TID/{stat,schedstat,syscall,wchan}), bpf (the BPF task
iterator), and --no-procs (the host only: no processes, threads or
cgroups) as the floor.

Usage: bench/record_threads_cost.py [TRIAGE] [P T]...  (default ./triage 20 100)
Needs root. Prints a Markdown table for bench/RESULTS.md."""
import os, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TRIAGE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].isdigit() else os.path.abspath("./triage")
nums = [int(a) for a in sys.argv[1:] if a.isdigit()] or [20, 100]
SHAPES = list(zip(nums[0::2], nums[1::2]))
S = 20
MODES = [("--no-procs (host only)", {}, ["--no-procs"]), ("threads off (cgroups)", {"TRIAGE_THREADS": "off"}, []),
         ("threads /proc", {"TRIAGE_THREADS": "proc"}, []), ("threads bpf", {"TRIAGE_THREADS": "bpf"}, [])]
OUT = tempfile.mkdtemp(prefix="triage-recthr-")


def one(env, extra, k):
    d = os.path.join(OUT, "s")
    shutil.rmtree(d, ignore_errors=True)
    e = dict(os.environ)
    e.update(env)
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %U %S", TRIAGE, "record", "-i", "0.25", "-n", str(k),
                        "--store", d] + extra, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = [l for l in p.stderr.splitlines() if l.startswith("TIME ")][-1].split()
    size = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
    return (float(line[1]) + float(line[2])) * 1000, size


def measure(label):
    for name, env, extra in MODES:
        cpu, byt = [], []
        for _ in range(3):
            c1, b1 = one(env, extra, 1)
            c2, b2 = one(env, extra, 1 + S)
            cpu.append((c2 - c1) / S)
            byt.append((b2 - b1) / S)
        c, b = statistics.median(cpu), statistics.median(byt)
        print("| %s | %s | %.1f | %.2f %% | %.0f |" % (label, name, c, c / 10, b))
        sys.stdout.flush()


def nthreads():
    n = 0
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                n += len(os.listdir("/proc/%s/task" % d))
            except OSError:
                pass
    return n


def main():
    prog = os.path.join(OUT, "threads")
    subprocess.run(["cc", "-O2", "-pthread", "-o", prog, os.path.join(HERE, "threads.c")], check=True)
    print("| threads on the machine | recorded | CPU ms per sample (median of 3) | % of one CPU at 1 Hz "
          "| bytes on disk per record |")
    print("|---|---|---|---|---|")
    measure("%d (this machine)" % nthreads())
    for p, t in SHAPES:
        holder = subprocess.Popen([prog, str(p), str(t), "300"], stdout=subprocess.PIPE, text=True)
        try:
            holder.stdout.readline()
            measure("%d (+%d processes x %d threads)" % (nthreads(), p, t))
        finally:
            holder.terminate()
            holder.wait()
    shutil.rmtree(OUT, ignore_errors=True)


main()
