# triage iostat: fixture goldens (hand-checked values in tests/unit/test_model_disk.c
# and the comments below), bad input, and live against sysstat's iostat with a
# dd of known size.
. "$TRIAGE_SRC/tests/lib.sh"
D=$FIX/disks
M=$(uname -m)
# the banner's machine is the running one (uname): normalise it for the goldens
io() { TZ=UTC "$TRIAGE" iostat "$@" 2>&1 | sed "s/_${M}_/_x86_64_/"; }

# nvme0n1 t0 -> t1 (2.00 s): 200 reads of 16000 sectors = 100.00 r/s, 4000.00 rkB/s,
# r_await 100 ms / 200 = 0.50, %util 1000 ms / 2000 ms = 50.00; avg-cpu %user
# 200 / 800 ticks = 25.00; t1 -> t2 (1.00 s): sda re-registered (every counter
# reset) is counted from zero as sysstat does: 5 reads of 40 sectors = 5.00 r/s,
# 20.00 rkB/s, r_await 3 ms / 5 = 0.60, rareq-sz 40 / 5 / 2 = 4.00, %util 4 ms /
# 1000 ms = 0.40, kB_read 20; sdb appeared (counted from zero: 64 reads in 1 s),
# nvme0n1p1 gone.
expect_golden iostat_x_disks.txt io -x --root "$D/t0,$D/t1,$D/t2"
expect_golden iostat_d_disks.txt io -d --root "$D/t0,$D/t1,$D/t2"
expect_golden iostat_m_pall.txt io -d -m -p ALL --root "$D/t0,$D/t1"
expect_golden iostat_xz_p_nvme.txt io -x -z -p nvme0n1 --root "$D/t0,$D/t1"
expect_golden iostat_c.txt io -c --root "$D/t0,$D/t1"
expect_golden iostat_N_named.txt io -d -N dm-0 loop0 sda1 --root "$D/t0,$D/t1"
# disk_rereg t0 -> t1 (2.00 s). sda unregistered and registered again (every
# counter that was not zero went backwards): counted from zero, as sysstat
# does: 40 reads / 2 s = 20.00 r/s, 3200 sectors / 2 s / 2 = 800.00 rkB/s,
# 10 merges / 2 s = 5.00 rrqm/s, %rrqm 10 / 50 = 20.00, r_await 60 / 40 = 1.50,
# rareq-sz 3200 / 40 / 2 = 40.00, 20 writes = 10.00 w/s, 400.00 wkB/s, w_await
# 100 / 20 = 5.00, 2 flushes = 1.00 f/s, f_await 4 / 2 = 2.00, aqu-sz 160 ms /
# 2 s / 1000 = 0.08, %util 90 / 2000 = 4.50; -d tps 60 / 2 = 30.00, kB_read
# 1600, kB_wrtn 800. sdb: only its written sectors went backwards (not a
# re-registration) -> "-". sdc: 100 reads = 50.00 r/s, 8000 sectors = 2000.00
# rkB/s, r_await 100 / 100 = 1.00, 25.00 w/s, w_await 2.00, aqu-sz 0.08, %util
# 5.00, tps 75.00. avg-cpu over 400 ticks: user 100 = 25.00, system 60 =
# 15.00, iowait 40 = 10.00, idle 200 = 50.00.
expect_golden iostat_x_rereg.txt io -x -y --root "$FIX/disk_rereg/t0,$FIX/disk_rereg/t1"
expect_golden iostat_d_rereg.txt io -d -y --root "$FIX/disk_rereg/t0,$FIX/disk_rereg/t1"
# a real capture of this kind of VM (a 16 MiB dd with oflag=direct in between)
expect_golden iostat_x_vm.txt io -x --root "$FIX/vm/t0,$FIX/vm/t1"

