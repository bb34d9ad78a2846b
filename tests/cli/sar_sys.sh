# triage sar's system reports (-u -P -q -r -S -B -W -w -b -d -H -v -A):
# fixture goldens with hand-computed values, JSON, bad input, and live side by
# side with sysstat's sar over the same 2 s while a known load runs.
. "$TRIAGE_SRC/tests/lib.sh"
S=$FIX/sar
M=$(uname -m)
sr() { TZ=UTC "$TRIAGE" sar "$@" 2>&1 | sed "s/_${M}_/_x86_64_/"; }

# t0 -> t1 is 2.00 s (proc/uptime 1000.00 -> 1002.00); 400 CPU ticks in all.
#  -u: cpu0 user +100 (guest +20 of it), system +40, irq +5, softirq +5,
#      idle +40, iowait +10 = 200 ticks: %user 50.00 (guest included),
#      %system (40+5+5)/200 = 25.00; cpu1 user +20, system +20, idle +150,
#      iowait +10: 10.00 10.00 5.00 75.00; all: 120/400 = 30.00, 70/400 =
#      17.50, 20/400 = 5.00, 190/400 = 47.50.
#  -u ALL: %usr (100-20)/200 = 40.00, %guest 20/200 = 10.00; all 25.00, 5.00.
#  -w: processes +50 = 25.00/s, ctxt +3000 = 1500.00/s.
#  -W: pswpin +20 = 10.00/s, pswpout +40 = 20.00/s.
#  -B: pgpgin +2000 = 1000.00, pgpgout +4000 = 2000.00, pgfault +20000 =
#      10000.00, majflt +10 = 5.00, pgfree +60000 = 30000.00, pgscan_kswapd
#      +400 = 200.00, pgscan_direct +100 = 50.00, pgsteal_* +375 = 187.50,
#      %vmeff 375 / 500 = 75.00.
#  -b: sda only (loop0 has no sys/block/loop0/device; sda1 is a partition):
#      reads +100, writes +200 = 150.00 tps, sectors +1600/+3200 = 800.00 /
#      1600.00 blocks/s.
#  -d: sda 150.00 tps, 1600 sectors / 2 s / 2 = 400.00 rkB/s, 800.00 wkB/s,
#      areq-sz 4800 / 300 / 2 = 8.00, aqu-sz 800 ms / 2000 ms = 0.40, await
#      (200+600) / 300 = 2.67, %util 1000 / 2000 = 50.00; loop0 40 reads of
#      320 sectors: 20.00 tps, 80.00 kB/s, 4.00, 0.02, 1.00 ms, 1.00 %.
#  -r (t1): kbmemused 1000000 - (200000 + 50000 + 250000 + 100000) = 400000,
#      40.00 %; %commit 330000 / (1000000 + 100000) = 30.00.
#  -S: 100000 - 60000 = 40000 used, 40.00 %, %swpcad 1000 / 40000 = 2.50.
#  -H: 10 pages of 2048 kB, 4 free: 8192 free, 12288 used, 60.00 %, 2048 rsvd.
#  -v: dentry-state unused 30000, file-nr 2000 - 0, inode-state 40000 - 5000
#      = 35000, pty/nr 3.
#  -q: loadavg "5/210": runq-sz 5 - 1 = 4 (sadc leaves itself out), 210,
#      2.50 1.20 0.60, procs_blocked 2. PSI cpu some total +0.5 s = 25.00 %;
#      io some +0.2 s = 10.00 %, full +0.1 s = 5.00 %.
expect_golden sar_sys_all.txt sr -A --root "$S/t0,$S/t1"
# no report option: -u (sysstat's default), "all" only, header once
expect_golden sar_sys_u.txt sr --root "$S/t0,$S/t1"
expect_golden sar_sys_uP.txt sr -u -P 1 --root "$S/t0,$S/t1"
# gauges over two intervals: their means in Average (t2: MemFree 210000,
# loadavg "3/214" 3.50 1.40 0.70, blocked 0): kbmemfree (200000 + 210000)
# / 2 = 205000, kbmemused 395000, 39.50 %; runq-sz (4 + 2) / 2 = 3, plist-sz
# 212, ldavg-1 3.00, blocked 1
expect_golden sar_sys_qr.txt sr -q -r --root "$S/t0,$S/t1,$S/t2"
# one one-row report: the header once, then a row per interval (sysstat)
expect_golden sar_sys_q.txt sr -q --root "$S/t0,$S/t1,$S/t2"
expect_golden sar_sys_psi.txt sr -q PSI --root "$S/t0,$S/t1"
# -I ALL -P 1: line 24 +40 +60 over 2 s = 50.00 all, CPU1 30.00; LOC +600
# +400 = 500.00, 200.00; ERR's one number +2 = 1.00, no CPU1 value ("-");
# sum: CPU1 (60 + 400) / 2 = 230.00, all (40 + 600 + 2 + 60 + 400) / 2 =
# 551.00. -I alone is the sum row, its header again for Average (sysstat)
expect_golden sar_sys_irq.txt sr -I ALL -P 1 --root "$S/t0,$S/t1"
expect_golden sar_sys_irq_sum.txt sr -I --root "$S/t0,$S/t1"
# -m CPU: cpuinfo's 2000.505 and 3000.009 MHz to the hundredth, truncated:
# 2000.50, 3000.00; all = (200050 + 300000) / 2 = 250025 -> 2500.25
expect_golden sar_sys_mhz.txt sr -m CPU -P ALL --root "$S/t0,$S/t1"
# -F: /dev/sda once (its second mount left out), not tmpfs, not the
# zero-block /dev/loop0; t1 statvfs 4096-byte blocks, 1000000 of them, 800000
# free, 750000 for users: MBfsfree 800000 x 4096 / 2^20 = 3125, MBfsused
# 781.25 -> 781, %fsused 20.00, %ufsused 25.00; inodes 65536, 60000 free:
# Iused 5536, 8.45 %. "Summary:" is t1's (sysstat); -F MOUNT names "/"
expect_golden sar_sys_fs.txt sr -F --root "$S/t0,$S/t1"
expect_golden sar_sys_fs_mount.txt sr -F MOUNT --root "$S/t0,$S/t1"
# -y: line 0 rx +100 = 50.00 rcvin/s, tx +400 = 200.00 xmtin/s, fe pe brk oe
# +2 +4 +6 +8 = 1.00 2.00 3.00 4.00; line 1 "uart:unknown" left out; line 2
# tx +10 = 5.00
expect_golden sar_sys_tty.txt sr -y --root "$S/t0,$S/t1"

