#!/usr/bin/python3
"""A deliberately slow FUSE filesystem for the scenarios (python3-fusepy):
one file, /data, of SIZE MiB whose reads (and writes, if WRITABLE) each
sleep DELAY seconds before answering. Other operations (getattr, statfs)
answer at once, so only I/O hangs.

Usage: slowfs.py MOUNTPOINT DELAY SIZE_MIB LIFETIME [writable]
It unmounts itself and exits after LIFETIME seconds (bounded: at most 120),
whatever the readers are doing; a pending request then fails with ENOTCONN."""
import errno, os, stat, sys, threading, time

try:
    from fusepy import FUSE, FuseOSError, Operations  # Debian's python3-fusepy
except ImportError:
    from fuse import FUSE, FuseOSError, Operations

mnt, delay, size_mib, life = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), min(float(sys.argv[4]), 120)
writable = len(sys.argv) > 5 and sys.argv[5] == "writable"
SIZE = size_mib << 20
store = bytearray(SIZE) if writable else None


class Slow(Operations):
    def getattr(self, path, fh=None):
        now = time.time()
        if path == "/":
            return dict(st_mode=stat.S_IFDIR | 0o755, st_nlink=2, st_size=0, st_mtime=now, st_atime=now, st_ctime=now)
        if path == "/data":
            mode = 0o666 if writable else 0o444
            return dict(st_mode=stat.S_IFREG | mode, st_nlink=1, st_size=SIZE, st_mtime=now, st_atime=now, st_ctime=now)
        raise FuseOSError(errno.ENOENT)

    def readdir(self, path, fh):
        return [".", "..", "data"]

    def open(self, path, flags):
        return 0

    def read(self, path, size, offset, fh):
        time.sleep(delay)
        if store is not None:
            return bytes(store[offset:offset + size])
        return b"x" * max(0, min(size, SIZE - offset))

    def write(self, path, data, offset, fh):
        if store is None:
            raise FuseOSError(errno.EROFS)
        time.sleep(delay)
        store[offset:offset + len(data)] = data
        return len(data)

    def truncate(self, path, length, fh=None):
        return 0

    def statfs(self, path):
        n = SIZE // 4096
        return dict(f_bsize=4096, f_frsize=4096, f_blocks=4 * n, f_bfree=3 * n, f_bavail=3 * n)


def reaper():
    time.sleep(life)
    os.system("fusermount3 -u -z %s 2>/dev/null || fusermount -u -z %s 2>/dev/null || umount -l %s"
              % (mnt, mnt, mnt))
    time.sleep(1)
    os._exit(0)


threading.Thread(target=reaper, daemon=True).start()
FUSE(Slow(), mnt, foreground=True, nothreads=False, allow_other=True, fsname="slowfs")
