#!/usr/bin/env python3
"""bench/tui_first_frame.py TRIAGE [RUNS]: time from start to the first
frame of the interactive triage top, htop and procps top on a pseudo
terminal of 120x40: the process is forked on a pty and the clock stops when
its output holds the process table's header ("PID USER"); the CPU it ran
and the time it waited for a CPU until then are its schedstat's (on a
loaded machine the wait is most of the wall time). Each run ends
the tool with q (then SIGTERM). Prints the median of RUNS (default 7) per
tool, in ms. Run with about 1,000 processes (bench/spawn)."""
import fcntl, os, pty, re, select, shutil, signal, statistics, struct, sys, termios, time

HEADER = re.compile(rb"PID +USER")


def first_frame(argv, limit=10.0):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    t0 = time.monotonic()
    seen, got = b"", None
    while time.monotonic() - t0 < limit:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += chunk
            # strip escape sequences: the header may be drawn piecewise
            if HEADER.search(re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", seen)):
                got = time.monotonic() - t0
                # CPU run so far and time spent waiting for a CPU (schedstat, ns)
                with open(f"/proc/{pid}/schedstat") as f:
                    run, wait = (int(x) for x in f.read().split()[:2])
                got = (got, run / 1e9, wait / 1e9)
                break
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    for _ in range(50):
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    os.close(fd)
    return got


def main():
    triage = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    tools = [("triage top", [triage, "top", "-d", "1"]), ("htop", ["htop", "-d", "10"]), ("procps top", ["top", "-d", "1"])]
    nproc = len([d for d in os.listdir("/proc") if d.isdigit()])
    print(f"{nproc} processes, {runs} runs each, pty 120x40")
    print("| tool | first frame ms (median) | min | max | CPU ms until then | waiting for a CPU ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, argv in tools:
        if not shutil.which(argv[0]):
            continue
        t = [x for x in (first_frame(argv) for _ in range(runs)) if x is not None]
        if not t:
            print(f"| {name} | no frame | | | | |")
            continue
        ms = [x[0] * 1000 for x in t]
        cpu = statistics.median(x[1] * 1000 for x in t)
        wait = statistics.median(x[2] * 1000 for x in t)
        print(f"| {name} | {statistics.median(ms):.1f} | {min(ms):.1f} | {max(ms):.1f} | {cpu:.1f} | {wait:.1f} |")


if __name__ == "__main__":
    main()
