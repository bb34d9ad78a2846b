# triage vmstat: fixtures vs golden files (values checked by hand in
# tests/unit/test_model_mem.c and below), bad input, and live side by side
# with procps vmstat over the same second.
. "$TRIAGE_SRC/tests/lib.sh"
vm() { $TRIAGE vmstat "$@" 2>&1; }
for c in cpu2 cpu64 swap oldkernel; do
	R=$FIX/$c/t0,$FIX/$c/t1
	expect_golden vmstat-$c.txt vm --root "$R"
	expect_golden vmstat-$c-w.txt vm -w --root "$R"
	expect_golden vmstat-$c.json vm --json --root "$R"
done
expect_golden vmstat-swap-a-SM.txt vm -a -S M --root "$FIX/swap/t0,$FIX/swap/t1"
expect_golden vmstat-swap-y-n.txt vm -y -n --root "$FIX/swap/t0,$FIX/swap/t1"
# -t: a snapshot's time is btime + uptime (1795238387 + 5002 = 06:43:09 UTC)
TZ=UTC expect_golden vmstat-swap-t.txt vm -t --root "$FIX/swap/t0,$FIX/swap/t1"
expect_eq "-t stamp" "$(TZ=UTC $TRIAGE vmstat -t --root "$FIX/swap/t0,$FIX/swap/t1" | tail -1 | awk '{print $18, $19}')" "2026-11-21 06:43:09"

# swap fixture, 2 s apart: si = 256 pages * 4 kB / 2 s = 512, so = 512*4/2 = 1024,
# bi = 4096/2 = 2048, bo = 8192/2 = 4096, in = 2000/2 = 1000, cs = 5000/2 = 2500,
# CPU deltas user 60 sys 40 idle 100 iowait 200 of 400: us 15 sy 10 id 25 wa 50
line=$($TRIAGE vmstat --root "$FIX/swap/t0,$FIX/swap/t1" | tail -1)
expect_eq "swap interval" "$(echo $line)" "2 4 1050624 52000 4096 150000 512 1024 2048 4096 1000 2500 15 10 25 50 0"
# -S m: 1050624 kB * 1024 / 1e6 = 1075 (truncated), so = 2048 kB -> 2.097 MB -> 2 MB / 2 s = 1
expect_eq "swap -S m" "$($TRIAGE vmstat -S m --root "$FIX/swap/t0,$FIX/swap/t1" | tail -1 | awk '{print $3, $8}')" "1075 1"
# -S B: bytes, 1050624 kB * 1024 = 1075838976; so = 2048 kB * 1024 / 2 s = 1048576
expect_eq "swap -S B" "$($TRIAGE vmstat -S B --root "$FIX/swap/t0,$FIX/swap/t1" | tail -1 | awk '{print $3, $8}')" "1075838976 1048576"
# -s on swap/t1: used = 2013532 - 150000 = 1863532, swap cache = 120000 + 30000
expect_golden vmstat-swap-s.txt vm -s --root "$FIX/swap/t1"
expect_eq "-s used" "$($TRIAGE vmstat -s --root "$FIX/swap/t1" | awk '/used memory/ {print $1}')" "1863532"
expect_eq "-s swap cache" "$($TRIAGE vmstat -s --root "$FIX/swap/t1" | awk '/swap cache/ {print $1}')" "150000"
expect_eq "-f" "$($TRIAGE vmstat -f --root "$FIX/swap/t1")" "        50010 forks"
expect_eq "-s json" "$($TRIAGE vmstat -s --json --root "$FIX/swap/t1" | jq .stats.pswpout)" "5512"
# no proc/vmstat on the old kernel: si so bi bo print "-", one message
out=$($TRIAGE vmstat --root "$FIX/oldkernel/t0,$FIX/oldkernel/t1" 2>&1 >/dev/null)
expect_eq "missing vmstat message" "$(echo "$out" | wc -l)" "1"
expect_eq "missing vmstat dash" "$($TRIAGE vmstat --root "$FIX/oldkernel/t0" 2>/dev/null | tail -1 | awk '{print $7 $8 $9 $10}')" "----"
js=$($TRIAGE vmstat --json --root "$FIX/swap/t0,$FIX/swap/t1")
echo "$js" | json_ok || fail "json invalid"
expect_eq "json so" "$(echo "$js" | jq '.samples[1].so')" "1024"
expect_eq "json since boot" "$(echo "$js" | jq '.samples[0].since_boot')" "true"
expect_eq "json null io" "$($TRIAGE vmstat --json --root "$FIX/oldkernel/t0" 2>/dev/null | jq '.samples[0].si')" "null"