# an old kernel: 11 fields for hda, 4 for its partition hda1 (shown by -d,
# left out of -x as sysstat does); t0 -> t1 1.00 s: hda reads +100 = 100.00 r/s,
# merges +10: %rrqm 10 / 110 = 9.09, ticks +500 / 100 reads = 5.00 r_await,
# rq_ticks +900 ms / 1000 ms = 0.90 aqu-sz, io_ticks +300: %util 30.00; -t
# prints the capture's time (btime 1200000000 + uptime 2001 s).
expect_golden iostat_d_old.txt io -d -p ALL --root "$FIX/disks_old/t0,$FIX/disks_old/t1"
expect_golden iostat_xt_old.txt io -x -t -p ALL --root "$FIX/disks_old/t0,$FIX/disks_old/t1"
# ALL: every whole device, unused loop0 too
expect_eq "ALL keyword" "$("$TRIAGE" iostat -d ALL --root "$D/t0" | awk 'NR > 3 && NF {print $1}' | tr '\n' ' ')" "dm-0 loop0 nvme0n1 sda "

# a device-mapper name is set by whoever ran dmsetup: printed escaped (-N)
evil=$(mktemp -d /tmp/triage-iostat-evil.XXXXXX)
cp -r "$D/t0/." "$evil/"
printf 'vg\033[2J-root\n' >"$evil/sys/block/dm-0/dm/name"
out=$("$TRIAGE" iostat -d -N --root "$evil" 2>&1)
printf '%s' "$out" | grep -q $'\033' && fail "raw ESC from a dm name reached the terminal"
echo "$out" | grep -qF 'vg\e[2J-root' || fail "escaped dm name not shown: $out"
expect_eq "json dm name" "$("$TRIAGE" iostat -d -N --json --root "$evil" | jq -r '.statistics[0].disk[0].disk_device')" $'vg\033[2J-root'
rm -rf "$evil"

# the interval report alone (-y), exact columns
out=$("$TRIAGE" iostat -d -y nvme0n1 --root "$D/t0,$D/t1" | awk '$1 == "nvme0n1"')
expect_eq "-y nvme0n1" "$out" "nvme0n1         305.00      4000.00     16384.00       512.00       8000      32768       1024"
# 16000 sectors / 2 s / 2048 = 3.90625 MB/s -> 3.91
expect_eq "-m rMB/s" "$("$TRIAGE" iostat -x -m -y nvme0n1 --root "$D/t0,$D/t1" | awk '$1 == "nvme0n1" {print $3}')" "3.91"

# JSON: one document, kB units, unknown values as null
js=$("$TRIAGE" iostat -x --json --root "$D/t0,$D/t1,$D/t2")
echo "$js" | json_ok || fail "json invalid"
expect_eq "json reports" "$(echo "$js" | jq '.statistics | length')" "3"
expect_eq "json since_boot" "$(echo "$js" | jq '.statistics[0].since_boot')" "true"
expect_eq "json wkb_s" "$(echo "$js" | jq '.statistics[1].disk[] | select(.disk_device == "nvme0n1") | .wkb_s')" "16384"
expect_eq "json util" "$(echo "$js" | jq '.statistics[1].disk[] | select(.disk_device == "nvme0n1") | .util_pct')" "50"
expect_eq "json user" "$(echo "$js" | jq '.statistics[1].avg_cpu.user')" "25"
expect_eq "json re-registered" "$(echo "$js" | jq '.statistics[2].disk[] | select(.disk_device == "sda") | .r_s')" "5"
expect_eq "json null" "$("$TRIAGE" iostat -x -y --json --root "$FIX/disk_rereg/t0,$FIX/disk_rereg/t1" | jq '.statistics[0].disk[] | select(.disk_device == "sdb") | .r_s')" "null"
expect_eq "json interval" "$(echo "$js" | jq '.statistics[2].interval_s')" "1"

# -p ALL with devices named: those first, in the order given (sysstat's
# presave_device_list), then /proc/diskstats order
expect_eq "-p ALL named first" "$("$TRIAGE" iostat -d -p ALL nvme0n1p2 sda --root "$D/t0" | awk 'NR > 3 && NF {print $1}' | tr '\n' ' ')" \
	"nvme0n1p2 sda loop0 sda1 nvme0n1 nvme0n1p1 dm-0 "
