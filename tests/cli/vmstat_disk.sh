# triage vmstat -d, -D, -p (procps-ng 4.0.2's disk reports): fixture goldens
# with hand-computed values, JSON, bad input, and live against procps.
. "$TRIAGE_SRC/tests/lib.sh"
D=$FIX/disks
# t0's whole disks (sys/block entries) in /proc/diskstats order: loop0, sda,
# nvme0n1, dm-0; partitions sda1, nvme0n1p1, nvme0n1p2 are left out of -d.
# sda: io_ticks 90000 ms -> sec 90, in_flight 1 -> cur 1 / 1000 = 0 (procps).
expect_golden vmstat-disks-d.txt "$TRIAGE" vmstat -d --root "$D/t0"
expect_golden vmstat-disks-dw.txt "$TRIAGE" vmstat -d -w --root "$D/t0"
# -D: 4 disks, 3 partitions; reads 0 + 5000 + 10000 + 9000 = 24000, read ms
# 40000 + 5000 + 4500 = 49500, "milli spent IO" 90 + 40 + 39 = 169 (seconds,
# procps' label), weighted 100 + 35 + 37 = 172
expect_golden vmstat-disks-D.txt "$TRIAGE" vmstat -D --root "$D/t0"
# -p: the header once, then one line per snapshot (totals, not rates);
# /dev/ is dropped from the name as procps does
expect_golden vmstat-disks-p.txt "$TRIAGE" vmstat -p /dev/nvme0n1p2 --root "$D/t0,$D/t1"
out=$("$TRIAGE" vmstat -d -n --root "$D/t0,$D/t1")
expect_eq "-d -n: one header" "$(echo "$out" | grep -c '^disk-')" "1"
expect_eq "-d: two samples" "$(echo "$out" | grep -c '^sda ')" "2"
expect_eq "-d: header each sample" "$("$TRIAGE" vmstat -d --root "$D/t0,$D/t1" | grep -c '^disk-')" "2"

js=$("$TRIAGE" vmstat -d --json --root "$D/t0,$D/t1")
echo "$js" | json_ok || fail "-d json invalid"
expect_eq "-d json samples" "$(echo "$js" | jq '.samples | length')" "2"
expect_eq "-d json sda sec" "$(echo "$js" | jq '.samples[0].disks[] | select(.disk == "sda") | .io_sec')" "90"
expect_eq "-d json no partition" "$(echo "$js" | jq '[.samples[0].disks[] | select(.disk == "sda1")] | length')" "0"
js=$("$TRIAGE" vmstat -D --json --root "$D/t0")
expect_eq "-D json reads" "$(echo "$js" | jq '.disk_sum.total_reads')" "24000"
expect_eq "-D json weighted" "$(echo "$js" | jq '.disk_sum.milli_weighted_io')" "172"
js=$("$TRIAGE" vmstat -p sda1 --json --root "$D/t0")
expect_eq "-p json" "$(echo "$js" | jq -c '.samples[0]')" \
	'{"partition":"sda1","reads":4990,"read_sectors":400000,"writes":2990,"requested_writes":240000}'

# bad input
expect_exit 1 "$TRIAGE" vmstat -p nosuch --root "$D/t0"
expect_eq "-p missing message" "$("$TRIAGE" vmstat -p nosuch --root "$D/t0" 2>&1 >/dev/null)" \
	"triage: vmstat: Disk/Partition nosuch not found"
expect_exit 2 "$TRIAGE" vmstat -d -s
expect_exit 2 "$TRIAGE" vmstat -D -p sda
expect_exit 1 "$TRIAGE" vmstat -d --root /nonexistent

# LIVE against procps: the same layout (headers, the disks, their order)
# and the same numbers within what I/O between the two reads can move
command -v vmstat >/dev/null || skip "procps vmstat not installed"
for w in "" -w; do
	ours=$("$TRIAGE" vmstat -d $w); theirs=$(vmstat -d $w)
	expect_eq "live -d$w headers" "$(echo "$ours" | head -2)" "$(echo "$theirs" | head -2)"
	expect_eq "live -d$w disks" "$(echo "$ours" | awk 'NR > 2 {print $1}')" "$(echo "$theirs" | awk 'NR > 2 {print $1}')"
done
# a disk that moves: its total reads and writes within 1000 requests
ours=$("$TRIAGE" vmstat -d); theirs=$(vmstat -d)
for dev in $(echo "$theirs" | awk 'NR > 2 && $2 + $6 > 0 {print $1}'); do
	for f in 2 6; do
		expect_near "live -d $dev field $f" "$(echo "$ours" | awk -v d="$dev" -v f=$f '$1 == d {print $f}')" \
			"$(echo "$theirs" | awk -v d="$dev" -v f=$f '$1 == d {print $f}')" 1000
	done
done
ours=$("$TRIAGE" vmstat -D); theirs=$(vmstat -D)
expect_eq "live -D labels" "$(echo "$ours" | sed 's/^ *[0-9]* //')" "$(echo "$theirs" | sed 's/^ *[0-9]* //')"
expect_eq "live -D disks" "$(echo "$ours" | awk 'NR <= 2 {print $1}')" "$(echo "$theirs" | awk 'NR <= 2 {print $1}')"
dev=$(vmstat -d | awk 'NR > 2 && $2 > 0 {print $1; exit}')
if [ -n "$dev" ]; then
	ours=$("$TRIAGE" vmstat -p "$dev"); theirs=$(vmstat -p "$dev")
	expect_eq "live -p header" "$(echo "$ours" | head -1)" "$(echo "$theirs" | head -1)"
	expect_near "live -p reads" "$(echo "$ours" | awk 'NR == 2 {print $1}')" "$(echo "$theirs" | awk 'NR == 2 {print $1}')" 1000
fi
done_test
