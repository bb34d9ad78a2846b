#!/usr/bin/env python3
"""pidload.py SECONDS [--files N] [--deleted N] [--full N] [--closewait N]
              [--busy SECS] [--leak N] DIR
One process with the conditions `triage pid` reports, loopback only, files in
DIR (the caller removes DIR); it ends by itself after SECONDS.
  --files N      N regular files open in DIR
  --deleted N    of which N unlinked while open
  --full N       a listener (backlog 2) with N unaccepted connections
  --closewait N  N accepted connections whose peer closed: CLOSE_WAIT here
  --busy SECS    a second thread spinning for SECS seconds
  --leak N       after "ready", open N more files per second (until SECONDS)
Prints "ready PORT" once set up (PORT: the full listener's, or 0)."""
import os, socket, sys, threading, time

args = sys.argv[1:]
secs = float(args.pop(0))
d = args.pop()
opt = {}
while args:
    a = args.pop(0)
    opt[a] = float(args.pop(0))
keep, files = [], []
for i in range(int(opt.get("--files", 0))):
    p = os.path.join(d, "f%d" % i)
    fd = os.open(p, os.O_RDWR | os.O_CREAT, 0o600)
    if i < int(opt.get("--deleted", 0)):
        os.unlink(p)
    files.append(fd)
port = 0
if opt.get("--full"):
    l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(2)
    port = l.getsockname()[1]; keep.append(l)
    for i in range(int(opt["--full"])):
        c = socket.socket(); c.setblocking(False)
        try: c.connect(("127.0.0.1", port))
        except BlockingIOError: pass
        keep.append(c)
if opt.get("--closewait"):
    l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(64); keep.append(l)
    cl = []
    for i in range(int(opt["--closewait"])):
        c = socket.create_connection(("127.0.0.1", l.getsockname()[1])); cl.append(c)
        s, _ = l.accept(); keep.append(s)
    for c in cl: c.close()
end = time.time() + secs
if opt.get("--busy"):
    def spin(until):
        while time.time() < until: pass
    threading.Thread(target=spin, args=(time.time() + opt["--busy"],), daemon=True).start()
print("ready %d" % port, flush=True)
n = 0
while time.time() < end:
    if opt.get("--leak"):
        p = os.path.join(d, "leak%d" % n); n += 1
        files.append(os.open(p, os.O_RDWR | os.O_CREAT, 0o600))
        time.sleep(1.0 / opt["--leak"])
    else:
        time.sleep(min(0.1, max(0, end - time.time())))