# -s, nvme0n1 t0 -> t1 (2.00 s): r+w+d requests 200 + 400 + 10 = 610 -> tps 305.00;
# sectors 16000 + 65536 + 2048 = 83584 -> kB/s 83584 / 2 / 2 = 20896.00; merges
# 50 + 100 + 0 -> rqm/s 75.00; ticks 100 + 1200 + 5 = 1305 ms / 610 -> await 2.14;
# areq-sz 83584 / 610 / 2 = 68.51 kB; aqu-sz 1800 / 2000 = 0.90; %util 50.00.
row() { awk -v d="$1" '$1 == d' ; }
expect_eq "-s -x nvme0n1" "$("$TRIAGE" iostat -s -x -y -d nvme0n1 --root "$D/t0,$D/t1" | row nvme0n1)" \
	"nvme0n1         305.00  20896.00    75.00    2.14    68.51    0.90  50.00"
expect_eq "-s -x header" "$("$TRIAGE" iostat -s -x -y -d nvme0n1 --root "$D/t0,$D/t1" | row Device)" \
	"Device             tps      kB/s    rqm/s   await  areq-sz  aqu-sz  %util"
# -s -d: kB_w+d/s (65536 + 2048) / 2 / 2 = 16896.00, kB_w+d 67584 / 2 = 33792
expect_eq "-s -d nvme0n1" "$("$TRIAGE" iostat -s -y -d nvme0n1 --root "$D/t0,$D/t1" | row nvme0n1)" \
	"nvme0n1         305.00      4000.00     16896.00       8000      33792"
expect_eq "-s -m header" "$("$TRIAGE" iostat -s -m -y -d nvme0n1 --root "$D/t0,$D/t1" | row Device)" \
	"Device             tps    MB_read/s     MB_w+d/s    MB_read     MB_w+d"
# -g G nvme0n1 sda: the devices in the order given, then " G": sda adds 40
# requests (tps (610 + 40) / 2 = 325.00), 3840 sectors read (kB_read/s
# (16000 + 3840) / 4 = 4960.00), 160 written ((65536 + 160) / 4 = 16424.00);
# %util the mean of 50.00 and 30.00 = 40.00, aqu-sz (1800 + 400) / 2000 = 1.10.
g=$("$TRIAGE" iostat -d -y -g G nvme0n1 sda --root "$D/t0,$D/t1" | awk 'NR > 3 && NF')
expect_eq "-g rows" "$(echo "$g" | awk '{print $1}' | tr '\n' ' ')" "nvme0n1 sda G "
expect_eq "-g G" "$(echo "$g" | tail -1)" \
	" G              325.00      4960.00     16424.00       512.00       9920      32848       1024"
gx=$("$TRIAGE" iostat -x -y -d -H -g G nvme0n1 sda --root "$D/t0,$D/t1" | awk 'NR > 3 && NF')
expect_eq "-H: the group only" "$(echo "$gx" | awk '{print $1}')" "G"
expect_eq "-g %util aqu-sz" "$(echo "$gx" | awk '{print $(NF-1), $NF}')" "1.10 40.00"
expect_eq "two groups" "$("$TRIAGE" iostat -d -y -g A sda -g B nvme0n1 dm-0 --root "$D/t0,$D/t1" | awk 'NR > 3 && NF {print $1}' | tr '\n' ' ')" \
	"sda A nvme0n1 dm-0 B "
expect_exit 2 "$TRIAGE" iostat -H -d --root "$D/t0"
# --human/-h: 4000 kB/s = 3.9M, 512 kB/s = 512.0k, 8000 kB = 7.8M, %user 25.0%;
# --pretty: the name last; -x in four tables (r, w, d, f/aqu-sz/%util)
expect_golden iostat_h.txt io -h -y nvme0n1 --root "$D/t0,$D/t1"
expect_golden iostat_x_pretty.txt io -x --pretty -y -d nvme0n1 sda --root "$D/t0,$D/t1"
expect_eq "--pretty --compact: one table" "$("$TRIAGE" iostat -x --pretty --compact -y -d nvme0n1 --root "$D/t0,$D/t1" | grep -c Device)" "1"
expect_eq "--human -x" "$("$TRIAGE" iostat -x --human -y -d nvme0n1 --root "$D/t0,$D/t1" | row nvme0n1 | awk '{print $3, $5, $7, $NF}')" \
	"3.9M 20.0% 40.0k 50.0%"
