# timeout: 90
# triage cachestat [interval [count]] (the system-wide form): a helper
# process on a private ext4 (a loop device whose image lives in a tmpfs, in a
# mount namespace of its own) reads an 8 MiB file after
# posix_fadvise(DONTNEED) (2048 misses), reads it again (2048 hits, no
# misses), writes 4 MiB to a new file (1024 dirties, no misses), each in a
# window of its own watched with -p and ended by SIGINT; the raw_tp
# fallback gives the same; a system-wide window's dirties match /proc/vmstat's nr_dirtied; nothing stays
# attached. Tolerance: 10 % of the expected pages (readahead and large folios
# round to folio sizes, metadata blocks are read too; a read whose first
# batch the kernel gets without its tracepoint, after creating or retrying a
# folio, counts from its second batch).
. "$TRIAGE_SRC/tests/lib.sh"
expect_exit 0 $TRIAGE cachestat --help
expect_exit 2 $TRIAGE cachestat -d x
expect_exit 2 $TRIAGE cachestat 1 2 3
expect_exit 2 $TRIAGE cachestat -p x
expect_exit 2 $TRIAGE cachestat -p 1 /dev/null
. "$TRIAGE_SRC/tests/bpf_lib.sh"
command -v mkfs.ext4 >/dev/null && [ -e /dev/loop-control ] || skip "no mkfs.ext4 or loop driver"
$TRIAGE cachestat --help | grep -q 'mm_filemap_get_pages' || fail "help: no tracepoint names"
M=$BT/m
mkfifo "$BT/cmd"
# The helper: sets up the mount, writes the 8 MiB file, then serves one
# command a time from the fifo and acknowledges it in $BT/ack.N.
timeout 80 unshare -m --propagation private bash -c '
	T=$1
	mkdir "$T/m" && mount -t tmpfs -o size=120m tmpfs "$T/m" || exit 1
	truncate -s 96M "$T/m/img" && mkfs.ext4 -q -F "$T/m/img" >/dev/null 2>&1 || exit 1
	mkdir "$T/m/mnt" && mount -o loop "$T/m/img" "$T/m/mnt" || exit 1
	exec python3 - "$T" <<"PY"
import os, sys
T = sys.argv[1]; d = T + "/m/mnt"; data = d + "/data"
fd = os.open(data, os.O_WRONLY | os.O_CREAT, 0o644)
os.write(fd, os.urandom(8 << 20)); os.fsync(fd); os.close(fd)
n = 0
with open(T + "/ready.tmp", "w") as r:
    r.write("%d\n" % os.getpid())
os.rename(T + "/ready.tmp", T + "/ready")
while True:
    with open(T + "/cmd") as f:
        cmd = f.read().strip()
    n += 1
    if cmd == "cold":
        fd = os.open(data, os.O_RDONLY); os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)
    elif cmd == "read":
        fd = os.open(data, os.O_RDONLY)
        while os.read(fd, 1 << 20):
            pass
        os.close(fd)
    elif cmd.startswith("write"):
        fd = os.open(d + "/" + cmd, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        buf = b"w" * (1 << 20)
        for _ in range(4):
            os.write(fd, buf)
        os.close(fd)
    elif cmd == "sync":
        os.sync()
    open(T + "/ack.%d" % n, "w").close()
    if cmd == "quit":
        break
PY
' sh "$BT" &
H=$!
trap 'kill $H 2>/dev/null; bt_cleanup' EXIT
for _ in $(seq 200); do [ -e "$BT/ready" ] && break; kill -0 $H 2>/dev/null || break; sleep 0.1; done
[ -e "$BT/ready" ] || { fail "the helper did not start"; done_test; }
P=$(cat "$BT/ready")	# the helper's python (timeout forks it)
N=0
# ask CMD: the helper does CMD; wait for its acknowledgement (20 s at most)
ask() {
	N=$((N + 1))
	echo "$1" >"$BT/cmd"
	for _ in $(seq 200); do [ -e "$BT/ack.$N" ] && return 0; sleep 0.1; done
	fail "the helper did not do '$1'"
}
# window NAME CMD [ARGS]: cachestat --json around CMD, ended by Ctrl-C
# (SIGINT) once CMD is done: the interval cut short is printed, exit 0
window() {
	local name=$1 cmd=$2; shift 2
	bt_start "$name" cachestat --json "$@" -d 60 60 || return 1
	ask "$cmd"
	kill -INT "$BT_PID"
	bt_wait
	expect_eq "$name: one line" "$(wc -l <"$BT/$name.out")" 1
	json_ok <"$BT/$name.out" || fail "$name: not JSON: $(cat "$BT/$name.out")"
}
f() { jq -r "$2" "$BT/$1.out"; }
ask cold
window cold read -p $P
expect_near "cold read: misses" "$(f cold .misses)" 2048 205
expect_near "cold read: pages added" "$(f cold .pages.added)" 2048 205
expect_near "cold read: pages read" "$(f cold .pages.read)" 2048 205
[ "$(f cold .hits)" -le 205 ] || fail "cold read: hits $(f cold .hits) > 205"
# the read may dirty the inode table block (atime) in the block device cache
[ "$(f cold .dirties)" -le 4 ] || fail "cold read: dirties $(f cold .dirties) > 4"
expect_eq "cold read: pid" "$(f cold .pid)" "$P"
window warm read -p $P
expect_near "warm read: hits" "$(f warm .hits)" 2048 205
[ "$(f warm .misses)" -le 20 ] || fail "warm read: misses $(f warm .misses) > 20"
expect_eq "warm read: ratio" "$(f warm '.hit_ratio >= 0.99')" true
TRIAGE_BPF_RAW_TP=1 window raw read -p $P
expect_near "raw_tp warm read: hits" "$(f raw .hits)" 2048 205
window write write1 -p $P
expect_near "write: dirties" "$(f write .dirties)" 1024 103
expect_near "write: pages added" "$(f write .pages.added)" 1024 103
[ "$(f write .misses)" -le 103 ] || fail "write: misses $(f write .misses) > 103 (the write's new pages)"
ask sync
# system-wide: the dirtied pages are /proc/vmstat's nr_dirtied (the same
# kernel function counts both; other writers count in both too)
window all write2
d=$(f all .dirties) v=$(f all .vmstat.nr_dirtied)
[ "$d" -ge 1024 ] || fail "system-wide: dirties $d < 1024"
expect_near "system-wide dirties vs nr_dirtied" "$d" "$v" $(( v / 10 + 64 ))
expect_eq "system-wide: pid" "$(f all .pid)" null
for k in buffers_mb cached_mb vmstat.pgpgin_kb vmstat.workingset_refault_file; do
	[ "$(f all ".$k | type")" = number ] || fail "system-wide: $k not a number: $(cat "$BT/all.out")"
done
# the text form: bcc's header and a row per interval
bt_start text cachestat -T 0.5 2 && bt_wait
head -1 "$BT/text.out" | grep -q '^TIME  *HITS  *MISSES  *DIRTIES HITRATIO  *BUFFERS_MB  *CACHED_MB$' ||
	fail "text: header: $(head -1 "$BT/text.out")"
expect_eq "text: rows" "$(grep -cE '^[0-9:]{8} +[0-9]+ +[0-9]+ +[0-9]+ +([0-9.]+%|-) +[0-9]+ +[0-9]+$' "$BT/text.out")" 2
for w in cold warm raw write all; do echo "$w: $(cat "$BT/$w.out")"; done
ask quit
wait $H
bt_no_leftovers
done_test
