# triage sar -S and -W live, side by side with sysstat's sar, on a swap the
# test makes: a zram device (hot_add, 256 MiB, swapon), a memory cgroup (v1)
# limited to 64 MiB and a process in it that touches 192 MiB, so ~128 MiB go
# to swap during the interval and come back when it reads them again. All of
# it is removed on exit, failure included. Needs root, zram, mkswap, swapon
# and the cgroup v1 memory controller; skipped otherwise.
. "$TRIAGE_SRC/tests/lib.sh"
command -v sar >/dev/null || skip "sysstat sar not installed"
[ "$(id -u)" = 0 ] || skip "needs root (zram, swapon)"
command -v mkswap >/dev/null && command -v swapon >/dev/null || skip "no mkswap/swapon"
[ -w /sys/class/zram-control/hot_add ] || modprobe zram 2>/dev/null
[ -r /sys/class/zram-control/hot_add ] || skip "no zram"
CG=/sys/fs/cgroup/memory
[ -w "$CG/cgroup.procs" ] || skip "no cgroup v1 memory controller"
tmp=$(mktemp -d /tmp/triage-sar-swap.XXXXXX)
n=; cg=; hog=
cleanup() {
	[ -n "$hog" ] && kill "$hog" 2>/dev/null && wait "$hog" 2>/dev/null
	if [ -n "$n" ]; then
		swapoff "/dev/zram$n" 2>/dev/null
		echo "$n" >/sys/class/zram-control/hot_remove 2>/dev/null
	fi
	[ -n "$cg" ] && rmdir "$cg" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
n=$(cat /sys/class/zram-control/hot_add) || skip "zram hot_add failed"
echo 256M >"/sys/block/zram$n/disksize" || fail "zram disksize"
mkswap "/dev/zram$n" >/dev/null 2>&1 || fail "mkswap /dev/zram$n"
swapon "/dev/zram$n" || fail "swapon /dev/zram$n"
cg=$CG/triage-sar-swap-$$
mkdir "$cg" || fail "mkdir $cg"
echo $((64 << 20)) >"$cg/memory.limit_in_bytes" || fail "memory limit"
echo 100 >"$cg/memory.swappiness" 2>/dev/null
# the allocator: joins the cgroup, touches 192 MiB twice (out, then back in)
sh -c 'echo $$ >"$1/cgroup.procs" && exec timeout 20 python3 -c "
import time
b = bytearray(192 << 20)
for r in range(2):
    for i in range(0, len(b), 4096): b[i] = r + 1
    time.sleep(0.5)
time.sleep(3)"' sh "$cg" &
hog=$!
sleep 0.5
LC_ALL=C timeout 15 "$TRIAGE" sar -S -W 3 1 >"$tmp/ours" 2>"$tmp/ours.err" &
p1=$!
LC_ALL=C timeout 15 sar -S -W 3 1 >"$tmp/theirs" 2>&1 &
p2=$!
wait $p1 $p2
[ -s "$tmp/ours.err" ] && fail "triage said: $(cat "$tmp/ours.err")"
col() {
	awk -v h="$2" '$1 == "Average:" { if (!c) { if ($NF !~ /^[0-9.-]+$/) for (i = 2; i <= NF; i++) if ($i == h) { c = i; next } }
		else { print $c; exit } }' "$1"
}
for h in kbswpused pswpout/s pswpin/s; do
	o=$(col "$tmp/ours" $h); t=$(col "$tmp/theirs" $h)
	echo "live $h: triage $o, sysstat $t"
	expect_near "live $h" "$o" "$t" "$(awk -v t="$t" 'BEGIN{print 2000 + 0.10 * t}')"
done
# the swap the test caused: at least half of the 128 MiB over the limit
awk -v u="$(col "$tmp/ours" kbswpused)" 'BEGIN{exit !(u >= 65536)}' ||
	fail "live: kbswpused $(col "$tmp/ours" kbswpused) kB, under half the 128 MiB pushed out"
awk -v o="$(col "$tmp/ours" pswpout/s)" 'BEGIN{exit !(o > 0)}' || fail "live: no pswpout/s"
done_test
