#!/usr/bin/env python3
"""fdload.py SECONDS DIR NOPEN NDELETED: open NOPEN regular files in DIR, of
which NDELETED are unlinked (each holding 4096 x (i+1) bytes), print "ready",
sleep SECONDS, exit. Files are created in DIR (the test removes DIR)."""
import os, sys, time, resource
secs, d, nopen, ndel = float(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, nopen + 64)), hard))
fds = []
for i in range(nopen):
    p = os.path.join(d, "f%d" % i)
    fd = os.open(p, os.O_RDWR | os.O_CREAT, 0o600)
    if i < ndel:
        os.write(fd, b"x" * 4096 * (i + 1))
        os.unlink(p)
    fds.append(fd)
print("ready", flush=True)
time.sleep(secs)