# JSON: one document, the hand-computed values
js=$("$TRIAGE" sar -A --json --root "$S/t0,$S/t1" 2>/dev/null)
echo "$js" | json_ok || fail "json invalid"
jq_is() { expect_eq "json $1" "$(echo "$js" | jq "$1")" "$2"; }
jq_is '.statistics[0].cpu_load[0].usr' 25
jq_is '.statistics[0].cpu_load[1].cpu' 0
jq_is '.statistics[0].cpu_load[1].guest' 10
jq_is '.statistics[0].process_and_context_switch.cswch_s' 1500
jq_is '.statistics[0].paging.vmeff_pct' 75
jq_is '.statistics[0].io.bwrtn_s' 1600
jq_is '.statistics[0].memory.kbmemused' 400000
jq_is '.statistics[0].swap.swpcad_pct' 2.5
jq_is '.statistics[0].hugepages.kbhugused' 12288
jq_is '.statistics[0].kernel.inode_nr' 35000
jq_is '.statistics[0].queue.runq_sz' 4
jq_is '.statistics[0].psi_io.fio' 5
jq_is '[.statistics[0].disk[] | select(.disk_device == "sda") | .await][0]' 2.67
jq_is '.average.memory.kbmemfree' 200000
jq_is '.statistics[0].interrupts[0].all' 551
jq_is '.statistics[0].filesystems[0].iused_pct' 8.45
jq_is '.statistics[0].filesystems | length' 1
jq_is '.statistics[0].serial[0].ovrun_s' 4
jq_is '.statistics[0].interrupts[2].CPU1' 200
js=$("$TRIAGE" sar -r -q --json --root "$S/t0,$S/t1,$S/t2" 2>/dev/null)
jq_is '.average.memory.kbmemfree' 205000
jq_is '.average.queue.plist_sz' 212
jq_is '.statistics | length' 2

# a missing source: said once, the other reports still shown
out=$("$TRIAGE" sar -r -v --root "$S/t0,$S/t1" 2>&1)
expect_eq "no missing source" "$(echo "$out" | grep -c 'cannot')" "0"
out=$("$TRIAGE" sar -B -q --root "$S/t1,$S/t2" 2>/tmp/sar-sys-err.$$)
expect_eq "no vmstat message" "$(cat /tmp/sar-sys-err.$$)" \
	"triage: sar: cannot read $S/t2/proc/vmstat (-B and -W unavailable): No such file or directory"
rm -f /tmp/sar-sys-err.$$
echo "$out" | grep -q "runq-sz" || fail "no vmstat: -q not shown"
echo "$out" | grep -q "pgpgin" && fail "no vmstat: a -B table was printed"

# bad input
expect_exit 2 "$TRIAGE" sar -u FOO 1 1
expect_exit 2 "$TRIAGE" sar -r BAR 1 1
expect_exit 2 "$TRIAGE" sar -q LOAD,NOPE 1 1
expect_exit 2 "$TRIAGE" sar -Z 1 1
expect_exit 2 "$TRIAGE" sar -m TEMP 1 1
expect_exit 2 "$TRIAGE" sar -I 24 1 1
expect_exit 0 "$TRIAGE" sar -u ALL --root "$S/t0,$S/t1"

