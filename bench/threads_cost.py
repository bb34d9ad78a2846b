#!/usr/bin/env python3
"""CPU cost of the report's thread-state sampling (issue 13), measured with
getrusage(RUSAGE_CHILDREN) around each run of `triage -d 5 -i 1` (6 samples
of every thread): without thread sampling (TRIAGE_THREADS=off), with the
/proc reader (TRIAGE_THREADS=proc), with the BPF task iterator (=bpf, root,
BTF) and the default choice between them (auto). The difference to "off", divided by the 6 samples, is the cost of one
sample of every thread; at one sample a second that is its share of one CPU.

With --record the same for the flight recorder in its steady state: the
CPU of `triage record -i 1 -n 13` less that of `-n 7`, over the 6 samples
between (the loads, BTF and kallsyms, paid once, cancel out), with thread
states off and on (auto): as root with BTF its task iterator's one pass
gives the thread states with the process list (no iterator of their own).

Usage: bench/threads_cost.py [--record] [TRIAGE] [P T]...  (default ./triage
100 100: 100 processes of 100 threads, bench/threads.c, each ends by itself).
Prints a Markdown table for bench/RESULTS.md."""
import os, resource, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RECORD = "--record" in sys.argv[1:]
argv = [a for a in sys.argv[1:] if a != "--record"]
TRIAGE = argv[0] if argv else "./triage"
args = [int(a) for a in argv[1:]] or [100, 100]
SHAPES = list(zip(args[0::2], args[1::2]))
MODES = [("off", {"TRIAGE_THREADS": "off"}), ("/proc", {"TRIAGE_THREADS": "proc"}),
         ("bpf", {"TRIAGE_THREADS": "bpf"}), ("auto", {})]


def cpu_ms(env, n=7):
    e = dict(os.environ)
    e.update(env)
    store = tempfile.mkdtemp(prefix="triage-thrbench-") if RECORD else None
    cmd = [TRIAGE, "record", "-i", "1", "-n", str(n), "--store", store + "/s"] if RECORD else [TRIAGE, "-d", "5", "-i", "1"]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if store:
        shutil.rmtree(store)
    return ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000


def nthreads():
    n = 0
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                n += len(os.listdir("/proc/%s/task" % d))
            except OSError:
                pass
    return n


def record_ms(env):
    """Six recorded samples in the steady state, ms."""
    return cpu_ms(env, 13) - cpu_ms(env, 7)


def measure(label):
    base = None
    for name, env in (MODES if not RECORD else [MODES[0], MODES[3]]):
        runs = [record_ms(env) if RECORD else cpu_ms(env) for _ in range(3)]
        med = statistics.median(runs)
        if base is None:
            base = med
            print("| %s | %s | %.0f | | |" % (label, name, med))
        else:
            per = (med - base) / 6
            print("| %s | %s | %.0f | %.1f | %.2f %% |" % (label, name, med, per, per / 10))
        sys.stdout.flush()


def main():
    prog = os.path.join(HERE, "..", ".output", "bench-threads")
    subprocess.run(["cc", "-O2", "-pthread", "-o", prog, os.path.join(HERE, "threads.c")], check=True)
    what = "triage record -i 1 -n 13` less `-n 7" if RECORD else "triage -d 5 -i 1"
    print("| threads on the machine | thread sampling | CPU ms of `" + what + "` (median of 3) "
          "| ms per sample of every thread | % of one CPU at 1 Hz |")
    print("|---|---|---|---|---|")
    measure("%d (this machine)" % nthreads())
    for p, t in SHAPES:
        holder = subprocess.Popen([prog, str(p), str(t), "120"], stdout=subprocess.PIPE, text=True)
        try:
            holder.stdout.readline()
            measure("%d (+%d processes x %d threads)" % (nthreads(), p, t))
        finally:
            holder.terminate()
            holder.wait()


main()
