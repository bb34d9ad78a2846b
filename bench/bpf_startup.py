#!/usr/bin/env python3
"""Start-up and footprint of triage's BPF tools next to Debian's libbpf-tools.

For each tool and each implementation, REPS runs of:
  spawn (stdout on a pty, so both sides line-buffer as on a terminal;
  stderr on a pipe) -> first output line (both print their header or
  "Tracing ..." only after attaching) = "ready" -> RUN more seconds ->
  SIGINT -> wait4() for user+sys CPU and max RSS.
Reports medians. Usage: bench/bpf_startup.py [REPS] [RUN_SECONDS] [TOOL...] (as root;
TOOLs: only those).
"""
import os, pty, select, signal, statistics, sys, time

TRIAGE = os.environ.get("TRIAGE", os.path.join(os.path.dirname(__file__), "..", "triage"))
REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
RUN = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
ONLY = sys.argv[3:]

# (name, triage argv, libbpf-tools argv)
TOOLS = [
    ("runqlat", [TRIAGE, "runqlat"], ["/usr/sbin/runqlat"]),
    ("biolatency", [TRIAGE, "biolatency"], ["/usr/sbin/biolatency"]),
    ("offcputime", [TRIAGE, "offcputime"], ["/usr/sbin/offcputime"]),
    ("execsnoop", [TRIAGE, "execsnoop"], ["/usr/sbin/execsnoop"]),
    ("opensnoop", [TRIAGE, "opensnoop"], ["/usr/sbin/opensnoop"]),
    ("syscount", [TRIAGE, "syscount"], ["/usr/sbin/syscount"]),
    ("tcplife", [TRIAGE, "tcplife"], ["/usr/sbin/tcplife"]),
    ("biosnoop", [TRIAGE, "biosnoop"], ["/usr/sbin/biosnoop"]),
    ("filetop", [TRIAGE, "filetop", "-C"], ["/usr/sbin/filetop", "-C"]),
    ("tcptop", [TRIAGE, "tcptop", "-C"], ["/usr/sbin/tcptop", "-C"]),
    # libbpf-tools cachestat fails to load here (fentry EPERM, no kprobes):
    # its columns show how long it takes to fail
    ("cachestat", [TRIAGE, "cachestat"], ["/usr/sbin/cachestat"]),
]


def run_once(argv):
    master, slave = pty.openpty()
    rerr, werr = os.pipe()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.dup2(slave, 1)
        os.dup2(werr, 2)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        for fd in (master, slave, rerr, werr, devnull):
            os.close(fd)
        os.execv(argv[0], argv)
    os.close(slave)
    os.close(werr)
    ready = None
    buf = {master: b"", rerr: b""}
    deadline = t0 + 2  # some tools print nothing before the end (offcputime)
    while ready is None and time.monotonic() < deadline:
        r, _, _ = select.select([master, rerr], [], [], 0.5)
        for fd in r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            buf[fd] += chunk
            if b"\n" in buf[fd] and ready is None:
                ready = time.monotonic() - t0
    time.sleep(RUN)
    os.kill(pid, signal.SIGINT)
    end = time.monotonic() + 5
    while True:
        r, _, _ = select.select([master, rerr], [], [], 0.1)
        for fd in r:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid:
            break
        if time.monotonic() > end:
            os.kill(pid, signal.SIGKILL)
    os.close(master)
    os.close(rerr)
    return ready, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else float("nan")


def main():
    print(f"| tool | ready ms triage | ready ms libbpf-tools | CPU ms triage | CPU ms libbpf-tools "
          f"| CPU ratio | RSS MB triage | RSS MB libbpf-tools | RSS ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, ours, theirs in TOOLS:
        if ONLY and name not in ONLY:
            continue
        res = {}
        runs = {"t": [], "l": []}
        for _ in range(REPS):  # interleaved, so load changes hit both alike
            runs["t"].append(run_once(ours))
            runs["l"].append(run_once(theirs))
        for label, rs in runs.items():
            res[label] = (median([r[0] for r in rs]) * 1e3, median([r[1] for r in rs]) * 1e3,
                          median([r[2] for r in rs]) / 1024)
        t, l = res["t"], res["l"]
        print(f"| {name} | {t[0]:.1f} | {l[0]:.1f} | {t[1]:.1f} | {l[1]:.1f} | {t[1] / l[1]:.2f} "
              f"| {t[2]:.1f} | {l[2]:.1f} | {t[2] / l[2]:.2f} |", flush=True)


if __name__ == "__main__":
    main()