# --dec=1 on rates, counts stay whole; --dec=0 with --human: no decimals
expect_eq "--dec=1" "$("$TRIAGE" iostat -d --dec=1 -y nvme0n1 --root "$D/t0,$D/t1" | row nvme0n1)" \
	"nvme0n1          305.0       4000.0      16384.0        512.0       8000      32768       1024"
expect_eq "--dec=0 -h" "$("$TRIAGE" iostat -d -h --dec=0 -y nvme0n1 --root "$D/t0,$D/t1" | awk '$NF == "nvme0n1" {print $1, $2, $5}')" "305 4M 8M"
expect_exit 2 "$TRIAGE" iostat --dec=3 --root "$D/t0"
# -j: the first persistent name (alphabetically) of each device in the
# fixture's dev/disk/by-*; devices without one keep the kernel name; a
# persistent name is accepted on the command line
expect_eq "-j ID" "$("$TRIAGE" iostat -d -j ID --root "$D/t0" | awk 'NR > 3 && NF {print $1}' | tr '\n' ' ')" \
	"dm-name-vg-root nvme-Acme_SSD_S123 ata-QEMU_HARDDISK_QM1 "
expect_eq "-j UUID -p nvme0n1" "$("$TRIAGE" iostat -d -j UUID -p nvme0n1 --root "$D/t0" | awk 'NR > 3 && NF {print $1}' | tr '\n' ' ')" \
	"nvme0n1 1111-AAAA 2222-bbbb "
expect_eq "-j LABEL by name" "$("$TRIAGE" iostat -d -y -j LABEL EFI --root "$D/t0,$D/t1" | row EFI)" \
	"EFI               0.00         0.00         0.00         0.00          0          0          0"
expect_eq "-j PARTUUID" "$("$TRIAGE" iostat -d -j PARTUUID -p sda --root "$D/t0" | awk 'NR > 3 && NF {print $1}' | tr '\n' ' ')" "sda bbbb-01 "
expect_eq "-j PATH json" "$("$TRIAGE" iostat -d -j PATH --json --root "$D/t0" | jq -r '[.statistics[0].disk[].disk_device] | join(" ")')" \
	"dm-0 pci-0000:01:00.0-nvme-1 pci-0000:00:1f.2-ata-1"
expect_exit 1 "$TRIAGE" iostat -j XYZ --root "$D/t0"
expect_eq "-j missing dir" "$("$TRIAGE" iostat -j XYZ --root "$D/t0" 2>&1)" \
	"triage: iostat: cannot read $D/t0/dev/disk/by-xyz: No such file or directory"
expect_exit 2 "$TRIAGE" iostat -j ../x --root "$D/t0"
# a label is whoever formatted the disk's: escaped on the terminal
evil=$(mktemp -d /tmp/triage-iostat-evil.XXXXXX)
cp -r "$D/t0/." "$evil/"
ln -s ../../nvme0n1p1 "$evil/dev/disk/by-label/$(printf 'A\033[2Jx')"
out=$("$TRIAGE" iostat -d -j LABEL -p nvme0n1 --root "$evil" 2>&1)
printf '%s' "$out" | grep -q $'\033' && fail "raw ESC from a label reached the terminal"
echo "$out" | grep -qF 'A\e[2Jx' || fail "escaped label not shown: $out"
rm -rf "$evil"
# JSON -s: the short columns too; a group's element says so
js=$("$TRIAGE" iostat -s -x --json -y -d -g G nvme0n1 sda --root "$D/t0,$D/t1")
expect_eq "json -s" "$(echo "$js" | jq -c '.statistics[0].disk[0] | [.kb_s, .await_ms, .areq_sz_kb, .kb_wd]')" "[20896,2.14,68.51,33792]"
expect_eq "json group" "$(echo "$js" | jq -c '.statistics[0].disk[2] | [.disk_device, .group, .util_pct]')" '["G",true,40]'

