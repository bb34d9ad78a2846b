# Real conditions for vmstat and mpstat: a known block read shows in bi, a
# CPU saturated by busy loops shows in r, us and %idle. Bounded: every process
# started here ends by itself within 4 s; the file is removed on exit.
. "$TRIAGE_SRC/tests/lib.sh"
command -v dd >/dev/null || skip "no dd"
D=$(mktemp -d /var/tmp/triage-cpumem.XXXXXX)
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$D"; }
trap cleanup EXIT

# 1. 64 MiB read with O_DIRECT (no page cache): /proc/vmstat pgpgin grows by
# 65536 kB, so the 1-second vmstat line shows bi >= 65536 (plus whatever the
# other agents read in that second); procps vmstat over the same second too.
# Where /var/tmp has no O_DIRECT (tmpfs before 6.6), the file is read through
# a loop device, whose reads count in pgpgin the same way.
dd if=/dev/urandom of="$D/f" bs=1M count=64 conv=fsync status=none
src=$D/f loop=
if ! dd if="$src" of=/dev/null bs=1M count=1 iflag=direct status=none 2>/dev/null &&
	[ "$(id -u)" = 0 ] && loop=$(losetup -f --show "$D/f" 2>/dev/null); then
	src=$loop
	trap 'losetup -d "$loop"; cleanup' EXIT
fi
if dd if="$src" of=/dev/null bs=1M count=1 iflag=direct status=none 2>/dev/null; then
	$TRIAGE vmstat 1 2 >"$D/ours" &
	pids="$pids $!"
	p1=$!
	vmstat 1 2 >"$D/theirs" 2>/dev/null &
	pids="$pids $!"
	p2=$!
	sleep 0.3
	dd if="$src" of=/dev/null bs=1M iflag=direct status=none
	wait $p1 $p2
	bi=$(sed -n 4p "$D/ours" | awk '{print $9}')
	tbi=$(sed -n 4p "$D/theirs" | awk '{print $9}')
	echo "direct read of 65536 kB: triage bi $bi, procps bi $tbi"
	awk -v b="$bi" 'BEGIN { exit !(b >= 65536 * 0.98 && b < 65536 * 4) }' || fail "bi $bi: want about 65536"
	[ -n "$tbi" ] && expect_near "bi vs procps" "$bi" "$tbi" "$(( tbi / 10 + 1024 ))"
else
	skip_part "O_DIRECT not supported on $D and no loop device: the bi check did not run"
fi

# 2. Three busy loops on a 2-CPU machine for 3 s: every CPU busy, at least 3
# runnable tasks, %idle of "all" near 0.
n=$(( $(nproc) + 1 ))
for i in $(seq $n); do
	timeout 3 sh -c 'while :; do :; done' &
	pids="$pids $!"
done
sleep 0.3
$TRIAGE vmstat 1 2 >"$D/vm" &
p1=$!
$TRIAGE mpstat 1 1 >"$D/mp"
wait $p1
r=$(sed -n 4p "$D/vm" | awk '{print $1}')
us=$(sed -n 4p "$D/vm" | awk '{print $13 + $14}')
idle=$(awk '$1 == "Average:" && $2 == "all" {print $12}' "$D/mp")
echo "saturated: vmstat r $r, us+sy $us; mpstat all %idle $idle"
[ "${r:-0}" -ge "$n" ] || fail "vmstat r $r: want >= $n busy loops"
expect_near "us+sy" "$us" 100 10
expect_near "idle" "$idle" 0 10
done_test