# LIVE, side by side with sysstat's sar (its sadc samples the same 2 s):
# a CPU hog, a 32 MiB dd written with O_DIRECT and a process that
# allocates and touches 256 MiB, all inside the interval.
command -v sar >/dev/null || skip "sysstat sar not installed"
tmp=$(mktemp -d "$TRIAGE_SRC/.sar-live.XXXXXX")
hog=; mem=
trap 'kill $hog $mem 2>/dev/null; rm -rf "$tmp"' EXIT
R="-u -q -r -B -W -w -b -d -S -v -I SUM"
timeout 10 python3 -c 'import time; t = time.time() + 4
while time.time() < t: pass' &
hog=$!
timeout 10 python3 -c 'import time; b = bytearray(256 << 20)
for i in range(0, len(b), 4096): b[i] = 1
time.sleep(4)' &
mem=$!
sleep 1
F0=$(awk '$1 == "pgfault" {print $2}' /proc/vmstat); T0=$(date +%s.%N)
LC_ALL=C timeout 15 "$TRIAGE" sar $R 2 1 >"$tmp/ours" 2>"$tmp/ours.err" &
p1=$!
LC_ALL=C timeout 15 sar $R 2 1 >"$tmp/theirs" 2>&1 &
p2=$!
sleep 0.3
timeout 8 dd if=/dev/zero of="$tmp/dd" bs=1M count=32 oflag=direct status=none || fail "live: dd failed"
wait $p1 $p2
F1=$(awk '$1 == "pgfault" {print $2}' /proc/vmstat); FT=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
[ -s "$tmp/ours.err" ] && fail "live: triage said: $(cat "$tmp/ours.err")"
# col FILE HEADER [ROW]: the Average: value under HEADER (in ROW's line)
col() {
	awk -v h="$2" -v row="${3:-}" '$1 == "Average:" {
		if (!c) { if ($NF !~ /^[0-9.-]+$/) for (i = 2; i <= NF; i++) if ($i == h) { c = i; next } }
		else if (row == "" || $2 == row) { print $c; exit }
		else if ($2 ~ /^[a-z%]/ && $2 != row && NF > 2 && $3 ~ /^[a-z%]/) exit
	}' "$1"
}
near() {	# near NAME HEADER ROW ABS REL: |ours - theirs| <= ABS + REL x theirs
	local o t
	o=$(col "$tmp/ours" "$2" "$3"); t=$(col "$tmp/theirs" "$2" "$3")
	echo "live $1: triage $o, sysstat $t"
	expect_near "live $1" "$o" "$t" "$(awk -v t="$t" -v a="$4" -v r="$5" 'BEGIN{print a + r * t}')"
}
near "%user" %user all 5 0
near "%system" %system all 5 0
near "%idle" %idle all 5 0
near "cswch/s" cswch/s "" 200 0.25
near "proc/s" proc/s "" 10 0.25
near "pgpgout/s" pgpgout/s "" 100 0.10
near "intr/s (sum)" all sum 100 0.25
# Page faults are bursty and system-wide (sadc's own start-up faults land
# in sysstat's interval, not ours; anything else's burst in one of the two
# windows only): ours must lie within what the machine faulted over the
# whole time both ran (the test's own reading of /proc/vmstat around them).
o=$(col "$tmp/ours" fault/s); t=$(col "$tmp/theirs" fault/s)
echo "live fault/s: triage $o, sysstat $t; the machine $F0 -> $F1 over $FT s"
awk -v o="$o" -v a="$F0" -v b="$F1" -v s="$FT" 'BEGIN { exit !(o > 0 && o * 2 <= (b - a) + 1) }' \
	|| fail "live fault/s $o: more than the $((F1 - F0)) faults the machine made in ${FT} s, over 2 s"
near "pswpout/s" pswpout/s "" 0 0
near "bwrtn/s" bwrtn/s "" 200 0.10
near "kbmemused" kbmemused "" 20000 0.05
near "kbswpused" kbswpused "" 0 0
near "dentunusd" dentunusd "" 2000 0.05
near "file-nr" file-nr "" 100 0.10
near "plist-sz" plist-sz "" 20 0
near "ldavg-1" ldavg-1 "" 0.3 0
dev=$(awk '$1 == "Average:" && $2 == "DEV" {h = 1; next} h && $1 == "Average:" {print $2, $3}' "$tmp/theirs" | sort -k2 -n -r | head -1 | cut -d' ' -f1)
[ -n "$dev" ] && near "$dev wkB/s" wkB/s "$dev" 100 0.10
# the load itself: the hog keeps one of the CPUs busy; dd's 32 MiB are
# 65536 sectors written within the 2 s
awk -v u="$(col "$tmp/ours" %user all)" -v n="$(grep -c '^processor' /proc/cpuinfo)" \
	'BEGIN{exit !(u >= 100 / n * 0.7)}' || fail "live: %user below one busy CPU"
awk -v b="$(col "$tmp/ours" bwrtn/s)" 'BEGIN{exit !(b * 2 >= 65536 * 0.95)}' ||
	fail "live: bwrtn/s x 2 s below dd's 65536 sectors"
done_test
