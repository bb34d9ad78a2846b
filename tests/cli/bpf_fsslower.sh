# timeout: 120
# fsslower live, never on the machine's disks: a 200 MB fsync on ext4 on a
# loop device whose image lives in a tmpfs (both in a mount namespace of the
# test's own) is caught by `fsslower 5` with the file's name; a read from a
# slow FUSE file (tests/helpers/slowfs.py, 50 ms a read) with its bytes,
# offset and latency; a slow read of a pipe is not a file-system call.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"

# 1. ext4: fsync of 200 MB
if command -v mkfs.ext4 >/dev/null && command -v unshare >/dev/null && [ -e /dev/loop-control ]; then
	mkfifo "$BT/go"
	d=$BT/ext4
	mkdir -p "$d"
	timeout 90 unshare -m --propagation private bash -c '
		d=$1
		mount -t tmpfs -o size=700m tmpfs "$d" || exit 1
		truncate -s 600M "$d/img" && mkfs.ext4 -q -F "$d/img" >/dev/null 2>&1 || exit 1
		mkdir "$d/mnt" && mount -o loop "$d/img" "$d/mnt" || exit 1
		python3 -c "
import os, sys
fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT, 0o644)
open(sys.argv[3], \"w\").write(str(os.getpid()))
open(sys.argv[1]).read()
chunk = b\"x\" * (1 << 20)
for _ in range(200): os.write(fd, chunk)
os.fsync(fd)
os.close(fd)
" "$2" "$d/mnt/fsync-200M.dat" "$3"
		umount "$d/mnt"; umount "$d"
	' sh "$d" "$BT/go" "$BT/writer.pid" &
	ns=$!
	for _ in $(seq 300); do [ -s "$BT/writer.pid" ] && break; sleep 0.05; done
	if [ -s "$BT/writer.pid" ]; then
		wp=$(cat "$BT/writer.pid")
		bt_start ext4 fsslower 5 -p "$wp" --json || done_test
		echo go >"$BT/go"
		wait $ns || fail "the ext4 writer failed"
		bt_stop
		out=$BT/ext4.out
		echo "[$(paste -sd, "$out")]" | json_ok || fail "json invalid"
		ev=$(jq -c 'select(.op == "fsync")' "$out")
		[ -n "$ev" ] || fail "no fsync event: $(cat "$out")"
		case $(echo "$ev" | jq -r .file) in */fsync-200M.dat|fsync-200M.dat) ;; *) fail "fsync file: $ev" ;; esac
		expect_eq "fsync comm" "$(echo "$ev" | jq -r .comm)" python3
		expect_eq "fsync pid" "$(echo "$ev" | jq -r .pid)" "$wp"
		awk -v l="$(echo "$ev" | jq -r .lat_ms)" 'BEGIN { exit !(l >= 5) }' || fail "fsync latency: $ev"
		expect_eq "fsync errno" "$(echo "$ev" | jq -r .errno)" null
		expect_eq "no event under 5 ms" "$(jq 'select(.lat_ms < 5)' "$out" | wc -l)" 0
	else
		wait $ns
		skip_part "could not make an ext4 loop mount in a mount namespace"
	fi
else
	skip_part "no mkfs.ext4, unshare or loop driver: the ext4 fsync part did not run"
fi

# 2. FUSE: a read that waits 50 ms
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import fusepy' 2>/dev/null && [ -e /dev/fuse ]; then
	mnt=$BT/fuse
	mkdir "$mnt"
	/usr/bin/python3 "$TRIAGE_SRC/tests/helpers/slowfs.py" "$mnt" 0.05 4 30 2>/dev/null &
	fs=$!
	for _ in $(seq 100); do [ -e "$mnt/data" ] && break; sleep 0.05; done
	bt_start fuse fsslower 20 --json || done_test
	# one 4 KiB read at 12 KiB; the file stays open a moment (its path is read
	# from the descriptor when the event is printed)
	timeout 10 python3 -c '
import os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
os.lseek(fd, 12288, 0)
os.read(fd, 4096)
time.sleep(1)
' "$mnt/data"
	bt_stop
	fusermount3 -u -z "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
	kill $fs 2>/dev/null; wait $fs 2>/dev/null
	ev=$(jq -c --arg f "$mnt/data" 'select(.comm == "python3" and .op == "read" and (.file == $f or .file == "data"))' "$BT/fuse.out" | head -1)
	[ -n "$ev" ] || fail "no slow FUSE read: $(cat "$BT/fuse.out")"
	expect_eq "read bytes" "$(echo "$ev" | jq -r .bytes)" 4096
	expect_eq "read offset" "$(echo "$ev" | jq -r .offset)" 12288
	expect_eq "read file (the path: dd still had it open)" "$(echo "$ev" | jq -r .file)" "$mnt/data"
	awk -v l="$(echo "$ev" | jq -r .lat_ms)" 'BEGIN { exit !(l >= 40) }' || fail "read latency: $ev"
else
	skip_part "no python3-fusepy or /dev/fuse: the FUSE read part did not run"
fi

# 3. a pipe's slow read is not a file-system call; text output
bt_start pipe fsslower 5 || done_test
(sleep 0.3; echo x) | cat >/dev/null
bt_stop
head -1 "$BT/pipe.out" | grep -q '^TIME  *COMM  *PID  *T BYTES  *OFF_KB  *LAT(ms) FILENAME$' ||
	fail "header: $(head -1 "$BT/pipe.out")"
grep -q '^[0-9:]* cat ' "$BT/pipe.out" && fail "a pipe read was reported: $(grep ' cat ' "$BT/pipe.out")"

expect_exit 0 $TRIAGE fsslower --help
expect_exit 2 $TRIAGE fsslower --bogus
expect_exit 2 $TRIAGE fsslower abc
expect_exit 2 $TRIAGE fsslower 1 2
expect_exit 2 $TRIAGE fsslower -p abc
bt_no_leftovers
done_test