# a stream (an interval, no count): JSON Lines, one compact report per line
lines=$(timeout -s INT 2.6 "$TRIAGE" iostat --json -d 1)
expect_eq "json lines valid" "$(echo "$lines" | while read -r l; do echo "$l" | json_ok || echo bad; done | grep -c bad)" "0"
[ "$(echo "$lines" | wc -l)" -ge 2 ] || fail "json lines: $(echo "$lines" | wc -l) lines in 2.6 s"
expect_eq "json lines first since boot" "$(echo "$lines" | head -1 | jq .since_boot)" "true"

# bad input: usage errors exit 2, failures exit 1, one message each
expect_exit 2 "$TRIAGE" iostat --bogus
expect_exit 2 "$TRIAGE" iostat -x 0
expect_exit 2 "$TRIAGE" iostat -x 1.5x
# a word after the numbers is a device, as in sysstat (iostat -x 1 1 sda)
expect_exit 1 "$TRIAGE" iostat -x 1 abc
expect_eq "device after the interval" "$("$TRIAGE" iostat -x 1 sdz --root "$D/t0" 2>&1)" "triage: iostat: no such device 'sdz'"
expect_exit 2 "$TRIAGE" iostat -x 1 -1
expect_exit 2 "$TRIAGE" iostat -x 1 2 3
expect_exit 2 "$TRIAGE" iostat -o XML
expect_eq "-o JSON" "$("$TRIAGE" iostat -o JSON -d --root "$D/t0" | jq -r .command)" "iostat"
expect_exit 1 "$TRIAGE" iostat -x sdz --root "$D/t0"
expect_eq "unknown device message" "$("$TRIAGE" iostat -x sdz --root "$D/t0" 2>&1)" "triage: iostat: no such device 'sdz'"
expect_exit 1 "$TRIAGE" iostat --root /nonexistent
empty=$(mktemp -d /tmp/triage-iostat.XXXXXX)
mkdir -p "$empty/proc" && cp "$D/t0/proc/uptime" "$empty/proc/"
expect_exit 1 "$TRIAGE" iostat -d --root "$empty"
expect_eq "missing diskstats" "$("$TRIAGE" iostat -d --root "$empty" 2>&1)" \
	"triage: iostat: cannot read $empty/proc/diskstats: No such file or directory"
# no sys/block: still a report, one message
cp "$D/t0/proc/diskstats" "$empty/proc/"
expect_exit 0 "$TRIAGE" iostat -d --root "$empty"
expect_eq "no sys/block message" "$("$TRIAGE" iostat -d --root "$empty" 2>&1 >/dev/null | wc -l)" "1"
printf '8 0 sda 1 2 x\n' >"$empty/proc/diskstats"
expect_eq "parse error" "$("$TRIAGE" iostat -d --root "$empty" 2>&1)" \
	"triage: iostat: cannot parse $empty/proc/diskstats line 1"
rm -rf "$empty"
expect_exit 0 "$TRIAGE" iostat --help

command -v iostat >/dev/null || skip "sysstat iostat not installed"
# LIVE, on a loop device this test attaches (nothing else does I/O to it,
# whatever disks this machine has): both tools read the same counters.
# Loop devices keep their counters across detach, so the checks use what we
# add: 16 MiB written with oflag=direct = 32768 sectors = 16384 kB exactly.
if [ "$(id -u)" != 0 ] || ! command -v losetup >/dev/null; then
	skip_part "live loop device: needs root and losetup (mount)"; done_test
