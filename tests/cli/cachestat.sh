# timeout: 60
# cachestat FILE: on ext4 on a loop device whose image lives in a tmpfs (in a
# mount namespace of the test's own: never the machine's disks), a 4 MiB file
# is 0 % cached after fsync + posix_fadvise(DONTNEED) and 100 % after a full
# read, by cachestat(2) and by the mincore(2) fallback; dirty pages before the
# fsync; a directory is walked; hostile names escaped; errors.
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root for a loop mount in a mount namespace"
command -v mkfs.ext4 >/dev/null && [ -e /dev/loop-control ] || skip "no mkfs.ext4 or loop driver"
T=$(mktemp -d /tmp/triage-cachestat.XXXXXX)
trap 'rm -rf "$T"' EXIT
timeout 50 unshare -m --propagation private bash -c '
	T=$1/ns TRIAGE=$2
	mkdir "$T" && mount -t tmpfs -o size=200m tmpfs "$T" || exit 1
	truncate -s 64M "$T/img" && mkfs.ext4 -q -F "$T/img" >/dev/null 2>&1 || exit 1
	mkdir "$T/mnt" && mount -o loop "$T/img" "$T/mnt" || exit 1
	f=$T/mnt/data
	evil=$T/mnt/sub/a$(printf "\033")b
	mkdir "$T/mnt/sub"
	python3 -c "
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o644)
os.write(fd, b\"x\" * (4 << 20))
os.close(fd)
" "$f"
	"$TRIAGE" cachestat --json "$f" >"$T/dirty.json" 2>&1
	echo hi >"$evil"
	python3 -c "
import os, sys
for p in sys.argv[1:]:
    fd = os.open(p, os.O_RDONLY)
    os.fsync(fd)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
" "$f" "$evil"
	"$TRIAGE" cachestat --json "$f" >"$T/cold.json" 2>&1
	TRIAGE_CACHESTAT_MINCORE=1 "$TRIAGE" cachestat --json "$f" >"$T/cold.mincore.json" 2>&1
	cat "$f" >/dev/null
	"$TRIAGE" cachestat --json "$f" >"$T/warm.json" 2>&1
	TRIAGE_CACHESTAT_MINCORE=1 "$TRIAGE" cachestat --json "$f" >"$T/warm.mincore.json" 2>&1
	"$TRIAGE" cachestat "$T/mnt" >"$T/dir.txt" 2>&1
	umount "$T/mnt"
	cp "$T"/*.json "$T"/*.txt "$3"/
	umount "$T"
' sh "$T" "$TRIAGE" "$T" || { fail "the ext4 loop mount part failed"; done_test; }
for f in dirty cold cold.mincore warm warm.mincore; do
	json_ok <"$T/$f.json" || fail "$f: json invalid: $(cat "$T/$f.json")"
done
g() { jq -r ".files[0].$2" "$T/$1.json"; }
expect_eq "pages" "$(g cold pages)" 1024
expect_eq "dirty before fsync" "$(g dirty dirty)" 1024
expect_eq "cold cached" "$(g cold cached)" 0
expect_eq "cold percent" "$(g cold cached_percent)" 0
expect_eq "cold source" "$(g cold source)" cachestat
# DONTNEED invalidates: no shadow entries, so nothing counts as evicted
expect_eq "cold evicted" "$(g cold evicted)" 0
expect_eq "warm cached" "$(g warm cached)" 1024
expect_eq "warm percent" "$(g warm cached_percent)" 100
expect_eq "warm dirty" "$(g warm dirty)" 0
expect_eq "mincore cold" "$(g cold.mincore cached)" 0
expect_eq "mincore warm" "$(g warm.mincore cached)" 1024
expect_eq "mincore source" "$(g warm.mincore source)" mincore
expect_eq "mincore dirty unknown" "$(g warm.mincore dirty)" null
# the directory: both files and a total; the ESC byte escaped
grep -q ' 1024 \+1024 \+100\.00 .*/mnt/data$' "$T/dir.txt" || fail "dir: data row: $(cat "$T/dir.txt")"
grep -qF '/mnt/sub/a\eb' "$T/dir.txt" || fail "dir: escaped name: $(cat -v "$T/dir.txt")"
grep -q "$(printf '\033')" "$T/dir.txt" && fail "a raw ESC reached the terminal"
grep -q 'total (2 files)$' "$T/dir.txt" || fail "dir: total: $(tail -1 "$T/dir.txt")"

expect_exit 0 $TRIAGE cachestat --help
expect_exit 2 $TRIAGE cachestat -p 1 /dev/null
expect_exit 2 $TRIAGE cachestat -T /dev/null
expect_exit 2 $TRIAGE cachestat --bogus x
expect_exit 1 $TRIAGE cachestat /nonexistent-triage
done_test
