#!/usr/bin/env python3
"""Socket conditions for triage's tests, on loopback only; ends by itself.

sockload.py SECONDS [--full N] [--closewait N] [--conns N] [--v6]
  --full N       a listener (backlog 5) with N unaccepted connections
  --closewait N  N connections whose peer closed, left in CLOSE_WAIT here
  --conns N      N established loopback connection pairs
  --v6           also an IPv6 listener on ::1 with one accepted connection
  --udp          a bound UDP socket and a connected one
Prints "ready PORT_FULL PORT_CW" on stdout when everything is set up, then
sleeps SECONDS and exits (closing everything)."""
import socket, sys, time, resource

args = sys.argv[1:]
secs = float(args.pop(0))
opt = {}
while args:
    a = args.pop(0)
    opt[a] = int(args.pop(0)) if a in ("--full", "--closewait", "--conns") else 1
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
keep = []
pfull = pcw = 0
if opt.get("--full"):
    l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(5)
    pfull = l.getsockname()[1]; keep.append(l)
    for i in range(opt["--full"]):
        c = socket.socket(); c.setblocking(False)
        try: c.connect(("127.0.0.1", pfull))
        except BlockingIOError: pass
        keep.append(c)
if opt.get("--closewait"):
    l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1024)
    pcw = l.getsockname()[1]; keep.append(l)
    clients = []
    for i in range(opt["--closewait"]):
        c = socket.create_connection(("127.0.0.1", pcw)); clients.append(c)
        s, _ = l.accept(); keep.append(s)   # server side: peer closes -> CLOSE_WAIT here
    for c in clients: c.close()             # clients go FIN-WAIT-2 (then closed by the kernel)
if opt.get("--conns"):
    l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(4096); keep.append(l)
    p = l.getsockname()[1]
    for i in range(opt["--conns"]):
        c = socket.create_connection(("127.0.0.1", p)); s, _ = l.accept(); keep += [c, s]
if opt.get("--v6") and socket.has_ipv6:
    l = socket.socket(socket.AF_INET6); l.bind(("::1", 0)); l.listen(16); keep.append(l)
    c = socket.create_connection(("::1", l.getsockname()[1])); s, _ = l.accept(); keep += [c, s]
    c.send(b"x" * 1000)   # 1000 bytes unread in s's receive queue
if opt.get("--udp"):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); keep.append(u)
    v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); v.connect(u.getsockname()); keep.append(v)
print("ready", pfull, pcw, flush=True)
time.sleep(secs)
