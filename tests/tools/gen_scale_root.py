#!/usr/bin/env python3
"""gen_scale_root.py DIR [CPUS DISKS PROCS SOCKETS]: write two snapshots
DIR/t0 and DIR/t1 of a machine bigger than this one (default 256 CPUs, 1,000
disks, 10,000 processes, 100,000 TCP sockets) so that memory and output bounds
can be tested where the hardware can't reach them. t1 is t0 one second later:
every CPU 60 % busy, every disk 100 reads and 50 writes, every process
10 ticks of CPU. Sockets are a recorded sock_diag dump (sock_diag/tcp4.nl)."""
import os, struct, sys

root = sys.argv[1]
ncpu, ndisk, nproc, nsock = (int(x) for x in (sys.argv[2:6] + ["256", "1000", "10000", "100000"][len(sys.argv[2:6]):]))

def w(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)

for t in (0, 1):
    d = f"{root}/t{t}"
    up = 100000.0 + t
    w(f"{d}/proc/uptime", f"{up:.2f} {up * ncpu * 0.4:.2f}\n")
    w(f"{d}/proc/loadavg", "150.00 140.00 130.00 160/12000 99999\n")
    # each CPU: 100 ticks a second, 60 user 40 idle
    user, idle = 6000000 + 60 * t, 4000000 + 40 * t
    lines = [f"cpu  {user * ncpu} 0 0 {idle * ncpu} 0 0 0 0 0 0"]
    lines += [f"cpu{i} {user} 0 0 {idle} 0 0 0 0 0 0" for i in range(ncpu)]
    lines += ["intr 1000", f"ctxt {5000000 + 1000 * t}", "btime 1700000000",
              f"processes {200000 + 10 * t}", "procs_running 160", "procs_blocked 0", "softirq 0"]
    w(f"{d}/proc/stat", "\n".join(lines) + "\n")
    w(f"{d}/proc/meminfo", "MemTotal: 1056964608 kB\nMemFree: 500000000 kB\nMemAvailable: 800000000 kB\n"
      "Buffers: 1000000 kB\nCached: 200000000 kB\nSwapCached: 0 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n"
      "Shmem: 1000 kB\nSReclaimable: 1000000 kB\nSUnreclaim: 100000 kB\n")
    w(f"{d}/proc/vmstat", f"pgpgin {1000 * t}\npgpgout 0\npswpin 0\npswpout 0\npgfault 0\npgmajfault 0\noom_kill 0\n")
    os.makedirs(f"{d}/sys/devices/system/cpu", exist_ok=True)
    w(f"{d}/sys/devices/system/cpu/online", f"0-{ncpu - 1}\n")
    w(f"{d}/sys/devices/system/cpu/possible", f"0-{ncpu - 1}\n")
    disks = []
    for i in range(ndisk):
        name = f"sd{chr(97 + i // 676 % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i % 26)}"
        rd, wr = 100000 + 100 * t, 50000 + 50 * t
        disks.append(f"   8 {i * 16 % 256} {name} {rd} 0 {rd * 8} {rd} {wr} 0 {wr * 8} {wr * 2} 0 {1000 + 500 * t} {2000 + 500 * t} 0 0 0 0")
        if t == 0:
            w(f"{root}/sysblock/{name}/queue/rotational", "0\n")
            w(f"{root}/sysblock/{name}/size", "1000000\n")
    w(f"{d}/proc/diskstats", "\n".join(disks) + "\n")
    if not os.path.exists(f"{d}/sys/block"):
        os.symlink(f"{root}/sysblock", f"{d}/sys/block")
    for pid in range(100, 100 + nproc):
        p = f"{d}/proc/{pid}"
        if t == 1:
            os.makedirs(p, exist_ok=True)
            for f in ("status", "statm", "cmdline"):
                os.link(f"{root}/t0/proc/{pid}/{f}", f"{p}/{f}")
        else:
            w(f"{p}/status", f"Name:\tworker{pid}\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
              f"VmRSS:\t  4096 kB\nThreads:\t1\nvoluntary_ctxt_switches:\t10\nnonvoluntary_ctxt_switches:\t1\n")
            w(f"{p}/statm", "2000 1024 512 1 0 100 0\n")
            w(f"{p}/cmdline", f"worker{pid}\0--serve\0")
        ut = 1000 + 10 * t
        w(f"{p}/stat", f"{pid} (worker{pid}) S 1 {pid} {pid} 0 -1 4194560 100 0 0 0 {ut} 0 0 0 20 0 1 0 500 8192000 1024 "
          "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n")

# 100,000 established IPv4 sockets, one netlink message each, then NLMSG_DONE
msgs = bytearray()
for i in range(nsock):
    body = struct.pack("=BBBB", 2, 1, 0, 0)
    body += struct.pack("!HH", 10000 + i % 50000, 80) + struct.pack("=4I", 0x0100007f, 0, 0, 0)
    body += struct.pack("=4I", 0x0100007f, 0, 0, 0) + struct.pack("=I2I", 0, i, 0)
    body += struct.pack("=IIIII", 0, 0, 0, 0, 100000 + i)
    msgs += struct.pack("=IHHII", 16 + len(body), 20, 2, 1, 0) + body
msgs += struct.pack("=IHHIIi", 20, 3, 2, 1, 0, 0)
for t in (0, 1):
    w(f"{root}/t{t}/sock_diag/tcp4.nl", bytes(msgs), "wb")