fi
img=$(mktemp /var/tmp/triage-iostat.XXXXXX)
truncate -s 96M "$img"
loop=$(losetup -f --show "$img" 2>/dev/null) || { rm -f "$img"; skip_part "live loop device: losetup failed (no loop driver?)"; done_test; }
trap 'losetup -d "$loop"; rm -f "$img" "$img".*' EXIT
dev=${loop#/dev/}
udevadm settle 2>/dev/null	# udev's probe reads of the new device land before we count
kb_w() { "$TRIAGE" iostat -d "$dev" | awk -v d="$dev" '$1 == d {print $7}'; }
w0=$(kb_w)
dd if=/dev/zero of="$loop" bs=1M count=16 oflag=direct status=none
w1=$(kb_w)
expect_eq "live loop kB_wrtn delta" "$((w1 - w0))" 16384
expect_eq "live loop kB_wrtn vs sysstat" "$w1" "$(iostat -d "$dev" | awk -v d="$dev" '$1 == d {print $7}')"
# every -x column, since boot: the counters are the same; the rates divide by
# the uptime, which moves between the two runs: 0.05 or 0.5%
"$TRIAGE" iostat -x -d "$dev" >"$img.ours"
iostat -x -d "$dev" >"$img.theirs"
cmp=$(awk 'FNR == NR { if (NF == 23 && $1 != "Device") v[$1] = $0; next }
	NF == 23 && $1 != "Device" {
		if (!($1 in v)) { print "missing " $1; next }
		split(v[$1], o); n++
		for (i = 2; i <= 23; i++) {
			d = o[i] - $i; if (d < 0) d = -d
			t = $i * 0.005; if (t < 0.05) t = 0.05
			if (d > t) print $1 " column " i ": triage " o[i] ", sysstat " $i
		}
	}
	END { if (n != 1) print n + 0 " devices compared, want 1" }' "$img.ours" "$img.theirs")
[ -z "$cmp" ] || fail "live -x since boot vs sysstat: $cmp"

# LIVE, a 64 MiB dd with oflag=direct inside a 2 s interval, both tools at once.
# Tolerance: 10% between the tools (they sample a few ms apart); at least 97%
# of the 65536 kB written must show; the cumulative count grows by exactly that.
w0=$(kb_w)
timeout 15 "$TRIAGE" iostat -x -y --json "$dev" 2 1 >"$img.ours" &
p1=$!
timeout 15 iostat -x -y "$dev" 2 1 >"$img.theirs" &
p2=$!
# and -s (short: kB/s is reads + writes + discards) from both
timeout 15 "$TRIAGE" iostat -s -x -y --json "$dev" 2 1 >"$img.ours_s" &
p3=$!
timeout 15 iostat -s -x -y "$dev" 2 1 >"$img.theirs_s" &
p4=$!
sleep 0.3
start=$(date +%s.%N)
timeout 10 dd if=/dev/zero of="$loop" bs=1M count=64 oflag=direct status=none
end=$(date +%s.%N)
wait $p1 $p2 $p3 $p4
expect_eq "live 64 MiB kB_wrtn delta" "$(( $(kb_w) - w0 ))" 65536
took=$(awk -v s="$start" -v e="$end" 'BEGIN{print e - s}')
ours_w=$(jq ".statistics[0].disk[0].wkb_s" "$img.ours")
dt=$(jq ".statistics[0].interval_s" "$img.ours")
theirs_w=$(awk -v d="$dev" '$1 == d {print $9}' "$img.theirs")
echo "live dd: 64 MiB in ${took}s; triage wkB/s=$ours_w over ${dt}s, sysstat wkB/s=$theirs_w"
expect_near "live wkB/s vs sysstat" "$ours_w" "$theirs_w" "$(awk -v x="$theirs_w" 'BEGIN{print x * 0.10 + 50}')"
ours_s=$(jq -r '.statistics[0].disk[0] | "\(.tps) \(.kb_s)"' "$img.ours_s")
theirs_s=$(awk -v d="$dev" '$1 == d {print $2, $3}' "$img.theirs_s")
echo "live -s: triage tps kB/s = $ours_s, sysstat = $theirs_s"
expect_near "live -s kB/s vs sysstat" "${ours_s#* }" "${theirs_s#* }" "$(awk -v x="${theirs_s#* }" 'BEGIN{print x * 0.10 + 50}')"
expect_near "live -s tps vs sysstat" "${ours_s% *}" "${theirs_s% *}" "$(awk -v x="${theirs_s% *}" 'BEGIN{print x * 0.10 + 5}')"
if awk -v t="$took" 'BEGIN{exit !(t < 1.6)}'; then
	awk -v w="$ours_w" -v dt="$dt" 'BEGIN{exit !(w * dt >= 65536 * 0.97)}' \
		|| fail "live: $ours_w kB/s x ${dt}s < 97% of 65536 kB"
else
	skip_part "live dd took ${took}s, longer than the interval: the 97% check (the exact cumulative delta above still ran)"
fi
done_test