# bad input
expect_exit 2 $TRIAGE vmstat --bogus
expect_exit 2 $TRIAGE vmstat -S x
expect_exit 2 $TRIAGE vmstat one
expect_exit 2 $TRIAGE vmstat 1 -1
expect_exit 2 $TRIAGE vmstat 1 0
expect_exit 2 $TRIAGE vmstat -5
expect_exit 1 $TRIAGE vmstat --root /nonexistent
E=/tmp/triage-vmstat-empty.$$
mkdir -p $E/proc && echo "5.00 1.00" >$E/proc/uptime
expect_exit 1 $TRIAGE vmstat --root $E
rm -rf $E
expect_exit 0 $TRIAGE vmstat --help

# live: both tools over the same 1-second interval
if command -v vmstat >/dev/null; then
	$TRIAGE vmstat -w 1 2 >/tmp/triage-vm.$$ &
	vmstat -w 1 2 >/tmp/procps-vm.$$
	wait $!
	expect_eq "live header" "$(head -2 /tmp/triage-vm.$$)" "$(head -2 /tmp/procps-vm.$$)"
	expect_eq "live -t header" "$($TRIAGE vmstat -t | head -2)" "$(vmstat -t | head -2)"
	expect_eq "live -s labels" "$($TRIAGE vmstat -s | cut -c15-)" "$(vmstat -s | cut -c15-)"
	# since-boot line: same counters read ms apart; rates are per CPU-second
	# over hours, CPU percentages of all ticks since boot: within 1
	for k in 13 14 15 16; do
		expect_near "live boot col $k" "$(sed -n 3p /tmp/triage-vm.$$ | awk -v k=$k '{print $k}')" \
			"$(sed -n 3p /tmp/procps-vm.$$ | awk -v k=$k '{print $k}')" 1
	done
	o=$(sed -n 3p /tmp/triage-vm.$$ | awk '{print $11}'); t=$(sed -n 3p /tmp/procps-vm.$$ | awk '{print $11}')
	expect_near "live boot in" "$o" "$t" 2
	# the 1-second line: CPU columns within 10 points (two samplers, noise of
	# 8 agents), free memory within 3 % of MemTotal (builds of other agents
	# allocate and free hundreds of MB between the two reads), swap identical
	for k in 13 14 15; do
		expect_near "live 1s col $k" "$(sed -n 4p /tmp/triage-vm.$$ | awk -v k=$k '{print $k}')" \
			"$(sed -n 4p /tmp/procps-vm.$$ | awk -v k=$k '{print $k}')" 10
	done
	tol=$(awk '/^MemTotal:/ {t = $2 * 0.03; print (t > 65536 ? t : 65536)}' /proc/meminfo)
	expect_near "live free" "$(sed -n 4p /tmp/triage-vm.$$ | awk '{print $4}')" "$(sed -n 4p /tmp/procps-vm.$$ | awk '{print $4}')" "$tol"
	expect_eq "live swpd" "$(sed -n 4p /tmp/triage-vm.$$ | awk '{print $3}')" "$(sed -n 4p /tmp/procps-vm.$$ | awk '{print $3}')"
	echo "live: triage: $(sed -n 4p /tmp/triage-vm.$$)"
	echo "live: procps: $(sed -n 4p /tmp/procps-vm.$$)"
	rm -f /tmp/triage-vm.$$ /tmp/procps-vm.$$
else
	skip_part "live: procps vmstat not installed (make deps)"
fi
done_test
