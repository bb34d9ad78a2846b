import mmap, os, sys, time
d = sys.argv[1]
f = os.path.join(d, "map\x1b[31mfile")
with open(f, "wb") as h: h.write(b"x" * 65536)
fd = os.open(f, os.O_RDWR)
m1 = mmap.mmap(fd, 65536)
m1[0:4096] = b"y" * 4096
g = os.path.join(d, "gone")
with open(g, "wb") as h: h.write(b"z" * 8192)
fd2 = os.open(g, os.O_RDONLY)
m2 = mmap.mmap(fd2, 8192, prot=mmap.PROT_READ)
os.unlink(g)
m3 = mmap.mmap(-1, 1 << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_NORESERVE", 0x4000))
m3[0:8192] = b"a" * 8192
print("ready", os.getpid(), flush=True)
time.sleep(float(sys.argv[2]))
